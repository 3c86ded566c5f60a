"""The structural checks (D101-D109): the same units, numbered, headed, counted,
ordered and in force alike in every language, and the same Work."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from aknkit.akn import ids
from aknkit.diff.comparison import Comparison
from aknkit.diff.report import Row
from aknkit.diff.units import PREAMBLE, counted_kinds, kind_rank
from aknkit.model import STATUS_REMOVED, Unit

_WORK_FIELDS = ("country", "doctype", "subtype", "date", "number")


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


# --- the Work (D108) ---------------------------------------------------------------

def check_work(comparison: Comparison) -> None:
    for language in comparison.others:
        _check_work_fields(comparison, language)
        _check_meta_line(comparison, language)


def _check_work_fields(comparison: Comparison, language: str) -> None:
    """The Work's identity (FRBRWork) in ``language`` against the reference's."""
    reference = comparison.versions[comparison.reference].act.work
    work = comparison.versions[language].act.work
    if reference is None or work is None:
        return
    for name in _WORK_FIELDS:
        ours, theirs = getattr(work, name), getattr(reference, name)
        if ours != theirs:
            comparison.emit("D108", None, language,
                            f"Work {name} differs: {ours} in {language}, "
                            f"{theirs} in {comparison.reference}")


def _check_meta_line(comparison: Comparison, language: str) -> None:
    """The date and number printed under the title against the reference's."""
    ours = comparison.versions[language].act.meta_line
    theirs = comparison.versions[comparison.reference].act.meta_line
    if ours is None or theirs is None:
        return
    for name, normal in (("date", str), ("number", ids.iri_number)):
        a, b = getattr(ours, name), getattr(theirs, name)
        if a is not None and b is not None and normal(a.value) != normal(b.value):
            comparison.emit("D108", None, language,
                            f"the {name} under the title differs: {a.value} in {language}, "
                            f"{b.value} in {comparison.reference}",
                            line=ours.loc.line if ours.loc else None)


# --- one row: counts, presence, number, heading, repeal ---------------------------

def check_row(comparison: Comparison, row: Row) -> None:
    """The structural checks of one row: the counts of its units' paragraphs
    and points, then its presence, number, heading and repeal in each language.
    Rows come parents first, so a count that differs (D106) is known before the
    rows of the units it counts."""
    units = row.units
    ref = units.get(comparison.reference)
    if row.kind == PREAMBLE:
        if ref is not None:
            _check_preamble_count(comparison, row, ref)
        return
    if ref is None:
        check_presence(comparison, row)
        return
    # A reference unit with children: counted for every language at once (its
    # kinds read once); without: only where a unit may count otherwise (rare).
    if ref.children:
        check_counts(comparison, row, ref)
    if len(units) < len(comparison.order):
        check_presence(comparison, row)
    num, status, headed = ref.num, ref.status, ref.heading is not None
    texts = len(ref.intro) + len(ref.wrapup)
    for language in comparison.others:
        unit = units.get(language)
        if unit is None:
            continue
        unit_texts = len(unit.intro) + len(unit.wrapup)
        if not ref.children and (unit.children or (texts and unit_texts and unit_texts != texts)):
            check_counts(comparison, row, ref, language)
        if not (unit.num == num and unit.status == status and (unit.heading is not None) == headed):
            check_shape(comparison, row, ref, unit, language)


# --- counts (D106, D107) -----------------------------------------------------------

def check_counts(comparison: Comparison, row: Row, ref: Unit, only: str | None = None) -> None:
    """D106 for each language (or ``only`` that one) whose unit of ``row``
    counts other paragraphs and points than the reference's unit ``ref``."""
    ref_kinds: list[str] | None = None   # read when a unit has children
    ref_texts = len(ref.intro) + len(ref.wrapup)
    for language in comparison.others if only is None else [only]:
        unit = row.units.get(language)
        if unit is None:
            continue
        if unit.children or ref.children:
            if ref_kinds is None:
                ref_kinds = counted_kinds(ref)
            kinds = counted_kinds(unit)
        else:
            kinds = ref_kinds = []
        texts = len(unit.intro) + len(unit.wrapup)
        if kinds != ref_kinds or (texts and ref_texts and texts != ref_texts):
            _report_counts(comparison, row, language, (kinds, texts), (ref_kinds, ref_texts))


