"""Findings: what every check reports, the registry of every code, and how
findings are written out.

A finding is a linter-style record: a stable code, a severity, a location and a
message. Every code any command can emit is registered once in ``_RULES``
below, with its severity, a one-line meaning, the commands that emit it and the
specification section it enforces; ``akn rules`` and the README's code tables
come from there, and a test fails on any code used in the sources that is not
registered. Adding a code is adding one line to ``_RULES``. Renderers turn a
list of findings into text for people, JSON for machines, or SARIF 2.1.0 for
code-scanning tools. Nothing here prints.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


ERROR = Severity.ERROR
WARNING = Severity.WARNING
INFO = Severity.INFO
SEVERITY_RANK: dict[str, int] = {INFO: 0, WARNING: 1, ERROR: 2}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: str | None = None        # XPath of the element, or a unit label
    # Details for machines, written out as JSON with the finding.
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def location(self) -> str:
        where = self.file or "<input>"
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return where

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if not data["extra"]:
            del data["extra"]
        return data


class InputError(Exception):
    """Input that cannot be processed; ``findings`` say where and why."""

    def __init__(self, findings: list[Finding]):
        super().__init__("; ".join(f"{f.location}: {f.message}" for f in findings))
        self.findings = findings


# --- the registry of every code ---------------------------------------------------

# Commands, as typed after ``akn``.
BUILD, PARSE, VALIDATE, DIFF, UNPARSE, RENDER = "build", "parse", "validate", "diff", "unparse", "render"
INDEX = "index"
_READERS = (DIFF, UNPARSE, RENDER, INDEX)    # commands that read AKN documents
_TEXT = (BUILD, PARSE, DIFF)                 # commands that parse text sources
_FOLDER = (BUILD, DIFF)                      # commands that read act.toml folders
_XML = (VALIDATE, *_READERS)                 # commands that parse XML


@dataclass(frozen=True)
class Rule:
    """One registered code. ``level`` is the AKN conformance level of the
    validator's codes (0 input, 1 schema, 2 naming convention), None elsewhere."""

    code: str
    severity: Severity
    summary: str
    commands: tuple[str, ...]
    section: str = "-"
    level: int | None = None

    @property
    def family(self) -> str:
        """``AKN``, ``P``, ``S``, ``B``, ``D``, ``U`` or ``R``: the letters before the number."""
        return self.code.rstrip("0123456789")


