"""`akn unparse`: Akoma Ntoso back to the published text, the layout the parser reads.

Round trip: text -> AKN -> text -> AKN gives the same bytes, for the bundled
law (through the real commands), for the texts in tests/fixtures/unparse-corpus/
(the small laws of the parser's, emitter's and build's tests), and for the
editorial fixtures in tests/fixtures/texts/. Documents from other
producers unparse to readable text with their hierarchy, and no text of any
document is lost.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from aknkit import parse_text, serialise, to_akn
from aknkit.akn.emit import write_document
from aknkit.akn.ids import assign_eids
from aknkit.akn.read import read_akn
from aknkit.cli import main
from aknkit.findings import InputError
from aknkit.text.coverage import missing_text
from aknkit.text.profile import load_profile
from aknkit.text.unparse import unparse_act, unparse_bytes
from helpers import BUNDLED, LANGUAGES, OUTPUT, REPO, akn, assert_round_trip, write_source

TESTS = Path(__file__).parent
TEXTS = TESTS / "fixtures" / "texts"
VALIDATE_PASS = TESTS / "fixtures" / "validate" / "pass"
DIFF = TESTS / "fixtures" / "diff"
# <what>.<language>.txt, read as bytes: some keep the CR LF and BOM of real files.
CORPUS = sorted((TESTS / "fixtures" / "unparse-corpus").glob("*.txt"))


def run(*args: str):
    return CliRunner().invoke(main, list(args))


# --- round trip ------------------------------------------------------------------

def test_bundled_law_round_trips_through_the_commands(tmp_path):
    """build -> unparse every language -> build again: the same three files."""
    texts = tmp_path / "kz-1991-1007-XII"
    texts.mkdir()
    shutil.copy(BUNDLED / "act.toml", texts / "act.toml")
    for lang in LANGUAGES:
        result = run("unparse", str(OUTPUT / f"{lang}.xml"), "-o", str(texts / f"{lang}.txt"))
        assert result.exit_code == 0, result.output
    result = run("build", str(texts), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    for lang in LANGUAGES:
        assert (tmp_path / "out" / texts.name / f"{lang}.xml").read_bytes() == (OUTPUT / f"{lang}.xml").read_bytes()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_bundled_text_comes_back_nearly_as_published(lang):
    """Only blank lines and the blanks before a signer's name may differ."""
    unparsed = unparse_bytes((OUTPUT / f"{lang}.xml").read_bytes(), f"{lang}.xml")
    source = (BUNDLED / f"{lang}.txt").read_text(encoding="utf-8")

    def words(text):
        return sorted(" ".join(line.split()) for line in text.splitlines() if line.strip())

    assert words(unparsed) == words(source)


def test_the_corpus_provides_round_trip_cases():
    assert len(CORPUS) >= 25


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_every_corpus_text_round_trips(path):
    language = path.name.rsplit(".", 2)[1]
    assert_round_trip(path.read_bytes().decode("utf-8"), language)


@pytest.mark.parametrize("path", sorted(TEXTS.glob("*.txt")), ids=lambda p: p.name)
def test_editorial_fixtures_round_trip(path):
    lang = path.stem.rsplit("-", 1)[1]
    assert_round_trip(path.read_text(encoding="utf-8"), lang)


# Lossless reading keeps everything the emitter writes: emitting what was read
# gives the document again.

@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_bundled_documents_read_back_to_the_same_bytes(lang):
    document = read_akn(str(OUTPUT / f"{lang}.xml"), lossless=True)
    assert serialise(to_akn(document.act)) == (OUTPUT / f"{lang}.xml").read_bytes()


@pytest.mark.parametrize("path", sorted(TEXTS.glob("*.txt")), ids=lambda p: p.name)
def test_the_editorial_fixtures_read_back_to_the_same_bytes(path):
    lang = path.stem.rsplit("-", 1)[1]
    data = akn(path.read_text(encoding="utf-8"), lang)
    act = read_akn_from(data)
    assign_eids(act)
    assert serialise(to_akn(act)).decode() == data.decode(), path.name


