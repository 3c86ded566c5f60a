"""The reference as the odd one out.

Each check compares one language with the reference, so a heading dropped in
the reference would be reported against every translation. When there are at
least two other languages and they all agree, the reference is the one that
differs: one finding in its file replaces theirs. A unit only the reference
has becomes D102 there, a unit only it lacks D101.
"""

from __future__ import annotations

from aknkit.diff.comparison import Comparison
from aknkit.diff.report import Row
from aknkit.diff.units import counted_kinds
from aknkit.findings import Finding

# Findings that compare a unit of one language with the reference's, and so
# belong to the reference when every other language agrees against it.
_MOVABLE = frozenset({"D101", "D102", "D103", "D105", "D106", "D107", "D109", "D201", "D202", "D203"})
# Presence, a heading's presence, repeal: the same in each language of the group by definition.
_AGREE_BY_CODE = frozenset({"D101", "D102", "D105", "D109"})
# The code a finding takes when it moves to the reference: presence turns round.
_TURNED = {"D101": "D102", "D102": "D101"}


def _movable_groups(comparison: Comparison) -> dict[tuple[str, str], list[Finding]]:
    """The movable findings by (code, row anchor), in the order they were made."""
    groups: dict[tuple[str, str], list[Finding]] = {}
    for finding in comparison.findings:
        anchor = finding.extra.get("anchor")
        if finding.code in _MOVABLE and anchor is not None:
            groups.setdefault((finding.code, anchor), []).append(finding)
    return groups


def blame_reference(comparison: Comparison) -> None:
    """Move to the reference the findings every other language got for the
    same unit, where those languages agree among themselves."""
    others = comparison.others
    if len(others) < 2:
        return
    groups = _movable_groups(comparison)
    if not groups:
        return
    wanted = {anchor for _, anchor in groups}
    rows = {anchor: row for row in comparison.alignment.rows if (anchor := row.anchor) in wanted}
    replaced: dict[int, Finding | None] = {}
    for (code, anchor), found in groups.items():
        row = rows[anchor]
        if sorted(f.extra["language"] for f in found) != sorted(others) \
                or not others_agree(comparison, code, row):
            continue
        for finding in found[1:]:
            replaced[id(finding)] = None
        replaced[id(found[0])] = reference_finding(comparison, code, row, found[0])
    if replaced:
        comparison.findings = [kept for f in comparison.findings
                               if (kept := replaced.get(id(f), f)) is not None]


def others_agree(comparison: Comparison, code: str, row: Row) -> bool:
    """Whether the languages other than the reference say the same of ``row``
    in what ``code`` compares."""
    if code in _AGREE_BY_CODE:
        return True
    others = comparison.others
    units = [unit for lang in others if (unit := row.units.get(lang)) is not None]
    if len(units) < len(others):
        return False
    shown: set[object]
    if code == "D103":
        shown = {comparison.number_key(u.num) for u in units}
    elif code == "D106":
        shown = {(tuple(counted_kinds(u)), len(u.intro) + len(u.wrapup)) for u in units}
    elif code == "D107":
        shown = {len(u.intro) for u in units}
    else:
        shown = {comparison.content(u, lang).compared() for u, lang in zip(units, others, strict=True)}
    return len(shown) == 1


def reference_finding(comparison: Comparison, code: str, row: Row, first: Finding) -> Finding:
    """The one finding, in the reference's file, that replaces the others' findings."""
    ref, others = comparison.reference, ", ".join(comparison.others)
    if code == "D101":
        message = f"{row.label} exists in {ref} only; {others} have no counterpart"
    elif code == "D102":
        message = f"{row.label} is missing in {ref} (present in {others})"
    else:
        message = f"{ref} differs from {others}, which agree: {first.message}"
    return comparison.finding(_TURNED.get(code, code), row, ref, message)

