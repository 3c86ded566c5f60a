"""Where the pieces of one unit go: its label line, a heading on it or under
it, notes, then its text, chosen so that the parser reads each back as what
it is."""

from __future__ import annotations

from dataclasses import dataclass

from aknkit.model import STATUS_REMOVED, Act, Block, Note, Unit, UnitKind
from aknkit.text.parse import ends_sentence
from aknkit.text.profile import CONTENT_KINDS, STRUCTURE_KINDS, Profile
from aknkit.text.unparse.page import UnitReading, block_line, first_text


@dataclass
class UnitPlan:
    """Where each piece of a unit goes: its label line, a heading line under it,
    notes, then the rest of the text."""

    label_line: str | None
    heading_line: str | None
    notes: list[Note]
    blocks: list[Block]
    notes_protect: bool = False  # the notes keep the first block from being read as a heading


class UnitPlanning:
    """The planning half of the writer (:class:`~aknkit.text.unparse.writer.Writer`):
    uses its ``act``, ``profile``, ``reading``, ``written`` and ``in_attachment``."""

    act: Act
    profile: Profile
    reading: UnitReading
    written: set[int]
    in_attachment: bool

    def label(self, unit: Unit) -> str | None:
        """The printed label; a bare number ("5") gets the language's label around
        it ("Статья 5.") when it would not read as a label of its kind. A printed
        label is text of the document, so it is never changed otherwise."""
        printed = unit.label
        template = self.profile.unparse.get(unit.kind)
        if not printed or template is None or printed != unit.num:
            return printed
        # A kind with a template is one of the profile's, so a UnitKind.
        kinds = (UnitKind(unit.kind),)
        if any(self.reading.label(candidate, kinds) for candidate in (printed, printed + " X")):
            return printed
        return template.format(num=printed)

    def plan(self, unit: Unit, notes: list[Note], after: str | None, guards: list[Note]) -> UnitPlan:
        """Decide the label line and the heading line so that the parser reads
        the heading as the heading and the first block as text."""
        label = self.label(unit)
        heading = unit.heading.text if unit.heading else None
        blocks = list(unit.intro)
        if label is None:
            return UnitPlan(None, heading, notes, blocks)
        if unit.kind not in STRUCTURE_KINDS or not self.reads_as_label(unit, label):
            return self.plan_content(unit, label, heading, blocks, notes)
        if heading is not None:
            line_after = first_text(notes, blocks) or after
            return self.plan_heading(unit, label, heading, line_after, notes, blocks)
        return self.plan_text(unit, label, blocks, notes, after, guards)

    def plan_content(self, unit: Unit, label: str, heading: str | None, blocks: list[Block],
                     notes: list[Note]) -> UnitPlan:
        """Points, paragraphs and any unit the profile has no label for: the first
        block on the label line, unless it would change how the line is read."""
        if heading is not None:
            blocks.insert(0, Block(heading))
        first = block_line(blocks[0]) if blocks else ""
        if blocks and self.keeps_status(unit, first) and \
                self.reading.opens(f"{label} {first}", self.with_label(unit, label), first) \
                and not self.read_before_body(unit, f"{label} {first}"):
            return UnitPlan(f"{label} {first}", None, notes, blocks[1:])
        if unit.kind not in CONTENT_KINDS and blocks:
            # A label the language does not know (another producer's): its first
            # text beside it reads best.
            return UnitPlan(f"{label} {first}", None, notes, blocks[1:])
        return UnitPlan(label, None, notes, blocks)

    def plan_heading(self, unit: Unit, label: str, heading: str, line_after: str | None, notes: list[Note],
                     blocks: list[Block]) -> UnitPlan:
        """A unit with a heading: on the label line or on the line under it."""
        labelled = self.with_label(unit, label)
        removed = unit.status == STATUS_REMOVED
        on_label_line = (
            self.reading.opens(f"{label} {heading}", labelled, heading)
            and self.reading.is_excluded(heading) == removed
            and (unit.kind != UnitKind.ARTICLE or (
                not removed and not ends_sentence(heading) and not self.reading.is_structure_label(line_after)))
        )
        on_next_line = (
            not removed and self.reading.opens(label, labelled, "")
            and self.reading.is_next_line_heading(heading, unit)
        )
        # The published layout puts a heading under a label without a period
        # ("Глава 1" / "Общие положения") and beside one with a period.
        prefer_next = unit.kind != UnitKind.ARTICLE and not label.endswith(".")
        if on_next_line and (prefer_next or not on_label_line):
            return UnitPlan(label, heading, notes, blocks)
        return UnitPlan(f"{label} {heading}", None, notes, blocks)

    def plan_text(self, unit: Unit, label: str, blocks: list[Block], notes: list[Note], after: str | None,
                  guards: list[Note]) -> UnitPlan:
        """A unit without a heading: its first block must not become one."""
        if not blocks:
            return UnitPlan(label, None, notes, blocks)
        labelled = self.with_label(unit, label)
        first = block_line(blocks[0])
        removed = unit.status == STATUS_REMOVED
        if unit.kind == UnitKind.ARTICLE:
            line_after = first_text(notes, blocks[1:]) or after
            beside = (
                self.reading.opens(f"{label} {first}", labelled, first)
                and self.keeps_status(unit, first)
                and (removed or ends_sentence(first) or self.reading.is_structure_label(line_after))
            )
            if beside:
                return UnitPlan(f"{label} {first}", None, notes, blocks[1:])
        elif removed and self.reading.opens(f"{label} {first}", labelled, first):
            return UnitPlan(f"{label} {first}", None, notes, blocks[1:])
        if not notes and self.reading.is_next_line_heading(first, unit):
            # A note between the label and the text keeps the text from being
            # read as a heading: service notes that may stand here (those
            # announcing the next unit, or left over at the end) stand here.
            notes = [n for n in guards if id(n) not in self.written]
        return UnitPlan(label, None, notes, blocks, notes_protect=self.reading.is_next_line_heading(first, unit))

    def reads_as_label(self, unit: Unit, label: str) -> bool:
        """Whether the parser takes ``label`` for the label of a unit of this kind."""
        labelled = self.with_label(unit, label)
        return self.reading.opens(label, labelled, "") or self.reading.opens(f"{label} X", labelled, "X")

    def read_before_body(self, unit: Unit, text: str) -> bool:
        """Whether the parser, still reading the title's surroundings, takes the
        first unit's line (a point's, which is no structure label) for a
        publication line or the type/date line."""
        if not self.act.body or unit is not self.act.body[0] or self.act.preamble or self.in_attachment:
            return False
        return self.reading.envelope(text) is not None or \
            (self.act.meta_line is None and self.reading.meta(text) is not None)

    def keeps_status(self, unit: Unit, rest: str) -> bool:
        """Text beside a label marks the unit excluded when it says so: only
        where the unit is excluded may such text stand there."""
        return self.reading.is_excluded(rest) == (unit.status == STATUS_REMOVED)

    @staticmethod
    def with_label(unit: Unit, label: str) -> Unit:
        """``unit`` as it will be printed (a bare number replaced by its label)."""
        if label == unit.label:
            return unit
        return Unit(kind=unit.kind, num=unit.num, label=label)
