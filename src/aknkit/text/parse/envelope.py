"""What stands before the body: the title, publication status lines, the
type/date line, a table of contents and notes on the whole act; and an
attachment's title."""

from __future__ import annotations

from aknkit.model import NOTE_SERVICE, Block, EnvelopeKind, EnvelopeLine, Note, TocEntry, UnitKind
from aknkit.text.parse.builder import Builder
from aknkit.text.parse.classify import (
    ends_sentence,
    envelope_kind,
    match_label,
    match_meta,
    note_kind,
    reads_as_title,
)
from aknkit.text.parse.lines import Line
from aknkit.text.profile import CONTENT_KINDS, STRUCTURE_KINDS, Profile


def read_title(lines: list[Line], profile: Profile, builder: Builder) -> int:
    """An attachment's title: its first line, with the lines hard-wrapped onto it."""
    if not lines or not reads_as_title(lines[0], profile) or match_label(lines[0], profile, CONTENT_KINDS):
        return 0
    end = 1
    while end < len(lines) and not lines[end].blank_before and reads_as_title(lines[end], profile) \
            and not match_label(lines[end], profile, CONTENT_KINDS):
        end += 1
    builder.act.title = Block(" ".join(line.text for line in lines[:end]), builder.loc(lines[0]))
    return end


def read_envelope(lines: list[Line], profile: Profile, builder: Builder) -> int:
    """Title, status, meta line, contents and document notes; returns where the preamble or body starts."""
    act = builder.act
    index = 0
    structure = STRUCTURE_KINDS
    if lines and reads_as_title(lines[0], profile):
        act.title = Block(lines[0].text, builder.loc(lines[0]))
        index = 1
    while index < len(lines):
        line = lines[index]
        if match_label(line, profile, structure):
            break
        kind = envelope_kind(line, profile)
        if kind:
            act.envelope.append(EnvelopeLine(kind, line.text, builder.loc(line)))
            if kind == EnvelopeKind.TOC:
                index = read_toc(lines, index + 1, profile, builder)
                continue
        elif (note := note_kind(line, profile)):
            if note == NOTE_SERVICE and (act.title is not None or act.meta_line is not None) \
                    and not announces_unit(lines, index, profile):
                # A service note under the title or the type/date line concerns
                # the whole act; one standing first, or right before the first
                # label, announces that unit.
                act.notes.append(Note(note, line.text, builder.loc(line)))
            else:
                builder.add_note(note, line)
        elif act.meta_line is None and (meta := match_meta(line, profile)):
            meta.loc = builder.loc(line)
            act.meta_line = meta
        else:
            break
        index += 1
    return index


def announces_unit(lines: list[Line], index: int, profile: Profile) -> bool:
    """Whether the service notes from ``index`` on stand right before a structural label."""
    while index < len(lines) and note_kind(lines[index], profile) == NOTE_SERVICE:
        index += 1
    return index < len(lines) and match_label(lines[index], profile, STRUCTURE_KINDS) is not None


def read_toc(lines: list[Line], index: int, profile: Profile, builder: Builder) -> int:
    """The lines of a contents block: labels with their headings, and headings on
    lines of their own. It ends at a sentence, a note, an envelope or type/date
    line, or the label it began with printed again (the text itself begins)."""
    first: tuple[UnitKind, str | None] | None = None
    while index < len(lines):
        line = lines[index]
        label = match_label(line, profile, STRUCTURE_KINDS)
        if label is not None:
            key = (label.kind, label.num)
            if first is None:
                first = key
            elif key == first:
                break
        elif ends_sentence(line.norm) or note_kind(line, profile) or envelope_kind(line, profile) \
                or match_meta(line, profile) or match_label(line, profile, CONTENT_KINDS):
            break
        builder.act.toc.append(TocEntry(line.text, builder.loc(line),
                                        label.kind if label else None, label.num if label else None))
        index += 1
    return index
