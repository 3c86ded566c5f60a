"""Fixtures, and the Hypothesis settings profiles the property tests run under.

Plain functions and constants (paths, source writers, the round trip) are in
helpers.py.

Profiles: "ci" (the default) draws the same examples on every run
(derandomize), keeps no example database and prints the reproduction blob of
a failure, so a red run is the same run anywhere; "dev"
(HYPOTHESIS_PROFILE=dev) draws new examples on each run and keeps failing
ones in .hypothesis/ to replay first next time. Neither sets a deadline: the
properties build, validate and round-trip whole documents on a shared
machine, where the time of one example says nothing about a bug. Both keep
every phase, so a failure is shrunk to its smallest example.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

from helpers import BUNDLED

settings.register_profile("ci", derandomize=True, database=None, print_blob=True, deadline=None)
settings.register_profile("dev", derandomize=False, print_blob=True, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def bundled_bundle():
    from aknkit import read_source_folder

    return read_source_folder(BUNDLED)
