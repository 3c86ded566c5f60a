"""Pairing the units of the language versions into rows, one row per unit of the law.

Alignment follows the naming convention (NC §5.5): by wId first, then by eId,
then by the language-neutral number path inside the already aligned parent
(``1-бап``, ``Статья 1`` and ``Article 1`` are all article 1), and last by
position between aligned neighbours, so that a renumbered unit is still paired
with its counterpart. Identifiers that occur twice in one document are
ambiguous and left to the later stages.
"""

from __future__ import annotations

import operator
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, TypeGuard

from aknkit.akn import ids
from aknkit.diff.profiles import name_pattern, preamble_name
from aknkit.diff.report import Row, Version, anchor_stem
from aknkit.diff.units import COUNTED_KINDS, PREAMBLE
from aknkit.model import Act, Unit

# Identifier -> the one row that holds it, or None when two rows hold it (useless
# for alignment); None is also what a lookup of an unknown identifier gives.
_IdIndex = dict[str, "Row | None"]
NumberPathKey = tuple[str, tuple[Any, ...]]
_KIND = operator.attrgetter("kind")


def _eid(unit: Unit) -> str | None:
    return unit.eid


def _wid_or_eid(unit: Unit) -> str | None:
    return unit.wid or unit.eid


def _all_units(units: list[Unit], into: list[Unit]) -> list[Unit]:
    """``units`` and everything below them, in document order."""
    for unit in units:
        into.append(unit)
        if unit.children:
            _all_units(unit.children, into)
    return into


def _preamble_unit(act: Act) -> Unit | None:
    if not act.preamble:
        return None
    return Unit(kind=PREAMBLE, intro=list(act.preamble), loc=act.preamble[0].loc, eid=PREAMBLE)


def _index(index: _IdIndex, key: str, row: Row) -> None:
    if index.setdefault(key, row) is not row:
        index[key] = None


def _index_all(index: _IdIndex, pairs: list[tuple[str, Row]]) -> None:
    """Index every (identifier, row) pair: in bulk when no identifier repeats
    among ``pairs`` (the common case), pair by pair otherwise."""
    found: _IdIndex = dict(pairs)
    if len(found) < len(pairs):
        for key, row in pairs:
            _index(index, key, row)
        return
    if not index or found.items() <= index.items():   # the common case: nothing new, or all new
        index.update(found)
        return
    for key in found.keys() & index.keys():
        if index[key] is not found[key]:
            found[key] = None
    index.update(found)


def _one_to_one(rows: list[Row | None], units: list[Unit]) -> TypeGuard[list[Row]]:
    """Whether each unit (with its row, found by its key, at the same place in
    ``rows``) has a row of its own, of its kind. Its key is then its own too:
    one key finds one row."""
    return (None not in rows and len(set(rows)) == len(rows)   # rows hash by identity
            and all(map(operator.eq, map(_KIND, rows), map(_KIND, units))))


def _all_matched(rows: list[Row | None]) -> TypeGuard[list[Row]]:
    return None not in rows


def _repeated(keys: list[str]) -> set[str]:
    """The keys that occur more than once in ``keys``."""
    if len(set(keys)) == len(keys):
        return set()
    return {key for key, n in Counter(keys).items() if n > 1}


def _number_path_key(kind: str, num: str | None) -> NumberPathKey | None:
    """A unit's kind and language-neutral number, or None when it has no number."""
    return (kind, ids.number_key(num)) if num else None


