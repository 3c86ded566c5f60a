"""Kinds of act beyond laws with articles: ratifications, resolutions, orders,
rulings, annexes after the signature, repealed acts, and header variants.

Each fixture folder in tests/fixtures/acts/ is a source folder in kaz, rus and
eng; every test builds it for real (parse, emit, Level 1 and 2 check, no text
lost) and reads the XML a user would get.
"""

from __future__ import annotations

import datetime as _dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from aknkit.build import build_folder
from aknkit.cli import main
from aknkit.findings import InputError
from aknkit.text.parse import ParseError, parse_text
from aknkit.text.profile import load_profile
from aknkit.text.unparse import unparse_bytes
from aknkit.validate import check_file
from helpers import LANGUAGES, REPO, dedent, write_source

ACTS = REPO / "tests" / "fixtures" / "acts"
NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """name -> {language: output path} of a fixture act, built once for the
    module: the tests only read what the build wrote."""
    cache: dict[str, dict[str, Path]] = {}

    def get(name: str) -> dict[str, Path]:
        if name not in cache:
            result = build_folder(ACTS / name, tmp_path_factory.mktemp(name) / "out")
            assert sorted(result.outputs) == sorted(LANGUAGES)
            cache[name] = result.outputs
        return cache[name]

    return get


@pytest.fixture(scope="module")
def built(outputs):
    """name -> {language: parsed output} of a fixture act."""
    cache: dict[str, dict[str, etree._ElementTree]] = {}

    def get(name: str) -> dict[str, etree._ElementTree]:
        if name not in cache:
            cache[name] = {lang: etree.parse(str(path)) for lang, path in outputs(name).items()}
        return cache[name]

    return get


def eids(tree, xpath: str) -> list[str]:
    return [el.get("eId") for el in tree.xpath(xpath, namespaces=NS)]


@pytest.mark.parametrize("name", ["ratification", "resolution", "order", "decree-draft", "ruling", "repealed-code"])
def test_each_kind_validates_and_round_trips_byte_identical(name, tmp_path):
    """Levels 1 and 2 clean; text -> AKN -> text -> AKN gives the same bytes."""
    first = build_folder(ACTS / name, tmp_path / "a")
    again = tmp_path / "src" / name
    again.mkdir(parents=True)
    shutil.copy(ACTS / name / "act.toml", again / "act.toml")
    for lang, path in first.outputs.items():
        assert check_file(str(path), level=2) == []
        (again / f"{lang}.txt").write_text(unparse_bytes(path.read_bytes(), str(path)), encoding="utf-8")
    second = build_folder(again, tmp_path / "b")
    for lang in LANGUAGES:
        assert second.outputs[lang].read_bytes() == first.outputs[lang].read_bytes(), lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_ratification_law_body_is_its_sentence(built, lang):
    tree = built("ratification")[lang]
    assert eids(tree, "/a:akomaNtoso/a:act/a:body/*") == ["para_1"], lang
    body_text = tree.xpath("string(/a:akomaNtoso/a:act/a:body/a:paragraph/a:content/a:p)", namespaces=NS)
    assert ("ратифициров" in body_text.lower() or "ратификациялансын" in body_text
            or body_text.startswith("To ratify")), lang
    assert tree.xpath("/a:akomaNtoso/a:act/a:preamble", namespaces=NS) == [], lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_ratification_treaty_is_an_attachment_after_the_signature(built, lang):
    tree = built("ratification")[lang]
    # The signature stays with the act; the treaty follows as attachment 1.
    assert tree.xpath("count(/a:akomaNtoso/a:act/a:conclusions//a:signature)", namespaces=NS) == 1
    attachment = tree.xpath("/a:akomaNtoso/a:act/a:attachments/a:attachment", namespaces=NS)
    assert [a.get("eId") for a in attachment] == ["att_1"]
    doc = attachment[0].xpath("a:doc", namespaces=NS)[0]
    assert doc.get("name") == "annex"
    assert doc.xpath("string(a:meta/a:identification/a:FRBRWork/a:FRBRthis/@value)", namespaces=NS) \
        == "/akn/kz/act/law/2013-07-02/117-V/!annex_1"
    assert eids(doc, "a:mainBody/a:article") == ["att_1__art_1", "att_1__art_2", "att_1__art_3"]
    assert eids(doc, "a:mainBody/a:article[2]/a:paragraph") == ["att_1__art_2__para_1", "att_1__art_2__para_2"]
    assert len(doc.xpath("a:preamble/a:p", namespaces=NS)) == 3


