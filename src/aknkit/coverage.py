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


def squeeze(text: str) -> str:
    return _BLANKS.sub("", text)


def missing_lines(source_text: str, tree: etree._ElementTree) -> list[tuple[int, str]]:
    """(line number, text) of every source line whose text is not in the XML."""
    xml_text = squeeze(_ALL_TEXT(tree.getroot()))
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
        elif needle not in xml_text:
            missing.append((number, line.strip()))
    return missing
