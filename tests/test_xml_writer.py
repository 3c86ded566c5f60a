"""The units of a document are written as text by a writer of their own: the
bytes must be those lxml and the indentation give the same elements, and
characters XML cannot hold are refused as lxml refuses them."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from aknkit import parse_text
from aknkit.akn.emit import write_akn
from aknkit.akn.ids import assign_eids
from aknkit.akn.xmlout import E, TextWriter, TreeWriter, Writer, hole, serialise, write_around
from aknkit.model import Span
from test_emit import WORK

# Characters libxml2 writes as references in text or attributes, a blank, letters of
# the three languages and one outside the Basic Multilingual Plane.
WORDS = st.text(alphabet=st.sampled_from([*"&<>\"'\t\n\r aZжұ§", "\U0001d11e"]), max_size=12)


def article(out: Writer, heading: str, words: str, value: str, empty: str) -> None:
    """An article as the emitter writes one: number, heading, a paragraph with a
    reference holding a date, an empty paragraph, a quoted structure in running text."""
    out.open("article", {"eId": f"art_{value}", "status": None})
    out.leaf("num", None, words)
    out.leaf("heading", {"eId": "art_1__heading"}, heading)
    out.open("content", {"eId": "art_1__content"})
    out.open("p")
    out.marked(words + heading + words, [
        (Span(len(words), len(words) + len(heading), ""), "ref", {"eId": "ref_1", "href": value}),
        (Span(len(words), len(words), ""), "date", {"date": value}),
    ])
    out.close()
    out.leaf("p")
    out.leaf("p", None, empty)
    out.open("p")
    out.open("mod", {"eId": "mod_1"})
    out.text(words)
    out.open("quotedStructure", {"startQuote": value})
    out.open("article")
    out.open("content")
    out.leaf("p", None, heading)
    for _ in range(4):      # content, article, quotedStructure, mod
        out.close()
    if words:
        out.text(words)
    for _ in range(3):      # p, content, article
        out.close()


def document(body: etree._Element) -> etree._ElementTree:
    return etree.ElementTree(E("akomaNtoso", None, E("act", None, body)))


def in_a_tree(*article_args: str) -> bytes:
    body = E("body")
    article(TreeWriter(body), *article_args)
    return serialise(document(body))


def as_text(*article_args: str) -> bytes:
    out = TextWriter(3)
    article(out, *article_args)
    written = io.BytesIO()
    write_around(document(E("body", None, hole())), written, io.BytesIO(out.take()))
    return written.getvalue()


@settings(max_examples=200)
@given(WORDS, WORDS, WORDS, st.sampled_from(["", "x"]))
def test_the_writer_gives_the_bytes_lxml_gives(heading, words, value, empty):
    assert as_text(heading, words, value, empty) == in_a_tree(heading, words, value, empty)


@pytest.mark.parametrize("character", ["\x00", "\x0b", "\x1f", "\ufffe"])
def test_a_character_xml_cannot_hold_is_refused_in_a_paragraph_of_a_unit(character):
    act = parse_text("Title\n\nArticle 1. Heading\n\nSome text.\n", "eng", source="eng.txt")
    act.work = WORK
    assign_eids(act)
    act.body[0].intro[0].text = f"Some{character}text."
    with pytest.raises(ValueError, match="XML compatible"):
        write_akn(act, io.BytesIO())
