"""akn validate: the checker's API over handcrafted fixtures.

Every fixture under tests/fixtures/validate/ states its own expectations: the
comment ``<!--! AKNxxx -->`` marks each line where a finding of that code is
expected, and a file without markers must have no findings at all. The
conformant documents in pass/ cover every AKN 3.0 document type; each file in
fail/ is one of them with a single defect.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from aknkit.akn.safexml import parse_file
from aknkit.akn.schema import AKN_NS
from aknkit.findings import Finding
from aknkit.validate import RULES, check_bytes, check_file, check_tree
from aknkit.validate.registry import matches

FIXTURES = Path(__file__).parent / "fixtures" / "validate"
PASSING = sorted((FIXTURES / "pass").glob("*.xml"))
FAILING = sorted((FIXTURES / "fail").glob("*.xml"))
INPUTS = sorted((FIXTURES / "input").iterdir())
ALL = PASSING + FAILING + INPUTS
_MARK = re.compile(r"<!--!((?: AKN\d{3})+) -->")


def expected_findings(path: Path) -> set[tuple[str, int]]:
    """(code, line) for every marker in the file."""
    expected = set()
    text = path.read_bytes().decode("utf-8", errors="replace")
    for number, line in enumerate(text.splitlines(), start=1):
        for mark in _MARK.finditer(line):
            expected |= {(code, number) for code in mark.group(1).split()}
    return expected


def located(findings) -> set[tuple[str, int | None]]:
    return {(f.code, f.line) for f in findings}


def test_there_are_fixtures_of_every_kind():
    assert len(PASSING) >= 12 and len(FAILING) >= 40 and len(INPUTS) >= 8


@pytest.mark.parametrize("path", PASSING, ids=lambda p: p.name)
def test_conformant_documents_have_no_findings(path):
    assert check_file(path) == []


def test_conformant_documents_cover_every_document_type():
    from aknkit.validate.schema_facts import schema_facts

    doctypes = {etree.QName(parse_file(str(p)).getroot()[0]).localname for p in PASSING}
    assert doctypes == set(schema_facts().document_types)


@pytest.mark.parametrize("path", FAILING + INPUTS, ids=lambda p: p.name)
def test_each_defect_is_reported_with_its_code_on_its_line(path):
    expected = expected_findings(path)
    assert expected, f"{path.name} marks no expected finding"
    assert located(check_file(path)) == expected


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_both_schema_engines_agree(path):
    by_lxml = check_file(path, engine="lxml")
    by_xmlschema = check_file(path, engine="xmlschema")
    assert bool(by_lxml) == bool(by_xmlschema)
    assert located(by_lxml) == located(by_xmlschema)


def test_every_rule_has_a_failing_fixture():
    marked = {code for path in FAILING + INPUTS for code, _ in expected_findings(path)}
    # Tested by their own tests below: the size limit, empty input, unreadable
    # files, and the fallback for schema errors no rule names.
    elsewhere = {"AKN003", "AKN004", "AKN005", "AKN199"}
    assert set(RULES) - elsewhere <= marked
    assert not (elsewhere & marked)


@pytest.mark.parametrize("path", FAILING, ids=lambda p: p.name)
def test_fixture_failures_are_named_after_their_code(path):
    code = path.name.split("-", 1)[0]
    assert code in {c for c, _ in expected_findings(path)}, path.name


# --- Level 1 only --------------------------------------------------------------------

def test_level_1_leaves_out_a_naming_defect():
    naming_defect = FIXTURES / "fail" / "AKN304-prefix-not-enclosing.xml"
    assert check_file(naming_defect, level=1) == []


def test_level_1_reports_a_schema_defect():
    schema_defect = FIXTURES / "fail" / "AKN103-attribute-not-allowed.xml"
    assert {f.code for f in check_file(schema_defect, level=1)} == {"AKN103"}


@pytest.mark.parametrize("path", FAILING, ids=lambda p: p.name)
def test_level_1_codes_are_the_schema_codes(path):
    for finding in check_file(path, level=1):
        assert RULES[finding.code].level == 1


# --- the public API ------------------------------------------------------------------

def test_findings_carry_file_line_and_xpath():
    path = FIXTURES / "fail" / "AKN401-dangling-href.xml"
    [finding] = check_file(path)
    assert finding.file == str(path)
    assert finding.severity == "error"
    assert finding.path == "/akomaNtoso/act/body/chapter[1]/article[1]/content/p/ref"
    tree = parse_file(str(path))
    [element] = tree.xpath(_namespaced(finding.path), namespaces={"a": AKN_NS})
    assert element.get("href") == "#art_9"


def _namespaced(path: str) -> str:
    return "/".join(f"a:{step}" if step else "" for step in path.split("/"))


def test_schema_findings_carry_the_xpath_of_the_element():
    path = FIXTURES / "fail" / "AKN101-unexpected-element.xml"
    [finding] = check_file(path)
    assert finding.path.endswith("/point[1]/content/bogus")
    assert "not expected here; expected one of `blockList`" in finding.message


def test_check_tree_works_on_a_document_built_in_memory():
    rebuilt = etree.ElementTree(_built_in_memory(parse_file(str(PASSING[0])).getroot()))
    assert rebuilt.getroot().sourceline is None
    assert check_tree(rebuilt, "memory.xml") == []


def test_findings_on_a_document_built_in_memory_have_a_path_and_no_line():
    rebuilt = etree.ElementTree(_built_in_memory(parse_file(str(PASSING[0])).getroot()))
    article = rebuilt.find(f".//{{{AKN_NS}}}article")
    article.set("eId", "art_99")
    findings = check_tree(rebuilt, "memory.xml")
    assert {f.code for f in findings} >= {"AKN303"}
    assert all(f.line is None and f.path for f in findings)


def _built_in_memory(source: etree._Element) -> etree._Element:
    """A copy made element by element, as an emitter makes one: no source lines."""
    element = etree.Element(source.tag, dict(source.attrib), nsmap=source.nsmap)
    element.text, element.tail = source.text, source.tail
    for child in source:
        if isinstance(child.tag, str):
            element.append(_built_in_memory(child))
    return element


def test_check_bytes_and_check_file_agree():
    path = FAILING[0]
    assert check_bytes(path.read_bytes(), str(path)) == check_file(path)


def test_findings_are_sorted_by_line():
    path = FIXTURES / "fail" / "AKN214-no-at.xml"
    lines = [f.line for f in check_file(path)]
    assert lines == sorted(lines)


def test_a_missing_file_is_a_finding(tmp_path):
    [missing] = check_file(tmp_path / "absent.xml")
    assert (missing.code, missing.severity) == ("AKN005", "error")
    assert "No such file" in missing.message


def test_a_folder_is_a_finding(tmp_path):
    [folder] = check_file(tmp_path)
    assert folder.code == "AKN005" and "directory" in folder.message


def test_an_empty_file_is_one_finding(tmp_path):
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"")
    assert [f.code for f in check_file(empty)] == ["AKN004"]


def test_blank_bytes_are_one_finding():
    assert [f.code for f in check_bytes(b"  \n", "blank.xml")] == ["AKN004"]


def test_size_limit_is_one_finding(tmp_path):
    big = tmp_path / "big.xml"
    big.write_bytes(PASSING[0].read_bytes())
    [finding] = check_file(big, max_bytes=1000)
    assert finding.code == "AKN003" and "--max-bytes" in finding.message


def test_a_file_within_the_size_limit_is_checked(tmp_path):
    big = tmp_path / "big.xml"
    big.write_bytes(PASSING[0].read_bytes())
    assert check_file(big, max_bytes=10**6) == []


@pytest.mark.parametrize("option", [{"level": 3}, {"engine": "saxon"}], ids=["level", "engine"])
def test_bad_level_or_engine_is_a_programming_error(option):
    tree = parse_file(str(PASSING[0]))
    with pytest.raises(ValueError):
        check_tree(tree, "x.xml", **option)


def test_checking_prints_nothing(capsys):
    for path in FAILING[:5] + INPUTS:
        check_file(path)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_every_finding_names_a_registered_rule(path):
    for finding in check_file(path):
        assert finding.code in RULES
        assert finding.severity == RULES[finding.code].severity


@pytest.mark.parametrize("prefixes, selected", [
    (["AKN3"], True), (["akn301"], True), (["AKN2", "AKN302"], False),
])
def test_code_selection_by_prefix(prefixes, selected):
    assert matches("AKN301", prefixes) is selected


# --- robustness: any damage to a document is a finding, never an exception ----------------

_BASE = parse_file(str(FIXTURES / "pass" / "act-translation.xml"))
_ELEMENTS = len(list(_BASE.getroot().iter()))


@pytest.mark.parametrize("level", [1, 2])
@settings(max_examples=60)
@given(index=st.integers(0, _ELEMENTS - 1),
       action=st.sampled_from(["delete", "rename", "attribute", "text"]),
       value=st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12))
def test_damaged_documents_give_findings_not_exceptions(level, index, action, value):
    tree = copy.deepcopy(_BASE)
    element = list(tree.getroot().iter())[index]
    if action == "delete" and element.getparent() is not None:
        element.getparent().remove(element)
    elif action == "rename":
        element.tag = f"{{{AKN_NS}}}{'x' + re.sub(r'[^A-Za-z0-9]', '', value)}"
    elif action == "attribute":
        name = next(iter(element.attrib), "eId")
        element.set(name, value)
    else:
        element.text = value
    findings = check_tree(tree, "damaged.xml", level=level)
    assert all(isinstance(f, Finding) and f.code in RULES for f in findings)


# --- the pieces the rules stand on ---------------------------------------------------------

@pytest.mark.parametrize("code, valid", [
    ("kz", True), ("KZ", True), ("it-45", True), ("eu", True), ("za", True),
    ("kaz", False), ("gb-ukm", False), ("uk-xx", False), ("", False),
])
def test_countries(code, valid):
    from aknkit.validate.isocodes import is_country

    assert is_country(code) is valid


@pytest.mark.parametrize("code, valid", [
    ("kaz", True), ("rus", True), ("eng", True), ("mul", True), ("und", True), ("fre", True),
    ("fra", True), ("sla", True), ("en", False), ("esp", False), ("xxq", False), ("english", False),
])
def test_languages(code, valid):
    from aknkit.validate.isocodes import is_language

    assert is_language(code) is valid


@pytest.mark.parametrize("number, printed, agrees", [
    ("1", "1.", True), ("a", "(a)", True), ("5", "Статья 5.", True), ("5", "5-бап.", True),
    ("11-2bis", "Art. 11.2 bis", True), ("3bis", "Article 3 bis.", True), ("IV", "Chapter IV", True),
    ("3", "Article 3 bis.", False), ("V", "Chapter IV", False), ("2", "12", False), ("1a", "1A.", False),
])
def test_eid_numbers_come_from_num(number, printed, agrees):
    from aknkit.validate.identifiers import number_matches

    assert number_matches(number, printed) is agrees


@pytest.mark.parametrize("eid, problem", [
    ("art_1", None), ("chp_1__art_5", None), ("sec_1__subsec_2__list_1__item_a", None), ("art_3-1", None),
    ("art/1", "contains `/`"), ("art_1__", "a step is empty"), ("art_", "empty number"),
    ("_1", "does not start with an element_ref"), ("1art", "must be letters and digits"),
    ("art_1#2", "contains `#`"),
])
def test_eid_syntax(eid, problem):
    from aknkit.validate.identifiers import syntax_problem

    found = syntax_problem(eid)
    assert (found is None) if problem is None else (problem in found)


def test_schema_errors_no_rule_names_are_kept_whole():
    from types import SimpleNamespace

    from aknkit.validate.lxml_engine import _read
    from aknkit.validate.violations import message

    tree = parse_file(str(PASSING[0]))
    entry = SimpleNamespace(message=f"Element '{{{AKN_NS}}}act': Something unforeseen happened.",
                            line=4, column=0, path="/*/*")
    violation = _read(tree, entry)
    assert violation.code == "AKN199" and violation.line == 4
    assert message(violation) == "`act`: Something unforeseen happened."
    assert violation.element is tree.getroot()[0]
