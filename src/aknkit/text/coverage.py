"""No text lost: every non-blank character of one side reaches the other, in order.

One search serves every such check: each piece, with all white space removed,
is looked for in the other side (white space removed too) after the piece
found before it; a piece that a writer moves is looked for anywhere. The
build looks for every line of the source in the XML (:func:`missing_lines`);
unparse and render look for every text of the document in what they wrote
(:func:`missing_text`): an editorial note goes to ``<meta><notes>``, and back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from lxml import etree

from aknkit.akn.schema import AKNKIT_NS

_BLANKS = re.compile(r"\s+")
# All text of a document in document order, concatenated inside libxml2.
_ALL_TEXT = etree.XPath("string()")


# Quoted new wording keeps its quote characters in startQuote/endQuote.
_QUOTED_NAMES = frozenset({"quotedStructure", "quotedText"})
_HAS_QUOTES = etree.XPath("boolean(//*[local-name()='quotedStructure' or local-name()='quotedText'])")


def document_string(root: etree._Element) -> str:
    """All text of a document in order, with the quotes of quoted structures
    and texts where they stand in the source."""
    if not _HAS_QUOTES(root):
        return str(_ALL_TEXT(root))
    parts: list[str] = []

    def visit(element: etree._Element) -> None:
        quoted = isinstance(element.tag, str) and etree.QName(element).localname in _QUOTED_NAMES
        if quoted:
            parts.append(element.get("startQuote") or "")
        parts.append(element.text or "")
        for child in element:
            if isinstance(child.tag, str):
                visit(child)
            parts.append(child.tail or "")
        if quoted:
            parts.append(element.get("endQuote") or element.get("startQuote") or "")

    visit(root)
    return "".join(parts)


def squeeze(text: str) -> str:
    return _BLANKS.sub("", text)


def missing_lines(source_text: str, tree: etree._ElementTree) -> list[tuple[int, str]]:
    """(line number, text) of every source line whose text is not in the XML."""
    text = source_text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = ((number, line, True) for number, line in enumerate(text.split("\n"), start=1))
    return _not_found(lines, squeeze(document_string(tree.getroot())), in_parts=True)


def missing_text(tree: etree._ElementTree, text: str) -> list[tuple[int, str]]:
    """(line in the XML, text) of every piece of the document's text that is not
    in ``text``: looked for in order, and anywhere for pieces unparse moves."""
    return _not_found(_document_text(tree), squeeze(text))


def _not_found(pieces: Iterable[tuple[int, str, bool]], haystack: str,
               in_parts: bool = False) -> list[tuple[int, str]]:
    """(where, text) of every piece not in ``haystack`` (squeezed): a piece
    marked in order is looked for after the one found before it, any piece then
    anywhere, and with ``in_parts`` as a few long parts (:func:`_in_pieces`)."""
    missing = []
    cursor = 0
    for where, piece, in_order in pieces:
        needle = squeeze(piece)
        if not needle:
            continue
        found = haystack.find(needle, cursor) if in_order else -1
        if found >= 0:
            cursor = found + len(needle)
        elif needle not in haystack and not (in_parts and _in_pieces(needle, haystack)):
            missing.append((where, piece.strip()))
    return missing


def _document_text(tree: etree._ElementTree) -> Iterator[tuple[int, str, bool]]:
    """(line, text, in order) for every text piece of the document a reader sees:
    everything outside ``<meta>``, plus the editorial notes and aknkit's
    publication lines inside it, which unparse moves to where they belong."""
    line_tag = f"{{{AKNKIT_NS}}}line"

    def visit(element: etree._Element, in_meta: bool, kept: bool) -> Iterator[tuple[int, str, bool]]:
        name = etree.QName(element).localname if isinstance(element.tag, str) else None
        if name is None:
            return
        if name == "meta":
            in_meta = True
        if in_meta and (name == "notes" or element.tag == line_tag):
            kept = True
        if element.text and (not in_meta or kept):
            yield element.sourceline or 0, element.text, not in_meta
        for child in element:
            yield from visit(child, in_meta, kept)
            if child.tail and (not in_meta or kept):
                yield child.sourceline or 0, child.tail, not in_meta

    yield from visit(tree.getroot(), False, False)


# A line of the flat "compare" layout may hold two things the parser splits
# apart (a footnote glued to the next paragraph), which the XML keeps in
# different places; each piece must then be found whole, and be long enough
# to be that text rather than a chance match.
_SHORTEST_PIECE = 8
_MOST_PIECES = 4


def _in_pieces(needle: str, xml_text: str) -> bool:
    start = 0
    for _ in range(_MOST_PIECES):
        low, high = start, len(needle)
        while low < high:  # the longest piece from ``start`` found in the XML
            middle = (low + high + 1) // 2
            if needle[start:middle] in xml_text:
                low = middle
            else:
                high = middle - 1
        if low == len(needle):
            return low - start >= _SHORTEST_PIECE or start == 0
        if low - start < _SHORTEST_PIECE:
            return False
        start = low
    return False
