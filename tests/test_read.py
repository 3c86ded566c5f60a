"""Reading Akoma Ntoso documents (ours and other producers') back into the model."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest

from aknkit.akn.read import AknReadError, normalised_num, read_akn, read_akn_bytes

FIXTURES = Path(__file__).parent / "fixtures" / "diff"
BASE = FIXTURES / "base"


def _akn(body: str, *, namespace: str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0",
         work: str | None = None, expression: str | None = None, id_attr: str = "eId") -> bytes:
    work = work if work is not None else """
        <FRBRWork>
          <FRBRthis value="/akn/fr/act/2004-03-15/228/!main"/>
          <FRBRuri value="/akn/fr/act/2004-03-15/228"/>
          <FRBRdate date="2004-03-15" name="enactment"/>
          <FRBRauthor href="#parliament"/>
          <FRBRcountry value="fr"/>
        </FRBRWork>"""
    expression = expression if expression is not None else """
        <FRBRExpression>
          <FRBRthis value="/akn/fr/act/2004-03-15/228/fra@/!main"/>
          <FRBRuri value="/akn/fr/act/2004-03-15/228/fra@"/>
          <FRBRdate date="2004-03-15" name="publication"/>
          <FRBRauthor href="#parliament"/>
          <FRBRlanguage language="fra"/>
        </FRBRExpression>"""
    body = body.replace("eId=", f"{id_attr}=")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="{namespace}">
  <act>
    <meta>
      <identification source="#x">{work}{expression}
      </identification>
    </meta>
    <body>{body}
    </body>
  </act>
</akomaNtoso>
""".encode()


def test_work_facts_language_and_master_expression():
    document = read_akn(str(BASE / "eng.xml"))
    act = document.act
    assert act.language == "eng"
    assert act.work.country == "kz"
    assert act.work.doctype == "act"
    assert act.work.subtype == "law"
    assert act.work.date == _dt.date(2001, 5, 10)
    assert act.work.number == "42-II"
    assert act.work.master_language == "kaz"
    assert document.work_iri == "/akn/kz/act/law/2001-05-10/42-II"
    assert document.expression_iri == "/akn/kz/act/law/2001-05-10/42-II/eng@"
    assert document.warnings == []


def test_master_expression_has_no_master():
    act = read_akn(str(BASE / "kaz.xml")).act
    assert act.language == "kaz"
    assert act.work.master_language is None


def test_title_meta_line_and_preamble():
    act = read_akn(str(BASE / "rus.xml")).act
    assert act.title.text == "О публичных библиотеках"
    assert act.meta_line.date.value == "2001-05-10"
    assert act.meta_line.number.value == "42-II"
    assert act.meta_line.text[act.meta_line.date.start:act.meta_line.date.end] == "10 мая 2001 года"
    assert [b.text for b in act.preamble] == [
        "Настоящий Закон определяет правовые основы деятельности публичных библиотек.",
        "Он служит праву каждого на информацию.",
    ]
    assert act.preamble[0].loc.line == 37


def test_units_with_numbers_headings_text_ids_and_lines():
    act = read_akn(str(BASE / "kaz.xml")).act
    units = list(act.units())
    assert [(u.kind, u.num, u.eid) for u in units[:4]] == [
        ("chapter", "1", "chp_1"), ("article", "1", "art_1"),
        ("article", "2", "art_2"), ("paragraph", "1", "art_2__para_1"),
    ]
    article = units[1]
    assert article.label == "1-бап."
    assert article.heading.text == "Қолданылу аясы"
    assert [b.text for b in article.intro] == [
        "Осы Заң 1995 жылғы 1 қаңтардан кейін ашылған кітапханаларға қолданылады."]
    assert article.loc.file == str(BASE / "kaz.xml")
    assert article.loc.line == 43
    article3 = next(u for u in units if u.eid == "art_3")
    assert [b.text for b in article3.intro] == ["Кітапханалар тегін ұсынады:"]
    assert [(c.kind, c.num, c.label) for c in article3.children] == [
        ("point", "1", "1)"), ("point", "2", "2)"), ("point", "3", "3)")]


def test_wid_is_read():
    act = read_akn(str(FIXTURES / "akn" / "renumbered-with-wid" / "eng.xml")).act
    article = next(u for u in act.units() if u.wid == "art_4")
    assert (article.eid, article.num) == ("art_5", "5")


@pytest.mark.parametrize("printed, number", [
    ("Article 10-1.", "10-1"), ("Статья 5.", "5"), ("12-бап.", "12"), ("1.", "1"),
    ("3)", "3"), ("Chapter IV", "IV"), ("Глава ІV", "IV"), ("а)", "а"), ("b)", "b"),
    ("§ 3", "3"), ("Art. 11.2 bis", "11.2bis"), ("", None),
])
def test_printed_numbers_are_normalised(printed, number):
    assert normalised_num(printed) == number


def test_editorial_notes_are_kept_out_of_the_text():
    data = _akn("""
      <article eId="art_1"><num>Article 1</num>
        <content><p>Text of the law.<authorialNote marker="1"
          eId="art_1__note_1"><p>Amended on 1 May 2010.</p></authorialNote></p></content>
      </article>""")
    unit = read_akn_bytes(data, "fra.xml").act.body[0]
    assert [b.text for b in unit.intro] == ["Text of the law."]
    assert [n.text for n in unit.notes] == ["Amended on 1 May 2010."]


