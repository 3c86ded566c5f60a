"""What a unit says that must read the same in every language: the numbers,
dates and references written in its text, read with the language's profile."""

from __future__ import annotations

import re
import types
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from aknkit.akn import ids
from aknkit.diff.scans import Scans, scans_for
from aknkit.diff.units import kind_rank
from aknkit.model import UNIT_KINDS, Inline, InlineKind
from aknkit.text.dates import find_dates
from aknkit.text.profile import Profile

_DIGIT = re.compile(r"\d")
# A run of digits and the separators that may sit inside one number; the run is
# split into numbers by _number_values ("25 000" is one, "10 20" two).
_NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f.,]\d+)*")
_THOUSANDS = re.compile(r"\d{1,3}(?:([ \u00a0\u202f,.])\d{3})(?:\1\d{3})*")
_DECIMAL = re.compile(r"\d+[.,]\d+")
_BLANKS = re.compile(r"[ \u00a0\u202f]")
_POINTS = re.compile(r"[.,]")
WORDS = re.compile(r"\w+")

# A reference as written: (kind, printed number) per step, outermost first
# (("article", "8"), ("paragraph", "2")); compared by the steps' number keys.
ReferenceSteps = tuple[tuple[str, str], ...]
ReferenceKey = tuple[tuple[str, tuple[Any, ...]], ...]
# What must be equal across the languages: numbers, dates, references.
Compared = tuple[tuple[str, ...], tuple[str, ...], tuple[ReferenceKey, ...]]


@dataclass(frozen=True, slots=True)
class Facts:
    """The comparable content of a unit's own text (children have their own).

    Numbers, dates and references are sorted tuples: multisets that compare fast.
    """

    numbers: tuple[str, ...]
    dates: tuple[str, ...]
    references: tuple[ReferenceKey, ...]
    reference_names: Mapping[ReferenceKey, ReferenceSteps]   # each target as first written
    words: str               # normalised text, for the identity check

    def compared(self) -> Compared:
        """Numbers, dates, references: what must be equal across the languages."""
        return self.numbers, self.dates, self.references

    def same_as(self, other: Facts) -> bool:
        """Whether ``other`` has the same numbers, dates and references."""
        return self is other or (self.numbers == other.numbers and self.dates == other.dates
                                 and self.references == other.references)


# Shared, read-only: most texts name no unit.
_NO_NAMES: Mapping[ReferenceKey, ReferenceSteps] = types.MappingProxyType({})


def _number_values(run: str) -> list[str]:
    """The numbers in a run of digits: ``25 000`` and ``1,000`` are 1000s
    grouped, ``1,5`` and ``1.5`` one decimal, ``10 20`` two numbers."""
    if run.isdigit():
        return [run]
    if _THOUSANDS.fullmatch(run):
        return ["".join(c for c in run if c.isdigit())]
    values = []
    for piece in _BLANKS.split(run):
        if _THOUSANDS.fullmatch(piece):
            values.append("".join(c for c in piece if c.isdigit()))
        elif _DECIMAL.fullmatch(piece):
            values.append(piece.replace(",", "."))
        else:
            values.extend(_POINTS.split(piece))
    return values


def _numbers(text: str) -> tuple[str, ...]:
    values: list[str] = []
    for run in _NUMBER.findall(text):
        if run.isdigit():
            values.append(run)   # the common case: one plain number
        else:
            values += _number_values(run)
    values.sort()
    return tuple(values)


def _references(text: str, scans: Scans) -> list[tuple[int, int, ReferenceSteps]]:
    """(start, end, steps) for every reference; steps are (kind, printed num).

    References to a unit below another ("paragraph 2 of Article 8") are found
    first; a single-unit reference inside one of them is not counted again.
    """
    found: list[tuple[int, int, ReferenceSteps]] = []

    def free(start: int, end: int) -> bool:
        return not any(start < e and s < end for s, e, _ in found)

    for scan in scans.nested_references:
        if not scan.may_match(text):
            continue
        for match in scan.pattern.finditer(text):
            start, end = match.span()
            if not found or free(start, end):
                steps = tuple(sorted(((kind, num) for kind, num in match.groupdict().items() if num),
                                     key=_step_rank))
                found.append((start, end, steps))
    for name, scan in scans.references:
        if not scan.may_match(text):
            continue
        for match in scan.pattern.finditer(text):
            start, end = match.span()
            if not found or free(start, end):
                found.append((start, end, ((name, match.group("num")),)))
    return found


