"""ISO code lists for FRBR metadata, from the maintained tables in ``pycountry``.

Countries (NC §4.5): ISO 3166-1 alpha-2, or an ISO 3166-2 subdivision such as
``it-45``; the codes ``eu`` and ``un`` are ISO 3166-1 exceptional reservations
that the Naming Convention's own examples use for supranational bodies.
Languages (NC §4.6.1): ISO 639-2 alpha-3. pycountry carries ISO 639-3, whose
alpha-3 codes include every ISO 639-2/T code and the special codes ``mul``,
``und``, ``mis`` and ``zxx``; ISO 639-2/B codes (``fre``, ``ger``) and the
ISO 639-5 collective codes that ISO 639-2 also lists (``sla``) are added.
Codes compare case-insensitively: the Naming Convention writes them in lower
case, ISO 3166 in upper case.
"""

from __future__ import annotations

import functools

import pycountry

_RESERVED_COUNTRIES = frozenset({"eu", "un"})


@functools.cache
def _countries() -> frozenset[str]:
    codes = {country.alpha_2.lower() for country in pycountry.countries}
    codes |= {subdivision.code.lower() for subdivision in pycountry.subdivisions}
    return frozenset(codes | _RESERVED_COUNTRIES)


@functools.cache
def _languages() -> frozenset[str]:
    codes = {language.alpha_3 for language in pycountry.languages}
    codes |= {language.bibliographic for language in pycountry.languages if hasattr(language, "bibliographic")}
    codes |= {family.alpha_3 for family in pycountry.language_families}
    return frozenset(code.lower() for code in codes)


def is_country(code: str) -> bool:
    """ISO 3166-1 alpha-2 (``kz``) or ISO 3166-2 (``it-45``)."""
    return code.lower() in _countries()


def is_language(code: str) -> bool:
    """ISO 639-2 alpha-3 (``kaz``, ``rus``, ``eng``, ``mul``, ``und``)."""
    return len(code) == 3 and code.lower() in _languages()
