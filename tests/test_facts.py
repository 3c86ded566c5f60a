"""act.toml as a document: where each key is, and no input that raises.

The mistakes themselves, each with its code and line, are the fixtures of
tests/test_guard_build.py; here the line finder and open-ended input.
"""

from __future__ import annotations

import datetime as _dt
import json
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from aknkit.findings import RULES
from aknkit.text.facts import key_lines, load_facts
from helpers import BUNDLED, dedent


def test_lines_of_tables_keys_dotted_and_quoted_keys():
    text = dedent('''
        # a comment = not a key
        country = "kz"
        note = """
        fake = "inside a multi-line string"
        """
        signatory.id = "someone"
        [author]
        id = "body"
        "role_id" = "chair"
        name = { kaz = "A", rus = "B" }

        [author.role]
        eng = "Chair"
        ''')
    lines = key_lines(text)
    assert lines[("country",)] == 2
    assert ("fake",) not in lines and ("a comment",) not in lines
    assert lines[("signatory", "id")] == 6
    assert lines[("author",)] == 7 and lines[("author", "id")] == 8
    assert lines[("author", "role_id")] == 9 and lines[("author", "name")] == 10
    assert lines[("author", "role")] == 12 and lines[("author", "role", "eng")] == 13


def test_the_bundled_act_toml_has_no_findings():
    facts, findings = load_facts(BUNDLED / "act.toml")
    assert findings == [] and facts["number"] == "1007-XII"


KEYS = ["country", "doctype", "subtype", "date", "number", "master_language", "languages", "title",
        "author", "signatory", "place", "vote", "signatroy", "id", "name", "role", "role_id", "kaz", "eng"]
WORDS = st.text(alphabet=string.ascii_letters + string.digits + " -_.Қа", max_size=12)
SCALARS = st.one_of(WORDS, st.integers(-5, 3000), st.booleans(), st.dates(_dt.date(1900, 1, 1)),
                    st.lists(WORDS, max_size=3))


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, _dt.date)):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


@st.composite
def documents(draw) -> str:
    """A TOML document of known and unknown keys, scalars and tables of any type."""
    lines = [f"{key} = {_toml_value(draw(SCALARS))}"
             for key in draw(st.lists(st.sampled_from(KEYS), unique=True, max_size=8))]
    for table in draw(st.lists(st.sampled_from(KEYS), unique=True, max_size=4)):
        if any(line.startswith(f"{table} =") for line in lines):
            continue
        lines.append(f"[{table}]")
        lines += [f"{key} = {_toml_value(draw(SCALARS))}"
                  for key in draw(st.lists(st.sampled_from(KEYS), unique=True, max_size=4))]
    return "\n".join(lines) + "\n"


@settings(max_examples=100)
@given(documents())
def test_any_document_gives_findings_at_its_lines_never_an_exception(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("facts") / "act.toml"
    path.write_text(text, encoding="utf-8")
    facts, findings = load_facts(path)
    count = text.count("\n")
    for finding in findings:
        assert finding.code in RULES and finding.code.startswith("S")
        assert finding.file == str(path)
        assert finding.line is None or 1 <= finding.line <= count
    lines = key_lines(text)
    for key in facts:   # every key TOML read has a line to point at
        assert any(path[0] == key for path in lines), key
    required = {"country", "doctype", "date", "number", "master_language", "languages"}
    if not required <= set(facts):
        assert any(f.code in ("S101", "S001") for f in findings)


def test_a_broken_languages_key_gives_one_finding_not_one_per_table(tmp_path):
    text = (BUNDLED / "act.toml").read_text(encoding="utf-8").replace(
        'languages = ["kaz", "rus", "eng"]', 'languages = "kaz rus eng"')
    path = tmp_path / "act.toml"
    path.write_text(text, encoding="utf-8")
    _, findings = load_facts(path)
    assert [(f.code, f.line) for f in findings] == [("S102", 8)]
    assert "languages is a string; expected an array" in findings[0].message
