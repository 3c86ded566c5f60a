"""Inputs that once broke something, replayed (tests/fixtures/regressions/README.md says what)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from aknkit import parse_text
from aknkit.akn.read import read_akn_bytes
from aknkit.akn.safexml import parse_bytes
from aknkit.diff import Version, diff_versions
from aknkit.findings import InputError
from aknkit.text.coverage import missing_text, squeeze
from aknkit.text.parse import decode_source
from aknkit.text.unparse import unparse_bytes
from aknkit.validate import check_bytes
from helpers import WORK, akn, check_text_input, write_source

REGRESSIONS = Path(__file__).parent / "fixtures" / "regressions"
TEXTS = sorted(REGRESSIONS.glob("*.txt"))
DOCUMENTS = sorted(REGRESSIONS.glob("*.xml"))


def test_there_are_regressions_of_both_kinds():
    assert TEXTS and DOCUMENTS


@pytest.mark.parametrize("path", TEXTS + DOCUMENTS, ids=lambda p: p.name)
def test_every_regression_is_described(path):
    described = (REGRESSIONS / "README.md").read_text(encoding="utf-8")
    assert f"`{path.name}`" in described, path.name


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_text_regressions_parse_and_round_trip_or_are_refused(path):
    language = path.name.rsplit(".", 2)[1]
    check_text_input(path.read_bytes(), language)


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_text_regressions_round_trip_without_signatory_facts(path):
    """Without [signatory] in act.toml, names stay inside the signature's text."""
    language = path.name.rsplit(".", 2)[1]
    try:
        text = decode_source(path.read_bytes(), path.name)
        parse_text(text, language)
    except InputError:
        return

    def plain(source: str) -> bytes:
        from aknkit import serialise, to_akn
        from aknkit.akn.ids import assign_eids

        act = parse_text(source, language)
        act.work = WORK
        assign_eids(act)
        return serialise(to_akn(act))

    first = plain(text)
    assert plain(unparse_bytes(first, "x.xml")).decode() == first.decode()


def test_refused_control_characters_are_located():
    path = REGRESSIONS / "noncharacter-in-text.rus.txt"
    with pytest.raises(InputError) as refusal:
        parse_text(decode_source(path.read_bytes(), path.name), "rus", source=path.name)
    finding = refusal.value.findings[0]
    assert (finding.code, finding.line) == ("P003", 3)
    assert "U+FFFF" in finding.message


def test_text_after_a_closed_list_keeps_its_place():
    source = (REGRESSIONS / "text-between-points.kaz.txt").read_text(encoding="utf-8")
    data = akn(source, "kaz")
    body = squeeze("".join(etree.fromstring(data).find(".//{*}body").itertext()))
    assert body.index(squeeze("Тізімнен кейінгі мәтін.")) < body.index(squeeze("2) екінші ұғым."))


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_document_regressions_unparse_without_losing_text(path):
    data = path.read_bytes()
    text = unparse_bytes(data, path.name)
    assert missing_text(parse_bytes(data), text) == []


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_document_regressions_validate_and_diff_without_traceback(path):
    data = path.read_bytes()
    assert all(f.code and f.file == path.name for f in check_bytes(data, path.name))
    one = read_akn_bytes(data, path.name)
    other = read_akn_bytes(data.replace(b'language="eng"', b'language="rus"').replace(b"/eng@", b"/rus@"), "rus.xml")
    report = diff_versions([Version(one.act, path.name, one.work_iri), Version(other.act, "rus.xml", other.work_iri)])
    assert all(f.code.startswith("D") for f in report.findings)


def test_two_signatures_build_and_stay_two(tmp_path):
    from click.testing import CliRunner

    from aknkit.cli import main

    text = (REGRESSIONS / "two-signatures.rus.txt").read_text(encoding="utf-8")
    folder = write_source(tmp_path / "joint", {"rus": text})
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    data = (tmp_path / "out" / "joint" / "rus.xml").read_bytes()
    signatures = etree.fromstring(data).findall(".//{*}conclusions//{*}signature")
    assert ["".join(s.itertext()) for s in signatures] == [
        "ПрезидентРеспублики Казахстан Н. НАЗАРБАЕВ", "ПредседательВерховного Совета С. АБДИЛЬДИН"]
    assert unparse_bytes(data, "rus.xml").count("НАЗАРБАЕВ") == 1
