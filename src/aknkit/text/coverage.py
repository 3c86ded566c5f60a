"""No text lost: every non-blank character of one side reaches the other, in order.

One search serves every such check: each piece, with all white space removed,
is looked for in the other side (white space removed too) where it is
expected, right after the piece found before it or after the last piece a
writer moved, and only then anywhere (see :class:`_Search`). The
build looks for every line of the source in the XML (:func:`missing_lines`);
unparse and render look for every text of the document in what they wrote
(:func:`missing_text`): an editorial note goes to ``<meta><notes>``, and back.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain

from lxml import etree

from aknkit.akn.schema import AKNKIT_NS

# Quoted new wording keeps its quote characters in startQuote/endQuote.
_QUOTED_NAMES = frozenset({"quotedStructure", "quotedText"})


def _has_quotes(root: etree._Element) -> bool:
    return next(root.iter("{*}quotedStructure", "{*}quotedText"), None) is not None


def document_string(root: etree._Element) -> str:
    """All text of a document in order, with the quotes of quoted structures
    and texts where they stand in the source."""
    if not _has_quotes(root):
        # The string value of the element (as XPath's string()), serialised inside libxml2.
        return etree.tostring(root, method="text", encoding="unicode", with_tail=False)
    parts: list[str] = []
    _add_quoted_text(root, parts)
    return "".join(parts)


def _add_quoted_text(element: etree._Element, parts: list[str]) -> None:
    """Add the text of ``element`` to ``parts`` as :func:`document_string` reads it.

    A function of its own, not a closure calling itself: such a closure is a
    reference cycle, which would keep ``parts`` until the cyclic collector runs
    (the build pauses it)."""
    quoted = isinstance(element.tag, str) and etree.QName(element).localname in _QUOTED_NAMES
    if quoted:
        parts.append(element.get("startQuote") or "")
    parts.append(element.text or "")
    for child in element:
        if isinstance(child.tag, str):
            _add_quoted_text(child, parts)
        parts.append(child.tail or "")
    if quoted:
        parts.append(element.get("endQuote") or element.get("startQuote") or "")


def squeeze(text: str) -> str:
    """``text`` with all white space removed."""
    return "".join(text.split())


def squeeze_each(texts: list[str]) -> list[str]:
    """:func:`squeeze` of each text, the same calls chained inside the interpreter."""
    return list(map("".join, map(str.split, texts)))


def missing_lines(source_text: str, tree: etree._ElementTree) -> list[tuple[int, str]]:
    """(line number, text) of every source line whose text is not in the XML."""
    return missing_lines_in(source_text, squeeze(document_string(tree.getroot())))


def missing_lines_in(source_text: str, xml_text: str) -> list[tuple[int, str]]:
    """(line number, text) of every source line whose text is not in ``xml_text``:
    the document's text (:func:`document_string`) squeezed, or its parts'
    squeezed texts joined in order where only white space lies between them."""
    lines = source_text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return missing_lines_among([lines], xml_text)


def missing_file_lines(source: str, xml_text: str) -> list[tuple[int, str]]:
    """:func:`missing_lines_in` the text of the file ``source`` (UTF-8), read a
    piece at a time: only a few lines of it are held at once."""
    with open(source, encoding="utf-8-sig") as stream:   # newlines as \n, however written
        first = stream.readlines(_PIECE)
        if first:
            first[0] = first[0].lstrip("\ufeff")
        return missing_lines_among(chain([first], iter(lambda: stream.readlines(_PIECE), [])), xml_text)


# How many characters of a source file are read at a time.
_PIECE = 1 << 20


def missing_lines_among(pieces: Iterable[list[str]], xml_text: str) -> list[tuple[int, str]]:
    """:func:`missing_lines_in` the lines of a text, given as pieces of consecutive lines."""
    search = _Search(xml_text)
    missing = []
    first = 1
    for lines in pieces:
        needles = squeeze_each(lines)
        missing += [(first + index, lines[index].strip()) for index in search.unseen(needles, None)
                    if not _in_pieces(needles[index], xml_text)]
        first += len(lines)
    return missing


def missing_text(tree: etree._ElementTree, text: str) -> list[tuple[int, str]]:
    """(line in the XML, text) of every piece of the document's text that is not
    in ``text``: looked for in order, and anywhere for pieces unparse moves."""
    pieces = list(_document_text(tree))
    missing = _not_found(squeeze_each([piece for _, piece, _ in pieces]), [in_order for _, _, in_order in pieces],
                         squeeze(text))
    return [(pieces[index][0], pieces[index][1].strip()) for index in missing]


def _not_found(needles: list[str], in_order: list[bool] | None, haystack: str, in_parts: bool = False) -> list[int]:
    """The indices of the needles (squeezed; ``in_order`` says which are
    expected in order, None all) that are not in ``haystack`` (squeezed),
    whole or, with ``in_parts``, as a few long parts (:func:`_in_pieces`)."""
    unseen = _Search(haystack).unseen(needles, in_order)
    return [index for index in unseen if not (in_parts and _in_pieces(needles[index], haystack))]


# How far past where a piece is expected it is looked for before anywhere else:
# between two pieces in order a document holds little text of its own.
_WINDOW = 2048


class _Search:
    """Finds pieces in a text, each near where it is expected first: right
    after the piece found before it (``ahead``, for pieces in order), then
    right after the last piece found out of that order (``aside``: what a
    writer moves, such as notes to ``<meta>``, keeps its own order there);
    only then the rest of the text. A piece is found if it is anywhere, but
    one near where it is expected costs a short window, not a scan of the
    whole text, so the search stays linear."""

    def __init__(self, haystack: str):
        self.haystack = haystack
        self.ahead = 0
        self.aside = 0

    def unseen(self, needles: list[str], in_order: list[bool] | None) -> list[int]:
        """The indices of the needles (empty ones aside) found nowhere."""
        find, ahead = self.haystack.find, self.ahead
        unseen = []
        for index, needle in enumerate(needles):
            if not needle:
                continue
            ordered = in_order is None or in_order[index]
            # Most pieces follow the one before: the loop tries that first.
            if ordered and (found := find(needle, ahead, ahead + len(needle) + _WINDOW)) >= 0:
                ahead = found + len(needle)
                continue
            self.ahead = ahead
            if not self.elsewhere(needle, ordered):
                unseen.append(index)
            ahead = self.ahead
        self.ahead = ahead   # where the next needles in order are looked for first
        return unseen

    def elsewhere(self, needle: str, in_order: bool) -> bool:
        """Whether ``needle`` is in the text, looked for after the last piece
        moved, then after the last piece in order, then anywhere."""
        haystack = self.haystack
        if (found := haystack.find(needle, self.aside, self.aside + len(needle) + _WINDOW)) >= 0:
            self.aside = found + len(needle)
        elif in_order and (found := haystack.find(needle, self.ahead)) >= 0:
            self.ahead = found + len(needle)
        elif (found := haystack.find(needle)) >= 0:
            self.aside = found + len(needle)
        return found >= 0


def _document_text(tree: etree._ElementTree) -> Iterator[tuple[int, str, bool]]:
    """(line, text, in order) for every text piece of the document a reader sees:
    everything outside ``<meta>``, plus the editorial notes and aknkit's
    publication lines inside it, which unparse moves to where they belong."""
    yield from _text_pieces(tree.getroot(), False, False)


_LINE_TAG = f"{{{AKNKIT_NS}}}line"


def _text_pieces(element: etree._Element, in_meta: bool, kept: bool) -> Iterator[tuple[int, str, bool]]:
    """:func:`_document_text` of ``element``, inside ``<meta>`` or not, in a
    part of it that is ``kept`` or not."""
    name = etree.QName(element).localname if isinstance(element.tag, str) else None
    if name is None:
        return
    if name == "meta":
        in_meta = True
    if in_meta and (name == "notes" or element.tag == _LINE_TAG):
        kept = True
    if element.text and (not in_meta or kept):
        yield element.sourceline or 0, element.text, not in_meta
    for child in element:
        yield from _text_pieces(child, in_meta, kept)
        if child.tail and (not in_meta or kept):
            yield child.sourceline or 0, child.tail, not in_meta


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