def _check_preamble_count(comparison: Comparison, row: Row, ref: Unit) -> None:
    for language in comparison.others:
        unit = row.units.get(language)
        count = len(unit.intro) if unit is not None else 0
        if count != len(ref.intro):
            comparison.emit("D107", row, language,
                            f"the preamble has {_plural(count, 'paragraph')} in {language} "
                            f"but {len(ref.intro)} in {comparison.reference}",
                            line=None if unit else comparison.title_line(language))


def _report_counts(comparison: Comparison, row: Row, language: str, ours: tuple[list[str], int],
                   theirs: tuple[list[str], int]) -> None:
    """D106: counted children by kind, and the unit's own text paragraphs;
    each side as (the kinds of its counted children, its text paragraphs)."""
    reference = comparison.reference
    (kinds, texts), (ref_kinds, ref_texts) = ours, theirs
    parts = []
    if kinds != ref_kinds:
        counted, ref_counted = Counter(kinds), Counter(ref_kinds)
        parts = [f"{_plural(counted[k], k)} in {language} but {ref_counted[k]} in {reference}"
                 for k in sorted(counted | ref_counted, key=kind_rank) if counted[k] != ref_counted[k]]
        comparison.counts_differ.add((row.index, language))
    if texts and ref_texts and texts != ref_texts:
        parts.append(f"{_plural(texts, 'text paragraph')} in {language} but {ref_texts} in {reference}")
    if parts:
        comparison.emit("D106", row, language, f"{row.label} has " + "; ".join(parts))


# --- presence (D101, D102) ---------------------------------------------------------

def check_presence(comparison: Comparison, row: Row) -> None:
    """D101 or D102 for the languages that lack the unit of ``row``, or only have it."""
    if row.kind == PREAMBLE or len(row.units) == len(comparison.order):
        return   # every language has the unit
    if comparison.reference in row.units:
        _check_missing(comparison, row)
    else:
        _check_extra(comparison, row)


def _check_missing(comparison: Comparison, row: Row) -> None:
    present = [lang for lang in comparison.order if lang in row.units]
    for language in comparison.others:
        if language in row.units or comparison.count_explains(row, language):
            continue
        if row.parent is not None and language not in row.parent.units:
            continue  # reported once, at the outermost missing unit
        comparison.emit("D101", row, language,
                        f"{row.label} is missing in {language} (present in {', '.join(present)})")


def _check_extra(comparison: Comparison, row: Row) -> None:
    for language in comparison.others:
        if language not in row.units or comparison.count_explains(row, language):
            continue
        if row.parent is not None and comparison.reference not in row.parent.units:
            continue  # the parent itself is the extra unit
        comparison.emit("D102", row, language,
                        f"{row.label} exists in {language} but has no counterpart in "
                        f"{comparison.reference}")


# --- number, heading, repeal (D103, D105, D109) ------------------------------------

def check_shape(comparison: Comparison, row: Row, ref: Unit, unit: Unit, language: str) -> None:
    if ref.num == unit.num and ref.status == unit.status and (ref.heading is None) == (unit.heading is None):
        return   # the common case: nothing to report
    reference = comparison.reference
    if ref.num != unit.num and comparison.number_key(ref.num) != comparison.number_key(unit.num):
        comparison.emit("D103", row, language,
                        f"{row.label} is numbered {unit.label or unit.num!r} in {language} "
                        f"but {ref.label or ref.num!r} in {reference}")
    if ref.heading is not None and unit.heading is None:
        comparison.emit("D105", row, language,
                        f"{row.label} has no heading in {language} (in {reference}: {ref.heading.text!r})")
    elif ref.heading is None and unit.heading is not None:
        comparison.emit("D105", row, language,
                        f"{row.label} has a heading in {language} ({unit.heading.text!r}) but none in {reference}")
    if (ref.status == STATUS_REMOVED) != (unit.status == STATUS_REMOVED):
        where = language if unit.status == STATUS_REMOVED else reference
        comparison.emit("D109", row, language, f"{row.label} is repealed in {where} only")


# --- order (D104) ------------------------------------------------------------------

def _longest_increasing(values: list[int]) -> set[int]:
    """Indexes of one longest strictly increasing subsequence of ``values``."""
    tails: list[int] = []          # index into values of the smallest tail per length
    before: list[int | None] = [None] * len(values)
    for i, value in enumerate(values):
        at = _bisect_tails(tails, values, value)
        if at > 0:
            before[i] = tails[at - 1]
        if at == len(tails):
            tails.append(i)
        else:
            tails[at] = i
    keep: set[int] = set()
    at_index = tails[-1] if tails else None
    while at_index is not None:
        keep.add(at_index)
        at_index = before[at_index]
    return keep


