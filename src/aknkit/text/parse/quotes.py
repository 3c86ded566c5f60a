"""Quotes in amending instructions: where new wording opens and where its
quote closes (quotes may nest)."""

from __future__ import annotations

from aknkit.text.parse.lines import Line
from aknkit.text.profile import Profile


def quote_opening(text: str, profile: Profile, start: int = 0) -> int | None:
    """Where new wording opens in ``text`` (from ``start`` on): the first
    opening quote that an amending phrase ("в следующей редакции:") comes
    right before."""
    found = profile.quote_open.search(text, start)
    if found is None:   # most lines: no quote at all
        return None
    norm = profile.normalise(text)
    while found is not None:
        at = found.start()
        if profile.amend_trigger.search(norm, 0, at):
            return at
        close = closing_in(norm, at, norm[at], profile.quotes[norm[at]])
        if close is not None and profile.amend_after.match(norm, close + 1):
            return at
        found = profile.quote_open.search(text, at + 1)
    return None


def closing_in(text: str, at: int, start: str, end: str) -> int | None:
    """Where the quote opened at ``text[at]`` closes within ``text``, or None."""
    closing = quote_closing([Line(0, text, text, False)], 0, at, start, end)
    return closing[1] if closing is not None else None


def quote_is_opening(text: str, at: int) -> bool:
    """Whether a quote that opens and closes with the same character opens here:
    after a blank, a bracket or another quote, before a letter, a digit or
    another quote (``"Закон" Республики``, ``""Закон" туралы ...``)."""
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return (before.isspace() or before in _OPENS_BEFORE) and (after.isalnum() or after in _OPENS_AFTER)


_OPENS_BEFORE = frozenset("([{«“—–-:\"'")


_OPENS_AFTER = frozenset("\"«“([")


_DEEPEST_QUOTE = 8


def quote_closing(lines: list[Line], index: int, column: int, start: str, end: str) -> tuple[int, int] | None:
    """(line index, column) of the quote that closes the one opened at
    ``lines[index]``, ``column``; quotes inside it may nest."""
    depth = 1
    for at in range(index, len(lines)):
        text = lines[at].norm
        position = column + 1 if at == index else 0
        while True:
            found = [p for p in (text.find(start, position), text.find(end, position)) if p >= 0]
            if not found:
                break
            position = min(found)
            opening = text[position] == start and (start != end or quote_is_opening(text, position))
            depth += 1 if opening else -1
            if depth == 0:
                return at, position
            if depth > _DEEPEST_QUOTE:
                return None     # no law nests quotes this deep: this one is not closed

            position += 1
    return None


def piece(line: Line, start: int, end: int) -> Line | None:
    """The part ``start:end`` of a line as a line of its own (blanks trimmed)."""
    norm = line.norm[start:end]
    lead = len(norm) - len(norm.lstrip())
    stripped = norm.strip()
    if not stripped:
        return None
    begin = start + lead
    return Line(line.number, line.text[begin:begin + len(stripped)], stripped, line.blank_before)
