"""References and dates in running text become AKN markup: ``<ref>`` to a unit
of the act (``#eId``) or to another act (``/akn/kz/act/...``), ``<rref>`` for
a range of units, ``<date>`` with the ISO date, in kaz, rus and eng.

The fixtures (tests/fixtures/texts/references-{kaz,rus,eng}.txt) are one made-up
law in three languages with every form of reference the profiles read: single,
nested, relative to the article it stands in, lists, ranges, an inserted
article, acts of Kazakhstan, units of other acts, a unit the act lacks, and an
impossible date. Every link is asserted exactly, so a new false link fails.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from aknkit import serialise, to_akn
from aknkit.akn.ids import assign_eids
from aknkit.akn.read import read_akn, read_akn_bytes
from aknkit.build import build_folder
from aknkit.diff import Version, diff_versions
from aknkit.model import Act, Block, InlineKind, Unit, Work
from aknkit.text.parse import parse_text
from aknkit.text.profile import load_profile
from aknkit.text.semantics import mark_semantics
from aknkit.text.sources import read_source_folder
from aknkit.text.unparse import unparse_bytes
from aknkit.validate import check_file
from helpers import LANGUAGES, REFERENCES_FACTS, dedent, references_folder, write_source

TEXTS = Path(__file__).parent / "fixtures" / "texts"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("references")
    result = build_folder(references_folder(root), root / "out")
    return root / "out" / "references", result


def body_of(path: Path) -> str:
    xml = path.read_text(encoding="utf-8")
    return xml[xml.index("<body>"):xml.index("</body>")]


def inline(xml: str, *names: str) -> list[str]:
    """Every element named in ``names`` as written, in document order."""
    alternatives = "|".join(names)
    return [m.group(0) for m in re.finditer(rf"<({alternatives})\b[^>]*>.*?</\1>", xml)]


# --- every form, in every language ------------------------------------------------------

EXPECTED_REFERENCES = {
    "rus": [
        # relative to the article it stands in; "of this act" stays outside the link
        '<ref eId="art_1__para_2__ref_1" href="#art_1__para_1">пункте 1 настоящей статьи</ref>',
        '<ref eId="art_1__para_2__ref_2" href="#art_5">статьи 5</ref>',
        # a list: one link per unit, around its number
        '<ref eId="art_2__para_1__ref_1" href="#art_3">3</ref>',
        '<ref eId="art_2__para_1__ref_2" href="#art_4">4</ref>',
        # nested: the whole phrase, to the innermost unit
        '<ref eId="art_2__para_2__ref_1" href="#art_3__para_2">пунктом 2 статьи 3</ref>',
        '<ref eId="art_2__para_3__ref_1" href="#art_4__para_1__point_2">подпункта 2) пункта 1 статьи 4</ref>',
        '<ref eId="art_2__para_4__ref_1" href="#art_3__para_1">1</ref>',
        '<ref eId="art_2__para_4__ref_2" href="#art_3__para_2">2</ref>',
        '<ref eId="art_2__para_4__ref_3" href="#chp_2">главы 2</ref>',
        # a range
        '<rref eId="art_3__para_1__rref_1" from="#art_4" upTo="#art_6">4-6</rref>',
        # a list of three, the last an inserted article (not a range)
        '<ref eId="art_3__para_2__ref_1" href="#art_1">1</ref>',
        '<ref eId="art_3__para_2__ref_2" href="#art_2">2</ref>',
        '<ref eId="art_3__para_2__ref_3" href="#art_5-1">5-1</ref>',
        '<ref eId="art_4__para_2__ref_1" href="#art_4__para_1__point_1">1)</ref>',
        '<ref eId="art_4__para_2__ref_2" href="#art_4__para_1__point_3">3)</ref>',
        # other acts of Kazakhstan: the date inside stays a date
        '<ref eId="art_5__para_1__ref_1" href="/akn/kz/act/law/2013-07-03/121-V">Законом Республики Казахстан от '
        '<date date="2013-07-03">3 июля 2013 года</date> № 121-V</ref>',
        '<ref eId="art_5__para_1__ref_2" href="/akn/kz/act/code/2014-07-04/231-V">Кодексом РК от '
        '<date date="2014-07-04">04.07.2014</date> № 231-V</ref>',
        '<ref eId="art_5__para_2__ref_1" href="/akn/kz/act/resolution/2015-10-12/815">постановлением Правительства '
        'Республики Казахстан от <date date="2015-10-12">12 октября 2015 года</date> № 815</ref>',
        '<ref eId="art_5-1__ref_1" href="#art_5">статьей 5</ref>',
        # "статьи 7 Гражданского кодекса" before it is another act's: text
        '<ref eId="art_6__para_2__ref_1" href="#art_2">статьи 2</ref>',
    ],
    "kaz": [
        '<ref eId="art_1__para_2__ref_1" href="#art_1__para_1">Осы баптың 1-тармағында</ref>',
        '<ref eId="art_1__para_2__ref_2" href="#art_5">5-бабының</ref>',
        '<ref eId="art_2__para_1__ref_1" href="#art_3">3</ref>',
        '<ref eId="art_2__para_1__ref_2" href="#art_4">4</ref>',
        '<ref eId="art_2__para_2__ref_1" href="#art_3__para_2">3-бабының 2-тармағында</ref>',
        '<ref eId="art_2__para_3__ref_1" href="#art_4__para_1__point_2">4-баптың 1-тармағының 2) тармақшасының</ref>',
        '<ref eId="art_2__para_4__ref_1" href="#art_3__para_1">1</ref>',
        '<ref eId="art_2__para_4__ref_2" href="#art_3__para_2">2</ref>',
        '<ref eId="art_2__para_4__ref_3" href="#chp_2">2-тарауды</ref>',
        '<rref eId="art_3__para_1__rref_1" from="#art_4" upTo="#art_6">4-6</rref>',
        '<ref eId="art_3__para_2__ref_1" href="#art_1">1</ref>',
        '<ref eId="art_3__para_2__ref_2" href="#art_2">2</ref>',
        '<ref eId="art_3__para_2__ref_3" href="#art_5-1">5-1</ref>',
        '<ref eId="art_4__para_2__ref_1" href="#art_4__para_1__point_1">1)</ref>',
        '<ref eId="art_4__para_2__ref_2" href="#art_4__para_1__point_3">3)</ref>',
        '<ref eId="art_5__para_1__ref_1" href="/akn/kz/act/law/2013-07-03/121-V">Қазақстан Республикасының '
        '<date date="2013-07-03">2013 жылғы 3 шілдедегі</date> № 121-V Заңында</ref>',
        '<ref eId="art_5__para_1__ref_2" href="/akn/kz/act/code/2014-07-04/231-V">'
        '<date date="2014-07-04">04.07.2014</date> № 231-V Кодексте</ref>',
        '<ref eId="art_5__para_2__ref_1" href="/akn/kz/act/resolution/2015-10-12/815">Қазақстан Республикасы '
        'Үкіметінің <date date="2015-10-12">2015 жылғы 12 қазандағы</date> № 815 қаулысымен</ref>',
        '<ref eId="art_5-1__ref_1" href="#art_5">5-бапта</ref>',
        '<ref eId="art_6__para_2__ref_1" href="#art_2">2-бапты</ref>',
    ],
    "eng": [
        '<ref eId="art_1__para_2__ref_1" href="#art_1__para_1">paragraph 1 of this Article</ref>',
        '<ref eId="art_1__para_2__ref_2" href="#art_5">Article 5</ref>',
        '<ref eId="art_2__para_1__ref_1" href="#art_3">3</ref>',
        '<ref eId="art_2__para_1__ref_2" href="#art_4">4</ref>',
        '<ref eId="art_2__para_2__ref_1" href="#art_3__para_2">paragraph 2 of Article 3</ref>',
        '<ref eId="art_2__para_3__ref_1" href="#art_4__para_1__point_2">'
        'subparagraph 2) of paragraph 1 of Article 4</ref>',
        '<ref eId="art_2__para_4__ref_1" href="#art_3__para_1">1</ref>',
        '<ref eId="art_2__para_4__ref_2" href="#art_3__para_2">2</ref>',
        '<ref eId="art_2__para_4__ref_3" href="#chp_2">Chapter 2</ref>',
        '<rref eId="art_3__para_1__rref_1" from="#art_4" upTo="#art_6">4-6</rref>',
        '<ref eId="art_3__para_2__ref_1" href="#art_1">1</ref>',
        '<ref eId="art_3__para_2__ref_2" href="#art_2">2</ref>',
        '<ref eId="art_3__para_2__ref_3" href="#art_5-1">5-1</ref>',
        '<ref eId="art_4__para_2__ref_1" href="#art_4__para_1__point_1">1)</ref>',
        '<ref eId="art_4__para_2__ref_2" href="#art_4__para_1__point_3">3)</ref>',
        '<ref eId="art_5__para_1__ref_1" href="/akn/kz/act/law/2013-07-03/121-V">Law of the Republic of Kazakhstan '
        'dated <date date="2013-07-03">July 3, 2013</date> № 121-V</ref>',
        '<ref eId="art_5__para_1__ref_2" href="/akn/kz/act/code/2014-07-04/231-V">Code of the Republic of Kazakhstan '
        'dated <date date="2014-07-04">04.07.2014</date> № 231-V</ref>',
        '<ref eId="art_5__para_2__ref_1" href="/akn/kz/act/resolution/2015-10-12/815">Resolution of the Government '
        'of the Republic of Kazakhstan dated <date date="2015-10-12">12 October 2015</date> № 815</ref>',
        '<ref eId="art_5-1__ref_1" href="#art_5">Article 5</ref>',
        '<ref eId="art_6__para_2__ref_1" href="#art_2">Article 2</ref>',
    ],
}

EXPECTED_DATES = {
    "rus": ["1 января 2021 года", "15.02.2020", "3 июля 2013 года", "04.07.2014", "12 октября 2015 года",
            "31 декабря 2025 года", "1 марта 2001 года"],
    "kaz": ["2021 жылғы 1 қаңтардан", "15.02.2020", "2013 жылғы 3 шілдедегі", "04.07.2014",
            "2015 жылғы 12 қазандағы", "2025 жылғы 31 желтоқсанға", "2001 жылғы 1 наурыздағы"],
    "eng": ["January 1, 2021", "15.02.2020", "July 3, 2013", "04.07.2014", "12 October 2015", "December 31, 2025",
            "March 1, 2001"],
}
ISO_DATES = ["2021-01-01", "2020-02-15", "2013-07-03", "2014-07-04", "2015-10-12", "2025-12-31", "2001-03-01"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_reference_form_is_one_exact_link(built, lang):
    out, _ = built
    assert inline(body_of(out / f"{lang}.xml"), "ref", "rref") == EXPECTED_REFERENCES[lang]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_date_is_marked_with_its_iso_value(built, lang):
    out, _ = built
    expected = [f'<date date="{iso}">{words}</date>'
                for iso, words in zip(ISO_DATES, EXPECTED_DATES[lang], strict=True)]
    assert inline(body_of(out / f"{lang}.xml"), "date") == expected


UNRESOLVED = {
    # an article the act lacks, another act's article, an act dated 31 February,
    # another country's act and its article (its date alone is marked)
    "rus": ["статьи 25 настоящего Закона", "статьи 7 Гражданского кодекса",
            "Указ Президента Республики Казахстан от 31 февраля 2015 года № 10",
            "статье 1 Закона Российской Федерации от ", " № 20-ФЗ"],
    "kaz": ["Осы Заңның 25-бабының", "Азаматтық кодексінің 7-бабының",
            "Президентінің 2015 жылғы 31 ақпандағы № 10 Жарлығы",
            "Ресей Федерациясының ", " № 20-ФЗ Заңының 1-бабында"],
    "eng": ["Article 25 of this Law", "Article 7 of the Civil Code",
            "The Decree of the President of the Republic of Kazakhstan dated February 31, 2015 № 10",
            "Article 1 of the Law of the Russian Federation dated ", " № 20-FZ"],
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_what_cannot_be_resolved_stays_text(built, lang):
    """No markup inside these words, and none around them."""
    xml = body_of(built[0] / f"{lang}.xml")
    outside = re.sub(r"<(r?ref|date)\b[^>]*>.*?</\1>", "", xml)
    for words in UNRESOLVED[lang]:
        assert words in outside, words


def test_a_reference_to_a_unit_the_act_lacks_is_a_warning_at_its_line(built):
    out, result = built
    found = sorted((f.code, Path(f.file or "").name, f.line) for f in result.warnings)
    lines = {}
    for lang, words in (("kaz", "25-бабының"), ("rus", "статьи 25"), ("eng", "Article 25")):
        text = (TEXTS / f"references-{lang}.txt").read_text(encoding="utf-8")
        lines[lang] = text[:text.index(words)].count("\n") + 1
    assert found == sorted(("P241", f"{lang}.txt", line) for lang, line in lines.items())
    warning = next(f for f in result.warnings if f.file and f.file.endswith("rus.txt"))
    assert "'статьи 25' refers to Статья 25" in warning.message
    assert "статьи 25 настоящего Закона" in body_of(out / "rus.xml")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_marked_documents_are_level_1_and_2_clean(built, lang):
    assert check_file(built[0] / f"{lang}.xml", level=2) == []
    assert check_file(built[0] / f"{lang}.xml", level=1) == []


def test_unparse_and_build_again_give_the_same_bytes(built, tmp_path):
    out, _ = built
    texts = {lang: unparse_bytes((out / f"{lang}.xml").read_bytes(), f"{lang}.xml") for lang in LANGUAGES}
    again = build_folder(write_source(tmp_path / "references", texts, REFERENCES_FACTS), tmp_path / "out")
    for lang in LANGUAGES:
        assert again.outputs[lang].read_bytes() == (out / f"{lang}.xml").read_bytes(), lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_reader_reads_the_markup_back_as_the_same_marks(built, lang, tmp_path):
    """Both readings give the marks the text had; the lossless one, emitted
    again, gives the document's bytes."""
    path = built[0] / f"{lang}.xml"
    source = read_source_folder(references_folder(tmp_path)).acts[lang]
    expected = [(b.text, b.inline) for b in blocks(source) if b.inline]
    lossless = read_akn(str(path), lossless=True).act
    assert [(b.text, b.inline) for b in blocks(lossless) if b.inline] == expected
    assert [(b.text, b.inline) for b in blocks(read_akn(str(path)).act) if b.inline] == expected
    assert serialise(to_akn(lossless)) == path.read_bytes()


