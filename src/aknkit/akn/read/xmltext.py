"""What both readings need from the XML: element names, and the text of an
element as a reader sees it (white space collapsed) or exactly as written."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from aknkit.model import Inline, InlineKind, Location, Span

Element = etree._Element
# Where each marked element sits in a text: name -> (start, end, element).
Marks = dict[str, tuple[int, int, Element]]

# The legislative hierarchy of the schema (group ANhier) plus the generic container.
HIERARCHY = frozenset({
    "clause", "section", "part", "paragraph", "chapter", "title", "article", "book",
    "tome", "division", "list", "point", "indent", "alinea", "rule", "subrule",
    "proviso", "subsection", "subpart", "subparagraph", "subchapter", "subtitle",
    "subdivision", "subclause", "sublist", "level", "transitional", "hcontainer",
})

# The main text of each document type.
BODIES = ("body", "mainBody", "debateBody", "judgmentBody", "amendmentBody", "portionBody",
          "collectionBody")

# Inline elements that carry editorial material, not law text.
EDITORIAL_INLINE = frozenset({"authorialNote", "remark", "noteRef"})

# Elements whose text is one paragraph of running text.
BLOCK_ELEMENTS = frozenset({"p", "listIntroduction", "listWrapUp"})

# Children of a unit that are the unit's own parts, not units or loose text.
_UNIT_PARTS = frozenset({"num", "heading", "content", "intro", "wrapUp"})

# A child with one of these is a container of text, whatever its tag (lossless reading).
_CONTAINER_MARKS = frozenset({"num", "heading", "subheading", "content", "intro", "wrapUp"}) | BLOCK_ELEMENTS

# What an amending instruction (mod) quotes: a structure or words.
QUOTED = frozenset({"quotedStructure", "quotedText"})
QUOTED_TAGS = ("{*}quotedStructure", "{*}quotedText")

# Empty elements that stand for a line break inside running text.
LINE_BREAKS = frozenset({"eol", "eop", "br"})

# Line breaks with the indentation around them: pretty-printing, not text.
PRINTED_BREAK = re.compile(r"[ \t]*[\r\n][ \t\r\n]*")
EDGE_BLANKS = " \t\r\n"


def local_name(element: Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""  # comments and processing instructions
    return tag.rsplit("}", 1)[-1]


def children(element: Element, name: str | None = None) -> Iterator[Element]:
    for child in element:
        local = local_name(child)
        if local and (name is None or local == name):
            yield child


def first_child(element: Element, name: str) -> Element | None:
    return next(children(element, name), None)


def namespace_of(root: Element) -> str:
    tag = root.tag if isinstance(root.tag, str) else ""
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def clean(text: str) -> str:
    """Whitespace as a reader sees it: runs collapsed, ends trimmed."""
    return " ".join(text.split())


def unwrapped(text: str) -> str:
    """Text exactly as written, but for line breaks of pretty-printing (and the
    indentation around them), which become one space; ends trimmed."""
    return PRINTED_BREAK.sub(" ", text).strip(EDGE_BLANKS)


def pieces(element: Element, breaks: bool = False, skip: frozenset[str] = frozenset()) -> list[str]:
    """The text pieces of ``element`` in order, without editorial inline material
    (nor elements named in ``skip``); a line-break element gives a space when ``breaks``."""
    parts: list[str] = []
    if local_name(element) not in EDITORIAL_INLINE:
        _add_pieces(element, breaks, skip, parts)
    return parts


def _add_pieces(node: Element, breaks: bool, skip: frozenset[str], parts: list[str]) -> None:
    """Add :func:`pieces` of ``node`` to ``parts``.

    Functions that walk a tree here call themselves at module level, never as
    closures: a closure that calls itself is a reference cycle, and what it
    fills would wait for the cyclic collector (the build pauses it)."""
    if node.text:
        parts.append(node.text)
    for child in node:
        name = local_name(child)
        if name not in EDITORIAL_INLINE and name not in skip:
            if breaks and name in LINE_BREAKS:
                parts.append(" ")
            _add_pieces(child, breaks, skip, parts)
        if child.tail:
            parts.append(child.tail)


def collapsed_text(element: Element) -> str:
    """The text of ``element`` without editorial inline material, collapsed."""
    return clean("".join(pieces(element)))


def exact_text(element: Element) -> str:
    """The text of ``element`` without editorial inline material, as written."""
    return unwrapped("".join(pieces(element, breaks=True)))


def marked_text(element: Element, marks: frozenset[str]) -> tuple[str, Marks]:
    """The exact text of ``element`` and where the first element of each name in
    ``marks`` sits in it: name -> (start, end, element)."""
    parts: list[str] = []
    found: Marks = {}
    _add_marked(element, marks, parts, found, 0)
    joined = "".join(parts)
    lead = len(joined) - len(joined.lstrip(EDGE_BLANKS))
    text = joined.strip(EDGE_BLANKS)
    return text, {name: _trimmed(text, start - lead, end - lead, child)
                  for name, (start, end, child) in found.items()}


def _add_marked(node: Element, marks: frozenset[str], parts: list[str], found: Marks, size: int) -> int:
    """Add the text of ``node`` to ``parts`` (``size`` characters long so far)
    and the first element of each name in ``marks`` to ``found``, as
    :func:`marked_text` reads them; returns the size after."""
    if node.text:
        size = _add_printed(node.text, parts, size)
    for child in node:
        name = local_name(child)
        if name not in EDITORIAL_INLINE:
            start = size
            size = _add_marked(child, marks, parts, found, size)
            if name in marks and name not in found:
                found[name] = (start, size, child)
        if child.tail:
            size = _add_printed(child.tail, parts, size)
    return size


def _add_printed(text: str, parts: list[str], size: int) -> int:
    """Add ``text`` to ``parts`` with its printed line breaks made blanks; returns the size after."""
    text = PRINTED_BREAK.sub(" ", text)
    parts.append(text)
    return size + len(text)


def _trimmed(text: str, start: int, end: int, child: Element) -> tuple[int, int, Element]:
    """A marked element's place in the trimmed line, without the blanks at its
    own edges that the line does not hold."""
    start, end = max(0, start), max(0, end)
    piece = text[start:end]
    start += len(piece) - len(piece.lstrip(EDGE_BLANKS))
    end -= len(piece) - len(piece.rstrip(EDGE_BLANKS))
    return start, max(start, min(end, len(text))), child


def marked_spans(text: str, marks: Marks, names: dict[str, str]) -> dict[str, Span]:
    """The spans of the marked elements named in ``names`` (element name ->
    span name): the text they cover, or for a date element its @date."""
    spans = {}
    for element_name, span_name in names.items():
        if element_name in marks:
            start, end, element = marks[element_name]
            value = (element.get("date") or "") if element_name in ("date", "docDate") else text[start:end]
            spans[span_name] = Span(start, end, value)
    return spans


@dataclass(frozen=True)
class Reading:
    """How a reading keeps an element's text: a line-break element is a blank
    (``breaks``), each run of ``runs`` one blank, ``edges`` trimmed."""

    breaks: bool
    runs: re.Pattern[str]
    edges: str


# The text of exact_text and of collapsed_text, as readings.
EXACT = Reading(True, PRINTED_BREAK, EDGE_BLANKS)
COLLAPSED = Reading(False, re.compile(r"\s+"), " ")


def inline_marks(element: Element, names: frozenset[str],
                 reading: Reading = EXACT) -> list[tuple[int, int, Element]]:
    """Where each element named in ``names`` (``element`` itself included) sits
    in the text of ``element`` as ``reading`` keeps it: (start, end, element)
    in document order, each without the blanks at its edges; those that cover
    no text are left out."""
    return _placed(element, names, reading)[1]


def _placed(element: Element, names: frozenset[str],
            reading: Reading) -> tuple[str, list[tuple[int, int, Element]]]:
    """The text of ``element`` as ``reading`` keeps it, and :func:`inline_marks`."""
    parts: list[str] = []
    raw: list[tuple[int, int, Element]] = []
    if local_name(element) in EDITORIAL_INLINE:
        return "", []
    _add_placed(element, names, reading.breaks, parts, raw, 0)
    text, where = _squeezed("".join(parts), reading)
    found = []
    for start, end, node in sorted(raw, key=lambda mark: (mark[0], -mark[1])):
        start, end, _ = _trimmed(text, where[start], where[end], node)
        if end > start:
            found.append((start, end, node))
    return text, found


def _add_placed(node: Element, names: frozenset[str], breaks: bool, parts: list[str],
                raw: list[tuple[int, int, Element]], size: int) -> int:
    """Add the text of ``node`` to ``parts`` (``size`` characters long so far;
    a line-break element a blank when ``breaks``) and (start, end, element)
    of each element named in ``names`` to ``raw``; returns the size after."""
    start = size
    if node.text:
        parts.append(node.text)
        size += len(node.text)
    for child in node:
        name = local_name(child)
        if name not in EDITORIAL_INLINE:
            if breaks and name in LINE_BREAKS:
                parts.append(" ")
                size += 1
            size = _add_placed(child, names, breaks, parts, raw, size)
        if child.tail:
            parts.append(child.tail)
            size += len(child.tail)
    if local_name(node) in names:
        raw.append((start, size, node))
    return size


def _squeezed(raw: str, reading: Reading) -> tuple[str, list[int]]:
    """``raw`` with each run of the reading's blanks made one blank and its
    edges trimmed, and where every position of ``raw`` (its end too) lands."""
    out: list[str] = []
    where: list[int] = []
    size = at = 0
    for run in reading.runs.finditer(raw):
        where += range(size, size + run.start() - at)
        out.append(raw[at:run.start()])
        size += run.start() - at
        where += [size] * (run.end() - run.start())
        out.append(" ")
        size += 1
        at = run.end()
    where += range(size, size + len(raw) - at + 1)
    out.append(raw[at:])
    joined = "".join(out)
    lead = len(joined) - len(joined.lstrip(reading.edges))
    text = joined.strip(reading.edges)
    return text, [min(max(position - lead, 0), len(text)) for position in where]


# Inline elements kept as marks of a paragraph, and the attribute holding each one's value.
_INLINE_VALUE = {InlineKind.REF: "href", InlineKind.RANGE: "from", InlineKind.DATE: "date"}
_INLINE_NAMES = frozenset(str(kind) for kind in _INLINE_VALUE)


def paragraph_inline(element: Element, text: str, reading: Reading = EXACT) -> list[Inline]:
    """The references (with an href), ranges (from and upTo) and dates (with a
    date) marked in the paragraph ``element``, placed in ``text``, its text as
    ``reading`` keeps it; none when the element does not read as ``text``."""
    if next(element.iter("{*}ref", "{*}rref", "{*}date"), None) is None:
        return []   # most paragraphs: no second walk over their text
    read, placed = _placed(element, _INLINE_NAMES, reading)
    if read != text:
        return []
    found = []
    for start, end, node in placed:
        kind = InlineKind(local_name(node))
        value = node.get(_INLINE_VALUE[kind])
        to = node.get("upTo") if kind == InlineKind.RANGE else None
        if value and (kind != InlineKind.RANGE or to):
            found.append(Inline(kind, start, end, value, to))
    return found


def is_container(element: Element) -> bool:
    """Whether an element holds units or text blocks of its own: a hierarchy unit,
    or any other element (debateSection, speech, tblock, ...) with a num, heading
    or paragraphs inside."""
    name = local_name(element)
    if name in HIERARCHY:
        return True
    if not name or name == "meta" or name in _UNIT_PARTS or name in BLOCK_ELEMENTS \
            or name in EDITORIAL_INLINE:
        return False
    return any(local_name(child) in _CONTAINER_MARKS or is_container(child) for child in element)


def location(file: str, element: Element) -> Location:
    return Location(file, element.sourceline or 0)


def iso_date(text: str | None) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def target(href: str | None) -> str | None:
    """The id a local reference points at: ``#note_1`` -> ``note_1``."""
    return href[1:] if href and href.startswith("#") and len(href) > 1 else None