def read_akn_from(data: bytes):
    from aknkit.akn.read import read_akn_bytes

    return read_akn_bytes(data, "x.xml", lossless=True).act


# --- the layout ------------------------------------------------------------------

@functools.cache
def unparsed_fixture(name: str) -> str:
    lang = name.rsplit("-", 1)[1]
    return unparse_bytes(akn((TEXTS / f"{name}.txt").read_text(encoding="utf-8"), lang), f"{name}.xml")


# Editorial material goes back where the parser expects it.

def test_source_comments_come_first_then_the_title():
    lines = unparsed_fixture("editorial-rus").splitlines()
    assert lines[0].startswith("# A law made up"), "source comments first"
    assert lines[2] == "О примере редакционных пометок", "then the title"


def test_a_service_note_announces_the_unit_after_it():
    text = unparsed_fixture("editorial-rus")
    assert text.index("Примечание ИЗПИ! Раздел 1") < text.index("Раздел 1. Общая часть")


def test_a_footnote_follows_its_unit():
    text = unparsed_fixture("editorial-rus")
    assert text.index("Глава 1\nОсновы") < text.index("Сноска. Глава 1") < text.index("Статья 1. Понятия")


def test_a_heading_that_reads_as_a_sentence_stays_under_the_label():
    # A chapter label without a period has its heading under it; a heading
    # that must not be read as a sentence stays under an article's label.
    assert "Статья 1-1\nВставленная статья" in unparsed_fixture("editorial-rus")


def test_an_excluded_article_keeps_its_text_beside_the_label():
    # That is what makes it excluded.
    assert "Статья 2. Исключена Законом РК" in unparsed_fixture("editorial-rus")


def test_excluded_wording_in_an_article_that_is_not_stays_below_the_label():
    assert "Статья 4.\n\n      Исключена Законом РК" in unparsed_fixture("editorial-rus")


def test_the_first_signer_stands_right_of_the_last_role():
    text = unparsed_fixture("editorial-rus")
    assert "      Верховного Совета" in text and "К. ТОКАЕВ" in text


def test_a_law_without_title_starts_with_what_announced_its_first_unit():
    source = ("Note of the RCLI! Article 1 enters into force on 01.01.2026.\n\n"
              "The Law of the Republic of Kazakhstan dated 3 February 2001 No. 12-II.\n\nArticle 1. One.\n")
    assert parse_text(source, "eng").title is None
    text = unparse_bytes(akn(source, "eng"), "eng.xml")
    assert text.lstrip().startswith("Note of the RCLI! Article 1"), "else the type/date line would become the title"
    assert_round_trip(source, "eng")


def test_a_heading_followed_by_the_next_article_goes_under_its_label():
    assert "Article 2\nDefinitions\n\nArticle 3." in unparsed_fixture("editorial-eng")


def test_text_is_kept_exactly_with_its_inner_blanks():
    text = unparsed_fixture("editorial-rus")
    assert "и его  второй абзац." in text


# --- documents from other producers ------------------------------------------------

FOREIGN = sorted(VALIDATE_PASS.glob("*.xml")) + sorted(DIFF.glob("base/*.xml")) + sorted(DIFF.glob("akn/*/*.xml"))


@pytest.mark.parametrize("path", FOREIGN, ids=lambda p: str(p.relative_to(TESTS / "fixtures")))
def test_every_document_unparses_without_losing_text(path):
    result = run("unparse", str(path), "--lang", "eng")
    assert result.exit_code == 0, result.output
    tree = etree.parse(str(path))
    assert missing_text(tree, result.output) == []


def test_foreign_hierarchy_is_readable_in_order():
    text = unparse_bytes((VALIDATE_PASS / "bill.xml").read_bytes(), "bill.xml", "eng")
    order = ["PART I Preliminary", "Interpretation", "1. Definitions", "(1) In this Act",
             '(a) "record" means', '(b) "archive" means', "(2) Section 2 applies", "PART II", "2. Records are kept"]
    positions = [text.index(piece) for piece in order]
    assert positions == sorted(positions)