_R = Rule
_NC, _P2 = "NC", "Part 2 §3 (Level 1)"
# One line per code. Codes are stable: a code is never reused for another problem.
# "NC" is the OASIS Akoma Ntoso Naming Convention Version 1.0; "Part 2" is Akoma
# Ntoso Version 1.0 Part 2: Specifications.
_RULES = (
    # --- AKN0xx: the input itself (unreadable, not XML, unsafe, not AKN 3.0) -----
    _R("AKN001", ERROR, "input is not well-formed XML", _XML, "XML 1.0 §2.1", 0),
    _R("AKN002", ERROR, "document type declaration refused (it can read files or expand entities)", _XML,
       "Part 2 §3; safe parsing", 0),
    _R("AKN003", ERROR, "input is larger than the size limit (--max-bytes)", _XML, "safe parsing", 0),
    _R("AKN004", ERROR, "input is empty", _XML, "XML 1.0 §2.1", 0),
    _R("AKN005", ERROR, "file cannot be read", _XML, "-", 0),
    _R("AKN010", ERROR, "document uses the Akoma Ntoso 2.0 namespace, not 3.0", (VALIDATE,), _P2, 0),
    _R("AKN011", ERROR, "document element is not in the Akoma Ntoso 3.0 namespace", _XML, _P2, 0),
    _R("AKN012", ERROR, "document element is not akomaNtoso", _XML, _P2, 0),
    # --- AKN1xx: Level 1, the official schema -------------------------------------
    _R("AKN101", ERROR, "element not expected here", (VALIDATE, BUILD), f"{_P2}: XSD content model", 1),
    _R("AKN102", ERROR, "required element missing", (VALIDATE, BUILD), f"{_P2}: XSD content model", 1),
    _R("AKN103", ERROR, "attribute not allowed on this element", (VALIDATE, BUILD), f"{_P2}: XSD attributes", 1),
    _R("AKN104", ERROR, "required attribute missing", (VALIDATE, BUILD), f"{_P2}: XSD attributes", 1),
    _R("AKN105", ERROR, "value not valid for its type", (VALIDATE, BUILD), f"{_P2}: XSD simple types", 1),
    _R("AKN106", ERROR, "eId or GUID not unique in the document", (VALIDATE, BUILD), f"{_P2}: XSD unique", 1),
    _R("AKN107", ERROR, "text not allowed here", (VALIDATE, BUILD), f"{_P2}: XSD content model", 1),
    _R("AKN199", ERROR, "other schema violation", (VALIDATE, BUILD), _P2, 1),
    # --- AKN2xx: Level 2, FRBR IRIs and metadata -----------------------------------
    _R("AKN201", ERROR, "FRBRthis/FRBRuri is not an AKN IRI of its FRBR level", (VALIDATE, BUILD),
       "NC §4.5-4.7", 2),
    _R("AKN202", ERROR, "country is not an ISO 3166-1 alpha-2 (or ISO 3166-2) code", (VALIDATE, BUILD),
       "NC §4.5", 2),
    _R("AKN203", ERROR, "IRI country differs from FRBRcountry", (VALIDATE, BUILD), "NC §4.5", 2),
    _R("AKN204", ERROR, "IRI document type differs from the document element", (VALIDATE, BUILD), "NC §4.5", 2),
    _R("AKN205", ERROR, "IRI subtype differs from FRBRsubtype (or the document's @name)", (VALIDATE, BUILD),
       "NC §4.5", 2),
    _R("AKN206", ERROR, "IRI date is not a date or differs from the Work's FRBRdate", (VALIDATE, BUILD),
       "NC §4.5", 2),
    _R("AKN207", ERROR, "IRI number differs from FRBRnumber (or FRBRname)", (VALIDATE, BUILD), "NC §4.5", 2),
    _R("AKN208", ERROR, "language is not an ISO 639-2 alpha-3 code", (VALIDATE, BUILD), "NC §4.6.1", 2),
    _R("AKN209", ERROR, "IRI language differs from FRBRlanguage", (VALIDATE, BUILD), "NC §4.6.1", 2),
    _R("AKN210", ERROR, "Expression IRI does not extend the Work IRI, or Manifestation the Expression",
       (VALIDATE, BUILD), "NC §4.6, §4.7", 2),
    _R("AKN211", ERROR, "Manifestation IRI format differs from FRBRformat", (VALIDATE, BUILD), "NC §4.7", 2),
    _R("AKN212", ERROR, "FRBRthis is not FRBRuri (plus a component)", (VALIDATE, BUILD), "NC §4.8.1", 2),
    _R("AKN213", WARNING, "IRI actor matches no FRBRauthor of the Work", (VALIDATE, BUILD), "NC §4.5", 2),
    _R("AKN214", WARNING, "Expression IRI has no '@' before the version", (VALIDATE, BUILD), "NC §4.6.1", 2),
    _R("AKN215", WARNING, "Expression version date differs from the Expression's FRBRdate", (VALIDATE, BUILD),
       "NC §4.6.1", 2),
    _R("AKN216", ERROR, "FRBRmasterExpression is not another Expression of the same Work", (VALIDATE, BUILD),
       "NC §5.5.2", 2),
    _R("AKN217", ERROR, "IRI component holds a space or a character outside letters, digits, - and _",
       (VALIDATE, BUILD), "NC §4.5, §4.6.1; RFC 3987 §2.2", 2),
    _R("AKN218", ERROR, "country code in upper case (IRI or FRBRcountry)", (VALIDATE, BUILD), "NC §4.5", 2),
    # --- AKN3xx: Level 2, eId and wId ------------------------------------------------
    _R("AKN301", ERROR, "eId/wId is not [prefix__]element_ref[_number]", (VALIDATE, BUILD), "NC §5.4", 2),
    _R("AKN302", ERROR, "eId element_ref does not name the element", (VALIDATE, BUILD), "NC §5.4.2", 2),
    _R("AKN303", ERROR, "eId number does not come from the element's num", (VALIDATE, BUILD), "NC §5.4.3", 2),
    _R("AKN304", ERROR, "eId prefix is not the eId of an ancestor", (VALIDATE, BUILD), "NC §5.4.1", 2),
    _R("AKN305", ERROR, "element of the schema's idreq group has no eId", (VALIDATE, BUILD),
       "NC §5.5.1; XSD idreq", 2),
    _R("AKN306", WARNING, "document carries no eIds at all", (VALIDATE, BUILD), "NC §5.1, §5.5.1", 2),
    _R("AKN307", WARNING, "wId used by more than one element", (VALIDATE, BUILD), "NC §5.5.3", 2),
    _R("AKN308", WARNING, "wId equals the eId (a wId appears only where it differs)", (VALIDATE, BUILD),
       "NC §5.5.3", 2),
    # --- AKN4xx: Level 2, references ----------------------------------------------------
    _R("AKN401", ERROR, "internal reference names no eId of the document", (VALIDATE, BUILD), "NC §4.10.1", 2),
    _R("AKN402", ERROR, "reference to a TLC (source, refersTo, by, as, ...) names no eId", (VALIDATE, BUILD),
       "NC §4.11; XSD agentRef/roleRef/conceptRef/referenceRef", 2),
    _R("AKN403", WARNING, "reference to another document is not a relative /akn IRI", (VALIDATE, BUILD),
       "NC §4.3, §4.10", 2),
    # --- P: reading a text source -----------------------------------------------------
    _R("P001", ERROR, "binary file (NUL bytes that are not UTF-16 text)", _TEXT),
    _R("P002", ERROR, "not UTF-8 (the encoding is named when recognised: UTF-16, CP1251, KOI8-R)", _TEXT),
    _R("P003", ERROR, "control character in a line", _TEXT),
    _R("P004", ERROR, "empty file", _TEXT),
    _R("P101", ERROR, "duplicate unit number", _TEXT),
    _R("P102", ERROR, "numbers out of order", _TEXT),
    _R("P103", ERROR, "article before any chapter (when the act has chapters)", _TEXT),
    _R("P104", ERROR, "chapter/section/part with no articles", _TEXT),
    _R("P105", ERROR, "nothing reads as the body of an act: no units, no numbered paragraphs, no text after an "
       "enacting formula (the message names `--lang X` only when the profile of X reads the text)", _TEXT),
    _R("P121", ERROR, "an attachment heading (\"Приложение 1 к ...\") with no text after it", _TEXT),
    _R("P122", ERROR, "the text has no title line and `act.toml` has no `[title]` entry for its language", _FOLDER),
    _R("P131", ERROR, "a quote that opens new wording in an amending law is never closed (the line of the "
       "opening quote)", _TEXT),
    _R("P231", WARNING, "a line starts like a dash item where no list is open, and is read as text (the act is "
       "built; kept in the model's warnings)", _TEXT),
    _R("P232", WARNING, "a line right under a heading, ending no sentence, may continue the heading; read as text "
       "(the act is built; kept in the model's warnings)", _TEXT),
    _R("P233", WARNING, "text after a signature block that no attachment heading claims is read into the act's "
       "last unit (the act is built; --strict fails it)", _TEXT),
    _R("P234", WARNING, "a footnote records a change (\"изменена\", \"өзгертілді\", \"amended\") but names no "
       "amending act with its date and number; it stays a note, with no amendment history (the act is built; "
       "--strict fails it)", _TEXT),
    _R("P241", WARNING, "a reference to a unit of the act (\"статьи 25 настоящего Закона\", \"пункта 5 настоящей "
       "статьи\") names a unit the act does not have; left as text, no link (the act is built; --strict fails it)",
       _FOLDER),
    _R("P201", WARNING, "a line looks like a label but is not one (keyword typo, no blank, case, look-alike "
       "letter); read as text (the act is built; --strict fails it)", _TEXT),
    _R("P202", WARNING, "a gap in the numbering of one kind of unit, naming the missing number (the act is built; "
       "--strict fails it)", _TEXT),
    _R("P203", ERROR, "the text reads as another language than its file name says (alphabet and labels of "
       "every profile)", _TEXT),
    # --- S: the source folder and its act.toml ------------------------------------------
    _R("S001", ERROR, "act.toml missing, unreadable, not UTF-8 or not valid TOML", _FOLDER),
    _R("S002", ERROR, "a language in act.toml has no language profile", _FOLDER),
    _R("S003", ERROR, "a language's text file is missing or unreadable", _FOLDER),
    _R("S101", ERROR, "act.toml: a required key is missing", _FOLDER),
    _R("S102", ERROR, "act.toml: a value has the wrong type (a quoted date, a number without quotes, ...)", _FOLDER),
    _R("S103", ERROR, "act.toml: unknown key or section (the closest known name is suggested)", _FOLDER),
    _R("S104", ERROR, "act.toml: a value the naming convention does not allow in the IRI (country, doctype, "
       "subtype, number)", _FOLDER, "NC §4.5"),
    _R("S105", ERROR, "act.toml: an id or role_id is not lower-case letters, digits and hyphens", _FOLDER,
       "NC §5.5.1"),
    _R("S106", ERROR, "act.toml: two ids would be the same eId in the output", _FOLDER, "Part 2 §3: XSD unique"),
    _R("S107", ERROR, "act.toml: a per-language table lacks a language of `languages`, or names another", _FOLDER),
    _R("S108", ERROR, "act.toml: master_language not in languages, or a language listed twice", _FOLDER),
    _R("S201", ERROR, "act.toml: [title] differs from the title line of that language's text", _FOLDER),
    _R("S202", ERROR, "act.toml: date differs from the date on a text's type/date line", _FOLDER),
    _R("S203", ERROR, "act.toml: number differs from the number on a text's type/date line", _FOLDER),
    # --- B: building --------------------------------------------------------------------
    _R("B101", ERROR, "two act folders would write the same output folder: both refused, nothing written",
       (BUILD,)),
    _R("B102", ERROR, "an output file holds another Work (an earlier act of the same folder name): not replaced "
       "without --force", (BUILD,)),
    _R("B301", ERROR, "a source line did not reach the XML (a bug: please report it)", (BUILD,)),
    _R("B401", ERROR, "an output cannot be written (permissions, disk full)", (BUILD,)),
    _R("B402", ERROR, "--scheduler: the act's task failed on the cluster after its retries (store unreachable, "
       "workers kept dying); nothing written for it", (BUILD,)),
    # --- D: comparing language versions ---------------------------------------------------
    _R("D001", ERROR, "fewer than two language versions to compare (exit 2)", (DIFF,)),
    _R("D002", ERROR, "a language appears twice (exit 2)", (DIFF,)),
    _R("D003", ERROR, "the versions are not expressions of the same Work (exit 2)", (DIFF,)),
    _R("D101", ERROR, "unit missing in a language (reported once, at the outermost missing unit)", (DIFF, BUILD)),
    _R("D102", ERROR, "extra unit: a language has a unit the reference lacks", (DIFF, BUILD)),
    _R("D103", ERROR, "numbering differs (`Article 40` where the reference has `4-бап`)", (DIFF, BUILD)),
    _R("D104", ERROR, "order differs, or the unit sits under another parent", (DIFF, BUILD)),
    _R("D105", ERROR, "heading present in some languages only", (DIFF, BUILD)),
    _R("D106", ERROR, "different count of paragraphs, points or items inside a unit, or of its text paragraphs "
       "(a missing paragraph is reported here, not as D101)", (DIFF, BUILD)),
    _R("D107", ERROR, "preamble paragraph count differs", (DIFF, BUILD)),
    _R("D108", ERROR, "Work metadata differs: country, doctype, subtype, date, number (FRBRWork), or the date or "
       "number under the title", (DIFF, BUILD)),
    _R("D109", ERROR, "unit repealed in some languages only", (DIFF, BUILD)),
    _R("D201", WARNING, "the numbers written in a unit differ, as multisets (dates and references taken out; "
       "`25 000` = `25,000`, `1,5` = `1.5`)", (DIFF,)),
    _R("D202", WARNING, "the dates differ after normalisation (`16 декабря 1991 года` = `December 16, 1991` = "
       "`16.12.1991`)", (DIFF,)),
    _R("D203", WARNING, "references point to different units (`Article 5`, `статьи 5`, `5-бабы`)", (DIFF,)),
    _R("D204", WARNING, "a unit has no text in a language while others have", (DIFF,)),
    _R("D205", WARNING, "a paragraph or heading of a unit reads the same as in another language (left "
       "untranslated), whatever the rest of the unit says; at that paragraph's line, blamed on the language whose "
       "alphabet the text is not written in (on a tie the smaller alphabet keeps it); fewer than two words "
       "(`Evaluation`) is no sign of it", (DIFF,)),
    _R("D301", INFO, "no language profile for a language: its numbers, dates and references are not compared", (DIFF,)),
    # --- U: writing text back ------------------------------------------------------------
    _R("U301", ERROR, "text of the document would be lost in the unparsed text", (UNPARSE,)),
    # --- C: the catalogue of akn index ------------------------------------------------------
    _R("C101", ERROR, "an expression is already catalogued from another file: the second is left out", (INDEX,)),
    # --- R: reading Akoma Ntoso for diff, unparse, render and index ---------------------------------
    _R("R002", ERROR, "a folder holds neither act.toml nor *.xml files", (DIFF,)),
    _R("R102", ERROR, "akomaNtoso holds no document element", _READERS, _P2),
    _R("R103", ERROR, "no FRBRWork, or no country in it", _READERS, "NC §4.5"),
    _R("R104", ERROR, "the Work has no date, or a date that is not a date", _READERS, "NC §4.5"),
    _R("R105", ERROR, "the Expression has no language", _READERS, "NC §4.6.1"),
    _R("R201", WARNING, "document in the AKN 2.0 or a pre-release 3.0 namespace, read anyway", (DIFF,), _P2),
)

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}


