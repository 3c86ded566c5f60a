"""Amendment history: footnotes that record an amendment become the act's
lifecycle and passive modifications, and stay notes.

Fixtures: tests/fixtures/texts/history-{kaz,rus,eng}.txt, one made-up law in
three languages whose footnotes use every wording (amended, new wording,
supplemented, excluded, lost force, a list of acts, words replaced, figures and
long dates, the number before the date), an excluded unit whose own text names
the act, a footnote that names no act (P234) and one that is no amendment.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from aknkit.akn.read import read_akn, read_akn_bytes
from aknkit.akn.schema import AKN_NS
from aknkit.cli import main
from aknkit.html.document import render_bytes
from aknkit.model import Amendment, AmendmentKind
from aknkit.text.parse import parse_text
from aknkit.text.profile import ProfileError, load_profile, profile_from_text
from aknkit.validate import check_tree
from helpers import LANGUAGES, REPO, write_source

TEXTS = Path(__file__).parent / "fixtures" / "texts"
INDEX = Path(__file__).parent / "fixtures" / "index"
CORPUS = REPO.parent / "shared" / "akn-corpus"
NS = {"a": AKN_NS}
LAW = "/akn/kz/act/law"

# The amending acts, oldest first: the order of their lifecycle events and TLCReferences.
AMENDING = [
    f"{LAW}/2013-07-03/121-V", f"{LAW}/2014-02-01/170-V", f"{LAW}/2014-09-29/239-V",
    "/akn/kz/act/decree/2015-05-05/50", "/akn/kz/act/resolution/2016-12-12/800",
    "/akn/kz/act/constitutional-law/2017-06-20/75-VI", f"{LAW}/2017-06-30/80-VI", f"{LAW}/2019-11-11/270-VI",
    f"{LAW}/2021-03-15/21-VII", f"{LAW}/2024-07-08/1-VIII",
]
EVENTS = [("eref_1", "2001-02-03", "#original", "generation")] + [
    (f"eref_{n + 1}", re.search(r"/(\d{4}-\d{2}-\d{2})/", iri).group(1), f"#amendment_{n}", "amendment")
    for n, iri in enumerate(AMENDING, start=1)]
# (eId, type, source, destination) of each passive modification, in document order.
MODIFICATIONS = [
    ("textualMod_1", "substitution", "#amendment_10", "#longTitle"),
    ("textualMod_2", "insertion", "#amendment_9", "#preamble"),
    ("textualMod_3", "substitution", "#amendment_1", "#art_1"),
    ("textualMod_4", "substitution", "#amendment_3", "#art_1"),
    ("textualMod_5", "replacement", "#amendment_6", "#art_2"),
    ("textualMod_6", "repeal", "#amendment_2", "#art_3"),
    ("textualMod_7", "insertion", "#amendment_4", "#art_3-1"),
    ("textualMod_8", "replacement", "#amendment_5", "#art_4__para_2"),
    ("textualMod_9", "repeal", "#amendment_7", "#art_4__para_3"),
    ("textualMod_10", "substitution", "#amendment_1", "#art_5"),
    ("textualMod_11", "insertion", "#amendment_8", "#art_5"),
    ("textualMod_12", "substitution", "#amendment_8", "#art_6"),
]
# The line of "Сноска. Статья 6 изменена." (and its translations): a change, but no act named.
UNREADABLE_LINE = 67


def fixture(lang: str) -> str:
    return (TEXTS / f"history-{lang}.txt").read_text(encoding="utf-8")


def build(tmp_path: Path, texts: dict[str, str], name: str = "history", facts: str | None = None) -> Path:
    folder = write_source(tmp_path / "src" / name, texts, facts)
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    return tmp_path / "out" / name


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("history"), {lang: fixture(lang) for lang in LANGUAGES})


def tree_of(built: Path, lang: str) -> etree._ElementTree:
    return etree.parse(str(built / f"{lang}.xml"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_amending_act_is_a_lifecycle_event_with_its_reference(built, lang):
    tree = tree_of(built, lang)
    assert check_tree(tree, f"{lang}.xml", level=2) == []
    events = [(e.get("eId"), e.get("date"), e.get("source"), e.get("type"))
              for e in tree.xpath("//a:lifecycle/a:eventRef", namespaces=NS)]
    assert events == EVENTS
    references = [(r.get("eId"), r.get("href"), r.get("name"))
                  for r in tree.xpath("//a:references/a:TLCReference", namespaces=NS)]
    assert references == [("original", "/akn/kz/act/law/2001-02-03/12-II", "original")] + [
        (f"amendment_{n}", iri, "amendment") for n, iri in enumerate(AMENDING, start=1)]
    # The <meta> order of the schema: lifecycle, analysis, references, notes.
    meta = [etree.QName(child).localname for child in tree.find(".//a:meta", NS)]
    assert meta[:5] == ["identification", "lifecycle", "analysis", "references", "notes"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_change_is_a_passive_modification_of_its_unit(built, lang):
    tree = tree_of(built, lang)
    mods = [(m.get("eId"), m.get("type"), m.find("a:source", NS).get("href"), m.find("a:destination", NS).get("href"))
            for m in tree.xpath("//a:analysis/a:passiveModifications/a:textualMod", namespaces=NS)]
    assert mods == MODIFICATIONS
    # The preamble a change is written against carries its eId.
    assert tree.xpath("//a:preamble/@eId", namespaces=NS) == ["preamble"]


def test_the_words_of_an_amending_act_are_how_the_footnote_names_it(built):
    shown = {lang: {r.get("eId"): r.get("showAs") for r in tree_of(built, lang).xpath(
        "//a:references/a:TLCReference", namespaces=NS)} for lang in LANGUAGES}
    assert shown["rus"]["amendment_1"] == "законами РК от 03.07.2013 № 121-V"
    assert shown["rus"]["amendment_6"] == "Конституционного закона РК от 20 июня 2017 года № 75-VI"
    assert shown["kaz"]["amendment_3"] == "29.09.2014 № 239-V Заңдарымен"
    assert shown["kaz"]["amendment_5"] == "12.12.2016 № 800 қаулысымен"
    assert shown["eng"]["amendment_6"] == ("Constitutional Law of the Republic of Kazakhstan No. 75-VI "
                                           "dated 20 June 2017")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_footnotes_stay_notes_linked_from_their_units(built, lang):
    tree = tree_of(built, lang)
    notes = {n.get("eId"): "".join(n.itertext()).strip() for n in tree.xpath("//a:notes/a:note", namespaces=NS)}
    [href] = tree.xpath("//a:article[@eId='art_5']/a:heading/a:noteRef/@href", namespaces=NS)
    assert "121-V" in notes[href[1:]] and "270-VI" in notes[href[1:]]
    # Every footnote line of the text is a note, read as history or not.
    footnotes = [line for line in fixture(lang).splitlines()
                 if re.match(r"\s*(?:Сноска|Ескерту|Footnote)\.", line)]
    assert len(tree.xpath("//a:notes/a:note[@class='footnote']", namespaces=NS)) == len(footnotes) == 12


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_footnote_naming_no_act_is_a_note_and_a_warning(lang):
    act = parse_text(fixture(lang), load_profile(lang), f"{lang}.txt")
    assert [(w.code, w.severity, w.line) for w in act.warnings] == [("P234", "warning", UNREADABLE_LINE)]
    article = next(unit for unit in act.units() if unit.kind == "article" and unit.num == "6")
    assert len(article.notes) == 3 and len(article.history) == 1


def test_the_build_reports_the_unreadable_footnote_at_its_line(tmp_path):
    folder = write_source(tmp_path / "src" / "history", {"rus": fixture("rus")})
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert f"{UNREADABLE_LINE}:0  warning  P234" in result.output
    strict = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "strict"), "--strict"])
    assert strict.exit_code != 0


def test_the_model_holds_typed_records():
    act = parse_text(fixture("rus"), load_profile("rus"), "rus.txt")
    article = next(unit for unit in act.units() if unit.kind == "article" and unit.num == "1")
    assert [(a.kind, a.date, a.number, a.subtype) for a in article.history] == [
        (AmendmentKind.SUBSTITUTION, "2013-07-03", "121-V", "law"),
        (AmendmentKind.SUBSTITUTION, "2014-09-29", "239-V", "law")]
    assert article.history[0].loc is not None and article.history[0].loc.line == 23
    # The excluded article's own text and its footnote name the same act once.
    excluded = next(unit for unit in act.units() if unit.kind == "article" and unit.num == "3")
    assert [(a.kind, a.number) for a in excluded.history] == [(AmendmentKind.REPEAL, "170-V")]
    assert [(a.kind, a.number) for a in act.history] == [(AmendmentKind.SUBSTITUTION, "1-VIII")]
    assert [(a.kind, a.number) for a in act.preamble_history] == [(AmendmentKind.INSERTION, "21-VII")]


def test_unparse_gives_back_the_same_documents(built, tmp_path):
    unparsed = {}
    for lang in LANGUAGES:
        result = CliRunner().invoke(main, ["unparse", str(built / f"{lang}.xml")])
        assert result.exit_code == 0, result.output
        unparsed[lang] = result.output
    again = build(tmp_path, unparsed)
    for lang in LANGUAGES:
        assert (again / f"{lang}.xml").read_bytes() == (built / f"{lang}.xml").read_bytes(), lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_reader_puts_each_change_back_on_its_unit(built, lang):
    from aknkit.akn.emit import serialise, to_akn

    document = read_akn(str(built / f"{lang}.xml"), lossless=True)
    assert serialise(to_akn(document.act)) == (built / f"{lang}.xml").read_bytes()
    units = {unit.eid: unit for unit in document.act.units()}
    assert [(a.kind, a.date, a.number, a.subtype) for a in units["art_4__para_2"].history] == [
        (AmendmentKind.REPLACEMENT, "2016-12-12", "800", "resolution")]
    assert [a.kind for a in document.act.preamble_history] == [AmendmentKind.INSERTION]


def test_another_producers_passive_modifications_are_read():
    document = read_akn(str(INDEX / "amended-law.xml"))
    article = next(unit for unit in document.act.units() if unit.eid == "art_2")
    assert article.history == [Amendment(AmendmentKind.SUBSTITUTION, "2013-07-03", "121-V", "law", "Law No. 121-V",
                                         article.history[0].loc)]


def test_a_source_naming_no_act_is_kept_as_written():
    data = (INDEX / "amended-law.xml").read_bytes().replace(b'<source href="#amendment_1"/>',
                                                          b'<source href="#c18184251"/>')
    [amendment] = next(u for u in read_akn_bytes(data, "x.xml").act.units() if u.eid == "art_2").history
    assert (amendment.date, amendment.source) == (None, "#c18184251")


@pytest.mark.skipif(not (CORPUS / "uk_ukpga-1998-29.xml").exists(), reason="the shared corpus is not here")
def test_a_uk_act_with_hundreds_of_modifications_reads():
    document = read_akn(str(CORPUS / "uk_ukpga-1998-29.xml"))
    changed = [unit for unit in document.act.units() if unit.history]
    assert changed and all(a.kind in tuple(AmendmentKind) for unit in changed for a in unit.history)


def test_the_catalogue_answers_who_amended_the_act_and_what_they_changed(built, tmp_path):
    target = tmp_path / "catalogue.sqlite"
    result = CliRunner().invoke(main, ["index", str(built), "-o", str(target)])
    assert result.exit_code == 0, result.output
    db = sqlite3.connect(target)
    # Which acts amended this one, and when.
    rows = db.execute("SELECT date, source_iri FROM events WHERE type = 'amendment' "
                      "AND expression_iri LIKE '%/rus@%' ORDER BY date, source_iri").fetchall()
    assert rows == [(re.search(r"\d{4}-\d{2}-\d{2}", iri).group(0), iri) for iri in AMENDING]
    # Which units did one act change, and how.
    rows = db.execute("SELECT destination_eid, type FROM modifications WHERE source_iri = ? "
                      "AND expression_iri LIKE '%/eng@%' ORDER BY eid", (f"{LAW}/2019-11-11/270-VI",)).fetchall()
    assert rows == [("art_5", "insertion"), ("art_6", "substitution")]
    # The same history in every language.
    counts = db.execute("SELECT count(*) FROM modifications GROUP BY expression_iri").fetchall()
    assert counts == [(12,), (12,), (12,)]


def test_render_shows_each_units_history_with_links(built):
    page = render_bytes((built / "rus.xml").read_bytes(), "rus.xml")
    article = page[page.index('id="art_5"'):page.index('id="art_6"')]
    assert article.count("<li class=") == 2
    # An act is named as the text first names it (the footnote of Article 1);
    # outside an output set that holds it, it is no link, its IRI on hover.
    assert f'<a class="ref" title="{LAW}/2013-07-03/121-V">законами РК от 03.07.2013 № 121-V</a>' in article
    assert 'class="insertion"' in article


def test_render_links_an_amending_act_the_output_set_holds(built):
    from aknkit.html.links import OutputSet

    others = OutputSet({f"{LAW}/2019-11-11/270-VI": {"rus": "../amending/rus.html"}})
    page = render_bytes((built / "rus.xml").read_bytes(), "rus.xml", others)
    article = page[page.index('id="art_6"'):]
    assert '<a class="ref" href="../amending/rus.html">Законом РК от 11 ноября 2019 года № 270-VI</a>' in article


def test_an_attachments_units_and_title_have_their_history(tmp_path):
    order = Path(__file__).parent / "fixtures" / "acts" / "order"
    text = (order / "rus.txt").read_text(encoding="utf-8")
    text = text.replace("Форма примерного отчета\n", "Форма примерного отчета\n\n      Сноска. Форма в редакции "
                        "приказа Министра образования РК от 01.02.2020 № 5.\n", 1)
    text = text.replace("за отчетный период.", "за отчетный период.\n\n      Сноска. Пункт 2 с изменениями, "
                        "внесенными приказом Министра образования РК от 02.03.2021 № 7.")
    out = build(tmp_path, {"rus": text}, "order", (order / "act.toml").read_text(encoding="utf-8")
                .replace('languages = ["kaz", "rus", "eng"]', 'languages = ["rus"]').replace('"kaz"', '"rus"'))
    tree = etree.parse(str(out / "rus.xml"))
    assert check_tree(tree, "rus.xml", level=2) == []
    mods = [(m.find("a:source", NS).get("href"), m.find("a:destination", NS).get("href"))
            for m in tree.xpath("//a:textualMod", namespaces=NS)]
    assert mods == [("#amendment_1", "#att_1__longTitle"), ("#amendment_2", "#att_1__para_2")]
    assert tree.xpath("//a:TLCReference[@name='amendment']/@href", namespaces=NS) == [
        "/akn/kz/act/order/2020-02-01/5", "/akn/kz/act/order/2021-03-02/7"]


def test_a_repealed_and_amended_act_has_one_lifecycle(tmp_path):
    code = Path(__file__).parent / "fixtures" / "acts" / "repealed-code"
    text = (code / "rus.txt").read_text(encoding="utf-8").replace(
        "охрана примеров.", "охрана примеров.\n\n      Сноска. Статья 1 с изменениями, внесенными Законом РК "
        "от 10.10.2005 № 80-III.")
    facts = (code / "act.toml").read_text(encoding="utf-8").replace(
        'languages = ["kaz", "rus", "eng"]', 'languages = ["rus"]').replace('master_language = "kaz"',
                                                                            'master_language = "rus"')
    tree = etree.parse(str(build(tmp_path, {"rus": text}, "code", facts) / "rus.xml"))
    assert check_tree(tree, "rus.xml", level=2) == []
    events = [(e.get("eId"), e.get("source"), e.get("type")) for e in tree.xpath("//a:eventRef", namespaces=NS)]
    assert events == [("eref_1", "#original", "generation"), ("eref_2", "#amendment_1", "amendment"),
                      ("eref_3", "#repeal", "repeal")]


def test_a_change_kind_the_model_does_not_know_is_a_profile_error():
    from importlib import resources

    text = (resources.files("aknkit.text") / "profiles" / "eng.toml").read_text(encoding="utf-8")
    broken = text.replace("'insertion'],", "'insert'],", 1)
    with pytest.raises(ProfileError) as raised:
        profile_from_text(broken, "eng.toml")
    assert raised.value.key == "history.changes[3][1]"
    assert "expected one of: substitution, replacement, insertion, repeal" in str(raised.value)


NAMED_BELOW = {
    "rus": """О примере

Закон Республики Казахстан от 3 февраля 2001 года № 12-II.

Статья 3. Третья

      Сноска. Пункт 2 статьи 3 в редакции Закона РК от 10.01.2019 № 5-VI.

      1. Первый.

      2. Второй.
""",
    "eng": """On an example

Law of the Republic of Kazakhstan dated 3 February 2001 № 12-II.

Article 3. Third

      Footnote. Paragraph 2 of Article 3 as amended by the Law of the Republic of Kazakhstan dated 10.01.2019 № 5-VI.

      1. First.

      2. Second.
""",
}


@pytest.mark.parametrize("lang", sorted(NAMED_BELOW))
def test_a_footnote_printed_above_the_paragraph_it_names_changes_that_paragraph(lang):
    # Footnotes stand under the article's heading, before the paragraphs they name.
    act = parse_text(NAMED_BELOW[lang], load_profile(lang), f"{lang}.txt")
    changed = [(unit.kind, unit.num, [a.number for a in unit.history]) for unit in act.units() if unit.history]
    assert changed == [("paragraph", "2", ["5-VI"])]
