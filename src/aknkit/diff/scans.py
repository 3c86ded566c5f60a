"""The profile's date and reference patterns as the diff runs them: each with
what every match of it holds, so that a pattern is tried only on the texts
that hold it.

Most texts of a law hold no reference and no date, and a failed search still
walks the whole text; a test for a piece of text (``"тарма" in text``, or a
point before a digit) is far cheaper. What every match holds is read from the
pattern's source, conservatively: a run of characters matched as themselves
(and digits) that the pattern's top-level sequence must match one after the
other. A pattern read no further gets nothing to test: it is always tried.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from aknkit.text.profile import Profile, class_end, load_profile

# A pattern read as a sequence of tokens: a character matched as itself, DIGIT
# (any decimal digit), or BREAK (anything else: what stands there is not known).
DIGIT, BREAK = r"\d", ""
_COUNTED = re.compile(r"\{(\d*)(?:,\d*)?\}")
# How many characters an escape of a code point spans, its backslash included.
_ESCAPE_WIDTH = {"x": 4, "u": 6, "U": 10}
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


def _escape(source: str, start: int) -> tuple[list[str], int]:
    """The token of the escape at ``start`` and the index after it."""
    letter = source[start + 1:start + 2]
    if letter and not letter.isalnum():
        return [letter], start + 2           # an escaped punctuation mark is itself
    if letter == "d":
        return [DIGIT], start + 2
    if letter == "N" and source.startswith("{", start + 2):
        return [BREAK], source.index("}", start) + 1
    end = start + _ESCAPE_WIDTH.get(letter, 2)
    while letter.isdigit() and end < len(source) and end < start + 4 and source[end].isdigit():
        end += 1                             # a group's number or an octal code
    return [BREAK], end


def _group(source: str, start: int) -> tuple[list[str], int]:
    """The tokens of the group opened at ``start`` and the index after it: its
    content's when it is a plain group of one alternative, else BREAK."""
    if source.startswith("(?#", start):
        return [BREAK], source.index(")", start) + 1
    named = _NAMED_GROUP.match(source, start)
    if source.startswith("(?:", start):
        inner, plain = start + 3, True
    elif named is not None:
        inner, plain = named.end(), True
    else:   # a lookaround, a reference, a condition, flags: not matched in sequence
        inner, plain = start + (2 if source.startswith("(?", start) else 1), not source.startswith("(?", start)
    alternatives, end = _sequence(source, inner)
    return (_either(alternatives) if plain else [BREAK]), end


def _atom(source: str, at: int) -> tuple[list[str], int]:
    """The tokens of the item starting at ``at`` and the index after it."""
    char = source[at]
    if char == "\\":
        return _escape(source, at)
    if char == "[":
        return [BREAK], class_end(source, at)
    if char == "(":
        return _group(source, at)
    if char in ".^$*+?{}":
        return [BREAK], at + 1
    return [char], at + 1


def _repeated(tokens: list[str], source: str, at: int) -> tuple[list[str], int]:
    """``tokens`` under the repetition at ``at`` if there is one, and the index after it."""
    char = source[at:at + 1]
    counted = _COUNTED.match(source, at) if char == "{" else None
    if char not in ("*", "+", "?") and counted is None:
        return tokens, at
    end = counted.end() if counted is not None else at + 1
    if source.startswith(("?", "+"), end):   # lazy or possessive
        end += 1
    least = 0 if char in ("*", "?") else 1 if counted is None else int(counted.group(1) or 0)
    if least == 0:
        return [BREAK], end                  # may be absent
    if counted is not None and counted.group(0) in ("{1}", "{1,1}"):
        return tokens, end
    return [*tokens, BREAK, *tokens], end    # the first and the last time are each next to their neighbours


def _sequence(source: str, at: int = 0) -> tuple[list[list[str]], int]:
    """The alternatives (``|``) of the sequence from ``at`` to its closing ``)``
    (or the end), each as tokens, and the index after it."""
    alternatives: list[list[str]] = [[]]
    while at < len(source):
        if source[at] == ")":
            return alternatives, at + 1
        if source[at] == "|":
            alternatives.append([])
            at += 1
            continue
        atom, at = _atom(source, at)
        atom, at = _repeated(atom, source, at)
        alternatives[-1] += atom
    return alternatives, at


