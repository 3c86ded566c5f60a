"""`akn render`: one document as a readable, self-contained HTML page."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from lxml import etree

from aknkit import parse_text, serialise, to_akn
from aknkit.akn.ids import assign_eids
from aknkit.akn.read import read_akn
from aknkit.cli import main
from aknkit.findings import InputError
from aknkit.html.document import render_bytes
from aknkit.text.coverage import missing_text
from helpers import LANGUAGES, OUTPUT, WORK, akn

TESTS = Path(__file__).parent
TEXTS = TESTS / "fixtures" / "texts"
FOREIGN = sorted((TESTS / "fixtures" / "validate" / "pass").glob("*.xml")) + \
    sorted((TESTS / "fixtures" / "regressions").glob("*.xml"))


def rendered(data: bytes, name: str = "x.xml"):
    html = render_bytes(data, name)
    return html, lxml.html.document_fromstring(html)


def visible_text(page) -> str:
    return page.text_content()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_unit_is_anchored_at_its_eid_and_listed(lang):
    data = (OUTPUT / f"{lang}.xml").read_bytes()
    _, page = rendered(data)
    ids = {e.get("id") for e in page.iter() if e.get("id")}
    eids = [u.eid for u in read_akn(str(OUTPUT / f"{lang}.xml")).act.units()]
    assert eids and set(eids) <= ids
    contents = [a.get("href") for a in page.xpath("//nav[@class='toc']//a")]
    assert all(href.startswith("#") and href[1:] in ids for href in contents), "every entry leads somewhere"
    assert [h for h in contents if h.startswith("#chp_")] == [f"#chp_{n}" for n in range(1, 8)]
    assert [h for h in contents if h.startswith("#art_")] == [f"#art_{n}" for n in range(1, 19)]


def test_metadata_panel_names_the_document():
    _, page = rendered((OUTPUT / "eng.xml").read_bytes())
    facts = dict(zip((dt.text_content() for dt in page.xpath("//dl[@class='facts']/dt")),
                     (dd.text_content() for dd in page.xpath("//dl[@class='facts']/dd")), strict=True))
    work = "/akn/kz/act/constitutional-law/1991-12-16/1007-XII"
    assert facts["Work"] == work
    assert facts["Expression"] == f"{work}/eng@1991-12-16"
    assert facts["Manifestation"] == f"{work}/eng@1991-12-16.xml"
    assert facts["Language"] == "eng · English"
    assert facts["Date"] == "1991-12-16" and facts["Number"] == "1007-XII"
    assert facts["Master expression"] == f"{work}/kaz@1991-12-16"
    assert page.get("lang") == "en"


@pytest.mark.parametrize("name", sorted(p.stem for p in TEXTS.glob("*.txt")))
def test_notes_stand_apart_and_link_both_ways(name):
    lang = name.rsplit("-", 1)[1]
    data = akn((TEXTS / f"{name}.txt").read_text(encoding="utf-8"), lang)
    _, page = rendered(data)
    notes = page.xpath("//aside[@class='notes']//li")
    document_notes = etree.fromstring(data).findall(".//{*}meta/{*}notes/{*}note")
    assert len(notes) == len(document_notes) > 0
    for number, item in enumerate(notes, start=1):
        marker = page.get_element_by_id(f"ref-{number}")
        assert marker.get("href") == f"#note-{number}" and item.get("id") == f"note-{number}"
        assert item.xpath(".//a[@class='back']")[0].get("href") == f"#ref-{number}"
        assert marker.getparent().tag != "aside"
    text = page.xpath("//div[@class='text']")[0].text_content()
    for note in document_notes:
        assert "".join(note.itertext()).strip() not in text, "notes are not part of the law's text"


@pytest.mark.parametrize("path", [OUTPUT / f"{lang}.xml" for lang in LANGUAGES] + FOREIGN, ids=lambda p: p.name)
def test_the_page_keeps_every_text_of_the_document(path):
    data = path.read_bytes()
    _, page = rendered(data, path.name)
    assert missing_text(etree.ElementTree(etree.fromstring(data)), visible_text(page)) == []


def test_page_is_self_contained_and_escapes_text():
    data = (OUTPUT / "rus.xml").read_bytes().replace(
        "Статья 4.".encode(), '<![CDATA[<script>alert(1)</script>]]> Статья 4.'.encode())
    html, page = rendered(data)
    assert not re.search(r"<script|<link|<img|<iframe|src=|url\(|https?://", html)
    assert "<script>alert(1)</script>" in visible_text(page)
    assert html.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("eid, removed", [("art_2", True), ("art_4", False)])
def test_excluded_units_are_marked(eid, removed):
    data = akn((TEXTS / "editorial-rus.txt").read_text(encoding="utf-8"), "rus")
    _, page = rendered(data)
    assert ("removed" in page.get_element_by_id(eid).get("class").split()) is removed


def test_units_without_eids_or_with_repeated_ones_get_their_own_anchors():
    data = (TESTS / "fixtures" / "regressions" / "two-documents.xml").read_bytes().replace(
        b"<body>", b'<body><article eId="art_1"><num>Article 0.</num><content><p>Zero.</p></content></article>', 1)
    _, page = rendered(data)
    anchors = [d.get("id") for d in page.xpath("//div[contains(concat(' ', @class, ' '), ' article ')]")]
    assert anchors[0] == "art_1" and len(anchors) == 3
    assert all(re.fullmatch(r"unit-\d+", anchor) for anchor in anchors[1:]), "a repeated eId and a missing one"
    assert len(set(e.get("id") for e in page.iter() if e.get("id"))) == len([e for e in page.iter() if e.get("id")])


def test_unreadable_input_is_a_located_finding():
    with pytest.raises(InputError) as refusal:
        render_bytes(b"<akomaNtoso><act>", "bad.xml")
    finding = refusal.value.findings[0]
    assert (finding.code, finding.file, finding.line) == ("AKN001", "bad.xml", 1)


def test_command_line_writes_the_page(tmp_path):
    out = tmp_path / "page.html"
    result = CliRunner().invoke(main, ["render", str(OUTPUT / "kaz.xml"), "-o", str(out)])
    assert result.exit_code == 0 and f"wrote {out}" in result.output
    assert 'lang="kk"' in out.read_text(encoding="utf-8")


def test_command_line_prints_the_same_page(tmp_path):
    out = tmp_path / "page.html"
    CliRunner().invoke(main, ["render", str(OUTPUT / "kaz.xml"), "-o", str(out)])
    assert CliRunner().invoke(main, ["render", str(OUTPUT / "kaz.xml")]).output == out.read_text(encoding="utf-8")


def test_command_line_reports_an_unreadable_document(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b"<html/>")
    result = CliRunner().invoke(main, ["render", str(bad)])
    assert result.exit_code == 1 and "AKN011" in result.output and "Traceback" not in result.output


def test_command_line_missing_file_exits_2(tmp_path):
    assert CliRunner().invoke(main, ["render", str(tmp_path / "missing.xml")]).exit_code == 2


def test_command_line_unwritable_page_exits_2(tmp_path):
    blocked = tmp_path / "bad.xml"
    blocked.write_bytes(b"<html/>")
    result = CliRunner().invoke(main, ["render", str(OUTPUT / "kaz.xml"), "-o", str(blocked / "page.html")])
    assert result.exit_code == 2 and "cannot write the page" in result.output


def test_two_signers_get_two_signature_boxes():
    text = (TESTS / "fixtures" / "regressions" / "two-signatures.rus.txt").read_text(encoding="utf-8")
    _, page = rendered(akn(text, "rus"))
    boxes = page.xpath("//div[@class='conclusions']/div[@class='signature']")
    shown = [(" ".join(box.xpath("div[@class='role']//text()")), " ".join(box.xpath("div[@class='signer']//text()")))
             for box in boxes]
    assert shown == [("Президент Республики Казахстан", "Н. НАЗАРБАЕВ"),
                     ("Председатель Верховного Совета", "С. АБДИЛЬДИН")]


def test_two_signatures_without_signatory_facts_get_two_boxes():
    """Without the signatory's facts the names stay in the roles' text; each
    signature of the document is still a box of its own, as unparse writes it."""
    text = (TESTS / "fixtures" / "regressions" / "two-signatures.rus.txt").read_text(encoding="utf-8")
    act = parse_text(text, "rus", source="rus.txt")
    act.work = WORK
    assign_eids(act)
    _, page = rendered(serialise(to_akn(act)))
    boxes = page.xpath("//div[@class='conclusions']/div[@class='signature']")
    assert [" ".join(box.xpath("div[@class='role']//text()")) for box in boxes] == [
        "Президент Республики Казахстан Н. НАЗАРБАЕВ", "Председатель Верховного Совета С. АБДИЛЬДИН"]
