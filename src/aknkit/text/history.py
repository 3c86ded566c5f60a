"""Amendment history read from the footnotes of a parsed text.

A footnote such as "Сноска. Статья 5 с изменениями, внесенными Законом РК от
03.07.2013 № 121-V" records that an act changed what the footnote belongs to
(a unit, the act as a whole, its preamble). The profile's ``[history]`` table
says how a footnote names an amending act (``acts``: its date, number and the
words of its kind, read with the ``[repeal]`` kinds) and which words say what
that act did (``changes``). Each act read becomes an :class:`Amendment` of the
footnote's holder; the footnote itself stays a note. The text of an excluded
unit ("Исключена Законом РК от 01.02.2003 № 5.") is read the same way, as a
repeal. A footnote that says what was done but names no act with its date and
number stays a note only, with a P234 warning at its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from aknkit.akn.ids import number_key
from aknkit.findings import WARNING, Finding
from aknkit.model import (
    NOTE_FOOTNOTE,
    STATUS_REMOVED,
    Act,
    Amendment,
    AmendmentKind,
    Location,
    Note,
    Unit,
    UnitKind,
)
from aknkit.text.dates import find_dates
from aknkit.text.profile import Profile

# Punctuation and dashes around the words naming an act ("- ҚР ...", "...;"),
# and a remark in brackets inside them ("(вводится в действие ...)").
_EDGES = " \t,;:-–—"
_REMARK = re.compile(r"\s*\([^()]*\)")
_DIGIT = re.compile(r"\d")
# The steps a footnote's target names, from the outside in ([notes] targets groups).
_BELOW_ORDER = (UnitKind.ARTICLE, UnitKind.PARAGRAPH, UnitKind.POINT)


@dataclass(frozen=True, slots=True)
class _Mention:
    """One act named in a footnote: where its date and number stand (``start``
    to ``core_end``), where the words naming it start (its kind words, or its
    date) and end, and what was read."""

    start: int
    core_end: int
    end: int
    date: str | None
    number: str | None
    subtype: str | None
    text_start: int

    @property
    def complete(self) -> bool:
        return self.date is not None and self.number is not None


def _unquoted(text: str, profile: Profile) -> str:
    """``text`` with quoted words blanked (same length): words a footnote quotes
    ('слова "исключить" заменены') say nothing about the change itself."""
    def blank(match: re.Match[str]) -> str:
        return match.group(0)[0] + " " * (len(match.group(0)) - 2) + match.group(0)[-1]

    for opening, closing in profile.quotes.items():
        text = re.sub(f"{re.escape(opening)}[^{re.escape(closing)}]*{re.escape(closing)}", blank, text)
    return text


def _mention(match: re.Match[str], profile: Profile) -> _Mention | None:
    """The act a match of [history] acts names; None when it read neither a date nor a number."""
    groups = match.groupdict()
    present = [name for name in ("date", "number") if groups.get(name) is not None]
    if not present:
        return None
    core, core_end = min(match.start(name) for name in present), max(match.end(name) for name in present)
    dates = find_dates(groups["date"], profile) if groups.get("date") else []
    kind_words = groups.get("kind") or ""
    subtype, offset = profile.act_kind_in(kind_words)
    # The words naming the act start at its kind word; with none, at what the
    # match starts with when that is no more than the act ("от 29.09.2014 ...").
    text_start = match.start("kind") + offset if subtype is not None else (
        core if kind_words.strip() else match.start())
    return _Mention(core, core_end, match.end(), dates[0].value if dates else None, groups.get("number"),
                    subtype, min(text_start, core))


def _mentions(norm: str, profile: Profile) -> list[_Mention]:
    """Every act the footnote names, in order; where patterns overlap, the
    earlier pattern of [history] acts wins."""
    found: list[tuple[int, int, _Mention]] = []
    for pattern in profile.history_acts:
        for match in pattern.finditer(norm):
            start, end = match.span()
            if any(start < taken_end and taken_start < end for taken_start, taken_end, _ in found):
                continue
            mention = _mention(match, profile)
            if mention is not None:
                found.append((start, end, mention))
    return [mention for _, _, mention in sorted(found, key=lambda item: item[0])]


def _change(clause: str, profile: Profile) -> AmendmentKind | None:
    """What ``clause`` says was done, by the first of [history] changes it names."""
    return next((kind for pattern, kind in profile.history_changes if pattern.search(clause)), None)


def _each_from_neighbours(values: list[str | None]) -> list[str | None]:
    """Each value, or where one is missing, the one before it, or failing that
    the first after it: an act of a list shares the words written once for all
    ("законами РК от ...; от ...", "ҚР ..., ... Заңдарымен")."""
    filled: list[str | None] = []
    for index, value in enumerate(values):
        if value is None:
            value = filled[-1] if filled else next((v for v in values[index + 1:] if v is not None), None)
        filled.append(value)
    return filled


def _changes(norm: str, mentions: list[_Mention], profile: Profile) -> tuple[list[str | None], bool]:
    """What each act did, and whether the text says at all. Each act takes the
    words between it and the act before it; an act of a list with none takes
    its neighbour's; only when no act has words before it, the words after the
    last act count ("... Заңымен өзгертілді")."""
    starts = [0, *(m.core_end for m in mentions)]
    before = [_change(norm[starts[i]:m.start], profile) for i, m in enumerate(mentions)]
    after = _change(norm[starts[-1]:], profile)
    if any(before):
        return _each_from_neighbours(list(before)), True
    return [after] * len(mentions), after is not None


def read_amendments(text: str, loc: Location | None, profile: Profile,
                    kind: AmendmentKind | None = None) -> tuple[list[Amendment], bool]:
    """The amendments a footnote (or, with ``kind``, an excluded unit's text)
    records, and whether it says that something was done at all."""
    norm = _unquoted(profile.normalise(text), profile)
    # An act is named with figures (its date or number): a text without a
    # digit names none, and its (possibly enormous) line is not searched.
    mentions = _mentions(norm, profile) if _DIGIT.search(norm) else []
    changes, says = ([kind] * len(mentions), True) if kind is not None else _changes(norm, mentions, profile)
    subtypes = _each_from_neighbours([m.subtype for m in mentions])
    amendments = [Amendment(AmendmentKind(change), m.date, m.number, subtype,
                            _REMARK.sub("", text[m.text_start:m.end]).strip(_EDGES), loc)
                  for m, change, subtype in zip(mentions, changes, subtypes, strict=True)
                  if m.complete and change is not None]
    return amendments, says


def _add(history: list[Amendment], amendments: list[Amendment]) -> None:
    """Each amendment once per holder: a footnote often repeats what the
    excluded unit's text already says."""
    seen = {(a.kind, a.date, a.number, a.subtype) for a in history}
    for amendment in amendments:
        key = (amendment.kind, amendment.date, amendment.number, amendment.subtype)
        if key not in seen:
            seen.add(key)
            history.append(amendment)


def _unreadable(note: Note) -> Finding:
    return Finding(
        "P234", WARNING,
        f"the footnote {note.text.strip()[:80]!r} records a change but names no amending act with its date "
        "and number (as the profile's [history] acts read them); kept as a note, with no amendment history",
        file=note.loc.file if note.loc else None, line=note.loc.line if note.loc else None)


def _holders(act: Act) -> Iterator[tuple[list[Note], list[Amendment], str | None, Unit | None]]:
    """(notes, where their changes go, the holder's own exclusion text, the
    holding unit) of the act as a whole, its preamble and every unit, then
    each attachment's."""
    yield act.notes, act.history, None, None
    yield act.preamble_notes, act.preamble_history, None, None
    for unit in act.unit_list():
        excluded = unit.intro[0].text if unit.status == STATUS_REMOVED and unit.intro else None
        if unit.notes or excluded is not None:     # most units: nothing to read
            yield unit.notes, unit.history, excluded, unit
    for attachment in act.attachments:
        yield from _holders(attachment.doc)


def _named_below(holder: Unit, note: Note, profile: Profile) -> Unit | None:
    """The unit inside ``holder`` that the footnote names ("Пункт 1 статьи 3
    в редакции ..." held by Article 3, printed before its paragraphs exist
    in the text), or None when it names the holder itself or nothing there."""
    text = profile.normalise(note.text)
    match = next((m for pattern in profile.note_targets if (m := pattern.match(text)) is not None), None)
    if match is None:
        return None
    named = {kind: number_key(num) for kind, num in match.groupdict().items() if num}
    if holder.kind not in _BELOW_ORDER or named.get(str(holder.kind)) != number_key(holder.num):
        return None
    unit: Unit | None = holder
    for kind in _BELOW_ORDER[_BELOW_ORDER.index(UnitKind(holder.kind)) + 1:]:
        if kind in named and unit is not None:
            unit = next((c for c in unit.children if c.kind == kind and number_key(c.num) == named[kind]), None)
    return unit if unit is not holder else None


def read_history(act: Act, profile: Profile) -> list[Finding]:
    """Fill the history of ``act`` (its units, preamble, attachments) from its
    footnotes; the warnings about footnotes that could not be read."""
    warnings = []
    for notes, history, excluded, holder in _holders(act):
        if excluded is not None:
            _add(history, read_amendments(excluded, None, profile, AmendmentKind.REPEAL)[0])
        for note in notes:
            if note.kind != NOTE_FOOTNOTE:
                continue
            amendments, says_change = read_amendments(note.text, note.loc, profile)
            if says_change and not amendments:
                warnings.append(_unreadable(note))
            named = _named_below(holder, note, profile) if holder is not None else None
            _add(named.history if named is not None else history, amendments)
    return warnings
