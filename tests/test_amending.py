"""Amending laws: quoted new wording becomes AKN mod/quotedStructure/quotedText.

The fixtures (tests/fixtures/texts/amending-{kaz,rus,eng}.txt) follow the
published layout of laws "on introducing amendments and additions": an article
lists the acts amended, numbered paragraphs name each act, points give each
instruction, and the new wording stands in quotes under "... to read as
follows:" with numbers of its own (an article 1 with points 1 and 2 inside
the act's own article 1, point 1).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from aknkit import ParseError, parse_text
from aknkit.akn.read import read_akn
from aknkit.akn.schema import AKN_NS
from aknkit.cli import main
from aknkit.html.document import render_bytes
from aknkit.validate import check_tree
from helpers import LANGUAGES, write_source

TEXTS = Path(__file__).parent / "fixtures" / "texts"
NS = {"a": AKN_NS}
POINT_1 = "art_1__para_1__point_1"
QUOTED_ARTICLE = f"{POINT_1}__mod_1__qstr_1__art_1"
ARTICLE_LABEL = {"kaz": "1-бап.", "rus": "Статья 1.", "eng": "Article 1."}
QUOTE = {"kaz": '"', "rus": "«", "eng": '"'}


def fixture(lang: str) -> str:
    return (TEXTS / f"amending-{lang}.txt").read_text(encoding="utf-8")


def build(tmp_path: Path, lang: str, text: str | None = None) -> Path:
    folder = write_source(tmp_path / "src" / "amending", {lang: text if text is not None else fixture(lang)})
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    return tmp_path / "out" / "amending" / f"{lang}.xml"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """language -> the output of the amending fixture, built once for the
    module: these tests only read it."""
    cache: dict[str, Path] = {}

    def get(lang: str) -> Path:
        if lang not in cache:
            cache[lang] = build(tmp_path_factory.mktemp(lang), lang)
        return cache[lang]

    return get


def one(tree, xpath: str):
    found = tree.xpath(xpath, namespaces=NS)
    assert len(found) == 1, (xpath, found)
    return found[0]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_quoted_article_is_a_quoted_structure_with_its_own_numbers(built, lang):
    tree = etree.parse(str(built(lang)))
    assert check_tree(tree, "amending.xml", level=2) == []
    mod = one(tree, f"//a:point[@eId='{POINT_1}']/a:content/a:p/a:mod")
    assert mod.get("eId") == f"{POINT_1}__mod_1"
    structure = one(mod, "a:quotedStructure")
    assert structure.get("eId") == f"{POINT_1}__mod_1__qstr_1"
    assert structure.get("startQuote") == QUOTE[lang]
    article = one(structure, "a:article")
    assert article.get("eId") == QUOTED_ARTICLE
    assert one(article, "a:num").text == ARTICLE_LABEL[lang]
    assert [p.get("eId") for p in article.xpath("a:point", namespaces=NS)] == [
        f"{QUOTED_ARTICLE}__point_1", f"{QUOTED_ARTICLE}__point_2"]
    assert mod.tail == ";"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_amending_laws_own_numbering_is_untouched(built, lang):
    tree = etree.parse(str(built(lang)))
    body = one(tree, "//a:body")
    assert [a.get("eId") for a in body.xpath("a:article", namespaces=NS)] == ["art_1", "art_2"]
    assert [p.get("eId") for p in body.xpath("a:article/a:paragraph/a:point", namespaces=NS)] == [
        "art_1__para_1__point_1", "art_1__para_1__point_2", "art_1__para_1__point_3"]
    # The quoted points live only inside the quote.
    assert len(body.xpath(".//a:point[not(ancestor::a:quotedStructure)]", namespaces=NS)) == 3


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_quoted_paragraph_on_its_own_line(built, lang):
    tree = etree.parse(str(built(lang)))
    paragraph = one(tree, "//a:point[@eId='art_1__para_1__point_2']//a:quotedStructure/a:paragraph")
    assert paragraph.get("eId") == "art_1__para_1__point_2__mod_1__qstr_1__para_4"
    assert one(paragraph, "a:num").text == "4."


@pytest.mark.parametrize("lang", LANGUAGES)
def test_quoted_words_within_a_line(built, lang):
    tree = etree.parse(str(built(lang)))
    words = one(tree, "//a:point[@eId='art_1__para_1__point_3']//a:mod/a:quotedText")
    assert words.get("eId") == "art_1__para_1__point_3__mod_1__qtext_1"
    expected = {"kaz": "екі жыл ішінде", "rus": "в течение двух лет", "eng": "within two years"}[lang]
    assert words.text == expected
    # Kazakh puts the verb after the new words; the old words stay text before them.
    assert words.getparent().tail == {"kaz": " деген сөздермен ауыстырылсын."}.get(lang, ".")
    assert words.getparent().text.endswith(
        {"kaz": '"бір жыл ішінде" деген сөздер ', "rus": "заменить словами ", "eng": "with the words "}[lang])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_unparse_gives_back_the_same_document(built, tmp_path, lang):
    first = built(lang)
    result = CliRunner().invoke(main, ["unparse", str(first)])
    assert result.exit_code == 0, result.output
    again = build(tmp_path, lang, result.output)
    assert again.read_bytes() == first.read_bytes()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_reader_reads_the_quote_back_into_the_model(built, lang):
    act = read_akn(str(built(lang))).act
    point = next(u for u in act.units() if u.eid == POINT_1)
    quote = point.intro[0].quote
    assert quote is not None and quote.start == QUOTE[lang] and quote.tail == ";"
    [article] = quote.units
    assert (article.kind, article.num, [p.num for p in article.children]) == ("article", "1", ["1", "2"])
    # Quoted units are not units of the act.
    assert [u.num for u in act.articles()] == ["1", "2"]


def test_render_sets_the_quoted_wording_apart(built):
    page = render_bytes(built("rus").read_bytes(), "amending.xml")
    assert f'id="{QUOTED_ARTICLE}"' in page
    assert '<blockquote class="quoted">' in page
    assert '<q class="quoted">«в течение двух лет»</q>.' in page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_unclosed_quote_is_an_error_with_its_line(lang):
    text = fixture(lang)
    lines = text.split("\n")
    # Drop the closing quote of the quoted article (line 21: `2) ... .";`).
    closing = next(i for i, line in enumerate(lines) if line.rstrip().endswith(("\";", "»;")) and "2)" in line)
    lines[closing] = lines[closing].replace('";', ";").replace("»;", ";")
    opening = next(i for i, line in enumerate(lines) if line.strip().startswith(QUOTE[lang]) and
                   ARTICLE_LABEL[lang] in line) + 1
    with pytest.raises(ParseError) as caught:
        parse_text("\n".join(lines), lang, source=f"{lang}.txt")
    codes = [(f.code, f.line) for f in caught.value.findings]
    assert ("P131", opening) in codes


def test_new_wording_opening_on_the_instructions_own_line(built, tmp_path):
    """`1) 1-бап мынадай редакцияда жазылсын: "1-бап. ...` with the quoted
    points on the next lines: once refused as a duplicate point number."""
    text = fixture("kaz").replace(
        '      1) 1-бап мынадай редакцияда жазылсын:\n\n      "1-бап.',
        '      1) 1-бап мынадай редакцияда жазылсын: "1-бап.')
    assert '1) 1-бап мынадай редакцияда жазылсын: "1-бап. Осы' in text
    path = build(tmp_path / "one", "kaz", text)
    tree = etree.parse(str(path))
    assert check_tree(tree, "amending.xml", level=2) == []
    article = one(tree, f"//a:point[@eId='{POINT_1}']//a:quotedStructure/a:article")
    assert article.get("eId") == QUOTED_ARTICLE
    assert [p.findtext(f"{{{AKN_NS}}}num") for p in article.xpath("a:point", namespaces=NS)] == ["1)", "2)"]
    # Same document as when the quote stands on a line of its own.
    assert path.read_bytes() == built("kaz").read_bytes()


def test_text_full_of_unclosed_quotes_fails_once_and_fast():
    """Each instruction opens a quote that never closes: one P131 (the first),
    found in time linear in the text."""
    import time

    body = "".join(f'      {i}) статью {i} изложить в следующей редакции: "текст {i}\n\n' for i in range(1, 3001))
    text = f"О примере\n\nЗакон Республики Казахстан от 3 февраля 2001 года № 12-II.\n\nСтатья 1. Внести:\n\n{body}"
    started = time.perf_counter()
    with pytest.raises(ParseError) as caught:
        parse_text(text, "rus")
    assert time.perf_counter() - started < 20
    assert [(f.code, f.line) for f in caught.value.findings if f.code == "P131"] == [("P131", 7)]


def test_quotes_nested_at_the_edges_of_new_wording():
    """The new wording opens with a quoted title and ends with one: `""Мысал
    туралы" Заң ...` and `... "Үлгі туралы"";` nest, and close where they should."""
    text = fixture("kaz").replace(
        '      "4. Үлгі мысалға сәйкес келеді.";',
        '      ""Мысал туралы" Заң осы тармаққа сәйкес "Үлгі туралы"";')
    act = parse_text(text, "kaz", source="kaz.txt")
    point = act.body[0].children[0].children[1]
    quote = point.intro[0].quote
    assert [b.text for b in quote.blocks] == ['"Мысал туралы" Заң осы тармаққа сәйкес "Үлгі туралы"']
    assert (quote.units, quote.tail) == ([], ";")


# --- property: any quoted wording keeps its own numbers and round-trips -------------

WORDS = {"kaz": ["мысал", "үлгі", "заң", "тәртіп", "орган"], "rus": ["пример", "образец", "закон", "порядок"],
         "eng": ["example", "sample", "law", "order", "body"]}
TRIGGER = {"kaz": "мынадай редакцияда жазылсын:", "rus": "изложить в следующей редакции:",
           "eng": "shall be amended to read as follows:"}
QUOTED_LABEL = {"kaz": "{n}-бап.", "rus": "Статья {n}.", "eng": "Article {n}."}
OPEN_CLOSE = {'"': '"', "«": "»"}


@st.composite
def amending_laws(draw, lang: str):
    """An amending law: each point of its article 1 quotes new wording that is
    a numbered paragraph, a list of points, or an article with points."""
    words = st.lists(st.sampled_from(WORDS[lang]), min_size=1, max_size=5).map(" ".join)
    lines, expected = [], []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        opening = draw(st.sampled_from(sorted(OPEN_CLOSE)))
        closing = OPEN_CLOSE[opening]
        shape = draw(st.sampled_from(["paragraph", "points", "article"]))
        count = draw(st.integers(1, 3))
        if shape == "paragraph":
            quoted = [f"{draw(st.integers(1, 40))}. {draw(words).capitalize()}."]
            kinds = ["paragraph"]
        else:
            quoted = [f"{n}) {draw(words)};" for n in range(1, count + 1)]
            kinds = ["point"] * count
            if shape == "article":
                quoted.insert(0, QUOTED_LABEL[lang].format(n=draw(st.integers(1, 40))) + " "
                              + draw(words).capitalize())
                kinds = ["article"]
        quoted[0] = opening + quoted[0]
        quoted[-1] = quoted[-1].rstrip(";.") + "." + closing + ";"
        lines.append(f"      {number}) {draw(words)} {TRIGGER[lang]}")
        lines += [f"      {line}" for line in quoted]
        expected.append(kinds)
    head = {"kaz": "1-бап. Мына заңға өзгерістер енгізілсін:", "rus": "Статья 1. Внести изменения:",
            "eng": "Article 1. The following amendments shall be introduced:"}[lang]
    meta = {"kaz": "Қазақстан Республикасының 2001 жылғы 3 ақпандағы № 12-II Заңы.",
            "rus": "Закон Республики Казахстан от 3 февраля 2001 года № 12-II.",
            "eng": "The Law of the Republic of Kazakhstan dated 3 February 2001 № 12-II."}[lang]
    return "\n\n".join(["Title", meta, head, *lines]) + "\n", expected


def _plain_akn(text: str, lang: str) -> bytes:
    """The document of ``text`` with a Work and no signatory facts."""
    import datetime

    from aknkit import serialise, to_akn
    from aknkit.akn.ids import assign_eids
    from aknkit.model import Work

    act = parse_text(text, lang, source=f"{lang}.txt")
    act.work = Work(country="kz", doctype="act", date=datetime.date(2001, 2, 3), number="12-II", subtype="law")
    assign_eids(act)
    return serialise(to_akn(act))


@pytest.mark.parametrize("lang", LANGUAGES)
@settings(max_examples=60)
@given(data=st.data())
def test_generated_amending_laws_keep_quoted_numbers_and_round_trip(lang, data):
    from aknkit.text.unparse import unparse_bytes

    text, expected = data.draw(amending_laws(lang), label="law")
    act = parse_text(text, lang, source=f"{lang}.txt")
    points = act.body[0].children
    assert [p.num for p in points] == [str(n) for n in range(1, len(expected) + 1)]
    assert [[u.kind for u in p.intro[0].quote.units] for p in points] == expected
    first = _plain_akn(text, lang)
    tree = etree.fromstring(first)
    assert check_tree(etree.ElementTree(tree), "x.xml", level=2) == []
    assert _plain_akn(unparse_bytes(first, "x.xml"), lang) == first


def _quotes(act) -> list:
    return [(u.num, b.text, b.quote.words, [(q.kind, q.num, [c.num for c in q.children]) for q in b.quote.units],
             b.quote.tail) for u in act.units() for b in u.intro if b.quote is not None]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_flat_compare_layout_reads_the_same_quotes(lang):
    """No blank lines, no indentation: the same instructions, quotes and units."""
    text = fixture(lang)
    flat = "\n".join(line.strip() for line in text.split("\n") if line.strip() and not line.startswith("#"))
    published, compare = parse_text(text, lang), parse_text(flat, lang)
    assert _quotes(compare) == _quotes(published) and len(_quotes(published)) == 3
    assert [(u.kind, u.num) for u in compare.units()] == [(u.kind, u.num) for u in published.units()]


def test_an_order_amending_rules_quotes_a_paragraph_with_points(tmp_path):
    """An act without articles (an order after "ПРИКАЗЫВАЮ:") whose paragraph 1
    quotes a new paragraph 3 with points: the order keeps paragraphs 1 and 2."""
    order = "\n\n".join([
        "О внесении изменения в приказ Министра примеров Республики Казахстан",
        "Приказ Министра примеров Республики Казахстан от 3 февраля 2001 года № 12-II.",
        "      ПРИКАЗЫВАЮ:",
        "      1. Внести в приказ Министра примеров от 1 марта 1999 года № 5 следующее изменение:",
        "      пункт 3 Правил примеров изложить в следующей редакции:",
        '      "3. Примеры утверждаются уполномоченным органом:',
        "      1) в срок до 1 марта;",
        '      2) в срок до 1 сентября.".',
        "      2. Настоящий приказ вводится в действие со дня его первого официального опубликования.",
    ]) + "\n"
    tree = etree.parse(str(build(tmp_path / "one", "rus", order)))
    body = one(tree, "//a:body")
    assert [p.get("eId") for p in body.xpath("a:paragraph", namespaces=NS)] == ["para_1", "para_2"]
    quoted = one(body, ".//a:quotedStructure/a:paragraph")
    assert quoted.get("eId") == "para_1__mod_1__qstr_1__para_3"
    assert [p.get("eId") for p in quoted.xpath("a:point", namespaces=NS)] == [
        "para_1__mod_1__qstr_1__para_3__point_1", "para_1__mod_1__qstr_1__para_3__point_2"]
    unparsed = CliRunner().invoke(main, ["unparse", str(tmp_path / "one" / "out" / "amending" / "rus.xml")])
    assert build(tmp_path / "two", "rus", unparsed.output).read_bytes() == \
        (tmp_path / "one" / "out" / "amending" / "rus.xml").read_bytes()
