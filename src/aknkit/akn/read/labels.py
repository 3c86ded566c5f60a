"""Numbers as printed in a document, normalised the way the model keeps them."""

from __future__ import annotations

import re

from aknkit.akn import ids
from aknkit.model import Span

# A number, and the letters of an inserted unit after it ("10-1", "11.2 bis",
# "Art. 23 a", "23a"): a single letter counts when no other letter follows it.
_ARABIC = re.compile(r"\d+(?:[-.]\d+)*(?:\s*(?:bis|ter|quater|[^\W\d_](?![^\W\d_])))?")
_ROMAN = re.compile(r"(?<!\w)[IVXLCDMІХСМ]+(?!\w)")
_LETTER = re.compile(r"^\(?([^\W\d_])\)?[.)]?$")


def normalised_num(printed: str) -> str | None:
    """The number inside a printed ``<num>``: ``Article 10-1.`` -> ``10-1``,
    ``Глава ІV`` -> ``IV``, ``а)`` -> ``а``; None when there is none."""
    text = printed.strip()
    if not text:
        return None
    if match := _ARABIC.search(text):
        return re.sub(r"\s+", "", match.group(0))
    for match in _ROMAN.finditer(text):
        candidate = ids.latin_roman(match.group(0))
        if ids.roman_to_int(candidate) is not None:
            return candidate
    if match := _LETTER.match(text):
        return match.group(1)
    return ids.eid_number(text) or None


def normalised_number(printed: str) -> str:
    """An act number as the IRI writes it: ``N 1007-XII`` -> ``1007-XII``."""
    token = re.sub(r"^(?:No\.?|N|№)\s*", "", printed.strip())
    return ids.iri_number(token)


def span_of(text: str, piece: str, value: str) -> Span:
    """Where ``piece`` first stands in ``text`` (empty at 0 when it does not)."""
    start = text.find(piece) if piece else -1
    if start < 0:
        return Span(0, 0, value)
    return Span(start, start + len(piece), value)
