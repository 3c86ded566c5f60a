"""AKN elements built, and written as canonical bytes (the same tree always
gives the same bytes): what the emitter writes with, knowing nothing of the act."""

from __future__ import annotations

import re
import shutil
from abc import ABC, abstractmethod
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
    wrapped in inline elements (see :meth:`Writer.marked`)."""
    TreeWriter(parent).marked(text, pieces)


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


class Writer(ABC):
    """Where the emitter writes elements, in document order: into a tree
    (:class:`TreeWriter`) or straight as text (:class:`TextWriter`)."""

    @abstractmethod
    def open(self, name: str, attrib: Attributes | None = None) -> None:
        """Start the element ``name`` inside the open one: its content follows, then :meth:`close`."""

    @abstractmethod
    def text(self, value: str) -> None:
        """Text in the open element, after what it holds (its text, or the last
        child's tail). Empty text still gives the element content, as setting
        lxml's ``.text`` to "" does (``<p></p>``, not ``<p/>``)."""

    @abstractmethod
    def close(self) -> None:
        """End the innermost open element."""

    @abstractmethod
    def leaf(self, name: str, attrib: Attributes | None = None, text: str | None = None) -> None:
        """An element with no children: its text (None: no content at all)."""

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


class TreeWriter(Writer):
    """Elements appended to ``parent`` in a tree (lxml)."""

    def __init__(self, parent: etree._Element):
        self._open = [parent]

    def open(self, name: str, attrib: Attributes | None = None) -> None:
        self._open.append(sub(self._open[-1], name, attrib))

    def text(self, value: str) -> None:
        element = self._open[-1]
        if len(element):
            last = element[-1]
            last.tail = (last.tail or "") + value
        else:
            element.text = (element.text or "") + value

    def close(self) -> None:
        self._open.pop()

    def leaf(self, name: str, attrib: Attributes | None = None, text: str | None = None) -> None:
        sub(self._open[-1], name, attrib, text)


# What XML 1.0 cannot hold (lxml refuses it in any text or attribute value),
# besides lone surrogates, which UTF-8 cannot encode.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NOT_XML_MESSAGE = "All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters"
# What libxml2 writes as an entity or a character reference, in text and in attribute values.
_TEXT_SPECIAL = re.compile("[&<>\r]")
_ATTRIBUTE_SPECIAL = re.compile('[&<>"\n\r\t]')


def _escaped_text(value: str) -> str:
    """Character data as libxml2 writes it in UTF-8."""
    if _TEXT_SPECIAL.search(value) is None:
        return value
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _escaped_attribute(value: str) -> str:
    """An attribute value as libxml2 writes it between double quotes: white
    space other than blanks as character references, so that a reader gets it back."""
    if _ATTRIBUTE_SPECIAL.search(value) is None:
        return value
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;"))


def _start_tag(name: str, attrib: Attributes | None) -> str:
    """The start tag without its closing ">": the attributes in the order given, those set."""
    tag = "<" + name
    if attrib:
        for key, value in attrib.items():
            if value is not None:
                tag += " " + key + '="' + _escaped_attribute(value) + '"'
    return tag


class TextWriter(Writer):
    """Elements written straight as text, with the bytes :func:`write_document`
    gives the same elements in a tree (:class:`TreeWriter`).

    Indentation follows :func:`_indent`: the children of a block element are
    each put on a line of their own, at two spaces a level (the writer's own
    elements stand at depth ``level``, one a line); inside an element of
    running text everything is written as it is.
    A block element never holds text (text there would keep :func:`_indent`
    from indenting it; the emitter writes none).
    """

    def __init__(self, level: int):
        self._parts: list[str] = []
        self._level = level
        # Each open element: what ends it, and what goes before each of its children
        # (its children's indentation; None inside running text, where nothing does).
        self._open: list[tuple[str, str | None]] = []
        self._unclosed = False       # the last start tag still lacks its ">"
        self._top_written = False    # an element at the writer's own level was written

    def _place(self) -> bool:
        """End the pending start tag and put a new element on its line; whether it stands
        among block elements (its own children may then be indented)."""
        parts, stack = self._parts, self._open
        if self._unclosed:
            parts.append(">")
            self._unclosed = False
        if stack:
            before = stack[-1][1]
            if before is None:
                return False
            parts.append(before)
        else:
            if self._top_written:
                parts.append(_indentation(self._level))
            self._top_written = True
        return True

    def open(self, name: str, attrib: Attributes | None = None) -> None:
        if self._place() and name not in _TEXT_ELEMENTS:
            depth = self._level + len(self._open)
            self._open.append((_indentation(depth) + "</" + name + ">", _indentation(depth + 1)))
        else:
            self._open.append(("</" + name + ">", None))
        self._parts.append(_start_tag(name, attrib))
        self._unclosed = True

    def text(self, value: str) -> None:
        if not self._open or self._open[-1][1] is not None:
            raise ValueError(f"text {value[:40]!r} among block elements, which hold only elements")
        if self._unclosed:
            self._parts.append(">")
            self._unclosed = False
        self._parts.append(_escaped_text(value))

    def close(self) -> None:
        end = self._open.pop()[0]
        if self._unclosed:
            self._parts.append("/>")
            self._unclosed = False
        else:
            self._parts.append(end)

    def leaf(self, name: str, attrib: Attributes | None = None, text: str | None = None) -> None:
        self._place()
        if text is None:
            self._parts.append(_start_tag(name, attrib) + "/>")
        else:
            self._parts.append(_start_tag(name, attrib) + ">" + _escaped_text(text) + "</" + name + ">")

    def take(self) -> bytes:
        """What is written so far, as UTF-8 (then forgotten). Refuses characters XML
        cannot hold, as lxml does when they are set (ValueError)."""
        data = "".join(self._parts)
        self._parts.clear()
        if _NOT_XML.search(data):
            raise ValueError(_NOT_XML_MESSAGE)
        return data.encode()
