"""``aknkit.diff.scans``: what every match of a pattern holds, read from the
pattern, lets the diff skip a pattern on a text without it. The test must never
fail on a text that holds a match, or a date or reference would go unseen."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aknkit.diff.scans import DIGIT, Scan, required, scans_of
from aknkit.text.profile import load_profile

LANGUAGES = ("kaz", "rus", "eng")
TEXTS = Path(__file__).parent / "fixtures" / "texts"


def _profile_patterns(language: str) -> list[re.Pattern[str]]:
    """The patterns the diff runs, then every other list of patterns of the profile
    (labels, notes, ...): more shapes of pattern to read."""
    profile = load_profile(language)
    scans = scans_of(language)
    patterns = [s.pattern for s in (*scans.dates, *scans.nested_references)]
    patterns += [s.pattern for _, s in scans.references]
    for value in vars(profile).values():
        groups = value.values() if isinstance(value, dict) else [value]
        for group in groups:
            if isinstance(group, tuple):
                patterns += [p for p in group if isinstance(p, re.Pattern)]
    return patterns


@pytest.mark.parametrize(("source", "tokens"), [
    (r"\b[Сс]тать(?:я|и|е)\s+(?P<num>\d+)", list("тать")),
    (r"\b(?P<d>\d{2})\.(?P<m>\d{2})\.(?P<y>\d{4})\b", [".", DIGIT]),
    (r"(?:бап|баб)\s*-", list("ба")),            # what both alternatives hold
    (r"ab?c", ["a"]),                            # "b" may be absent: no run across it
    (r"a{2}b", ["a", "b"]),                      # the last "a" stands before "b"
    (r"(?:abc)?def", list("def")),
    (r"x(?=abc)y", ["x"]),                       # a lookahead is not matched in sequence
    (r"(?i:abcd)e", ["e"]),                      # nor is a case-insensitive group
    (r"(?i)abcd", []),
    (r"abc|abd", list("ab")),
    (r"[abc)]def\]g", list("def]g")),
    (r"a\u00e9bc", list("bc")),                  # an escaped code point is not read
    (r"\d+", []),
])
def test_what_every_match_holds(source, tokens):
    assert required(re.compile(source)) == tokens


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_profile_pattern_keeps_every_match_of_the_fixtures(language):
    """Each profile pattern on every line of the text fixtures (as the diff
    reads them, normalised): whatever it matches passes its test."""
    profile = load_profile(language)
    lines = [profile.normalise(line) for path in sorted(TEXTS.glob(f"*-{language}.txt"))
             for line in path.read_text(encoding="utf-8").splitlines()]
    matched = 0
    for pattern in _profile_patterns(language):
        scan = Scan.of(pattern)
        for line in lines:
            for match in pattern.finditer(line):
                matched += 1
                assert scan.may_match(match.group(0)), (pattern.pattern, match.group(0))
    assert matched > 100


@pytest.mark.parametrize("language", LANGUAGES)
@settings(max_examples=200)
@given(data=st.data())
def test_every_text_a_profile_pattern_matches_passes_its_test(language, data):
    pattern = data.draw(st.sampled_from(_profile_patterns(language)))
    text = data.draw(st.from_regex(pattern, fullmatch=True))
    assert Scan.of(pattern).may_match(text), (pattern.pattern, text)


def test_the_dates_of_a_text_are_found_with_the_patterns_that_may_match_it():
    scans = scans_of("kaz")
    assert scans.date_profile("1 мәселені;") is None
    narrowed = scans.date_profile("Осы бап 1991 жылғы 2 ақпан бастап қолданылады.")
    assert narrowed is not None and narrowed.dates == load_profile("kaz").dates[:2]
    assert scans.date_profile("1991 жылғы 2 ақпан, 16.12.1991") is load_profile("kaz")
