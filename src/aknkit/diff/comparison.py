"""The state every check shares: the versions in their order, the alignment,
and the findings so far. Every finding compares one language with the
*reference* version (the first in ``order``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aknkit.akn import ids
from aknkit.diff.align import Alignment
from aknkit.diff.facts import TextReader, UnitContent
from aknkit.diff.profiles import profile_of
from aknkit.diff.report import Row, Version
from aknkit.diff.units import COUNTED_KINDS, own_text_and_marks
from aknkit.findings import Finding, select_rules
from aknkit.model import Unit
from aknkit.text.profile import Profile

# Severity and meaning of each code, from the one registry of every code.
CODES = {rule.code: (rule.severity, rule.summary) for rule in select_rules(["D1", "D2", "D3"])}


@dataclass
class Comparison:
    """One run of the checks: what they compare, what they found, and what
    they remember between rows (counts already reported, lines, text facts)."""

    versions: dict[str, Version]   # language -> Version
    order: list[str]               # the reference first, then the inputs' order
    alignment: Alignment
    label_language: str
    findings: list[Finding] = field(default_factory=list)
    counts_differ: set[tuple[int, str]] = field(default_factory=set)   # (row.index, language): D106 reported
    # (row.index, language) -> line; found on the first finding that needs it (most never do)
    preceding_line: dict[tuple[int, str], int] | None = None
    number_keys: dict[str | None, tuple[Any, ...]] = field(default_factory=dict)  # number -> its key
    # Fixed by ``order``; looked up for every unit, so set once.
    reference: str = field(init=False)
    others: list[str] = field(init=False)   # the languages compared with the reference
    readers: dict[str, TextReader] = field(init=False)   # language -> its texts, each read once

    def __post_init__(self) -> None:
        self.reference, self.others = self.order[0], self.order[1:]
        self.readers = {language: TextReader(profile_of(language)) for language in self.order}

    def profile(self, language: str) -> Profile | None:
        return profile_of(language)

    def number_key(self, num: str | None) -> tuple[Any, ...]:
        key = self.number_keys.get(num)
        if key is None:
            key = self.number_keys[num] = ids.number_key(num)
        return key

    def content(self, unit: Unit, language: str) -> UnitContent:
        """What is compared of a unit; its texts are read once per comparison."""
        heading = unit.heading.text if unit.heading is not None else None
        text, marks = own_text_and_marks(unit)
        if not marks:
            return self.readers[language].plain_content(text, heading)
        return self.readers[language].unit_content(text, heading, marks)

    def finding(self, code: str, row: Row | None, language: str, message: str,
                line: int | None = None) -> Finding:
        """A finding on ``row`` in ``language``: at the unit's line, or where the
        missing unit would be (the line of the unit before it)."""
        unit = row.units.get(language) if row is not None else None
        if line is None and unit is not None and unit.loc is not None:
            line = unit.loc.line
        if line is None and row is not None:
            if self.preceding_line is None:
                self.preceding_line = self.preceding_lines()
            line = self.preceding_line.get((row.index, language))
        extra: dict[str, object] = {"language": language, "reference": self.reference}
        if row is not None:
            extra.update({
                "unit": row.eid, "anchor": row.anchor, "label": row.label,
                "lines": {lang: u.loc.line for lang, u in row.units.items() if u.loc},
            })
        return Finding(code, CODES[code][0], message, file=self.versions[language].file,
                       line=line or None, path=row.label if row is not None else None, extra=extra)

    def emit(self, code: str, row: Row | None, language: str, message: str,
             line: int | None = None) -> None:
        self.findings.append(self.finding(code, row, language, message, line))

    def preceding_lines(self) -> dict[tuple[int, str], int]:
        """Where a missing unit would be: the line of the unit before it in that language."""
        found: dict[tuple[int, str], int] = {}
        last: dict[str, int] = {}
        for row in self.alignment.rows:
            if len(row.units) < len(self.order):
                for language in self.order:
                    if language not in row.units and language in last:
                        found[(row.index, language)] = last[language]
            for language, unit in row.units.items():
                if unit.loc is not None:
                    last[language] = unit.loc.line
        return found

    def count_explains(self, row: Row, language: str) -> bool:
        """A paragraph or point missing where D106 already reported the count."""
        return (row.kind in COUNTED_KINDS and row.parent is not None
                and (row.parent.index, language) in self.counts_differ)

    def title_line(self, language: str) -> int | None:
        title = self.versions[language].act.title
        return title.loc.line if title is not None and title.loc else None
