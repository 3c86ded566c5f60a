"""Language profiles: everything the parser knows about one language, as data.

A profile is a TOML file in ``aknkit/text/profiles/`` (``kaz.toml``, ``rus.toml``,
``eng.toml``). Adding a language means adding one such file; no code changes.
The file is checked on load against :data:`FORMAT` (see
:mod:`aknkit.text.profile_format`): a misspelt, missing or mistyped key, a
pattern that does not compile or an unknown ``{fragment}`` is a
:class:`ProfileError` naming the file, the key and its line.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from aknkit.akn.ids import latin_roman
from aknkit.model import AmendmentKind, EnvelopeKind, NoteKind, UnitKind
from aknkit.text.profile_format import (
    CHARACTER,
    FRAGMENT,
    PATTERN,
    PATTERN_PAIRS,
    PATTERNS,
    QUOTE_PAIRS,
    ROOT,
    TEMPLATE,
    TEXT,
    WORDS,
    Key,
    Located,
    Table,
    check_profile,
    dotted,
)
from aknkit.text.profile_format import (
    ProfileError as ProfileError,
)

# Units whose labels start a line of their own, outermost first. The parser
# tries them in this order, most specific first.
STRUCTURE_KINDS = (UnitKind.PART, UnitKind.SECTION, UnitKind.SUBSECTION, UnitKind.CHAPTER, UnitKind.SUBCHAPTER,
                   UnitKind.ARTICLE)
CONTENT_KINDS = (UnitKind.PARAGRAPH, UnitKind.SUBPARAGRAPH, UnitKind.POINT, UnitKind.ITEM, UnitKind.INDENT)
NOTE_KINDS = (NoteKind.FOOTNOTE, NoteKind.SERVICE, NoteKind.NOTICE)
ENVELOPE_KINDS = (EnvelopeKind.STATUS, EnvelopeKind.TRANSLATION, EnvelopeKind.TOC, EnvelopeKind.EDITION,
                  EnvelopeKind.ISSUER)

Pattern = re.Pattern[str]
Patterns = tuple[Pattern, ...]
_Kind = TypeVar("_Kind", bound=StrEnum)

# The words `akn render` prints around the law's text, in the language's own
# words ([render]): every key is required, so a page never mixes two languages.
# The facts aknkit writes are named as written ("vote.for"); note kinds and the
# kinds of the publication's lines above the title carry a prefix.
RENDER_PAGE = ("language_name", "contents", "document", "title", "preamble", "signature", "attachment",
               "notes", "notes_apart", "back", "excluded")
RENDER_PANEL = ("work", "expression", "manifestation", "language", "type", "date", "version", "number",
                "author", "signed_by", "place", "master_expression", "status", "status_repealed")
RENDER_FACTS = ("vote.for", "vote.against", "vote.abstained", "vote.absent")
RENDER_KINDS = tuple(f"note_{kind}" for kind in (*NOTE_KINDS, NoteKind.SOURCE_COMMENT)) + \
    tuple(f"line_{kind}" for kind in (*ENVELOPE_KINDS, EnvelopeKind.PREFACE))
RENDER_TEMPLATES = ("attachment",)   # "Приложение {num}"

# Letters that double as Roman numerals, in both scripts; a word made only of
# these is a numeral ("ІV" with a Cyrillic І is 4).
# Written to begin with its letters, not with "\b", so that the engine
# skips ahead to them: the same matches as r"\b[IVXLCDMІХСМ]+\b" (every
# letter is a word character), found six times faster in Cyrillic text.
_ROMAN_WORD = re.compile(r"[IVXLCDMІХСМ](?<!\w.)[IVXLCDMІХСМ]*(?!\w)")
_WORD = re.compile(r"\w+")
_ROMAN_LOOKALIKE_CHARS = re.compile(r"[ІХСМ]")
# A Latin letter right after or before a Cyrillic one. It begins with the
# Latin letter, rare in Cyrillic text, so that the engine skips ahead to it.
_LATIN_IN_CYRILLIC = re.compile(r"[A-Za-z](?:(?<=[\u0400-\u04FF].)|(?=[\u0400-\u04FF]))")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_WORD_START = re.compile(r"\S+")


def _mixed_word(line: str) -> bool:
    return _LATIN_IN_CYRILLIC.search(line) is not None


def _roman_word(match: re.Match[str]) -> str:
    word = match.group(0)
    # A lone Cyrillic "С" or "І" is a word (a preposition, a letter), not a numeral.
    if len(word) == 1 and word not in "IVXLCDM":
        return word
    return latin_roman(word)


_NEVER_MATCHES = re.compile(r"(?!)")


@dataclass(frozen=True)
class Links:
    """How running text names units of the act and other acts ([links]).

    ``steps``: unit kind -> patterns of one step of a reference, with the
    group ``nums`` (its numbers: one, a list or a range) or ``this`` (the
    unit of that kind the text stands in: "настоящей статьи"). ``joiner``
    joins two steps ("пункта 2 | статьи 8", "paragraph 2 | of | Article 8");
    ``separator`` parts the numbers of a list, ``range`` the ends of a range.
    The qualifiers are tried right before a reference (``*_before``, matched
    against the text before it, up to where it starts) and right after it
    (``*_after``): ``this_act_*`` name the act itself (group ``act``: words
    that [repeal] ``kinds`` know), ``other_act_*`` another document. ``acts``
    find references to other acts: groups ``kind`` (read with [repeal]
    ``kinds``), ``date`` and ``number``. ``counted``: words a number counts
    ("процентов", "months"); a list or range whose last number they follow
    is no reference.
    """

    steps: Mapping[UnitKind, Patterns] = field(default_factory=dict)
    joiner: re.Pattern[str] = _NEVER_MATCHES
    separator: re.Pattern[str] = _NEVER_MATCHES
    range: re.Pattern[str] = _NEVER_MATCHES
    this_act_before: Patterns = ()
    this_act_after: Patterns = ()
    other_act_before: Patterns = ()
    other_act_after: Patterns = ()
    acts: Patterns = ()
    # What a number counts when it is no unit's ("3 и 4 процентами", "2 and 3
    # months"): matched right after the last number of a list or range.
    counted: Patterns = ()
    # Any step with numbers or act pattern: most paragraphs hold no reference,
    # and one failed search is cheaper than each pattern's.
    probe: re.Pattern[str] = _NEVER_MATCHES


@dataclass(frozen=True)
class Profile:
    language: str
    name: str
    lowercase_letters: str
    homoglyphs: dict[str, str]
    homoglyph_table: dict[int, str]   # the same, as a str.translate table
    labels: dict[UnitKind, Patterns]
    flat_split: Patterns
    notes: dict[NoteKind, Patterns]
    envelope: dict[EnvelopeKind, Patterns]
    excluded: Patterns
    meta: Patterns
    dates: Patterns
    months: Patterns        # 12 compiled stem patterns, January first
    # The same as one pattern, its group "month<N>" the N-th stem: the first
    # stem that matches is the month, as when each is tried in turn. None
    # where they do not combine (a flag in one): then each is tried.
    month_stems: Pattern | None
    references: dict[UnitKind, Patterns]
    signature_roles: Patterns
    signature_place_date: Pattern
    signature_number: Pattern
    signature_signer: Pattern
    examples: dict[str, str]   # article, chapter and "attachment" -> one as printed, for messages
    # One regex per group of patterns, true wherever any member could match:
    # most lines are plain text, and one failed match is cheaper than twenty.
    hints: dict[str, Pattern]  # "structure" / "content" / "notes" (/ "dates" where they combine) -> pattern
    # Unit kind -> the label of a bare number ("Статья {num}."). Tables keyed by
    # a UnitKind are declared by text where a unit's kind looks them up: a unit
    # read from another producer's document may be of a kind of its own.
    unparse: dict[str, str] = field(default_factory=dict)
    # Acts without structural labels: the formula closing the preamble
    # ("ПОСТАНОВЛЯЕТ:") and sentences that are the body themselves ("Ратифицировать ...").
    enacting_formula: Patterns = ()
    operative: Patterns = ()
    # Repealed acts: the clause after the requisites, the status words, and the
    # repealing act's kind word -> its subtype in the IRI, first match wins.
    repeal_clause: Patterns = ()
    repeal_status: Patterns = ()
    repeal_kinds: tuple[tuple[Pattern, str], ...] = ()
    # Clauses after the requisites that are kept as printed ("Зарегистрирован ...").
    meta_trailing: Patterns = ()
    # Lines that open an attachment's heading block after the signature, and
    # a draft's type line standing above its title.
    attachment_head: Patterns = ()
    attachment_type_line: Patterns = ()

    def repeal_kind(self, words: str) -> str | None:
        """The subtype of a repealing act named by ``words`` ("Кодексом"), or None."""
        return next((subtype for pattern, subtype in self.repeal_kinds if pattern.search(words)), None)

    def act_kind_in(self, words: str) -> tuple[str | None, int]:
        """The subtype of the act that ``words`` name ("с изменениями, внесенными
        Законом РК" -> "law") and where the words naming it start.

        The nearest word to the end where the [repeal] kinds match is the act's
        kind word; the words before it that match as well belong to it
        ("Конституционным законом", "the Constitutional Law"). (None, the
        length of ``words``) when no word names an act."""
        found: tuple[str | None, int] = (None, len(words))
        for word in reversed(list(_WORD_START.finditer(words))):
            subtype = self.repeal_kind(words[word.start():])
            if subtype is None and found[0] is not None:
                break
            if subtype is not None:
                found = (subtype, word.start())
        return found
    # Amending instructions: a phrase that ends the text before quoted new
    # wording ("... в следующей редакции:"), and opening quote -> closing quote.
    amend_trigger: Pattern = re.compile(r"(?!)")
    quotes: dict[str, str] = field(default_factory=dict)
    quote_open: Pattern = re.compile(r"(?!)")   # any opening quote of ``quotes``
    # A phrase right after the closing quote that makes the quoted words new
    # wording (Kazakh: '"Y" деген сөздермен ауыстырылсын').
    amend_after: Pattern = re.compile(r"(?!)")
    # Items numbered with ordinal words: a line opening with the N-th word of
    # the profile's list and a period is item N ("Второе. ..." is 2).
    ordinal: Pattern = re.compile(r"(?!)")
    ordinal_words: tuple[str, ...] = ()
    note_targets: Patterns = ()  # footnote patterns naming their unit: groups article/paragraph/point
    # How reports name units and the language ([names]), and references naming
    # a unit below another, each named group a unit kind ([diff] references).
    unit_names: dict[str, str] = field(default_factory=dict)   # unit kind -> "Article {num}"
    preamble_name: str | None = None
    bcp47: str | None = None   # the tag of HTML lang attributes ("ru")
    nested_references: Patterns = ()
    render: dict[str, str] = field(default_factory=dict)   # [render]: key -> the words a page prints
    links: Links = field(default_factory=Links)
    # Footnotes recording amendments ([history]): one amending act named with
    # its date and number (groups date, number, kind), and the words saying what
    # it did -> that change, first match wins.
    history_acts: Patterns = ()
    history_changes: tuple[tuple[Pattern, AmendmentKind], ...] = ()

    def normalise(self, line: str) -> str:
        """The line as the patterns see it; same length as ``line``, so every
        index found in the result points at the same character of the original."""
        line = line.replace("\u00a0", " ").replace("\t", " ")
        if _ROMAN_LOOKALIKE_CHARS.search(line):
            line = _ROMAN_WORD.sub(_roman_word, line)
        # Most lines have no Latin letter inside a Cyrillic word: check cheaply first.
        if not self.homoglyphs or not _mixed_word(line):
            return line
        return self._fix_homoglyphs(line)

    def normalise_lines(self, text: str) -> str:
        """``text`` with each of its lines (parted by "\\n") normalised as
        :meth:`normalise` does it, in a few passes over the whole text rather
        than a few calls a line. Every step works within a line: a line break
        is neither a word character nor a letter, and only the lines holding
        a Latin letter inside a Cyrillic word are fixed, as one by one."""
        text = text.replace("\u00a0", " ").replace("\t", " ")
        if _ROMAN_LOOKALIKE_CHARS.search(text):
            text = _ROMAN_WORD.sub(_roman_word, text)
        mixed = _LATIN_IN_CYRILLIC.search(text) if self.homoglyphs else None
        if mixed is None:
            return text
        pieces: list[str] = []
        done = 0    # the text before this is in pieces
        while mixed is not None:
            start = text.rfind("\n", 0, mixed.start()) + 1
            end = text.find("\n", mixed.end())
            end = len(text) if end < 0 else end
            pieces += [text[done:start], self._fix_homoglyphs(text[start:end])]
            done = end
            mixed = _LATIN_IN_CYRILLIC.search(text, end)
        pieces.append(text[done:])
        return "".join(pieces)

    def _fix_homoglyphs(self, line: str) -> str:
        """Latin look-alike letters inside the words of ``line`` that hold a Cyrillic letter, made Cyrillic."""
        table = self.homoglyph_table

        def fix(match: re.Match[str]) -> str:
            word = match.group(0)
            if _CYRILLIC.search(word):
                return word.translate(table)
            return word

        return _WORD.sub(fix, line)

    def month_number(self, word: str) -> int | None:
        """1-12 for a month word in any inflection, or None."""
        word = word.casefold()
        if self.month_stems is None:
            return next((number for number, stem in enumerate(self.months, start=1) if stem.match(word)), None)
        match = self.month_stems.match(word)
        return None if match is None else _MONTH_OF_GROUP.get(match.lastgroup or "")

    def with_dates(self, dates: Patterns) -> Profile:
        """The profile with ``dates`` (some of its date patterns) in place of
        its own, and the hint of those alone."""
        hints = {name: hint for name, hint in self.hints.items() if name != "dates"}
        if len(dates) > 1:  # one pattern is its own hint
            hints.update(_optional_hint("dates", [pattern.pattern for pattern in dates]))
        return dataclasses.replace(self, dates=dates, hints=hints)


_MONTH_OF_GROUP = {f"month{number}": number for number in range(1, 13)}


_LABEL_KINDS = STRUCTURE_KINDS + CONTENT_KINDS
# The keys of [links] that qualify a reference: the act itself, or another document.
_QUALIFIERS = ("this_act_before", "this_act_after", "other_act_before", "other_act_after")


def _kinds(kinds: Iterable[StrEnum], kind: str, required: bool = True) -> dict[str, Key]:
    # The format names keys as text: messages show them, and suggest them as "did you mean".
    return {name.value: Key(kind, required) for name in kinds}


# The tables and keys of a profile file. A table that is not required may be
# left out (its lists are then empty); a table that is present has all its
# required keys. Patterns may name the fragments of [fragments] ("{tail}").
FORMAT = {
    ROOT: Table({"language": Key(TEXT), "name": Key(TEXT), "lowercase_letters": Key(TEXT)}),
    "fragments": Table({}, required=False, any_key=Key(FRAGMENT)),
    "homoglyphs": Table({}, required=False, any_key=Key(CHARACTER)),
    "labels": Table(_kinds(_LABEL_KINDS, PATTERNS)),
    "ordinals": Table({"words": Key(WORDS)}, required=False),
    "flat": Table({"split_before": Key(PATTERNS)}, required=False),
    "amend": Table({"triggers": Key(PATTERNS), "quotes": Key(QUOTE_PAIRS), "after": Key(PATTERNS, False)},
                   required=False),
    "notes": Table({**_kinds(NOTE_KINDS, PATTERNS), "targets": Key(PATTERNS, False)}),
    "envelope": Table(_kinds(ENVELOPE_KINDS, PATTERNS)),
    "excluded": Table({"patterns": Key(PATTERNS)}),
    "meta": Table({"patterns": Key(PATTERNS), "trailing": Key(PATTERNS, False)}),
    "dates": Table({"patterns": Key(PATTERNS), "months": Key(PATTERNS, count=12)}),
    "references": Table(_kinds(_LABEL_KINDS, PATTERNS, required=False), required=False),
    "signature": Table({"roles": Key(PATTERNS), "place_date": Key(PATTERN), "number": Key(PATTERN),
                        "signer": Key(PATTERN)}),
    "enacting": Table({"formula": Key(PATTERNS), "operative": Key(PATTERNS)}, required=False),
    "repeal": Table({"clause": Key(PATTERNS), "status": Key(PATTERNS), "kinds": Key(PATTERN_PAIRS)},
                    required=False),
    "attachments": Table({"type_line": Key(PATTERNS), "head": Key(PATTERNS)}, required=False),
    "history": Table({"acts": Key(PATTERNS), "changes": Key(PATTERN_PAIRS, choices=tuple(AmendmentKind))},
                     required=False),
    "examples": Table({**_kinds((UnitKind.ARTICLE, UnitKind.CHAPTER), TEXT), "attachment": Key(TEXT)}),
    "names": Table({"bcp47": Key(TEXT, False), "preamble": Key(TEXT, False),
                    **_kinds(_LABEL_KINDS, TEMPLATE, required=False)}, required=False),
    "diff": Table({"references": Key(PATTERNS)}, required=False),
    "links": Table({**_kinds(_LABEL_KINDS, PATTERNS, required=False),
                    "joiner": Key(PATTERN), "separator": Key(PATTERN), "range": Key(PATTERN),
                    **{key: Key(PATTERNS, False) for key in _QUALIFIERS}, "acts": Key(PATTERNS, False),
                    "counted": Key(PATTERNS, False)},
                   required=False),
    "unparse": Table(_kinds(_LABEL_KINDS, TEMPLATE, required=False), required=False),
    "render": Table({key: Key(TEMPLATE if key in RENDER_TEMPLATES else TEXT)
                     for key in (*RENDER_PAGE, *RENDER_PANEL, *RENDER_FACTS, *RENDER_KINDS)}),
}

_NEVER = r"(?!)"
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


def _compile_all(patterns: Iterable[str]) -> Patterns:
    return tuple(re.compile(p) for p in patterns)


def _compile_table(table: Mapping[str, list[str]], kinds: Iterable[_Kind]) -> dict[_Kind, Patterns]:
    return {kind: _compile_all(table.get(kind, [])) for kind in kinds}


def _union(table: Mapping[str, list[str]], kinds: Iterable[str]) -> re.Pattern[str]:
    """Any of the patterns of ``kinds``, with group names dropped so they may repeat."""
    anonymous = [_NAMED_GROUP.sub("(?:", p) for kind in kinds for p in table.get(kind, [])]
    return re.compile("|".join(f"(?:{p})" for p in anonymous) or _NEVER)


def _numbered_steps(links: Mapping[str, Any]) -> dict[str, list[str]]:
    """The [links] patterns a reference cannot do without: a step with numbers
    (a reference is never "this article" alone) or another act; each as a
    search for whether a text holds one needs it (:func:`_without_optional_start`)."""
    numbered = {str(kind): [_without_optional_start(p) for p in links.get(kind, []) if "(?P<nums>" in p]
                for kind in _LABEL_KINDS}
    return {**numbered, "acts": [_without_optional_start(p) for p in links.get("acts", [])]}


def _without_optional_start(source: str) -> str:
    """``source`` without the optional groups it opens with ("(?:...)?"): a
    text holds a match of the one wherever it holds a match of the other, and
    the search for it tries fewer things at each place (an act's title in
    quotes, then its owner, then its date: the date alone)."""
    while source.startswith("(?:"):
        end = group_end(source, 0)
        if source[end:end + 1] not in ("?", "*"):
            break
        end += 2 if source[end + 1:end + 2] in ("?", "+") else 1   # lazy or possessive
        if end >= len(source):
            break   # nothing would be left
        source = source[end:]
    return source


def group_end(source: str, start: int) -> int:
    """The index after the ``)`` closing the group opened at ``start`` of a pattern's ``source``."""
    depth, at = 0, start
    while at < len(source):
        char = source[at]
        if char == "\\":
            at += 2
            continue
        if char == "[":
            at = class_end(source, at)
            continue
        depth += 1 if char == "(" else -1 if char == ")" else 0
        at += 1
        if depth == 0:
            return at
    return len(source)


