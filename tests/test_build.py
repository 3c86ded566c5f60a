"""`akn build` on the bundled law and on bad input; the installed package."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

import aknkit
from aknkit.akn.schema import AKN_NS, lxml_schema
from aknkit.cli import main
from helpers import BUNDLED, LANGUAGES, OUTPUT, REPO, write_source

NS = {"a": AKN_NS}

# From the seed table: chapter number -> (first article, last article, titles).
SEED_CHAPTERS = {
    1: (1, 5, "Қазақстан Республикасы — тәуелсіз мемлекет",
        "Республика Казахстан – независимое государство",
        "Republic of Kazakhstan – Independent State"),
    2: (6, 8, "Қазақстан Республикасының халқы мен азаматы",
        "Народ и гражданин Республики Казахстан",
        "People and Citizens of the Republic of Kazakhstan"),
    3: (9, 10, "Қазақстан Республикасының мемлекеттік өкімет органдары",
        "Органы государственной власти Республики Казахстан",
        "Public Authorities of the Republic of Kazakhstan"),
    4: (11, 12, "Қазақстан Республикасының мемлекеттік тәуелсіздігінің экономикалық негіздері",
        "Экономические основы государственной независимости Республики Казахстан",
        "Economic Fundamentals of State Independence"),
    5: (13, 14, "Қазақстан Республикасы – дүниежүзілік қоғамдастықтың мүшесі",
        "Республика Казахстан – член мирового сообщества",
        "Republic of Kazakhstan – A Member of the World Community"),
    6: (15, 16, "Қазақстан Республикасының мемлекеттік тәуелсіздігін қорғау",
        "Охрана государственной независимости Республики Казахстан",
        "Protection of State Independence"),
    7: (17, 18, "Қорытынды ережелер", "Заключительные положения", "Final Provisions"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(main, ["build", str(BUNDLED), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out / BUNDLED.name


def load(path: Path) -> etree._ElementTree:
    return etree.parse(str(path))


# --- the bundled law ------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_output_is_schema_valid(built, lang):
    tree = load(built / f"{lang}.xml")
    assert lxml_schema().validate(tree), lxml_schema().error_log


@pytest.mark.parametrize("lang", LANGUAGES)
def test_seven_chapters_eighteen_articles_with_seed_ranges_and_titles(built, lang):
    tree = load(built / f"{lang}.xml")
    chapters = tree.findall(".//a:body/a:chapter", NS)
    assert len(chapters) == 7
    assert len(tree.findall(".//a:article", NS)) == 18
    column = LANGUAGES.index(lang) + 2
    for number, chapter in enumerate(chapters, start=1):
        first, last = SEED_CHAPTERS[number][:2]
        articles = [int(a.get("eId").split("_")[1]) for a in chapter.findall("a:article", NS)]
        assert articles == list(range(first, last + 1)), f"chapter {number}"
        heading = chapter.findtext("a:heading", namespaces=NS)
        assert heading.casefold() == SEED_CHAPTERS[number][column].casefold()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_frbr_metadata_of_the_bundled_law(built, lang):
    tree = load(built / f"{lang}.xml")
    work = "/akn/kz/act/constitutional-law/1991-12-16/1007-XII"
    assert tree.find(".//a:FRBRWork/a:FRBRuri", NS).get("value") == work
    assert tree.find(".//a:FRBRExpression/a:FRBRuri", NS).get("value") == f"{work}/{lang}@1991-12-16"
    master = tree.find(".//a:FRBRmasterExpression", NS)
    if lang == "kaz":
        assert master is None
    else:
        assert master.get("href") == f"{work}/kaz@1991-12-16"
    assert tree.find(".//a:conclusions//a:docNumber", NS).text == "1007-XII"
    assert tree.find(".//a:conclusions//a:date", NS).get("date") == "1991-12-16"
    assert tree.find(".//a:preface//a:docDate", NS).get("date") == "1991-12-16"


def body_units(built: Path, lang: str) -> list[etree._Element]:
    return load(built / f"{lang}.xml").getroot().findall(".//a:body//*[@eId]", NS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_eids_are_unique(built, lang):
    eids = [u.get("eId") for u in body_units(built, lang)]
    assert len(eids) == len(set(eids))


def test_wids_line_up_across_languages(built):
    # the wId is the master's eId where it differs; the aligned id is wId or eId
    per_language = {lang: [u.get("wId") or u.get("eId") for u in body_units(built, lang)] for lang in LANGUAGES}
    assert per_language["rus"] == per_language["kaz"] == per_language["eng"]
    assert "art_9__para_3" in per_language["kaz"] and "art_10__point_3" in per_language["kaz"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_rebuild_is_byte_identical_to_committed_output(built, lang):
    assert (built / f"{lang}.xml").read_bytes() == (OUTPUT / f"{lang}.xml").read_bytes(), (
        f"output/{BUNDLED.name}/{lang}.xml is stale; run `make build` and commit")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_source_line_reaches_the_xml(built, lang):
    from aknkit.text.coverage import missing_lines

    text = (BUNDLED / f"{lang}.txt").read_text(encoding="utf-8")
    assert missing_lines(text, load(built / f"{lang}.xml")) == []


def test_summary_disclaimer_travels_with_the_document(built):
    tree = load(built / "eng.xml")
    notes = [n.findtext("a:p", namespaces=NS) for n in tree.findall(".//a:meta/a:notes/a:note", NS)]
    assert any("NOT the official wording" in n for n in notes)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_outputs_load_in_laws_africa_cobalt(built, lang):
    cobalt = pytest.importorskip("cobalt")
    from cobalt import FrbrUri

    doc = cobalt.StructuredDocument.for_document_type("act")((built / f"{lang}.xml").read_text("utf-8"))
    uri = doc.frbr_uri
    assert (uri.country, uri.doctype, uri.subtype, uri.date, uri.number, uri.language) == (
        "kz", "act", "constitutional-law", "1991-12-16", "1007-XII", lang)
    assert doc.language == lang
    expression = FrbrUri.parse(doc.root.find(".//{*}FRBRExpression/{*}FRBRuri").get("value"))
    assert expression.expression_date == "@1991-12-16"
    assert doc.title == (BUNDLED / f"{lang}.txt").read_text("utf-8").splitlines()[3]


# --- the command line -------------------------------------------------------------

def test_build_without_arguments_uses_sources_and_output(tmp_path, monkeypatch):
    write_source(tmp_path / "sources" / "demo", {"eng": "On Demo\n\nArticle 1. Text.\n"})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    assert "built demo [eng]" in result.output
    tree = load(tmp_path / "output" / "demo" / "eng.xml")
    assert tree.find(".//a:FRBRWork/a:FRBRuri", NS).get("value") == "/akn/kz/act/law/2001-02-03/12-II"


BAD_TEXTS = {
    "empty": ("", "P004", 1),
    "duplicate": ("Title\n\nArticle 1. One.\n\nArticle 1. Again.\n", "P101", 5),
    "order": ("Title\n\nArticle 2. Two.\n\nArticle 1. One.\n", "P102", 5),
    "before-chapter": ("Title\n\nArticle 1. One.\n\nChapter 1. C\n\nArticle 2. Two.\n", "P103", 3),
    "empty-chapter": ("Title\n\nChapter 1. A\n\nChapter 2. B\n\nArticle 1. One.\n", "P104", 3),
    "no-structure": ("Title\n\nJust prose.\n", "P105", 1),
}


@pytest.mark.parametrize("case", sorted(BAD_TEXTS))
def test_bad_input_fails_with_location_and_writes_nothing(tmp_path, case):
    text, code, line = BAD_TEXTS[case]
    folder = write_source(tmp_path / "src" / case, {"eng": text})
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out)])
    assert result.exit_code == 1
    assert f"{folder / 'eng.txt'}\n" in result.output
    assert f"{line}:0  error    {code}" in result.output
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.rglob("*.xml"))


def test_a_binary_source(tmp_path):
    folder = write_source(tmp_path / "bin", {"eng": "x"})
    (folder / "eng.txt").write_bytes(b"\x00\x01\x02binary")
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1 and "P001" in result.output


def test_a_source_in_the_wrong_encoding(tmp_path):
    folder = write_source(tmp_path / "bin", {"eng": "x"})
    (folder / "eng.txt").write_bytes("Статья 1. Текст.".encode("cp1251"))
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1 and "P002" in result.output and "not UTF-8" in result.output


def test_unknown_language(tmp_path):
    folder = write_source(tmp_path / "x", {"xyz": "Title\n\nArticle 1. A.\n"})
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1 and "unknown language 'xyz'" in result.output


def test_bad_facts(tmp_path):
    folder = write_source(tmp_path / "x", {"xyz": "Title\n\nArticle 1. A.\n"})
    (folder / "act.toml").write_text('country = "kz"\ndate = 1991-13-45\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1 and "not valid TOML" in result.output
    assert f"{folder / 'act.toml'}\n       2:0  error    S001" in result.output


def test_a_failing_act_leaves_earlier_outputs_untouched(tmp_path):
    folder = write_source(tmp_path / "src" / "demo", {"rus": "Заголовок\n\nСтатья 1. Текст.\n",
                                                      "eng": "Title\n\nArticle 1. Text.\n"})
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(folder), "-o", str(out)]).exit_code == 0
    before = {p.name: p.read_bytes() for p in (out / "demo").iterdir()}
    # The second language breaks: nothing of the act may change, not even rus.xml.
    (folder / "rus.txt").write_text("Заголовок\n\nСтатья 1. Новый текст.\n", encoding="utf-8")
    (folder / "eng.txt").write_text("Title\n\nArticle 2. Two.\n\nArticle 1. One.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out)])
    assert result.exit_code == 1 and "nothing written" in result.output
    assert {p.name: p.read_bytes() for p in (out / "demo").iterdir()} == before


@pytest.mark.parametrize("args", [
    ("build", "{tmp}/missing"),
    ("build", "{tmp}"),  # no act.toml below
    ("parse", str(BUNDLED / "act.toml")),  # no such language
], ids=["missing-folder", "no-act-toml", "no-such-language"])
def test_usage_errors_exit_2(tmp_path, args):
    assert CliRunner().invoke(main, [a.format(tmp=tmp_path) for a in args]).exit_code == 2


def test_parse_command_dumps_the_model_as_json():
    result = CliRunner().invoke(main, ["parse", str(BUNDLED / "rus.txt"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["language"] == "rus"
    assert data["meta_line"]["number"]["value"] == "1007-XII"
    assert [c["num"] for c in data["body"]] == [str(n) for n in range(1, 8)]
    assert data["body"][0]["children"][0]["loc"]["line"] > 0


def test_parse_command_outline():
    result = CliRunner().invoke(main, ["parse", str(BUNDLED / "kaz.txt")])
    assert result.exit_code == 0
    assert "1-тарау  ҚАЗАҚСТАН РЕСПУБЛИКАСЫ — ТӘУЕЛСІЗ МЕМЛЕКЕТ" in result.output
    assert "18-бап." in result.output


def test_real_process_exit_codes_and_no_traceback(tmp_path):
    folder = write_source(tmp_path / "bad", {"eng": "Title\n\nArticle 1. One.\n\nArticle 1. Again.\n"})
    proc = subprocess.run([sys.executable, "-m", "aknkit", "build", str(folder), "-o", str(tmp_path / "o")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "P101" in proc.stderr and "Traceback" not in proc.stderr


# --- the package as installed -------------------------------------------------------

def test_python_api_reads_and_serialises_a_source_folder():
    bundle = aknkit.read_source_folder(BUNDLED)
    data = aknkit.serialise(aknkit.to_akn(bundle.acts["eng"]))
    assert data == (OUTPUT / "eng.xml").read_bytes()


def test_python_api_parses_a_file():
    act = aknkit.parse_file(BUNDLED / "rus.txt")
    assert len(act.articles()) == 18


def test_python_api_builds_a_folder(tmp_path):
    result = aknkit.build_folder(BUNDLED, tmp_path)
    assert sorted(result.outputs) == ["eng", "kaz", "rus"]


def test_schema_and_profiles_ship_inside_the_package():
    package = Path(str(resources.files("aknkit")))
    if (REPO / "src") in package.parents:
        pytest.skip("running from the source tree; the wheel test runs under `make test`")
    for name in ("akomantoso30.xsd", "xml.xsd"):
        shipped = (package / "schemas" / name).read_bytes()
        assert shipped == (REPO / "schemas" / name).read_bytes()
    assert hashlib.sha256((package / "schemas" / "akomantoso30.xsd").read_bytes()).hexdigest() == (
        "6f61fe84cbb6f8cb0e8418cd67b74a63da9990e6573b5a3491f623184f45c4fd")
    assert {p.name for p in (package / "text" / "profiles").iterdir()} >= {"kaz.toml", "rus.toml", "eng.toml"}


def test_schema_loads_without_network():
    # The schema's only import is the relative ./xml.xsd; compiling it must not
    # need the network (proxies pointed nowhere prove nothing is fetched).
    code = "from aknkit.akn.schema import lxml_schema; lxml_schema(); print('ok')"
    env = {**os.environ, "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9"}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert proc.stdout.strip() == "ok", proc.stderr


@pytest.mark.parametrize("lang", LANGUAGES)
def test_bundled_law_passes_level_2_with_zero_findings(built, lang):
    from aknkit.validate import check_file

    assert check_file(built / f"{lang}.xml", level=2) == []