def test_a_debate_keeps_its_sections_in_order():
    debate = unparse_bytes((VALIDATE_PASS / "debate.xml").read_bytes(), "debate.xml", "eng")
    assert debate.index("Opening of the sitting") < debate.index("The Speaker") < debate.index("Questions")


def test_a_judgment_keeps_its_sections():
    judgment = unparse_bytes((VALIDATE_PASS / "judgment.xml").read_bytes(), "judgment.xml", "eng")
    assert "appeal is upheld" in judgment and "Costs follow the result" in judgment


def _foreign_act(body: str, language: str) -> bytes:
    return f"""<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act name="law">
      <meta><identification source="#x"><FRBRWork><FRBRthis value="/akn/kz/act/2001-02-03/1/!main"/>
      <FRBRuri value="/akn/kz/act/2001-02-03/1"/><FRBRdate date="2001-02-03" name="x"/><FRBRauthor href="#x"/>
      <FRBRcountry value="kz"/></FRBRWork><FRBRExpression><FRBRthis value="/akn/kz/act/2001-02-03/1/{language}@/!main"/>
      <FRBRuri value="/akn/kz/act/2001-02-03/1/{language}@"/><FRBRdate date="2001-02-03" name="x"/>
      <FRBRauthor href="#x"/>
      <FRBRlanguage language="{language}"/></FRBRExpression></identification></meta>
      <preface><longTitle><p><docTitle>Title</docTitle></p></longTitle></preface>
      <body>{body}</body></act></akomaNtoso>""".encode()


@pytest.mark.parametrize("lang,chapter,article", [
    ("rus", "Глава 2.", "Статья 5."), ("kaz", "2-тарау.", "5-бап."), ("eng", "Chapter 2.", "Article 5."),
])
def test_bare_numbers_get_the_language_label_and_read_back_as_units(lang, chapter, article):
    data = _foreign_act('<chapter><num>2</num><heading>General</heading><article><num>5</num>'
                        '<content><p>Text of five.</p></content></article></chapter>', lang)
    text = unparse_bytes(data, "x.xml", lang)
    assert f"{chapter} General" in text and f"{article} Text of five." in text
    act = parse_text(text, lang)
    assert [(u.kind, u.num) for u in act.units()] == [("chapter", "2"), ("article", "5")]


def test_printed_labels_are_text_and_never_replaced():
    data = _foreign_act('<article><num>Art. 1</num><content><p>One.</p></content></article>', "eng")
    assert "Art. 1 One." in unparse_bytes(data, "x.xml", "eng")


ITALIAN = _foreign_act('<article><num>1</num><content><p>Uno.</p></content></article>', "ita")


def test_unknown_document_language_needs_a_layout():
    result = CliRunner().invoke(main, ["unparse", "-"], input=ITALIAN)
    assert result.exit_code == 2
    assert "unknown language 'ita'" in result.output and "--lang" in result.output


def test_lang_gives_a_document_in_an_unknown_language_a_layout():
    result = CliRunner().invoke(main, ["unparse", "-", "--lang", "eng"], input=ITALIAN)
    assert result.exit_code == 0 and "Article 1. Uno." in result.output


# --- no text lost -----------------------------------------------------------------

def unparsed_output(lang: str):
    """(the tree, the unparsed text) of the bundled law's ``lang`` document."""
    data = (OUTPUT / f"{lang}.xml").read_bytes()
    return etree.ElementTree(etree.fromstring(data)), unparse_bytes(data, f"{lang}.xml")


def test_the_unparsed_bundled_law_loses_nothing():
    tree, text = unparsed_output("rus")
    assert missing_text(tree, text) == []


def test_missing_text_names_the_element_line_of_every_lost_piece():
    tree, text = unparsed_output("rus")
    dropped = text.replace("Статья 7. ", "").replace("Сноска", "")
    lost = missing_text(tree, dropped)
    assert [piece for _, piece in lost] == ["Статья 7."]
    assert lost[0][0] == next(e.sourceline for e in tree.iter() if e.text == "Статья 7.")


def test_a_deleted_note_is_lost():
    tree, text = unparsed_output("rus")
    note = "# The title, chapter headings"
    without_note = "\n".join(line for line in text.splitlines() if not line.startswith(note))
    assert [piece[:len(note)] for _, piece in missing_text(tree, without_note)] == [note]