def blocks(act: Act) -> list[Block]:
    """The paragraphs of the preamble and the body, in order, with those of quoted wording."""
    def of(unit: Unit) -> list[Block]:
        return inner(unit.intro) + [b for child in unit.children for b in of(child)] + inner(unit.wrapup)

    def inner(found: list[Block]) -> list[Block]:
        quoted = [q for q in (b.quote for b in found) if q is not None]
        return found + [b for q in quoted for b in inner(q.blocks) + [c for u in q.units for c in of(u)]]

    return inner(act.preamble) + [b for unit in act.body for b in of(unit)]


# --- akn diff reads the markup ---------------------------------------------------------

def version(path: Path, data: bytes | None = None) -> Version:
    document = read_akn_bytes(data if data is not None else path.read_bytes(), str(path))
    return Version(document.act, str(path), document.work_iri)


def test_the_three_languages_link_the_same_units(built, tmp_path):
    out, _ = built
    findings = diff_versions([version(out / f"{lang}.xml") for lang in LANGUAGES]).findings
    assert [f for f in findings if f.code.startswith("D2")] == []
    from_text = diff_versions([Version(act, act.source, "") for act in
                               read_source_folder(references_folder(tmp_path)).acts.values()]).findings
    assert [f for f in from_text if f.code.startswith("D2")] == []


