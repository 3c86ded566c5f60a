"""``act.toml`` checked as a document of its own.

The Work's facts decide the IRIs and ids of every output, so a mistake there is
found here, at its line in ``act.toml``, before anything is parsed or written:
not as a schema error at a line of an output file that was never written.
Checked: the TOML itself (a BOM is accepted), required keys and their types,
unknown keys and sections (with the closest known name), values the naming
convention does not allow in an IRI (refused with the value that would be
right, never rewritten silently), ids that would collide as eIds in the
output, per-language tables against ``languages``; and, once a language's text
is parsed, ``[title]``, ``date`` and ``number`` against that text's title and
type/date line.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
import tomllib
from collections.abc import Collection
from pathlib import Path
from typing import Any

from aknkit.akn import ids
from aknkit.akn.schema import TOOL_ID
from aknkit.files import FACTS_FILE
from aknkit.findings import Finding, finding
from aknkit.model import Act
from aknkit.text.profile import Profile, available_languages
from aknkit.validate.isocodes import is_country

# act.toml as tomllib reads it: tables of strings, integers, dates, arrays and
# tables. Only the checks below turn it into known keys of known types.
Facts = dict[str, Any]
# The type (or types) a key must have.
_Kind = type | tuple[type, ...]

# Every key act.toml may hold: (type, required). A table's keys are listed under its name.
_TOP: dict[str, tuple[_Kind, bool]] = {
    "country": (str, True), "doctype": (str, True), "subtype": (str, False), "date": (_dt.date, True),
    "number": (str, True), "master_language": (str, True), "languages": (list, True),
    "title": (dict, False), "author": (dict, False), "signatory": (dict, False), "place": (dict, False),
    "vote": (dict, False),
}
_PARTIES = ("author", "signatory", "place")
_PARTY_KEYS: dict[str, tuple[_Kind, bool]] = {
    "id": (str, True), "name": ((str, dict), True), "role_id": (str, False), "role": ((str, dict), False),
}
_VOTE_KEYS = ("for", "against", "abstained", "absent")
# The only document type the builder writes (its document element is <act>); a
# law, code, decree or resolution is an act, and its kind goes in ``subtype``.
_DOCTYPES = ("act",)
_IRI_WORD = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_EXAMPLES = {"date": "date = 1991-12-16", "languages": 'languages = ["kaz", "rus", "eng"]',
             "number": 'number = "1007-XII"', "country": 'country = "kz"', "doctype": 'doctype = "act"',
             "master_language": 'master_language = "kaz"'}


# --- where each key is ----------------------------------------------------------------

_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=""")


def _dotted(text: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in re.split(r"\.(?=(?:[^\"']*[\"'][^\"']*[\"'])*[^\"']*$)", text))


def key_lines(text: str) -> dict[tuple[str, ...], int]:
    """The line of every table header and key: ``("signatory", "name")`` -> 27.

    A light scan, enough to point at a key: headers ``[a.b]``, keys and dotted
    keys; lines inside multi-line strings are skipped.
    """
    lines: dict[tuple[str, ...], int] = {}
    table: tuple[str, ...] = ()
    in_string: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if in_string:
            if line.count(in_string) % 2:
                in_string = None
            continue
        header = _HEADER.match(line)
        if header and not line.lstrip().startswith("[["):
            table = _dotted(header.group(1))
            lines.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if key:
            lines.setdefault(table + _dotted(key.group(1)), number)
            rest = line[key.end():]
            for quotes in ('"""', "'''"):
                if rest.count(quotes) % 2:
                    in_string = quotes
    return lines


class _Report:
    """Findings about one act.toml, each at the line of the key it concerns."""

    def __init__(self, path: Path, lines: dict[tuple[str, ...], int]):
        self.path = path
        self.lines = lines
        self.findings: list[Finding] = []

    def line(self, *key: str) -> int | None:
        """The key's line; else its nearest ancestor's, or the first line of a table known only by its sub-tables."""
        while key:
            if key in self.lines:
                return self.lines[key]
            below = [line for path, line in self.lines.items() if path[:len(key)] == key]
            if below:
                return min(below)
            key = key[:-1]
        return None

    def add(self, code: str, message: str, *key: str) -> None:
        self.findings.append(finding(code, message, str(self.path), self.line(*key)))


