"""Generated laws in all three languages: text -> AKN -> text -> AKN gives the same AKN.

The generator writes laws the way adilet.zan.kz publishes them, with the
variation real files have: headings beside or under their labels, articles
with and without headings, numbered paragraphs, points and lettered items,
text after a list, footnotes and service notes, excluded units, envelope
lines, hard-wrapped lines, flat layouts without blank lines, signature
blocks. Every generated law must parse; its AKN, unparsed and parsed again,
must give the same bytes, and the unparsed text must keep all of its text.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import assert_round_trip, law_text


def laws(language: str):
    """Laws in ``language``; one seed per law keeps generation cheap, so the
    budget goes to checking. (Hypothesis shrinks the seed, not the law: a
    failure is reported with its seed and replays exactly.)"""
    return st.randoms(use_true_random=True).map(lambda rng: law_text(rng, language))


ROUND_TRIP = settings(max_examples=400)


@pytest.mark.slow
@ROUND_TRIP
@given(laws("kaz"))
def test_generated_kazakh_laws_round_trip(text):
    assert_round_trip(text, "kaz")


@pytest.mark.slow
@ROUND_TRIP
@given(laws("rus"))
def test_generated_russian_laws_round_trip(text):
    assert_round_trip(text, "rus")


@pytest.mark.slow
@ROUND_TRIP
@given(laws("eng"))
def test_generated_english_laws_round_trip(text):
    assert_round_trip(text, "eng")
