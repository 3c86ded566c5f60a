"""The reading for comparing versions: white space collapsed as a reader sees
it, and of the text only what a version is compared by (the hierarchy units
with their num, heading and paragraphs, the preamble, the signature block)."""

from __future__ import annotations

from dataclasses import dataclass

from aknkit.akn.read.core import Reader
from aknkit.akn.read.labels import normalised_number, span_of
from aknkit.akn.read.xmltext import (
    BLOCK_ELEMENTS,
    COLLAPSED,
    EDITORIAL_INLINE,
    HIERARCHY,
    QUOTED,
    Element,
    children,
    clean,
    collapsed_text,
    first_child,
    local_name,
    location,
    paragraph_inline,
)
from aknkit.model import Act, Block, ConclusionKind, ConclusionLine, MetaLine, Unit


@dataclass
class ComparingReader(Reader):
    def text(self, element: Element) -> str:
        return collapsed_text(element)

    def clean(self, text: str) -> str:
        return clean(text)

    def written_note(self, element: Element) -> str:
        return clean("".join(element.itertext()))

    def blocks(self, container: Element | None) -> list[Block]:
        """Each paragraph (not those of notes or quoted wording, which belong
        elsewhere); a container without paragraphs is one."""
        if container is None:
            return []
        paragraphs = [el for el in container.iter() if local_name(el) in BLOCK_ELEMENTS
                      and not any(local_name(a) in EDITORIAL_INLINE or local_name(a) in QUOTED
                                  for a in el.iterancestors())]
        if not paragraphs:
            text = self.text(container)
            return [Block(text, location(self.file, container))] if text else []
        blocks = []
        for p in paragraphs:
            quoted = self.quoted_block(p)
            if quoted is not None:
                blocks.append(quoted)
                continue
            text = self.text(p)
            if text:
                blocks.append(Block(text, location(self.file, p), inline=paragraph_inline(p, text, COLLAPSED)))
        return blocks

    def unit_parts(self, unit: Unit, element: Element, own: set[Element]) -> None:
        # Every num and heading of the unit is its own (their notes are the unit's).
        own = {child for child in children(element) if local_name(child) in ("num", "heading")}
        self.read_parts(unit, element, own, loose=False)

    def body_units(self, body: Element) -> list[Unit]:
        return [self.unit(el) for el in children(body) if local_name(el) in HIERARCHY]

    def read_body(self, act: Act, document: Element, root: Element) -> None:
        # An element without children is false in lxml, hence the explicit tests.
        body = first_child(document, "body")
        if body is None:
            body = first_child(document, "mainBody")
        if body is not None:
            act.body = self.body_units(body)

    def meta_line_of(self, p: Element, date_el: Element | None, number_el: Element | None) -> MetaLine:
        text = collapsed_text(p)
        line = MetaLine(text, location(self.file, p))
        if date_el is not None and (date := date_el.get("date")):
            line.date = span_of(text, collapsed_text(date_el), date)
        if number_el is not None:
            number = collapsed_text(number_el)
            line.number = span_of(text, number, normalised_number(number))
        return line

    def conclusion_line(self, block: Element) -> ConclusionLine:
        return ConclusionLine(ConclusionKind.TEXT, collapsed_text(block), location(self.file, block))