@dataclass
class _Aligner:
    """Builds the rows: the reference version first, then each other version."""

    roots: list[Row] = field(default_factory=list)
    by_wid: _IdIndex = field(default_factory=dict)
    by_eid: _IdIndex = field(default_factory=dict)
    count: int = 0
    # id(unit) -> Row, for the units of the version being added, and only while
    # stages 3 and 4 place them: a map of every unit would outlive the alignment.
    row_of: dict[int, Row] = field(default_factory=dict)
    # The children of every row that has none: one empty list, never added to
    # (a row given children gets a list of its own), not one per row.
    no_rows: list[Row] = field(default_factory=list)
    indexing: bool = True   # whether identifiers are still wanted: not after the last language

    def new_row(self, kind: str, parent: Row | None) -> Row:
        self.count += 1
        return Row(kind=kind, index=self.count, parent=parent, children=self.no_rows)

    def attach(self, row: Row, language: str, unit: Unit) -> None:
        """``unit`` is ``language``'s unit of ``row``; indexed once its whole version is attached."""
        row.units[language] = unit
        self.row_of[id(unit)] = row

    def siblings(self, parent: Row | None) -> list[Row]:
        return parent.children if parent is not None else self.roots

    def add_reference(self, act: Act) -> None:
        units: list[Unit] = []
        rows: list[Row] = []
        self.add_rows(act.body, None, self.roots, act.language, units, rows)
        self.count += len(rows)
        if self.indexing:
            self.index(units, rows)

    def add_rows(self, children: list[Unit], parent: Row | None, siblings: list[Row], language: str,
                 units: list[Unit], rows: list[Row]) -> None:
        """A row of its own for each of ``children`` (of ``language``, the reference)
        and every unit below them, added to ``siblings`` under ``parent``; the units
        and their rows also to ``units`` and ``rows``, in document order."""
        first, no_rows = self.count + 1, self.no_rows
        for unit in children:
            row = Row(unit.kind, first + len(rows), parent, {language: unit}, [] if unit.children else no_rows)
            siblings.append(row)
            units.append(unit)
            rows.append(row)
            if unit.children:
                self.add_rows(unit.children, row, row.children, language, units, rows)

    def index(self, units: list[Unit], rows: list[Row]) -> None:
        """Index the rows of ``units`` (the same position in ``rows``) by their eId and wId."""
        for index, key_of in ((self.by_eid, _eid), (self.by_wid, _wid_or_eid)):
            if not index:   # the reference's: filled in place, when no identifier repeats
                index.update((key, row) for unit, row in zip(units, rows, strict=True) if (key := key_of(unit)))
                if len(index) == sum(1 for unit in units if key_of(unit)):
                    continue
                index.clear()
            elif all(index.get(key) is row for unit, row in zip(units, rows, strict=True) if (key := key_of(unit))):
                continue   # the common case after the reference: every identifier already names its row
            _index_all(index, [(key, row) for unit, row in zip(units, rows, strict=True) if (key := key_of(unit))])

    def forget_identifiers(self) -> None:
        """Drop the indexes once no version is left to add: the labelling needs them no more."""
        self.by_wid, self.by_eid = {}, {}

    def add(self, act: Act) -> None:
        language = act.language
        units = _all_units(act.body, [])
        found = self.match_by_identifiers(units, language)
        rows = found if _all_matched(found) else self.match_the_rest(act.body, units, found, language)
        if self.indexing:
            self.index(units, rows)

    def match_the_rest(self, body: list[Unit], units: list[Unit], found: list[Row | None],
                       language: str) -> list[Row]:
        """Stages 3 and 4, top-down: number path within the aligned parent, then
        position; the row of each of ``units`` (``found``: by identifier, or None)."""
        self.row_of = {id(unit): row for unit, row in zip(units, found, strict=True) if row is not None}
        self.add_children(body, None, language)
        rows = list(map(self.row_of.__getitem__, map(id, units)))
        self.row_of = {}
        return rows

    def match_by_identifiers(self, units: list[Unit], language: str) -> list[Row | None]:
        """Stages 1 and 2: wId, then eId, each unique in this document and in the
        rows; the row of each unit (None: not matched yet), in the order of ``units``."""
        keys = [u.wid or u.eid or "" for u in units]
        found = list(map(self.by_wid.get, keys))
        if _one_to_one(found, units):
            # The common case, every unit in a row of its own: no test per unit.
            for row, unit in zip(found, units, strict=True):
                row.units[language] = unit
            return list(found)
        matched: list[Row | None] = [None] * len(units)
        self.match_each(units, language, keys, found, matched)
        if None in matched:
            keys = [u.eid or "" for u in units]
            self.match_each(units, language, keys, list(map(self.by_eid.get, keys)), matched)
        return matched

    def match_each(self, units: list[Unit], language: str, keys: list[str],
                   found: list[Row | None], matched: list[Row | None]) -> None:
        """Match each unit not ``matched`` yet to the row ``found`` by its key, where
        the key is unique in this document, the row free and of the unit's kind."""
        repeated = _repeated(keys)
        for i, row in enumerate(found):
            if row is None or matched[i] is not None:
                continue
            unit = units[i]
            if language not in row.units and row.kind == unit.kind and (
                    not repeated or keys[i] not in repeated):
                matched[i] = row
                row.units[language] = unit

    def add_children(self, children: list[Unit], parent_row: Row | None, language: str) -> None:
        rows = self.siblings(parent_row)
        pending = [u for u in children if id(u) not in self.row_of]
        if pending:
            self.match_by_number(pending, rows, language)
            self.match_by_position(children, rows, parent_row, language)
            self.insert_unmatched(children, parent_row, language)
        for unit in children:
            if unit.children:
                self.add_children(unit.children, self.row_of[id(unit)], language)

    def match_by_number(self, pending: list[Unit], rows: list[Row], language: str) -> None:
        free: dict[NumberPathKey | None, list[Row]] = {}
        for row in rows:
            if language not in row.units:
                unit = next(iter(row.units.values()))
                free.setdefault(_number_path_key(row.kind, unit.num), []).append(row)
        wanted = Counter(_number_path_key(u.kind, u.num) for u in pending)
        for unit in pending:
            key = _number_path_key(unit.kind, unit.num)
            candidates = free.get(key, [])
            if key is not None and wanted[key] == 1 and len(candidates) == 1:
                self.attach(candidates[0], language, unit)

    def match_by_position(self, children: list[Unit], rows: list[Row], parent_row: Row | None,
                          language: str) -> None:
        """Pair runs of unmatched units with runs of free rows between the same
        aligned neighbours, when both runs have the same kinds in the same order."""
        position = {id(row): i for i, row in enumerate(rows)}
        run: list[Unit] = []
        low = -1
        for unit in [*children, None]:
            row = self.row_of.get(id(unit)) if unit is not None else None
            if unit is not None:
                if row is None:
                    run.append(unit)
                    continue
                if row.parent is not parent_row:
                    continue  # aligned elsewhere: not a neighbour here
            high = position[id(row)] if row is not None else len(rows)
            if run and low < high:
                free = [r for r in rows[low + 1:high] if language not in r.units]
                if [r.kind for r in free] == [u.kind for u in run]:
                    for r, u in zip(free, run, strict=True):
                        self.attach(r, language, u)
            run = []
            low = high

    def insert_unmatched(self, children: list[Unit], parent_row: Row | None, language: str) -> None:
        """A new row for each unit still unmatched, right after the row of the
        aligned sibling before it (first when there is none), in one pass."""
        after: dict[Row | None, list[Row]] = {}   # an aligned row (None: the start) -> the new rows after it
        previous: Row | None = None
        for unit in children:
            row = self.row_of.get(id(unit))
            if row is None:
                row = self.new_row(unit.kind, parent_row)
                after.setdefault(previous, []).append(row)
                self.attach(row, language, unit)
                continue   # the next new row follows this one: after the same aligned row
            if row.parent is parent_row:
                previous = row
        if after:
            rows = self.siblings(parent_row)
            placed = [*after.get(None, ()), *(new for row in rows for new in (row, *after.get(row, ())))]
            if parent_row is None:
                rows[:] = placed
            else:
                parent_row.children = placed   # a list of its own: ``rows`` may be the shared empty one


