"""``aknkit.diff``: alignment of language versions and the findings on them.

Every fixture case injects one discrepancy into one language and lists the
findings it must produce as (code, unit eId, language); the test asserts that
exactly those are reported and nothing else.
"""

from __future__ import annotations

import copy
import dataclasses
import shutil
import tomllib
from pathlib import Path

import pytest

from aknkit.akn import ids
from aknkit.akn.read import read_akn
from aknkit.diff import Version, diff_versions, render_json, render_table, report_data, text_facts
from aknkit.findings import InputError
from aknkit.text.profile import load_profile
from aknkit.text.sources import read_source_folder

FIXTURES = Path(__file__).parent / "fixtures" / "diff"
LANGUAGES = ("kaz", "rus", "eng")


def akn_version(path: Path) -> Version:
    document = read_akn(str(path))
    return Version(document.act, str(path), document.work_iri)


def akn_versions(case: Path | None = None, languages=LANGUAGES) -> list[Version]:
    def path(lang):
        changed = case / f"{lang}.xml" if case else None
        return changed if changed and changed.exists() else FIXTURES / "base" / f"{lang}.xml"

    return [akn_version(path(lang)) for lang in languages]


def text_versions(folder: Path) -> list[Version]:
    bundle = read_source_folder(folder)
    return [Version(bundle.acts[lang], bundle.acts[lang].source, ids.work_iri(bundle.work))
            for lang in bundle.languages]