def _closest(word: str, known: Collection[str]) -> str:
    match = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f"; did you mean {match[0]!r}?" if match else ""


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, _dt.datetime):
        return "a date and time"
    return {str: "a string", int: "an integer", float: "a number", list: "an array", dict: "a table",
            _dt.date: "a date", _dt.time: "a time"}.get(type(value), type(value).__name__)


def _expected(kind: _Kind) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join({str: "a string", list: "an array", dict: "a table", _dt.date: "a date",
                        int: "an integer"}[k] for k in kinds)


def _is(value: object, kind: _Kind) -> bool:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(value, (_dt.datetime, bool)):
        return False
    return isinstance(value, kinds)


# --- reading ---------------------------------------------------------------------------

def load_facts(path: Path) -> tuple[Facts, list[Finding]]:
    """The facts of ``path`` and every finding about them (empty when all is right)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}, [finding("S001", f"missing {FACTS_FILE}; expected the act's facts (country, doctype, "
                                    "date, number, master_language, languages)", str(path))]
    except OSError as exc:
        return {}, [finding("S001", f"cannot read {FACTS_FILE}: {exc.strerror or exc}", str(path))]
    try:
        text = data.decode("utf-8-sig")   # a BOM, as some editors write, is no error
    except UnicodeDecodeError as exc:
        bad_line = data.count(b"\n", 0, exc.start) + 1
        return {}, [finding("S001", f"not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded; "
                                    "expected UTF-8 text", str(path), bad_line)]
    try:
        facts = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = int(m.group(1)) if (m := re.search(r"line (\d+)", str(exc))) else None
        return {}, [finding("S001", f"not valid TOML: {exc}", str(path), line)]
    report = _Report(path, key_lines(text))
    check_facts(facts, report)
    return facts, report.findings


def check_facts(facts: Facts, report: _Report) -> None:
    """Every problem of the facts themselves, before any text is read."""
    for key, value in facts.items():
        if key not in _TOP:
            what = "section" if isinstance(value, dict) else "key"
            report.add("S103", f"unknown {what} {key!r}{_closest(key, _TOP)} "
                               f"(known: {', '.join(_TOP)})", key)
    for key, (kind, required) in _TOP.items():
        if key not in facts:
            if required:
                report.add("S101", f"required key {key!r} is missing; expected e.g. {_EXAMPLES[key]}")
            continue
        if not _is(facts[key], kind):
            hint = ""
            if kind is _dt.date and isinstance(facts[key], str):
                hint = f"; write the date without quotes: {key} = {facts[key]}"
            elif kind is str and isinstance(facts[key], int) and not isinstance(facts[key], bool):
                hint = f'; write it in quotes: {key} = "{facts[key]}"'
            report.add("S102", f"{key} is {_kind(facts[key])}; expected {_expected(kind)}{hint}", key)
    languages = _check_languages(facts, report)
    _check_iri_values(facts, report)
    if _is(facts.get("title"), dict):
        _check_titles(facts["title"], languages, report)
    for party in _PARTIES:
        if _is(facts.get(party), dict):
            _check_party(party, facts[party], languages, report)
    _check_ids(facts, report)
    if _is(facts.get("vote"), dict):
        for key, value in facts["vote"].items():
            if key not in _VOTE_KEYS:
                report.add("S103", f"unknown key {key!r} in [vote]{_closest(key, _VOTE_KEYS)} "
                                   f"(known: {', '.join(_VOTE_KEYS)})", "vote", key)
            elif not _is(value, int) or value < 0:
                report.add("S102", f"vote.{key} is {value!r}; expected a count (an integer, 0 or more)",
                           "vote", key)


def _check_languages(facts: Facts, report: _Report) -> list[str]:
    """The languages listed (strings, each once); the per-language tables are checked against them
    (an entry for every listed language that has a profile, none for a language not listed)."""
    languages = facts.get("languages")
    if not isinstance(languages, list):
        return []
    good: list[str] = []
    known = available_languages()
    for language in languages:
        if not isinstance(language, str):
            report.add("S102", f"languages holds {_kind(language)} {language!r}; expected language codes "
                               "such as \"rus\"", "languages")
        elif language in good:
            report.add("S108", f"language {language!r} is listed twice in languages", "languages")
        else:
            good.append(language)
            if language not in known:
                report.add("S002", f"unknown language {language!r}: no language profile"
                                   f"{_closest(language, known)} (known: {', '.join(known)})", "languages")
    if not languages:
        report.add("S102", "languages is empty; expected at least one language code", "languages")
    master = facts.get("master_language")
    if isinstance(master, str) and languages and master not in languages:
        report.add("S108", f"master_language {master!r} is not in languages "
                           f"({', '.join(map(str, languages))})", "master_language")
    return good


def _country_suggestion(value: str) -> str:
    if is_country(value):
        return value.lower()
    import pycountry  # only here: a suggestion for a wrong country is the only use

    try:
        found = pycountry.countries.get(alpha_3=value.upper()) or pycountry.countries.lookup(value)
    except LookupError:
        return ""
    return found.alpha_2.lower() if found else ""


def _iri_word(value: str) -> str:
    """What a subtype would be in the naming convention's characters:
    ``Constitutional Law`` -> ``constitutional-law``."""
    return "-".join(re.findall(r"[a-z0-9]+", value.lower()))


def _check_iri_values(facts: Facts, report: _Report) -> None:
    country = facts.get("country")
    if isinstance(country, str) and (country != country.lower() or not is_country(country)):
        right = _country_suggestion(country)
        why = "is in upper case" if is_country(country) else "is not an ISO 3166-1 alpha-2 code"
        report.add("S104", f"country {country!r} {why}; the IRI takes the lower-case ISO 3166-1 alpha-2 "
                           "code" + (f"; did you mean {right!r}?" if right else " such as 'kz'"), "country")
    doctype = facts.get("doctype")
    if isinstance(doctype, str) and doctype not in _DOCTYPES:
        report.add("S104", f"doctype {doctype!r} is not a document type aknkit writes; expected 'act' "
                           "(a law, code, decree or resolution is an AKN act: put its kind in subtype, "
                           f"e.g. subtype = {_iri_word(doctype) or 'law'!r})", "doctype")
    subtype = facts.get("subtype")
    if isinstance(subtype, str) and not _IRI_WORD.match(subtype):
        right = _iri_word(subtype)
        report.add("S104", f"subtype {subtype!r} cannot stand in an IRI (only lower-case letters, digits "
                           "and single hyphens)" + (f"; did you mean {right!r}?" if right else ""), "subtype")
    number = facts.get("number")
    if isinstance(number, str) and not re.search(r"[^\W_]", number):
        report.add("S104", f"number {number!r} holds no letter or digit for the IRI; expected the act's "
                           "number as printed, e.g. number = \"1007-XII\"", "number")


def _check_titles(titles: Facts, languages: list[str], report: _Report) -> None:
    for language, title in titles.items():
        if languages and language not in languages:
            report.add("S107", f"[title] names {language!r}, which is not in languages"
                               f"{_closest(language, languages)}", "title", language)
        elif not isinstance(title, str) or not title.strip():
            report.add("S102", f"title.{language} is {_kind(title)} {title!r}; expected the title as a "
                               "non-empty string", "title", language)


def _check_party(section: str, table: Facts, languages: list[str], report: _Report) -> None:
    for key in table:
        if key not in _PARTY_KEYS:
            report.add("S103", f"unknown key {key!r} in [{section}]{_closest(key, _PARTY_KEYS)} "
                               f"(known: {', '.join(_PARTY_KEYS)})", section, key)
    for key, (kind, required) in _PARTY_KEYS.items():
        if key not in table:
            if required:
                report.add("S101", f"[{section}] has no {key!r}; expected "
                                   + ('id = "lower-case-id"' if key == "id" else
                                      f"[{section}.name] with one name per language"), section)
            continue
        value = table[key]
        if not _is(value, kind):
            report.add("S102", f"{section}.{key} is {_kind(value)}; expected {_expected(kind)}", section, key)
        elif key in ("id", "role_id") and not _ID.match(value):
            report.add("S105", f"{section}.{key} {value!r} must be lower-case letters, digits and hyphens"
                               + (f"; did you mean {_iri_word(value)!r}?" if _iri_word(value) else ""),
                       section, key)
        elif isinstance(value, dict):
            _check_localised(f"{section}.{key}", value, languages, report, (section, key))


def _check_localised(name: str, table: Facts, languages: list[str], report: _Report,
                     key: tuple[str, ...]) -> None:
    if not languages:
        return  # nothing to check against: the problem with `languages` is reported already
    known = available_languages()
    for language in (lang for lang in languages if lang in known):
        if language not in table:
            report.add("S107", f"[{name}] has no {language!r} entry; expected one per language "
                               f"({', '.join(languages)})", *key)
    for language, value in table.items():
        if language not in languages:
            report.add("S107", f"[{name}] names {language!r}, which is not in languages"
                               f"{_closest(language, languages)}", *key, language)
        elif not isinstance(value, str) or not value.strip():
            report.add("S102", f"{name}.{language} is {_kind(value)}; expected a non-empty string",
                       *key, language)


def _check_ids(facts: Facts, report: _Report) -> None:
    """The parties' ids and role ids become eIds of one <references> block: each must be unique there."""
    seen: dict[str, tuple[str, ...]] = {TOOL_ID: ()}
    for party in _PARTIES:
        table = facts.get(party)
        if not isinstance(table, dict):
            continue
        for key in ("id", "role_id"):
            value = table.get(key)
            if not isinstance(value, str) or not _ID.match(value):
                continue
            if value in seen:
                other = seen[value]
                where = (f"{'.'.join(other)} (line {report.line(*other)})" if other
                         else "the id aknkit gives itself as the tool that made the document")
                report.add("S106", f"{party}.{key} {value!r} is also {where}; each becomes an eId of the "
                                   "document's references and must be unique", party, key)
            else:
                seen[value] = (party, key)


