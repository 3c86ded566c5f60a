"""Memory follows the work: what a build drops is freed at once.

The build pauses Python's cyclic garbage collector while it works on an act
(it would rescan millions of live objects for nothing), so anything caught
in a reference cycle stays until the act is done. A language's model must
therefore hold no cycle, or every language's model would stay in memory
together with the next one's.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from aknkit.build import check_written, stage_document
from aknkit.model import Block, Location, Unit
from aknkit.outline import outline
from aknkit.text.sources import iter_languages, read_facts
from helpers import BUNDLED, REPO

MODEL_TYPES = (Unit, Block, Location)
ACTS = [BUNDLED, *sorted(p.parent for p in (REPO / "tests" / "fixtures" / "acts").glob("*/act.toml"))]


@contextmanager
def collector_off() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if enabled:
            gc.enable()


def model_objects_left_in_cycles(folder) -> int:
    """Model objects that only the cyclic collector would free, after every
    language of ``folder`` was read and dropped as the build does."""
    facts = read_facts(folder)
    with collector_off():
        gc.collect()
        for _, act in iter_languages(folder, facts):
            del act
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        return sum(isinstance(found, MODEL_TYPES) for found in gc.garbage)


def test_the_bundled_law_leaves_no_model_in_a_reference_cycle():
    assert model_objects_left_in_cycles(BUNDLED) == 0


def test_no_kind_of_act_leaves_its_model_in_a_reference_cycle():
    left = {folder.name: model_objects_left_in_cycles(folder) for folder in ACTS}
    assert left == dict.fromkeys(left, 0)


def test_writing_and_checking_each_language_leaves_no_model_in_a_reference_cycle(tmp_path):
    """The build's own pass over the languages: each act outlined, written unit
    by unit and its document checked, then dropped, with the outlines kept."""
    facts = read_facts(BUNDLED)
    outlines = []
    with collector_off():
        gc.collect()
        for language, act in iter_languages(BUNDLED, facts):
            outlines.append(outline(act, act.unit_list()))
            target = tmp_path / f"{language}.xml"
            written = stage_document(act, target)
            source = act.source
            del act
            assert check_written(written, str(target), source) == []
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        left = sum(isinstance(found, MODEL_TYPES) for found in gc.garbage)
    assert len(outlines) == 3 and left == 0
