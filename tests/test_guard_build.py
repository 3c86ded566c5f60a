"""akn build's guard rails: no output overwritten, act.toml checked as a document
(each finding at its act.toml line), the languages compared after the build, no
empty folder after a failure, and the smaller input cases (encodings, standard
input, -j 0, --format json, --quiet).

act.toml cases are fixtures: tests/fixtures/build/facts/<case>.toml replaces
the act.toml of the small three-language law in tests/fixtures/build/base/,
and its second line lists the findings expected, exactly:
``# expect: CODE:LINE words of the message | ...`` (LINE ``-`` for none).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from aknkit.cli import main
from aknkit.text.parse import ParseError, decode_source

FIXTURES = Path(__file__).parent / "fixtures" / "build"
BASE = FIXTURES / "base"
FACTS_CASES = sorted((FIXTURES / "facts").glob("*.toml"))


def run(*args) -> object:
    return CliRunner().invoke(main, [str(a) for a in args])


def copy_act(target: Path, facts: Path | None = None) -> Path:
    shutil.copytree(BASE, target)
    if facts is not None:
        shutil.copy(facts, target / "act.toml")
    return target


def build_json(*args) -> tuple[int, dict]:
    result = run("build", "--format", "json", *args)
    return result.exit_code, json.loads(result.stdout)


def expected_findings(case: Path) -> list[tuple[str, int | None, str]]:
    line = case.read_text(encoding="utf-8").splitlines()[1]
    assert line.startswith("# expect: "), case
    expected = []
    for item in line[len("# expect: "):].split(" | "):
        where, words = item.split(" ", 1)
        code, at = where.split(":")
        expected.append((code, None if at == "-" else int(at), words))
    return expected


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- act.toml ---------------------------------------------------------------------------------

@pytest.mark.parametrize("case", FACTS_CASES, ids=lambda p: p.stem)
def test_each_act_toml_mistake_is_found_at_its_line_and_nothing_is_written(case, tmp_path):
    folder = copy_act(tmp_path / "act", case)
    out = tmp_path / "out"
    status, report = build_json(folder, "-o", out)
    assert status == 1
    [act] = report["acts"]
    assert act["status"] == "failed"
    found = [(f["code"], f.get("line"), f["file"], f["message"]) for f in act["findings"]]
    expected = expected_findings(case)
    assert [(code, line) for code, line, _, _ in found] == [(code, line) for code, line, _ in expected]
    for (_, _, file, message), (_, _, words) in zip(found, expected, strict=True):
        assert file == str(folder / "act.toml"), "a finding about act.toml points at act.toml"
        assert words in message
    assert not out.exists(), "nothing written, not even an empty folder"


def test_the_fixture_law_itself_builds(tmp_path):
    status, report = build_json(copy_act(tmp_path / "act"), "-o", tmp_path / "out")
    assert status == 0 and report["acts"][0]["findings"] == []
    assert sorted(p.name for p in (tmp_path / "out" / "act").iterdir()) == ["eng.xml", "kaz.xml", "rus.xml"]


def test_a_bom_in_act_toml_is_accepted(tmp_path):
    folder = copy_act(tmp_path / "act")
    (folder / "act.toml").write_bytes(b"\xef\xbb\xbf" + (BASE / "act.toml").read_bytes())
    plain = copy_act(tmp_path / "plain")
    assert run("build", folder, plain, "-o", tmp_path / "out").exit_code == 0
    assert (tmp_path / "out" / "act" / "eng.xml").read_bytes().replace(b"/act/", b"/plain/") \
        == (tmp_path / "out" / "plain" / "eng.xml").read_bytes().replace(b"/act/", b"/plain/")


def test_a_text_dated_otherwise_than_act_toml_shows_both_places(tmp_path):
    folder = copy_act(tmp_path / "act")
    eng = folder / "eng.txt"
    eng.write_text(eng.read_text(encoding="utf-8").replace("March 15, 2024", "March 16, 2024"), encoding="utf-8")
    result = run("build", folder, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert (f"{folder / 'act.toml'}\n       5:0  error    S202  date = 2024-03-15 here, but {eng} line 3 "
            "dates the act 'March 16, 2024' (2024-03-16)") in result.output
    assert not (tmp_path / "out").exists()


# --- no overwrite -----------------------------------------------------------------------------

def test_two_acts_with_one_name_are_refused_naming_both_and_the_output_is_untouched(tmp_path):
    corpus = tmp_path / "corpus"
    first, second = copy_act(corpus / "2023" / "act1"), copy_act(corpus / "2024" / "act1")
    other = copy_act(corpus / "2024" / "act2")
    out = tmp_path / "out"
    (out / "act1").mkdir(parents=True)
    (out / "act1" / "eng.xml").write_bytes(b"<kept/>")
    before = snapshot(out / "act1")
    status, report = build_json(corpus, "-o", out)
    assert status == 1
    by_folder = {act["folder"]: act for act in report["acts"]}
    for mine, theirs in ((first, second), (second, first)):
        [problem] = by_folder[str(mine)]["findings"]
        assert (problem["code"], problem["file"], problem.get("line")) == ("B101", str(mine / "act.toml"), None)
        assert str(mine) in problem["message"] and str(theirs) in problem["message"]
        assert f"{out / 'act1'}/" in problem["message"]
    assert snapshot(out / "act1") == before
    assert by_folder[str(other)]["status"] == "built"


def _two_works_of_one_name(tmp_path: Path) -> tuple[Path, Path, Path]:
    """(first, second, out): ``first`` built into ``out``; ``second`` a folder
    of the same name holding another Work (number 72-VIII, not 71-VIII)."""
    first = copy_act(tmp_path / "2023" / "act1")
    out = tmp_path / "out"
    assert run("build", first, "-o", out).exit_code == 0
    second = copy_act(tmp_path / "2024" / "act1")
    facts = second / "act.toml"
    facts.write_text(facts.read_text(encoding="utf-8").replace('"71-VIII"', '"72-VIII"'), encoding="utf-8")
    for lang in ("kaz", "rus", "eng"):
        text = second / f"{lang}.txt"
        text.write_text(text.read_text(encoding="utf-8").replace("71-VIII", "72-VIII"), encoding="utf-8")
    return first, second, out


def test_a_later_run_does_not_replace_another_works_output_without_force(tmp_path):
    _, second, out = _two_works_of_one_name(tmp_path)
    before = snapshot(out)
    status, report = build_json(second, "-o", out)
    assert status == 1
    found = [(f["code"], f["file"], f.get("line")) for f in report["acts"][0]["findings"]]
    assert found == [("B102", str(second / "act.toml"), None)] * 3
    message = report["acts"][0]["findings"][0]["message"]
    assert f"{out / 'act1' / 'kaz.xml'} holds the Work /akn/kz/act/law/2024-03-15/71-VIII, not " \
           f"/akn/kz/act/law/2024-03-15/72-VIII of {second}" in message
    assert snapshot(out) == before


def test_the_same_work_is_rebuilt_in_place(tmp_path):
    first, _, out = _two_works_of_one_name(tmp_path)
    assert run("build", first, "-o", out).exit_code == 0, "the same Work is rebuilt in place"


def test_force_replaces_another_works_output(tmp_path):
    _, second, out = _two_works_of_one_name(tmp_path)
    assert run("build", second, "-o", out, "--force").exit_code == 0
    assert b"/72-VIII" in (out / "act1" / "kaz.xml").read_bytes()


def test_a_file_that_is_no_akn_output_is_not_replaced(tmp_path):
    folder = copy_act(tmp_path / "act")
    (tmp_path / "out" / "act").mkdir(parents=True)
    (tmp_path / "out" / "act" / "eng.xml").write_bytes(b"<notes>mine</notes>")
    result = run("build", folder, "-o", tmp_path / "out")
    assert result.exit_code == 1 and "B102" in result.output and "holds no Akoma Ntoso Work" in result.output
    assert snapshot(tmp_path / "out") == {"act/eng.xml": b"<notes>mine</notes>"}


def test_names_that_differ_only_in_case_collide(tmp_path):
    copy_act(tmp_path / "a" / "Law"), copy_act(tmp_path / "b" / "law")
    status, report = build_json(tmp_path / "a", tmp_path / "b", "-o", tmp_path / "out")
    assert status == 1 and [f["code"] for act in report["acts"] for f in act["findings"]] == ["B101", "B101"]
    assert not (tmp_path / "out").exists()


def test_one_folder_named_twice_is_built_once(tmp_path):
    folder = copy_act(tmp_path / "act")
    status, report = build_json(folder, tmp_path / "act" / ".." / "act", "-o", tmp_path / "out")
    assert status == 0 and len(report["acts"]) == 1


# --- the languages compared --------------------------------------------------------------------

def _drop_paragraph(folder: Path) -> Path:
    eng = folder / "eng.txt"
    text = eng.read_text(encoding="utf-8")
    eng.write_text(text.replace("      2. The results of the test are made known to the villagers.\n\n", ""),
                   encoding="utf-8")
    return eng


def test_build_reports_structural_differences_and_writes_by_default(tmp_path):
    folder = copy_act(tmp_path / "act")
    eng = _drop_paragraph(folder)
    status, report = build_json(folder, "-o", tmp_path / "out")
    assert status == 0
    [act] = report["acts"]
    assert act["status"] == "built"
    assert [(f["code"], f["file"], f["line"], f["severity"]) for f in act["findings"]] == \
        [("D106", str(eng), 13, "error")]


def test_build_prints_structural_differences_with_the_way_to_fail_on_them(tmp_path):
    folder = copy_act(tmp_path / "act")
    eng = _drop_paragraph(folder)
    text = run("build", folder, "-o", tmp_path / "out2")
    assert text.exit_code == 0
    assert f"{eng}\n      13:0  error    D106" in text.output and "--fail-on error" in text.output


def test_fail_on_error_fails_the_act_and_writes_nothing(tmp_path):
    folder = copy_act(tmp_path / "act")
    eng = _drop_paragraph(folder)
    result = run("build", folder, "-o", tmp_path / "out", "--fail-on", "error")
    assert result.exit_code == 1
    assert f"{eng}\n      13:0  error    D106" in result.output and "nothing written" in result.output
    assert not (tmp_path / "out").exists()


# --- the small ones ------------------------------------------------------------------------------

def _unparseable_act(tmp_path: Path) -> Path:
    folder = copy_act(tmp_path / "act")
    (folder / "eng.txt").write_text("On Village Wells\n\nJust prose.\n", encoding="utf-8")
    return folder


def test_a_failed_build_leaves_no_empty_folder(tmp_path):
    folder = _unparseable_act(tmp_path)
    out = tmp_path / "deep" / "out"
    result = run("build", folder, "-o", out)
    assert result.exit_code == 1 and "P105" in result.output
    assert not (tmp_path / "deep").exists()


def test_a_failed_build_keeps_an_output_folder_that_was_there(tmp_path):
    folder = _unparseable_act(tmp_path)
    existing = tmp_path / "existing"
    existing.mkdir()
    assert run("build", folder, "-o", existing).exit_code == 1
    assert existing.is_dir() and list(existing.iterdir()) == []   # a folder that was there stays


@pytest.mark.parametrize("encoding, words", [
    ("utf-16", "UTF-16 (little-endian) text, not UTF-8"),
    ("utf-16-be", "UTF-16 (big-endian) text, not UTF-8"),
    ("koi8-r", "looks like KOI8-R; expected UTF-8 text (convert with iconv -f KOI8-R -t UTF-8)"),
    ("cp1251", "looks like CP1251; expected UTF-8 text (convert with iconv -f CP1251 -t UTF-8)"),
])
def test_utf16_and_8bit_cyrillic_are_named(tmp_path, encoding, words):
    folder = copy_act(tmp_path / "act")
    rus = folder / "rus.txt"
    rus.write_bytes(rus.read_text(encoding="utf-8").encode(encoding))
    status, report = build_json(folder, "-o", tmp_path / "out")
    [problem] = report["acts"][0]["findings"]
    assert status == 1 and (problem["code"], problem["file"]) == ("P002", str(rus))
    assert words in problem["message"] and "NUL" not in problem["message"]


def test_akn003_gives_the_real_size_read_from_the_file_system(tmp_path):
    big = tmp_path / "big.xml"
    big.write_bytes(b"<a>" + b" " * 2000 + b"</a>")
    result = run("validate", big, "--max-bytes", "500")
    assert result.exit_code == 1
    assert "AKN003  input is 2,007 bytes, above the limit of 500 bytes" in result.output


def test_no_0_0_where_a_finding_has_no_line(tmp_path):
    folder = copy_act(tmp_path / "act", FIXTURES / "facts" / "number-misspelt-key.toml")
    result = run("build", folder, "-o", tmp_path / "out")
    assert "         -  error    S101  required key 'number' is missing" in result.output
    assert " 0:0 " not in result.output


def test_parse_reads_standard_input():
    text = (BASE / "rus.txt").read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", "--lang", "rus", "-"], input=text)
    assert result.exit_code == 0
    assert result.output.splitlines()[1].split() == ["9", "Статья", "1.", "Владелец", "колодца"]


def test_parse_of_standard_input_needs_lang():
    text = (BASE / "rus.txt").read_text(encoding="utf-8")
    missing = CliRunner().invoke(main, ["parse", "-"], input=text)
    assert missing.exit_code == 2 and "needs --lang" in missing.output


def test_jobs_0_means_one_process_per_core_and_quiet_prints_nothing_on_success(tmp_path):
    copy_act(tmp_path / "src" / "one"), copy_act(tmp_path / "src" / "two")
    result = run("build", tmp_path / "src", "-o", tmp_path / "out", "-j", "0", "--quiet")
    assert result.exit_code == 0 and result.output == ""
    assert (tmp_path / "out" / "one" / "kaz.xml").read_bytes() == (tmp_path / "out" / "two" / "kaz.xml") \
        .read_bytes().replace(b"/two/", b"/one/")


def test_quiet_prints_only_failures(tmp_path):
    first, second = copy_act(tmp_path / "src" / "one"), copy_act(tmp_path / "src" / "two")
    (second / "eng.txt").write_text("On Village Wells\n\nJust prose.\n", encoding="utf-8")
    failing = run("build", tmp_path / "src", "-o", tmp_path / "out2", "-j", "0", "-q")
    assert failing.exit_code == 1
    assert "built one" not in failing.output and "P105" in failing.output and "1 built, 1 failed" in failing.output
    assert first.is_dir()


def test_build_json_report(tmp_path):
    status, report = build_json(copy_act(tmp_path / "act"), "-o", tmp_path / "out", "-j", "1")
    assert status == 0
    assert report["summary"] == {**report["summary"], "acts": 1, "built": 1, "failed": 0, "built_with": "1 process(es)"}
    assert report["acts"][0]["outputs"] == {lang: str(tmp_path / "out" / "act" / f"{lang}.xml")
                                            for lang in ("kaz", "rus", "eng")}


def test_unparse_refuses_an_oversized_file_by_its_size_without_reading_it(tmp_path):
    big = tmp_path / "big.xml"
    with open(big, "wb") as handle:
        handle.truncate(300 * 1024 * 1024)   # sparse: the size is known, nothing is stored
    result = run("unparse", big)
    assert result.exit_code == 1
    assert f"{big}\n         -  error    AKN003  input is 314,572,800 bytes, above the limit of 268,435,456 bytes" \
        in result.output


WORDS = sorted({w for lang in ("rus", "kaz") for w in (BASE / f"{lang}.txt").read_text(encoding="utf-8").split()
                if w.isalpha() and w.isascii() is False})


@settings(max_examples=60)
@given(st.lists(st.sampled_from([w for w in WORDS if w.encode("koi8-r", "ignore").decode("koi8-r") == w]),
                min_size=6, max_size=40),
       st.sampled_from([("utf-16-le", "UTF-16 (little-endian)"), ("utf-16-be", "UTF-16 (big-endian)"),
                        ("koi8-r", "KOI8-R"), ("cp1251", "CP1251")]))
def test_the_encoding_of_any_russian_text_is_named(words, encoding):
    name, named = encoding
    text = "Статья 1. " + " ".join(words) + ".\n"
    with pytest.raises(ParseError) as caught:
        decode_source(text.encode(name), "rus.txt")
    [problem] = caught.value.findings
    assert problem.code == "P002" and named in problem.message
