"""Structural consistency of the language versions of one law.

The versions are aligned unit by unit into *rows* (one row per unit of the law,
one cell per language), then every row is checked. Alignment follows the naming
convention (NC §5.5): by wId first, then by eId, then by the language-neutral
number path inside the already aligned parent (``1-бап``, ``Статья 1`` and
``Article 1`` are all article 1), and last by position between aligned
neighbours, so that a renumbered unit is still paired with its counterpart.
Identifiers that occur twice in one document are ambiguous and left to the
later stages.

Every finding compares one language with the *reference* version: the master
expression when it is among the inputs, otherwise the first input.

Codes (stable; the README documents them):

====  =======  ==========================================================
D101  error    unit missing in a language
D102  error    extra unit: a language has a unit the reference lacks
D103  error    numbering differs
D104  error    order differs, or the unit sits under another parent
D105  error    heading present in some languages only
D106  error    different count of paragraphs/points/items (or text paragraphs)
D107  error    preamble paragraph count differs
D108  error    Work metadata differs (country, doctype, subtype, date, number)
D109  error    unit repealed in some languages only
D201  warning  the numbers written in a unit differ (as multisets)
D202  warning  the dates written in a unit differ after normalisation
D203  warning  references point to different units
D204  warning  unit text empty in a language while others have text
D205  warning  unit text identical to another language's (untranslated)
D301  info     no language profile: numbers, dates, references not compared
====  =======  ==========================================================

Input problems (fewer than two versions, a language twice, different Works)
raise :class:`InputError` with codes D001-D003. Nothing here prints.
"""

from __future__ import annotations

import functools
import json
import re
import tomllib
import types
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources

from aknkit.akn import ids
from aknkit.text.dates import find_dates
from aknkit.findings import ERROR, INFO, WARNING, Finding, InputError, at_or_above, render_text, select_rules
from aknkit.model import STATUS_REMOVED, UNIT_KINDS, Act, Unit
from aknkit.text.profile import Profile, ProfileError, load_profile, profile_code

# Severity and meaning of each code, from the one registry of every code.
CODES = {rule.code: (rule.severity, rule.summary) for rule in select_rules(["D1", "D2", "D3"])}

# Units that restart their numbering in every parent and are compared by count
# (D106) rather than one by one; everything else is a structural unit.
COUNTED_KINDS = frozenset({
    "paragraph", "subparagraph", "point", "item", "indent", "alinea", "list",
    "sublist", "clause", "subclause", "level", "proviso", "rule", "subrule",
})

PREAMBLE = "preamble"
# Findings that compare a unit of one language with the reference's, and so
# belong to the reference when every other language agrees against it.
_MOVABLE = frozenset({"D101", "D102", "D103", "D105", "D106", "D107", "D109", "D201", "D202", "D203"})
_KIND_ORDER = {kind: i for i, kind in enumerate(UNIT_KINDS)}


@dataclass(frozen=True)
class Version:
    """One language version to compare: its act, the file it came from, its Work IRI."""

    act: Act
    file: str
    work_iri: str

    @property
    def language(self) -> str:
        return self.act.language


@dataclass(eq=False, slots=True)
class Row:
    """One unit of the law across the languages: ``units[lang]`` or no entry."""

    kind: str
    index: int
    parent: Row | None = None
    units: dict[str, Unit] = field(default_factory=dict)
    children: list[Row] = field(default_factory=list)
    anchor: str = ""
    eid: str | None = None
    label: str = ""
    depth: int = 0

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class DiffReport:
    versions: list[Version]         # the reference first, then in the inputs' order
    reference: str
    rows: list[Row]                 # depth-first, the preamble first
    findings: list[Finding]

    @property
    def languages(self) -> list[str]:
        return [v.language for v in self.versions]

    def failing(self, severity: str) -> list[Finding]:
        return at_or_above(self.findings, severity)


# --- language data for the diff ----------------------------------------------

@dataclass(frozen=True)
class DiffProfile:
    """What the diff reads from a language profile beyond :class:`Profile`."""

    names: dict            # unit kind -> "Article {num}", plus "preamble", "bcp47"
    nested_references: tuple   # compiled; each named group is a unit kind


@functools.cache
def diff_profile(language: str) -> DiffProfile:
    """The ``[names]`` and ``[diff]`` tables of a profile; empty when absent."""
    language = profile_code(language)
    resource = resources.files("aknkit.text") / "profiles" / f"{language}.toml"
    if not re.fullmatch(r"[a-z]{2,8}", language or "") or not resource.is_file():
        return DiffProfile({}, ())
    try:
        data = tomllib.loads(resource.read_text(encoding="utf-8"))
        patterns = tuple(re.compile(p) for p in data.get("diff", {}).get("references", []))
    except (tomllib.TOMLDecodeError, re.error) as exc:
        raise ProfileError(f"profile {language}.toml is malformed: {exc}") from None
    return DiffProfile(dict(data.get("names", {})), patterns)


def unit_name(kind: str, num: str, language: str) -> str:
    """A unit named in ``language``: ``Article 6``, ``6-бап``; generic when unknown."""
    template = diff_profile(language).names.get(kind, f"{kind} {{num}}")
    return template.format(num=num)


def html_language(language: str) -> str:
    """The BCP 47 tag of a language for HTML ``lang`` attributes."""
    return diff_profile(language).names.get("bcp47", language)


# --- what a unit says: numbers, dates, references -----------------------------

