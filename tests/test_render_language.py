"""`akn render` speaks the document's language and shows what its markup means.

Every word the page prints around the law's text comes from the language's
profile (`[render]`); a document in a language without a profile reads in
English. References (`<ref href>`) are links: to a unit of the same page, to
another act's page in the output set (`--link-base`), to a web address, or
none (an `<a>` without href). Dates (`<date>`, `<docDate>`) are `<time>`.
Fixture: tests/fixtures/render/references-rus.xml.
"""

from __future__ import annotations

import re
import shutil
from importlib import resources
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from lxml import etree

from aknkit.akn.read import read_akn
from aknkit.cli import main
from aknkit.html.document import render_bytes
from aknkit.text.coverage import missing_text
from aknkit.text.profile import RENDER_FACTS, ProfileError, load_profile, read_profile
from helpers import OUTPUT, akn

TESTS = Path(__file__).parent
FIXTURE = TESTS / "fixtures" / "render" / "references-rus.xml"
TEXTS = TESTS / "fixtures" / "texts"
CORPUS = TESTS.parents[1] / "shared" / "akn-corpus"
BUNDLED_WORK = "/akn/kz/act/constitutional-law/1991-12-16/1007-XII"

# What a reader of each language sees around the text of the bundled law.
WORDS = {
    "rus": dict(lang="ru", contents="Содержание", document="Документ", signed="Подписал",
                language_row="Язык", language="rus · русский", notes="Редакционные примечания", signature="Подпись",
                votes_for="Голосов «за»", footnote="сноска", excluded="исключено"),
    "kaz": dict(lang="kk", contents="Мазмұны", document="Құжат", signed="Қол қойған",
                language_row="Тілі", language="kaz · қазақ тілі", notes="Редакциялық ескертпелер", signature="Қолтаңба",
                votes_for="Жақтап дауыс бергендер", footnote="ескерту", excluded="алып тасталды"),
    "eng": dict(lang="en", contents="Contents", document="Document", signed="Signed by",
                language_row="Language", language="eng · English", notes="Editorial notes", signature="Signature",
                votes_for="Votes for", footnote="footnote", excluded="excluded"),
}


def rendered(data: bytes, name: str = "x.xml"):
    return lxml.html.document_fromstring(render_bytes(data, name))


def panel(page) -> dict[str, str]:
    return dict(zip((dt.text_content() for dt in page.xpath("//dl[@class='facts']/dt")),
                    (dd.text_content() for dd in page.xpath("//dl[@class='facts']/dd")), strict=True))


def contents(page) -> list[str]:
    return [a.text_content().strip() for a in page.xpath("//nav[@class='toc']//a")]


def words_around_the_text(page) -> list[str]:
    """What the page prints that is neither the law's text nor a value of the panel."""
    printed = [h.text_content() for h in page.xpath("//h2[not(@class)]")]
    printed += [dt.text_content() for dt in page.xpath("//dl[@class='facts']/dt")]
    printed += [a.text_content() for a in page.xpath("//nav//a[not(starts-with(@href, '#chp_'))]"
                                                     "[not(starts-with(@href, '#art_'))]")]
    printed += [page.xpath("//nav/@aria-label")[0]]
    printed += [span.text_content().split(" · ")[0] for span in page.xpath("//aside//span[@class='kind']")]
    printed += page.xpath("//aside//a[@class='back']/@title") + page.xpath("//aside/p/text()")
    printed += page.xpath("//header//span[@class='tag']/@title")
    return printed


@pytest.mark.parametrize("lang", WORDS)
def test_the_bundled_law_renders_in_its_own_words(lang):
    words = WORDS[lang]
    page = rendered((OUTPUT / f"{lang}.xml").read_bytes())
    assert page.get("lang") == words["lang"] and page.xpath("//div[@class='text']/@lang") == [words["lang"]]
    assert page.xpath("//nav/h2")[0].text_content() == words["contents"]
    assert page.xpath("//section[@id='document']/h2")[0].text_content() == words["document"]
    facts = panel(page)
    assert facts[words["signed"]] == {"rus": "Нурсултан Назарбаев", "kaz": "Нұрсұлтан Назарбаев",
                                      "eng": "Nursultan Nazarbayev"}[lang]
    assert facts[words["language_row"]] == words["language"]
    assert facts[words["votes_for"]] == "270"
    assert not any(name.startswith("vote.") for name in facts), "fact names are words, not keys"
    assert page.xpath("//aside[@class='notes']/h2")[0].text_content() == words["notes"]
    assert contents(page)[0] == words["document"] and words["signature"] in contents(page)
    assert words["notes"] == contents(page)[-1]


