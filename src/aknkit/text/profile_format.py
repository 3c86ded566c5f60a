"""Checking a profile file against its declared format.

TOML alone says nothing about which tables and keys a profile has: a
misspelt key (``artcle`` for ``article``) would load and quietly match
nothing. Here a file is checked against a declared format (:class:`Table`,
:class:`Key`): an unknown, missing or mistyped key is a :class:`ProfileError`
naming the file, the key as a dotted path and its line. The named fragments
of ``[fragments]`` are expanded in every pattern (``{tail}``), and every
pattern is compiled, so a bad one fails on load, not on the first text.

tomllib gives no positions, so a key's line is found by reading the file's
text: a ``[table]`` header, then ``key =`` lines. Profiles use nothing else.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# The kinds of value a key holds.
TEXT = "text"                   # a string
TEMPLATE = "template"           # a string with {num} in it ("Article {num}.")
CHARACTER = "character"         # one character (a homoglyph's replacement)
WORDS = "words"                 # a list of strings
PATTERN = "pattern"             # a regular expression, fragments expanded
PATTERNS = "patterns"           # a list of them
PATTERN_PAIRS = "pattern-pairs"  # a list of [pattern, string]
QUOTE_PAIRS = "quote-pairs"     # a list of [opening quote, closing quote], one character each
FRAGMENT = "fragment"           # a piece of a pattern, named in [fragments]

_DESCRIPTIONS = {
    TEXT: "a string",
    TEMPLATE: "a string with {num} (the unit's number)",
    CHARACTER: "a single character",
    WORDS: "a list of strings",
    PATTERN: "a pattern (a string)",
    PATTERNS: "a list of patterns (strings)",
    PATTERN_PAIRS: "a list of [pattern, string] pairs",
    QUOTE_PAIRS: "a list of [opening, closing] quote pairs, one character each",
    FRAGMENT: "a pattern fragment (a string)",
}
_LISTS = (WORDS, PATTERNS, PATTERN_PAIRS, QUOTE_PAIRS)

# A fragment reference in a pattern: "{tail}". A regular expression's own
# braces hold digits ("\d{1,2}"), so a name starting with a letter is a
# reference; a literal brace before a letter is written "\{".
_REFERENCE = re.compile(r"(?<!\\)\{([A-Za-z_][A-Za-z0-9_]*)\}")
_FRAGMENT_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_HEADER = re.compile(r"\s*\[\s*([A-Za-z0-9_.-]+)\s*\]")
_KEY = re.compile(r"""\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*=""")
_TOML_LINE = re.compile(r"at line (\d+)")


class ProfileError(Exception):
    """A profile is missing or malformed; ``file``, ``key`` (a dotted path) and
    ``line`` say where, when known."""

    def __init__(self, message: str, file: str | None = None, key: str | None = None,
                 line: int | None = None):
        super().__init__(message)
        self.file, self.key, self.line = file, key, line


@dataclass(frozen=True)
class Key:
    """One key of a table: the kind of value it holds, whether a table that is
    present must have it, for a list of fixed length, that length, and for
    [pattern, string] pairs whose string names one of a fixed set, that set."""

    kind: str
    required: bool = True
    count: int | None = None
    choices: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Table:
    """One table: its keys, whether a profile must have it, and for a table of
    free names (look-alike letters, fragments), the key every name has."""

    keys: dict[str, Key]
    required: bool = True
    any_key: Key | None = None


# The top-level keys of a file live in the table named "".
ROOT = ""


def default(key: Key) -> list[Any] | None:
    """The value of an optional key that is absent (lists are empty; other
    kinds stay absent)."""
    return [] if key.kind in _LISTS else None


@dataclass(frozen=True)
class Located:
    """A profile file's name and text, to name where a key stands."""

    file: str
    text: str

    def line_of(self, table: str, key: str | None = None, value: str | None = None) -> int | None:
        """The line of ``key`` in ``table`` (of ``value`` in it, for one item of
        a list running over lines); the table's header when the key is absent."""
        current, header, found = ROOT, (1 if table == ROOT else None), None
        for number, line in enumerate(self.text.splitlines(), start=1):
            opens = _HEADER.match(line)
            if opens is not None or (found is not None and _KEY.match(line)):
                if found is not None:
                    break
                current = opens.group(1) if opens is not None else current
                header = number if current == table else header
                continue
            if current != table:
                continue
            if found is None:
                named = _KEY.match(line)
                if key is None or named is None or key not in named.groups():
                    continue
                found = number
            if value is None or f"'{value}'" in line or f'"{value}"' in line:
                return number
        return found if found is not None else header

    def error(self, path: str, problem: str, table: str, key: str | None = None,
              value: str | None = None) -> ProfileError:
        line = self.line_of(table, key, value)
        where = f"{self.file}:{line}" if line is not None else self.file
        return ProfileError(f"{where}: {path}: {problem}", file=self.file, key=path, line=line)