_DIGIT = re.compile(r"\d")
# A run of digits and the separators that may sit inside one number; the run is
# split into numbers by _number_values ("25 000" is one, "10 20" two).
_NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f.,]\d+)*")
_THOUSANDS = re.compile(r"\d{1,3}(?:([ \u00a0\u202f,.])\d{3})(?:\1\d{3})*")
_DECIMAL = re.compile(r"\d+[.,]\d+")
_BLANKS = re.compile(r"[ \u00a0\u202f]")
_POINTS = re.compile(r"[.,]")
_WORDS = re.compile(r"\w+")
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True, slots=True)
class Facts:
    """The comparable content of a unit's own text (children have their own).

    Numbers, dates and references are sorted tuples: multisets that compare fast.
    """

    numbers: tuple
    dates: tuple
    references: tuple        # target paths: ((kind, number key), ...)
    reference_names: dict    # target path -> ((kind, printed num), ...)
    words: str               # normalised text, for the identity check


_NO_NAMES = types.MappingProxyType({})  # shared, read-only: most texts name no unit


def _number_values(run: str) -> list[str]:
    """The numbers in a run of digits: ``25 000`` and ``1,000`` are 1000s
    grouped, ``1,5`` and ``1.5`` one decimal, ``10 20`` two numbers."""
    if run.isdigit():
        return [run]
    if _THOUSANDS.fullmatch(run):
        return ["".join(c for c in run if c.isdigit())]
    values = []
    for piece in _BLANKS.split(run):
        if _THOUSANDS.fullmatch(piece):
            values.append("".join(c for c in piece if c.isdigit()))
        elif _DECIMAL.fullmatch(piece):
            values.append(piece.replace(",", "."))
        else:
            values.extend(_POINTS.split(piece))
    return values