@pytest.mark.parametrize("lang", ["rus", "kaz"])
def test_no_english_word_is_printed_around_a_russian_or_kazakh_text(lang):
    editorial = akn((TEXTS / f"editorial-{lang}.txt").read_text("utf-8"), lang)
    for data in ((OUTPUT / f"{lang}.xml").read_bytes(), editorial):
        printed = words_around_the_text(rendered(data))
        assert printed and [words for words in printed if re.search("[A-Za-z]", words)] == []


@pytest.mark.parametrize("lang", WORDS)
def test_notes_and_excluded_units_are_named_in_the_page_language(lang):
    html = render_bytes(akn((TEXTS / f"editorial-{lang}.txt").read_text("utf-8"), lang), "editorial.xml")
    page = lxml.html.document_fromstring(html)
    kinds = {span.text_content().split(" · ")[0] for span in page.xpath("//aside//span[@class='kind']")}
    assert WORDS[lang]["footnote"] in kinds
    # The mark after an excluded unit's label is the CSS content of the page's style.
    style = page.xpath("//style")[0].text
    shown = re.search(r'\.unit\.removed > \.title::after[^{]*\{ content: "([^"]*)"', style).group(1)
    assert re.sub(r"\\([0-9a-f]+) ", lambda m: chr(int(m.group(1), 16)), shown) == f" ({WORDS[lang]['excluded']})"


def test_a_document_in_a_language_without_a_profile_reads_in_english():
    data = FIXTURE.read_bytes().replace(b'language="rus"', b'language="ita"').replace(b"/rus@", b"/ita@")
    page = rendered(data)
    assert page.get("lang") == "en", "the words are English, and the page says so"
    assert page.xpath("//div[@class='text']/@lang") == ["it"], "the text is Italian (ISO 639-1 tag)"
    assert page.xpath("//nav/h2")[0].text_content() == "Contents"
    assert panel(page)["Language"] == "ita · Italian"
    assert not re.search("[А-Яа-я]", " ".join(words_around_the_text(page)))


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs the shared AKN corpus beside the repository")
def test_a_corpus_document_without_a_profile_renders_in_english():
    path = CORPUS / "ch_fedlex_SR-901.021_de.xml"
    data = path.read_bytes()
    page = rendered(data, path.name)
    assert (page.get("lang"), page.xpath("//div[@class='text']/@lang")) == ("en", ["de"])
    assert page.xpath("//nav/h2")[0].text_content() == "Contents"
    assert panel(page)["Language"] == "de · German"
    assert contents(page)[:2] == ["Document", "Preamble"]
    assert missing_text(etree.ElementTree(etree.fromstring(data)), page.text_content()) == []


def test_references_inside_the_page_link_to_anchors_that_exist():
    page = rendered(FIXTURE.read_bytes())
    ids = {element.get("id") for element in page.iter() if element.get("id")}
    links = {a.text_content(): a for a in page.xpath("//a[@class='ref']")}
    assert links["статьей 2"].get("href") == "#art_2"
    assert links["пунктом 1 статьи 2"].get("href") == "#art_2__para_1", "~eId, and a line break inside"
    inside = [a.get("href") for a in links.values() if (a.get("href") or "").startswith("#")]
    assert len(inside) == 2 and all(href[1:] in ids for href in inside)
    # A unit the page does not hold is no link; the reference shows where it pointed.
    missing = links["статьей 99"]
    assert missing.get("href") is None and missing.get("title") == "#art_99" and "art_99" not in ids


def test_references_to_other_acts_link_to_their_pages_in_the_output_set(tmp_path):
    out = tmp_path / "output"
    shutil.copytree(OUTPUT, out / OUTPUT.name)
    runner = CliRunner()
    target = out / OUTPUT.name / "rus.html"
    assert runner.invoke(main, ["render", str(OUTPUT / "rus.xml"), "-o", str(target)]).exit_code == 0
    page_file = out / "kz-2020-300-VI" / "rus.html"
    result = runner.invoke(main, ["render", str(FIXTURE), "--link-base", str(out), "-o", str(page_file)])
    assert result.exit_code == 0, result.output
    page = lxml.html.document_fromstring(page_file.read_text(encoding="utf-8"))
    links = {a.text_content(): a for a in page.xpath("//a[@class='ref']")}
    bundled = links["статья 5 Конституционного закона от 16 декабря 1991 года"]
    assert bundled.get("href") == f"../{OUTPUT.name}/rus.html#art_5", "the page in the reference's language"
    href, fragment = bundled.get("href").split("#")
    linked = lxml.html.document_fromstring((page_file.parent / href).read_text(encoding="utf-8"))
    assert linked.get_element_by_id(fragment).get("class").startswith("unit article")
    # An act outside the set is no link; the reference shows its IRI.
    outside = links["Закон Республики Казахстан от 3 июля 2013 года № 121-V"]
    assert outside.get("href") is None and outside.get("title") == "/akn/kz/act/law/2013-07-03/121-V"
    assert links["adilet.zan.kz"].get("href") == "https://adilet.zan.kz/rus"


