"""``akn diff`` puts each finding in the right file and names units by their full number.

The reference is blamed when every other language agrees against it;
untranslated text is found paragraph by paragraph; inserted units keep their
letter (``Art. 23 a`` is "Article 23a"); two-letter language codes take the
three-letter profile.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from aknkit.akn import ids
from aknkit.akn.read import read_akn
from aknkit.cli import main
from aknkit.diff import Version, diff_versions, unit_name
from aknkit.text.profile import load_profile, profile_code
from aknkit.text.sources import read_source_folder

FIXTURES = Path(__file__).parent / "fixtures" / "diff"
LANGUAGES = ("kaz", "rus", "eng")


def text_case(case: str, tmp_path: Path) -> list[Version]:
    folder = tmp_path / "act"
    shutil.copytree(FIXTURES / "text" / "base", folder)
    for changed in (FIXTURES / "text" / case).glob("*.txt"):
        shutil.copy(changed, folder / changed.name)
    bundle = read_source_folder(folder)
    return [Version(bundle.acts[lang], bundle.acts[lang].source, ids.work_iri(bundle.work))
            for lang in bundle.languages]


def akn(path: Path) -> Version:
    document = read_akn(str(path))
    return Version(document.act, str(path), document.work_iri)


def test_a_heading_dropped_in_the_reference_text_is_reported_in_the_reference(tmp_path):
    [finding] = diff_versions(text_case("heading-dropped-in-reference", tmp_path)).findings
    assert (finding.code, Path(finding.file).name, finding.line) == ("D105", "kaz.txt", 12)
    assert finding.extra["language"] == "kaz"
    assert finding.message == ("kaz differs from rus, eng, which agree: Article 1 has a heading in rus "
                               "('Сфера действия') but none in kaz")


def test_a_heading_dropped_in_the_reference_document_is_reported_in_the_reference():
    case = FIXTURES / "akn" / "heading-dropped-in-reference"
    versions = [akn(case / "kaz.xml")] + [akn(FIXTURES / "base" / f"{lang}.xml") for lang in ("rus", "eng")]
    [finding] = diff_versions(versions).findings
    assert (finding.code, finding.file, finding.line) == ("D105", str(case / "kaz.xml"), 43)


def test_with_one_other_language_the_reference_is_not_blamed():
    case = FIXTURES / "akn" / "heading-dropped-in-reference"
    [finding] = diff_versions([akn(case / "kaz.xml"), akn(FIXTURES / "base" / "eng.xml")]).findings
    assert (finding.code, finding.extra["language"]) == ("D105", "eng")


def test_a_unit_only_the_reference_has_is_the_reference_s_extra_unit(tmp_path):
    folder = tmp_path / "act"
    shutil.copytree(FIXTURES / "text" / "base", folder)
    kaz = folder / "kaz.txt"
    kaz.write_text(kaz.read_text(encoding="utf-8").replace(
        "6-бап. Қолданысқа енгізу", "5-1-бап. Мұрағат\n\n      Есептер мұрағатта сақталады.\n\n"
        "6-бап. Қолданысқа енгізу"), encoding="utf-8")
    bundle = read_source_folder(folder)
    versions = [Version(bundle.acts[lang], bundle.acts[lang].source, ids.work_iri(bundle.work))
                for lang in bundle.languages]
    [finding] = diff_versions(versions).findings
    assert (finding.code, Path(finding.file).name, finding.line) == ("D102", "kaz.txt", 45)
    assert finding.message == "Article 5-1 exists in kaz only; rus, eng have no counterpart"


def test_a_body_left_in_english_under_a_translated_heading_is_found(tmp_path):
    findings = diff_versions(text_case("body-untranslated", tmp_path)).findings
    [untranslated] = [f for f in findings if f.code == "D205"]
    assert (Path(untranslated.file).name, untranslated.line) == ("rus.txt", 39)
    assert untranslated.message == "Article 4: a paragraph reads the same in rus as in eng (left untranslated?)"


def test_the_cli_prints_the_reference_file(tmp_path):
    folder = tmp_path / "act"
    shutil.copytree(FIXTURES / "text" / "base", folder)
    shutil.copy(FIXTURES / "text" / "heading-dropped-in-reference" / "kaz.txt", folder / "kaz.txt")
    result = CliRunner().invoke(main, ["diff", str(folder)])
    assert result.exit_code == 1
    findings = result.output.split("the number is the unit's line in that input")[1]
    assert f"\n{folder / 'kaz.txt'}\n" in findings and "eng.txt" not in findings and "rus.txt" not in findings


FEDLEX = FIXTURES / "fedlex-style"


def fedlex_versions() -> list[Version]:
    return [akn(FEDLEX / f"{lang}.xml") for lang in ("de", "it", "en")]


def test_an_inserted_article_keeps_its_letter():
    report = diff_versions(fedlex_versions())
    articles = [(row.eid, row.label) for row in report.rows if row.kind == "article"]
    assert articles == [("art_22", "Article 22"), ("art_23", "Article 23"), ("art_23_a", "Article 23a"),
                        ("art_24", "Article 24")]
    assert [u.label for u in report.rows[2].units.values()] == ["Art. 23"] * 3
    assert {row.units["de"].num for row in report.rows if row.eid == "art_23_a"} == {"23a"}


def test_a_one_word_heading_shared_by_two_languages_is_no_sign_of_untranslated_text():
    """Article 24 is headed "Evaluation" in German and in English."""
    report = diff_versions(fedlex_versions())
    assert [f.code for f in report.findings if f.code == "D205"] == []
    evaluation = next(row for row in report.rows if row.eid == "art_24")
    assert evaluation.units["de"].heading.text == evaluation.units["en"].heading.text == "Evaluation"


def test_two_letter_language_codes_take_the_three_letter_profile():
    assert (profile_code("en"), profile_code("ru"), profile_code("kk")) == ("eng", "rus", "kaz")
    assert profile_code("de") == "de" and load_profile("en").language == "eng"


def test_units_are_named_in_a_two_letter_language():
    assert unit_name("article", "5", "ru") == "Статья 5"


def test_two_letter_languages_without_a_profile_are_noted():
    notes = [(f.code, f.extra["language"]) for f in diff_versions(fedlex_versions()).findings]
    assert notes == [("D301", "de"), ("D301", "it")]


def test_number_keys_put_a_lettered_unit_between_its_neighbours():
    keys = [ids.number_key(n) for n in ("23", "23a", "23b", "24")]
    assert keys == sorted(keys) and len(set(keys)) == 4


CORPUS = Path(__file__).resolve().parents[2] / "shared" / "akn-corpus"
FEDLEX_DE = CORPUS / "ch_fedlex_SR-901.021_de.xml"


@pytest.mark.skipif(not FEDLEX_DE.is_file(), reason="the shared corpus of real AKN files is not here")
def test_a_real_fedlex_act_in_german_is_labelled_by_its_numbers(tmp_path):
    """The real German Fedlex act (two-letter code `de`, for which there is no
    profile): its six articles read as numbers 1 to 6, printed `Art. n`, and
    are named "Article n" in English reports (`en` takes the eng profile)."""
    document = read_akn(str(FEDLEX_DE))
    articles = document.act.articles()
    assert [(a.num, a.label) for a in articles] == [(str(n), f"Art. {n}") for n in range(1, 7)]
    assert [unit_name("article", a.num, "en") for a in articles] == [f"Article {n}" for n in range(1, 7)]
    assert profile_code(document.act.language) == "de"


def test_a_number_changed_in_the_reference_is_reported_in_the_reference(tmp_path):
    folder = tmp_path / "act"
    shutil.copytree(FIXTURES / "text" / "base", folder)
    kaz = folder / "kaz.txt"
    kaz.write_text(kaz.read_text(encoding="utf-8").replace("7 мүшеден", "9 мүшеден"), encoding="utf-8")
    bundle = read_source_folder(folder)
    versions = [Version(bundle.acts[lang], bundle.acts[lang].source, ids.work_iri(bundle.work))
                for lang in bundle.languages]
    [finding] = diff_versions(versions).findings
    assert (finding.code, Path(finding.file).name, finding.line) == ("D201", "kaz.txt", 18)
    assert finding.message == ("kaz differs from rus, eng, which agree: numbers in Article 2, paragraph 1 "
                               "differ: only in rus: 7; only in kaz: 9")


def test_a_body_left_in_russian_in_the_kazakh_reference_is_blamed_on_kazakh(tmp_path):
    """Russian text fits the Kazakh alphabet too; the tighter Russian one keeps it."""
    findings = diff_versions(text_case("body-untranslated-kaz", tmp_path)).findings
    assert sorted((f.code, Path(f.file).name, f.line) for f in findings) == [
        ("D201", "kaz.txt", 37), ("D203", "kaz.txt", 37), ("D205", "kaz.txt", 39)]


def test_a_body_left_in_russian_in_english_is_found_at_its_line(tmp_path):
    findings = diff_versions(text_case("body-untranslated-eng", tmp_path)).findings
    [untranslated] = [f for f in findings if f.code == "D205"]
    assert (Path(untranslated.file).name, untranslated.line) == ("eng.txt", 37)
    assert untranslated.message == "Article 4: a paragraph reads the same in eng as in rus (left untranslated?)"