def test_foreign_document_without_eids_or_preface():
    data = _akn("""
      <section><num>Section I</num><heading>General</heading>
        <article><num>Art. 1</num><content><p>One.</p></content></article>
      </section>""")
    document = read_akn_bytes(data, "fra.xml")
    section = document.act.body[0]
    assert (section.kind, section.num, section.eid, section.heading.text) == ("section", "I", None, "General")
    assert section.children[0].num == "1"
    assert document.work_iri == "/akn/fr/act/2004-03-15/228"
    assert document.act.work.number == "228"  # from the IRI: FRBRnumber is optional


def test_akn_2_namespace_is_read_with_a_warning():
    data = _akn('<article eId="art_1"><num>1.</num><content><p>Old.</p></content></article>',
                namespace="http://www.akomantoso.org/2.0", id_attr="id")
    document = read_akn_bytes(data, "old.xml")
    assert document.act.body[0].eid == "art_1"
    assert [w.code for w in document.warnings] == ["R201"]
    assert "http://www.akomantoso.org/2.0" in document.warnings[0].message
    assert document.warnings[0].file == "old.xml"


@pytest.mark.parametrize("lossless", [False, True], ids=["plain", "lossless"])
def test_each_signature_element_is_one_signature_wherever_it_stands(lossless):
    # Two signatures on one line, without names: each element is still its own.
    two = "".join(f"<signature><organization>For the {body}</organization> <role>The President</role></signature>"
                  for body in ("Parliament", "Council"))
    conclusions = f"""<conclusions>
      <p>Done at <location refersTo="#bru">Brussels</location>,</p>
      <blockContainer><p>{two}</p></blockContainer>
      <p><signature><role>Minister</role> <person refersTo="#x">A. B.</person></signature></p>
    </conclusions>""".encode()
    data = _akn("").replace(b"</body>", b"</body>" + conclusions)
    parts = read_akn_bytes(data, "x.xml", lossless=lossless).act.signature_block()
    assert [type(part).__name__ for part in parts] == ["ConclusionLine", "Signature", "Signature", "Signature"]
    assert [(part.roles, part.names) for part in parts[1:]] == [
        (["For the Parliament The President"], []), (["For the Council The President"], []),
        (["Minister"], ["A. B."])]


def test_repealed_status():
    data = _akn('<article eId="art_1" status="removed"><num>1.</num><content><p>(excluded)</p></content></article>')
    assert read_akn_bytes(data, "x.xml").act.body[0].status == "removed"


@pytest.mark.parametrize("data, code, line, words", [
    (b"<akomaNtoso><act>", "AKN001", 1, "not well-formed"),
    (b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n<x/>', "AKN002", 2, "document type"),
    (b"", "AKN004", None, "empty"),
    (b"<html><body/></html>", "AKN011", 1, "root element is <html> in no namespace"),
    (b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"/>', "R102", 1, "empty"),
])
def test_unreadable_documents_fail_with_located_messages(data, code, line, words):
    with pytest.raises(AknReadError) as caught:
        read_akn_bytes(data, "bad.xml")
    error = caught.value
    assert (error.code, error.line) == (code, line)
    assert words in error.message
    assert str(error).startswith("bad.xml")


def test_missing_frbr_work():
    data = _akn("", work="", expression="")
    with pytest.raises(AknReadError) as caught:
        read_akn_bytes(data, "x.xml")
    assert caught.value.code == "R103"
    assert "FRBRWork" in str(caught.value)
    assert caught.value.line == 3


def test_bad_work_date_names_the_line():
    work = """
        <FRBRWork>
          <FRBRthis value="/akn/fr/act/2004/228/!main"/>
          <FRBRuri value="/akn/fr/act/2004/228"/>
          <FRBRdate date="15.03.2004" name="enactment"/>
          <FRBRauthor href="#p"/>
          <FRBRcountry value="fr"/>
        </FRBRWork>"""
    with pytest.raises(AknReadError) as caught:
        read_akn_bytes(_akn("", work=work), "x.xml")
    assert caught.value.code == "R104"
    assert str(caught.value) == "x.xml:9: FRBRdate/@date '15.03.2004' is not a date; expected YYYY-MM-DD"


def test_missing_language():
    expression = """
        <FRBRExpression>
          <FRBRthis value="/akn/fr/act/2004-03-15/228/!main"/>
          <FRBRuri value="/akn/fr/act/2004-03-15/228"/>
          <FRBRdate date="2004-03-15" name="publication"/>
          <FRBRauthor href="#p"/>
        </FRBRExpression>"""
    with pytest.raises(AknReadError) as caught:
        read_akn_bytes(_akn("", expression=expression), "x.xml")
    assert caught.value.code == "R105"
    assert "FRBRlanguage" in caught.value.message


def test_missing_file():
    with pytest.raises(AknReadError) as caught:
        read_akn("/nonexistent/eng.xml")
    assert caught.value.code == "AKN005"
    assert str(caught.value).startswith("/nonexistent/eng.xml: cannot read the file")


@pytest.mark.parametrize("language", ["kaz", "rus", "eng"])
def test_our_own_output_reads_back_as_the_parsed_model(tmp_path, language):
    """Text -> model -> AKN -> model keeps every unit, number, heading and paragraph."""
    from aknkit import read_source_folder, serialise, to_akn

    act = read_source_folder(FIXTURES / "text" / "base").acts[language]
    path = tmp_path / f"{language}.xml"
    path.write_bytes(serialise(to_akn(act)))
    back = read_akn(str(path)).act

    def shape(units):
        return [(u.kind, u.num, u.eid, u.wid, u.heading.text if u.heading else None,
                 [b.text for b in u.intro]) for u in units]

    assert shape(back.units()) == shape(act.units())
    assert [b.text for b in back.preamble] == [b.text for b in act.preamble]
    assert back.work.date == act.work.date and back.work.number == act.work.number
    assert back.language == language