def _either(alternatives: list[list[str]]) -> list[str]:
    """The tokens of a choice between ``alternatives``: the longest text that
    the best piece of each holds (``статья``, ``статей``: ``тат``), on its own."""
    if len(alternatives) == 1:
        return alternatives[0]
    texts = ["".join(best) if DIGIT not in (best := _best(_pieces(tokens))) else "" for tokens in alternatives]
    shortest = min(texts, key=len)
    common = next((shortest[start:start + size] for size in range(len(shortest), 0, -1)
                   for start in range(len(shortest) - size + 1)
                   if all(shortest[start:start + size] in text for text in texts)), "")
    return [BREAK, *common, BREAK]


def _pieces(tokens: list[str]) -> list[list[str]]:
    """The runs of ``tokens`` between BREAKs, each from its first character
    matched as itself (a search for a fixed character is fast; for a digit, slow)."""
    pieces: list[list[str]] = []
    run: list[str] = []
    for token in [*tokens, BREAK]:
        if token != BREAK:
            run.append(token)
            continue
        while run and run[0] == DIGIT:
            run.pop(0)
        if run:
            pieces.append(run)
        run = []
    return pieces


def required(pattern: re.Pattern[str]) -> list[str]:
    """Tokens that every match of ``pattern`` holds one after the other (the
    longest such run found; characters and DIGIT); [] when none is known
    (case-insensitive and verbose patterns)."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return []
    alternatives, _ = _sequence(pattern.pattern)
    return _best(_pieces(_either(alternatives)))


def _best(pieces: list[list[str]]) -> list[str]:
    """The longest piece; of pieces as long, one without digits (a plain substring test)."""
    return max(pieces, key=lambda piece: (len(piece), DIGIT not in piece), default=[])


@dataclass(frozen=True, slots=True)
class Scan:
    """A compiled pattern and the test of what every match of it holds."""

    pattern: re.Pattern[str]
    text: str                           # a piece every match holds ("" when none is known)
    test: re.Pattern[str] | None        # or, where digits are part of it, a search for it

    @classmethod
    def of(cls, pattern: re.Pattern[str]) -> Scan:
        tokens = required(pattern)
        if DIGIT not in tokens:
            return cls(pattern, "".join(tokens), None)
        return cls(pattern, "", re.compile("".join(t if t == DIGIT else re.escape(t) for t in tokens)))

    def may_match(self, text: str) -> bool:
        """False when ``text`` cannot hold a match; True says nothing."""
        return self.text in text if self.test is None else self.test.search(text) is not None


@dataclass(frozen=True)
class Scans:
    """One language's date and reference patterns, each ready for its test."""

    profile: Profile
    dates: tuple[Scan, ...]
    nested_references: tuple[Scan, ...]        # a unit below another ("пункта 2 статьи 8")
    references: tuple[tuple[str, Scan], ...]   # (unit kind, pattern), in the profile's order
    # The profile narrowed to some of its date patterns, by which of them are kept.
    narrowed: dict[tuple[bool, ...], Profile] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, profile: Profile) -> Scans:
        return cls(
            profile,
            dates=tuple(Scan.of(p) for p in profile.dates),
            nested_references=tuple(Scan.of(p) for p in profile.nested_references),
            # The kind as plain text, as the group names of nested references give
            # it: keys are also ordered by their text (str), where a member would print its name.
            references=tuple((kind.value, Scan.of(p)) for kind, patterns in profile.references.items()
                             for p in patterns),
        )

    def date_profile(self, text: str) -> Profile | None:
        """The profile as it finds the dates of ``text``: with only the date
        patterns that may match it, in their order (the others find nothing);
        None when none may."""
        kept = tuple([scan.text in text if scan.test is None else scan.test.search(text) is not None
                      for scan in self.dates])   # may_match(), without a call per pattern
        if not any(kept):
            return None
        if all(kept):
            return self.profile
        profile = self.narrowed.get(kept)
        if profile is None:
            dates = tuple(scan.pattern for scan, keep in zip(self.dates, kept, strict=True) if keep)
            profile = self.narrowed[kept] = self.profile.with_dates(dates)
        return profile


@functools.cache
def scans_of(language: str) -> Scans:
    """The patterns of ``language``'s profile, read once per process."""
    return Scans.of(load_profile(language))


def scans_for(profile: Profile) -> Scans:
    """The patterns of ``profile``: those read once for its language when it is
    the language's profile as loaded, else read now."""
    scans = scans_of(profile.language)
    return scans if scans.profile is profile else Scans.of(profile)
