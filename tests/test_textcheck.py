"""Near-miss labels (P201), numbering gaps (P202) and the language check (P203).

Each case in tests/fixtures/textcheck/cases.toml changes one line of a small
law, in each of the three languages where the mistake can be made, and lists
the exact findings (code, line) it must produce; the build and parse commands
print them with file and line and fail on them only with --strict.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from aknkit.cli import main
from aknkit.findings import InputError
from aknkit.text.checks import language_findings, near_miss, parse_checked
from aknkit.text.parse import Line
from aknkit.text.profile import load_profile
from helpers import BUNDLED, LANGUAGES, write_source

FIXTURES = Path(__file__).parent / "fixtures" / "textcheck"
CASES = tomllib.loads((FIXTURES / "cases.toml").read_text(encoding="utf-8"))


def case_text(case: dict) -> str:
    text = (FIXTURES / case.get("file", f"{case['language']}.txt")).read_text(encoding="utf-8")
    if "old" in case:
        assert text.count(case["old"]) == 1, case["old"]
        text = text.replace(case["old"], case["new"])
    return text


def at(output: str, line: int, severity: str, code: str, message: str) -> bool:
    """A finding printed as text: line (and column), severity, code, message."""
    return re.search(rf"^\s+{line}(?::\d+)?\s+{severity}\s+{code}\s+{re.escape(message)}", output, re.M) is not None


def findings_of(text: str, language: str, source: str):
    try:
        return parse_checked(text, load_profile(language), source).warnings
    except InputError as refusal:
        return refusal.findings


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_case_gives_exactly_its_findings(name):
    case = CASES[name]
    language = case.get("read_as", case["language"])
    source = f"act/{language}.txt"
    found = findings_of(case_text(case), language, source)
    assert sorted((f.code, f.line) for f in found) == sorted(tuple(e) for e in case["expect"])
    assert all(f.file == source for f in found)
    for finding in found:
        if finding.code == "P201":
            assert f"the label {case['label']!r}" in finding.message
        if finding.code == "P202" and "missing" in case:
            assert ", ".join(case["missing"]) + " are missing" in finding.message
        if finding.code == "P203":
            assert f"({case['fits']})" in finding.message and f"{case['fits']}.txt" in finding.message


def test_near_misses_are_warnings():
    near = findings_of(case_text(CASES["keyword-typo-rus"]), "rus", "rus.txt")
    assert {f.severity for f in near} == {"warning"}


def test_a_text_in_another_language_is_an_error():
    [wrong] = findings_of(case_text(CASES["rus-as-eng"]), "eng", "eng.txt")
    assert wrong.severity == "error"


def test_the_bundled_law_has_no_warnings(bundled_bundle):
    assert {lang: act.warnings for lang, act in bundled_bundle.acts.items()} == {lang: [] for lang in LANGUAGES}


def test_a_near_miss_is_merged_into_the_text_before_it_today():
    """What the warning is about: the mistyped label stays text of Article 3."""
    act = parse_checked(case_text(CASES["keyword-typo-rus"]), load_profile("rus"), "rus.txt")
    article_3 = next(a for a in act.articles() if a.num == "3")
    assert any("Стаья 4. Плата" in block.text for block in article_3.wrapup + article_3.intro
               + [b for child in article_3.children for b in child.intro])


def _act_folder(tmp_path: Path, replace: dict[str, tuple[str, str]]) -> Path:
    texts = {lang: (FIXTURES / f"{lang}.txt").read_text(encoding="utf-8") for lang in LANGUAGES}
    for lang, (old, new) in replace.items():
        texts[lang] = texts[lang].replace(old, new)
    return write_source(tmp_path / "law", texts, (FIXTURES / "act.toml").read_text(encoding="utf-8"))


def test_build_prints_warnings_with_file_line_and_code_and_succeeds(tmp_path):
    folder = _act_folder(tmp_path, {"eng": ("Article 4. Fees", "Article4. Fees")})
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    eng = str(folder / "eng.txt")
    assert f"{eng}\n" in result.stderr
    assert at(result.stderr, 35, "warning", "P201", "line looks like the label 'Article 4.'")
    assert at(result.stderr, 39, "warning", "P202", "'Article 5.' comes after 'Article 3.'")
    assert sorted(p.name for p in (tmp_path / "out" / "law").iterdir()) == ["eng.xml", "kaz.xml", "rus.xml"]


def test_build_strict_fails_on_warnings_and_writes_nothing(tmp_path):
    folder = _act_folder(tmp_path, {"kaz": ("4-бап. Ақы", "4-Бап. Ақы")})
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "--strict"])
    assert result.exit_code == 1
    assert at(result.stderr, 37, "warning", "P201", "")
    assert "--strict fails on warnings" in result.stderr
    assert not list(out.rglob("*.xml"))


def test_build_refuses_a_text_in_another_language(tmp_path):
    folder = _act_folder(tmp_path, {})
    (folder / "eng.txt").write_text((FIXTURES / "rus.txt").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out)])
    assert result.exit_code == 1
    assert at(result.stderr, 9, "error", "P203", "this text reads as Russian (rus), not English (eng)")
    assert result.stderr.startswith(f"{folder / 'eng.txt'}\n")
    assert not list(out.rglob("*.xml"))


def _wrong_case_text(tmp_path: Path) -> Path:
    path = tmp_path / "rus.txt"
    path.write_text(case_text(CASES["wrong-case-rus"]), encoding="utf-8")
    return path


def test_parse_prints_warnings_and_succeeds(tmp_path):
    lenient = CliRunner().invoke(main, ["parse", str(_wrong_case_text(tmp_path))])
    assert lenient.exit_code == 0 and at(lenient.stderr, 37, "warning", "P201", "")


def test_parse_strict_fails_on_warnings(tmp_path):
    strict = CliRunner().invoke(main, ["parse", str(_wrong_case_text(tmp_path)), "--strict"])
    assert strict.exit_code == 1 and at(strict.stderr, 41, "warning", "P202", "")


def test_the_bundled_law_builds_clean_under_strict(tmp_path):
    result = CliRunner().invoke(main, ["build", str(BUNDLED), "-o", str(tmp_path), "--strict"])
    # The build reports the languages' one true difference (D107), never a P2xx warning.
    assert result.exit_code == 0 and not re.search(r"\bP2\d\d\b", result.stderr)


_LINE_START = st.sampled_from(["Статья", "статьи", "Стаья", "Article", "article", "бап", "Статьей", "Articles"])


@pytest.mark.parametrize("language", LANGUAGES)
@settings(max_examples=300)
@given(word=_LINE_START, number=st.integers(1, 99), rest=st.sampled_from(
    [" настоящего Закона", " of this Law", " и 6", " and 6", "-бабында", " жылы"]))
def test_a_label_word_followed_by_lower_case_text_is_never_a_near_miss(language, word, number, rest):
    """References and running text keep to the profiles' rule: after a label's
    number comes a period, the end of the line or a capital letter."""
    text = f"{word} {number}{rest} применяется."
    line = Line(1, text, load_profile(language).normalise(text), True)
    assert near_miss(line, load_profile(language)) is None


BUNDLED_LINES = {lang: (BUNDLED / f"{lang}.txt").read_text(encoding="utf-8").split("\n") for lang in LANGUAGES}


@settings(max_examples=60)
@given(language=st.sampled_from(LANGUAGES), start=st.integers(0, 60), length=st.integers(25, 120))
def test_any_long_stretch_of_a_text_reads_as_its_own_language(language, start, length):
    """No false alarm: a stretch of the bundled law (whatever it holds) is never
    taken for another language, and is taken for its own by every other profile."""
    text = "\n".join(BUNDLED_LINES[language][start:start + length])
    assert language_findings(text, load_profile(language), "x.txt") == []
    for other in LANGUAGES:
        if other != language:
            [finding] = language_findings(text, load_profile(other), "x.txt")
            assert finding.code == "P203" and f"({language})" in finding.message


def test_strict_is_for_the_local_build(tmp_path):
    result = CliRunner().invoke(main, ["build", str(BUNDLED), "-o", str(tmp_path), "--strict",
                                       "--scheduler", "local:1"])
    assert result.exit_code == 2 and "--strict and --scheduler" in result.stderr
    assert not any(tmp_path.iterdir())
