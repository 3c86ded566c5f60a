"""Dates written in running text, found and normalised with a language profile.

``16 декабря 1991 года``, ``1991 жылғы 16 желтоқсан``, ``December 16, 1991`` and
``16.12.1991`` all become ``1991-12-16``.
"""

from __future__ import annotations

import datetime as _dt

from aknkit.model import Span
from aknkit.text.profile import Profile


def _to_date(profile: Profile, year: str, month_text: str, day: str) -> _dt.date | None:
    month = int(month_text) if month_text.isdigit() else profile.month_number(month_text)
    if month is None:
        return None
    try:
        return _dt.date(int(year), month, int(day))
    except ValueError:
        return None


def find_dates(text: str, profile: Profile) -> list[Span]:
    """Every date in ``text``, as spans whose value is the ISO date, in order.

    ``text`` should be the profile-normalised form of the line; spans index
    the original equally, since normalisation keeps the length.
    """
    first = 0   # no pattern matches before this
    hint = profile.hints.get("dates")
    if hint is not None:
        # Most paragraphs hold no date: one search instead of one a pattern;
        # and where one does, no pattern matches before the hint's match.
        where = hint.search(text)
        if where is None:
            return []
        first = where.start()
    found: list[Span] = []
    taken: list[tuple[int, int]] = []
    for pattern in profile.dates:
        for match in pattern.finditer(text, first):
            start, end = match.span()
            if taken and any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            date = _to_date(profile, *match.group("y", "m", "d"))
            if date is None:
                continue
            taken.append((start, end))
            found.append(Span(start, end, date.isoformat()))
    if len(found) > 1:      # most texts hold no date, or one
        found.sort(key=_start)
    return found


def _start(span: Span) -> int:
    return span.start
