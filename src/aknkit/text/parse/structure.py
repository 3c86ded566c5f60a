"""Numbering and nesting checks on a parsed act."""

from __future__ import annotations

from aknkit.akn.ids import NumberKey, number_key
from aknkit.findings import Finding
from aknkit.model import Act, Unit, UnitKind
from aknkit.text.parse.lines import error_finding
from aknkit.text.profile import STRUCTURE_KINDS, Profile


def check_structure(act: Act, profile: Profile) -> list[Finding]:
    """Numbering and nesting problems a reader of the law would call errors."""
    problems: list[Finding] = []
    source = act.source
    units = all_units(act)
    articles = [u for u in units if u.kind == UnitKind.ARTICLE]
    containers = [u for u in units if u.kind in STRUCTURE_KINDS[:-1]]

    if articles and containers:
        for unit in act.body:
            if unit.kind == UnitKind.ARTICLE:
                problems.append(error_finding(
                    "P103", source, _line(unit),
                    f"article {unit.label!r} stands before any {containers[0].kind}; expected it inside "
                    f"a {containers[0].kind} such as {profile.examples.get(containers[0].kind, containers[0].label)!r}",
                ))
                break
        for unit in containers:
            if not _holds_article(unit):
                problems.append(error_finding(
                    "P104", source, _line(unit),
                    f"{unit.kind} {unit.label!r} has no articles; expected at least one "
                    f"{profile.examples[UnitKind.ARTICLE]!r}-style article after it",
                ))

    for kind, run in numbered_runs(act, units, articles):
        problems += check_sequence(run, source, kind)
    return problems


def numbered_runs(act: Act, units: list[Unit] | None = None,
                  articles: list[Unit] | None = None) -> list[tuple[UnitKind | str, list[Unit]]]:
    """The runs of units numbered in one sequence, each with its kind: articles
    run through the whole act; other units restart in each parent. Parts are
    named ("ОБЩАЯ ЧАСТЬ"), not numbered, so they have no order. ``units`` and
    ``articles`` are the act's (:func:`all_units`) where the caller has them."""
    units = all_units(act) if units is None else units
    if articles is None:
        articles = [u for u in units if u.kind == UnitKind.ARTICLE]
    runs: list[tuple[UnitKind | str, list[Unit]]] = [(UnitKind.ARTICLE, articles)]
    for siblings in [act.body] + [unit.children for unit in units if unit.children]:
        by_kind: dict[UnitKind | str, list[Unit]] = {}
        for unit in siblings:
            if unit.kind not in _RUN_APART:
                by_kind.setdefault(unit.kind, []).append(unit)
        runs += by_kind.items()
    return runs


_RUN_APART = frozenset({UnitKind.PART, UnitKind.ARTICLE})


def all_units(act: Act) -> list[Unit]:
    """Every unit of the body in document order: ``act.units()`` as a list."""
    return act.unit_list()


def _holds_article(unit: Unit) -> bool:
    """Whether an article stands somewhere below ``unit`` (the first one found ends the search)."""
    return any(child.kind == UnitKind.ARTICLE or (child.children and _holds_article(child))
               for child in unit.children)


def check_sequence(units: list[Unit], source: str, kind: str) -> list[Finding]:
    problems = []
    seen: dict[NumberKey, Unit] = {}
    previous: Unit | None = None
    previous_key: NumberKey = ()
    for unit in units:
        if unit.num is None:
            continue
        key = number_key(unit.num)
        if key in seen:
            first = seen[key]
            problems.append(error_finding(
                "P101", source, _line(unit),
                f"duplicate {kind} number {unit.label or unit.num!r} (first at line {_line(first)}); "
                "expected each number once",
            ))
        elif previous is not None and key < previous_key:
            problems.append(error_finding(
                "P102", source, _line(unit),
                f"{kind} {unit.label or unit.num!r} comes after {previous.label or previous.num!r} "
                f"(line {_line(previous)}); "
                "expected numbers in ascending order",
            ))
        seen.setdefault(key, unit)
        previous, previous_key = unit, key
    return problems


def _line(unit: Unit) -> int:
    """The source line of a unit read from text: the parser gives every unit one."""
    if unit.loc is None:
        raise ValueError(f"the {unit.kind} {unit.label or unit.num!r} has no source line; "
                         "expected a unit read from text")
    return unit.loc.line
