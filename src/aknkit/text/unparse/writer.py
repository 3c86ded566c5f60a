"""The writer of one document's text: envelope, preamble, units with their
notes and quoted structures, signature and attachments, in the published
layout."""

from __future__ import annotations

from collections.abc import Callable

from aknkit.model import NOTE_SERVICE, NOTE_SOURCE_COMMENT, Act, Attachment, Block, EnvelopeKind, Note, Unit, UnitKind
from aknkit.text.parse import ends_sentence
from aknkit.text.profile import CONTENT_KINDS, Profile
from aknkit.text.unparse.page import (
    INDENT,
    Page,
    UnitReading,
    blank,
    block_line,
    leading_service_notes,
    unit_open_at_end,
)
from aknkit.text.unparse.plan import UnitPlanning
from aknkit.text.unparse.signature import SignatureWriting


class Writer(UnitPlanning, SignatureWriting):
    """Writes ``act`` onto a page; a unit's placement is planned
    (:class:`UnitPlanning`), the signature block written apart (:class:`SignatureWriting`)."""

    def __init__(self, act: Act, profile: Profile, final_notes_last: bool = False):
        self.act = act
        self.profile = profile
        self.reading = UnitReading(profile)
        self.page = Page()
        self.written: set[int] = set()  # ids of the notes already on the page
        # The unit the parser has open when the body ends: notes written after
        # the last line of the body belong to it. With ``final_notes_last`` its
        # notes stand there (all but one that keeps a line from being a heading),
        # where they keep body lines out of the signature block.
        self.final_unit = unit_open_at_end(act.body)
        self.final_notes_last = final_notes_last
        self.signature_takes_body = False
        # Whether "1." and "1)" open units where the writer is (parse.content_label_allowed).
        self.has_articles = any(unit.kind == UnitKind.ARTICLE for unit in act.units())
        self.content_labels = not self.has_articles
        # An attachment's text has no envelope: no line of it is read as the type/date line.
        self.in_attachment = False

    def first_line(self, unit: Unit) -> str | None:
        """The first line written for ``unit`` (its label, or a note announcing it)."""
        leading = [n for n in leading_service_notes(unit) if id(n) not in self.written]
        if leading and not self.leading_notes_after_label(unit):
            return leading[0].text
        return self.label(unit) or (unit.heading.text if unit.heading else None)

    def leading_notes_after_label(self, unit: Unit) -> bool:
        """Whether the notes before the unit's label in the source go after it
        here: when they may (``notes_after_label``) and must, to keep its first
        line from being a heading or, with ``final_notes_last``, the signature
        from taking body lines."""
        if not self.notes_after_label(unit):
            return False
        if self.final_notes_last:
            return True
        leading = leading_service_notes(unit)
        plan = self.plan(unit, [], None, leading)
        return any(n is guard for n in plan.notes for guard in leading)

    def notes_after_label(self, unit: Unit) -> bool:
        """Whether the unit's service notes may stand after its label: they were
        left over at the end of the text, for the unit open there, which opens
        no other after it (or, with ``final_notes_last``, they stand at the end)."""
        return unit is self.final_unit and len(leading_service_notes(unit)) == len(unit.notes) \
            and (not unit.children or self.final_notes_last)

    def write(self) -> str:
        act = self.act
        comments = [n for n in act.notes if n.kind == NOTE_SOURCE_COMMENT]
        document_notes = [n for n in act.notes if n.kind != NOTE_SOURCE_COMMENT]
        for comment in comments:
            self.page.follow(comment.text)
        if act.title is not None:
            self.page.paragraph(act.title.text)
        elif not act.envelope and not document_notes and (act.meta_line or act.preamble) and act.body:
            # Without a title the first line must not look like one: a note
            # announcing the first unit may stand first, as it did in the source.
            self.notes(leading_service_notes(act.body[0])[:1])
        for line in act.envelope:
            self.page.paragraph(line.text)
            if line.kind == EnvelopeKind.TOC:
                # The contents block follows its heading, one line per entry.
                for entry in act.toc:
                    self.page.follow(entry.text)
        for note in document_notes:
            self.page.paragraph(note.text, INDENT)
        if act.meta_line is not None:
            self.page.paragraph(act.meta_line.text)
        for number, block in enumerate(act.preamble):
            self.block(block_line(block), in_envelope=number == 0)
            self.quote(block)
        for note in act.preamble_notes:
            self.page.paragraph(note.text, INDENT)
        self.units(act.body, after_unit=None, after_line=None)
        body_end = len(self.page.lines)
        self.conclusions(act.conclusions)
        self.keep_body_out_of_signature(body_end)
        for attachment in act.attachments:
            self.attachment(attachment)
        return self.page.text()

    def attachment(self, attachment: Attachment) -> None:
        """An attachment after the signature: its heading lines as one block,
        its title, then its own text written as the act's is."""
        for number, block in enumerate(attachment.head):
            (self.page.follow if number else self.page.paragraph)(block.text)
        doc = attachment.doc
        writer = Writer(doc, self.profile)
        writer.in_attachment = True
        if doc.title is not None:
            writer.page.paragraph(doc.title.text)
        for note in doc.notes:
            writer.page.paragraph(note.text, INDENT)
        for block in doc.preamble:
            writer.block(block_line(block))
            writer.quote(block)
        for note in doc.preamble_notes:
            writer.page.paragraph(note.text, INDENT)
        writer.units(doc.body, after_unit=None, after_line=None)
        writer.conclusions(doc.conclusions)
        if self.page.lines and self.page.lines[-1]:
            self.page.lines.append("")
        self.page.lines += writer.page.lines

    def block(self, text: str, in_envelope: bool = False) -> None:
        """A paragraph on a line of its own; when that line would be read as
        something else (a label, a note, the type/date line), the paragraph
        came from a hard-wrapped source: it is wrapped again before a
        lower-case word, and the parser joins the two lines back with a blank."""
        if self.reads_as_text(text, in_envelope):
            self.page.paragraph(text, INDENT)
            return
        split = self.rewrap(text, lambda head: self.reads_as_text(head, in_envelope))
        if split is None:
            self.page.paragraph(text, INDENT)
            return
        self.page.paragraph(split[0], INDENT)
        self.page.follow(split[1], INDENT)

    def reads_as_text(self, text: str, in_envelope: bool = False) -> bool:
        if not self.reading.is_plain_text(text, self.content_labels):
            return False
        if not in_envelope:
            return True
        return self.reading.envelope(text) is None and \
            (self.act.meta_line is not None or self.reading.meta(text) is None)

    def rewrap(self, text: str, head_reads_right: Callable[[str], bool],
               tail_reads_right: Callable[[str], bool] = lambda tail: True) -> tuple[str, str] | None:
        """Two lines that the parser joins back into ``text``: the first must not
        end a sentence, the second starts with a lower-case letter and is plain
        text; the last blank before such a word that satisfies both checks."""
        lowercase = self.profile.lowercase_letters
        for at in range(len(text) - 2, 0, -1):
            # The parser strips every kind of blank at the end of a line.
            if text[at] != " " or blank(text[at - 1]) or text[at + 1] not in lowercase:
                continue
            head, tail = text[:at], text[at + 1:]
            if not ends_sentence(head) and tail.strip() == tail \
                    and self.reading.is_plain_text(tail, self.content_labels) \
                    and head_reads_right(head) and tail_reads_right(tail):
                return head, tail
        return None

    def units(self, units: list[Unit], after_unit: Unit | None, after_line: str | None) -> None:
        """Write ``units``; after the last of them comes the line ``after_line``,
        and the next unit to open is ``after_unit``."""
        for index, unit in enumerate(units):
            if index + 1 < len(units):
                self.unit(unit, units[index + 1], self.first_line(units[index + 1]))
            else:
                self.unit(unit, after_unit, after_line)

    def unit(self, unit: Unit, after_unit: Unit | None, after_line: str | None) -> None:
        outer = self.content_labels
        self.content_labels = outer or unit.kind == UnitKind.ARTICLE
        self.write_unit(unit, after_unit, after_line)
        self.content_labels = outer

    def write_unit(self, unit: Unit, after_unit: Unit | None, after_line: str | None) -> None:
        leading = leading_service_notes(unit)
        others = unit.notes[len(leading):]
        inline_notes = [n for n in others if n.kind != NOTE_SERVICE]
        # Service notes after the others were left over at the end of the text.
        trailing = [n for n in others if n.kind == NOTE_SERVICE]
        # Service notes left over at the end of a text go to the unit open there:
        # for that unit they may stand after its label when it opens no other
        # (then they may keep its first line from being a heading), or at the end.
        own = self.notes_after_label(unit)
        last = unit is self.final_unit and self.final_notes_last
        tail_line = (
            (block_line(unit.wrapup[0]) if unit.wrapup else None)
            or (trailing[0].text if trailing else None)
            or after_line
        )
        next_unit = unit.children[0] if unit.children else after_unit
        line_after = self.first_line(unit.children[0]) if unit.children else tail_line
        guards = leading if own and not unit.children else \
            leading_service_notes(next_unit) if next_unit is not None else []
        plan = self.plan(unit, inline_notes, line_after, guards)
        unplaced = [n for n in leading if not any(n is p for p in plan.notes)]
        # Notes that may stand after the label stay before it, where the source
        # had them, unless they must move (the previous unit counted on that).
        moved = own and self.leading_notes_after_label(unit)
        if not moved:
            self.notes(unplaced)
        content = unit.kind in CONTENT_KINDS
        if plan.label_line is not None:
            self.page.paragraph(plan.label_line, INDENT if content else "")
        if plan.heading_line is not None:
            if plan.label_line is None:
                self.page.paragraph(plan.heading_line)
            else:
                self.page.follow(plan.heading_line)
        # One note may be needed here, to keep the first block from being a heading.
        kept = 1 if plan.notes_protect else 0
        self.notes(plan.notes[:kept] if last else plan.notes)
        if unit.intro and not any(block is unit.intro[0] for block in plan.blocks):
            self.quote(unit.intro[0])   # its instruction stands beside the label
        for number, block in enumerate(plan.blocks):
            if number == 0 and plan.label_line is None and self.reading.opens_unlabelled(block_line(block), unit):
                # A dash item: its dash is its label, and stays in its text.
                self.page.paragraph(block_line(block), INDENT)
            else:
                self.block(block_line(block))
            self.quote(block)
        if unit.children:
            self.units(unit.children, after_unit, tail_line)
        for block in unit.wrapup:
            self.block(block_line(block))
            self.quote(block)
        self.notes(trailing + (unplaced if moved else []) + (plan.notes[kept:] if last else []))

    def quote(self, block: Block) -> None:
        """The quoted structure of an amending instruction, under its line: the
        opening quote before its first line, the closing quote and what
        follows it after its last line, as the parser cuts them off."""
        quote = block.quote
        if quote is None or quote.words is not None:
            return
        inner = Writer(Act(language=self.act.language, source="", preamble=quote.blocks, body=quote.units),
                        self.profile)
        for inner_block in quote.blocks:
            inner.block(block_line(inner_block))
            inner.quote(inner_block)
        inner.units(quote.units, None, None)
        # The published layout indents quoted text, labels included.
        lines = [line if not line or line.startswith(INDENT) else INDENT + line for line in inner.page.lines]
        while lines and not lines[0]:
            lines.pop(0)
        if not lines:
            self.page.paragraph(quote.start + quote.end + quote.tail, INDENT)
            return
        first = lines[0]
        indent = len(first) - len(first.lstrip())
        lines[0] = first[:indent] + quote.start + first[indent:]
        lines[-1] = lines[-1] + quote.end + quote.tail
        self.page.paragraph(lines[0][indent:], lines[0][:indent])
        self.page.lines.extend(lines[1:])

    def notes(self, notes: list[Note]) -> None:
        """Write the notes not written yet (a service note may be written early,
        where it keeps a line from being read as a heading)."""
        for note in notes:
            if id(note) not in self.written:
                self.written.add(id(note))
                self.page.paragraph(note.text, INDENT)