def _references(text: str, profile: Profile) -> list[tuple[int, int, tuple]]:
    """(start, end, steps) for every reference; steps are (kind, printed num)."""
    found: list[tuple[int, int, tuple]] = []

    def free(start: int, end: int) -> bool:
        return not any(start < e and s < end for s, e, _ in found)

    for pattern in diff_profile(profile.language).nested_references:
        for match in pattern.finditer(text):
            if free(*match.span()):
                steps = tuple(sorted(
                    ((kind, num) for kind, num in match.groupdict().items() if num),
                    key=lambda step: _KIND_ORDER.get(step[0], len(_KIND_ORDER)),
                ))
                found.append((*match.span(), steps))
    for kind, patterns in profile.references.items():
        for pattern in patterns:
            for match in pattern.finditer(text):
                if free(*match.span()):
                    found.append((*match.span(), ((kind, match.group("num")),)))
    return found


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the characters of ``spans`` blanked out (same length)."""
    pieces, at = [], 0
    for start, end in sorted(spans):
        if start >= at:
            pieces.append(text[at:start])
            pieces.append(" " * (end - start))
            at = end
    pieces.append(text[at:])
    return "".join(pieces)


_GROUP_NAME = re.compile(r"\(\?P<\w+>")


def _union(patterns) -> re.Pattern | None:
    """One pattern that matches wherever any of ``patterns`` does (names dropped),
    or None when a pattern refers back to a named group."""
    sources = [p.pattern for p in patterns]
    if not sources or any("(?P=" in source for source in sources):
        return None
    unnamed = [_GROUP_NAME.sub("(?:", source) for source in sources]
    return re.compile("|".join(f"(?:{source})" for source in unnamed))


@functools.cache
def _probe(language: str) -> re.Pattern | None:
    """A single-pass test that tells when a text can hold neither a date nor a
    reference, so the pattern-by-pattern searches run only where they can find one."""
    profile = load_profile(language)
    patterns = list(profile.dates) + list(diff_profile(language).nested_references)
    patterns += [p for kind_patterns in profile.references.values() for p in kind_patterns]
    return _union(patterns)


def text_facts(text: str, profile: Profile | None) -> Facts:
    """Numbers, dates and references written in ``text``.

    Dates and references are taken out before numbers are counted, so a date
    written "16.12.1991" in one language and "16 декабря 1991" in another is
    one equal date, not different numbers.
    """
    words = " ".join(_WORDS.findall(text.casefold()))
    if profile is None or not _DIGIT.search(text):
        return Facts((), (), (), _NO_NAMES, words)
    seen = profile.normalise(text)
    probe = _probe(profile.language)
    if probe is not None and not probe.search(seen):
        numbers = [value for run in _NUMBER.findall(seen) for value in _number_values(run)]
        return Facts(tuple(sorted(numbers)), (), (), _NO_NAMES, words)
    taken: list[tuple[int, int]] = []
    dates = []
    for span in find_dates(seen, profile):
        dates.append(span.value)
        taken.append((span.start, span.end))
    references, names = [], _NO_NAMES
    for start, end, steps in _references(seen, profile):
        names = {} if names is _NO_NAMES else names
        key = tuple((kind, ids.number_key(num)) for kind, num in steps)
        references.append(key)
        names.setdefault(key, steps)
        taken.append((start, end))
    rest = _without(seen, taken) if taken else seen
    numbers = [value for run in _NUMBER.findall(rest) for value in _number_values(run)]
    return Facts(tuple(sorted(numbers)), tuple(sorted(dates)), tuple(sorted(references)), names, words)


@dataclass(frozen=True, slots=True)
class _Content:
    """A unit's text as the checks compare it: body and heading apart, so that a
    heading present in one language only does not disturb the comparison."""

    has_text: bool
    body: Facts
    heading: Facts | None

    def words(self, with_heading: bool) -> str:
        if with_heading and self.heading is not None:
            return f"{self.heading.words} {self.body.words}"
        return self.body.words

    def same_facts(self, other: _Content, with_heading: bool) -> bool:
        """A quick test; False does not yet mean the merged facts differ."""
        a, b = self.body, other.body
        if (a.numbers, a.dates, a.references) != (b.numbers, b.dates, b.references):
            return False
        if not with_heading:
            return True
        a, b = self.heading, other.heading
        return (a.numbers, a.dates, a.references) == (b.numbers, b.dates, b.references)

    def facts(self, with_heading: bool) -> Facts:
        if not with_heading or self.heading is None:
            return self.body
        a, b = self.heading, self.body
        return Facts(tuple(sorted(a.numbers + b.numbers)), tuple(sorted(a.dates + b.dates)),
                     tuple(sorted(a.references + b.references)),
                     {**a.reference_names, **b.reference_names}, f"{a.words} {b.words}")


def _own_text(unit: Unit) -> str:
    blocks = unit.intro + unit.wrapup
    texts = [b.text for b in blocks]
    # The label belongs to the unit's number, not to its text (some producers
    # repeat it at the start of the first paragraph).
    if texts and unit.label and texts[0].startswith(unit.label):
        texts[0] = texts[0][len(unit.label):]
    return "\n".join(texts)


# --- alignment -------------------------------------------------------------------

def _all_units(units: list[Unit], into: list[Unit]) -> list[Unit]:
    """``units`` and everything below them, in document order."""
    for unit in units:
        into.append(unit)
        _all_units(unit.children, into)
    return into


def _preamble_unit(act: Act) -> Unit | None:
    if not act.preamble:
        return None
    return Unit(kind=PREAMBLE, intro=list(act.preamble), loc=act.preamble[0].loc, eid=PREAMBLE)


# An identifier held by two rows: useless for alignment.
_AMBIGUOUS = object()


def _index(index: dict, key: str, row: Row) -> None:
    known = index.get(key)
    if known is None:
        index[key] = row
    elif known is not row:
        index[key] = _AMBIGUOUS


@dataclass
class _Aligner:
    """Builds the rows: the reference version first, then each other version."""

    roots: list[Row] = field(default_factory=list)
    by_wid: dict = field(default_factory=dict)
    by_eid: dict = field(default_factory=dict)
    count: int = 0
    row_of: dict = field(default_factory=dict)       # id(unit) -> Row

    def new_row(self, kind: str, parent: Row | None) -> Row:
        self.count += 1
        return Row(kind=kind, index=self.count, parent=parent)

    def attach(self, row: Row, language: str, unit: Unit) -> None:
        row.units[language] = unit
        self.row_of[id(unit)] = row
        eid = unit.eid
        if eid:
            _index(self.by_eid, eid, row)
        wid = unit.wid or eid
        if wid:
            _index(self.by_wid, wid, row)

    def siblings(self, parent: Row | None) -> list[Row]:
        return parent.children if parent is not None else self.roots

    def add_reference(self, act: Act) -> None:
        def visit(units: list[Unit], parent: Row | None) -> None:
            for unit in units:
                row = self.new_row(unit.kind, parent)
                self.siblings(parent).append(row)
                self.attach(row, act.language, unit)
                visit(unit.children, row)

        visit(act.body, None)

    def add(self, act: Act) -> None:
        language = act.language
        units = _all_units(act.body, [])
        matched: dict[int, Row] = {}
        # Stages 1 and 2: identifiers, unique in this document and in the rows.
        for index, keys in ((self.by_wid, [u.wid or u.eid for u in units]),
                            (self.by_eid, [u.eid for u in units])):
            repeated = {key for key, n in Counter(keys).items() if n > 1}
            for unit, key in zip(units, keys):
                if not key or key in repeated or id(unit) in matched:
                    continue
                row = index.get(key)
                if row is not None and row is not _AMBIGUOUS and language not in row.units \
                        and row.kind == unit.kind:
                    matched[id(unit)] = row
                    row.units[language] = unit  # reserve; attach() indexes below
        for unit in units:
            row = matched.get(id(unit))
            if row is not None:
                self.attach(row, language, unit)
        # Stages 3 and 4, top-down: number path within the aligned parent, then position.
        self.add_children(act.body, None, language)

    def add_children(self, children: list[Unit], parent_row: Row | None, language: str) -> None:
        rows = self.siblings(parent_row)
        pending = [u for u in children if id(u) not in self.row_of]
        if pending:
            self.match_by_number(pending, rows, language)
            self.match_by_position(children, rows, parent_row, language)
            self.insert_unmatched(children, parent_row, language)
        for unit in children:
            self.add_children(unit.children, self.row_of[id(unit)], language)

    def match_by_number(self, pending: list[Unit], rows: list[Row], language: str) -> None:
        def key(kind: str, num: str | None):
            return (kind, ids.number_key(num)) if num else None

        free: dict = {}
        for row in rows:
            if language not in row.units:
                unit = next(iter(row.units.values()))
                free.setdefault(key(row.kind, unit.num), []).append(row)
        wanted = Counter(key(u.kind, u.num) for u in pending)
        for unit in pending:
            k = key(unit.kind, unit.num)
            candidates = free.get(k, [])
            if k is not None and wanted[k] == 1 and len(candidates) == 1:
                self.attach(candidates[0], language, unit)

    def match_by_position(self, children: list[Unit], rows: list[Row], parent_row: Row | None,
                          language: str) -> None:
        """Pair runs of unmatched units with runs of free rows between the same
        aligned neighbours, when both runs have the same kinds in the same order."""
        position = {id(row): i for i, row in enumerate(rows)}
        run: list[Unit] = []
        low = -1
        for unit in children + [None]:
            row = self.row_of.get(id(unit)) if unit is not None else None
            if unit is not None and row is None:
                run.append(unit)
                continue
            if unit is not None and row.parent is not parent_row:
                continue  # aligned elsewhere: not a neighbour here
            high = position[id(row)] if row is not None else len(rows)
            if run and low < high:
                free = [r for r in rows[low + 1:high] if language not in r.units]
                if [r.kind for r in free] == [u.kind for u in run]:
                    for r, u in zip(free, run):
                        self.attach(r, language, u)
            run = []
            low = high

    def insert_unmatched(self, children: list[Unit], parent_row: Row | None, language: str) -> None:
        rows = self.siblings(parent_row)
        previous: Row | None = None
        for unit in children:
            row = self.row_of.get(id(unit))
            if row is None:
                row = self.new_row(unit.kind, parent_row)
                at = rows.index(previous) + 1 if previous is not None else 0
                rows.insert(at, row)
                self.attach(row, language, unit)
            if row.parent is parent_row:
                previous = row


@dataclass
class Alignment:
    """The rows of the aligned versions and how each unit maps onto them."""

    rows: list[Row]          # depth-first, the preamble row first
    roots: list[Row]
    row_of: dict             # id(unit) -> Row


def _representative(row: Row, order: list[str]) -> Unit:
    return next(row.units[lang] for lang in order if lang in row.units)


def _label_rows(roots: list[Row], order: list[str], label_language: str) -> None:
    """Give every row its depth, eId, anchor and human label ("Article 6, paragraph 2").

    Units numbered within their parent (paragraphs, points) are named with their
    parent ("Article 6, paragraph 2"); structural units stand alone ("Article 6").
    """
    used: set[str] = set()

    def visit(rows: list[Row], chain: list[str], depth: int) -> None:
        ordinals: Counter = Counter()
        for row in rows:
            ordinals[row.kind] += 1
            unit = _representative(row, order)
            if row.kind == PREAMBLE:
                name = diff_profile(label_language).names.get("preamble", "Preamble")
            else:
                name = unit_name(row.kind, unit.num or f"[{ordinals[row.kind]}]", label_language)
            here = chain + [name] if row.kind in COUNTED_KINDS and chain else [name]
            row.label = ", ".join(here)
            row.depth = depth
            row.eid = next((row.units[lang].eid for lang in order
                            if lang in row.units and row.units[lang].eid), None)
            base = "u-" + re.sub(r"[^A-Za-z0-9_-]", "-", row.eid or row.kind)
            row.anchor = base if base not in used else f"{base}-{row.index}"
            used.add(row.anchor)
            visit(row.children, here, depth + 1)

    visit(roots, [], 0)


def align(versions: list[Version], reference: str, label_language: str = "eng") -> Alignment:
    """Align the versions unit by unit; ``reference`` is the language laid out first."""
    by_language = {v.language: v for v in versions}
    aligner = _Aligner()
    aligner.add_reference(by_language[reference].act)
    for version in versions:
        if version.language != reference:
            aligner.add(version.act)
    roots = list(aligner.roots)
    preambles = {v.language: _preamble_unit(v.act) for v in versions}
    if any(preambles.values()):
        row = aligner.new_row(PREAMBLE, None)
        for language, unit in preambles.items():
            if unit is not None:
                row.units[language] = unit
        roots.insert(0, row)
    order = [reference] + [v.language for v in versions if v.language != reference]
    _label_rows(roots, order, label_language)
    rows = [r for root in roots for r in root.walk()]
    return Alignment(rows, roots, aligner.row_of)


# --- checks ----------------------------------------------------------------------

def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _longest_increasing(values: list[int]) -> set[int]:
    """Indexes of one longest strictly increasing subsequence of ``values``."""
    tails: list[int] = []          # index into values of the smallest tail per length
    before: list[int | None] = [None] * len(values)
    for i, value in enumerate(values):
        at = _bisect_tails(tails, values, value)
        if at > 0:
            before[i] = tails[at - 1]
        if at == len(tails):
            tails.append(i)
        else:
            tails[at] = i
    keep: set[int] = set()
    i = tails[-1] if tails else None
    while i is not None:
        keep.add(i)
        i = before[i]
    return keep


def _bisect_tails(tails: list[int], values: list[int], value: int) -> int:
    low, high = 0, len(tails)
    while low < high:
        middle = (low + high) // 2
        if values[tails[middle]] < value:
            low = middle + 1
        else:
            high = middle
    return low


@dataclass
class _Checker:
    versions: dict               # language -> Version
    order: list[str]             # the reference first, then the inputs' order
    alignment: Alignment
    label_language: str
    compare_content: bool = True   # False: structure only, no D2xx checks
    findings: list[Finding] = field(default_factory=list)
    counts_differ: set = field(default_factory=set)    # (row.index, language)
    preceding_line: dict = field(default_factory=dict)  # (row.index, language) -> line
    contents: dict = field(default_factory=dict)       # id(unit) -> _Content
    profiles: dict = field(default_factory=dict)
    number_keys: dict = field(default_factory=dict)

    @property
    def reference(self) -> str:
        return self.order[0]

    @property
    def others(self) -> list[str]:
        return self.order[1:]

    def profile(self, language: str) -> Profile | None:
        if language not in self.profiles:
            try:
                self.profiles[language] = load_profile(language)
            except ProfileError:
                self.profiles[language] = None
        return self.profiles[language]

    def number_key(self, num: str | None) -> tuple:
        if num not in self.number_keys:
            self.number_keys[num] = ids.number_key(num)
        return self.number_keys[num]

    def emit(self, code: str, row: Row | None, language: str, message: str,
             line: int | None = None) -> None:
        severity = CODES[code][0]
        unit = row.units.get(language) if row is not None else None
        if line is None and unit is not None and unit.loc is not None:
            line = unit.loc.line
        if line is None and row is not None:
            line = self.preceding_line.get((row.index, language))
        extra = {"language": language, "reference": self.reference}
        if row is not None:
            extra.update({
                "unit": row.eid, "anchor": row.anchor, "label": row.label,
                "lines": {lang: u.loc.line for lang, u in row.units.items() if u.loc},
            })
        self.findings.append(Finding(
            code, severity, message, file=self.versions[language].file, line=line or None,
            path=row.label if row is not None else None, extra=extra))

    def note_preceding_lines(self) -> None:
        """Where a missing unit would be: the line of the unit before it in that language."""
        last: dict[str, int] = {}
        for row in self.alignment.rows:
            if len(row.units) < len(self.order):
                for language in self.order:
                    if language not in row.units and language in last:
                        self.preceding_line[(row.index, language)] = last[language]
            for language, unit in row.units.items():
                if unit.loc is not None:
                    last[language] = unit.loc.line

    def run(self) -> list[Finding]:
        self.note_preceding_lines()
        self.check_work()
        if self.compare_content:
            self.check_profiles()
        rows = self.alignment.rows
        for row in rows:
            self.check_counts(row)
        for row in rows:
            self.check_presence(row)
            self.check_unit(row)
        for language in self.others:
            self.check_order(language)
        self.blame_reference()
        return self.findings

    # The reference as the odd one out ------------------------------------------
    def blame_reference(self) -> None:
        """Move to the reference the findings every other language got for the
        same unit, where those languages agree among themselves.

        Each check compares one language with the reference, so a heading
        dropped in the reference would be reported against every translation.
        When there are at least two other languages and they all agree, the
        reference is the one that differs: one finding in its file replaces
        theirs. A unit only the reference has becomes D102 there, a unit only
        it lacks D101.
        """
        if len(self.others) < 2:
            return
        groups: dict[tuple[str, str], list[Finding]] = {}
        for finding in self.findings:
            anchor = finding.extra.get("anchor")
            if finding.code in _MOVABLE and anchor is not None:
                groups.setdefault((finding.code, anchor), []).append(finding)
        rows = {row.anchor: row for row in self.alignment.rows}
        replaced: dict[int, Finding | None] = {}
        for (code, anchor), found in groups.items():
            row = rows[anchor]
            if sorted(f.extra["language"] for f in found) != sorted(self.others) \
                    or not self.others_agree(code, row):
                continue
            for finding in found[1:]:
                replaced[id(finding)] = None
            replaced[id(found[0])] = self.reference_finding(code, row, found[0])
        if replaced:
            self.findings = [replaced.get(id(f), f) for f in self.findings if replaced.get(id(f), f) is not None]

    def others_agree(self, code: str, row: Row) -> bool:
        units = [row.units.get(lang) for lang in self.others]
        if code in ("D101", "D102", "D105", "D109"):
            return True  # presence, a heading's presence, repeal: the same in each by the group
        if any(unit is None for unit in units):
            return False
        if code == "D103":
            return len({self.number_key(u.num) for u in units}) == 1
        if code == "D106":
            return len({(tuple(sorted(c.kind for c in u.children if c.kind in COUNTED_KINDS)),
                         len(u.intro) + len(u.wrapup)) for u in units}) == 1
        if code == "D107":
            return len({len(u.intro) for u in units}) == 1
        contents = [self.content(u, lang) for u, lang in zip(units, self.others)]
        facts = {(c.body.numbers, c.body.dates, c.body.references,
                  None if c.heading is None else (c.heading.numbers, c.heading.dates, c.heading.references))
                 for c in contents}
        return len(facts) == 1

    def reference_finding(self, code: str, row: Row, first: Finding) -> Finding:
        ref, others = self.reference, ", ".join(self.others)
        if code == "D101":
            code, message = "D102", f"{row.label} exists in {ref} only; {others} have no counterpart"
        elif code == "D102":
            code, message = "D101", f"{row.label} is missing in {ref} (present in {others})"
        else:
            message = f"{ref} differs from {others}, which agree: {first.message}"
        before = len(self.findings)
        self.emit(code, row, ref, message)
        return self.findings.pop(before)

    # Work ------------------------------------------------------------------
    def check_work(self) -> None:
        reference = self.versions[self.reference].act
        for language in self.others:
            act = self.versions[language].act
            if reference.work is not None and act.work is not None:
                for name in ("country", "doctype", "subtype", "date", "number"):
                    ours, theirs = getattr(act.work, name), getattr(reference.work, name)
                    if ours != theirs:
                        self.emit("D108", None, language,
                                  f"Work {name} differs: {ours} in {language}, "
                                  f"{theirs} in {self.reference}")
            ours, theirs = act.meta_line, reference.meta_line
            if ours is None or theirs is None:
                continue
            for name, normal in (("date", str), ("number", ids.iri_number)):
                a, b = getattr(ours, name), getattr(theirs, name)
                if a is not None and b is not None and normal(a.value) != normal(b.value):
                    self.emit("D108", None, language,
                              f"the {name} under the title differs: {a.value} in {language}, "
                              f"{b.value} in {self.reference}", line=ours.loc.line if ours.loc else None)

    def check_profiles(self) -> None:
        for language in self.order:
            if self.profile(language) is None:
                self.emit("D301", None, language,
                          f"no language profile for {language}: the numbers, dates and "
                          f"references of its units are not compared")

    # Structure ---------------------------------------------------------------
    def check_counts(self, row: Row) -> None:
        ref = row.units.get(self.reference)
        if ref is None:
            return
        if row.kind == PREAMBLE:
            for language in self.others:
                unit = row.units.get(language)
                count = len(unit.intro) if unit is not None else 0
                if count != len(ref.intro):
                    self.emit("D107", row, language,
                              f"the preamble has {_plural(count, 'paragraph')} in {language} "
                              f"but {len(ref.intro)} in {self.reference}",
                              line=None if unit else self._title_line(language))
            return
        ref_kinds = sorted(c.kind for c in ref.children if c.kind in COUNTED_KINDS)
        for language in self.others:
            unit = row.units.get(language)
            if unit is None:
                continue
            kinds = sorted(c.kind for c in unit.children if c.kind in COUNTED_KINDS)
            parts = []
            if kinds != ref_kinds:
                ours, theirs = Counter(kinds), Counter(ref_kinds)
                parts = [f"{_plural(ours[k], k)} in {language} but {theirs[k]} in {self.reference}"
                         for k in sorted(ours | theirs, key=lambda k: _KIND_ORDER.get(k, 99))
                         if ours[k] != theirs[k]]
                self.counts_differ.add((row.index, language))
            ours, theirs = len(unit.intro) + len(unit.wrapup), len(ref.intro) + len(ref.wrapup)
            if ours and theirs and ours != theirs:
                parts.append(f"{_plural(ours, 'text paragraph')} in {language} "
                             f"but {theirs} in {self.reference}")
            if parts:
                self.emit("D106", row, language, f"{row.label} has " + "; ".join(parts))

    def _title_line(self, language: str) -> int | None:
        title = self.versions[language].act.title
        return title.loc.line if title is not None and title.loc else None

    def _count_explains(self, row: Row, language: str) -> bool:
        """A paragraph or point missing where D106 already reported the count."""
        return (row.kind in COUNTED_KINDS and row.parent is not None
                and (row.parent.index, language) in self.counts_differ)

    def check_presence(self, row: Row) -> None:
        if row.kind == PREAMBLE:
            return
        parent = row.parent
        if self.reference in row.units:
            present = [lang for lang in self.order if lang in row.units]
            for language in self.others:
                if language in row.units or self._count_explains(row, language):
                    continue
                if parent is not None and language not in parent.units:
                    continue  # reported once, at the outermost missing unit
                self.emit("D101", row, language,
                          f"{row.label} is missing in {language} (present in {', '.join(present)})")
            return
        for language in self.others:
            if language not in row.units or self._count_explains(row, language):
                continue
            if parent is not None and self.reference not in parent.units:
                continue  # the parent itself is the extra unit
            self.emit("D102", row, language,
                      f"{row.label} exists in {language} but has no counterpart in {self.reference}")

    def check_unit(self, row: Row) -> None:
        ref = row.units.get(self.reference)
        if ref is None:
            return
        for language in self.others:
            unit = row.units.get(language)
            if unit is None:
                continue
            if row.kind != PREAMBLE:
                self.check_shape(row, ref, unit, language)
        if self.compare_content:
            self.check_content(row)

    def check_shape(self, row: Row, ref: Unit, unit: Unit, language: str) -> None:
        if self.number_key(ref.num) != self.number_key(unit.num):
            self.emit("D103", row, language,
                      f"{row.label} is numbered {unit.label or unit.num!r} in {language} "
                      f"but {ref.label or ref.num!r} in {self.reference}")
        if (ref.heading is None) != (unit.heading is None):
            if ref.heading is not None:
                message = (f"{row.label} has no heading in {language} "
                           f"(in {self.reference}: {ref.heading.text!r})")
            else:
                message = (f"{row.label} has a heading in {language} ({unit.heading.text!r}) "
                           f"but none in {self.reference}")
            self.emit("D105", row, language, message)
        if (ref.status == STATUS_REMOVED) != (unit.status == STATUS_REMOVED):
            where = language if unit.status == STATUS_REMOVED else self.reference
            self.emit("D109", row, language, f"{row.label} is repealed in {where} only")

    # Content -----------------------------------------------------------------
    def content(self, unit: Unit, language: str) -> _Content:
        """What is compared of a unit, computed once per unit."""
        key = id(unit)
        if key not in self.contents:
            text = _own_text(unit)
            profile = self.profile(language)
            heading = text_facts(unit.heading.text, profile) if unit.heading is not None else None
            self.contents[key] = _Content(bool(text.strip()), text_facts(text, profile), heading)
        return self.contents[key]

    def check_content(self, row: Row) -> None:
        units = row.units
        if len(units) < 2:
            return
        present = [lang for lang in self.order if lang in units]
        if any(units[lang].status == STATUS_REMOVED for lang in present):
            return
        contents = {lang: self.content(units[lang], lang) for lang in present}
        if row.kind != PREAMBLE:
            having = [lang for lang in present if contents[lang].has_text]
            if having and len(having) < len(present):
                for language in present:
                    if language not in having and not self._count_explains(row, language):
                        self.emit("D204", row, language,
                                  f"{row.label} has no text in {language}, while "
                                  f"{' and '.join(having)} {'has' if len(having) == 1 else 'have'}")
        # Headings count only where every language has one (D105 reports the others).
        with_heading = all(c.heading is not None for c in contents.values())
        self.check_identical(row, present, contents, with_heading)
        ref = self.reference
        if ref not in contents or self.profile(ref) is None:
            return
        theirs = contents[ref]
        for language in present[1:]:
            ours = contents[language]
            if ours.same_facts(theirs, with_heading) or self.profile(language) is None:
                continue
            if self._count_explains(row, language):
                continue
            # Content is compared only where there is content on both sides (D204
            # covers an empty side).
            if row.kind != PREAMBLE and not (ours.has_text and theirs.has_text):
                continue
            self.compare_facts(row, language, ours.facts(with_heading), theirs.facts(with_heading))

    def compare_facts(self, row: Row, language: str, ours: Facts, theirs: Facts) -> None:
        ref = self.reference
        for code, what, a, b, show in (
            ("D201", "numbers", ours.numbers, theirs.numbers, str),
            ("D202", "dates", ours.dates, theirs.dates, str),
            ("D203", "references", ours.references, theirs.references,
             lambda key: self._reference_name(key, ours, theirs)),
        ):
            if a != b:
                only_ours = sorted((Counter(a) - Counter(b)).elements(), key=str)
                only_theirs = sorted((Counter(b) - Counter(a)).elements(), key=str)
                detail = "; ".join(part for part in (
                    f"only in {language}: {', '.join(map(show, only_ours))}" if only_ours else "",
                    f"only in {ref}: {', '.join(map(show, only_theirs))}" if only_theirs else "",
                ) if part)
                self.emit(code, row, language, f"{what} in {row.label} differ: {detail}")

    def check_identical(self, row: Row, present: list[str], contents: dict,
                        with_heading: bool) -> None:
        """Paragraphs that read the same in several languages: in all but the one
        written in its own language's alphabet (the tightest, then the earliest,
        on a tie) they are
        untranslated. Each paragraph and the heading count on their own, so a
        body left untranslated under a translated heading is found; a paragraph
        of fewer than two words ("Evaluation" is a heading in German and English
        alike) is no sign of it."""
        paragraphs = {lang: self.paragraphs(row.units[lang]) for lang in present}
        holders: dict[str, list[tuple[str, int | None]]] = {}
        for language in present:
            for words, line in paragraphs[language].items():
                holders.setdefault(words, []).append((language, line))
        flagged: dict[str, tuple[str, int | None]] = {}
        for words, held in holders.items():
            if len(held) < 2:
                continue
            languages = [lang for lang, _ in held]
            fits = {lang: self.alphabet_fit(words, lang) for lang in languages}
            # On a tie the smaller alphabet fits tighter (Russian text fits the
            # Kazakh alphabet too), then the earliest language.
            keeper = max(languages, key=lambda lang: (fits[lang], -self.alphabet_size(lang),
                                                      -languages.index(lang)))
            for language, line in held:
                if language != keeper:
                    known = flagged.get(language)
                    if known is None or (line or 0) < (known[1] or 0):
                        flagged[language] = (keeper, line)
        for language in present:
            if language not in flagged:
                continue
            keeper, line = flagged[language]
            if contents[language].words(with_heading) == contents[keeper].words(with_heading):
                message = f"{row.label} reads the same in {language} as in {keeper} (left untranslated?)"
            else:
                message = (f"{row.label}: a paragraph reads the same in {language} as in {keeper} "
                           f"(left untranslated?)")
            self.emit("D205", row, language, message, line=line)

    def paragraphs(self, unit: Unit) -> dict[str, int | None]:
        """The unit's heading and text paragraphs worth comparing, as normalised
        words, each with its line (the first line where it occurs)."""
        blocks = ([unit.heading] if unit.heading is not None else []) + unit.intro + unit.wrapup
        found: dict[str, int | None] = {}
        for index, block in enumerate(blocks):
            text = block.text
            if index == (1 if unit.heading is not None else 0) and unit.label and text.startswith(unit.label):
                text = text[len(unit.label):]
            folded = text.casefold()
            if len(_LETTER_WORD.findall(folded)) < 2:
                continue
            words = " ".join(_WORDS.findall(folded))
            found.setdefault(words, block.loc.line if block.loc else None)
        return found

    def alphabet_size(self, language: str) -> int:
        profile = self.profile(language)
        return len(profile.lowercase_letters) if profile is not None else 0

    def alphabet_fit(self, words: str, language: str) -> float:
        """The share of the letters of ``words`` that belong to the language's alphabet."""
        profile = self.profile(language)
        letters = [c for c in words if c.isalpha()]
        if profile is None or not letters:
            return 0.0
        return sum(c in profile.lowercase_letters for c in letters) / len(letters)

    def _reference_name(self, key: tuple, *facts: Facts) -> str:
        steps = next(f.reference_names[key] for f in facts if key in f.reference_names)
        names = [unit_name(kind, num, self.label_language) for kind, num in steps]
        return ", ".join(names)

    # Order -------------------------------------------------------------------
    def check_order(self, language: str) -> None:
        row_of = self.alignment.row_of
        act = self.versions[language].act
        positions: dict[int, dict[int, int]] = {}

        def position(parent_row: Row | None, row: Row) -> int:
            siblings = parent_row.children if parent_row is not None else self.alignment.roots
            table = positions.setdefault(id(siblings), {id(r): i for i, r in enumerate(siblings)})
            return table[id(row)]

        def visit(children: list[Unit], parent_row: Row | None) -> None:
            rows = [row_of[id(unit)] for unit in children]
            siblings = parent_row.children if parent_row is not None else self.alignment.roots
            if rows == siblings:  # the common case: same units, same order (rows compare by identity)
                for unit, row in zip(children, rows):
                    if unit.children:
                        visit(unit.children, row)
                return
            in_place: list[Row] = []
            for unit in children:
                row = row_of[id(unit)]
                if row.parent is parent_row:
                    in_place.append(row)
                elif self.reference in row.units and row.parent is not None:
                    where = parent_row.label if parent_row is not None else "the body"
                    self.emit("D104", row, language,
                              f"{row.label} is under {where} in {language} but under "
                              f"{row.parent.label} in {self.reference}")
            places = [position(parent_row, row) for row in in_place]
            in_order = all(a < b for a, b in zip(places, places[1:]))
            keep = range(len(places)) if in_order else _longest_increasing(places)
            for i, row in enumerate(in_place):
                if i in keep:
                    continue
                before_here = in_place[i - 1].label if i else "nothing"
                siblings = parent_row.children if parent_row is not None else self.alignment.roots
                earlier = [r for r in siblings[:places[i]] if self.reference in r.units
                           and r.kind != PREAMBLE]
                before_there = earlier[-1].label if earlier else "nothing"
                self.emit("D104", row, language,
                          f"{row.label} is out of order in {language}: it follows {before_here} "
                          f"there, but {before_there} in {self.reference}")
            for unit in children:
                visit(unit.children, row_of[id(unit)])

        visit(act.body, None)