def _bisect_tails(tails: list[int], values: list[int], value: int) -> int:
    low, high = 0, len(tails)
    while low < high:
        middle = (low + high) // 2
        if values[tails[middle]] < value:
            low = middle + 1
        else:
            high = middle
    return low


@dataclass
class _OrderCheck:
    """Walks one language's units and reports those under another parent than in
    the reference, or out of their order among their siblings."""

    comparison: Comparison
    language: str
    positions: dict[int, dict[int, int]] = field(default_factory=dict)   # id(siblings) -> {id(row): index}
    # id(unit) -> its row, for every unit of the language; made only when one sits under another parent
    row_of: dict[int, Row] | None = None

    def siblings(self, parent_row: Row | None) -> list[Row]:
        return parent_row.children if parent_row is not None else self.comparison.alignment.roots

    def position(self, parent_row: Row | None, row: Row) -> int:
        siblings = self.siblings(parent_row)
        table = self.positions.get(id(siblings))
        if table is None:
            table = self.positions[id(siblings)] = {id(r): i for i, r in enumerate(siblings)}
        return table[id(row)]

    def rows_of(self, units: list[Unit], siblings: list[Row]) -> list[Row]:
        """The rows of ``units`` (siblings in the language): looked up among the
        rows ``siblings`` first, and among all rows only when some sit elsewhere."""
        language = self.language
        found = {id(unit): row for row in siblings if (unit := row.units.get(language)) is not None}
        if any(id(unit) not in found for unit in units):
            if self.row_of is None:
                self.row_of = {id(unit): row for row in self.comparison.alignment.rows
                               if (unit := row.units.get(language)) is not None}
            found = self.row_of
        return list(map(found.__getitem__, map(id, units)))

    def visit(self, children: list[Unit], parent_row: Row | None) -> None:
        siblings, language = self.siblings(parent_row), self.language
        if len(children) == len(siblings) and all(
                row.units.get(language) is unit for row, unit in zip(siblings, children, strict=True)):
            # The common case: same units, same order.
            for unit, row in zip(children, siblings, strict=True):
                if unit.children:
                    self.visit(unit.children, row)
            return
        rows = self.rows_of(children, siblings)
        in_place = [row for row in rows if row.parent is parent_row]
        for row in rows:
            if row.parent is not parent_row:
                self.report_moved(row, parent_row)
        self.report_out_of_order(in_place, parent_row)
        for unit, row in zip(children, rows, strict=True):
            self.visit(unit.children, row)

    def labels_before(self, siblings: list[Row]) -> list[str]:
        """For each place among ``siblings``, the label of the last sibling before
        it that the reference has ("nothing" when none): one pass, not one per row."""
        labels, last = [], "nothing"
        for row in siblings:
            labels.append(last)
            if self.comparison.reference in row.units and row.kind != PREAMBLE:
                last = row.label
        return labels

    def report_moved(self, row: Row, parent_row: Row | None) -> None:
        comparison = self.comparison
        if comparison.reference not in row.units or row.parent is None:
            return
        where = parent_row.label if parent_row is not None else "the body"
        comparison.emit("D104", row, self.language,
                        f"{row.label} is under {where} in {self.language} but under "
                        f"{row.parent.label} in {comparison.reference}")

    def report_out_of_order(self, in_place: list[Row], parent_row: Row | None) -> None:
        """Every row outside one longest run in the reference's order is out of order."""
        comparison = self.comparison
        places = [self.position(parent_row, row) for row in in_place]
        if all(a < b for a, b in pairwise(places)):
            return
        keep = _longest_increasing(places)
        before = self.labels_before(self.siblings(parent_row))
        for i, row in enumerate(in_place):
            if i in keep:
                continue
            before_here = in_place[i - 1].label if i else "nothing"
            before_there = before[places[i]]
            comparison.emit("D104", row, self.language,
                            f"{row.label} is out of order in {self.language}: it follows "
                            f"{before_here} there, but {before_there} in {comparison.reference}")


def check_order(comparison: Comparison, language: str) -> None:
    _OrderCheck(comparison, language).visit(comparison.versions[language].act.body, None)
