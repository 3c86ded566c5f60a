"""Levels and numberings of the published layout beyond chapters and articles.

Fixtures: tests/fixtures/texts/code-levels-{kaz,rus,eng}.txt (a code with a
section, a subsection ("1-КІШІ БӨЛІМ"), chapters, paragraphs of a code
("1-параграф", "Параграф 1", "Paragraph 1"), headings wrapped onto a second
line, decimal paragraph numbers "1.1." and dash items) and
ordinal-items-{kaz,rus,eng}.txt (a resolution whose items are numbered
"Бірінші.", "Первое.", "First.").
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from aknkit import parse_text
from aknkit.akn.schema import AKN_NS
from aknkit.cli import main
from aknkit.validate import check_tree
from helpers import BUNDLED, LANGUAGES, write_source

TEXTS = Path(__file__).parent / "fixtures" / "texts"
NS = {"a": AKN_NS}


def source(name: str, lang: str) -> str:
    return (TEXTS / f"{name}-{lang}.txt").read_text(encoding="utf-8")


def build(tmp_path: Path, name: str, lang: str, text: str | None = None) -> etree._ElementTree:
    folder = write_source(tmp_path / "src" / name, {lang: text if text is not None else source(name, lang)})
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    path = tmp_path / "out" / name / f"{lang}.xml"
    tree = etree.parse(str(path))
    assert check_tree(tree, path.name, level=2) == []
    return tree


def hierarchy(tree) -> list[tuple[str, str, str | None]]:
    """(element, eId, num) of every unit of the body, in document order."""
    return [(etree.QName(e).localname, e.get("eId"), (e.findtext(f"{{{AKN_NS}}}num")))
            for e in tree.xpath("//a:body//*[a:content or a:intro or a:num or a:heading]", namespaces=NS)
            if etree.QName(e).localname not in ("content", "intro")]


LEVEL_NUMS = {
    "kaz": ("1-БӨЛІМ.", "1-КІШІ БӨЛІМ.", "1-тарау.", "1-параграф.", "1-бап."),
    "rus": ("Раздел 1.", "Подраздел 1.", "Глава 1.", "Параграф 1.", "Статья 1."),
    "eng": ("Section 1.", "Subsection 1.", "Chapter 1.", "Paragraph 1.", "Article 1."),
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_subsections_and_paragraphs_of_a_code_are_levels(tmp_path, lang):
    units = hierarchy(build(tmp_path, "code-levels", lang))
    section, subsection, chapter, subchapter, article = LEVEL_NUMS[lang]
    assert units[:5] == [("section", "sec_1", section), ("subsection", "subsec_1", subsection),
                         ("chapter", "chp_1", chapter), ("subchapter", "subchp_1", subchapter),
                         ("article", "art_1", article)]
    assert [u[1] for u in units if u[0] in ("subchapter", "article", "chapter")] == [
        "chp_1", "subchp_1", "art_1", "subchp_2", "art_2", "chp_2", "art_3"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_decimal_numbers_are_subparagraphs_and_dash_items_indents(tmp_path, lang):
    tree = build(tmp_path, "code-levels", lang)
    paragraph = tree.xpath("//a:paragraph[@eId='art_1__para_1']", namespaces=NS)[0]
    subparagraphs = paragraph.xpath("a:subparagraph", namespaces=NS)
    assert [(s.get("eId"), s.findtext(f"{{{AKN_NS}}}num")) for s in subparagraphs] == [
        ("art_1__para_1__subpara_1-1", "1.1."), ("art_1__para_1__subpara_1-2", "1.2.")]
    indents = subparagraphs[0].xpath("a:indent", namespaces=NS)
    assert [i.get("eId") for i in indents] == ["art_1__para_1__subpara_1-1__indent_1",
                                               "art_1__para_1__subpara_1-1__indent_2"]
    # A dash item has no num: the dash stays at the start of its text.
    assert [i.xpath("a:num", namespaces=NS) for i in indents] == [[], []]
    assert [i.xpath("string(a:content/a:p)", namespaces=NS)[:1] for i in indents] == ["-", "–"]


@pytest.mark.parametrize("eid", ["chp_1", "art_1"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_wrapped_headings_are_joined(tmp_path, lang, eid):
    tree = build(tmp_path, "code-levels", lang)
    text = source("code-levels", lang).split("\n")
    label = {"chp_1": LEVEL_NUMS[lang][2][:-1], "art_1": LEVEL_NUMS[lang][4]}[eid]
    at = next(i for i, line in enumerate(text) if line.startswith(label))
    printed = text[at][len(label):].strip(" .") + " " + text[at + 1].strip()
    assert tree.xpath(f"string(//*[@eId='{eid}']/a:heading)", namespaces=NS) == printed


@pytest.mark.parametrize("lang", LANGUAGES)
def test_ordinal_word_items_are_numbered_paragraphs(tmp_path, lang):
    tree = build(tmp_path, "ordinal-items", lang)
    paragraphs = tree.xpath("//a:body/a:paragraph", namespaces=NS)
    assert [p.get("eId") for p in paragraphs] == ["para_1", "para_2", "para_3"]
    words = {"kaz": "Бірінші.", "rus": "Первое.", "eng": "First."}[lang]
    assert paragraphs[0].xpath("string(a:content/a:p)", namespaces=NS).startswith(words + " ")


def test_a_dash_line_that_introduces_no_list_stays_text():
    act = parse_text(source("code-levels", "rus").replace(
        "      1.2. Образцы бывают любыми.", "      1.2. Образцы бывают любыми.\n\n      - и это текст."), "rus")
    subparagraph = act.articles()[0].children[0].children[1]
    assert (subparagraph.num, [b.text for b in subparagraph.intro], subparagraph.children) == (
        "1.2", ["Образцы бывают любыми.", "- и это текст."], [])
    line = source("code-levels", "rus").split("\n").index("      1.2. Образцы бывают любыми.") + 3
    assert [(w.code, w.severity, w.line) for w in act.warnings] == [("P231", "warning", line)]


@pytest.mark.parametrize("name", ["code-levels", "ordinal-items", "amending", "named-notes", "glued-footnote"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_fixtures_read_without_warnings(lang, name):
    assert parse_text(source(name, lang), lang).warnings == [], name


def test_a_decimal_number_is_not_split_in_the_flat_layout():
    text = "\n".join([
        "О примере",
        "Приказ Министра примеров Республики Казахстан от 3 февраля 2001 года № 12-II.",
        "1. Утвердить правила:",
        "1.1. первое правило;",
        "1.2. второе правило.",
        "2. Приказ вводится в действие со дня подписания.",
    ])
    act = parse_text(text, "rus")
    assert [(u.kind, u.num) for u in act.units()] == [
        ("paragraph", "1"), ("subparagraph", "1.1"), ("subparagraph", "1.2"), ("paragraph", "2")]


@pytest.mark.parametrize("glued,pieces", [
    ("Сноска. Изменен приказом от 01.02.2020 № 45.1. Утвердить правила.",
     ["Сноска. Изменен приказом от 01.02.2020 № 45.", "1. Утвердить правила."]),
    ("1.2. Второе.2.1. Третье.", ["1.2. Второе.", "2.1. Третье."]),
    ("1.1. Первое.", ["1.1. Первое."]),
])
def test_the_flat_layout_splits_before_a_glued_number_not_inside_one(glued, pieces):
    from aknkit.text.parse import split_flat_layout, split_lines
    from aknkit.text.profile import load_profile

    profile = load_profile("rus")
    lines = split_flat_layout(split_lines(f"О примере\nПриказ\n{glued}\n", profile, "rus.txt"), profile)
    assert [line.text for line in lines[2:]] == pieces


@pytest.mark.parametrize("name", ["amending", "named-notes", "code-levels", "ordinal-items", "glued-footnote"])
def test_the_three_language_versions_of_each_fixture_agree(tmp_path, name):
    """akn diff finds the same units with the same numbers in kaz, rus and eng
    (ordinal words align by their number: "Бірінші." is "Первое." is "First.")."""
    folder = write_source(tmp_path / name, {lang: source(name, lang) for lang in LANGUAGES})
    result = CliRunner().invoke(main, ["diff", str(folder), "--fail-on", "warning"])
    assert result.exit_code == 0, result.output
    assert "no findings" in result.output


@pytest.mark.parametrize("lang,label,rest", [
    ("rus", "Статья 1. Права и обязанности участников", "Примерных отношений"),
    ("kaz", "1-бап. Қатысушылардың құқықтары мен", "Міндеттері"),
    ("eng", "Article 1. Rights and duties of the", "Participants of relations"),
])
def test_a_capitalised_line_right_under_a_heading_is_text_with_a_warning(lang, label, rest):
    meta = {"kaz": "Қазақстан Республикасының 2001 жылғы 3 ақпандағы № 12-II Заңы.",
            "rus": "Закон Республики Казахстан от 3 февраля 2001 года № 12-II.",
            "eng": "The Law of the Republic of Kazakhstan dated 3 February 2001 № 12-II."}[lang]
    act = parse_text(f"Title\n\n{meta}\n\n{label}\n{rest}\n\n      1. One.\n", lang)
    article = act.articles()[0]
    assert (article.heading.text, article.intro[0].text) == (label.split(". ", 1)[1], rest)
    assert [(w.code, w.line) for w in act.warnings] == [("P232", 6)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_bundled_law_reads_without_warnings(lang):
    assert parse_text((BUNDLED / f"{lang}.txt").read_text(encoding="utf-8"), lang).warnings == []
