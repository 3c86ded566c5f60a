"""``akn diff`` on the command line: inputs, outputs and exit codes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from aknkit.cli.diff_cmd import diff

FIXTURES = Path(__file__).parent / "fixtures" / "diff"
BASE = FIXTURES / "base"
REPO = Path(__file__).parents[1]
BUNDLED = REPO / "sources" / "kz-1991-1007-XII"


def run(*args: str):
    return CliRunner().invoke(diff, [str(a) for a in args])


def base_with(case: str, language: str = "eng") -> list[Path]:
    return [FIXTURES / "akn" / case / f"{lang}.xml" if lang == language else BASE / f"{lang}.xml"
            for lang in ("kaz", "rus", "eng")]


def test_consistent_versions_exit_0_with_a_table():
    result = run(*(BASE / f"{lang}.xml" for lang in ("kaz", "rus", "eng")))
    assert result.exit_code == 0, result.output
    assert "no findings" in result.output
    assert re.search(r"^    Article 2, paragraph 3\s+ok 65\s+ok 66\s+ok 66$", result.output, re.M)


def test_errors_exit_1():
    result = run(*base_with("deleted-article"))
    assert result.exit_code == 1
    assert "error    D101  Article 4 is missing in eng (present in kaz, rus)  [Article 4]" in result.output


def test_warnings_exit_0_by_default():
    assert run(*base_with("number-changed")).exit_code == 0


def test_fail_on_warning_fails_on_warnings():
    result = run(*base_with("number-changed"), "--fail-on", "warning")
    assert result.exit_code == 1
    assert "warning  D201" in result.output


def test_json_format():
    result = run(*base_with("heading-dropped"), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert [(f["code"], f["extra"]["unit"], f["line"]) for f in data["findings"]] == [("D105", "art_1", 44)]
    assert [i["language"] for i in data["inputs"]] == ["kaz", "rus", "eng"]


def test_html_page_is_written_and_self_contained(tmp_path):
    page = tmp_path / "report.html"
    result = run(*base_with("paragraphs-merged"), "--html", page)
    assert result.exit_code == 1
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    # one mark in the table, linked both ways with the summary
    assert 'id="s-1"' in html and 'href="#f-1"' in html
    assert 'id="f-1" href="#s-1"' in html
    assert "Article 2 has 2 paragraphs in eng but 3 in kaz" in html
    # nothing to fetch: no scripts, stylesheets, images or remote URLs
    assert not re.search(r"<script|<link|<img|src=|https?://|url\(", html)
    assert 'lang="kk"' in html and 'lang="ru"' in html and 'lang="en"' in html


def test_source_folder_is_parsed_directly():
    result = run(FIXTURES / "text" / "base")
    assert result.exit_code == 0, result.output
    assert "kaz  " in result.output and "text/base/eng.txt" in result.output


def test_folder_of_akn_files():
    result = run(BASE)
    assert result.exit_code == 0, result.output
    assert "no findings" in result.output


def test_bundled_law_from_sources_shows_the_preamble_difference():
    result = run(BUNDLED)
    assert result.exit_code == 1
    assert result.output.count(" D1") + result.output.count(" D2") == 1
    assert "D107  the preamble has 1 paragraph in eng but 7 in kaz  [Preamble]" in result.output


@pytest.mark.skipif(not (REPO / "output" / "kz-1991-1007-XII" / "kaz.xml").exists(),
                    reason="the bundled law has not been built")
def test_bundled_law_from_its_akn_output_reports_the_same():
    outputs = sorted((REPO / "output" / "kz-1991-1007-XII").glob("*.xml"))
    result = run(*outputs, "--format", "json")
    data = json.loads(result.output)
    assert [(f["code"], f["extra"]["language"]) for f in data["findings"]] == [("D107", "eng")]


def test_single_input_is_a_usage_error():
    result = run(BASE / "kaz.xml")
    assert result.exit_code == 2
    assert "compares two or more language versions" in result.output


def test_different_works_are_refused(tmp_path):
    other = tmp_path / "eng.xml"
    text = (BASE / "eng.xml").read_text(encoding="utf-8").replace("2001-05-10/42-II", "2001-05-10/43-II")
    other.write_text(text, encoding="utf-8")
    result = run(BASE / "kaz.xml", other)
    assert result.exit_code == 2
    assert (f"{other}\n         -  error    D003  not an expression of the same Work: "
            "/akn/kz/act/law/2001-05-10/43-II here, "
            "/akn/kz/act/law/2001-05-10/42-II in") in result.output


def test_same_language_twice_is_refused(tmp_path):
    copy = tmp_path / "kaz-copy.xml"
    shutil.copy(BASE / "kaz.xml", copy)
    result = run(BASE / "kaz.xml", copy)
    assert result.exit_code == 2
    assert "language kaz appears twice" in result.output


def test_malformed_xml_names_file_and_line(tmp_path):
    broken = tmp_path / "eng.xml"
    broken.write_text((BASE / "eng.xml").read_text(encoding="utf-8").replace("</article>", "</artcle>", 1),
                      encoding="utf-8")
    result = run(BASE / "kaz.xml", broken)
    assert result.exit_code == 2
    assert re.search(rf"^{re.escape(str(broken))}\n +50:\d+  error    AKN001  not well-formed XML", result.output, re.M)
    assert "Traceback" not in result.output


def test_not_akoma_ntoso(tmp_path):
    page = tmp_path / "page.xml"
    page.write_text("<html><body/></html>", encoding="utf-8")
    result = run(BASE / "kaz.xml", page)
    assert result.exit_code == 2
    assert f"{page}\n       1:0  error    AKN011  root element is <html> in no namespace; expected <akomaNtoso>" \
        in result.output


def test_missing_input(tmp_path):
    assert run(BASE / "kaz.xml", tmp_path / "nope.xml").exit_code == 2


def test_empty_folder(tmp_path):
    result = run(tmp_path)
    assert result.exit_code == 2
    assert "neither act.toml nor *.xml" in result.output


def test_text_that_does_not_parse_fails_with_the_parser_message(tmp_path):
    folder = tmp_path / "act"
    shutil.copytree(FIXTURES / "text" / "base", folder)
    shutil.copy(FIXTURES / "text" / "swapped-articles" / "eng.txt", folder / "eng.txt")
    result = run(folder)
    assert result.exit_code == 2
    assert f"{folder / 'eng.txt'}\n      39:0  error    P102" in result.output
    assert "ascending order" in result.output


def test_akn_2_input_warns_on_stderr(tmp_path):
    old = tmp_path / "eng.xml"
    old.write_text((BASE / "eng.xml").read_text(encoding="utf-8").replace(
        "http://docs.oasis-open.org/legaldocml/ns/akn/3.0", "http://www.akomantoso.org/2.0").replace(
        "eId=", "id="), encoding="utf-8")
    result = run(BASE / "kaz.xml", old)
    assert result.exit_code == 0
    assert "no findings" in result.stdout
    assert result.stderr.startswith(
        f"{old}:3: warning: namespace http://www.akomantoso.org/2.0 is not Akoma Ntoso 3.0")


def test_content_findings_by_default():
    assert "D201" in run(*base_with("number-changed")).output


def test_structure_only_flag():
    result = run(*base_with("number-changed"), "--structure-only", "--fail-on", "warning")
    assert result.exit_code == 0
    assert "no findings" in result.output
