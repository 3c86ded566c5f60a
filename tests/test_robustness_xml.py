"""validate, unparse and diff against random and damaged Akoma Ntoso.

Inputs are real documents of every type (the bundled law, the diff and
validate fixtures) damaged the ways files get damaged: cut short, bytes
flipped, namespaces wrong, nesting hundreds deep, attributes megabytes long,
a DOCTYPE with entities, elements dropped, repeated, renamed or moved, text
where none belongs. Nothing may raise: validate returns findings, unparse
returns text that keeps every text of the document or coded findings, diff
returns a report or coded findings; every finding names its file.
"""

from __future__ import annotations

import copy
import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from aknkit.akn.read import AknReadError, read_akn_bytes
from aknkit.akn.safexml import XMLInputError, parse_bytes
from aknkit.diff import Version, diff_versions
from aknkit.findings import InputError
from aknkit.text.coverage import missing_text
from aknkit.text.profile import ProfileError
from aknkit.text.unparse import unparse_bytes
from aknkit.validate import check_bytes
from helpers import OUTPUT

FIXTURES = Path(__file__).parent / "fixtures"
AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
# Language versions of one Work each: diff compares a damaged one with the others.
WORKS = [
    {path.stem: path.read_bytes() for path in sorted(OUTPUT.glob("*.xml"))},
    {path.stem: path.read_bytes() for path in sorted((FIXTURES / "diff" / "base").glob("*.xml"))},
]
DOCUMENTS = [data for work in WORKS for data in work.values()] + [
    path.read_bytes() for path in sorted((FIXTURES / "validate" / "pass").glob("*.xml"))]
NAME = "fuzz.xml"

TEXTS = ["", "\u00a0", "中文 עברית \U0001F600", "x" * 50000, "a\tb\n\nc", "Статья 5. ", "Сноска. x", "\u0301",
         "1)", "Article 1.", "President K. TOKAYEV", "\u200b", "<&>", "]]>"]
SHORT_TEXTS = [text for text in TEXTS if len(text) < 100]
VALUES = ["", "#", "#nope", "/akn/", "x" * 20000, "1991-13-45", "\u202e", "note_1", "#note_1", "art_1"]
TAGS = ["foo", "num", "p", "article", "noteRef", "signature", "docDate", "heading", "content", "body",
        "authorialNote", "eol", "meta", "conclusions", "hcontainer", "blockList"]


def _byte_damage(rng: random.Random, data: bytes) -> bytes:
    operation = rng.randrange(7)
    if operation == 0:
        return data[:rng.randrange(len(data) + 1)]
    if operation == 1:
        at = rng.randrange(len(data))
        return data[:at] + rng.randbytes(rng.randint(1, 8)) + data[at + 1:]
    if operation == 2:
        namespace = rng.choice(["http://www.akomantoso.org/2.0", "urn:other", "", AKN_NS + "/CSD13",
                                "http://www.w3.org/1999/xhtml"])
        return data.replace(AKN_NS.encode(), namespace.encode(), 1)
    if operation == 3:
        depth = rng.choice([10, 100, 250, 300, 2000])
        nested = b"<hcontainer name='x'>" * depth + b"<content><p>deep</p></content>" + b"</hcontainer>" * depth
        return re.sub(rb"<(body|mainBody|debateBody|judgmentBody)>", lambda m: m.group(0) + nested, data, count=1)
    if operation == 4:
        huge = b"x" * rng.choice([1000, 100000, 2000000])
        return re.sub(rb'(eId|href|value)="[^"]*"', lambda m: m.group(1) + b'="' + huge + b'"', data, count=1)
    if operation == 5:
        return b'<!DOCTYPE akomaNtoso [<!ENTITY e "&e;&e;">]>\n' + re.sub(rb"^<\?xml[^>]*>\s*", b"", data)
    return data.replace(b"encoding='UTF-8'", b"encoding='UTF-16'", 1) \
        .replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"', 1)


def _tree_damage(rng: random.Random, data: bytes) -> bytes:
    try:
        root = etree.fromstring(data)
    except etree.XMLSyntaxError:
        return data
    elements = [e for e in root.iter() if isinstance(e.tag, str)]
    element = rng.choice(elements)
    parent = element.getparent()
    operation = rng.randrange(7)
    if operation == 0 and parent is not None:
        parent.remove(element)
    elif operation == 1 and parent is not None:
        element.addnext(copy.deepcopy(element))
    elif operation == 2:
        name = rng.choice(TAGS)
        element.tag = name if rng.randrange(4) == 0 else f"{{{AKN_NS}}}{name}"
    elif operation == 3:
        element.text = rng.choice(TEXTS)
    elif operation == 4 and element.attrib:
        element.set(rng.choice(list(element.attrib)), rng.choice(VALUES))
    elif operation == 5:
        target = rng.choice(elements)
        if target is not element and element not in target.iterancestors() and parent is not None:
            target.append(element)
    else:
        element.tail = (element.tail or "") + rng.choice(TEXTS)
    return etree.tostring(root, xml_declaration=rng.randrange(2) == 0, encoding="UTF-8")