# --- the entry point -------------------------------------------------------------

def reference_language(versions: list[Version]) -> str:
    """The master expression's language when it is among the inputs, else the first."""
    languages = [v.language for v in versions]
    for version in versions:
        work = version.act.work
        if work is not None and work.master_language in languages:
            return work.master_language
    return languages[0]


def check_inputs(versions: list[Version]) -> None:
    """Raise :class:`InputError` unless the versions are 2+ languages of one Work."""
    if len(versions) < 2:
        named = versions[0].file if versions else "nothing"
        raise InputError([Finding(
            "D001", ERROR, f"akn diff compares two or more language versions; got only {named}",
            file=versions[0].file if versions else None)])
    seen: dict[str, str] = {}
    problems = []
    for version in versions:
        if version.language in seen:
            problems.append(Finding(
                "D002", ERROR, f"language {version.language} appears twice (also in "
                f"{seen[version.language]}); expected one version per language",
                file=version.file))
        seen.setdefault(version.language, version.file)
    first = versions[0]
    for version in versions[1:]:
        if version.work_iri != first.work_iri:
            problems.append(Finding(
                "D003", ERROR, f"not an expression of the same Work: {version.work_iri} here, "
                f"{first.work_iri} in {first.file}", file=version.file))
    if problems:
        raise InputError(problems)


