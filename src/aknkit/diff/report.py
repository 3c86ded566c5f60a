"""What the diff works on and what it hands back: the versions, the aligned rows,
the report, and the report written out for people (a table) and machines (JSON)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from aknkit.findings import ERROR, INFO, SEVERITY_RANK, WARNING, Finding, Severity, at_or_above, render_text
from aknkit.model import Act, Unit


@dataclass(frozen=True)
class Version:
    """One language version to compare: its act, the file it came from, its Work IRI."""

    act: Act
    file: str
    work_iri: str

    @property
    def language(self) -> str:
        return self.act.language


# What an anchor (an HTML id) may not hold.
_NOT_IN_ANCHOR = re.compile(r"[^A-Za-z0-9_-]")


def anchor_stem(name: str) -> str:
    """A row's eId (its kind when it has none) as its anchor holds it: each
    character an HTML id may not hold made a hyphen."""
    return _NOT_IN_ANCHOR.sub("-", name)


@dataclass(eq=False, slots=True)
class Row:
    """One unit of the law across the languages: ``units[lang]`` or no entry."""

    kind: str
    index: int
    parent: Row | None = None
    units: dict[str, Unit] = field(default_factory=dict)
    children: list[Row] = field(default_factory=list)
    eid: str | None = None
    depth: int = 0
    # Its place among its siblings of its kind, from 1: what names it when its unit
    # has no number (0 when it has one).
    ordinal: int = 0
    # Names a row (its label), from its unit, ordinal and parent; set by the alignment.
    naming: Callable[[Row], str] | None = None
    # Whether an earlier row has the anchor this row's eId gives: then its index is added.
    anchor_numbered: bool = False

    @property
    def label(self) -> str:
        """The row's name for people ("Article 6, paragraph 2"): made when asked,
        as few rows' labels ever are, rather than held by every row."""
        return self.naming(self) if self.naming is not None else ""

    @property
    def anchor(self) -> str:
        """The row's HTML id, unique among the rows: made when asked, as few
        rows' anchors ever are, rather than held by every row."""
        anchor = "u-" + anchor_stem(self.eid or self.kind)
        return f"{anchor}-{self.index}" if self.anchor_numbered else anchor

    def walk(self) -> Iterator[Row]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class DiffReport:
    versions: list[Version]         # the reference first, then in the inputs' order
    reference: str
    rows: list[Row]                 # depth-first, the preamble first
    findings: list[Finding]

    @property
    def languages(self) -> list[str]:
        return [v.language for v in self.versions]

    def failing(self, severity: str) -> list[Finding]:
        return at_or_above(self.findings, severity)


# --- reports for people and machines ------------------------------------------------

_MARK: dict[str, str] = {ERROR: "E", WARNING: "W", INFO: "i"}
_LABEL_WIDTH = 60   # wider unit labels are cut with an ellipsis


def _rank(severity: str) -> int:
    return SEVERITY_RANK[Severity(severity)]


def cell_severities(report: DiffReport) -> dict[tuple[str, str], str]:
    """The worst severity per (row anchor, language) cell."""
    worst: dict[tuple[str, str], str] = {}
    for finding in report.findings:
        anchor = finding.extra.get("anchor")
        if anchor is None:
            continue
        key = (anchor, finding.extra["language"])
        if key not in worst or _rank(finding.severity) > _rank(worst[key]):
            worst[key] = finding.severity
    return worst


def _inputs_lines(report: DiffReport) -> list[str]:
    """The heading of the table: the Work, then each input, the reference marked."""
    lines = [f"{report.versions[0].work_iri}: {len(report.languages)} language versions"]
    for version in report.versions:
        role = "  (reference)" if version.language == report.reference else ""
        lines.append(f"  {version.language}  {version.file}{role}")
    return lines


def _table_cell(row: Row, language: str, worst: dict[tuple[str, str], str]) -> str:
    """A mark (ok, E, W, i, --) and the unit's line in that language's input."""
    unit = row.units.get(language)
    severity = worst.get((row.anchor, language))
    mark = _MARK[severity] if severity is not None else "ok" if unit is not None else "--"
    line = unit.loc.line if unit is not None and unit.loc else "-"
    return f"{mark:<2} {line}"


def _table_lines(report: DiffReport) -> list[str]:
    """Units down, languages across; labels indented by depth."""
    worst = cell_severities(report)
    languages = report.languages
    labels = ["  " * row.depth + row.label for row in report.rows]
    width = min(max([len("unit")] + [len(label) for label in labels]), _LABEL_WIDTH)
    cells = [[_table_cell(row, lang, worst) for lang in languages] for row in report.rows]
    column = max([len(lang) for lang in languages] + [len(c) for cs in cells for c in cs]) + 2
    lines = [f"{'unit':<{width}}  " + "".join(f"{lang:<{column}}" for lang in languages).rstrip()]
    for label, row_cells in zip(labels, cells, strict=True):
        shown = label if len(label) <= width else label[: width - 1] + "…"
        lines.append(f"{shown:<{width}}  " + "".join(f"{c:<{column}}" for c in row_cells).rstrip())
    return lines


def render_table(report: DiffReport) -> str:
    """Units down, languages across, a mark and a line per cell, then the findings."""
    lines = [
        *_inputs_lines(report),
        "",
        *_table_lines(report),
        "",
        "ok consistent, E error, W warning, i note, -- absent; the number is the "
        "unit's line in that input",
        "",
    ]
    return "\n".join(lines) + "\n" + render_text(report.findings)


def _cell_data(row: Row, language: str, worst: dict[tuple[str, str], str]) -> dict[str, Any] | None:
    unit = row.units.get(language)
    if unit is None:
        return None
    return {
        "eid": unit.eid, "wid": unit.wid, "num": unit.label,
        "line": unit.loc.line if unit.loc else None,
        "mark": worst.get((row.anchor, language), "ok"),
    }


def report_data(report: DiffReport) -> dict[str, Any]:
    """The report as plain data: inputs, aligned units with their cells, findings."""
    worst = cell_severities(report)
    units = [{"id": row.anchor, "eid": row.eid, "kind": row.kind, "label": row.label,
              "depth": row.depth,
              "cells": {lang: _cell_data(row, lang, worst) for lang in report.languages}}
             for row in report.rows]
    return {
        "work": report.versions[0].work_iri,
        "reference": report.reference,
        "inputs": [{"language": v.language, "file": v.file} for v in report.versions],
        "units": units,
        "findings": [f.to_dict() for f in report.findings],
        "summary": {sev: sum(1 for f in report.findings if f.severity == sev)
                    for sev in (ERROR, WARNING, INFO)},
    }


def render_json(report: DiffReport) -> str:
    return json.dumps(report_data(report), ensure_ascii=False, indent=2) + "\n"
