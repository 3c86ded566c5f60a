"""Language profiles: everything the parser knows about one language, as data.

A profile is a TOML file in ``aknkit/text/profiles/`` (``kaz.toml``, ``rus.toml``,
``eng.toml``). Adding a language means adding one such file; no code changes.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from aknkit.akn.ids import latin_roman

# Units whose labels start a line of their own, outermost first. The parser
# tries them in this order, most specific first.
STRUCTURE_KINDS = ("part", "section", "subsection", "chapter", "subchapter", "article")
CONTENT_KINDS = ("paragraph", "subparagraph", "point", "item", "indent")
NOTE_KINDS = ("footnote", "service", "notice")
ENVELOPE_KINDS = ("status", "translation", "toc", "edition", "issuer")

# Letters that double as Roman numerals, in both scripts; a word made only of
# these is a numeral ("ІV" with a Cyrillic І is 4).
_ROMAN_WORD = re.compile(r"\b[IVXLCDMІХСМ]+\b")
_WORD = re.compile(r"\w+")
_ROMAN_LOOKALIKE_CHARS = re.compile(r"[ІХСМ]")
_LATIN_IN_CYRILLIC = re.compile(r"[\u0400-\u04FF][A-Za-z]|[A-Za-z][\u0400-\u04FF]")


def _mixed_word(line: str) -> bool:
    return _LATIN_IN_CYRILLIC.search(line) is not None
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def _roman_word(match: re.Match) -> str:
    word = match.group(0)
    # A lone Cyrillic "С" or "І" is a word (a preposition, a letter), not a numeral.
    if len(word) == 1 and word not in "IVXLCDM":
        return word
    return latin_roman(word)


class ProfileError(Exception):
    """A profile is missing or malformed."""


@dataclass(frozen=True)
class Profile:
    language: str
    name: str
    lowercase_letters: str
    homoglyphs: dict
    homoglyph_table: dict   # the same, as a str.translate table
    labels: dict            # kind -> tuple of compiled patterns
    flat_split: tuple
    notes: dict             # note kind -> tuple of patterns
    envelope: dict          # envelope kind -> tuple of patterns
    excluded: tuple
    meta: tuple
    dates: tuple
    months: tuple           # 12 compiled stem patterns, January first
    references: dict        # unit kind -> tuple of patterns
    signature_roles: tuple
    signature_place_date: re.Pattern
    signature_number: re.Pattern
    signature_signer: re.Pattern
    examples: dict          # kind -> a label as printed, for messages
    # One regex per group of patterns, true wherever any member could match:
    # most lines are plain text, and one failed match is cheaper than twenty.
    hints: dict             # "structure" / "content" / "notes" -> pattern
    unparse: dict = field(default_factory=dict)  # unit kind -> label for a bare number ("Статья {num}.")
    # Acts without structural labels: the formula closing the preamble
    # ("ПОСТАНОВЛЯЕТ:") and sentences that are the body themselves ("Ратифицировать ...").
    enacting_formula: tuple = ()
    operative: tuple = ()
    # Repealed acts: the clause after the requisites, the status words, and the
    # repealing act's kind word -> its subtype in the IRI, first match wins.
    repeal_clause: tuple = ()
    repeal_status: tuple = ()
    repeal_kinds: tuple = ()   # ((pattern, subtype), ...)
    # Clauses after the requisites that are kept as printed ("Зарегистрирован ...").
    meta_trailing: tuple = ()
    # Lines that open an attachment's heading block after the signature, and
    # a draft's type line standing above its title.
    attachment_head: tuple = ()
    attachment_type_line: tuple = ()

    def repeal_kind(self, words: str) -> str | None:
        """The subtype of a repealing act named by ``words`` ("Кодексом"), or None."""
        return next((subtype for pattern, subtype in self.repeal_kinds if pattern.search(words)), None)
    # Amending instructions: a phrase that ends the text before quoted new
    # wording ("... в следующей редакции:"), and opening quote -> closing quote.
    amend_trigger: re.Pattern = re.compile(r"(?!)")
    quotes: dict = field(default_factory=dict)
    quote_open: re.Pattern = re.compile(r"(?!)")   # any opening quote of ``quotes``
    # A phrase right after the closing quote that makes the quoted words new
    # wording (Kazakh: '"Y" деген сөздермен ауыстырылсын').
    amend_after: re.Pattern = re.compile(r"(?!)")
    # Items numbered with ordinal words: a line opening with the N-th word of
    # the profile's list and a period is item N ("Второе. ..." is 2).
    ordinal: re.Pattern = re.compile(r"(?!)")
    ordinal_words: tuple = ()
    note_targets: tuple = ()  # footnote patterns naming their unit: groups article/paragraph/point
    # How reports name units and the language ([names]), and references naming
    # a unit below another, each named group a unit kind ([diff] references).
    unit_names: dict[str, str] = field(default_factory=dict)   # unit kind -> "Article {num}"
    preamble_name: str | None = None
    bcp47: str | None = None   # the tag of HTML lang attributes ("ru")
    nested_references: tuple[re.Pattern, ...] = ()

    def normalise(self, line: str) -> str:
        """The line as the patterns see it; same length as ``line``, so every
        index found in the result points at the same character of the original."""
        line = line.replace("\u00a0", " ").replace("\t", " ")
        if _ROMAN_LOOKALIKE_CHARS.search(line):
            line = _ROMAN_WORD.sub(_roman_word, line)
        # Most lines have no Latin letter inside a Cyrillic word: check cheaply first.
        if not self.homoglyphs or not _mixed_word(line):
            return line
        table = self.homoglyph_table

        def fix(match: re.Match) -> str:
            word = match.group(0)
            if _CYRILLIC.search(word):
                return word.translate(table)
            return word

        return _WORD.sub(fix, line)

    def month_number(self, word: str) -> int | None:
        """1-12 for a month word in any inflection, or None."""
        word = word.casefold()
        for number, stem in enumerate(self.months, start=1):
            if stem.match(word):
                return number
        return None


def _compile_all(patterns) -> tuple:
    return tuple(re.compile(p) for p in patterns)


def _compile_table(table: dict, kinds) -> dict:
    return {kind: _compile_all(table.get(kind, [])) for kind in kinds}


def _union(table: dict, kinds) -> re.Pattern:
    """Any of the patterns of ``kinds``, with group names dropped so they may repeat."""
    anonymous = [re.sub(r"\(\?P<\w+>", "(?:", p) for kind in kinds for p in table.get(kind, [])]
    return re.compile("|".join(f"(?:{p})" for p in anonymous) or r"(?!)")


def _trigger(patterns) -> re.Pattern:
    """Any of ``patterns`` at the end of a text (blanks after it allowed)."""
    if not patterns:
        return re.compile(r"(?!)")
    return re.compile("(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\s*$")


def _ordinal(words) -> re.Pattern:
    if not words:
        return re.compile(r"(?!)")
    return re.compile("^(?P<word>" + "|".join(re.escape(w) for w in words) + r")\.\s+\S")


def _naming_fields(data: dict[str, Any], language: str) -> dict[str, Any]:
    """The Profile fields of the ``[names]`` and ``[diff]`` tables (both optional)."""
    names = dict(data.get("names", {}))
    for key, value in names.items():
        if not isinstance(value, str):
            raise ProfileError(f"profile {language}.toml is malformed: [names] {key} is {value!r}, "
                               "expected a string")
    try:
        nested = tuple(re.compile(p) for p in data.get("diff", {}).get("references", []))
    except (re.error, TypeError) as exc:
        raise ProfileError(f"profile {language}.toml is malformed: [diff] references: {exc}") from None
    return {
        "unit_names": {kind: name for kind, name in names.items() if kind not in ("preamble", "bcp47")},
        "preamble_name": names.get("preamble"),
        "bcp47": names.get("bcp47"),
        "nested_references": nested,
    }


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
    try:
        data = tomllib.loads(resource.read_text(encoding="utf-8"))
        signature = data["signature"]
        return Profile(
            language=data["language"],
            name=data["name"],
            lowercase_letters=data["lowercase_letters"],
            homoglyphs=dict(data.get("homoglyphs", {})),
            homoglyph_table=str.maketrans(dict(data.get("homoglyphs", {}))),
            labels=_compile_table(data["labels"], STRUCTURE_KINDS + CONTENT_KINDS),
            flat_split=_compile_all(data.get("flat", {}).get("split_before", [])),
            notes=_compile_table(data["notes"], NOTE_KINDS),
            envelope=_compile_table(data["envelope"], ENVELOPE_KINDS),
            excluded=tuple(re.compile(p, re.IGNORECASE) for p in data["excluded"]["patterns"]),
            meta=_compile_all(data["meta"]["patterns"]),
            dates=_compile_all(data["dates"]["patterns"]),
            months=tuple(re.compile(stem) for stem in data["dates"]["months"]),
            references={k: _compile_all(v) for k, v in data.get("references", {}).items()},
            signature_roles=_compile_all(signature["roles"]),
            signature_place_date=re.compile(signature["place_date"]),
            signature_number=re.compile(signature["number"]),
            signature_signer=re.compile(signature["signer"]),
            examples=dict(data["examples"]),
            unparse=dict(data.get("unparse", {})),
            enacting_formula=_compile_all(data.get("enacting", {}).get("formula", [])),
            operative=_compile_all(data.get("enacting", {}).get("operative", [])),
            repeal_clause=_compile_all(data.get("repeal", {}).get("clause", [])),
            repeal_status=_compile_all(data.get("repeal", {}).get("status", [])),
            repeal_kinds=tuple((re.compile(pattern), str(subtype))
                               for pattern, subtype in data.get("repeal", {}).get("kinds", [])),
            meta_trailing=_compile_all(data["meta"].get("trailing", [])),
            attachment_head=_compile_all(data.get("attachments", {}).get("head", [])),
            attachment_type_line=_compile_all(data.get("attachments", {}).get("type_line", [])),
            amend_trigger=_trigger(data.get("amend", {}).get("triggers", [])),
            ordinal=_ordinal(data.get("ordinals", {}).get("words", [])),
            ordinal_words=tuple(data.get("ordinals", {}).get("words", [])),
            note_targets=_compile_all(data["notes"].get("targets", [])),
            quotes={pair[0]: pair[1] for pair in data.get("amend", {}).get("quotes", [])},
            amend_after=re.compile(r"\s*(?:" + "|".join(f"(?:{p})" for p in data.get("amend", {}).get(
                "after", [])) + ")") if data.get("amend", {}).get("after") else re.compile(r"(?!)"),
            quote_open=re.compile("[" + "".join(re.escape(pair[0]) for pair in data.get("amend", {}).get(
                "quotes", [])) + "]" if data.get("amend", {}).get("quotes") else r"(?!)"),
            hints={
                "structure": _union(data["labels"], STRUCTURE_KINDS),
                "content": _union(data["labels"], CONTENT_KINDS),
                "notes": _union(data["notes"], NOTE_KINDS),
            },
            **_naming_fields(data, language),
        )
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise ProfileError(f"profile {language}.toml is malformed: {exc}") from None
