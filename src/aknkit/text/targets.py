"""The units a reference names, looked up among an act's units.

A chain of steps (:mod:`aknkit.text.references`) is followed from its
outermost step in: a step relative to where the text stands starts at the
enclosing unit of its kind; units numbered through the act (articles,
chapters) are found anywhere below the step before, other units among its
children. The innermost step's numbers are the targets: each one unit, or a
range of them ("5-7": 5 to 7, unless the act numbers a unit "5-7" or inserts
units after 5).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aknkit.akn.ids import number_key
from aknkit.model import Unit, units_in_order
from aknkit.text.profile import Links
from aknkit.text.references import Chain, Item, Step, range_ends

# Units numbered through the act (or through the unit above them), so that
# "статьи 5" names one wherever it stands.
THROUGH_NUMBERED = frozenset({"part", "section", "subsection", "chapter", "subchapter", "article"})


@dataclass(frozen=True, slots=True)
class Target:
    """One unit a reference names (its eId) and the number words naming it;
    for a range, ``last`` is the eId of its last unit."""

    item: Item
    eid: str
    last: str | None = None


@dataclass(frozen=True, slots=True)
class Missing:
    """A reference to a unit the act does not have: (kind, number) of each
    step, outermost first, down to the one not found."""

    path: tuple[tuple[str, str], ...]


class UnitIndex:
    """The units references may name: a body of units (the act's, or an
    attachment's), with the through-numbered ones found by number at once."""

    def __init__(self, body: list[Unit], units: list[Unit] | None = None):
        """``units``: those of ``body`` in order (``units_in_order``), where the caller has them."""
        self.top = body
        self.through: dict[tuple[str, tuple[Any, ...]], list[Unit]] = {}
        self.has_articles = False
        for unit in units_in_order(body) if units is None else units:
            if unit.kind in THROUGH_NUMBERED and unit.num:
                self.has_articles = self.has_articles or unit.kind == "article"
                self.through.setdefault((unit.kind, number_key(unit.num)), []).append(unit)
            elif unit.kind == "article":
                self.has_articles = True

    def among(self, parent: Unit | None, kind: str) -> list[Unit]:
        """The units of ``kind`` a step below ``parent`` (None: the body) may name."""
        if parent is None:
            return [unit for unit in self.top if unit.kind == kind]
        if kind in THROUGH_NUMBERED:
            return [unit for unit in parent.walk() if unit.kind == kind and unit is not parent]
        return [child for child in parent.children if child.kind == kind]

    def find(self, parent: Unit | None, kind: str, number: str) -> list[Unit]:
        """The units of ``kind`` numbered ``number`` below ``parent``."""
        key = number_key(number)
        if parent is None and kind in THROUGH_NUMBERED:
            return self.through.get((kind, key), [])
        return [unit for unit in self.among(parent, kind) if number_key(unit.num) == key]

    def inserts_after(self, parent: Unit | None, kind: str, number: str) -> bool:
        """Whether units of ``kind`` are inserted after ``number`` ("5-1", "5-2"):
        then "5-7" is one of them, not a range."""
        prefix = f"{number}-"
        if parent is None and kind in THROUGH_NUMBERED:
            return any(k == kind and unit.num and unit.num.startswith(prefix)
                       for (k, _), units in self.through.items() for unit in units)
        return any(unit.num and unit.num.startswith(prefix) for unit in self.among(parent, kind))


Outcome = list[Target] | Missing | None


def resolve(chain: Chain, index: UnitIndex, enclosing: tuple[Unit, ...], qualified: bool,
            links: Links) -> Outcome:
    """The units ``chain`` names; Missing when a step names a unit that is
    not there; None when the chain does not say which unit (a list or a range
    before its innermost step, "this article" outside any, a bare "пункта 2"
    in an act of articles, two units of one number)."""
    steps, parent, path = list(chain.steps), None, []
    first = steps[0]
    if first.relative:
        parent = next((unit for unit in reversed(enclosing) if unit.kind == first.kind), None)
        if parent is None or len(steps) == 1:
            return None   # "настоящей статьи" alone names the unit the text is in
        path.append((first.kind, parent.num or ""))
        steps = steps[1:]
    elif first.kind not in THROUGH_NUMBERED and (not qualified or index.has_articles):
        return None
    for step in steps[:-1]:
        if step.relative or len(step.items) != 1:
            return None
        path.append((step.kind, step.items[0].number))
        found = index.find(parent, step.kind, step.items[0].number)
        if len(found) != 1:
            return Missing(tuple(path)) if not found else None
        parent = found[0]
    return _targets(steps[-1], parent, index, tuple(path), links)


def _targets(step: Step, parent: Unit | None, index: UnitIndex, path: tuple[tuple[str, str], ...],
             links: Links) -> Outcome:
    """The units the innermost step's numbers name, all or nothing."""
    if step.relative:
        return None
    targets = []
    for item in step.items:
        found = index.find(parent, step.kind, item.number)
        ends = range_ends(item, links)
        if not found and ends is not None and not index.inserts_after(parent, step.kind, ends[0]):
            first, last = (index.find(parent, step.kind, end) for end in ends)
            if len(first) > 1 or len(last) > 1 or (first and first[0].eid is None) or (last and last[0].eid is None):
                return None
            if not first or not last:
                return Missing((*path, (step.kind, ends[1] if first else ends[0])))
            targets.append(Target(item, str(first[0].eid), str(last[0].eid)))
            continue
        if not found:
            return Missing((*path, (step.kind, item.number)))
        if len(found) > 1 or found[0].eid is None:
            return None
        targets.append(Target(item, found[0].eid))
    return targets