def rule(code: str) -> Rule:
    """The registered rule of ``code``; KeyError names an unregistered code."""
    return RULES[code]


def finding(code: str, message: str, file: str | None = None, line: int | None = None,
            column: int | None = None, path: str | None = None, extra: dict[str, Any] | None = None) -> Finding:
    """A finding of a registered ``code``, with the severity the registry gives it."""
    return Finding(code, RULES[code].severity, message, file, line or None, column or None, path,
                   extra or {})


def matches(code: str, patterns: Iterable[str]) -> bool:
    """True when ``code`` starts with any of ``patterns`` (``AKN3`` selects AKN301...)."""
    return any(code.startswith(pattern.strip().upper()) for pattern in patterns if pattern.strip())


def select_rules(prefixes: Collection[str] = ()) -> list[Rule]:
    """The registered rules whose code starts with one of ``prefixes`` (all when none), in code order."""
    chosen = [r for r in RULES.values() if not prefixes or matches(r.code, prefixes)]
    return sorted(chosen, key=lambda r: (_family_rank(r.family), r.code))


_FAMILY_ORDER = ("AKN", "P", "S", "B", "D", "U", "R", "C")


def _family_rank(family: str) -> int:
    return _FAMILY_ORDER.index(family) if family in _FAMILY_ORDER else len(_FAMILY_ORDER)


