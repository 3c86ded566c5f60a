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
import json
import os
from importlib.util import find_spec

_RESERVED_COUNTRIES = frozenset({"eu", "un"})


def _table(file: str, key: str) -> list[dict[str, str]]:
    """One of pycountry's ISO tables, read straight from its JSON file.

    Importing pycountry and building its objects costs several times more
    than reading the few codes needed, and a one-act build pays it in full;
    locating the package (``find_spec``) does not run it.
    """
    spec = find_spec("pycountry")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pycountry is missing; reinstall aknkit", name="pycountry")
    path = os.path.join(next(iter(spec.submodule_search_locations)), "databases", file)
    with open(path, encoding="utf-8") as stream:
        entries: list[dict[str, str]] = json.load(stream)[key]   # each entry: field name -> code or name
    return entries


@functools.cache
def _countries() -> frozenset[str]:
    return frozenset({entry["alpha_2"].lower() for entry in _table("iso3166-1.json", "3166-1")}
                     | _RESERVED_COUNTRIES)


@functools.cache
def _subdivisions() -> frozenset[str]:
    return frozenset(entry["code"].lower() for entry in _table("iso3166-2.json", "3166-2"))


@functools.cache
def _languages() -> frozenset[str]:
    individual = _table("iso639-3.json", "639-3")
    codes = {entry["alpha_3"] for entry in individual}
    codes |= {entry["bibliographic"] for entry in individual if "bibliographic" in entry}
    codes |= {entry["alpha_3"] for entry in _table("iso639-5.json", "639-5")}
    return frozenset(code.lower() for code in codes)


def is_country(code: str) -> bool:
    """ISO 3166-1 alpha-2 (``kz``) or ISO 3166-2 (``it-45``)."""
    code = code.lower()
    return code in _countries() or ("-" in code and code in _subdivisions())


def is_language(code: str) -> bool:
    """ISO 639-2 alpha-3 (``kaz``, ``rus``, ``eng``, ``mul``, ``und``)."""
    return len(code) == 3 and code.lower() in _languages()
