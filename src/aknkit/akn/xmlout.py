"""AKN elements built, and written as canonical bytes (the same tree always
gives the same bytes): what the emitter writes with, knowing nothing of the act."""

from __future__ import annotations

import re
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
    """Write ``text`` into ``parent`` (after what it holds) with the spans
    wrapped in inline elements, as :meth:`Writer.marked` writes them."""
    out = Writer(indented=False)
    out.marked(text, pieces)
    adopt(parent, out)


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


# The namespace declaration of the element that holds what a Writer wrote, to read it back.
_DECLARATION = f' xmlns="{AKN_NS}"'.encode()
# Where the streamed part goes in a document written around it (see write_around).
_HOLE_TEXT = "aknkit:streamed"
_HOLE = f"<!--{_HOLE_TEXT}-->".encode()


def hole() -> etree._Element:
    """A placeholder for the elements :func:`write_around` streams into a document."""
    return etree.Comment(_HOLE_TEXT)


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


# What XML 1.0 cannot hold (lxml refuses it in any text or attribute value),
# besides lone surrogates, which UTF-8 cannot encode.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NOT_XML_MESSAGE = "All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters"


def _escaped_text(value: str) -> str:
    """Character data as libxml2 writes it in UTF-8."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _escaped_attribute(value: str) -> str:
    """An attribute value as libxml2 writes it between double quotes: white
    space other than blanks as character references, so that a reader gets it back."""
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;"))


class Writer:
    """AKN elements written straight as text, in document order, with the bytes
    :func:`write_document` gives the same elements in a tree.

    Indentation follows :func:`_indent`: in an ``indented`` writer, the
    children of a block element are each put on a line of their own, at two
    spaces a level (the writer's elements stand at depth ``level``); inside an
    element of running text everything is written as it is. A block element
    never holds text of its own (text there would keep :func:`_indent` from
    indenting it; the emitter has none). An element without content is
    written ``<name/>``; one whose text is set, even empty, ``<name></name>``.
    """

    def __init__(self, level: int = 0, indented: bool = True):
        self._parts: list[str] = []
        self._level = level
        self._indented = indented
        # Each open element: its name, and whether its children go on lines of their own.
        self._open: list[tuple[str, bool]] = []
        self._unclosed = False       # the last start tag still lacks its ">"
        self._top_written = False    # an element at the writer's own level was written

    def open(self, name: str, attrib: Attributes | None = None) -> None:
        """Start the element ``name``: its content follows, then :meth:`close`."""
        parts, stack = self._parts, self._open
        if self._unclosed:
            parts.append(">")
        if stack:
            indents = stack[-1][1]
            if indents:
                parts.append(_indentation(self._level + len(stack)))
        else:
            indents = self._indented
            if indents and self._top_written:
                parts.append(_indentation(self._level))
            self._top_written = True
        stack.append((name, indents and name not in _TEXT_ELEMENTS))
        if attrib:
            parts.append("<" + name + "".join(
                [f' {key}="{_escaped_attribute(value)}"' for key, value in attrib.items() if value is not None]))
        else:
            parts.append("<" + name)
        self._unclosed = True

    def text(self, value: str) -> None:
        """Text in the open element, after what it holds (its text, or the last child's tail).
        Empty text still makes the element one with content, as setting lxml's ``.text`` does."""
        if (self._open[-1][1] if self._open else self._indented):
            raise ValueError(f"text {value[:40]!r} in a block element, which holds only elements")
        if self._unclosed:
            self._parts.append(">")
            self._unclosed = False
        self._parts.append(_escaped_text(value))

    def close(self) -> None:
        """End the innermost open element."""
        name, indents = self._open.pop()
        if self._unclosed:
            self._parts.append("/>")
            self._unclosed = False
        elif indents:
            self._parts.append(_indentation(self._level + len(self._open)) + "</" + name + ">")
        else:
            self._parts.append("</" + name + ">")

    def leaf(self, name: str, attrib: Attributes | None = None, text: str | None = None) -> None:
        """An element with no children: its text (None: no content at all)."""
        self.open(name, attrib)
        if text is not None:
            self.text(text)
        self.close()

    def marked(self, text: str, pieces: list[Marked]) -> None:
        """``text`` with the spans wrapped in inline elements; a span lying
        inside another (a date inside a reference) goes inside its element.
        Spans never overlap otherwise."""
        ordered = sorted(pieces, key=lambda piece: (piece[0].start, -piece[0].end))
        self._marked(text, 0, len(text), ordered)

    def _marked(self, text: str, start: int, end: int, pieces: list[Marked]) -> None:
        cursor, index = start, 0
        while index < len(pieces):
            span, tag, attrib = pieces[index]
            inner = index + 1
            while inner < len(pieces) and pieces[inner][0].start < span.end:
                inner += 1
            if cursor < span.start:
                self.text(text[cursor:span.start])
            if inner == index + 1:
                self.leaf(tag, attrib, text[span.start:span.end])
            else:
                self.open(tag, attrib)
                self._marked(text, span.start, span.end, pieces[index + 1:inner])
                self.close()
            cursor, index = span.end, inner
        if cursor < end:
            self.text(text[cursor:end])

    def take(self) -> bytes:
        """What is written so far, as UTF-8 (then forgotten). Refuses characters XML
        cannot hold, as lxml does when they are set (ValueError)."""
        data = "".join(self._parts)
        self._parts.clear()
        if _NOT_XML.search(data):
            raise ValueError(_NOT_XML_MESSAGE)
        return data.encode()


def adopt(parent: etree._Element, out: Writer) -> None:
    """Append what ``out`` wrote (elements and text; see :meth:`Writer.take`) to ``parent``."""
    data = out.take()
    if not data:
        return
    parser = etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True)
    holder = etree.fromstring(b"<holder" + _DECLARATION + b">" + data + b"</holder>", parser)
    append_text(parent, holder.text or "")
    for child in list(holder):
        parent.append(child)
