"""The model -> plain text in the published layout (adilet.zan.kz) of one language.

The text is what the parser reads: parsing it gives back the model it was
written from, so text -> AKN -> text -> AKN gives the same AKN. Where the
layout leaves a choice (the label line or the next one for a heading, where a
footnote stands) the writer asks the parser's own line classifiers how a line
would be read and takes the placement that reads back as the model says.

Documents from other producers are written the same way: units keep their
printed numbers, bare numbers get the language's label (profile table
``[unparse]``), and units of any other tag are written with their number,
heading and text, in their order.

Nothing here prints or touches files; :func:`unparse_bytes` raises
:class:`~aknkit.findings.InputError` with coded, located findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from aknkit.text.coverage import missing_text
from aknkit.findings import ERROR, Finding, InputError
from aknkit.akn.ids import akn_element
from aknkit.model import (
    Act, Attachment, Block, ConclusionLine, Note, NOTE_SERVICE, NOTE_SOURCE_COMMENT, STATUS_REMOVED, Signature, Unit,
    signature_block,
)
from aknkit.text.parse import NAME_GAP, LineReading, ends_sentence
from aknkit.text.profile import CONTENT_KINDS, STRUCTURE_KINDS, Profile, load_profile
from aknkit.akn.read import AknReadError, parse_akn_bytes, read_akn_tree

# The published layout indents running text, notes and the signature block.
INDENT = "      "
# Signers' names stand to the right of their role, from about this column.
NAME_COLUMN = 50


# --- how the parser reads one line ------------------------------------------------

@dataclass(frozen=True)
class _Reading(LineReading):
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


# --- the page being written ----------------------------------------------------------

@dataclass
class _Page:
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


@dataclass
class _UnitPlan:
    """Where each piece of a unit goes: its label line, a heading line under it,
    notes, then the rest of the text."""

    label_line: str | None
    heading_line: str | None
    notes: list[Note]
    blocks: list[Block]
    notes_protect: bool = False  # the notes keep the first block from being read as a heading


class _Writer:
    def __init__(self, act: Act, profile: Profile, final_notes_last: bool = False):
        self.act = act
        self.profile = profile
        self.reading = _Reading(profile)
        self.page = _Page()
        self.written: set[int] = set()  # ids of the notes already on the page
        # The unit the parser has open when the body ends: notes written after
        # the last line of the body belong to it. With ``final_notes_last`` its
        # notes stand there (all but one that keeps a line from being a heading),
        # where they keep body lines out of the signature block.
        self.final_unit = _final_unit(act.body)
        self.final_notes_last = final_notes_last
        self.signature_takes_body = False
        # Whether "1." and "1)" open units where the writer is (parse.content_label_allowed).
        self.has_articles = any(unit.kind == "article" for unit in act.units())
        self.content_labels = not self.has_articles
        # An attachment's text has no envelope: no line of it is read as the type/date line.
        self.in_attachment = False

    # labels --------------------------------------------------------------------
    def label(self, unit: Unit) -> str | None:
        """The printed label; a bare number ("5") gets the language's label around
        it ("Статья 5.") when it would not read as a label of its kind. A printed
        label is text of the document, so it is never changed otherwise."""
        printed = unit.label
        template = self.profile.unparse.get(unit.kind)
        if not printed or template is None or printed != unit.num:
            return printed
        if any(self.reading.label(candidate, (unit.kind,)) for candidate in (printed, printed + " X")):
            return printed
        return template.format(num=printed)

    def first_line(self, unit: Unit) -> str | None:
        """The first line written for ``unit`` (its label, or a note announcing it)."""
        leading = [n for n in _leading_service_notes(unit) if id(n) not in self.written]
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
        leading = _leading_service_notes(unit)
        plan = self.plan(unit, [], None, leading)
        return any(n is guard for n in plan.notes for guard in leading)

    def notes_after_label(self, unit: Unit) -> bool:
        """Whether the unit's service notes may stand after its label: they were
        left over at the end of the text, for the unit open there, which opens
        no other after it (or, with ``final_notes_last``, they stand at the end)."""
        return unit is self.final_unit and len(_leading_service_notes(unit)) == len(unit.notes) \
            and (not unit.children or self.final_notes_last)

    # the document --------------------------------------------------------------
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
            self.notes(_leading_service_notes(act.body[0])[:1])
        for line in act.envelope:
            self.page.paragraph(line.text)
            if line.kind == "toc":
                # The contents block follows its heading, one line per entry.
                for entry in act.toc:
                    self.page.follow(entry.text)
        for note in document_notes:
            self.page.paragraph(note.text, INDENT)
        if act.meta_line is not None:
            self.page.paragraph(act.meta_line.text)
        for number, block in enumerate(act.preamble):
            self.block(_printed(block), in_envelope=number == 0)
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
        writer = _Writer(doc, self.profile)
        writer.in_attachment = True
        if doc.title is not None:
            writer.page.paragraph(doc.title.text)
        for note in doc.notes:
            writer.page.paragraph(note.text, INDENT)
        for block in doc.preamble:
            writer.block(_printed(block))
            writer.quote(block)
        for note in doc.preamble_notes:
            writer.page.paragraph(note.text, INDENT)
        writer.units(doc.body, after_unit=None, after_line=None)
        writer.conclusions(doc.conclusions)
        if self.page.lines and self.page.lines[-1]:
            self.page.lines.append("")
        self.page.lines += writer.page.lines

    # running text --------------------------------------------------------------
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

    def rewrap(self, text: str, head_reads_right, tail_reads_right=lambda tail: True) -> tuple[str, str] | None:
        """Two lines that the parser joins back into ``text``: the first must not
        end a sentence, the second starts with a lower-case letter and is plain
        text; the last blank before such a word that satisfies both checks."""
        lowercase = self.profile.lowercase_letters
        for at in range(len(text) - 2, 0, -1):
            # The parser strips every kind of blank at the end of a line.
            if text[at] != " " or _blank(text[at - 1]) or text[at + 1] not in lowercase:
                continue
            head, tail = text[:at], text[at + 1:]
            if not ends_sentence(head) and tail.strip() == tail \
                    and self.reading.is_plain_text(tail, self.content_labels) \
                    and head_reads_right(head) and tail_reads_right(tail):
                return head, tail
        return None

    def keep_body_out_of_signature(self, body_end: int) -> None:
        """The parser takes the signature block from the end of the text, line by
        line, while lines look like signature lines. When body lines that look
        like them would join it, the source kept them apart with a line that
        did not: a hard-wrapped paragraph (wrapped again here), or a note of
        the last unit (then ``signature_takes_body`` asks for the page to be
        written again with those notes at the end of the body)."""
        body, signature = self.page.lines[:body_end], self.page.lines[body_end:]
        for _ in range(len(body)):
            taken = self.body_lines_taken(body, signature)
            if not taken or not self.rewrap_one(body, taken):
                break
        self.page.lines = body + signature
        # Still taken: the last unit's notes must go to the end (unparse_act
        # writes the page again, so every placement can count on it).
        self.signature_takes_body = bool(self.body_lines_taken(body, signature))

    def rewrap_one(self, body: list[str], taken: list[int]) -> bool:
        """Wrap the last body line of ``taken`` that can be wrapped so that its
        second line is no signature line."""
        for index in reversed(taken):
            line = body[index]
            indent = line[:len(line) - len(line.lstrip())]
            split = self.rewrap(line.strip(), self.reads_as_text, lambda tail: not self.is_signature_line(tail))
            if split is not None:
                body[index:index + 1] = [indent + split[0], indent + split[1]]
                return True
        return False

    def body_lines_taken(self, body: list[str], signature: list[str]) -> list[int]:
        """Indices of the body lines the parser would take into the signature block."""
        lines = body + signature
        taken, kinds = [], set()
        for index in range(len(lines) - 1, -1, -1):
            text = lines[index].strip()
            if not text:
                continue
            found = self.reading.signature(text)
            if found is None:
                break
            taken.append(index)
            kinds.add(found.kind)
        if not kinds & {"role", "place-date"}:
            return []
        return sorted(i for i in taken if i < len(body))

    def is_signature_line(self, text: str) -> bool:
        return self.reading.signature(text) is not None

    # units ---------------------------------------------------------------------
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
        self.content_labels = outer or unit.kind == "article"
        self.write_unit(unit, after_unit, after_line)
        self.content_labels = outer

    def write_unit(self, unit: Unit, after_unit: Unit | None, after_line: str | None) -> None:
        leading = _leading_service_notes(unit)
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
            (_printed(unit.wrapup[0]) if unit.wrapup else None)
            or (trailing[0].text if trailing else None)
            or after_line
        )
        next_unit = unit.children[0] if unit.children else after_unit
        line_after = self.first_line(unit.children[0]) if unit.children else tail_line
        guards = leading if own and not unit.children else \
            _leading_service_notes(next_unit) if next_unit is not None else []
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
            if number == 0 and plan.label_line is None and self.reading.opens_unlabelled(_printed(block), unit):
                # A dash item: its dash is its label, and stays in its text.
                self.page.paragraph(_printed(block), INDENT)
            else:
                self.block(_printed(block))
            self.quote(block)
        if unit.children:
            self.units(unit.children, after_unit, tail_line)
        for block in unit.wrapup:
            self.block(_printed(block))
            self.quote(block)
        self.notes(trailing + (unplaced if moved else []) + (plan.notes[kept:] if last else []))

    def quote(self, block: Block) -> None:
        """The quoted structure of an amending instruction, under its line: the
        opening quote before its first line, the closing quote and what
        follows it after its last line, as the parser cuts them off."""
        quote = block.quote
        if quote is None or quote.words is not None:
            return
        inner = _Writer(Act(language=self.act.language, source="", preamble=quote.blocks, body=quote.units),
                        self.profile)
        for inner_block in quote.blocks:
            inner.block(_printed(inner_block))
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

    def plan(self, unit: Unit, notes: list[Note], after: str | None, guards: list[Note]) -> _UnitPlan:
        """Decide the label line and the heading line so that the parser reads
        the heading as the heading and the first block as text."""
        label = self.label(unit)
        heading = unit.heading.text if unit.heading else None
        blocks = list(unit.intro)
        if label is None:
            return _UnitPlan(None, heading, notes, blocks)
        if unit.kind not in STRUCTURE_KINDS or not self.reads_as_label(unit, label):
            return self.plan_content(unit, label, heading, blocks, notes)
        if heading is not None:
            line_after = _first(notes, blocks) or after
            return self.plan_heading(unit, label, heading, line_after, notes, blocks)
        return self.plan_text(unit, label, blocks, notes, after, guards)

    def plan_content(self, unit, label, heading, blocks, notes) -> _UnitPlan:
        """Points, paragraphs and any unit the profile has no label for: the first
        block on the label line, unless it would change how the line is read."""
        if heading is not None:
            blocks.insert(0, Block(heading))
        first = _printed(blocks[0]) if blocks else ""
        if blocks and self.keeps_status(unit, first) and \
                self.reading.opens(f"{label} {first}", self.with_label(unit, label), first) \
                and not self.read_before_body(unit, f"{label} {first}"):
            return _UnitPlan(f"{label} {first}", None, notes, blocks[1:])
        if unit.kind not in CONTENT_KINDS and blocks:
            # A label the language does not know (another producer's): its first
            # text beside it reads best.
            return _UnitPlan(f"{label} {first}", None, notes, blocks[1:])
        return _UnitPlan(label, None, notes, blocks)

    def plan_heading(self, unit, label, heading, line_after, notes, blocks) -> _UnitPlan:
        """A unit with a heading: on the label line or on the line under it."""
        labelled = self.with_label(unit, label)
        removed = unit.status == STATUS_REMOVED
        on_label_line = (
            self.reading.opens(f"{label} {heading}", labelled, heading)
            and self.reading.is_excluded(heading) == removed
            and (unit.kind != "article" or (
                not removed and not ends_sentence(heading) and not self.reading.is_structure_label(line_after)))
        )
        on_next_line = (
            not removed and self.reading.opens(label, labelled, "")
            and self.reading.is_next_line_heading(heading, unit)
        )
        # The published layout puts a heading under a label without a period
        # ("Глава 1" / "Общие положения") and beside one with a period.
        prefer_next = unit.kind != "article" and not label.endswith(".")
        if on_next_line and (prefer_next or not on_label_line):
            return _UnitPlan(label, heading, notes, blocks)
        return _UnitPlan(f"{label} {heading}", None, notes, blocks)

    def plan_text(self, unit, label, blocks, notes, after, guards) -> _UnitPlan:
        """A unit without a heading: its first block must not become one."""
        if not blocks:
            return _UnitPlan(label, None, notes, blocks)
        labelled = self.with_label(unit, label)
        first = _printed(blocks[0])
        removed = unit.status == STATUS_REMOVED
        if unit.kind == "article":
            line_after = _first(notes, blocks[1:]) or after
            beside = (
                self.reading.opens(f"{label} {first}", labelled, first)
                and self.keeps_status(unit, first)
                and (removed or ends_sentence(first) or self.reading.is_structure_label(line_after))
            )
            if beside:
                return _UnitPlan(f"{label} {first}", None, notes, blocks[1:])
        elif removed and self.reading.opens(f"{label} {first}", labelled, first):
            return _UnitPlan(f"{label} {first}", None, notes, blocks[1:])
        if not notes and self.reading.is_next_line_heading(first, unit):
            # A note between the label and the text keeps the text from being
            # read as a heading: service notes that may stand here (those
            # announcing the next unit, or left over at the end) stand here.
            notes = [n for n in guards if id(n) not in self.written]
        return _UnitPlan(label, None, notes, blocks, notes_protect=self.reading.is_next_line_heading(first, unit))

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

    # the signature block -----------------------------------------------------------
    def conclusions(self, lines: list[ConclusionLine]) -> None:
        """Signatures, and the runs of other lines (place and date, number)
        between them, each set off by a blank line."""
        run: list[str] = []  # the other lines since the last signature
        for part in signature_block(lines):
            if isinstance(part, Signature):
                self.paragraph_lines(run)
                run = []
                self.signature(part)
            else:
                run.append(part.text)
        self.paragraph_lines(run)

    def paragraph_lines(self, texts: list[str]) -> None:
        for number, text in enumerate(texts):
            (self.page.follow if number else self.page.paragraph)(text, INDENT)

    def signature(self, signature: Signature) -> None:
        """Role lines, the first signer's name to the right of the last one, then
        any other names each on its own line (the published layout)."""
        roles, names = signature.roles, signature.names
        # Without the signatory's facts the name is the end of the last role's
        # text; standing apart, it shows the parser where the signature ends.
        plain = not names and self.act.signatory is None
        printed = [line for number, role in enumerate(roles)
                   for line in self.role_lines(role, split_name=plain and number == len(roles) - 1)]
        if printed and names and " " * NAME_GAP not in printed[-1]:
            beside = printed[-1] + " " * max(NAME_GAP * 2, NAME_COLUMN - len(INDENT) - len(printed[-1])) + names[0]
            read = self.reading.signature(beside)
            if read is not None and "name" in read.spans:
                printed[-1] = beside
                names.pop(0)
        self.paragraph_lines(printed + names)

    def role_lines(self, text: str, split_name: bool = False) -> list[str]:
        """A role line as printed. Without the signatory's facts a document keeps
        the signer's name inside the role's text ("President K. TOKAYEV"); when
        the line is no signature line that way, or ``split_name`` asks for it,
        the name goes to the right of the role, or under it, wherever the
        parser finds it."""
        if self.is_signature_line(text) and not split_name:
            return [text]
        for at in range(1, len(text) - 1):
            # One blank, which the emitter puts between a role and a name.
            if text[at] != " " or _blank(text[at - 1]) or _blank(text[at + 1]):
                continue
            role, name = text[:at], text[at + 1:]
            found = self.reading.signature(role)
            if found is None or found.kind != "role" or " " * NAME_GAP in role \
                    or not self.profile.signature_signer.match(self.profile.normalise(name)):
                continue
            beside = role + " " * max(NAME_GAP * 2, NAME_COLUMN - len(INDENT) - len(role)) + name
            read = self.reading.signature(beside)
            if read is not None and "name" in read.spans:
                return [beside]
            return [role, name]
        return [text]


def _blank(character: str) -> bool:
    """A character the parser strips from the ends of a line."""
    return character.isspace() or character == "\ufeff"


def _final_unit(units: list[Unit]) -> Unit | None:
    """The unit open when the body ends: the last one, or the one whose list a
    closing text (its wrap-up) ended."""
    unit = units[-1] if units else None
    while unit is not None and unit.children and not unit.wrapup:
        unit = unit.children[-1]
    return unit


def _leading_service_notes(unit: Unit) -> list[Note]:
    """The service notes that stood before the unit's label (they announce it)."""
    leading = []
    for note in unit.notes:
        if note.kind != NOTE_SERVICE:
            break
        leading.append(note)
    return leading


