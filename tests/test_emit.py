"""The model written as Akoma Ntoso 3.0: schema-valid, named by the convention."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from aknkit import parse_text, serialise, to_akn
from aknkit.akn.ids import assign_eids, assign_wids, eid_number, number_key, parse_iri, work_iri
from aknkit.akn.schema import AKN_NS, lxml_schema
from aknkit.model import Party, Work
from helpers import dedent

NS = {"a": AKN_NS}
SIGNATORY = Party("kassym-jomart-tokayev", "Kassym-Jomart Tokayev", "president", "President")
PLACE = Party("astana", "Astana")
WORK = Work(country="kz", doctype="act", date=__import__("datetime").date(2001, 2, 3), number="12-II",
            subtype="law", author=Party("parliament", "Parliament"), master_language="rus")

RUS = dedent("""
    О примере

    Закон Республики Казахстан от 3 февраля 2001 года № 12-II.

          Сноска. Заголовок изменен.

          Преамбула.

    Раздел 1. Общая часть

    Глава 1. Основы

    Статья 1. Понятия

          В настоящем Законе:

          1) первое;

          2) второе.

          Заключительная фраза.

    Статья 1-1. Вставленная статья.

    Глава 2. Разное

    Статья 2. Исключена Законом РК от 01.02.2003 № 5.

          Сноска. Статья 2 исключена.

    Раздел 2. Другая часть

    Глава 1. Снова первая

    Статья 3.
          1. Один.
          2. Два.

          Президент
          Республики Казахстан                      К. ТОКАЕВ

          Астана, 3 февраля 2001 года
          № 12-II
    """)


def emitted(text: str = RUS, lang: str = "rus", master=None) -> etree._ElementTree:
    act = parse_text(text, lang, source=f"{lang}.txt")
    act.work, act.signatory, act.place = WORK, SIGNATORY, PLACE
    assign_eids(act)
    if master is not None:
        assign_wids(act, master)
    return etree.ElementTree(etree.fromstring(serialise(to_akn(act))))


def test_document_is_valid_against_the_official_schema():
    tree = emitted()
    schema = lxml_schema()
    assert schema.validate(tree), schema.error_log


def test_eids_follow_the_naming_convention():
    tree = emitted()
    eids = [e.get("eId") for e in tree.iter() if e.get("eId")]
    assert len(eids) == len(set(eids))
    kinds = {"section", "chapter", "article", "paragraph", "point"}
    units = [e.get("eId") for e in tree.getroot().iterfind(".//a:body//*[@eId]", NS)
             if etree.QName(e).localname in kinds]
    assert units == [
        "sec_1", "sec_1__chp_1", "art_1", "art_1__point_1", "art_1__point_2", "art_1-1",
        "sec_1__chp_2", "art_2", "sec_2", "sec_2__chp_1", "art_3", "art_3__para_1", "art_3__para_2",
    ], "chapters restart per section, so the section is their context; articles run through"
    assert all(re.fullmatch(r"[a-z]+(_[\w-]+)?(__[a-z]+(_[\w-]+)?)*", e) for e in units)
    art1 = tree.find(".//a:article[@eId='art_1']", NS)
    assert art1.find("a:heading", NS).get("eId") == "art_1__heading"
    assert art1.find("a:intro", NS).get("eId") == "art_1__intro"
    assert art1.find("a:wrapUp", NS).get("eId") == "art_1__wrapup"
    assert tree.find(".//a:article[@eId='art_1-1']/a:content", NS).get("eId") == "art_1-1__content"


def test_emitted_document_passes_level_2_conformance():
    from aknkit.validate import check_tree

    assert check_tree(emitted(), "rus.xml", level=2) == []


def test_frbr_identification():
    tree = emitted()
    value = lambda path: tree.find(path, NS).get("value")  # noqa: E731
    work = "/akn/kz/act/law/2001-02-03/12-II"
    assert value(".//a:FRBRWork/a:FRBRuri") == work
    assert value(".//a:FRBRWork/a:FRBRthis") == work + "/!main"
    assert value(".//a:FRBRExpression/a:FRBRuri") == work + "/rus@2001-02-03"
    assert value(".//a:FRBRManifestation/a:FRBRthis") == work + "/rus@2001-02-03/!main.xml"
    assert value(".//a:FRBRManifestation/a:FRBRuri") == work + "/rus@2001-02-03.xml"
    assert tree.find(".//a:FRBRlanguage", NS).get("language") == "rus"
    assert tree.find(".//a:FRBRmasterExpression", NS) is None, "rus is the master here"
    iri = parse_iri(value(".//a:FRBRManifestation/a:FRBRthis"))
    assert (iri.country, iri.subtype, iri.date, iri.number, iri.language, iri.component, iri.format) == (
        "kz", "law", "2001-02-03", "12-II", "rus", "main", "xml")


def test_preface_marks_up_type_date_and_number():
    tree = emitted()
    long_title = tree.find(".//a:preface/a:longTitle", NS)
    assert long_title.find(".//a:docTitle", NS).text == "О примере"
    assert long_title.find(".//a:docType", NS).text == "Закон Республики Казахстан"
    assert long_title.find(".//a:docDate", NS).get("date") == "2001-02-03"
    assert long_title.find(".//a:docNumber", NS).text == "12-II"


def test_intro_points_and_wrapup():
    tree = emitted()
    art1 = tree.find(".//a:article[@eId='art_1']", NS)
    assert [etree.QName(c).localname for c in art1] == ["num", "heading", "intro", "point", "point", "wrapUp"]


def test_a_repealed_unit_and_its_note():
    tree = emitted()
    art2 = tree.find(".//a:article[@eId='art_2']", NS)
    assert art2.get("status") == "removed"
    note_ref = art2.find("a:num/a:noteRef", NS)
    note = tree.find(f".//a:meta/a:notes/a:note[@eId='{note_ref.get('href')[1:]}']", NS)
    assert note.findtext("a:p", namespaces=NS) == "Сноска. Статья 2 исключена."


def test_a_document_level_footnote_is_referenced_from_the_title():
    doc_note = emitted().find(".//a:longTitle/a:p/a:noteRef", NS)
    assert doc_note is not None, "a document-level footnote is referenced from the title"


def test_conclusions_carry_signature_place_date_and_number():
    tree = emitted()
    conclusions = tree.find(".//a:conclusions", NS)
    assert conclusions.find(".//a:signature/a:person", NS).text == "К. ТОКАЕВ"
    assert "".join(conclusions.find(".//a:signature/a:role", NS).itertext()) == "ПрезидентРеспублики Казахстан"
    assert conclusions.find(".//a:location", NS).text == "Астана"
    assert conclusions.find(".//a:date", NS).get("date") == "2001-02-03"
    assert conclusions.find(".//a:docNumber", NS).text == "12-II"


def test_translation_gets_master_expression_and_wids_where_eids_differ():
    master = parse_text("О примере\n\nСтатья 1. Раз.\n\nСтатья 2. Два.\n", "rus")
    master.work = WORK
    assign_eids(master)
    # The English version numbers its second article with a Roman-free insert
    # number that maps to the same path; give it a different eId on purpose.
    eng = "On the Example\n\nArticle 1. One.\n\nArticle 2. Two.\n"
    act = parse_text(eng, "eng")
    act.work = WORK
    assign_eids(act)
    act.articles()[1].eid = "art_2a"
    assign_wids(act, master)
    tree = etree.ElementTree(etree.fromstring(serialise(to_akn(act))))
    assert tree.find(".//a:FRBRmasterExpression", NS).get("href") == "/akn/kz/act/law/2001-02-03/12-II/rus@2001-02-03"
    arts = tree.findall(".//a:article", NS)
    assert [(a.get("eId"), a.get("wId")) for a in arts] == [("art_1", None), ("art_2a", "art_2")]


def test_same_model_gives_identical_bytes():
    assert serialise(emitted()) == serialise(emitted())


def test_indentation_never_enters_running_text():
    data = serialise(emitted()).decode()
    assert "<p><docTitle>О примере</docTitle>" in data
    assert re.search(r"<num>Статья 1\.</num>", data)


@pytest.mark.parametrize("num,expected", [("1.", "1"), ("10-1", "10-1"), ("11.2 bis", "11-2bis"),
                                          ("1)", "1"), ("I", "I"), ("2/1", "2-1"), ("(a)", "a")])
def test_eid_number(num, expected):
    assert eid_number(num) == expected


def test_number_key_reads_roman():
    assert number_key("IV") == number_key("4")


def test_number_key_orders_inserts():
    assert number_key("10") < number_key("10-1") < number_key("11")


def test_number_key_tells_letters_apart():
    assert number_key("а") != number_key("б")


def test_work_iri_without_subtype_and_with_slash_number():
    work = Work(country="kz", doctype="act", date=WORK.date, number="2/1")
    assert work_iri(work) == "/akn/kz/act/2001-02-03/2-1"


def test_signature_without_signatory_facts_stays_plain_text():
    act = parse_text(RUS, "rus")
    act.work = WORK
    assign_eids(act)
    tree = etree.ElementTree(etree.fromstring(serialise(to_akn(act))))
    assert lxml_schema().validate(tree), lxml_schema().error_log
    signature = tree.find(".//a:signature", NS)
    assert signature.find("a:person", NS) is None
    assert "К. ТОКАЕВ" in "".join(signature.itertext())
    assert tree.find(".//a:conclusions//a:location", NS) is None


def test_signature_block_of_a_text_parts_at_the_role_after_a_name():
    """A text does not mark signatures: a role line after a line naming a signer
    begins the next one; every writer takes the same parts."""
    act = parse_text(RUS.replace("К. ТОКАЕВ", "К. ТОКАЕВ\n      Председатель Сената             М. АШИМБАЕВ"), "rus")
    parts = act.signature_block()
    assert [type(part).__name__ for part in parts] == ["Signature", "Signature", "ConclusionLine", "ConclusionLine"]
    assert [(part.roles, part.names) for part in parts[:2]] == [
        (["Президент", "Республики Казахстан"], ["К. ТОКАЕВ"]), (["Председатель Сената"], ["М. АШИМБАЕВ"])]
    act.work, act.signatory = WORK, SIGNATORY
    assign_eids(act)
    tree = etree.ElementTree(etree.fromstring(serialise(to_akn(act))))
    signatures = tree.findall(".//a:conclusions/a:p/a:signature", NS)
    names = [[person.text for person in signature.findall("a:person", NS)] for signature in signatures]
    assert names == [["К. ТОКАЕВ"], ["М. АШИМБАЕВ"]]


def test_iri_with_a_portion():
    assert parse_iri("/akn/kz/act/2001-02-03/12-II/~art_5").portion == "art_5"


def test_body_element_refs():
    from aknkit.akn.ids import element_ref

    assert {element_ref(n) for n in ("mainBody", "debateBody", "judgmentBody")} == {"body"}


def test_lettered_items_are_nested_points_and_valid():
    from aknkit.validate import check_tree

    text = dedent("""
        О примере

        Статья 1. Понятия

              В настоящем Законе:

              1) первое:

              а) вариант один;

              б) вариант два;

              2) второе.
        """)
    tree = emitted(text)
    assert check_tree(tree, "rus.xml", level=2) == []
    point = tree.find(".//a:point[@eId='art_1__point_1']", NS)
    assert [p.get("eId") for p in point.findall("a:point", NS)] == [
        "art_1__point_1__point_а", "art_1__point_1__point_б"]
    assert point.find("a:point/a:num", NS).text == "а)"
