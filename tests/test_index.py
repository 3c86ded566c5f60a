"""`akn index`: a catalogue of built documents, queried as a user would with SQL."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from aknkit.cli import main
from helpers import OUTPUT, REPO

FIXTURES = Path(__file__).parent / "fixtures" / "index"
CORPUS = REPO.parent / "shared" / "akn-corpus"
AMENDED = "/akn/kz/act/law/2010-05-04/270-IV"
AMENDING = "/akn/kz/act/law/2013-07-03/121-V"


def index(*args: str):
    return CliRunner().invoke(main, ["index", *args])


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory) -> sqlite3.Connection:
    """One catalogue for the module: the tests only query it."""
    target = tmp_path_factory.mktemp("index") / "catalogue.sqlite"
    result = index(str(FIXTURES), str(OUTPUT), "-o", str(target))
    assert result.exit_code == 0, result.output
    return sqlite3.connect(target)


def test_every_language_version_is_an_expression_of_one_work(catalogue):
    rows = catalogue.execute(
        "SELECT language, date, repealed FROM expressions WHERE work_iri = ? ORDER BY language",
        ("/akn/kz/act/constitutional-law/1991-12-16/1007-XII",)).fetchall()
    assert rows == [("eng", "1991-12-16", 0), ("kaz", "1991-12-16", 0), ("rus", "1991-12-16", 0)]


def test_each_work_is_catalogued_once(catalogue):
    assert catalogue.execute("SELECT count(*) FROM works").fetchone() == (3,)


def test_units_keep_their_eids_numbers_headings_and_parents(catalogue):
    rows = catalogue.execute(
        "SELECT eid, kind, num, heading, parent_eid FROM units "
        "WHERE expression_iri LIKE '%/eng@1991-12-16' AND eid IN ('chp_1', 'art_1') ORDER BY position").fetchall()
    assert rows == [("chp_1", "chapter", "1", "Republic of Kazakhstan – Independent State", None),
                    ("art_1", "article", "1", None, "chp_1")]


def test_every_article_is_a_unit(catalogue):
    articles = catalogue.execute("SELECT count(*) FROM units WHERE kind = 'article' "
                                 "AND expression_iri LIKE '%/rus@1991-12-16'").fetchone()
    assert articles == (18,)


def test_which_units_cite_article_5_of_another_act(catalogue):
    rows = catalogue.execute("SELECT citing_work_iri, citing_eid, text FROM cited_by "
                             "WHERE cited_work_iri = ? AND cited_eid = 'art_5'", (AMENDING,)).fetchall()
    assert rows == [(AMENDED, "art_2__para_1", "Article 5 of the Law No. 121-V")]


def test_references_outside_the_catalogue_or_to_missing_units_stay_unresolved(catalogue):
    rows = catalogue.execute("SELECT citing_eid, href, cited_work_iri, cited_eid, resolved, line FROM refs "
                             "WHERE expression_iri LIKE ? ORDER BY line", (AMENDED + "%",)).fetchall()
    assert rows == [
        ("art_1", "#art_2", AMENDED, "art_2", 1, 56),
        ("art_1", "#art_9", AMENDED, "art_9", 0, 56),
        ("art_2__para_1", f"{AMENDING}/~art_5", AMENDING, "art_5", 1, 65),
        ("art_2__para_2", "/akn/kz/act/law/2001-01-15/140-II", "/akn/kz/act/law/2001-01-15/140-II", None, 0, 71),
    ]


def test_which_acts_amended_this_one_and_when(catalogue):
    events = catalogue.execute("SELECT date, type, source_iri FROM events WHERE expression_iri LIKE ? "
                               "ORDER BY date", (AMENDED + "%",)).fetchall()
    assert events == [("2010-05-04", "generation", f"{AMENDED}/eng@2010-05-04"),
                      ("2013-07-03", "amendment", AMENDING)]


def test_which_provisions_another_act_substituted(catalogue):
    mods = catalogue.execute("SELECT direction, type, source_iri, destination_eid FROM modifications "
                             "WHERE expression_iri LIKE ?", (AMENDED + "%",)).fetchall()
    assert mods == [("passive", "substitution", AMENDING, "art_2")]


def test_the_same_documents_give_the_same_bytes(tmp_path):
    first, second = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    assert index(str(OUTPUT), str(FIXTURES), "-o", str(first)).exit_code == 0
    assert index(str(FIXTURES / "amending-law.xml"), str(FIXTURES / "amended-law.xml"), str(OUTPUT),
                 "-o", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def test_json_lines_hold_one_row_per_line():
    result = index(str(FIXTURES), "--format", "jsonl")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    works = [row["work_iri"] for row in rows if row["table"] == "works"]
    assert works == [AMENDED, AMENDING]
    assert sum(row["table"] == "refs" for row in rows) == 4


def test_an_unreadable_document_is_reported_and_the_rest_catalogued(tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text("<akomaNtoso><act>", encoding="utf-8")
    target = tmp_path / "catalogue.sqlite"
    result = index(str(FIXTURES), str(broken), "-o", str(target))
    assert result.exit_code == 1
    assert f"{broken}\n      1:18  error" in result.stderr and "not well-formed" in result.stderr
    assert sqlite3.connect(target).execute("SELECT count(*) FROM expressions").fetchone() == (2,)


def test_a_document_given_twice_is_refused_naming_both_files(tmp_path):
    copy = tmp_path / "copy.xml"
    copy.write_bytes((FIXTURES / "amending-law.xml").read_bytes())
    result = index(str(FIXTURES), str(copy), "-o", str(tmp_path / "c.sqlite"))
    assert result.exit_code == 1
    assert "C101" in result.stderr and "amending-law.xml" in result.stderr and str(copy) in result.stderr


def test_nothing_to_catalogue_leaves_the_old_catalogue(tmp_path):
    target = tmp_path / "catalogue.sqlite"
    target.write_bytes(b"previous")
    result = index(str(tmp_path / "nothing-here.xml"), "-o", str(target))
    assert result.exit_code == 1 and "nothing catalogued" in result.stderr
    assert target.read_bytes() == b"previous"


def test_a_catalogue_that_cannot_be_written_leaves_what_is_there(tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where a folder is needed", encoding="utf-8")
    result = index(str(FIXTURES), "-o", str(blocked / "catalogue.sqlite"))
    assert result.exit_code == 2 and "cannot write the catalogue" in result.stderr
    assert blocked.read_text(encoding="utf-8") == "a file where a folder is needed"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/akn-corpus")
def test_other_producers_documents_are_catalogued(tmp_path):
    target = tmp_path / "corpus.sqlite"
    result = index(str(CORPUS), "-o", str(target))
    assert result.exit_code in (0, 1), result.output
    db = sqlite3.connect(target)
    catalogued = db.execute("SELECT count(*) FROM expressions").fetchone()[0]
    refused = result.stderr.count("error")
    assert catalogued + refused >= 40
    assert db.execute("SELECT count(*) FROM refs WHERE resolved = 1").fetchone()[0] > 100
