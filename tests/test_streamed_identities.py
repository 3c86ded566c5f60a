"""A large document is checked in one streaming pass against the schema without
its identity constraints: the pass itself requires each eId and GUID once in
the file, so a value used twice is refused as the schema refuses it."""

from __future__ import annotations

from pathlib import Path

import pytest

from aknkit.akn.emit import write_akn
from aknkit.text.sources import iter_languages, read_facts
from aknkit.validate.streamed import conforms
from helpers import write_source
from test_streamed_build import CHAPTERS, broken, long_law


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[Path, Path]:
    """(the document of the long law, as the build writes it; its source file)."""
    folder = write_source(tmp_path_factory.mktemp("law") / "act", {"eng": long_law()})
    [(_, act)] = list(iter_languages(folder, read_facts(folder)))
    path = folder / "eng.xml"
    with open(path, "wb") as stream:
        write_akn(act, stream)
    return path, folder / "eng.txt"


@pytest.mark.parametrize("identities_here", [True, False], ids=["checked-here", "by-libxml2"])
def test_a_sound_document_passes_either_way(written, identities_here):
    assert conforms(written[0], "eng.xml", lambda part: None, identities_here=identities_here)


@pytest.mark.parametrize("identities_here", [True, False], ids=["checked-here", "by-libxml2"])
def test_an_eid_used_again_in_the_last_unit_is_refused_either_way(tmp_path, written, identities_here):
    path = broken(tmp_path, written, f'eId="chp_{CHAPTERS}"', 'eId="chp_1"')
    assert not conforms(path, "eng.xml", lambda part: None, identities_here=identities_here)


@pytest.mark.parametrize("identities_here", [True, False], ids=["checked-here", "by-libxml2"])
def test_a_guid_used_in_the_preface_and_again_in_the_body_is_refused_either_way(tmp_path, written,
                                                                                identities_here):
    (tmp_path / "once").mkdir()
    once = broken(tmp_path / "once", written, '<longTitle eId="longTitle"', '<longTitle eId="longTitle" GUID="g-1"')
    twice = broken(tmp_path, (once, written[1]), f'eId="chp_{CHAPTERS}"', f'eId="chp_{CHAPTERS}" GUID="g-1"')
    assert conforms(once, "eng.xml", lambda part: None, identities_here=identities_here)
    assert not conforms(twice, "eng.xml", lambda part: None, identities_here=identities_here)
