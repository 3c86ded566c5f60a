"""How the parser reads one line on its own, asked by a writer of the layout.

Writing text that parses back into a given model means asking, of each line
about to be written, what the parser would make of it. :class:`LineReading`
answers on plain strings with the parser's own rules, so a writer never
repeats one.
"""

from __future__ import annotations

from dataclasses import dataclass

from aknkit.model import ConclusionLine, EnvelopeKind, MetaLine, NoteKind, UnitKind
from aknkit.text.parse.classify import (
    envelope_kind,
    heading_fits_next_line,
    is_excluded,
    match_label,
    match_meta,
    note_kind,
)
from aknkit.text.parse.grammar import Label
from aknkit.text.parse.lines import Line
from aknkit.text.parse.signature import conclusion_line
from aknkit.text.profile import CONTENT_KINDS, STRUCTURE_KINDS, Profile


@dataclass(frozen=True)
class LineReading:
    """What the parser makes of one line, standing alone, in ``profile``'s layout."""

    profile: Profile

    def line(self, text: str) -> Line:
        return Line(0, text, self.profile.normalise(text), True)

    def label(self, text: str, kinds: tuple[UnitKind, ...] = STRUCTURE_KINDS + CONTENT_KINDS) -> Label | None:
        """The label the line opens with, structure kinds tried first (as the parser does)."""
        line = self.line(text)
        structure = tuple(k for k in kinds if k in STRUCTURE_KINDS)
        content = tuple(k for k in kinds if k in CONTENT_KINDS)
        return (match_label(line, self.profile, structure) if structure else None) or \
            (match_label(line, self.profile, content) if content else None)

    def note(self, text: str) -> NoteKind | None:
        """The kind of note the line is, or None."""
        return note_kind(self.line(text), self.profile)

    def envelope(self, text: str) -> EnvelopeKind | None:
        """The kind of publication line (status, contents, ...) the line is, or None."""
        return envelope_kind(self.line(text), self.profile)

    def meta(self, text: str) -> MetaLine | None:
        """The line as the act's type/date line, or None."""
        return match_meta(self.line(text), self.profile)

    def signature(self, text: str) -> ConclusionLine | None:
        """The line as a line of a signature block, or None."""
        return conclusion_line(self.line(text), self.profile, "")

    def is_excluded(self, text: str) -> bool:
        """Whether text beside a label marks the unit excluded ("исключен")."""
        return is_excluded(text, self.profile)

    def heading_fits_next_line(self, kind: UnitKind | str, text: str) -> bool:
        """Whether ``text`` on the line under a bare label of a unit of ``kind``
        is read as that unit's heading."""
        return heading_fits_next_line(kind, self.line(text), self.profile)
