"""What the comparison of the languages reads of one language's act, held compactly.

A build compares its languages (the structural checks of ``akn diff``, D1xx)
only after the last one is written, so what the comparison reads of each
language waits meanwhile: the Work, title, type/date line and preamble, and
every unit's kind, numbers, heading, place, identifiers, status and how many
paragraphs it has. An :class:`Outline` keeps the units as columns rather than
an object per unit: packed integers, and strings written one after the other
in one long string. That is a fraction of a model's memory, and none of it
lies among the model's small objects, so it keeps none of the memory they
held in use once the model is dropped. :meth:`Outline.act` makes the units
again when the comparison runs, each paragraph an empty placeholder.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

from aknkit.model import Act, Amendment, Block, Location, Note, Unit, UnitKind, UnitStatus
from aknkit.packed import Strings

# A line number that says: this place is not a line of the outline's file (kept aside).
_ELSEWHERE = -1


@dataclass(slots=True)
class Outline:
    """An act's units in document order (each before its children), column by column."""

    head: Act                       # the act without its body
    file: str                       # the file the units come from, each at its line
    roots: int                      # how many units the body holds
    kinds: list[UnitKind | str]
    nums: Strings
    labels: Strings
    eids: Strings
    # Per unit: how many children, intro and wrap-up paragraphs, its line.
    children: array[int]
    intros: array[int]
    wrapups: array[int]
    lines: array[int]
    # What few units have: the units that have it (their indices), and what.
    headed: array[int]
    headings: Strings
    heading_lines: array[int]
    wid_holders: array[int]
    wids: Strings
    statuses: dict[int, UnitStatus | str] = field(default_factory=dict)
    places: dict[int, Location | None] = field(default_factory=dict)   # not a line of ``file``
    heading_places: dict[int, Location | None] = field(default_factory=dict)   # by the heading's index

    def act(self, shared: dict[str, str] | None = None) -> Act:
        """The act as the comparison reads it: the head with its units made again.
        An eId or number equal to one in ``shared`` is that string (the
        languages' units mostly have the same ones); others are added to it."""
        head = self.head
        return Act(language=head.language, source=head.source, title=head.title, meta_line=head.meta_line,
                   preamble=head.preamble, body=self.units({} if shared is None else shared), work=head.work)

    def units(self, shared: dict[str, str]) -> list[Unit]:
        """The body's units, each paragraph an empty placeholder (:meth:`act`)."""
        blanks = _Blanks()
        no_units: list[Unit] = []
        # Lists the comparison only reads: one empty list of each kind serves every unit.
        no_notes: list[Note] = []
        no_history: list[Amendment] = []
        body: list[Unit] = []
        # The lists being filled, each with how many units it still takes.
        filling: list[tuple[list[Unit], list[int]]] = [(body, [self.roots])]
        file, share = self.file, shared.setdefault
        headings = self.heading_blocks()
        wids = dict(zip(self.wid_holders, self.wids.values(), strict=True))
        for index, (kind, num, label, eid) in enumerate(zip(
                self.kinds, self.nums.values(), self.labels.values(), self.eids.values(), strict=True)):
            line = self.lines[index]
            count = self.children[index]
            unit = Unit(kind=kind, num=num if num is None else share(num, num), label=label,
                        heading=headings.get(index),
                        intro=blanks.of(self.intros[index]), children=[] if count else no_units,
                        wrapup=blanks.of(self.wrapups[index]), notes=no_notes,
                        loc=Location(file, line) if line != _ELSEWHERE else self.places[index],
                        status=self.statuses.get(index), eid=eid if eid is None else share(eid, eid),
                        wid=wids.get(index), history=no_history)
            while not filling[-1][1][0]:
                filling.pop()
            siblings, left = filling[-1]
            siblings.append(unit)
            left[0] -= 1
            if count:
                filling.append((unit.children, [count]))
        return body

    def heading_blocks(self) -> dict[int, Block]:
        """The headings, by the index of their unit: the text at its line (no marks)."""
        return {index: Block(text or "", self.heading_places[at] if line == _ELSEWHERE else Location(self.file, line))
                for at, (index, text, line) in enumerate(zip(self.headed, self.headings.values(),
                                                             self.heading_lines, strict=True))}


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
    lines = array("i", [_line_in(unit.loc, file) for unit in units])
    headed = [index for index, unit in enumerate(units) if unit.heading is not None]
    headings = [heading for unit in units if (heading := unit.heading) is not None]
    heading_lines = array("i", [_line_in(block.loc, file) for block in headings])
    wid_holders = [index for index, unit in enumerate(units) if unit.wid is not None]
    return Outline(
        head, file, roots=len(act.body), kinds=[unit.kind for unit in units],
        nums=Strings.of([unit.num for unit in units]), labels=Strings.of([unit.label for unit in units]),
        eids=Strings.of([unit.eid for unit in units]),
        children=array("i", [len(unit.children) for unit in units]),
        intros=array("i", [len(unit.intro) for unit in units]),
        wrapups=array("i", [len(unit.wrapup) for unit in units]), lines=lines,
        headed=array("i", headed), headings=Strings.of([block.text for block in headings]),
        heading_lines=heading_lines,
        heading_places={index: headings[index].loc for index, line in enumerate(heading_lines) if line == _ELSEWHERE},
        wid_holders=array("i", wid_holders), wids=Strings.of([units[index].wid for index in wid_holders]),
        statuses={index: unit.status for index, unit in enumerate(units) if unit.status is not None},
        places={index: units[index].loc for index, line in enumerate(lines) if line == _ELSEWHERE})


def _line_in(loc: Location | None, file: str) -> int:
    """The line of ``loc`` when it is a line of ``file``, else :data:`_ELSEWHERE`."""
    return loc.line if loc is not None and loc.file == file and loc.line != _ELSEWHERE else _ELSEWHERE
