"""Footnotes that name their unit, and footnotes glued to the next paragraph.

Fixtures: tests/fixtures/texts/named-notes-{kaz,rus,eng}.txt (footnotes for an
article, a paragraph and a point, all standing after the article's last
point) and glued-footnote-{kaz,rus,eng}.txt (an order in the flat compare
layout whose title footnote runs straight into paragraph 1).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from aknkit.akn.schema import AKN_NS
from aknkit.cli import main
from aknkit.validate import check_tree
from helpers import LANGUAGES, write_source

TEXTS = Path(__file__).parent / "fixtures" / "texts"
NS = {"a": AKN_NS}


def build(tmp_path: Path, name: str, lang: str, text: str | None = None) -> Path:
    source = text if text is not None else (TEXTS / f"{name}-{lang}.txt").read_text(encoding="utf-8")
    folder = write_source(tmp_path / "src" / name, {lang: source})
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    return tmp_path / "out" / name / f"{lang}.xml"


def note_numbers(tree, eid: str) -> list[str]:
    """The notes referred to at the unit's own num or heading."""
    return tree.xpath(f"//*[@eId='{eid}']/*[self::a:num or self::a:heading]/a:noteRef/@href", namespaces=NS)


def note_text(tree, href: str) -> str:
    return "".join(tree.xpath(f"//a:note[@eId='{href[1:]}']//text()", namespaces=NS)).strip()


@pytest.fixture(scope="module")
def named_notes(tmp_path_factory):
    """language -> the built named-notes fixture, built once for the module."""
    cache: dict[str, etree._ElementTree] = {}

    def get(lang: str) -> etree._ElementTree:
        if lang not in cache:
            cache[lang] = etree.parse(str(build(tmp_path_factory.mktemp(lang), "named-notes", lang)))
        return cache[lang]

    return get


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_named_notes_fixture_is_level_2_clean(named_notes, lang):
    assert check_tree(named_notes(lang), "named-notes.xml", level=2) == []


@pytest.mark.parametrize("eid, number", [("art_2", "№ 5"), ("art_2__para_1", "№ 6"), ("art_2__para_2__point_1", "№ 7")])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_footnote_naming_its_unit_attaches_to_that_unit(named_notes, lang, eid, number):
    tree = named_notes(lang)
    [href] = note_numbers(tree, eid)
    assert number in note_text(tree, href), eid


@pytest.mark.parametrize("eid", ["art_2__para_2__point_2", "art_2__para_2"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_nothing_is_left_where_the_notes_were_printed(named_notes, lang, eid):
    # The point that stood open where the notes were printed, and its paragraph.
    assert note_numbers(named_notes(lang), eid) == []


def test_a_footnote_naming_a_unit_the_act_lacks_stays_where_it_stands(tmp_path):
    text = (TEXTS / "named-notes-eng.txt").read_text(encoding="utf-8").replace(
        "Footnote. Article 2 as amended", "Footnote. Article 9 as amended")
    tree = etree.parse(str(build(tmp_path, "named-notes", "eng", text)))
    [href] = note_numbers(tree, "art_2__para_2__point_2")
    assert "Article 9" in note_text(tree, href)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_unparse_of_named_notes_gives_back_the_same_document(tmp_path, lang):
    first = build(tmp_path / "one", "named-notes", lang)
    result = CliRunner().invoke(main, ["unparse", str(first)])
    assert result.exit_code == 0, result.output
    assert build(tmp_path / "two", "named-notes", lang, result.output).read_bytes() == first.read_bytes()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_glued_footnote_in_the_compare_layout_builds(tmp_path, lang):
    tree = etree.parse(str(build(tmp_path, "glued-footnote", lang)))
    assert check_tree(tree, "glued.xml", level=2) == []
    body = tree.xpath("//a:body", namespaces=NS)[0]
    assert [p.get("eId") for p in body.xpath("a:paragraph", namespaces=NS)] == ["para_1", "para_2", "para_3"]
    assert body.xpath("a:paragraph[1]/a:num/text()", namespaces=NS) == ["1."]
    # The footnote is on the title, whole, and not in paragraph 1.
    [href] = tree.xpath("//a:longTitle//a:noteRef[@class='footnote']/@href", namespaces=NS)
    glued = (TEXTS / f"glued-footnote-{lang}.txt").read_text(encoding="utf-8").split("\n")[3]
    assert note_text(tree, href) == glued[:glued.index("1. ")]
    first = "".join(body.xpath("a:paragraph[1]/a:content//text()", namespaces=NS)).strip()
    assert first[:1].isupper() and "01.02.2020" not in first


def test_the_no_text_lost_check_still_catches_a_lost_glued_piece():
    from aknkit.text.coverage import missing_lines

    tree = etree.ElementTree(etree.fromstring(
        f'<akomaNtoso xmlns="{AKN_NS}"><p>Footnote. The title as amended.</p><p>Something else.</p></akomaNtoso>'))
    glued = "Footnote. The title as amended.1. To approve the attached Rules."
    assert missing_lines(glued, tree) == [(1, glued)]


ORDER = {
    "rus": ("Приказ Министра примеров Республики Казахстан от 3 февраля 2001 года № 12-II.",
            "Сноска. Пункт 1 в редакции приказа Министра примеров РК от 01.02.2020 № 5."),
    "kaz": ("Қазақстан Республикасы Мысалдар министрінің 2001 жылғы 3 ақпандағы № 12-II бұйрығы.",
            "Ескерту. 1-тармақ жаңа редакцияда - ҚР Мысалдар министрінің 01.02.2020 № 5 бұйрығымен."),
    "eng": ("The Order of the Minister of examples of the Republic of Kazakhstan dated 3 February 2001 № 12-II.",
            "Footnote. Paragraph 1 as amended by the order of the Minister of examples dated 01.02.2020 № 5."),
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_footnote_naming_a_paragraph_of_an_act_without_articles(lang):
    from aknkit import parse_text

    meta, note = ORDER[lang]
    text = f"Title\n\n{meta}\n\n      1. One.\n\n      2. Two.\n\n      {note}\n\n      3. Three.\n"
    act = parse_text(text, lang)
    assert [(u.num, [n.text for n in u.notes]) for u in act.body] == [("1", [note]), ("2", []), ("3", [])]