def diff_versions(versions: list[Version], label_language: str = "eng",
                  content: bool = True) -> DiffReport:
    """Align the language versions of one Work and check them; findings, no printing.

    ``content=False`` checks the structure only (D1xx): the content checks (D2xx,
    D301) read every text with the language's patterns and take most of the time.
    """
    check_inputs(versions)
    reference = reference_language(versions)
    alignment = align(versions, reference, label_language)
    order = [reference] + [v.language for v in versions if v.language != reference]
    checker = _Checker({v.language: v for v in versions}, order, alignment, label_language,
                       content)
    findings = checker.run()
    row_rank = {row.anchor: i for i, row in enumerate(alignment.rows)}
    language_rank = {lang: i for i, lang in enumerate(order)}
    findings.sort(key=lambda f: (row_rank.get(f.extra.get("anchor"), -1),
                                 language_rank[f.extra["language"]], f.code))
    in_order = sorted(versions, key=lambda v: language_rank[v.language])
    return DiffReport(in_order, reference, alignment.rows, findings)


# --- reports for people and machines ------------------------------------------------

_MARK = {ERROR: "E", WARNING: "W", INFO: "i"}
_RANK = {INFO: 0, WARNING: 1, ERROR: 2}


def cell_severities(report: DiffReport) -> dict[tuple[str, str], str]:
    """The worst severity per (row anchor, language) cell."""
    worst: dict[tuple[str, str], str] = {}
    for finding in report.findings:
        anchor = finding.extra.get("anchor")
        if anchor is None:
            continue
        key = (anchor, finding.extra["language"])
        if key not in worst or _RANK[finding.severity] > _RANK[worst[key]]:
            worst[key] = finding.severity
    return worst