def _step_rank(step: tuple[str, str]) -> int:
    return kind_rank(step[0])


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the characters of ``spans`` blanked out (same length);
    spans may lie inside one another (a date inside a reference)."""
    pieces, at = [], 0
    for start, end in sorted(spans):
        start = max(start, at)
        if end > start:
            pieces.append(text[at:start])
            pieces.append(" " * (end - start))
            at = end
    pieces.append(text[at:])
    return "".join(pieces)


def normalised_words(text: str) -> str:
    """The words of ``text``, case-folded, one blank apart: what two texts share
    when one was copied from the other."""
    return " ".join(WORDS.findall(text.casefold()))


def text_facts(text: str, profile: Profile | None, marks: Sequence[Inline] = ()) -> Facts:
    """Numbers, dates and references written in ``text``.

    The dates and references ``marks`` mark (the ``<date>``, ``<ref>`` and
    ``<rref>`` of a document) are taken as marked; the text outside them is
    read with the profile's patterns. Dates and references are taken out
    before numbers are counted, so a date written "16.12.1991" in one
    language and "16 декабря 1991" in another is one equal date, not
    different numbers.
    """
    words = normalised_words(text)
    if profile is None or not _DIGIT.search(text):
        return Facts((), (), (), _NO_NAMES, words)
    seen = profile.normalise(text)
    found = _Found()
    for mark in marks:
        found.mark(mark)
    if marks:
        seen = _without(seen, found.taken)
    scans = scans_for(profile)
    date_profile = scans.date_profile(seen)
    if date_profile is not None:
        for span in find_dates(seen, date_profile):
            found.dates.append(span.value)
            found.taken.append((span.start, span.end))
    for start, end, steps in _references(seen, scans):
        found.reference(steps)
        found.taken.append((start, end))
    rest = _without(seen, found.taken) if found.taken else seen
    return found.facts(_numbers(rest), words)


# The unit kind of each eId element_ref (``art`` -> article); a point's
# element stands for the items inside points too.
_KIND_OF_REF: dict[str, str] = {}
for _kind in UNIT_KINDS:
    _KIND_OF_REF.setdefault(ids.element_ref(ids.akn_element(_kind)), _kind)


def mark_steps(mark: Inline) -> ReferenceSteps:
    """What a reference mark points at, as steps: the units of its eId
    (``#art_8__para_2``: article 8, paragraph 2; a range's last number joined
    to its first: ``5-7``), or another act by its IRI."""
    if not mark.value.startswith("#"):
        return (("act", mark.value),)
    steps = [(_KIND_OF_REF.get(step.ref, step.ref), step.number or "") for step in ids.parse_eid(mark.value[1:])]
    if mark.to is not None and mark.to.startswith("#") and steps:
        last = ids.parse_eid(mark.to[1:])[-1].number or ""
        steps[-1] = (steps[-1][0], f"{steps[-1][1]}-{last}")
    return tuple(steps)


@dataclass
class _Found:
    """Dates and references found in a text, and where they stand."""

    dates: list[str] = field(default_factory=list)
    references: list[ReferenceKey] = field(default_factory=list)
    names: dict[ReferenceKey, ReferenceSteps] = field(default_factory=dict)
    taken: list[tuple[int, int]] = field(default_factory=list)

    def mark(self, mark: Inline) -> None:
        self.taken.append((mark.start, mark.end))
        if mark.kind == InlineKind.DATE:
            self.dates.append(mark.value)
        else:
            self.reference(mark_steps(mark))

    def reference(self, steps: ReferenceSteps) -> None:
        key = tuple((kind, ids.number_key(num)) for kind, num in steps)
        self.references.append(key)
        self.names.setdefault(key, steps)

    def facts(self, numbers: tuple[str, ...], words: str) -> Facts:
        return Facts(numbers, tuple(sorted(self.dates)), tuple(sorted(self.references)),
                     self.names or _NO_NAMES, words)


def merged(a: Facts, b: Facts) -> Facts:
    """The facts of two texts read as one (a heading and its body)."""
    return Facts(tuple(sorted(a.numbers + b.numbers)), tuple(sorted(a.dates + b.dates)),
                 tuple(sorted(a.references + b.references)),
                 {**a.reference_names, **b.reference_names}, f"{a.words} {b.words}")


@dataclass(frozen=True, slots=True)
class UnitContent:
    """A unit's text as the checks compare it: body and heading apart, so that a
    heading present in one language only does not disturb the comparison."""

    has_text: bool
    body: Facts
    heading: Facts | None

    def words(self, with_heading: bool) -> str:
        if with_heading and self.heading is not None:
            return f"{self.heading.words} {self.body.words}"
        return self.body.words

    def compared(self) -> tuple[Compared, Compared | None]:
        """Numbers, dates and references of the body and (None or) the heading."""
        return self.body.compared(), None if self.heading is None else self.heading.compared()

    def same_facts(self, other: UnitContent, with_heading: bool) -> bool:
        """A quick test; False does not yet mean the merged facts differ.
        ``with_heading``: both units have a heading, compared as well."""
        if not self.body.same_as(other.body):
            return False
        ours, theirs = self.heading, other.heading
        if not with_heading or ours is None or theirs is None:
            return True
        return ours.same_as(theirs)

    def facts(self, with_heading: bool) -> Facts:
        if not with_heading or self.heading is None:
            return self.body
        return merged(self.heading, self.body)


def unit_content(text: str, heading: str | None, profile: Profile | None,
                 marks: Sequence[Inline] = ()) -> UnitContent:
    """The content of a unit with own text ``text`` (its references and dates
    marked by ``marks``) and heading ``heading``."""
    heading_facts = text_facts(heading, profile) if heading is not None else None
    return UnitContent(bool(text.strip()), text_facts(text, profile, marks), heading_facts)


@dataclass
class TextReader:
    """One language's texts read for a comparison, each distinct text once:
    headings and formulae recur across a law, and what a text says depends
    on the text (and what its document marks in it) alone."""

    profile: Profile | None
    facts_of: dict[tuple[str, tuple[Inline, ...]], Facts] = field(default_factory=dict)   # (text, marks) ->
    words_of: dict[str, str] = field(default_factory=dict)
    # (text, heading, marks) -> the content of a unit with that text and heading
    contents: dict[tuple[str, str | None, tuple[Inline, ...]], UnitContent] = field(default_factory=dict)

    def facts(self, text: str, marks: Sequence[Inline] = ()) -> Facts:
        key = (text, tuple(marks))
        facts = self.facts_of.get(key)
        if facts is None:
            facts = self.facts_of[key] = text_facts(text, self.profile, marks)
        return facts

    def words(self, text: str) -> str:
        """``normalised_words(text)``; a text already read for its facts is not read again."""
        words = self.words_of.get(text)
        if words is None:
            facts = self.facts_of.get((text, ()))
            words = self.words_of[text] = facts.words if facts is not None else normalised_words(text)
        return words

    def plain_content(self, text: str, heading: str | None) -> UnitContent:
        """:meth:`unit_content` of a text that its document marks nothing in (most)."""
        content = self.contents.get((text, heading, ()))
        return content if content is not None else self.unit_content(text, heading)

    def unit_content(self, text: str, heading: str | None, marks: Sequence[Inline] = ()) -> UnitContent:
        """:func:`unit_content`, each text read once."""
        key = (text, heading, tuple(marks))
        content = self.contents.get(key)
        if content is None:
            # has_text as unit_content() tells it: text.strip() would copy the text
            content = self.contents[key] = UnitContent(
                bool(text) and not text.isspace(), self.facts(text, marks),
                self.facts(heading) if heading is not None else None)
        return content