def rules_markdown(rules: list[Rule]) -> str:
    """The README's table of ``rules``: one row per code."""
    rows = ["| code | severity | command | what it means | specification |", "|---|---|---|---|---|"]
    rows += [f"| {r.code} | {r.severity} | {', '.join(r.commands)} | {r.summary} | {r.section} |" for r in rules]
    return "\n".join(rows) + "\n"


def at_or_above(findings: Iterable[Finding], severity: str) -> list[Finding]:
    """The findings whose severity is at least ``severity``."""
    floor = SEVERITY_RANK[severity]
    return [f for f in findings if SEVERITY_RANK[f.severity] >= floor]


def sort_key(finding: Finding) -> tuple[str, int, int, str]:
    return (finding.file or "", finding.line or 0, finding.column or 0, finding.code)


def summary(findings: Collection[Finding]) -> str:
    counts: dict[Severity, int] = {sev: 0 for sev in (ERROR, WARNING, INFO)}
    for f in findings:
        counts[f.severity] += 1
    files = {f.file for f in findings}
    parts = [f"{n} {sev}{'s' if n != 1 else ''}" for sev, n in counts.items() if n]
    if not parts:
        return "no findings"
    return ", ".join(parts) + f" in {len(files)} file{'s' if len(files) != 1 else ''}"


