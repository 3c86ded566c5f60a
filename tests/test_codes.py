"""The one registry of every code: complete, used, documented.

A code literal anywhere in src/ must be registered; every registered code must
be used somewhere in src/; the README's code tables are the registry's own
Markdown (`akn rules --format markdown PREFIX...`), so a code cannot be emitted
without being documented. Set AKN_UPDATE_README=1 to rewrite those tables from
the registry instead of comparing them.
"""

from __future__ import annotations

import json
import os
import re

import pytest
from click.testing import CliRunner

from aknkit.cli import main
from aknkit.findings import ERROR, INFO, RULES, WARNING, rules_markdown, select_rules
from helpers import REPO

SRC = REPO / "src" / "aknkit"
# A code as a string literal: "AKN001", 'P105', "S201", and the retired XML-* style.
CODE_LITERAL = re.compile(r"""["']((?:AKN|[A-Z])\d{3}|XML-[A-Z-]+)["']""")
MARKER = re.compile(r"^<!-- akn rules --format markdown ([A-Z0-9 ]+) -->\n", re.M)
COMMANDS = {"build", "parse", "validate", "diff", "unparse", "render", "index"}


def code_literals() -> dict[str, list[str]]:
    """Every code literal in the package's sources, with where it is."""
    found: dict[str, list[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for match in CODE_LITERAL.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.setdefault(match.group(1), []).append(f"{path.relative_to(REPO)}:{line}")
    return found


def test_every_code_in_the_sources_is_registered():
    unregistered = {code: where for code, where in code_literals().items() if code not in RULES}
    assert not unregistered, f"register these codes in src/aknkit/findings.py (_RULES): {unregistered}"


def test_every_registered_code_is_used_outside_the_registry():
    used = {code for code, where in code_literals().items()
            if any(not w.startswith("src/aknkit/findings.py") for w in where)}
    assert set(RULES) - used == set()


@pytest.mark.parametrize("code", sorted(RULES))
def test_each_rule_is_complete(code):
    rule = RULES[code]
    assert re.fullmatch(r"(AKN|[A-Z])\d{3}", code), code
    assert rule.severity in (ERROR, WARNING, INFO), code
    assert rule.summary and "\n" not in rule.summary and "|" not in rule.summary, code
    assert rule.commands and set(rule.commands) <= COMMANDS, code
    assert rule.section, code
    assert (rule.level is not None) == (rule.family == "AKN"), code


def readme_tables(readme: str) -> list[tuple[list[str], int, int]]:
    """(prefixes, start, end) of every generated table: the ``|`` lines right after its marker."""
    tables = []
    for marker in MARKER.finditer(readme):
        start = end = marker.end()
        while readme.startswith("|", end):
            end = readme.index("\n", end) + 1
        tables.append((marker.group(1).split(), start, end))
    return tables


def test_readme_code_tables_are_the_registry():
    path = REPO / "README.md"
    readme = path.read_text(encoding="utf-8")
    tables = readme_tables(readme)
    covered = {rule.code for prefixes, _, _ in tables for rule in select_rules(prefixes)}
    assert covered == set(RULES), f"no README table lists {sorted(set(RULES) - covered)}"
    if os.environ.get("AKN_UPDATE_README"):
        for prefixes, start, end in reversed(tables):
            readme = readme[:start] + rules_markdown(select_rules(prefixes)) + readme[end:]
        path.write_text(readme, encoding="utf-8")
        return
    for prefixes, start, end in tables:
        assert readme[start:end] == rules_markdown(select_rules(prefixes)), \
            f"README table for {prefixes} differs from the registry; run AKN_UPDATE_README=1 pytest {__file__}"


def test_rules_prints_every_family():
    everything = CliRunner().invoke(main, ["rules"]).output.splitlines()
    assert [line.split()[0] for line in everything] == [rule.code for rule in select_rules()]
    assert {RULES[line.split()[0]].family for line in everything} >= {"AKN", "P", "S", "B", "D", "U", "R"}


def test_rules_filters_by_prefix():
    some = CliRunner().invoke(main, ["rules", "p", "S0"]).output.splitlines()
    assert [line.split()[0] for line in some] == sorted(c for c in RULES if c.startswith(("P", "S0")))


def test_rules_as_json():
    listed = json.loads(CliRunner().invoke(main, ["rules", "D1", "--format", "json"]).output)
    assert listed[0] == {"code": "D101", "severity": "error", "summary": RULES["D101"].summary,
                         "commands": ["diff", "build"], "section": "-", "level": None}


def test_rules_refuses_an_unknown_prefix():
    unknown = CliRunner().invoke(main, ["rules", "Q9"])
    assert unknown.exit_code == 2 and "Q9 is no code or code prefix" in unknown.output