def test_a_link_to_another_unit_is_d203_even_where_the_text_agrees(built):
    """The diff reads where a <ref> points, not the words inside it."""
    out, _ = built
    eng = (out / "eng.xml").read_bytes()
    moved = eng.replace(b'href="#art_5">Article 5</ref> of this Law', b'href="#art_4">Article 5</ref> of this Law')
    assert moved != eng
    findings = diff_versions([version(out / "kaz.xml"), version(out / "eng.xml", moved)]).findings
    assert [(f.code, f.path) for f in findings] == [("D203", "Article 1, paragraph 2")]
    assert "only in eng: Article 4; only in kaz: Article 5" in findings[0].message


# --- what is never linked ---------------------------------------------------------------

WORK = Work("kz", "act", _dt.date(2001, 2, 3), "12-II", "law")


def marked(text: str, lang: str) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(kind, words, value) of every mark of ``text``'s paragraphs, and the warnings' messages."""
    act = parse_text(dedent(text), load_profile(lang), f"{lang}.txt")
    act.work = WORK
    assign_eids(act)
    warnings = mark_semantics(act, load_profile(lang))
    marks = [(str(m.kind), b.text[m.start:m.end], m.value) for b in all_blocks(act) for m in b.inline]
    return marks, [w.message for w in warnings]


def all_blocks(act: Act) -> list[Block]:
    found = blocks(act)
    for attachment in act.attachments:
        found += blocks(attachment.doc)
    return found


RUS_ACT = """
    О примере

    Закон Республики Казахстан от 3 февраля 2001 года № 12-II.

    Статья 1. Первая

          1. {text}

          2. Второй пункт.

    Статья 2. Вторая

    Статья 3. Третья

    Статья 3-1. Вставленная

    Статья 4. Четвертая
    """


@pytest.mark.parametrize("text", [
    "Пункт 2 применяется к архивам.",                  # no article: which article's?
    "Требования пункта 2 применяются.",
    "Требования настоящей статьи применяются.",        # the unit it stands in: not a link
    "Нормы статьи 2 Конституции применяются.",         # another document
    "Нормы статьи 2 указанного кодекса применяются.",
    "Нормы статьи 2 настоящих Правил применяются.",    # a document the act words do not know
    "Законом от 3 июля 2013 года применяется.",        # an act without its number
    "Соглашением от 3 июля 2013 года № 5 применяется.",  # a kind the act words do not know
    "Ставка по статьей 2 и 3 процентам применяется.",   # the last number counts percent
    "Срок по статьей 2 и 4 месяцам продлевается.",      # or months
    "Ставки статьей 2-4 % применяются.",                # a range of percent
])
def test_what_does_not_say_which_unit_is_left_alone(text):
    marks, warnings = marked(RUS_ACT.format(text=text), "rus")
    assert [m for m in marks if m[0] != "date"] == [] and warnings == []


@pytest.mark.parametrize("text,missing", [
    ("Нормы статей 2 и 9 применяются.", "Статья 9"),     # a list is all or nothing
    ("Нормы статей 2-9 применяются.", "Статья 9"),       # so is a range
    ("Нормы статей 3-5 применяются.", "Статья 3-5"),     # 3-1 is inserted: "3-5" is one of them
    ("Нормы пункта 7 статьи 1 применяются.", "Статья 1, пункт 7"),
    ("Нормы пункта 7 настоящей статьи применяются.", "Статья 1, пункт 7"),
])
def test_a_reference_naming_a_unit_the_act_lacks_is_text_and_a_warning(text, missing):
    marks, warnings = marked(RUS_ACT.format(text=text), "rus")
    assert marks == [] and len(warnings) == 1 and f"refers to {missing}," in warnings[0]


ENG_ACT = """
    On an example

    Law of the Republic of Kazakhstan dated 3 February 2001 № 12-II.

    Article 1. First

          1. {text}

    Article 2. Second

    Article 3. Third

    Article 4. Fourth
    """


@pytest.mark.parametrize("text", [
    "A fee under Articles 2 and 3 percent applies.",
    "Periods in Articles 2 to 4 months apply.",
])
def test_a_list_whose_last_number_counts_something_is_left_alone(text):
    marks, warnings = marked(ENG_ACT.format(text=text), "eng")
    assert [m for m in marks if m[0] != "date"] == [] and warnings == []


def test_a_list_followed_by_other_words_is_still_a_reference():
    marks, _ = marked(ENG_ACT.format(text="Articles 2 and 3 apply."), "eng")
    assert [m for m in marks if m[0] == "ref"] == [("ref", "2", "#art_2"), ("ref", "3", "#art_3")]


def test_a_range_and_an_inserted_article():
    marks, _ = marked(RUS_ACT.format(text="Статьями 2-4 и статьей 3-1 применяются."), "rus")
    assert marks == [("rref", "2-4", "#art_2"), ("ref", "статьей 3-1", "#art_3-1")]


def test_an_act_without_articles_links_its_paragraphs_only_where_it_says_so():
    marks, warnings = marked("""
        Об утверждении примера

        Постановление Правительства Республики Казахстан от 3 февраля 2001 года № 12-II.

              Правительство Республики Казахстан ПОСТАНОВЛЯЕТ:

              1. Утвердить пример.

              2. Пункт 1 настоящего постановления применяется с 1 марта 2001 года, пункт 3 - по
              правилам пункта 1.

              3. Настоящее постановление вводится в действие со дня подписания.
        """, "rus")
    assert marks == [("ref", "Пункт 1", "#para_1"), ("date", "1 марта 2001 года", "2001-03-01")]
    assert warnings == []


@pytest.mark.parametrize("lang,text,expected", [
    ("eng", "Articles 2 to 3 apply.", [("rref", "2 to 3", "#art_2")]),
    ("eng", "paragraphs 1 and 2 of this Article apply.",
     [("ref", "1", "#art_1__para_1"), ("ref", "2", "#art_1__para_2")]),
    ("kaz", "осы баптың 2-тармағы қолданылады.", [("ref", "осы баптың 2-тармағы", "#art_1__para_2")]),
    # another act's article, the name of its part in brackets between
    ("kaz", "Қазақстан Республикасы Азаматтық кодексінің (Жалпы бөлім) 2-бабы қолданылады.", []),
    ("rus", "подпункт 1) пункта 2 статьи 3 применяется.",
     [("ref", "подпункт 1) пункта 2 статьи 3", "#art_3__para_2__point_1")]),
])
def test_more_forms(lang, text, expected):
    marks, _ = marked(SKELETON[lang].format(text=text), lang)
    assert marks == expected


def test_an_amending_act_links_only_what_says_it_is_its_own():
    """Bare references in an act that amends another are the other act's units."""
    marks, warnings = marked("""
        О внесении изменений

        Закон Республики Казахстан от 3 февраля 2001 года № 12-II.

        Статья 1. В Закон Республики Казахстан от 1 марта 1999 года № 5-I внести изменения:

              1) статью 1 изложить в следующей редакции:

              «Статья 1. Новая

              Понятия статьи 3 применяются в порядке, установленном 1 марта 2001 года.»;

              2) статью 4 исключить.

        Статья 2. Настоящий Закон вводится в действие в порядке статьи 1 настоящего Закона.
        """, "rus")
    assert marks == [
        ("ref", "Закон Республики Казахстан от 1 марта 1999 года № 5-I", "/akn/kz/act/law/1999-03-01/5-I"),
        ("date", "1 марта 1999 года", "1999-03-01"),
        ("date", "1 марта 2001 года", "2001-03-01"),
        ("ref", "статьи 1", "#art_1"),
    ]
    assert warnings == []