def random_document(rng: random.Random) -> bytes:
    """A document made up from scratch: Akoma Ntoso tags (and others) nested at
    random, with random text and attributes."""
    def element(depth: int) -> etree._Element:
        name = rng.choice(TAGS)
        node = etree.Element(f"{{{AKN_NS}}}{name}" if rng.randrange(5) else name)
        if rng.randrange(2):
            node.text = rng.choice(SHORT_TEXTS)
        if rng.randrange(3) == 0:
            node.set(rng.choice(["eId", "href", "refersTo", "status", "class", "date"]), rng.choice(VALUES))
        for _ in range(rng.randint(0, 3) if depth < 5 else 0):
            node.append(element(depth + 1))
        node.tail = rng.choice(SHORT_TEXTS) if rng.randrange(4) == 0 else None
        return node

    root = etree.Element(f"{{{AKN_NS}}}akomaNtoso", nsmap={None: AKN_NS})
    act = etree.SubElement(root, f"{{{AKN_NS}}}{rng.choice(['act', 'bill', 'doc', 'debate'])}")
    if rng.randrange(2):
        # Enough identification for the readers to go past it.
        meta = etree.fromstring(re.search(rb"<meta>.*?</meta>", DOCUMENTS[0], re.S).group(0).replace(
            b"<meta>", f'<meta xmlns="{AKN_NS}">'.encode(), 1))
        act.append(meta)
    for _ in range(rng.randint(0, 5)):
        act.append(element(0))
    return etree.tostring(root, encoding="UTF-8")


def damaged(rng: random.Random, data: bytes) -> bytes:
    if rng.randrange(8) == 0:
        return random_document(rng)
    for _ in range(rng.randint(1, 3)):
        data = _byte_damage(rng, data) if rng.randrange(3) == 0 else _tree_damage(rng, data)
    return data


def assert_located(findings, file: str = NAME) -> None:
    assert findings
    for finding in findings:
        assert finding.code and finding.file == file, finding
        assert finding.message, finding


XML_FUZZ = settings(max_examples=2500)


@pytest.mark.slow
@XML_FUZZ
@given(st.randoms(use_true_random=True))
def test_validate_reports_findings_for_any_damage(rng):
    data = damaged(rng, rng.choice(DOCUMENTS))
    findings = check_bytes(data, NAME)
    for finding in findings:
        assert finding.code and finding.file == NAME, finding
    try:
        parse_bytes(data)
    except XMLInputError:
        assert findings, "unreadable input is a finding"


@pytest.mark.slow
@XML_FUZZ
@given(st.randoms(use_true_random=True))
def test_unparse_keeps_all_text_or_says_why_not(rng):
    data = damaged(rng, rng.choice(DOCUMENTS))
    try:
        text = unparse_bytes(data, NAME, rng.choice([None, "eng", "rus", "kaz"]))
    except InputError as refusal:
        assert_located(refusal.findings)
        return
    except ProfileError as unknown:
        assert "unknown language" in str(unknown)
        return
    # unparse_bytes checks this itself; the test holds it to its word.
    assert missing_text(parse_bytes(data), text) == []


@pytest.mark.slow
@settings(XML_FUZZ, max_examples=1000)
@given(st.randoms(use_true_random=True))
def test_diff_compares_a_damaged_version_or_says_why_not(rng):
    work = rng.choice(WORKS)
    language = rng.choice(sorted(work))
    versions = []
    try:
        document = read_akn_bytes(damaged(rng, work[language]), NAME)
        versions.append(Version(document.act, NAME, document.work_iri))
    except AknReadError as refusal:
        assert refusal.code and refusal.file == NAME
        return
    for other in sorted(work):
        if other != language:
            document = read_akn_bytes(work[other], f"{other}.xml")
            versions.append(Version(document.act, f"{other}.xml", document.work_iri))
    try:
        report = diff_versions(versions)
    except InputError as refusal:
        for finding in refusal.findings:
            assert finding.code.startswith("D") and finding.file, finding
        return
    for finding in report.findings:
        assert finding.code.startswith("D"), finding


def test_the_damage_reaches_deep_into_the_documents():
    """The generator is no stub: most damaged documents still parse, so the
    checks behind parsing are exercised, and some do not."""
    rng = random.Random(7)
    readable = 0
    for _ in range(200):
        try:
            parse_bytes(damaged(rng, rng.choice(DOCUMENTS)))
            readable += 1
        except XMLInputError:
            pass
    assert 100 < readable < 200
