"""Checks on a text that parsed, for mistakes the grammar cannot see.

The parser decides line by line what is a label; a line that misses by one
letter (``Стаья 3.``), a blank (``Article5.``), its case (``article 5.``) or a
look-alike letter from another script (``Аrticle 5.`` with a Cyrillic ``А``)
is read as running text and merged into the unit before it. A unit whose
number skips one (Article 2, then Article 4) reads fine too. And a text in
another language than the one declared parses into something (its ``1.``
paragraphs are labels in every language) with no word.

These checks work from the source lines, the parsed model and the profiles
only (the label templates of ``[unparse]``, the references of
``[references]``, the alphabets and look-alike letters), so every language
with a profile gets them and no language is named in code. They report:

* ``P201`` (warning) a line that looks like a label but is not one, with the
  label it probably meant;
* ``P202`` (warning) a gap in the numbering of one kind of unit, naming the
  missing number;
* ``P203`` (error) a text that another profile reads better than the declared
  one, naming that language and the first line that shows it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from aknkit.akn.ids import number_key
from aknkit.findings import ERROR, WARNING, Finding
from aknkit.model import Act, Unit, UnitKind
from aknkit.text.parse import Line, ParseError, match_label, parse_text, split_lines
from aknkit.text.parse.structure import all_units, numbered_runs
from aknkit.text.profile import STRUCTURE_KINDS, Profile, ProfileError, available_languages, load_profile

NEAR_MISS = "P201"
NUMBERING_GAP = "P202"
WRONG_LANGUAGE = "P203"

# A label's number: Arabic with insertion suffixes, or Roman.
_NUMBER = r"\d+(?:-\d+)*|[IVXLCІХ]+(?![^\W\d_])"
# Candidate label shapes: a word then a number ("Статья 3"), or a number then a
# word ("3-бап"), at the start of a line. The word may touch the number.
_WORD_FIRST = re.compile(rf"(?P<word>[^\W\d_]+)(?P<gap>[\s-]*)(?P<num>{_NUMBER})")
_NUMBER_FIRST = re.compile(r"(?P<num>\d+(?:-\d+)*)(?P<gap>[\s-]*)(?P<word>[^\W\d_]+)")
# A gap of more numbers than this is named by its first ones and a count.
_MAX_REPORTED_GAP = 20
# (unit kind, number) of the units a numbering gap misses.
Expected = frozenset[tuple[str, str]]


@dataclass(frozen=True)
class Template:
    """How one kind of unit is labelled in a language, from its ``[unparse]`` entry."""

    kind: UnitKind
    keyword: str            # "Статья", "бап", "Article"
    number_first: bool      # "{num}-бап." rather than "Статья {num}."
    text: str               # the template itself, e.g. "Статья {num}."

    def label(self, num: str) -> str:
        return self.text.format(num=num)


@functools.cache
def templates(language: str) -> tuple[Template, ...]:
    """The keyword labels of a language: kinds whose ``[unparse]`` template has a word."""
    profile = load_profile(language)
    found: list[Template] = []
    for kind in STRUCTURE_KINDS:
        text = profile.unparse.get(kind)
        if not text or "{num}" not in text:
            continue
        before, after = text.split("{num}", 1)
        words_before = re.findall(r"[^\W\d_]+", before)
        words_after = re.findall(r"[^\W\d_]+", after)
        if words_before and not words_after:
            found.append(Template(kind, words_before[-1], False, text))
        elif words_after and not words_before and len(words_after) == 1:
            found.append(Template(kind, words_after[0], True, text))
    return tuple(found)


@functools.cache
def _lookalike_table() -> dict[int, str]:
    """Every look-alike pair any profile knows, folded to one side.

    Profiles list the Latin letters old typesetting put into Cyrillic words; a
    line in another profile's language may hold the same pairs the other way
    round (a Cyrillic ``А`` in ``Article``). Both letters of a pair map to the
    Latin one, so two words that differ only in look-alikes compare equal.
    """
    table: dict[int, str] = {}
    for language in available_languages():
        try:
            profile = load_profile(language)
        except ProfileError:
            continue
        for latin, other in profile.homoglyphs.items():
            table[ord(other)] = latin
    return table


def _skeleton(word: str) -> str:
    return word.translate(_lookalike_table()).casefold()


@functools.lru_cache(maxsize=4096)
def _distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap two neighbours) that turn ``a`` into ``b``
    (kept: a law repeats the same words under its labels)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _allowed_typos(keyword: str) -> int:
    # A short keyword ("бап", "Part") one letter off is too often another word.
    return 0 if len(keyword) <= 4 else 1 if len(keyword) <= 7 else 2


def _ends_like_label(line: str, end: int) -> bool:
    """After a label's number comes a period, the end of the line or a capital
    letter (the profiles' rule that keeps references such as "Статья 5
    настоящего Закона" in the text)."""
    rest = line[end:]
    stripped = rest.lstrip()
    if not stripped or stripped.startswith("."):
        return True
    return rest[:1].isspace() and stripped[:1].isupper()


@dataclass(frozen=True)
class NearMiss:
    template: Template
    num: str
    why: str


def near_miss(line: Line, profile: Profile, expected: Expected = frozenset()) -> NearMiss | None:
    """What label ``line`` probably meant, when it looks like one but is none.

    ``expected`` holds (kind, number) pairs the numbering misses; a line that
    carries such a number may be one letter further off its keyword (``3-бп.``
    where 3-бап is missing)."""
    for pattern in (_WORD_FIRST, _NUMBER_FIRST):
        m = pattern.match(line.norm)
        if m is None or not _ends_like_label(line.norm, m.end()):
            continue
        if any(p.match(line.norm) for patterns in profile.references.values() for p in patterns) \
                and not _keyword_exact(m.group("word"), profile):
            continue  # an inflected form the profile lists as a reference ("Статьи 5 Закона")
        found = _closest(m, pattern is _NUMBER_FIRST, line.text, profile, expected)
        if found is not None:
            return found
    return None


def _keyword_exact(word: str, profile: Profile) -> bool:
    return any(_skeleton(word) == _skeleton(t.keyword) for t in templates(profile.language))


def _closest(m: re.Match[str], number_first: bool, original: str, profile: Profile,
             expected: Expected) -> NearMiss | None:
    word, gap, num = m.group("word"), m.group("gap"), m.group("num")
    best: tuple[int, Template] | None = None
    for template in templates(profile.language):
        if template.number_first != number_first:
            continue
        seen, keyword = _skeleton(word), _skeleton(template.keyword)
        distance = _distance(seen, keyword)
        # Inflection changes a word's ending ("Главы", "Articles", "бабы"): a
        # typo counts only where the first and last letters are the keyword's.
        allowed = 0 if seen[:1] != keyword[:1] or seen[-1:] != keyword[-1:] else \
            _allowed_typos(template.keyword) + ((template.kind, num) in expected)
        if distance <= allowed and (best is None or distance < best[0]):
            best = (distance, template)
    if best is None:
        return None
    distance, template = best
    printed = original[m.start("word"):m.end("word")]
    if distance:
        why = f"{printed!r} is not the keyword {template.keyword!r}"
    elif printed.casefold() != template.keyword.casefold():
        odd = next(ch for ch, ok in zip(printed, template.keyword, strict=False) if _skeleton(ch) == _skeleton(ok)
                   and ch.casefold() != ok.casefold())
        why = f"{printed!r} has the look-alike letter {odd!r} ({unicodedata.name(odd, f'U+{ord(odd):04X}')})"
    elif not gap:
        why = f"no blank between {printed!r} and its number"
    else:
        why = f"wrong case: {printed!r} where a label has {template.keyword!r}"
    return NearMiss(template, num, why)


def near_miss_findings(text: str, act: Act, profile: Profile, expected: Expected = frozenset()) -> list[Finding]:
    """P201 for every line that looks like a label of the profile but was read as text."""
    starts = {unit.loc.line for unit in all_units(act) if unit.loc is not None}
    found: list[Finding] = []
    for line in _candidate_lines(text, profile, starts):
        if match_label(line, profile, STRUCTURE_KINDS):
            continue
        miss = near_miss(line, profile, expected)
        if miss is None:
            continue
        found.append(Finding(
            code=NEAR_MISS, severity=WARNING, file=act.source, line=line.number,
            message=f"line looks like the label {miss.template.label(miss.num)!r} but was read as text: "
                    f"{miss.why}; it was merged into the text before it",
        ))
    return found


# A cheap test on the raw line: could it start with a word and a number, or a
# number and a word? Most lines of a law cannot, and skip normalisation.
_MAYBE_LABEL = re.compile(r"[ \t\u00a0\u3000\u2007\u202f\ufeff]*(?:[^\W\d_]+[\s-]*\d|\d+[\s-]*[^\W\d_])")


def _candidate_lines(text: str, profile: Profile, starts: set[int]) -> Iterator[Line]:
    """The source lines that may be near misses, normalised as the parser sees them."""
    for number, raw in enumerate(text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        if number in starts or not _MAYBE_LABEL.match(raw):
            continue
        norm = profile.normalise(raw)
        stripped = norm.strip(" \u3000\u2007\u202f\ufeff")
        start = len(norm) - len(norm.lstrip(" \u3000\u2007\u202f\ufeff"))
        yield Line(number, raw[start:start + len(stripped)], stripped, False)


# --- numbering ---------------------------------------------------------------

@functools.lru_cache(maxsize=4096)
def _plain(num: str | None) -> tuple[int, ...] | None:
    """A unit's number as integers, or None where it holds letters: lettered
    units (а), б), a), b)) follow alphabets that skip letters, so only plain
    numbers are checked for gaps. Units share few numbers: each is read once."""
    key = number_key(num)
    if not key or any(part[0] != 0 for part in key):
        return None
    return tuple(part[1] for part in key)


def _missing(previous: tuple[int, ...], current: tuple[int, ...]) -> list[str]:
    """The numbers between ``previous`` and ``current`` that a sequence skipped.

    Only the first number counts: ``10`` may be followed by ``10-1`` (an
    inserted unit), ``10-1`` by ``10-2`` or ``11``; ``2`` by ``4`` skips ``3``.
    """
    return [str(n) for n in range(previous[0] + 1, current[0])]


def numbering_findings(act: Act, profile: Profile) -> list[Finding]:
    """P202 for every gap in a run of numbered units of one kind.

    Articles run through the whole act; other units restart in each parent,
    as the parser's order check has them.
    """
    found: list[Finding] = []
    for _, run in numbered_runs(act):
        previous: tuple[int, ...] | None = None
        previous_unit: Unit | None = None
        for unit in run:
            key = _plain(unit.num)
            if key is None:
                previous, previous_unit = None, None
                continue
            # Only between two numbered units: a run may start anywhere (an
            # excerpt, the units quoted by an amending act).
            if previous is not None and previous_unit is not None and key[0] > previous[0] + 1:
                found.append(_gap(unit, previous_unit, _missing(previous, key), act, profile))
            previous, previous_unit = key, unit
    return found


def _gap(unit: Unit, previous: Unit, missing: list[str], act: Act, profile: Profile) -> Finding:
    name = profile.unit_names.get(unit.kind, unit.kind + " {num}")
    shown = [name.format(num=n) for n in missing[:_MAX_REPORTED_GAP]]
    more = f" and {len(missing) - len(shown)} more" if len(missing) > len(shown) else ""
    after = f"after {previous.label!r}" + (f" (line {previous.loc.line})" if previous.loc else "")
    return Finding(
        code=NUMBERING_GAP, severity=WARNING, file=act.source, line=unit.loc.line if unit.loc else None,
        extra={"kind": unit.kind, "missing": missing},
        message=f"{unit.label!r} comes {after}: {', '.join(shown)}{more} "
                f"{'is' if len(missing) == 1 else 'are'} missing; "
                "expected numbers without gaps (a repealed unit keeps its label)",
    )


# --- the language -----------------------------------------------------------

@dataclass(frozen=True)
class Reading:
    """How one profile reads a text: letters of its alphabet, labels it sees."""

    language: str
    letters: int            # letters of the text in the profile's alphabet
    total: int              # letters of the text
    labels: int             # lines that are structural labels for this profile
    first_label: int | None
    first_foreign: int | None   # first line with a letter outside the alphabet

    @property
    def coverage(self) -> float:
        return self.letters / self.total if self.total else 1.0


def read_as(text: str, language: str, source: str = "<text>") -> Reading:
    profile = load_profile(language)
    # A line holds no line break: the one joining the lines is no letter of any alphabet.
    alphabet = set(profile.lowercase_letters) - {"\n"}
    lines = [line for line in split_lines(text, profile, source) if not line.norm.startswith("#")]
    labelled = [line.number for line in lines if match_label(line, profile, STRUCTURE_KINDS)]
    # The letters are counted over all lines at once, each distinct character
    # with one count: a few passes in C rather than two calls a character.
    lowered = "\n".join(line.norm for line in lines).casefold()
    present = set(lowered)
    total = sum(lowered.count(char) for char in present if char.isalpha())
    letters = sum(lowered.count(char) for char in present & alphabet)
    foreign = [char for char in present if char.isalpha() and char not in alphabet]
    first_foreign = _first_foreign(lowered, lines, foreign, alphabet) if foreign else None
    return Reading(language, letters, total, len(labelled), labelled[0] if labelled else None, first_foreign)


def _first_foreign(lowered: str, lines: list[Line], foreign: list[str], alphabet: set[str]) -> int | None:
    """The number of the first of ``lines`` (``lowered``: them case-folded, one
    a line) with fewer letters of ``alphabet`` than letters: only a line with a
    letter outside it (one of ``foreign``) may be one."""
    outside = re.compile("|".join(map(re.escape, sorted(foreign))))
    at = 0
    while (found := outside.search(lowered, at)) is not None:
        start = lowered.rfind("\n", 0, found.start()) + 1
        end = lowered.find("\n", found.start())
        end = len(lowered) if end < 0 else end
        line = lowered[start:end]
        if sum(map(alphabet.__contains__, line)) < sum(map(str.isalpha, line)):
            return lines[lowered.count("\n", 0, start)].number
        at = end
    return None


# Below this many letters, the alphabet is no evidence either way; beyond this
# many lines, more text adds no evidence, only time.
_MIN_LETTERS = 200
_LANGUAGE_LINES = 3000


def language_findings(text: str, profile: Profile, source: str) -> list[Finding]:
    """P203 when another profile reads ``text`` better than the declared one.

    Better means: its alphabet holds the text's letters at least as well and it
    recognises more structural labels; or, the labels being no help, the text
    has no letter of the declared alphabet that the other lacks (Russian text
    declared Kazakh has none of ә ғ қ ң ө ұ ү һ і) or most of its letters lie
    outside the declared alphabet and inside the other's.
    """
    text = "\n".join(text.split("\n", _LANGUAGE_LINES)[:_LANGUAGE_LINES])
    declared = read_as(text, profile.language, source)
    others = []
    for language in available_languages():
        if language == profile.language:
            continue
        try:
            others.append(read_as(text, language, source))
        except ProfileError:
            continue
    best: tuple[tuple[int, float, int], Reading, int | None, str] | None = None
    for other in others:
        verdict = _reads_better(text, declared, other, profile, source)
        # More labels first, then more of the letters; on a tie the smaller
        # alphabet fits tighter (Russian text fits the Kazakh alphabet too).
        rank = (other.labels, other.coverage, -len(load_profile(other.language).lowercase_letters))
        if verdict is not None and (best is None or rank > best[0]):
            best = (rank, other, *verdict)
    if best is None:
        return []
    _, other, line, why = best
    return [Finding(
        code=WRONG_LANGUAGE, severity=ERROR, file=source, line=line,
        message=f"this text reads as {load_profile(other.language).name} ({other.language}), "
                f"not {profile.name} ({profile.language}): {why}; "
                f"expected {profile.language} text in this file, or the file named {other.language}.txt",
    )]


def _reads_better(text: str, declared: Reading, other: Reading, profile: Profile,
                  source: str) -> tuple[int | None, str] | None:
    if other.labels > declared.labels and other.coverage >= declared.coverage - 0.01:
        return other.first_label, (f"{other.labels} structural label(s) in {other.language}, "
                                   f"{declared.labels} in {declared.language}, first here")
    if declared.total < _MIN_LETTERS or declared.labels > other.labels:
        return None
    if declared.coverage < 0.5 <= other.coverage - 0.4:
        return declared.first_foreign, (f"{100 * (1 - declared.coverage):.0f}% of its letters are not in the "
                                        f"{declared.language} alphabet, first here")
    if other.coverage >= 0.99 and other.coverage - declared.coverage >= 0.03:
        return declared.first_foreign, (f"{100 * (1 - declared.coverage):.0f}% of its letters are not in the "
                                        f"{declared.language} alphabet but all are in {other.language}'s, first here")
    own = set(profile.lowercase_letters) - set(load_profile(other.language).lowercase_letters)
    if own and other.coverage >= 0.99 and not _has_any(text, own):
        return _first_text_line(text, profile, source), (
            f"none of the {declared.language} letters {' '.join(sorted(own))} occurs in "
            f"{declared.total} letters")
    return None


def _has_any(text: str, letters: set[str]) -> bool:
    return not letters.isdisjoint(text.casefold())


def _first_text_line(text: str, profile: Profile, source: str) -> int | None:
    for line in split_lines(text, profile, source):
        if not line.norm.startswith("#"):
            return line.number
    return None


def parse_checked(text: str, profile: Profile, source: str) -> Act:
    """Parse ``text`` and run these checks: the language first (a text in
    another language is refused, with the parser's own findings after it),
    then the near-miss labels and numbering gaps, kept in ``act.warnings``."""
    wrong = language_findings(text, profile, source)
    try:
        act = parse_text(text, profile, source)
    except ParseError as exc:
        raise ParseError(wrong + exc.findings) from None
    if wrong:
        raise ParseError(wrong)
    gaps = numbering_findings(act, profile)
    expected = frozenset((f.extra["kind"], num) for f in gaps for num in f.extra["missing"])
    act.warnings += near_miss_findings(text, act, profile, expected) + gaps
    return act
