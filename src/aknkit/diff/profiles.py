"""The language profiles as the diff reads them.

A language without a profile (German, Italian, ...) is still compared, by its
structure only (the info note D301 says so); a profile that exists but is
malformed raises :class:`~aknkit.text.profile.ProfileError`.
"""

from __future__ import annotations

import functools

from aknkit.text.profile import Profile, available_languages, load_profile, profile_code


@functools.cache
def profile_of(language: str) -> Profile | None:
    """The profile of ``language``, or None when there is none for it."""
    if profile_code(language) not in available_languages():
        return None
    return load_profile(language)


def unit_name(kind: str, num: str, language: str) -> str:
    """A unit named in ``language``: ``Article 6``, ``6-бап``; generic when unknown."""
    return name_pattern(kind, language).format(num=num)


def name_pattern(kind: str, language: str) -> str:
    """How ``language`` names a unit of ``kind``, ``{num}`` standing for its number."""
    profile = profile_of(language)
    name = profile.unit_names.get(kind) if profile is not None else None
    return f"{kind} {{num}}" if name is None else name


def preamble_name(language: str) -> str:
    """The preamble named in ``language``; ``Preamble`` when the profile has no name."""
    profile = profile_of(language)
    if profile is None or profile.preamble_name is None:
        return "Preamble"
    return profile.preamble_name