def test_a_piece_found_out_of_order_counts_as_moved():
    tree, text = unparsed_output("eng")
    first, second = "Article 1. ", "Article 2. "
    swapped = text.replace(first, "\0").replace(second, first).replace("\0", second)
    assert missing_text(tree, swapped) == [], "a piece found out of order counts as moved"


def test_a_deleted_label_is_lost():
    tree, text = unparsed_output("eng")
    assert missing_text(tree, text.replace("Article 18.", "")) != []


def test_unparse_refuses_to_lose_text(monkeypatch):
    import aknkit.text.unparse as unparse_module

    real = unparse_module.unparse_act
    monkeypatch.setattr(unparse_module, "unparse_act",
                        lambda act, profile: real(act, profile).replace("Article 3.", ""))
    with pytest.raises(InputError) as caught:
        unparse_bytes((OUTPUT / "eng.xml").read_bytes(), "eng.xml")
    finding = caught.value.findings[0]
    assert (finding.code, finding.file) == ("U301", "eng.xml")
    assert finding.line and "Article 3." in finding.message


def test_build_refuses_to_lose_text(tmp_path, monkeypatch):
    """The build's own check (coverage.missing_lines): a line the emitter drops is B301 at its line."""
    import aknkit.build as build_module

    def dropping(act, stream):
        tree = to_akn(act)
        for p in tree.iter("{*}p"):
            if p.text == "Second.":
                p.text = ""
        write_document(tree, stream)

    monkeypatch.setattr(build_module, "write_akn", dropping)
    folder = write_source(tmp_path / "act", {"eng": "Title\n\nArticle 1. First.\n\nArticle 2. Second.\n"})
    result = run("build", str(folder), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "5:0  error    B301" in result.output and "'Article 2. Second.'" in result.output


def test_unparse_act_writes_through_the_profile():
    act = parse_text("Title\n\nArticle 1. One.\n", "eng")
    assert unparse_act(act, load_profile("eng")) == "Title\n\nArticle 1. One.\n"


# --- the command line ---------------------------------------------------------------

def test_output_file_and_standard_output_agree(tmp_path):
    out = tmp_path / "kaz.txt"
    to_file = run("unparse", str(OUTPUT / "kaz.xml"), "-o", str(out))
    assert to_file.exit_code == 0 and f"wrote {out}" in to_file.output
    to_stdout = run("unparse", str(OUTPUT / "kaz.xml"))
    assert to_stdout.exit_code == 0
    assert out.read_text(encoding="utf-8") == to_stdout.output


@pytest.mark.parametrize("data,code,line", [
    (b"<akomaNtoso><act>", "AKN001", "1:18"),
    (b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n<x/>', "AKN002", "2:0"),
    (b"<html/>", "AKN011", "1:0"),
    (b'<act xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"/>', "AKN012", "1:0"),
    (b"", "AKN004", "-"),  # no line: "-", never "0:0"
])
def test_unreadable_input_is_a_located_coded_finding(tmp_path, data, code, line):
    path = tmp_path / "bad.xml"
    path.write_bytes(data)
    result = run("unparse", str(path))
    assert result.exit_code == 1
    assert f" {line}  error    {code}  " in result.output, result.output
    assert str(path) in result.output and "Traceback" not in result.output


def test_a_missing_file_exits_2(tmp_path):
    assert run("unparse", str(tmp_path / "missing.xml")).exit_code == 2


def test_an_unknown_lang_exits_2():
    assert run("unparse", str(OUTPUT / "eng.xml"), "--lang", "xyz").exit_code == 2


def test_an_output_that_cannot_be_written_exits_2(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="utf-8")
    result = run("unparse", str(OUTPUT / "eng.xml"), "-o", str(blocked / "out.txt"))
    assert result.exit_code == 2 and "cannot write the text" in result.output


def test_real_process_round_trip_has_no_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "aknkit", "unparse", str(OUTPUT / "rus.xml")],
                          capture_output=True, text=True, timeout=120, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[3] == "О государственной независимости Республики Казахстан"
