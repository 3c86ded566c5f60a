"""No text lost: every non-blank character of the source reaches the XML, in order.

The check compares the source and the document's text with all white space
removed. Source lines are looked for in order; a line the emitter moved (an
editorial note goes to ``<meta><notes>``) is looked for anywhere.
"""

from __future__ import annotations

import re

from lxml import etree

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
        return _ALL_TEXT(root)
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
    xml_text = squeeze(document_string(tree.getroot()))
    missing = []
    cursor = 0
    text = source_text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    for number, line in enumerate(text.split("\n"), start=1):
        needle = squeeze(line.replace("\u00a0", " "))
        if not needle:
            continue
        found = xml_text.find(needle, cursor)
        if found >= 0:
            cursor = found + len(needle)
        elif needle not in xml_text and not _in_pieces(needle, xml_text):
            missing.append((number, line.strip()))
    return missing


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