# --- against each language's text --------------------------------------------------------

def _plain(text: str, profile: Profile) -> str:
    """A title as compared: look-alike letters mended, case, blanks and outer quotes or periods ignored."""
    text = profile.normalise(text)
    return " ".join(text.casefold().split()).strip(" .\"'«»“”„")


def check_against_text(facts: Facts, act: Act, profile: Profile, facts_path: Path) -> list[Finding]:
    """``[title]``, ``date`` and ``number`` against the title and type/date line of one language's text.

    Each mismatch is an error at the key's line in act.toml that quotes the text's line.
    """
    try:
        text = facts_path.read_text(encoding="utf-8-sig")
    except OSError:
        text = ""
    report = _Report(facts_path, key_lines(text))
    source = act.source
    title = facts.get("title", {}).get(act.language) if isinstance(facts.get("title"), dict) else None
    if isinstance(title, str) and act.title is not None and _plain(title, profile) != _plain(act.title.text, profile):
        report.add("S201", f"title.{act.language} is {title!r}, but {source} line "
                           f"{act.title.loc.line if act.title.loc else '?'} reads {act.title.text!r}",
                   "title", act.language)
    meta = act.meta_line
    if meta is not None:
        where = f"{source} line {meta.loc.line if meta.loc else '?'}"
        date = facts.get("date")
        if meta.date is not None and isinstance(date, _dt.date) and meta.date.value != date.isoformat():
            printed = meta.text[meta.date.start:meta.date.end]
            report.add("S202", f"date = {date.isoformat()} here, but {where} dates the act {printed!r} "
                               f"({meta.date.value})", "date")
        number = facts.get("number")
        if meta.number is not None and isinstance(number, str) \
                and ids.iri_number(meta.number.value) != ids.iri_number(number):
            printed = meta.text[meta.number.start:meta.number.end]
            report.add("S203", f"number = {number!r} here, but {where} numbers the act {printed!r}", "number")
    return report.findings