@dataclass
class Alignment:
    """The rows of the aligned versions; a language's unit of a row is ``row.units[language]``."""

    rows: list[Row]          # depth-first, the preamble row first
    roots: list[Row]


def _row_unit(row: Row, order: list[str]) -> Unit:
    """The row's unit in the first language (of ``order``) that has one."""
    units = row.units
    for language in order:
        unit = units.get(language)
        if unit is not None:
            return unit
    raise ValueError(f"row {row.index} holds no unit")


def _row_eid(row: Row, order: list[str]) -> str | None:
    """The eId of the row's unit in the first language that gives it one."""
    units = row.units
    for language in order:
        unit = units.get(language)
        if unit is not None and unit.eid:
            return unit.eid
    return None


def _label_rows(roots: list[Row], order: list[str], label_language: str) -> list[Row]:
    """Give every row its depth, eId, anchor and human label ("Article 6, paragraph 2");
    the rows depth-first.

    A row is named by its unit in the first language that has it: "Article 6",
    or "[2]" numbered by its place among its siblings of its kind when that
    unit has no number. Units numbered within their parent (paragraphs, points)
    are named with their parent ("Article 6, paragraph 2"); structural units
    stand alone ("Article 6").
    """
    labeller = _Labeller(order, label_language)
    labeller.visit(roots, 0)
    return labeller.in_order