def test_an_attachment_links_only_references_relative_to_where_they_stand():
    marks, _ = marked("""
        Об утверждении Правил

        Постановление Правительства Республики Казахстан от 3 февраля 2001 года № 12-II.

              Правительство Республики Казахстан ПОСТАНОВЛЯЕТ:

              1. Утвердить прилагаемые Правила.

              2. Настоящее постановление вводится в действие со дня подписания.

              Премьер-Министр
              Республики Казахстан                      А. ПРИМЕРОВ

        Утверждены
        постановлением Правительства
        Республики Казахстан
        от 3 февраля 2001 года № 12-II

        Правила

              1. Настоящие Правила определяют порядок.

              2. Понятия:

              1) реестр – перечень;

              2) оператор – лицо, указанное в подпункте 1) настоящего пункта и в пункте 1 настоящих Правил.
        """, "rus")
    assert marks == [("ref", "подпункте 1) настоящего пункта", "#att_1__para_2__point_1")]


# --- markup never changes the text -------------------------------------------------------

PIECES = {
    "rus": ["статьи 2", "статьями 2 и 3", "статей 1, 2 и 4", "статьями 2-4", "пункта 2 статьи 1",
            "подпункта 1) пункта 2 статьи 3", "пункте 1 настоящей статьи", "настоящего Закона",
            "Гражданского кодекса", "главы 1", "статьи 9", "Законом Республики Казахстан от 3 июля 2013 года № 121-V",
            "Кодексом РК от 04.07.2014 № 231-V", "3 июля 2013 года", "31 февраля 2015 года", "01.02.2003", "№ 5",
            "и", ",", "(", ")", "«", "»", "5", "2", "-", "слово", "  "],
    "kaz": ["2-бабы", "2 және 3-баптарында", "1, 2 және 4-баптары", "2-4-баптарында", "1-баптың 2-тармағы",
            "3-баптың 2-тармағының 1) тармақшасы", "осы баптың 1-тармағы", "осы Заңның", "кодекстің",
            "1-тарауы", "9-бабы", "Қазақстан Республикасының 2013 жылғы 3 шілдедегі № 121-V Заңымен",
            "04.07.2014 № 231-V Кодексімен", "2013 жылғы 3 шілдедегі", "2015 жылғы 31 ақпандағы", "01.02.2003",
            "және", ",", "(", ")", "5", "2", "-", "сөз", "  "],
    "eng": ["Article 2", "Articles 2 and 3", "Articles 1, 2 and 4", "Articles 2-4", "paragraph 2 of Article 1",
            "subparagraph 1) of paragraph 2 of Article 3", "paragraph 1 of this Article", "of this Law",
            "of the Civil Code", "Chapter 1", "Article 9",
            "the Law of the Republic of Kazakhstan dated July 3, 2013 № 121-V", "July 3, 2013", "February 31, 2015",
            "01.02.2003", "and", ",", "(", ")", "5", "2", "-", "word", "  "],
}
SKELETON = {
    "rus": "О примере\n\nЗакон Республики Казахстан от 3 февраля 2001 года № 12-II.\n\nГлава 1\nПервая\n\n"
           "Статья 1. Первая\n\n      1. {text}\n\n      2. Второй.\n\nСтатья 2. Вторая\n\n"
           "Статья 3. Третья\n\n      1. Первый.\n\n      2. Второй:\n\n      1) первый;\n\n      2) второй.\n",
    "kaz": "Мысал туралы\n\nҚазақстан Республикасының 2001 жылғы 3 ақпандағы № 12-II Заңы.\n\n1-тарау\nБірінші\n\n"
           "1-бап. Бірінші\n\n      1. {text}\n\n      2. Екінші.\n\n2-бап. Екінші\n\n"
           "3-бап. Үшінші\n\n      1. Бірінші.\n\n      2. Екінші:\n\n      1) бірінші;\n\n      2) екінші.\n",
    "eng": "On the sample\n\nThe Law of the Republic of Kazakhstan dated 3 February 2001 № 12-II.\n\n"
           "Chapter 1\nFirst\n\n"
           "Article 1. First\n\n      1. {text}\n\n      2. Second.\n\nArticle 2. Second\n\n"
           "Article 3. Third\n\n      1. First.\n\n      2. Second:\n\n      1) first;\n\n      2) second.\n",
}