def with_changed_text(case: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "act"
    shutil.copytree(FIXTURES / "text" / "base", folder)
    spec = tomllib.loads((case / "case.toml").read_text(encoding="utf-8"))
    shutil.copy(case / spec["changed"], folder / spec["changed"])
    return folder


def found(report) -> list[tuple[str, str, str]]:
    return sorted((f.code, f.extra.get("unit") or "", f.extra["language"]) for f in report.findings)


def expected(case: Path) -> list[tuple[str, str, str]]:
    spec = tomllib.loads((case / "case.toml").read_text(encoding="utf-8"))
    return sorted(tuple(item) for item in spec["expect"])


def cases(kind: str) -> list[Path]:
    folder = FIXTURES / kind
    return sorted(p for p in folder.iterdir()
                  if (p / "case.toml").is_file()
                  and tomllib.loads((p / "case.toml").read_text())["expect"])


@pytest.mark.parametrize("case", cases("akn"), ids=lambda p: p.name)
def test_each_akn_discrepancy_is_reported_exactly(case):
    assert found(diff_versions(akn_versions(case))) == expected(case)


@pytest.mark.parametrize("case", cases("text"), ids=lambda p: p.name)
def test_each_text_discrepancy_is_reported_exactly(case, tmp_path):
    report = diff_versions(text_versions(with_changed_text(case, tmp_path)))
    assert found(report) == expected(case)


@pytest.mark.parametrize("versions", [
    lambda: akn_versions(),
    lambda: text_versions(FIXTURES / "text" / "base"),
    lambda: akn_versions(languages=("rus", "eng")),
], ids=["akn", "text", "two-languages"])
def test_identical_structures_report_nothing(versions):
    assert diff_versions(versions()).findings == []


def test_text_and_akn_of_the_same_law_align():
    """A text source and an AKN document of the same Work compare like any two versions."""
    kaz = text_versions(FIXTURES / "text" / "base")[0]
    eng = akn_version(FIXTURES / "base" / "eng.xml")
    assert diff_versions([kaz, eng]).findings == []


def test_a_unit_only_one_language_has_under_a_childless_unit_is_listed_once():
    """Rows without children share one empty list: a unit placed under one of
    them must not appear under every other childless unit too."""
    kaz, rus, eng = akn_versions()
    act = copy.deepcopy(eng.act)
    leaves = [unit for unit in act.unit_list() if not unit.children]
    extra = dataclasses.replace(leaves[1], eid=f"{leaves[0].eid}__extra", wid=None, children=[])
    leaves[0].children = [extra]
    report = diff_versions([kaz, rus, Version(act, eng.file, eng.work_iri)])
    assert [row.parent.eid for row in report.rows if row.eid == extra.eid] == [leaves[0].eid]
    assert all(child.parent is row for row in report.rows for child in row.children)


def test_a_missing_unit_names_its_label_lines_and_where_it_would_be():
    report = diff_versions(akn_versions(FIXTURES / "akn" / "deleted-article"))
    [finding] = report.findings
    assert finding.severity == "error"
    assert finding.message == "Article 4 is missing in eng (present in kaz, rus)"
    assert finding.path == "Article 4"
    assert finding.file.endswith("deleted-article/eng.xml")
    assert finding.line == 95  # the end of Article 3, where Article 4 would follow
    assert finding.extra["lines"] == {"kaz": 101, "rus": 102}


@pytest.mark.parametrize("case, message", [
    ("number-changed", "numbers in Article 4 differ: only in eng: 16; only in kaz: 15"),
    ("date-changed", "dates in Article 6 differ: only in eng: 2001-07-02; only in kaz: 2001-07-01"),
    ("nested-reference-changed", "references in Article 5 differ: only in eng: Article 2, paragraph 3; "
                                 "only in kaz: Article 2, paragraph 1"),
])
def test_content_findings_say_what_differs(case, message):
    [finding] = diff_versions(akn_versions(FIXTURES / "akn" / case)).findings
    assert finding.message == message


def test_wids_align_renumbered_units_that_eids_would_swap():
    case = FIXTURES / "akn" / "renumbered-with-wid"
    messages = [f.message for f in diff_versions(akn_versions(case)).findings]
    assert messages == [
        "Article 4 is numbered 'Article 5.' in eng but '4-бап.' in kaz",
        "Article 5 is numbered 'Article 4.' in eng but '5-бап.' in kaz",
    ]


def test_without_wids_renumbered_units_look_swapped():
    """The same document aligns by eId: the units look swapped and their
    contents (numbers, references) disagree with their counterparts."""
    versions = akn_versions(FIXTURES / "akn" / "renumbered-with-wid")
    for unit in versions[2].act.units():
        unit.wid = None
    assert found(diff_versions(versions)) == [
        ("D104", "art_5", "eng"), ("D201", "art_4", "eng"), ("D201", "art_5", "eng"),
        ("D203", "art_4", "eng"), ("D203", "art_5", "eng")]


def test_master_expression_is_the_reference_whatever_the_input_order():
    report = diff_versions(akn_versions(FIXTURES / "akn" / "number-changed",
                                        languages=("eng", "rus", "kaz")))
    assert report.reference == "kaz"
    assert report.languages == ["kaz", "eng", "rus"]
    assert found(report) == [("D201", "art_4", "eng")]


def test_without_a_master_the_first_input_is_the_reference():
    versions = akn_versions(languages=("rus", "eng"))
    for version in versions:
        version.act.work = dataclasses.replace(version.act.work, master_language=None)
    assert diff_versions(versions).reference == "rus"


def test_documents_without_ids_align_by_number_roman_or_arabic():
    versions = akn_versions(languages=("kaz", "eng"))
    for unit in versions[1].act.units():
        unit.eid = None
        if unit.kind == "chapter":
            unit.num = {"1": "I", "2": "II"}[unit.num]
            unit.label = f"Chapter {unit.num}"
    assert diff_versions(versions).findings == []


def test_a_duplicated_number_is_a_numbering_error_not_a_gap():
    """Two "Article 5" in eng (the first should be 4): eIds are ambiguous, so the
    units are paired by position and the wrong number is reported."""
    versions = akn_versions(languages=("kaz", "eng"))
    article4 = next(u for u in versions[1].act.units() if u.eid == "art_4")
    article4.num, article4.label, article4.eid = "5", "Article 5.", "art_5"
    assert found(diff_versions(versions)) == [("D103", "art_4", "eng")]


def test_language_without_a_profile_is_compared_structurally_with_a_note():
    versions = akn_versions(languages=("kaz", "eng"))
    versions[1].act.language = "fra"
    versions[1].act.preamble.pop()
    report = diff_versions(versions)
    assert found(report) == [("D107", "preamble", "fra"), ("D301", "", "fra")]
    note = next(f for f in report.findings if f.code == "D301")
    assert note.severity == "info"


def test_unit_labels_in_another_language():
    report = diff_versions(akn_versions(FIXTURES / "akn" / "paragraphs-merged"), label_language="rus")
    [finding] = report.findings
    assert finding.path == "Статья 2"
    labels = [row.label for row in report.rows]
    assert "Статья 2, пункт 3" in labels and "Глава 1" in labels and labels[0] == "Преамбула"


def test_a_single_input_is_refused():
    [kaz, _, _] = akn_versions()
    with pytest.raises(InputError) as single:
        diff_versions([kaz])
    assert [f.code for f in single.value.findings] == ["D001"]


def test_a_language_given_twice_is_refused():
    [kaz, rus, eng] = akn_versions()
    with pytest.raises(InputError) as twice:
        diff_versions([kaz, rus, _as_language(eng, "rus")])
    assert [f.code for f in twice.value.findings] == ["D002"]
    assert "rus appears twice" in twice.value.findings[0].message


def test_an_expression_of_another_work_is_refused():
    [kaz, _, eng] = akn_versions()
    with pytest.raises(InputError) as other:
        diff_versions([kaz, Version(eng.act, eng.file, "/akn/kz/act/2002-01-01/7")])
    [finding] = other.value.findings
    assert finding.code == "D003"
    assert finding.message == ("not an expression of the same Work: /akn/kz/act/2002-01-01/7 here, "
                               f"/akn/kz/act/law/2001-05-10/42-II in {kaz.file}")


def _as_language(version: Version, language: str) -> Version:
    act = copy.copy(version.act)
    act.language = language
    return Version(act, "copy.xml", version.work_iri)


@pytest.mark.parametrize("lang, text", [
    ("rus", "с 16 декабря 1991 года по 16.12.1991, пункт 2 статьи 8, 1 000 тенге"),
    ("eng", "from December 16, 1991 to 16.12.1991, paragraph 2 of Article 8, 1,000 tenge"),
    ("kaz", "1991 жылғы 16 желтоқсаннан 16.12.1991 дейін, 8-баптың 2-тармағы, 1 000 теңге"),
])
def test_text_facts_normalise_dates_and_keep_references_apart(lang, text):
    facts = text_facts(text, load_profile(lang))
    assert facts.dates == ("1991-12-16", "1991-12-16")
    assert facts.numbers == ("1000",)
    assert facts.references == ((("article", ((0, 8, ""),)), ("paragraph", ((0, 2, ""),))),)


def test_table_has_units_down_languages_across_then_findings():
    report = diff_versions(akn_versions(FIXTURES / "akn" / "deleted-article"))
    table = render_table(report)
    lines = table.splitlines()
    header = next(line for line in lines if line.startswith("unit"))
    assert header.split() == ["unit", "kaz", "rus", "eng"]
    row = next(line for line in lines if line.strip().startswith("Article 4 "))
    assert row.split()[2:] == ["ok", "101", "ok", "102", "E", "-"]
    assert "D101  Article 4 is missing in eng (present in kaz, rus)" in table
    assert lines[-1] == "1 error in 1 file"


def test_json_carries_units_cells_and_findings():
    import json

    data = json.loads(render_json(diff_versions(akn_versions(FIXTURES / "akn" / "untranslated"))))
    assert data["reference"] == "kaz"
    assert data["summary"] == {"error": 0, "warning": 1, "info": 0}
    [finding] = data["findings"]
    assert (finding["code"], finding["path"], finding["extra"]["unit"]) == (
        "D205", "Article 3, subparagraph 3)", "art_3__point_3")
    point = next(u for u in data["units"] if u["eid"] == "art_3__point_3")
    assert point["cells"]["eng"]["mark"] == "warning"
    assert point["cells"]["rus"]["mark"] == "ok"


def test_report_data_of_identical_versions_has_no_findings():
    assert report_data(diff_versions(akn_versions()))["findings"] == []


def test_bundled_law_reports_only_the_true_difference():
    """The eng translation runs the preamble into one paragraph; kaz and rus have seven."""
    report = diff_versions(text_versions(Path(__file__).parents[1] / "sources" / "kz-1991-1007-XII"))
    assert [(f.code, f.extra["language"], f.message) for f in report.findings] == [
        ("D107", "eng", "the preamble has 1 paragraph in eng but 7 in kaz")]
    assert len(report.rows) == 1 + 7 + 18 + 6


def test_untranslated_text_is_blamed_on_the_language_whose_alphabet_it_is_not_in():
    """eng left in Russian reads the same as rus; eng is flagged even when it comes first."""
    case = FIXTURES / "akn" / "untranslated"
    report = diff_versions(akn_versions(case, languages=("eng", "kaz", "rus")))
    [finding] = report.findings
    assert (finding.code, finding.extra["language"]) == ("D205", "eng")
    assert finding.message == "Article 3, subparagraph 3) reads the same in eng as in rus (left untranslated?)"


def test_structure_only_skips_the_content_checks():
    numbers = akn_versions(FIXTURES / "akn" / "number-changed")
    assert diff_versions(numbers, content=False).findings == []


def test_structure_only_still_finds_a_missing_unit():
    deleted = akn_versions(FIXTURES / "akn" / "deleted-article")
    assert found(diff_versions(deleted, content=False)) == [("D101", "art_4", "eng")]


def test_article_excluded_in_one_text_version_only(tmp_path):
    from helpers import write_source

    folder = write_source(tmp_path / "act", {
        "rus": "Пример\n\nСтатья 1. Первая.\n\nСтатья 2. Исключена Законом РК от 01.02.2003 № 5.\n",
        "eng": "Example\n\nArticle 1. First.\n\nArticle 2. Second.\n",
    })
    report = diff_versions(text_versions(folder))
    assert [(f.code, f.extra["language"]) for f in report.findings] == [("D109", "eng")]
