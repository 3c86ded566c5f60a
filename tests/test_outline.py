"""The outline a build keeps of each language until the comparison gives back
every unit as the comparison reads it: kind, numbers, heading, place,
identifiers, status, how many paragraphs, and the tree."""

from __future__ import annotations

import pytest

from aknkit.model import Unit
from aknkit.outline import outline
from aknkit.text.sources import iter_languages, read_facts
from helpers import BUNDLED, REPO, write_source

ACTS = [BUNDLED, *sorted(p.parent for p in (REPO / "tests" / "fixtures" / "acts").glob("*/act.toml"))]


def compared(unit: Unit) -> tuple:
    """What the comparison reads of a unit and of every unit below it."""
    heading = None if unit.heading is None else (unit.heading.text, unit.heading.loc)
    return (unit.kind, unit.num, unit.label, heading, len(unit.intro), len(unit.wrapup), unit.loc,
            unit.status, unit.eid, unit.wid, [compared(child) for child in unit.children])


@pytest.mark.parametrize("folder", ACTS, ids=lambda folder: folder.name)
def test_the_outline_gives_back_each_unit_as_the_comparison_reads_it(folder):
    for _, act in iter_languages(folder, read_facts(folder)):
        again = outline(act, act.unit_list()).act()
        assert [compared(unit) for unit in again.body] == [compared(unit) for unit in act.body]
        assert (again.title, again.meta_line, again.preamble, again.work) == \
               (act.title, act.meta_line, act.preamble, act.work)


def test_wids_and_statuses_come_back_too(tmp_path):
    """A translation numbering its chapters in Roman numerals (its units take
    the master's eIds as wIds), and an excluded article."""
    def law(chapters: list[str], article: str, excluded: str, sentence: str) -> str:
        lines = ["On Outlines", ""]
        for c, chapter in enumerate(chapters, start=1):
            lines += [chapter, ""]
            for a in (2 * c - 1, 2 * c):
                lines += [f"{article.format(n=a)} {excluded}" if a == 3 else article.format(n=a), ""]
                if a != 3:
                    lines += [f"1. {sentence}", "", f"2. {sentence}", ""]
        return "\n".join(lines)

    folder = write_source(tmp_path / "act", {
        "kaz": law(["1-тарау", "2-тарау"], "{n}-бап.", "Алынып тасталды", "Осы тармақ қолданылады."),
        "rus": law(["Глава I", "Глава II"], "Статья {n}.", "Исключена", "Настоящий пункт применяется."),
    })
    acts = [act for _, act in iter_languages(folder, read_facts(folder))]
    units = [unit for act in acts for unit in act.unit_list()]
    assert any(u.wid for u in units) and any(u.status for u in units)
    for act in acts:
        again = outline(act, act.unit_list()).act()
        assert [compared(unit) for unit in again.body] == [compared(unit) for unit in act.body]
