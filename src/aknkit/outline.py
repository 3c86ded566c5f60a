"""What the comparison of the languages reads of one language's act, held compactly.

A build compares its languages (the structural checks of ``akn diff``, D1xx)
only after the last one is written, so what the comparison reads of each
language waits meanwhile: the Work, title, type/date line and preamble, and
every unit's kind, numbers, heading, place, identifiers, status and how many
paragraphs it has. An :class:`Outline` keeps the units as columns (lists of
shared strings, packed integers, one string of all the eIds) rather than an
object per unit, a fraction of a model's memory; :meth:`Outline.act` makes
the units again when the comparison runs, each paragraph an empty placeholder.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from itertools import accumulate

from aknkit.model import Act, Amendment, Block, Location, Note, Unit, UnitKind, UnitStatus

# A unit's line when its place is not a line of the outline's file (kept aside).
_ELSEWHERE = -1


@dataclass(slots=True)
class Outline:
    """An act's units in document order (each before its children), column by column."""

    head: Act                       # the act without its body
    file: str                       # the file most units come from; each unit keeps its line
    kinds: list[UnitKind | str] = field(default_factory=list)
    nums: list[str | None] = field(default_factory=list)
    labels: list[str | None] = field(default_factory=list)
    # Per unit: how many children, intro and wrap-up paragraphs, its line.
    children: array[int] = field(default_factory=lambda: array("l"))
    intros: array[int] = field(default_factory=lambda: array("l"))
    wrapups: array[int] = field(default_factory=lambda: array("l"))
    lines: array[int] = field(default_factory=lambda: array("l"))
    # Every eId, one after the other, and where each ends.
    eids: str = ""
    eid_ends: array[int] = field(default_factory=lambda: array("l"))
    # What few units have, by the unit's index.
    headings: dict[int, Block] = field(default_factory=dict)
    statuses: dict[int, UnitStatus | str] = field(default_factory=dict)
    wids: dict[int, str] = field(default_factory=dict)
    places: dict[int, Location | None] = field(default_factory=dict)   # not a line of ``file``
    no_eid: set[int] = field(default_factory=set)
    roots: int = 0                  # how many units the body holds

    def act(self) -> Act:
        """The act as the comparison reads it: the head with its units made again."""
        head = self.head
        return Act(language=head.language, source=head.source, title=head.title, meta_line=head.meta_line,
                   preamble=head.preamble, body=self.units(), work=head.work)

    def units(self) -> list[Unit]:
        """The body's units, each paragraph an empty placeholder."""
        blanks = _Blanks()
        no_units: list[Unit] = []
        # Lists the comparison only reads: one empty list of each kind serves every unit.
        no_notes: list[Note] = []
        no_history: list[Amendment] = []
        body: list[Unit] = []
        # The lists being filled, each with how many units it still takes.
        filling: list[tuple[list[Unit], list[int]]] = [(body, [self.roots])]
        eids, ends, file = self.eids, self.eid_ends, self.file
        start = 0
        for index, kind in enumerate(self.kinds):
            end = ends[index]
            line = self.lines[index]
            count = self.children[index]
            unit = Unit(kind=kind, num=self.nums[index], label=self.labels[index],
                        heading=self.headings.get(index), intro=blanks.of(self.intros[index]),
                        children=[] if count else no_units, wrapup=blanks.of(self.wrapups[index]),
                        notes=no_notes,
                        loc=Location(file, line) if line != _ELSEWHERE else self.places[index],
                        status=self.statuses.get(index),
                        eid=None if index in self.no_eid else eids[start:end],
                        wid=self.wids.get(index), history=no_history)
            start = end
            while not filling[-1][1][0]:
                filling.pop()
            siblings, left = filling[-1]
            siblings.append(unit)
            left[0] -= 1
            if count:
                filling.append((unit.children, [count]))
        return body


class _Blanks:
    """Lists of empty paragraphs, one list for each length."""

    def __init__(self) -> None:
        self.blank = Block("")
        self.lists: dict[int, list[Block]] = {0: []}

    def of(self, count: int) -> list[Block]:
        held = self.lists.get(count)
        if held is None:
            held = self.lists[count] = [self.blank] * count
        return held


def outline(act: Act, units: list[Unit]) -> Outline:
    """The outline of ``act``, whose body's units in document order are ``units``."""
    head = Act(language=act.language, source=act.source, title=act.title, meta_line=act.meta_line,
               preamble=act.preamble, work=act.work)
    file = act.source
    shared: dict[str, str] = {}   # one string for each number and label printed many times
    result = Outline(head, file, roots=len(act.body))
    result.kinds = [unit.kind for unit in units]
    result.nums = [None if unit.num is None else shared.setdefault(unit.num, unit.num) for unit in units]
    result.labels = [None if unit.label is None else shared.setdefault(unit.label, unit.label) for unit in units]
    result.children = array("l", [len(unit.children) for unit in units])
    result.intros = array("l", [len(unit.intro) for unit in units])
    result.wrapups = array("l", [len(unit.wrapup) for unit in units])
    result.lines = array("l", [_line_in(unit.loc, file) for unit in units])
    eids = [unit.eid or "" for unit in units]
    result.eids = "".join(eids)
    result.eid_ends = array("l", accumulate(map(len, eids)))
    for index, unit in enumerate(units):
        if unit.heading is not None:
            result.headings[index] = unit.heading
        if unit.status is not None:
            result.statuses[index] = unit.status
        if unit.wid is not None:
            result.wids[index] = unit.wid
        if unit.eid is None:
            result.no_eid.add(index)
        if result.lines[index] == _ELSEWHERE:
            result.places[index] = unit.loc
    return result


def _line_in(loc: Location | None, file: str) -> int:
    """The line of ``loc`` when it is a line of ``file``, else :data:`_ELSEWHERE`."""
    return loc.line if loc is not None and loc.file == file and loc.line != _ELSEWHERE else _ELSEWHERE