def class_end(source: str, start: int) -> int:
    """The index after the ``]`` closing the character class opened at ``start`` of a pattern's ``source``."""
    at = start + 1
    if source.startswith("^", at):
        at += 1
    if source.startswith("]", at):  # a ``]`` first in a class is itself
        at += 1
    while at < len(source) and source[at] != "]":
        at += 2 if source[at] == "\\" else 1
    return at + 1


def _month_stems(stems: list[str]) -> re.Pattern[str] | None:
    """The twelve month ``stems`` as one pattern, the N-th in group "month<N>";
    None when they do not combine."""
    anonymous = (_NAMED_GROUP.sub("(?:", stem) for stem in stems)
    try:
        return re.compile("|".join(f"(?P<month{number}>{stem})" for number, stem in enumerate(anonymous, start=1)))
    except re.error:
        return None


def _trigger(patterns: list[str]) -> re.Pattern[str]:
    """Any of ``patterns`` at the end of a text (blanks after it allowed)."""
    if not patterns:
        return re.compile(_NEVER)
    return re.compile("(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\s*$")


def _after(patterns: list[str]) -> re.Pattern[str]:
    """Any of ``patterns`` right where matching starts, blanks before it allowed."""
    if not patterns:
        return re.compile(_NEVER)
    return re.compile(r"\s*(?:" + "|".join(f"(?:{p})" for p in patterns) + ")")