def render_table(report: DiffReport) -> str:
    """Units down, languages across, a mark and a line per cell, then the findings."""
    worst = cell_severities(report)
    languages = report.languages
    lines = [f"{report.versions[0].work_iri}: {len(languages)} language versions"]
    for version in report.versions:
        role = "  (reference)" if version.language == report.reference else ""
        lines.append(f"  {version.language}  {version.file}{role}")
    lines.append("")
    labels = ["  " * row.depth + row.label for row in report.rows]
    width = min(max([len("unit")] + [len(label) for label in labels]), 60)
    cells = []
    for row in report.rows:
        cells.append([
            f"{_MARK.get(worst.get((row.anchor, lang)), 'ok' if lang in row.units else '--'):<2} "
            f"{row.units[lang].loc.line if lang in row.units and row.units[lang].loc else '-'}"
            for lang in languages
        ])
    column = max([len(lang) for lang in languages] + [len(c) for cs in cells for c in cs]) + 2
    lines.append(f"{'unit':<{width}}  " + "".join(f"{lang:<{column}}" for lang in languages).rstrip())
    for label, row_cells in zip(labels, cells):
        shown = label if len(label) <= width else label[: width - 1] + "…"
        lines.append(f"{shown:<{width}}  " + "".join(f"{c:<{column}}" for c in row_cells).rstrip())
    lines.append("")
    lines.append("ok consistent, E error, W warning, i note, -- absent; the number is the "
                 "unit's line in that input")
    lines.append("")
    return "\n".join(lines) + "\n" + render_text(report.findings)


def report_data(report: DiffReport) -> dict:
    """The report as plain data: inputs, aligned units with their cells, findings."""
    worst = cell_severities(report)
    units = []
    for row in report.rows:
        cells = {}
        for lang in report.languages:
            unit = row.units.get(lang)
            cells[lang] = None if unit is None else {
                "eid": unit.eid, "wid": unit.wid, "num": unit.label,
                "line": unit.loc.line if unit.loc else None,
                "mark": worst.get((row.anchor, lang), "ok"),
            }
        units.append({"id": row.anchor, "eid": row.eid, "kind": row.kind, "label": row.label,
                      "depth": row.depth, "cells": cells})
    return {
        "work": report.versions[0].work_iri,
        "reference": report.reference,
        "inputs": [{"language": v.language, "file": v.file} for v in report.versions],
        "units": units,
        "findings": [f.to_dict() for f in report.findings],
        "summary": {sev: sum(1 for f in report.findings if f.severity == sev)
                    for sev in (ERROR, WARNING, INFO)},
    }


def render_json(report: DiffReport) -> str:
    return json.dumps(report_data(report), ensure_ascii=False, indent=2) + "\n"
