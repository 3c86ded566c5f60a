"""akn validate and akn rules from the command line: exit codes, the three
output formats carrying the same findings, selection, batches and stdin."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from aknkit.cli import main
from aknkit.validate import RULES

FIXTURES = Path(__file__).parent / "fixtures" / "validate"
PASS = FIXTURES / "pass"
FAIL = FIXTURES / "fail"
SRC = Path(__file__).resolve().parents[1] / "src"
_TEXT_FINDING = re.compile(r"^\s+(\d+):(\d+)\s+(error|warning|info)\s+(AKN\d{3})\s+(.*)$")


def run(*args, input=None):
    return CliRunner().invoke(main, list(map(str, args)), input=input)


def text_findings(output: str) -> set[tuple[str, str, int, str]]:
    """(file, code, line, severity) from the text format."""
    found, current = set(), None
    for line in output.splitlines():
        match = _TEXT_FINDING.match(line)
        if match:
            found.add((current, match[4], int(match[1]), match[3]))
        elif line and not line[0].isspace() and not line[0].isdigit() and "checked at Level" not in line:
            current = line
    return found


# --- exit codes ----------------------------------------------------------------------

def test_conformant_files_exit_0():
    result = run("validate", PASS)
    assert result.exit_code == 0, result.output
    assert "no findings" in result.output
    assert f"{len(list(PASS.glob('*.xml')))} files checked at Level 2" in result.output


def test_errors_exit_1():
    result = run("validate", FAIL / "AKN304-prefix-not-enclosing.xml")
    assert result.exit_code == 1
    assert "AKN304" in result.output and "1 error in 1 file" in result.output


def test_warnings_exit_0():
    assert run("validate", FAIL / "AKN213-actor-unknown.xml").exit_code == 0


def test_warnings_exit_1_with_fail_on_warning():
    assert run("validate", "--fail-on", "warning", FAIL / "AKN213-actor-unknown.xml").exit_code == 1


def test_missing_file_exits_2_and_says_so():
    result = run("validate", PASS / "act-master.xml", FIXTURES / "no-such-file.xml")
    assert result.exit_code == 2
    assert "AKN005" in result.output and "No such file" in result.output


@pytest.mark.parametrize("args", [(), ("--level", "3", PASS), ("--engine", "saxon", PASS), ("-", "-")],
                         ids=["no-input", "level", "engine", "stdin-twice"])
def test_usage_errors_exit_2(args):
    assert run("validate", *args, input="").exit_code == 2


def test_an_unknown_code_to_select_exits_2():
    unknown_code = run("validate", "--select", "XYZ1", PASS)
    assert unknown_code.exit_code == 2 and "XYZ1" in unknown_code.output


def test_folder_without_xml_exits_2(tmp_path):
    result = run("validate", tmp_path)
    assert result.exit_code == 2


def test_bad_input_is_a_finding_not_a_crash():
    result = run("validate", FIXTURES / "input")
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert {"AKN001", "AKN002", "AKN010", "AKN011", "AKN012"} <= {c for _, c, _, _ in text_findings(result.output)}


# --- selection -----------------------------------------------------------------------

TWO_DEFECTS = [FAIL / "AKN103-attribute-not-allowed.xml", FAIL / "AKN304-prefix-not-enclosing.xml"]


def test_select_by_code_prefix():
    selected = run("validate", "--select", "AKN3", *TWO_DEFECTS)
    assert {c for _, c, _, _ in text_findings(selected.output)} == {"AKN304"}


def test_ignore_by_code_and_prefix():
    ignored = run("validate", "--ignore", "AKN1,akn304", *TWO_DEFECTS)
    assert ignored.exit_code == 0 and "no findings" in ignored.output


def test_select_and_ignore_together():
    both = run("validate", "--select", "AKN1", "--select", "AKN3", "--ignore", "AKN304", *TWO_DEFECTS)
    assert {c for _, c, _, _ in text_findings(both.output)} == {"AKN103"}


def test_level_1_ignores_the_naming_convention():
    result = run("validate", "--level", "1", FAIL / "AKN304-prefix-not-enclosing.xml")
    assert result.exit_code == 0


def test_xmlschema_engine_gives_the_same_findings():
    by_lxml = run("validate", FAIL)
    by_xmlschema = run("validate", "--engine", "xmlschema", FAIL)
    assert text_findings(by_lxml.output) == text_findings(by_xmlschema.output)


# --- output formats --------------------------------------------------------------------

@pytest.fixture(scope="module")
def failing_as_text() -> set[tuple[str, str, int, str]]:
    """The findings on every failing fixture, read from the text format."""
    return text_findings(run("validate", FAIL).output)


def test_text_carries_a_finding_per_failing_fixture(failing_as_text):
    assert len(failing_as_text) >= len(list(FAIL.glob("*.xml")))


def test_json_carries_the_same_findings_as_text(failing_as_text):
    text = failing_as_text
    data = json.loads(run("validate", "--format", "json", FAIL).output)
    as_json = {(f["file"], f["code"], f["line"], f["severity"]) for f in data["findings"]}
    assert as_json == text
    assert data["summary"]["error"] == sum(1 for *_, severity in text if severity == "error")


def test_sarif_carries_the_same_findings_as_text(failing_as_text):
    text = failing_as_text
    log = json.loads(run("validate", "--format", "sarif", FAIL).output)
    assert log["version"] == "2.1.0"
    driver = log["runs"][0]["tool"]["driver"]
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert set(RULES) <= set(rule_ids)
    levels = {"error": "error", "warning": "warning"}
    as_sarif = set()
    for result in log["runs"][0]["results"]:
        location = result["locations"][0]["physicalLocation"]
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        as_sarif.add((location["artifactLocation"]["uri"], result["ruleId"], location["region"]["startLine"],
                      result["level"]))
    assert as_sarif == {(file, code, line, levels[severity]) for file, code, line, severity in text}


def test_sarif_rules_describe_each_code_with_its_section():
    log = json.loads(run("validate", "--format", "sarif", PASS).output)
    rules = {rule["id"]: rule["shortDescription"]["text"] for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    assert "NC §5.4.1" in rules["AKN304"]
    assert log["runs"][0]["results"] == []


def test_no_colour_when_not_a_terminal():
    assert "\x1b[" not in run("validate", FAIL).output


def test_findings_go_to_stdout_and_nothing_else_to_stderr():
    result = run("validate", FAIL / "AKN401-dangling-href.xml")
    assert "AKN401" in result.stdout and result.stderr == ""


# --- inputs: folders, stdin, batches ------------------------------------------------------

def test_stdin():
    data = (FAIL / "AKN401-dangling-href.xml").read_text()
    result = run("validate", "-", input=data)
    assert result.exit_code == 1
    assert ("<stdin>", "AKN401", 56, "error") in text_findings(result.output)


def test_parallel_jobs_give_the_same_findings():
    serial = run("validate", "--format", "json", FAIL)
    parallel = run("validate", "--format", "json", "--jobs", "2", FAIL)
    assert json.loads(serial.output) == json.loads(parallel.output)
    assert serial.exit_code == parallel.exit_code == 1


def test_max_bytes():
    result = run("validate", "--max-bytes", "500", PASS / "act-master.xml")
    assert result.exit_code == 1 and "AKN003" in result.output


def test_rules_lists_every_code():
    text = run("rules").output
    for code, rule in RULES.items():
        assert code in text and rule.section in text


def test_rules_lists_every_code_as_json():
    listed = json.loads(run("rules", "AKN", "--format", "json").output)
    assert [rule["code"] for rule in listed] == sorted(RULES)


def test_rules_lists_every_code_as_markdown():
    markdown = run("rules", "AKN", "--format", "markdown").output
    assert markdown.count("\n| AKN") == len(RULES)


def _process_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(SRC) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def test_a_real_process_on_a_conformant_file():
    ok = subprocess.run([sys.executable, "-m", "aknkit", "validate", str(PASS / "judgment.xml")],
                        capture_output=True, text=True, env=_process_env(), timeout=60)
    assert ok.returncode == 0, ok.stderr
    assert "no findings" in ok.stdout and ok.stderr == ""


def test_a_real_process_on_a_defect_as_sarif():
    env = _process_env()
    bad = subprocess.run([sys.executable, "-m", "aknkit", "validate", "--format", "sarif",
                          str(FAIL / "AKN402-debate-speaker.xml")], capture_output=True, text=True, env=env,
                         timeout=60)
    assert bad.returncode == 1
    assert json.loads(bad.stdout)["runs"][0]["results"][0]["ruleId"] == "AKN402"


def _twenty_copies(folder: Path) -> Path:
    source = (FAIL / "AKN401-dangling-href.xml").read_bytes()
    for n in range(20):
        (folder / f"copy-{n:02d}.xml").write_bytes(source)
    return folder


def test_no_progress_or_colour_off_a_terminal(tmp_path):
    plain = run("validate", _twenty_copies(tmp_path))
    assert "validating" not in plain.stderr and "\x1b[" not in plain.stdout


def test_progress_and_colour_on_a_terminal(tmp_path, monkeypatch):
    import aknkit.cli.validate_cmd as command

    plain = run("validate", _twenty_copies(tmp_path))
    monkeypatch.setattr(command, "stderr_is_terminal", lambda: True)
    monkeypatch.setattr(command, "stdout_is_terminal", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    on_terminal = run("validate", tmp_path)
    assert "validating" in on_terminal.stderr
    assert "\x1b[31merror" in on_terminal.stdout
    assert text_findings(on_terminal.stdout.replace("\x1b[31m", "").replace("\x1b[0m", "")) == \
        text_findings(plain.stdout)


def test_readme_documents_every_code_and_the_exit_codes():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### `akn validate`"):]
    for code in RULES:
        assert f"| {code} |" in section
    assert "**0** conformant" in section and "**2** usage or I/O error" in section