def dotted(table: str, key: str | None = None, index: tuple[int, ...] = ()) -> str:
    """``labels.article[0]``: where a value stands, as messages name it."""
    path = ".".join(part for part in (table, key) if part)
    return path + "".join(f"[{i}]" for i in index)


def load_toml(located: Located) -> dict[str, Any]:
    try:
        return tomllib.loads(located.text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        line = int(found.group(1)) if found else None
        where = f"{located.file}:{line}" if line is not None else located.file
        raise ProfileError(f"{where}: not valid TOML: {exc}", file=located.file, line=line) from None


def check_profile(located: Located, tables: dict[str, Table]) -> dict[str, Any]:
    """The file's data checked against ``tables`` (name -> :class:`Table`, the
    top-level keys under :data:`ROOT`): fragments expanded in every pattern,
    absent optional tables empty and absent optional lists empty."""
    data = load_toml(located)
    _check_names(located, data, tables)
    checker = _Checker(located, {})
    if "fragments" in tables:
        checker.fragments = checker.fragment_table(data.get("fragments", {}))
    checked = checker.table(ROOT, {k: v for k, v in data.items() if k not in tables}, tables[ROOT])
    for name, table in tables.items():
        if name in (ROOT, "fragments"):
            continue
        if name not in data and table.required:
            raise located.error(dotted(name), f"missing table [{name}]; expected one with "
                                f"{_expected(table)}", ROOT)
        checked[name] = checker.table(name, data.get(name, {}), table, present=name in data)
    return checked


def _check_names(located: Located, data: dict[str, Any], tables: dict[str, Table]) -> None:
    """Every top-level name is a known table or a known top-level key."""
    keys = tables[ROOT].keys
    known_tables = [name for name in tables if name != ROOT]
    for name, value in data.items():
        if name in known_tables and not isinstance(value, dict):
            raise located.error(dotted(name), f"is {_kind_of(value)}; expected a table [{name}]", ROOT, name)
        if isinstance(value, dict) and name not in known_tables:
            raise located.error(dotted(name), f"unknown table{_suggestion(name, known_tables)}; expected "
                                f"one of: {', '.join(known_tables)}", name)
        if not isinstance(value, dict) and name not in keys:
            raise located.error(dotted(name), f"unknown key{_suggestion(name, keys)}; expected one of: "
                                f"{', '.join(keys)} (or a table)", ROOT, name)


@dataclass
class _Checker:
    located: Located
    fragments: dict[str, str]   # name -> the fragment, expanded

    def table(self, name: str, values: dict[str, Any], table: Table, present: bool = True) -> dict[str, Any]:
        checked: dict[str, Any] = {}
        for key, value in values.items():
            spec = table.keys.get(key, table.any_key)
            if spec is None:
                raise self.located.error(dotted(name, key), f"unknown key{_suggestion(key, table.keys)}; "
                                         f"expected one of: {', '.join(table.keys)}", name, key)
            checked[key] = self.value(name, key, value, spec)
        for key, spec in table.keys.items():
            if key in checked:
                continue
            if spec.required and present:
                raise self.located.error(dotted(name, key), f"missing key; expected "
                                         f"{_DESCRIPTIONS[spec.kind]}", name)
            if default(spec) is not None:
                checked[key] = default(spec)
        return checked

    def value(self, table: str, key: str, value: Any, spec: Key) -> Any:
        kind = spec.kind
        if kind in _LISTS:
            if not isinstance(value, list):
                raise self.mistyped(table, key, value, spec)
            if spec.count is not None and len(value) != spec.count:
                items = f"{len(value)} item{'s' * (len(value) != 1)}"
                raise self.located.error(dotted(table, key), f"has {items}; expected {spec.count}", table, key)
            checked = [self.item(table, key, (index,), item, kind) for index, item in enumerate(value)]
            if spec.choices is not None:
                self.chosen(table, key, checked, spec.choices)
            return checked
        if kind == CHARACTER and key != key[:1]:
            raise self.located.error(dotted(table, key), "is a key of more than one character; expected "
                                     "one character (the letter to replace)", table, key)
        return self.scalar(table, key, (), value, kind)

    def item(self, table: str, key: str, index: tuple[int, ...], item: Any, kind: str) -> Any:
        if kind == WORDS:
            return self.scalar(table, key, index, item, TEXT)
        if kind == PATTERNS:
            return self.scalar(table, key, index, item, PATTERN)
        if not isinstance(item, list) or len(item) != 2:
            raise self.located.error(dotted(table, key, index), f"is {_kind_of(item)}; expected "
                                     f"a pair: {_DESCRIPTIONS[kind]}", table, key)
        first = PATTERN if kind == PATTERN_PAIRS else CHARACTER
        second = TEXT if kind == PATTERN_PAIRS else CHARACTER
        return [self.scalar(table, key, (*index, 0), item[0], first),
                self.scalar(table, key, (*index, 1), item[1], second)]

    def chosen(self, table: str, key: str, pairs: list[list[str]], choices: tuple[str, ...]) -> None:
        """Each pair's string is one of ``choices``."""
        for index, (_, name) in enumerate(pairs):
            if name not in choices:
                raise self.located.error(dotted(table, key, (index, 1)), f"is {_kind_of(name)}; expected one "
                                         f"of: {', '.join(choices)}", table, key, name)

    def scalar(self, table: str, key: str, index: tuple[int, ...], value: Any, kind: str) -> Any:
        path = dotted(table, key, index)
        if not isinstance(value, str) or (kind == CHARACTER and len(value) != 1):
            raise self.located.error(path, f"is {_kind_of(value)}; expected {_DESCRIPTIONS[kind]}",
                                     table, key, value if isinstance(value, str) else None)
        if kind == TEMPLATE:
            self.template(path, table, key, value)
        if kind == PATTERN:
            return self.pattern(path, table, key, value)
        return value

    def template(self, path: str, table: str, key: str, value: str) -> None:
        try:
            value.format(num="1")
        except (KeyError, IndexError, ValueError) as exc:
            raise self.located.error(path, f"is not a label template ({exc!r}); expected "
                                     f"{_DESCRIPTIONS[TEMPLATE]} and no other placeholder",
                                     table, key, value) from None

    def pattern(self, path: str, table: str, key: str, value: str) -> str:
        expanded = self.expand(path, table, key, value, self.fragments)
        try:
            re.compile(expanded)
        except re.error as exc:
            raise self.located.error(path, f"is not a valid pattern: {exc}", table, key, value) from None
        return expanded

    def expand(self, path: str, table: str, key: str, value: str, fragments: dict[str, str]) -> str:
        def fragment(reference: re.Match[str]) -> str:
            name = reference.group(1)
            if name not in fragments:
                known = ", ".join(f"{{{n}}}" for n in fragments) or "none"
                where = "above it" if table == "fragments" else "in [fragments]"
                raise self.located.error(path, f"refers to the unknown fragment {{{name}}}"
                                         f"{_suggestion(name, fragments)}; defined {where}: {known}",
                                         table, key, value)
            return fragments[name]

        return _REFERENCE.sub(fragment, value)

    def fragment_table(self, values: Any) -> dict[str, str]:
        """The fragments, each expanded with the ones defined above it."""
        if not isinstance(values, dict):
            raise self.located.error("fragments", f"is {_kind_of(values)}; expected a table", ROOT, "fragments")
        expanded: dict[str, str] = {}
        for name, value in values.items():
            path = dotted("fragments", name)
            if not _FRAGMENT_NAME.fullmatch(name):
                raise self.located.error(path, "is no fragment name; expected letters, digits and _ "
                                         "(a letter first), as {name} refers to it", "fragments", name)
            self.scalar("fragments", name, (), value, FRAGMENT)
            expanded[name] = self.expand(path, "fragments", name, value, expanded)
        return expanded

    def mistyped(self, table: str, key: str, value: Any, spec: Key) -> ProfileError:
        return self.located.error(dotted(table, key), f"is {_kind_of(value)}; expected "
                                  f"{_DESCRIPTIONS[spec.kind]}", table, key)


def _expected(table: Table) -> str:
    required = [key for key, spec in table.keys.items() if spec.required]
    return "keys " + ", ".join(required) if required else "any of its keys"


def _kind_of(value: Any) -> str:
    """How a TOML value is named in a message."""
    if isinstance(value, str):
        return f"the string {value!r}" if len(value) <= 40 else "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return f"a {type(value).__name__}"


def _suggestion(name: str, known: Iterable[str]) -> str:
    import difflib  # only for a message

    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
