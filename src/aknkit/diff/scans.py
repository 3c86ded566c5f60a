"""The profile's date and reference patterns as the diff runs them: each with a
piece of text that every match contains, so that a pattern is tried only on
the texts that hold that piece.

Most texts of a law hold no reference, and a failed search still walks the
whole text; a substring test (``"тарма" in text``) is far cheaper. The piece
is read from the pattern's source, conservatively: a run of plain characters
at the top level of the pattern, outside every group, class and repetition.
A pattern it cannot read that way gets the empty piece, which every text
contains: it is always tried.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from aknkit.text.profile import load_profile

# Characters with a meaning of their own in a pattern; everything else is itself.
_SPECIAL = frozenset("\\.^$*+?{}[]()|")
_QUANTIFIERS = frozenset("*+?{")
# How many characters an escape of a code point spans, its backslash included.
_ESCAPE_WIDTH = {"x": 4, "u": 6, "U": 10}
_COUNTED = re.compile(r"\{\d*(?:,\d*)?\}")


def _class_end(source: str, start: int) -> int:
    """The index after the ``]`` closing the character class opened at ``start``."""
    at = start + 1
    if source.startswith("^", at):
        at += 1
    if source.startswith("]", at):  # a ``]`` first in a class is itself
        at += 1
    while at < len(source) and source[at] != "]":
        at += 2 if source[at] == "\\" else 1
    return at + 1


def _escape_end(source: str, start: int) -> int:
    """The index after the escape whose backslash is at ``start``."""
    letter = source[start + 1:start + 2]
    if letter == "N" and source.startswith("{", start + 2):
        return source.index("}", start) + 1
    if letter.isdigit():
        at = start + 1
        while at < len(source) and at < start + 4 and source[at].isdigit():
            at += 1
        return at
    return start + _ESCAPE_WIDTH.get(letter, 2)


def _quantifier_end(source: str, start: int) -> int:
    """The index after the repetition starting at ``start`` (with its ``?``/``+``)."""
    counted = _COUNTED.match(source, start)
    end = counted.end() if counted is not None else start + 1
    return end + 1 if source.startswith(("?", "+"), end) else end


def _top_level_runs(source: str) -> list[str] | None:
    """The runs of plain characters every match holds in order, or None when
    the pattern is an alternation at its top level."""
    runs: list[str] = []
    run: list[str] = []
    depth, at = 0, 0
    while at < len(source):
        char = source[at]
        if char in _QUANTIFIERS and depth == 0:
            if run:
                run.pop()  # the repeated character may be absent (or repeated)
            runs.append("".join(run))
            run = []
            at = _quantifier_end(source, at)
            continue
        if char == "\\":
            escaped = source[at + 1:at + 2]
            if depth == 0 and escaped and not escaped.isalnum():
                run.append(escaped)   # an escaped punctuation mark is itself
                at += 2
                continue
            end = _escape_end(source, at)
        elif char == "[":
            end = _class_end(source, at)
        else:
            end = at + 1
            if char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
            elif char == "|" and depth == 0:
                return None
            elif depth == 0 and char not in _SPECIAL:
                run.append(char)
                at = end
                continue
        runs.append("".join(run))
        run = []
        at = end
    runs.append("".join(run))
    return runs


def required_text(pattern: re.Pattern[str]) -> str:
    """The longest piece of text every match of ``pattern`` contains; "" when
    none is known (case-insensitive and verbose patterns, alternations)."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return ""
    runs = _top_level_runs(pattern.pattern)
    return max(runs, key=len) if runs else ""


@dataclass(frozen=True, slots=True)
class Scan:
    """A compiled pattern and the text every match of it contains."""

    pattern: re.Pattern[str]
    required: str   # "" when none is known: every text may match

    @classmethod
    def of(cls, pattern: re.Pattern[str]) -> Scan:
        return cls(pattern, required_text(pattern))


@dataclass(frozen=True, slots=True)
class Scans:
    """One language's date and reference patterns, each ready for its test."""

    dates: tuple[Scan, ...]
    nested_references: tuple[Scan, ...]   # a unit below another ("пункта 2 статьи 8")
    references: tuple[tuple[str, Scan], ...]   # (unit kind, pattern), in the profile's order

    def may_hold_date(self, text: str) -> bool:
        return any(scan.required in text for scan in self.dates)


@functools.cache
def scans_of(language: str) -> Scans:
    """The patterns of ``language``'s profile, read once per process."""
    profile = load_profile(language)
    return Scans(
        dates=tuple(Scan.of(p) for p in profile.dates),
        nested_references=tuple(Scan.of(p) for p in profile.nested_references),
        # The kind as plain text, as the group names of nested references give
        # it: keys are also ordered by their text (str), where a member would print its name.
        references=tuple((kind.value, Scan.of(p)) for kind, patterns in profile.references.items()
                         for p in patterns),
    )
