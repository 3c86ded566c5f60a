"""Findings: what every check reports, and how they are written out.

A finding is a linter-style record: a stable code, a severity, a location and a
message. Renderers turn a list of findings into text for people, JSON for
machines, or SARIF 2.1.0 for code-scanning tools. Nothing here prints.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITY_RANK = {INFO: 0, WARNING: 1, ERROR: 2}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: str | None = None        # XPath of the element, or a unit label
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def location(self) -> str:
        where = self.file or "<input>"
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return where

    def to_dict(self) -> dict:
        data = asdict(self)
        if not data["extra"]:
            del data["extra"]
        return data


class InputError(Exception):
    """Input that cannot be processed; ``findings`` say where and why."""

    def __init__(self, findings: list[Finding]):
        super().__init__("; ".join(f"{f.location}: {f.message}" for f in findings))
        self.findings = findings


def at_or_above(findings, severity: str) -> list[Finding]:
    """The findings whose severity is at least ``severity``."""
    floor = SEVERITY_RANK[severity]
    return [f for f in findings if SEVERITY_RANK[f.severity] >= floor]


def sort_key(finding: Finding):
    return (finding.file or "", finding.line or 0, finding.column or 0, finding.code)


def summary(findings) -> str:
    counts = {sev: 0 for sev in (ERROR, WARNING, INFO)}
    for f in findings:
        counts[f.severity] += 1
    files = {f.file for f in findings}
    parts = [f"{n} {sev}{'s' if n != 1 else ''}" for sev, n in counts.items() if n]
    if not parts:
        return "no findings"
    return ", ".join(parts) + f" in {len(files)} file{'s' if len(files) != 1 else ''}"


def render_text(findings, colour: bool = False) -> str:
    """One line per finding, grouped by file, then a summary line."""
    paint = {ERROR: "\x1b[31m", WARNING: "\x1b[33m", INFO: "\x1b[36m"}
    lines = []
    current = object()
    for f in sorted(findings, key=sort_key):
        if f.file != current:
            current = f.file
            lines.append(f.file or "<input>")
        severity = f"{paint[f.severity]}{f.severity}\x1b[0m" if colour else f.severity
        where = f"{f.line or 0}:{f.column or 0}"
        tail = f"  [{f.path}]" if f.path else ""
        lines.append(f"  {where:>8}  {severity:<7}  {f.code}  {f.message}{tail}")
    lines.append(summary(findings))
    return "\n".join(lines) + "\n"


def render_json(findings) -> str:
    data = {
        "findings": [f.to_dict() for f in sorted(findings, key=sort_key)],
        "summary": {
            sev: sum(1 for f in findings if f.severity == sev) for sev in (ERROR, WARNING, INFO)
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_sarif(findings, rules: dict[str, str], tool_version: str) -> str:
    """SARIF 2.1.0; ``rules`` maps each code to a one-line description."""
    level = {ERROR: "error", WARNING: "warning", INFO: "note"}
    used = sorted({f.code for f in findings} | set(rules))
    results = []
    for f in sorted(findings, key=sort_key):
        region = {}
        if f.line:
            region["startLine"] = f.line
            if f.column:
                region["startColumn"] = f.column
        location = {"physicalLocation": {"artifactLocation": {"uri": f.file or "stdin"}}}
        if region:
            location["physicalLocation"]["region"] = region
        if f.path:
            location["logicalLocations"] = [{"fullyQualifiedName": f.path}]
        results.append({
            "ruleId": f.code,
            "ruleIndex": used.index(f.code),
            "level": level[f.severity],
            "message": {"text": f.message},
            "locations": [location],
        })
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "aknkit",
                "version": tool_version,
                "rules": [
                    {"id": code, "shortDescription": {"text": rules.get(code, code)}}
                    for code in used
                ],
            }},
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