def render_text(findings: Collection[Finding], colour: bool = False) -> str:
    """One line per finding, grouped by file, then a summary line."""
    paint: dict[Severity, str] = {ERROR: "\x1b[31m", WARNING: "\x1b[33m", INFO: "\x1b[36m"}
    lines: list[str] = []
    current: object = object()
    for f in sorted(findings, key=sort_key):
        if f.file != current:
            current = f.file
            lines.append(f.file or "<input>")
        severity = f"{paint[f.severity]}{f.severity}\x1b[0m" if colour else f.severity
        # A finding about a whole file (a missing key, an unreadable file) has no line: "-", not "0:0".
        where = f"{f.line}:{f.column or 0}" if f.line else "-"
        tail = f"  [{f.path}]" if f.path else ""
        lines.append(f"  {where:>8}  {severity:<7}  {f.code}  {f.message}{tail}")
    lines.append(summary(findings))
    return "\n".join(lines) + "\n"


def render_json(findings: Collection[Finding]) -> str:
    data = {
        "findings": [f.to_dict() for f in sorted(findings, key=sort_key)],
        "summary": {
            sev: sum(1 for f in findings if f.severity == sev) for sev in (ERROR, WARNING, INFO)
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_sarif(findings: Collection[Finding], rules: dict[str, str], tool_version: str) -> str:
    """SARIF 2.1.0; ``rules`` maps each code to a one-line description."""
    level: dict[Severity, str] = {ERROR: "error", WARNING: "warning", INFO: "note"}   # SARIF's names
    used = sorted({f.code for f in findings} | set(rules))
    results = [{
        "ruleId": f.code,
        "ruleIndex": used.index(f.code),
        "level": level[f.severity],
        "message": {"text": f.message},
        "locations": [_sarif_location(f)],
    } for f in sorted(findings, key=sort_key)]
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


def _sarif_location(f: Finding) -> dict[str, object]:
    """Where a SARIF result is: the file, the line and column when known, and the element's XPath."""
    physical: dict[str, object] = {"artifactLocation": {"uri": f.file or "stdin"}}
    if f.line:
        region = {"startLine": f.line}
        if f.column:
            region["startColumn"] = f.column
        physical["region"] = region
    location: dict[str, object] = {"physicalLocation": physical}
    if f.path:
        location["logicalLocations"] = [{"fullyQualifiedName": f.path}]
    return location