def _printed(block: Block) -> str:
    """The line a block starts with: an instruction with the words it quotes,
    or without the structure it quotes (written on the lines under it)."""
    quote = block.quote
    if quote is None or quote.words is None:
        return block.text
    return f"{block.text}{quote.start}{quote.words}{quote.end}{quote.tail}"


def _first(notes: list[Note], blocks: list[Block]) -> str | None:
    if notes:
        return notes[0].text
    return _printed(blocks[0]) if blocks else None


def unparse_act(act: Act, profile: Profile) -> str:
    """The text of ``act`` in the published layout that ``profile`` describes."""
    writer = _Writer(act, profile)
    text = writer.write()
    if writer.signature_takes_body:
        text = _Writer(act, profile, final_notes_last=True).write()
    return text


# --- from bytes -----------------------------------------------------------------

def unparse_bytes(data: bytes, file: str, language: str | None = None) -> str:
    """The text of the Akoma Ntoso document ``data`` in the layout of ``language``
    (default: the document's own). InputError when it cannot be read or when
    some of its text would be lost; ProfileError for a language with no layout."""
    try:
        root = parse_akn_bytes(data, file)
        document = read_akn_tree(root, file, lossless=True)
    except AknReadError as exc:
        raise InputError([exc.as_finding()]) from None
    profile = load_profile(language or document.act.language)
    text = unparse_act(document.act, profile)
    lost = missing_text(root.getroottree(), text)
    if lost:
        raise InputError([
            Finding(code="U301", severity=ERROR, file=file, line=line,
                    message=f"text of this element did not reach the unparsed text: {piece[:80]!r}")
            for line, piece in lost
        ])
    return text
