"""The lossless reading: every text kept exactly as written (only
pretty-printing line breaks become spaces), and every text of the document
read, whatever its tags, so that it can be written out again (``unparse``,
``render``, re-emission)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

from aknkit.akn.read.core import Reader
from aknkit.akn.read.labels import normalised_number
from aknkit.akn.read.meta import note_kind
from aknkit.akn.read.xmltext import (
    BLOCK_ELEMENTS,
    BODIES,
    EDITORIAL_INLINE,
    Element,
    children,
    exact_text,
    is_container,
    local_name,
    location,
    marked_spans,
    marked_text,
    paragraph_inline,
    pieces,
    unwrapped,
)
from aknkit.model import (
    NOTE_FOOTNOTE,
    Act,
    Block,
    ConclusionKind,
    ConclusionLine,
    EnvelopeKind,
    EnvelopeLine,
    Inline,
    MetaLine,
    Note,
    Span,
    Unit,
)

# Parts of a document that are not its main text, each read where it belongs.
_NOT_BODY = frozenset({"meta", "preface", "coverPage", "header", "preamble", "conclusions", "attachments"})


@dataclass
class LosslessReader(Reader):
    PREFACES: ClassVar[frozenset[str]] = frozenset({"preface", "coverPage", "header"})
    META_NOTE: ClassVar[str | None] = None

    def text(self, element: Element) -> str:
        return exact_text(element)

    def clean(self, text: str) -> str:
        return unwrapped(text)

    def written_note(self, element: Element) -> str:
        paragraphs = [self.text(p) for p in element.iter() if local_name(p) in BLOCK_ELEMENTS]
        return " ".join(t for t in paragraphs if t) or unwrapped("".join(element.itertext()))

    def ref_notes(self, element: Element) -> list[Note]:
        notes = super().ref_notes(element)
        # A reference that holds text itself (not what AKN writes) keeps it as a note.
        if text := unwrapped("".join(element.itertext())):
            notes.append(Note(note_kind(element.get("class")) or NOTE_FOOTNOTE, text, location(self.file, element)))
        return notes

    def document_name(self, document: Element) -> str | None:
        # The emitter names the document after its subtype, or its type when it
        # has none: a name equal to the type is no subtype.
        name = document.get("name")
        return None if name == local_name(document) else name

    # --- text outside the units --------------------------------------------------------
    def blocks(self, container: Element | None) -> list[Block]:
        return [] if container is None else self.every_block(container)

    def every_block(self, container: Element, skip: frozenset[str] = frozenset()) -> list[Block]:
        """Every paragraph, and every text outside one (a list item's number
        goes in front of its first paragraph), in order."""
        found: list[Block] = []
        self.gather_blocks(container, skip, found, [])
        return found

    def gather_blocks(self, element: Element, skip: frozenset[str], found: list[Block], number: list[str]) -> None:
        """Add :meth:`every_block` of ``element`` to ``found``; ``number`` holds
        a list item's number until the paragraph it goes in front of."""
        quoted = self.quoted_block(element) if local_name(element) == "p" else None
        if quoted is not None:
            if number:
                quoted.text = f"{number.pop()} {quoted.text}".strip()
            found.append(quoted)
            return
        if local_name(element) in BLOCK_ELEMENTS or not any(
                local_name(d) in BLOCK_ELEMENTS for d in element.iterdescendants()):
            text = self.text(element)
            self.add_block(found, number, text, element, paragraph_inline(element, text))
            return
        if element.text and element.text.strip():
            self.add_block(found, number, unwrapped(element.text), element)
        for child in element:
            name = local_name(child)
            if name == "num":
                number[:] = [self.text(child)]
            elif name and name not in EDITORIAL_INLINE and name not in skip:
                self.gather_blocks(child, skip, found, number)
            if child.tail and child.tail.strip():
                self.add_block(found, number, unwrapped(child.tail), element)
        if number:
            self.add_block(found, number, "", element)

    def add_block(self, found: list[Block], number: list[str], text: str, element: Element,
                  inline: list[Inline] | None = None) -> None:
        """Add a paragraph of ``text`` to ``found``, behind the number waiting in ``number``."""
        shift = 0
        if number:
            label = number.pop()
            shift = len(label) + 1 if label and text else 0
            text = f"{label} {text}".strip()
        if text:
            marks = [replace(m, start=m.start + shift, end=m.end + shift) for m in inline or []]
            found.append(Block(text, location(self.file, element), inline=marks))

    def title_text(self, title: Element) -> str:
        # A title written inside a sentence keeps its sentence.
        holder = next((a for a in title.iterancestors() if local_name(a) == "p"), None)
        return self.text(holder if holder is not None else title)

    def preface_rest(self, act: Act, preface: Element, head: list[Block] | None) -> None:
        """Every other paragraph of the preface, as envelope lines."""
        for block in self.every_block(preface, skip=frozenset({"toc"})):
            if act.meta_line is not None and block.text == act.meta_line.text:
                continue
            if act.title is None and not head:
                act.title = block
            elif act.title is None or block.text != act.title.text:
                act.envelope.append(EnvelopeLine(EnvelopeKind.PREFACE, block.text, block.loc))

    def meta_line_of(self, p: Element, date_el: Element | None, number_el: Element | None) -> MetaLine:
        text, marks = marked_text(p, frozenset({"docType", "docDate", "docNumber"}))
        spans = marked_spans(text, marks, {"docType": "doc_type", "docDate": "date", "docNumber": "number"})
        line = MetaLine(text, location(self.file, p), spans.get("doc_type"), spans.get("date"))
        if "number" in spans:
            number = spans["number"]
            line.number = Span(number.start, number.end, normalised_number(number.value))
        return line

    # --- units -------------------------------------------------------------------------
    def unit_parts(self, unit: Unit, element: Element, own: set[Element]) -> None:
        self.read_parts(unit, element, own, loose=True)

    def body_units(self, body: Element) -> list[Unit]:
        """The units of a body; loose text between them becomes an unnumbered
        generic container (``hcontainer``)."""
        holder = Unit("hcontainer")
        self.read_parts(holder, body, set(), loose=True)
        # The body's own text before its first unit is loose text as well.
        if holder.intro or holder.notes:
            first = Unit("hcontainer", intro=holder.intro, notes=holder.notes, loc=location(self.file, body))
            return [first, *holder.children]
        return holder.children

    def units_of_part(self, part: Element) -> list[Unit]:
        """A part of the document beside the body (attachments, components): one
        container, so its text is kept."""
        return [self.unit(part)] if is_container(part) else self.body_units(part)

    def read_body(self, act: Act, document: Element, root: Element) -> None:
        """Every part of the document that is not read elsewhere; another
        document in the same file, and text written outside every part of the
        document, are text too."""
        for part in children(document):
            if local_name(part) not in _NOT_BODY:
                act.body += self.body_units(part) if local_name(part) in BODIES else self.units_of_part(part)
        for extra in children(root):
            if extra is not document:
                act.body += self.units_of_part(extra)
        strays = [root.text, document.text, document.tail] + [child.tail for child in document] \
            + [child.tail for child in root if child is not document]
        blocks = [block for text in strays for block in self.stray(text, document)]
        if blocks:
            act.body.append(Unit("hcontainer", intro=blocks, loc=location(self.file, document)))

    # --- the signature block, and what no text refers to --------------------------------
    def conclusion_line(self, block: Element) -> ConclusionLine:
        text, marks = marked_text(block, frozenset({"location", "date", "docNumber"}))
        spans = marked_spans(text, marks, {"location": "place", "date": "date", "docNumber": "number"})
        kind = ConclusionKind.PLACE_DATE if "date" in spans else \
            ConclusionKind.NUMBER if "number" in spans else ConclusionKind.TEXT
        return ConclusionLine(kind, text, location(self.file, block), spans)

    def beside_signature(self, block: Element) -> list[ConclusionLine]:
        outside = unwrapped("".join(pieces(block, breaks=True, skip=frozenset({"signature"}))))
        return [ConclusionLine(ConclusionKind.TEXT, outside, location(self.file, block))] if outside else []

    def stray_lines(self, conclusions: Element) -> list[ConclusionLine]:
        strays = [conclusions.text] + [child.tail for child in conclusions]
        return [ConclusionLine(ConclusionKind.TEXT, block.text, block.loc)
                for text in strays for block in self.stray(text, conclusions)]

    def finish(self, act: Act) -> None:
        # Notes no text refers to are still text of the document.
        act.notes += [Note(kind, text) for eid, (kind, text) in self.meta_notes.items()
                      if eid not in self.used_notes]
