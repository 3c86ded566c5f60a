"""The build writes a document unit by unit and checks the written file in one
streaming pass: the same bytes as the whole tree, and a document broken far
from its start is refused with the findings the full check gives."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from lxml import etree

from aknkit.akn.emit import to_akn, write_akn, write_document
from aknkit.build import check_written, lost_text
from aknkit.text import coverage
from aknkit.text.sources import iter_languages, read_facts
from aknkit.validate import check_tree
from aknkit.validate.streamed import conforms
from helpers import BUNDLED, OUTPUT, write_source

CHAPTERS = 30


def long_law() -> str:
    """A law of many chapters, so that the first and the last units are far apart."""
    lines = ["On Many Chapters", ""]
    for chapter in range(1, CHAPTERS + 1):
        lines += [f"Chapter {chapter}. Provisions {chapter}", ""]
        for article in range(2 * chapter - 1, 2 * chapter + 1):
            lines += [f"Article {article}. Rule {article}", "",
                      f"1. Rule {article} first: it applies.", "",
                      f"2. Rule {article} second: it applies.", ""]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[Path, Path]:
    """(the document of the long law, written as the build writes it; its source file)."""
    folder = write_source(tmp_path_factory.mktemp("law") / "act", {"eng": long_law()})
    [(_, act)] = list(iter_languages(folder, read_facts(folder)))
    path = folder / "eng.xml"
    with open(path, "wb") as stream:
        write_akn(act, stream)
    return path, folder / "eng.txt"


def full_check(path: Path, source: Path) -> list:
    """What the build reported before it checked in one streaming pass: the file read whole."""
    tree = etree.parse(str(path))
    return check_tree(tree, "eng.xml", level=2) + lost_text(str(source), source.read_text(encoding="utf-8"), tree)


def broken(tmp_path: Path, written: tuple[Path, Path], old: str, new: str) -> Path:
    """A copy of the document with the last occurrence of ``old`` replaced."""
    data = written[0].read_text(encoding="utf-8")
    at = data.rindex(old)
    path = tmp_path / "eng.xml"
    path.write_text(data[:at] + new + data[at + len(old):], encoding="utf-8")
    return path


@pytest.mark.parametrize("folder", [BUNDLED, Path(__file__).parent / "fixtures" / "build" / "base"],
                         ids=lambda folder: folder.name)
def test_written_unit_by_unit_the_document_has_the_bytes_of_the_whole_tree(folder):
    for language, act in iter_languages(folder, read_facts(folder)):
        if isinstance(act, Exception):
            continue
        whole, streamed = io.BytesIO(), io.BytesIO()
        write_document(to_akn(act), whole)
        write_akn(act, streamed)
        assert streamed.getvalue() == whole.getvalue(), language


def test_a_sound_document_passes_the_streaming_check(written):
    path, source = written
    assert conforms(path, "eng.xml", lambda part: None)
    assert check_written(path, "eng.xml", str(source)) == [] == full_check(path, source)


def test_an_eid_repeated_far_from_its_first_use_is_refused_as_before(tmp_path, written):
    path = broken(tmp_path, written, f'eId="chp_{CHAPTERS}"', 'eId="chp_1"')
    found = check_written(path, "eng.xml", str(written[1]))
    assert found and found == full_check(path, written[1])
    assert not conforms(path, "eng.xml", lambda part: None)


def test_a_wrong_eid_in_the_last_unit_is_refused_as_before(tmp_path, written):
    path = broken(tmp_path, written, f'<article eId="art_{2 * CHAPTERS}"', f'<article eId="sec_{2 * CHAPTERS}"')
    found = check_written(path, "eng.xml", str(written[1]))
    assert "AKN302" in {f.code for f in found} and found == full_check(path, written[1])


def test_text_lost_in_the_last_unit_is_refused_as_before(tmp_path, written):
    last = f"Rule {2 * CHAPTERS} second: it applies."
    path = broken(tmp_path, written, last, "")
    found = check_written(path, "eng.xml", str(written[1]))
    assert [(f.code, f.line) for f in found] == [("B301", long_law().split("\n").index(f"2. {last}") + 1)]
    assert found == full_check(path, written[1])


# A large file is checked against the schema without its identity constraints:
# the pass itself then requires each eId and GUID once in the file.
def test_a_sound_document_passes_with_the_identities_checked_in_the_pass(written):
    assert conforms(written[0], "eng.xml", lambda part: None, identities_here=True)


def test_an_eid_used_again_in_the_last_unit_is_refused_with_the_identities_checked_in_the_pass(tmp_path, written):
    path = broken(tmp_path, written, f'eId="chp_{CHAPTERS}"', 'eId="chp_1"')
    assert not conforms(path, "eng.xml", lambda part: None, identities_here=True)


@pytest.mark.parametrize("identities_here", [True, False], ids=["checked-here", "by-libxml2"])
def test_a_guid_used_in_the_preface_and_again_in_the_body_is_refused_either_way(tmp_path, written,
                                                                                identities_here):
    (tmp_path / "once").mkdir()
    once = broken(tmp_path / "once", written, '<longTitle eId="longTitle"', '<longTitle eId="longTitle" GUID="g-1"')
    twice = broken(tmp_path, (once, written[1]), f'eId="chp_{CHAPTERS}"', f'eId="chp_{CHAPTERS}" GUID="g-1"')
    assert conforms(once, "eng.xml", lambda part: None, identities_here=identities_here)
    assert not conforms(twice, "eng.xml", lambda part: None, identities_here=identities_here)


def test_a_source_read_a_piece_at_a_time_loses_the_lines_the_whole_text_would(tmp_path, monkeypatch):
    monkeypatch.setattr(coverage, "_PIECE", 64)   # many pieces of a short text
    lines = [f"Rule {n}: it applies." for n in range(1, 40)]
    text = "\ufeff" + "\r\n".join(lines[:20]) + "\r" + "\n".join(lines[20:]) + "\n"
    source = tmp_path / "eng.txt"
    source.write_bytes(text.encode("utf-8"))
    xml_text = coverage.squeeze("".join(line for line in lines if line != lines[30]))
    expected = [(31, lines[30])]
    assert coverage.missing_file_lines(str(source), xml_text) == expected
    assert coverage.missing_lines_in(text, xml_text) == expected


def test_the_public_streaming_writer_gives_the_bundled_output_file(tmp_path):
    import aknkit

    bundle = aknkit.read_source_folder(BUNDLED)
    written = tmp_path / "eng.xml"
    with open(written, "wb") as stream:
        aknkit.write_akn(bundle.acts["eng"], stream)
    assert written.read_bytes() == (OUTPUT / "eng.xml").read_bytes()
