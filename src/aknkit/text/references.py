"""References to units of the act in running text, read with a profile's [links].

A reference is a chain of steps, each a unit kind with its numbers or the
word for "this one" ("пункта 2 | статьи 8", "8-бабының | 2-тармағы",
"paragraph 2 | of | Article 8", "пункта 2 | настоящей статьи"). Steps are
joined by the profile's joiner, and their kinds run from the innermost out
or from the outermost in; whatever the language, a chain is kept outermost
first. What stands right before or after a chain says whose units it names:
this act, another document, or nobody said.

This module only reads the text; :mod:`aknkit.text.semantics` decides which
chains are links and to what.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from aknkit.model import UNIT_KINDS
from aknkit.text.profile import Links, Patterns

_RANK: dict[str, int] = {str(kind): rank for rank, kind in enumerate(UNIT_KINDS)}
# How far back the qualifiers before a reference are looked for.
_LOOK_BEHIND = 200


class Owner(StrEnum):
    """Whose units a reference names, as the words around it say."""

    THIS_ACT = "this-act"   # "настоящего Закона", "осы Заңның", "of this Law"
    OTHER = "other"         # "Гражданского кодекса", "кодекстің", "of the Law ..."
    UNSAID = "unsaid"       # nothing: a unit of the act, unless the act amends another


@dataclass(frozen=True, slots=True)
class Item:
    """One number of a step as printed ("5", "5-7", "3)"), where it stands, and
    the number itself (without the closing parenthesis of a point)."""

    number: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Step:
    """One unit kind of a reference and its numbers; no numbers for "this one"."""

    kind: str
    start: int
    end: int
    items: tuple[Item, ...]

    @property
    def relative(self) -> bool:
        """A step naming the unit the text stands in ("настоящей статьи")."""
        return not self.items


@dataclass(frozen=True, slots=True)
class Chain:
    """A reference as written: its steps outermost first, where it stands,
    and whose units the words around it say it names."""

    steps: tuple[Step, ...]
    start: int
    end: int
    owner: Owner

    @property
    def target(self) -> Step:
        """The innermost step: the units the reference points at."""
        return self.steps[-1]


def _items(match: re.Match[str], links: Links) -> tuple[Item, ...]:
    """The numbers of a step's ``nums`` group, each where it stands."""
    start, end = match.span("nums")
    found: list[Item] = []
    at = start
    for separator in [*links.separator.finditer(match.string, start, end), None]:
        stop = separator.start() if separator is not None else end
        piece = match.string[at:stop]
        lead = len(piece) - len(piece.lstrip())
        printed = piece.strip()
        if printed:
            found.append(Item(printed.rstrip(")").strip(), at + lead, at + lead + len(printed)))
        if separator is not None:
            at = separator.end()
    return tuple(found)


def _steps(text: str, links: Links) -> dict[int, Step]:
    """Every step in ``text`` by where it starts; the longest where two start together."""
    found: dict[int, Step] = {}
    for kind, patterns in links.steps.items():
        for pattern in patterns:
            for match in pattern.finditer(text):
                items = _items(match, links) if match.groupdict().get("nums") is not None else ()
                if not items and match.groupdict().get("this") is None:
                    continue
                step = Step(kind, match.start(), match.end(), items)
                known = found.get(step.start)
                if known is None or step.end > known.end:
                    found[step.start] = step
    return found


def _chained(first: Step, text: str, starts: dict[int, Step], links: Links) -> list[Step]:
    """``first`` and the steps joined to it whose kinds keep going one way
    (inward or outward), in the order written."""
    chain, direction = [first], 0
    while (joint := links.joiner.match(text, chain[-1].end)) is not None:
        following = starts.get(joint.end())
        if following is None:
            break
        way = _RANK.get(following.kind, len(_RANK)) - _RANK.get(chain[-1].kind, len(_RANK))
        if way == 0 or (direction and (way > 0) != (direction > 0)):
            break
        direction = way
        chain.append(following)
    return chain


def ends_before(patterns: Patterns, text: str, start: int) -> Iterator[re.Match[str]]:
    """Matches of ``patterns`` that end right where the reference starts
    (looked for in the text just before it)."""
    window = max(0, start - _LOOK_BEHIND)
    for pattern in patterns:
        yield from (match for match in pattern.finditer(text, window, start) if match.end() == start)


def _starts_after(patterns: Patterns, text: str, end: int) -> Iterator[re.Match[str]]:
    for pattern in patterns:
        match = pattern.match(text, end)
        if match is not None:
            yield match


def owner(text: str, start: int, end: int, links: Links, names_act: Callable[[str], bool]) -> Owner:
    """Whose units the reference at ``start:end`` names, from the words right
    before and after it; ``names_act`` says whether words name a kind of act."""
    beside = [*ends_before(links.this_act_before, text, start), *_starts_after(links.this_act_after, text, end)]
    if any(names_act(match.group("act")) for match in beside):
        return Owner.THIS_ACT
    if any(True for _ in ends_before(links.other_act_before, text, start)) \
            or any(True for _ in _starts_after(links.other_act_after, text, end)):
        return Owner.OTHER
    return Owner.UNSAID


def find_chains(text: str, links: Links, names_act: Callable[[str], bool]) -> list[Chain]:
    """Every reference to units in ``text`` (profile-normalised), in order."""
    starts = _steps(text, links)
    chains: list[Chain] = []
    taken = 0
    for start in sorted(starts):
        if start < taken:
            continue
        written = _chained(starts[start], text, starts, links)
        end = written[-1].end
        inward = len(written) > 1 and _RANK.get(written[1].kind, 0) > _RANK.get(written[0].kind, 0)
        steps = tuple(written if inward else reversed(written))
        chains.append(Chain(steps, start, end, owner(text, start, end, links, names_act)))
        taken = end
    return chains


def range_ends(item: Item, links: Links) -> tuple[str, str] | None:
    """The first and last number of a range ("5-7", "5 to 7"), or None when
    the item is not one: two whole numbers, the first the smaller."""
    ends = links.range.split(item.number)
    if len(ends) != 2 or not all(end.isdigit() for end in ends):
        return None
    return (ends[0], ends[1]) if int(ends[0]) < int(ends[1]) else None