class _Labeller:
    """What :func:`_label_rows` keeps as it goes down the rows: the anchors used
    (their stems, :func:`~aknkit.diff.report.anchor_stem`), the rows in order,
    and what names them.

    A class, not a closure that calls itself: such a closure is a reference
    cycle, which would keep every row until the cyclic collector runs."""

    def __init__(self, order: list[str], label_language: str) -> None:
        self.order = order
        self.used: set[str] = set()
        self.in_order: list[Row] = []
        # One for every row: what the rows keep, not the rest of the labeller.
        self.naming = _Names(order, label_language).label

    def visit(self, rows: list[Row], depth: int) -> None:
        order, reference, used, naming = self.order, self.order[0], self.used, self.naming
        ordinals: dict[str, int] = {}
        for row in rows:
            self.in_order.append(row)
            kind = row.kind
            ordinal = ordinals[kind] = ordinals.get(kind, 0) + 1
            unit = row.units.get(reference) or _row_unit(row, order)
            if not unit.num:
                row.ordinal = ordinal
            row.naming = naming
            row.depth = depth
            eid = row.eid = unit.eid or _row_eid(row, order)
            stem = anchor_stem(eid or kind)   # mostly the eId itself: no new string
            if stem in used:
                row.anchor_numbered = True
                stem = f"{stem}-{row.index}"
            used.add(stem)
            if row.children:
                self.visit(row.children, depth + 1)


class _Names:
    """Names the rows in the label language, each when its label is asked for."""

    def __init__(self, order: list[str], label_language: str) -> None:
        self.order, self.label_language, self.preamble = order, label_language, preamble_name(label_language)
        self.patterns: dict[str, str] = {}   # kind -> how the label language names it

    def label(self, row: Row) -> str:
        """The label of ``row``, named after its unit in the first language that has it."""
        kind = row.kind
        if kind == PREAMBLE:
            name = self.preamble
        else:
            pattern = self.patterns.get(kind)
            if pattern is None:
                pattern = self.patterns[kind] = name_pattern(kind, self.label_language)
            unit = row.units.get(self.order[0]) or _row_unit(row, self.order)
            name = pattern.format(num=unit.num or f"[{row.ordinal}]")
        parent = row.parent
        return name if parent is None or kind not in COUNTED_KINDS else f"{parent.label}, {name}"


def _preamble_row(aligner: _Aligner, versions: list[Version]) -> Row | None:
    """One row for the preambles, when any version has one."""
    preambles = {v.language: _preamble_unit(v.act) for v in versions}
    if not any(preambles.values()):
        return None
    row = aligner.new_row(PREAMBLE, None)
    for language, unit in preambles.items():
        if unit is not None:
            row.units[language] = unit
    return row


def align(versions: list[Version], reference: str, label_language: str = "eng") -> Alignment:
    """Align the versions unit by unit; ``reference`` is the language laid out first."""
    by_language = {v.language: v for v in versions}
    aligner = _Aligner()
    aligner.add_reference(by_language[reference].act)
    others = [v for v in versions if v.language != reference]
    for i, version in enumerate(others):
        aligner.indexing = i < len(others) - 1
        aligner.add(version.act)
    aligner.forget_identifiers()
    roots = list(aligner.roots)
    preamble = _preamble_row(aligner, versions)
    if preamble is not None:
        roots.insert(0, preamble)
    order = [reference] + [v.language for v in versions if v.language != reference]
    rows = _label_rows(roots, order, label_language)
    return Alignment(rows, roots)
