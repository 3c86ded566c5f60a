"""The page being written, and how its lines will read: the parser's own
line reading asked about the units being written, and small facts about
units and blocks the writer places by."""

from __future__ import annotations

from dataclasses import dataclass, field

from aknkit.akn.ids import akn_element
from aknkit.model import NOTE_SERVICE, Block, Note, Unit
from aknkit.text.parse import LineReading
from aknkit.text.profile import CONTENT_KINDS, STRUCTURE_KINDS

# The published layout indents running text, notes and the signature block.
INDENT = "      "


@dataclass(frozen=True)
class UnitReading(LineReading):
    """What the parser makes of one line of the body, asked about the units
    being written."""

    def is_structure_label(self, text: str | None) -> bool:
        return text is not None and self.label(text, STRUCTURE_KINDS) is not None

    def is_note(self, text: str) -> bool:
        return self.note(text) is not None

    def is_plain_text(self, text: str, content_labels: bool = True) -> bool:
        """Read as running text: no label, no note. Outside articles, in an act
        that has them, "1." and "1)" start text, not units (``content_labels``)."""
        kinds = STRUCTURE_KINDS + CONTENT_KINDS if content_labels else STRUCTURE_KINDS
        return not self.is_note(text) and self.label(text, kinds) is None

    def opens(self, text: str, unit: Unit, rest: str) -> bool:
        """Whether ``text`` is read as the label of ``unit`` followed by ``rest``."""
        kinds = STRUCTURE_KINDS if unit.kind in STRUCTURE_KINDS else STRUCTURE_KINDS + CONTENT_KINDS
        if self.is_note(text):
            return False
        label = self.label(text, kinds)
        # Kinds are compared as AKN elements: a lettered item is written as a point.
        return label is not None and (akn_element(label.kind), label.printed, label.rest) == (
            akn_element(unit.kind), unit.label, rest)

    def opens_unlabelled(self, text: str, unit: Unit) -> bool:
        """Whether ``text`` is read as a unit of ``unit``'s kind that has no
        label and keeps the whole line as its text (a dash item)."""
        label = self.label(text, CONTENT_KINDS)
        return unit.label is None and label is not None and label.kind == unit.kind \
            and not label.printed and label.rest == text

    def is_next_line_heading(self, text: str, unit: Unit) -> bool:
        """Whether a line right after a bare label line becomes that unit's heading."""
        return self.heading_fits_next_line(unit.kind, text)


@dataclass
class Page:
    """The lines written so far ("" for a blank line)."""

    lines: list[str] = field(default_factory=list)

    def paragraph(self, text: str, indent: str = "") -> None:
        """A line with a blank line before it: blank lines keep paragraphs apart
        (the parser joins a lower-case line to an unfinished one above it)."""
        if self.lines and self.lines[-1]:
            self.lines.append("")
        self.lines.append(indent + text)

    def follow(self, text: str, indent: str = "") -> None:
        """A line right under the previous one."""
        self.lines.append(indent + text)

    def text(self) -> str:
        return "\n".join(self.lines).rstrip("\n") + "\n" if self.lines else ""


def blank(character: str) -> bool:
    """A character the parser strips from the ends of a line."""
    return character.isspace() or character == "\ufeff"


def unit_open_at_end(units: list[Unit]) -> Unit | None:
    """The unit open when the body ends: the last one, or the one whose list a
    closing text (its wrap-up) ended."""
    unit = units[-1] if units else None
    while unit is not None and unit.children and not unit.wrapup:
        unit = unit.children[-1]
    return unit


def leading_service_notes(unit: Unit) -> list[Note]:
    """The service notes that stood before the unit's label (they announce it)."""
    leading = []
    for note in unit.notes:
        if note.kind != NOTE_SERVICE:
            break
        leading.append(note)
    return leading


def block_line(block: Block) -> str:
    """The line a block starts with: an instruction with the words it quotes,
    or without the structure it quotes (written on the lines under it)."""
    quote = block.quote
    if quote is None or quote.words is None:
        return block.text
    return f"{block.text}{quote.start}{quote.words}{quote.end}{quote.tail}"


def first_text(notes: list[Note], blocks: list[Block]) -> str | None:
    """The first line that notes and blocks written in this order start with."""
    if notes:
        return notes[0].text
    return block_line(blocks[0]) if blocks else None
