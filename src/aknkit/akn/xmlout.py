"""AKN elements built, and written as canonical bytes (the same tree always
gives the same bytes): what the emitter writes with, knowing nothing of the act."""

from __future__ import annotations

import shutil
from typing import BinaryIO

from lxml import etree

from aknkit.akn.schema import AKN_NS
from aknkit.model import Span

_NSMAP = {None: AKN_NS}
_TAGS: dict[str, str] = {}


def _tag(name: str) -> str:
    tag = _TAGS.get(name)
    if tag is None:
        tag = _TAGS[name] = f"{{{AKN_NS}}}{name}"
    return tag


# Attributes to write; those whose value is None are left out.
Attributes = dict[str, str | None]
# A span of a text to wrap in an inline element: the span, the element's name, its attributes.
Marked = tuple[Span, str, Attributes]


def _present(attrib: Attributes | None) -> dict[str, str]:
    return {key: value for key, value in attrib.items() if value is not None} if attrib else {}


def E(tag: str, attrib: Attributes | None = None, *children: etree._Element, text: str | None = None) -> etree._Element:
    """A free-standing AKN element (one that is appended somewhere later)."""
    element = etree.Element(_tag(tag), _present(attrib), nsmap=_NSMAP)
    if text is not None:
        element.text = text
    for child in children:
        element.append(child)
    return element


def sub(parent: etree._Element, tag: str, attrib: Attributes | None = None, text: str | None = None) -> etree._Element:
    """A new last child of ``parent``; it shares the parent's namespace map."""
    child = etree.SubElement(parent, _tag(tag), _present(attrib))
    if text is not None:
        child.text = text
    return child


def append_text(element: etree._Element, text: str) -> None:
    """Append ``text`` after the element's last child (or to its text)."""
    if not text:
        return
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text


def marked_up(parent: etree._Element, text: str, pieces: list[Marked]) -> None:
    """Write ``text`` into ``parent`` with the spans wrapped in inline elements;
    a span lying inside another (a date inside a reference) goes inside its
    element. Spans never overlap otherwise."""
    ordered = sorted(pieces, key=lambda piece: (piece[0].start, -piece[0].end))
    _write_marked(parent, text, 0, len(text), ordered)


def _write_marked(parent: etree._Element, text: str, start: int, end: int, pieces: list[Marked]) -> None:
    cursor, index = start, 0
    while index < len(pieces):
        span, tag, attrib = pieces[index]
        inner = index + 1
        while inner < len(pieces) and pieces[inner][0].start < span.end:
            inner += 1
        append_text(parent, text[cursor:span.start])
        if inner == index + 1:
            sub(parent, tag, attrib, text=text[span.start:span.end])
        else:
            _write_marked(sub(parent, tag, attrib), text, span.start, span.end, pieces[index + 1:inner])
        cursor, index = span.end, inner
    append_text(parent, text[cursor:end])


# Elements whose content is running text: indentation inside them would change
# the text, so they are written as they are.
_TEXT_ELEMENTS = {"p", "num", "heading", "subheading", "docTitle", "signature", "role"}


_TEXT_TAGS = frozenset(_tag(name) for name in _TEXT_ELEMENTS)


def _indent(element: etree._Element, level: int) -> None:
    if element.tag in _TEXT_TAGS or len(element) == 0:
        return
    text = element.text
    if text and not text.isspace():
        return
    children = list(element)
    for child in children:
        tail = child.tail
        if tail and not tail.isspace():
            return
    inner = _indentation(level + 1)
    element.text = inner
    for child in children:
        if len(child):
            _indent(child, level + 1)
        child.tail = inner
    children[-1].tail = _indentation(level)


_INDENTS = tuple("\n" + "  " * depth for depth in range(64))


def _indentation(level: int) -> str:
    """The white space before an element at depth ``level`` (the document element's children are at 1)."""
    return _INDENTS[level] if level < len(_INDENTS) else "\n" + "  " * level


def write_document(tree: etree._ElementTree, stream: BinaryIO) -> None:
    """Write the canonical bytes of ``tree`` to a binary stream (see serialise)."""
    _indent(tree.getroot(), 0)
    tree.write(stream, xml_declaration=True, encoding="UTF-8")
    stream.write(b"\n")


def serialise(tree: etree._ElementTree) -> bytes:
    """Canonical bytes: UTF-8, XML declaration, two-space indentation between
    block elements and none inside running text."""
    _indent(tree.getroot(), 0)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8") + b"\n"


# Written by lxml on an element serialised on its own: the document element declares it once.
_DECLARATION = f' xmlns="{AKN_NS}"'.encode()
# Where the streamed part goes in a document written around it (see write_around).
_HOLE_TEXT = "aknkit:streamed"
_HOLE = f"<!--{_HOLE_TEXT}-->".encode()


def hole() -> etree._Element:
    """A placeholder for the elements :func:`write_around` streams into a document."""
    return etree.Comment(_HOLE_TEXT)


def element_bytes(element: etree._Element, level: int) -> bytes:
    """The bytes of ``element`` (without its tail) exactly as :func:`write_document`
    writes it inside its whole document, where it stands at depth ``level``."""
    _indent(element, level)
    data = etree.tostring(element, encoding="UTF-8", xml_declaration=False, with_tail=False)
    # libxml2 writes namespace declarations before the attributes, and escapes
    # ">" in attribute values: the declaration lies before the first ">".
    at = data.find(_DECLARATION, 0, data.find(b">"))
    if at < 0:
        raise ValueError(f"{element.tag!r} was not written with the Akoma Ntoso namespace declaration")
    return data[:at] + data[at + len(_DECLARATION):]


def element_separator(level: int) -> bytes:
    """What :func:`write_document` writes between two sibling elements at depth ``level``."""
    return _indentation(level).encode()


def write_around(tree: etree._ElementTree, stream: BinaryIO, streamed: BinaryIO) -> None:
    """Write the canonical bytes of ``tree`` (see serialise) to ``stream``, with
    the bytes of ``streamed`` (from its start) in place of its :func:`hole`."""
    head, found, tail = serialise(tree).partition(_HOLE)
    if not found:
        raise ValueError("the document holds no place for its streamed part")
    stream.write(head)
    streamed.seek(0)
    shutil.copyfileobj(streamed, stream, 1 << 20)
    stream.write(tail)