def _quote_open(pairs: list[list[str]]) -> re.Pattern[str]:
    if not pairs:
        return re.compile(_NEVER)
    return re.compile("[" + "".join(re.escape(pair[0]) for pair in pairs) + "]")


def _ordinal(words: list[str]) -> re.Pattern[str]:
    if not words:
        return re.compile(_NEVER)
    return re.compile("^(?P<word>" + "|".join(re.escape(w) for w in words) + r")\.\s+\S")


def available_languages() -> list[str]:
    folder = resources.files("aknkit.text") / "profiles"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml"))


@functools.cache
def profile_code(language: str) -> str:
    """The code of the profile for ``language``: the code itself, or for a
    two-letter ISO 639-1 code (``en``, ``ru``, ``kk``), its ISO 639-2 code when
    a profile of that name exists; otherwise ``language`` unchanged."""
    if not re.fullmatch(r"[a-z]{2}", language or ""):
        return language
    import pycountry  # only here: most callers never see a two-letter code

    found = pycountry.languages.get(alpha_2=language)
    code = getattr(found, "alpha_3", None) if found is not None else None
    return code if code in available_languages() else language


@functools.cache
def load_profile(language: str) -> Profile:
    """The profile of ``language`` (an ISO 639-2 code, or an ISO 639-1 code
    that maps to one: ``en`` -> ``eng``); cached per process."""
    language = profile_code(language)
    resource = resources.files("aknkit.text") / "profiles" / f"{language}.toml"
    if not re.fullmatch(r"[a-z]{2,8}", language or "") or not resource.is_file():
        known = ", ".join(available_languages())
        raise ProfileError(f"unknown language {language!r}; expected one of: {known}")
    return profile_from_text(resource.read_text(encoding="utf-8"), str(resource))