def paragraphs(lang: str):
    words = st.lists(st.sampled_from(PIECES[lang]), min_size=1, max_size=12)
    return st.tuples(words, st.lists(st.sampled_from(["", " "]), min_size=12, max_size=12)).map(
        lambda pair: ("x " + "".join(word + space for word, space in zip(pair[0], pair[1], strict=False))).strip())


def document_text(tree: etree._ElementTree) -> str:
    return "".join(tree.getroot().itertext())


@settings(max_examples=150)
@given(st.sampled_from(LANGUAGES).flatmap(lambda lang: st.tuples(st.just(lang), paragraphs(lang))))
def test_markup_never_changes_the_text_of_a_paragraph(case):
    lang, text = case
    act = parse_text(SKELETON[lang].format(text=text), load_profile(lang), f"{lang}.txt")
    act.work = WORK
    assign_eids(act)
    plain = to_akn(act)
    mark_semantics(act, load_profile(lang))
    tree = to_akn(act)
    assert document_text(tree) == document_text(plain)
    p = tree.getroot().find(".//{*}paragraph[@eId='art_1__para_1']//{*}p")
    assert "".join(p.itertext()) == text
    marks = [m for b in blocks(act) for m in b.inline]
    for a in marks:
        for b in marks:
            if a is not b and a.start < b.end and b.start < a.end:
                assert (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)
    assert all(m.kind != InlineKind.DATE or re.fullmatch(r"\d{4}-\d{2}-\d{2}", m.value) for m in marks)