def test_without_an_output_set_a_reference_to_another_act_is_no_link():
    page = rendered(FIXTURE.read_bytes())
    bundled = page.xpath("//a[@class='ref'][starts-with(., 'статья 5')]")[0]
    assert bundled.get("href") is None and bundled.get("title") == f"{BUNDLED_WORK}/~art_5"


def test_dates_are_time_elements():
    page = rendered(FIXTURE.read_bytes())
    times = [(t.get("datetime"), t.text_content()) for t in page.xpath("//div[@class='text']//time")]
    assert times == [("1991-12-16", "16 декабря 1991 года"), ("2013-07-03", "3 июля 2013 года"),
                     ("2020-07-01", "1 июля 2020 года")]
    assert page.xpath("//a[@class='ref']/time"), "a date inside a reference stays inside its link"
    bundled = rendered((OUTPUT / "rus.xml").read_bytes())
    assert [(t.get("datetime"), t.text_content()) for t in bundled.xpath("//p[@class='doctype']/time")] == \
        [("1991-12-16", "16 декабря 1991 года")]
    assert [t.get("datetime") for t in bundled.xpath("//div[@class='conclusions']//time")] == ["1991-12-16"]


def test_the_page_keeps_every_text_of_the_fixture():
    data = FIXTURE.read_bytes()
    page = rendered(data)
    assert missing_text(etree.ElementTree(etree.fromstring(data)), page.text_content()) == []


def test_the_reader_marks_references_and_dates_in_the_exact_text():
    act = read_akn(str(FIXTURE), lossless=True).act
    marked = {(mark.kind, block.text[mark.start:mark.end], mark.value)
              for unit in act.units() for block in unit.intro for mark in block.inline}
    assert ("ref", "пунктом 1 статьи 2", "~art_2__para_1") in marked
    assert ("ref", "adilet.zan.kz", "https://adilet.zan.kz/rus") in marked, "after the item's number"
    assert ("date", "3 июля 2013 года", "2013-07-03") in marked
    assert len(marked) == 9


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs the shared AKN corpus beside the repository")
@pytest.mark.parametrize("name", ["uk_asp-2025-11.xml", "oasis_eu_COM-2013-0619_EN.xml",
                                  "oasis_za_judgment_2008-11-26.xml"])
def test_corpus_references_link_inside_the_page(name):
    data = (CORPUS / name).read_bytes()
    page = rendered(data, name)
    ids = {element.get("id") for element in page.iter() if element.get("id")}
    inside = [a.get("href") for a in page.xpath("//a[@class='ref'][starts-with(@href, '#')]")]
    assert inside and all(href[1:] in ids for href in inside)
    assert missing_text(etree.ElementTree(etree.fromstring(data)), page.text_content()) == []


def test_every_shipped_profile_names_the_facts_aknkit_writes():
    from aknkit.text.facts import _VOTE_KEYS

    assert set(RENDER_FACTS) == {f"vote.{key}" for key in _VOTE_KEYS}
    for language in ("kaz", "rus", "eng"):
        assert all(load_profile(language).render[name] for name in RENDER_FACTS)


def test_a_profile_missing_a_render_word_is_refused_naming_file_key_and_line(tmp_path):
    text = (resources.files("aknkit.text") / "profiles" / "rus.toml").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    header = lines.index("[render]\n") + 1
    path = tmp_path / "rus.toml"
    path.write_text("".join(line for line in lines if not line.startswith("signed_by =")), encoding="utf-8")
    with pytest.raises(ProfileError) as refusal:
        read_profile(path)
    error = refusal.value
    assert (error.file, error.key, error.line) == (str(path), "render.signed_by", header)
    assert str(error).startswith(f"{path}:{header}: render.signed_by: missing key")