def read_profile(path: str | Path) -> Profile:
    """The profile in the file ``path`` (not cached): a profile being written,
    or a copy of a shipped one."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{path}: cannot be read as UTF-8 text: {exc}", file=str(path)) from None
    return profile_from_text(text, str(path))


def profile_from_text(text: str, file: str) -> Profile:
    """The profile in ``text``, the contents of ``file`` (named in errors)."""
    located = Located(file, text)
    data = check_profile(located, FORMAT)
    return _profile(data, _combined(data, located))


def _combined(data: dict[str, Any], located: Located) -> dict[str, re.Pattern[str]]:
    """The patterns built of several of the file's patterns. Each compiled
    alone; together they may not (a flag such as "(?i)" inside one)."""
    amend = data["amend"]
    built: dict[str, re.Pattern[str]] = {}
    composites: dict[str, tuple[str, str | None, Callable[..., re.Pattern[str]], tuple[Any, ...]]] = {
        "hints_structure": ("labels", None, _union, (data["labels"], STRUCTURE_KINDS)),
        "hints_content": ("labels", None, _union, (data["labels"], CONTENT_KINDS)),
        "hints_notes": ("notes", None, _union, (data["notes"], NOTE_KINDS)),
        "amend_trigger": ("amend", "triggers", _trigger, (amend["triggers"],)),
        "amend_after": ("amend", "after", _after, (amend["after"],)),
        "links_probe": ("links", None, _union, (_numbered_steps(data["links"]), (*_LABEL_KINDS, "acts"))),
    }
    for field_name, (table, key, build, values) in composites.items():
        try:
            built[field_name] = build(*values)
        except re.error as exc:
            raise located.error(dotted(table, key), f"its patterns do not combine into one: {exc}",
                                table, key) from None
    return built


def _links(table: dict[str, Any], probe: re.Pattern[str]) -> Links:
    """The [links] table compiled; a profile without it links nothing."""
    if "joiner" not in table:
        return Links()
    return Links(
        steps={kind: _compile_all(table[kind]) for kind in _LABEL_KINDS if table.get(kind)},
        joiner=re.compile(table["joiner"]), separator=re.compile(table["separator"]),
        range=re.compile(table["range"]),
        this_act_before=_compile_all(table["this_act_before"]),
        this_act_after=_compile_all(table["this_act_after"]),
        other_act_before=_compile_all(table["other_act_before"]),
        other_act_after=_compile_all(table["other_act_after"]),
        acts=_compile_all(table["acts"]),
        counted=_compile_all(table["counted"]),
        probe=probe,
    )


def _profile(data: dict[str, Any], combined: dict[str, re.Pattern[str]]) -> Profile:
    """A Profile of checked data (fragments expanded, every key present)."""
    signature, amend, repeal = data["signature"], data["amend"], data["repeal"]
    return Profile(
        language=data["language"],
        name=data["name"],
        lowercase_letters=data["lowercase_letters"],
        homoglyphs=dict(data["homoglyphs"]),
        homoglyph_table=str.maketrans(dict(data["homoglyphs"])),
        labels=_compile_table(data["labels"], _LABEL_KINDS),
        flat_split=_compile_all(data["flat"]["split_before"]),
        notes=_compile_table(data["notes"], NOTE_KINDS),
        envelope=_compile_table(data["envelope"], ENVELOPE_KINDS),
        excluded=tuple(re.compile(p, re.IGNORECASE) for p in data["excluded"]["patterns"]),
        meta=_compile_all(data["meta"]["patterns"]),
        dates=_compile_all(data["dates"]["patterns"]),
        months=_compile_all(data["dates"]["months"]),
        month_stems=_month_stems(data["dates"]["months"]),
        references={UnitKind(k): _compile_all(v) for k, v in data["references"].items() if v},
        signature_roles=_compile_all(signature["roles"]),
        signature_place_date=re.compile(signature["place_date"]),
        signature_number=re.compile(signature["number"]),
        signature_signer=re.compile(signature["signer"]),
        examples=dict(data["examples"]),
        unparse={UnitKind(kind): label for kind, label in data["unparse"].items()},
        unit_names={UnitKind(kind): name for kind, name in data["names"].items() if kind not in ("preamble", "bcp47")},
        preamble_name=data["names"].get("preamble"),
        bcp47=data["names"].get("bcp47"),
        nested_references=_compile_all(data["diff"]["references"]),
        render=dict(data["render"]),
        links=_links(data["links"], combined["links_probe"]),
        enacting_formula=_compile_all(data["enacting"]["formula"]),
        operative=_compile_all(data["enacting"]["operative"]),
        repeal_clause=_compile_all(repeal["clause"]),
        repeal_status=_compile_all(repeal["status"]),
        repeal_kinds=tuple((re.compile(pattern), subtype) for pattern, subtype in repeal["kinds"]),
        meta_trailing=_compile_all(data["meta"]["trailing"]),
        attachment_head=_compile_all(data["attachments"]["head"]),
        attachment_type_line=_compile_all(data["attachments"]["type_line"]),
        history_acts=_compile_all(data["history"]["acts"]),
        history_changes=tuple((re.compile(pattern), AmendmentKind(kind))
                              for pattern, kind in data["history"]["changes"]),
        amend_trigger=combined["amend_trigger"],
        ordinal=_ordinal(data["ordinals"]["words"]),
        ordinal_words=tuple(data["ordinals"]["words"]),
        note_targets=_compile_all(data["notes"]["targets"]),
        quotes={opening: closing for opening, closing in amend["quotes"]},
        amend_after=combined["amend_after"],
        quote_open=_quote_open(amend["quotes"]),
        hints={"structure": combined["hints_structure"], "content": combined["hints_content"],
               "notes": combined["hints_notes"], **_optional_hint("dates", data["dates"]["patterns"])},
    )


def _optional_hint(name: str, patterns: list[str]) -> dict[str, re.Pattern[str]]:
    """``{name: pattern}``, the pattern true wherever any of ``patterns`` could
    match; empty when they do not combine (a global flag in one of them),
    and then each is tried, as without a hint."""
    try:
        return {name: _union({name: patterns}, (name,))}
    except re.error:
        return {}