@pytest.mark.parametrize("lang", LANGUAGES)
def test_ratification_treaty_signatories_stay_plain_text_of_the_treaty(built, lang):
    # They are not the act's signatory.
    doc = built("ratification")[lang].xpath("/a:akomaNtoso/a:act/a:attachments/a:attachment/a:doc",
                                            namespaces=NS)[0]
    assert doc.xpath("count(a:conclusions//a:signature/a:eol)", namespaces=NS) == 1, lang
    assert doc.xpath("a:conclusions//a:person", namespaces=NS) == [], lang


def test_ratification_treaty_title_is_the_attachment_title(built):
    assert built("ratification")["rus"].xpath("string(//a:attachment//a:docTitle)", namespaces=NS) == \
        "Соглашение между Республикой Казахстан и Республикой Примерией о сотрудничестве в области архивов"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_resolution_numbered_paragraphs_after_the_formula(built, lang):
    act = built("resolution")[lang].getroot()[0]
    assert eids(act, "a:body/a:paragraph") == ["para_1", "para_2", "para_3"], lang
    preamble = act.xpath("a:preamble/a:p", namespaces=NS)
    assert len(preamble) == 1 and preamble[0].text.rstrip().endswith(":"), lang
    assert act.xpath("string(.//a:docDate/@date)", namespaces=NS) == "2019-09-09"
    assert act.xpath("string(.//a:docNumber)", namespaces=NS) == "668"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_resolution_two_annexes_with_their_own_units(built, lang):
    act = built("resolution")[lang].getroot()[0]
    attachments = act.xpath("a:attachments/a:attachment", namespaces=NS)
    assert [a.get("eId") for a in attachments] == ["att_1", "att_2"], lang
    rules, annex = attachments
    assert eids(rules, "a:doc/a:mainBody/a:chapter") == ["att_1__chp_1", "att_1__chp_2"]
    assert eids(rules, "a:doc/a:mainBody/a:chapter[1]/a:paragraph[2]/a:point") == \
        ["att_1__chp_1__para_2__point_1", "att_1__chp_1__para_2__point_2"]
    assert len(rules.xpath("a:doc/a:preface/a:p[@class='attachmentHead']", namespaces=NS)) in (4, 5)
    assert eids(annex, "a:doc/a:mainBody/a:paragraph") == ["att_2__para_1", "att_2__para_2"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_resolution_signature_lines_stay_with_the_act(built, lang):
    # Every signature line stays with the act, none goes into an annex.
    act = built("resolution")[lang].getroot()[0]
    assert act.xpath("a:attachments//a:conclusions", namespaces=NS) == []


def test_resolution_annex_head_lines_are_kept_line_by_line(built):
    assert [p.text for p in built("resolution")["rus"].xpath("//a:attachment[1]//a:p[@class='attachmentHead']",
                                                             namespaces=NS)] == [
        "Утверждены", "постановлением Правительства", "Республики Казахстан", "от 9 сентября 2019 года № 668"]


def test_resolution_annex_number_is_its_last_head_line(built):
    assert built("resolution")["kaz"].xpath("string(//a:attachment[2]//a:p[@class='attachmentHead'][last()])",
                                            namespaces=NS) == "2-қосымша"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_order_keeps_its_own_number_before_the_registration_clause(built, lang):
    tree = built("order")[lang]
    act = tree.getroot()[0]
    assert act.xpath("string(.//a:longTitle/a:p[2]/a:docDate/@date)", namespaces=NS) == "2016-11-15", lang
    assert act.xpath("string(.//a:longTitle/a:p[2]/a:docNumber)", namespaces=NS) == "657", lang
    assert eids(act, "a:body/a:paragraph") == ["para_1", "para_2", "para_3"], lang
    assert eids(act, "a:body/a:paragraph[2]/a:point") == ["para_2__point_1", "para_2__point_2"], lang
    assert act.xpath("string(a:preamble/a:p)", namespaces=NS).endswith(
        {"kaz": "БҰЙЫРАМЫН:", "rus": "ПРИКАЗЫВАЮ:", "eng": "I HEREBY ORDER:"}[lang])
    assert eids(act, "a:attachments/a:attachment/a:doc/a:mainBody/a:paragraph") == ["att_1__para_1", "att_1__para_2"]
    assert act.xpath("count(a:conclusions//a:signature)", namespaces=NS) == 1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_unnumbered_sentence_after_the_formula_and_a_draft_law_attachment(built, lang):
    tree = built("decree-draft")[lang]
    act = tree.getroot()[0]
    paragraphs = act.xpath("a:body/a:paragraph", namespaces=NS)
    assert [p.get("eId") for p in paragraphs] == ["para_1"] and paragraphs[0].xpath("a:num", namespaces=NS) == []
    head = act.xpath("a:attachments/a:attachment/a:doc/a:preface/a:p[@class='attachmentHead']", namespaces=NS)
    assert [p.text for p in head] == {"kaz": ["Жоба", "Қазақстан Республикасының Заңы"],
                                      "rus": ["Проект", "Закон Республики Казахстан"],
                                      "eng": ["Draft", "Law of the Republic of Kazakhstan"]}[lang]
    assert act.xpath("string(a:attachments//a:docTitle)", namespaces=NS) == \
        {"kaz": "Үлгі тізілімдері туралы", "rus": "О примерных реестрах", "eng": "On sample registers"}[lang]
    assert eids(act, "a:attachments/a:attachment/a:doc/a:mainBody/a:article") == ["att_1__art_1", "att_1__art_2"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_ruling_without_title_line_takes_the_title_from_act_toml(built, lang):
    titles = {"kaz": "Конституцияның 4-бабын ресми түсіндіру туралы",
              "rus": "Об официальном толковании статьи 4 Конституции",
              "eng": "On the official interpretation of Article 4 of the Constitution"}
    tree = built("ruling")[lang]
    act = tree.getroot()[0]
    assert act.xpath("string(.//a:FRBRWork/a:FRBRname/@value)", namespaces=NS) == titles[lang]
    # The text has no title line, so none is invented in it.
    assert act.xpath(".//a:docTitle", namespaces=NS) == []
    assert act.xpath("string(.//a:docDate/@date)", namespaces=NS) == "1996-07-08", lang
    assert act.xpath("string(.//a:docNumber)", namespaces=NS) == "2/1", lang
    assert eids(act, "a:body/a:paragraph") == ["para_1", "para_2"], lang
    assert act.xpath("count(a:conclusions//a:eol)", namespaces=NS) == 2, lang


def test_ruling_doc_type_names_the_council(built):
    assert built("ruling")["kaz"].xpath("string(//a:docType)", namespaces=NS) == \
        "Қазақстан Республикасы Конституциялық Кеңесінің Қаулысы"


def test_no_title_line_and_no_title_in_act_toml_is_refused(tmp_path):
    text = (ACTS / "ruling" / "rus.txt").read_text(encoding="utf-8")
    facts = (ACTS / "ruling" / "act.toml").read_text(encoding="utf-8").split("\n[title]")[0]
    facts = facts.replace('languages = ["kaz", "rus", "eng"]', 'languages = ["rus"]').replace(
        'master_language = "kaz"', 'master_language = "rus"')
    folder = write_source(tmp_path / "ruling", {"rus": text}, facts)
    with pytest.raises(InputError) as caught:
        build_folder(folder, tmp_path / "out")
    assert [(f.code, Path(f.file).name, f.line) for f in caught.value.findings] == [("P122", "rus.txt", 1)]
    assert not (tmp_path / "out" / "ruling").exists() or not any((tmp_path / "out" / "ruling").iterdir())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_repealed_code_keeps_its_own_date_and_number_and_records_the_repeal(built, lang):
    tree = built("repealed-code")[lang]
    act = tree.getroot()[0]
    title_p = act.xpath("a:preface/a:longTitle/a:p[2]", namespaces=NS)[0]
    assert title_p.xpath("string(a:docDate/@date)", namespaces=NS) == "1997-07-16", lang
    assert title_p.xpath("string(a:docNumber)", namespaces=NS) == "167", lang
    assert title_p.xpath("string(a:ref/@href)", namespaces=NS) == "/akn/kz/act/code/2014-07-03/226-V"
    assert title_p.xpath("string(a:ref/a:date/@date)", namespaces=NS) == "2014-07-03"
    events = act.xpath("a:meta/a:lifecycle/a:eventRef", namespaces=NS)
    assert [(e.get("type"), e.get("date"), e.get("source")) for e in events] == [
        ("generation", "1997-07-16", "#original"), ("repeal", "2014-07-03", "#repeal")], lang
    refs = {r.get("eId"): r.get("href") for r in act.xpath(".//a:TLCReference", namespaces=NS)}
    assert refs == {"original": "/akn/kz/act/code/1997-07-16/167", "repeal": "/akn/kz/act/code/2014-07-03/226-V"}
    status = act.xpath("a:meta/a:proprietary/*", namespaces=NS)[0].get("status")
    assert status == "repealed", lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_header_service_note_contents_block_and_status_combination(built, lang):
    tree = built("repealed-code")[lang]
    act = tree.getroot()[0]
    # The service note before the text is on the document, not on Chapter 1.
    assert act.xpath("a:preface/a:longTitle//a:noteRef/@class", namespaces=NS) == ["service"], lang
    assert act.xpath("a:body//a:noteRef", namespaces=NS) == [], lang
    toc = act.xpath("a:preface/a:toc/a:tocItem", namespaces=NS)
    assert [(i.get("href"), i.get("level")) for i in toc] == [
        ("#chp_1", "1"), ("#art_1", "2"), ("#art_2", "2"), ("#chp_2", "1"), ("#art_3", "2")], lang
    # Listed in the contents, each unit still exists once in the body.
    assert eids(act, "a:body//a:article") == ["art_1", "art_2", "art_3"], lang
    lines = [el.text for el in act.xpath("a:meta/a:proprietary/*/*", namespaces=NS)]
    assert lines[0] in ("Утративший силу Архивная версия", "Күшін жойған Мұрағаттық версия",
                        "Invalidated Unofficial translation"), lang


@pytest.mark.parametrize("lang, line, date, number", [
    ("rus", "Кодекс Республики Казахстан от 16 июля 1997 года № 167. "
            "Утратил силу Кодексом РК от 3 июля 2014 года № 226-V.",
     "1997-07-16", "167"),
    ("kaz", "Қазақстан Республикасының 1997 жылғы 16 шілдедегі N 167 Кодексі. "
            "Күші жойылды - ҚР 2014 жылғы 3 шілдедегі № 226-V Кодексімен.",
     "1997-07-16", "167"),
    ("eng", "Code of the Republic of Kazakhstan dated July 16, 1997 № 167. "
            "Expired by the Code of the Republic of Kazakhstan dated July 3, 2014 № 226-V.",
     "1997-07-16", "167"),
])
def test_repeal_clause_never_lends_its_date_or_number(lang, line, date, number):
    act = parse_text(f"Название\n\n{line}\n\nСтатья 1. Текст.\n" if lang == "rus" else
                     f"Title\n\n{line}\n\n" + ("1-бап. Мәтін.\n" if lang == "kaz" else "Article 1. Text.\n"),
                     load_profile(lang))
    assert (act.meta_line.date.value, act.meta_line.number.value) == (date, number)
    assert (act.repeal.date.value, act.repeal.number.value, act.repeal.subtype) == ("2014-07-03", "226-V", "code")
    assert act.status == "repealed"


def test_text_with_nothing_that_reads_as_a_body_is_still_p105():
    text = dedent("""
        Заголовок

        Просто строка текста без единой метки.
        """)
    with pytest.raises(ParseError) as caught:
        parse_text(text, load_profile("rus"))
    [finding] = caught.value.findings
    assert finding.code == "P105" and "--lang" not in finding.message


def test_p105_names_lang_only_when_another_profile_reads_the_text():
    text = (ACTS / "repealed-code" / "eng.txt").read_text(encoding="utf-8")
    with pytest.raises(ParseError) as caught:
        parse_text(text, load_profile("kaz"))
    [finding] = [f for f in caught.value.findings if f.code == "P105"]
    assert "--lang eng" in finding.message


def test_akn_parse_shows_the_status():
    result = CliRunner().invoke(main, ["parse", str(ACTS / "repealed-code" / "rus.txt")])
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == \
        "status  repealed: Утратил силу Кодексом Республики Казахстан от 3 июля 2014 года № 226-V."


def test_akn_parse_shows_the_attachments():
    result = CliRunner().invoke(main, ["parse", str(ACTS / "resolution" / "eng.txt")])
    assert "attachment 2  The list of decisions of the Government of the Republic of Kazakhstan no longer in force" \
        in result.output


def test_unnumbered_sentence_beside_numbered_paragraphs_gets_its_own_eid(tmp_path):
    text = dedent("""
        Об утверждении примера

        Постановление Правительства Республики Казахстан от 3 февраля 2001 года № 12-II.

              Правительство Республики Казахстан ПОСТАНОВЛЯЕТ:

              Утвердить следующее.

              1. Первое положение.

              2. Второе положение.
        """)
    folder = write_source(tmp_path / "mixed", {"rus": text})
    tree = etree.parse(str(build_folder(folder, tmp_path / "out").outputs["rus"]))
    assert eids(tree, "/a:akomaNtoso/a:act/a:body/a:paragraph") == ["para_nn1", "para_1", "para_2"]


@pytest.mark.parametrize("lossless", [False, True], ids=["plain", "lossless"])
def test_the_reader_carries_the_attachments(outputs, lossless):
    from aknkit.akn.read import read_akn

    act = read_akn(str(outputs("resolution")["rus"]), lossless=lossless).act
    assert [a.doc.title.text for a in act.attachments] == [
        "Правила ведения примерного реестра",
        "Перечень утративших силу решений Правительства Республики Казахстан"]
    assert act.attachments[1].head[0].text == "Приложение 2"
    assert [u.num for u in act.attachments[0].doc.body] == ["1", "2"]


def test_the_page_carries_the_attachments(outputs):
    from aknkit.html.document import render_bytes

    path = outputs("resolution")["rus"]
    page = render_bytes(path.read_bytes(), str(path))
    assert '<section class="attachment" id="att_1">' in page and 'id="att_2"' in page
    assert 'id="att_1__chp_1__para_2__point_1"' in page


def test_the_reader_carries_the_status(outputs):
    from aknkit.akn.read import read_akn

    assert read_akn(str(outputs("repealed-code")["eng"])).act.status == "repealed"


def test_the_page_shows_the_status(outputs):
    from aknkit.html.document import render_bytes

    repealed = outputs("repealed-code")["eng"]
    assert "<dt>Status</dt><dd>repealed</dd>" in render_bytes(repealed.read_bytes(), str(repealed))


@pytest.mark.parametrize("lang, line, date, number, doc_type", [
    ("kaz", "Қазақстан Республикасының Конституциялық Кеңесiнiң Қаулысы 1999 жылғы 4 наурыздағы N 7/2",
     "1999-03-04", "7/2", "Қазақстан Республикасының Конституциялық Кеңесiнiң Қаулысы"),
    ("kaz", "Қазақстан Республикасы Конституциялық Кеңесінің 2015 жылғы 6 мамырдағы № 4 нормативтік қаулысы",
     "2015-05-06", "4", "нормативтік қаулысы"),
    ("rus", "Приказ Министра примеров Республики Казахстан от 2 марта 2018 года № 77. "
            "Зарегистрирован в Министерстве юстиции Республики Казахстан 9 апреля 2018 года № 16700.",
     "2018-03-02", "77", "Приказ Министра примеров Республики Казахстан"),
    ("eng", "Order № 77 Minister of Samples of the Republic of Kazakhstan dated March 2, 2018. "
            "Registered with the Ministry of Justice of the Republic of Kazakhstan on April 9, 2018 № 16700",
     "2018-03-02", "77", "Order"),
    ("eng", "The Order of the Chairman of the Agency for Samples No. 12 dated May 3, 2017. "
            "It was registered with the Ministry of Justice of the Republic of Kazakhstan on June 1, 2017 No. 15201.",
     "2017-05-03", "12", "Order of the Chairman of the Agency for Samples"),
])
def test_type_first_and_registered_type_date_lines(lang, line, date, number, doc_type):
    """The act's own date and number, never the registration's."""
    from aknkit.text.parse import Line, match_meta

    profile = load_profile(lang)
    meta = match_meta(Line(1, line, profile.normalise(line), False), profile)
    assert (meta.date.value, meta.number.value, line[meta.doc_type.start:meta.doc_type.end]) == \
        (date, number, doc_type)
    assert meta.repeal is None


@pytest.mark.parametrize("lang, formula, meta", [
    ("rus", "ИМЕНЕМ РЕСПУБЛИКИ КАЗАХСТАН",
     "Постановление Конституционного Суда Республики Казахстан от 5 мая 2023 года № 9."),
    ("kaz", "ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ АТЫНАН",
     "Қазақстан Республикасы Конституциялық Сотының 2023 жылғы 5 мамырдағы № 9 нормативтік қаулысы."),
    ("eng", "ON BEHALF OF THE REPUBLIC OF KAZAKHSTAN",
     "Resolution of the Constitutional Court of the Republic of Kazakhstan dated May 5, 2023 № 9."),
])
def test_a_court_formula_first_is_no_title(lang, formula, meta):
    resolves = dict(rus="Суд ПОСТАНОВЛЯЕТ:", kaz="Сот ҚАУЛЫ ЕТЕДІ:", eng="The Court HEREBY RESOLVES:")[lang]
    first = dict(rus="Текст.", kaz="Мәтін.", eng="Text.")[lang]
    text = f"{formula}\n\n{meta}\n\n      {resolves}\n\n      1. {first}\n"
    act = parse_text(text, load_profile(lang))
    assert act.title is None
    assert [(e.kind, e.text) for e in act.envelope] == [("issuer", formula)]
    assert (act.meta_line.date.value, act.meta_line.number.value) == ("2023-05-05", "9")
    assert [u.eid or u.num for u in act.body] == ["1"]


_MONTHS = {
    "rus": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
            "октября", "ноября", "декабря"],
    "kaz": ["қаңтардағы", "ақпандағы", "наурыздағы", "сәуірдегі", "мамырдағы", "маусымдағы", "шілдедегі",
            "тамыздағы", "қыркүйектегі", "қазандағы", "қарашадағы", "желтоқсандағы"],
    "eng": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December"],
}


def _written(lang: str, day) -> str:
    month = _MONTHS[lang][day.month - 1]
    return {"rus": f"{day.day} {month} {day.year} года", "kaz": f"{day.year} жылғы {day.day} {month}",
            "eng": f"{month} {day.day}, {day.year}"}[lang]


def _repealed_line(lang: str, own, own_number: str, later, later_number: str) -> str:
    if lang == "rus":
        return (f"Закон Республики Казахстан от {_written(lang, own)} № {own_number}. "
                f"Утратил силу Законом РК от {_written(lang, later)} № {later_number}.")
    if lang == "kaz":
        return (f"Қазақстан Республикасының {_written(lang, own)} № {own_number} Заңы. "
                f"Күші жойылды - Қазақстан Республикасының {_written(lang, later)} № {later_number} Заңымен.")
    return (f"The Law of the Republic of Kazakhstan dated {_written(lang, own)} № {own_number}. "
            f"Expired by the Law of the Republic of Kazakhstan dated {_written(lang, later)} № {later_number}.")


_NUMBERS = st.from_regex(r"[1-9][0-9]{0,3}(?:-[IVX]{1,3})?", fullmatch=True)
_DATES = st.dates(min_value=_dt.date(1991, 1, 1), max_value=_dt.date(2030, 12, 31))


@settings(max_examples=60)
@given(lang=st.sampled_from(LANGUAGES), own=_DATES, own_number=_NUMBERS, later=_DATES, later_number=_NUMBERS)
def test_any_repealed_type_date_line_keeps_the_acts_own_date_and_number(lang, own, own_number, later, later_number):
    from aknkit.text.parse import Line, match_meta

    profile = load_profile(lang)
    line = _repealed_line(lang, own, own_number, later, later_number)
    meta = match_meta(Line(1, line, profile.normalise(line), False), profile)
    assert (meta.date.value, meta.number.value) == (own.isoformat(), own_number)
    assert (meta.repeal.date.value, meta.repeal.number.value, meta.repeal.subtype) == \
        (later.isoformat(), later_number, "law")
