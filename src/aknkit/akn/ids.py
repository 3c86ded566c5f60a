"""Identifiers of the Akoma Ntoso naming convention, built and parsed in one place.

eId/wId (NC §5): ``[prefix "__"] element_ref ["_" number]``; FRBR IRIs (NC §4):
``/akn/{country}/{doctype}[/{subtype}][/{actor}]/{date}/{number}`` for the Work,
``+ /{lang}@{version}`` for an Expression, ``+ [/!{component}] .{format}`` for a
Manifestation. The emitter builds with these functions and the checks parse with
them, so the two can never disagree.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass

from aknkit.model import Act, Block, Quote, Unit, UnitKind, Work, holds_quote, units_in_order
from aknkit.packed import Strings

# Element names with a prescribed abbreviation (NC §5.3); all others keep their name.
ELEMENT_REF = {
    "alinea": "al", "article": "art", "attachment": "att", "chapter": "chp",
    "citation": "cit", "citations": "cits", "clause": "cl", "component": "cmp",
    "components": "cmpnts", "componentRef": "cref", "debateSection": "dbsect",
    "division": "dvs", "documentRef": "dref", "eventRef": "eref",
    "paragraph": "para", "quotedStructure": "qstr", "quotedText": "qtext",
    "recital": "rec", "recitals": "recs", "section": "sec", "subchapter": "subchp",
    "subclause": "subcl", "subdivision": "subdvs", "subparagraph": "subpara",
    "subsection": "subsec", "temporalGroup": "tmpg",
    "blockList": "list", "list": "list",
    "intro": "intro", "listIntroduction": "intro",
    "wrapUp": "wrapup", "listWrapUp": "wrapup",
    # Every kind of main body shares one name.
    "mainBody": "body", "debateBody": "body", "judgmentBody": "body", "amendmentBody": "body",
}

# Units numbered straight through an act when their numbers never repeat; units
# below an article restart in every parent, so their parent is their context.
_THROUGH_NUMBERED = frozenset({UnitKind.PART, UnitKind.SECTION, UnitKind.SUBSECTION, UnitKind.CHAPTER,
                               UnitKind.SUBCHAPTER, UnitKind.ARTICLE})

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_ROMAN_RE = re.compile(r"^M{0,4}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


# Model kinds that AKN has no element of its own for. A lettered item ("а)",
# "b)") inside a point is a point nested in that point.
_ELEMENT_OF_KIND: dict[str, str] = {UnitKind.ITEM: UnitKind.POINT}


def akn_element(kind: str) -> str:
    """The AKN element name that carries a model unit of ``kind``."""
    return _ELEMENT_OF_KIND.get(kind, kind)


def element_ref(element_name: str) -> str:
    """The eId element_ref for an element name (``article`` -> ``art``)."""
    return ELEMENT_REF.get(element_name, element_name)


_BLANKS = re.compile(r"\s+")
_SEPARATORS = re.compile(r"[./\\,]+")
_DASHES = re.compile(r"-{2,}")


@functools.lru_cache(maxsize=65536)
def eid_number(num: str) -> str:
    """The eId number part for a printed number: final punctuation and
    meaningless separators removed, case kept (``11.2 bis`` -> ``11-2bis``)."""
    token = num.strip().strip("().:;,")
    if token.isdigit():
        return token
    token = _BLANKS.sub("", token)
    token = _SEPARATORS.sub("-", token)
    return _DASHES.sub("-", token).strip("-")


def make_eid(prefix: str | None, element_name: str, number: str | None) -> str:
    return _joined_eid(prefix, element_ref(element_name), number)


def _joined_eid(prefix: str | None, ref: str, number: str | None) -> str:
    part = f"{ref}_{number}" if number else ref
    return f"{prefix}__{part}" if prefix else part


@dataclass(frozen=True)
class EidStep:
    ref: str
    number: str | None


def parse_eid(eid: str) -> list[EidStep]:
    """Split an eId into its steps (``art_1__para_2`` -> art 1, para 2)."""
    steps = []
    for piece in eid.split("__"):
        ref, sep, number = piece.partition("_")
        steps.append(EidStep(ref, number if sep else None))
    return steps


# Cyrillic letters that print like Roman numerals ("ІV" with a Cyrillic І).
_ROMAN_LOOKALIKES = str.maketrans({"І": "I", "Х": "X", "С": "C", "М": "M"})


def latin_roman(word: str) -> str:
    """``word`` with Cyrillic look-alikes of Roman numeral letters made Latin."""
    return word.translate(_ROMAN_LOOKALIKES)


def roman_to_int(text: str) -> int | None:
    """The value of an upper-case Roman numeral, or None when it is not one."""
    if not text or not _ROMAN_RE.match(text):
        return None
    total = 0
    for ch, nxt in zip(text, text[1:] + " ", strict=True):
        value = _ROMAN[ch]
        total += -value if nxt != " " and _ROMAN[nxt] > value else value
    return total


_LETTERED = re.compile(r"(\d+)([^\W\d_]+)")

# A number as a key (see number_key): one (class, value, letters) per piece.
NumberKey = tuple[tuple[int, int, str], ...]
# A unit's number path (the kinds and number keys of the unit and its
# ancestors, outermost first) is a chain of steps: the node reached by the
# steps before it (_ROOT at the act's body), the unit's kind and number key.
PathStep = tuple[int, str, NumberKey]


@dataclass(slots=True)
class MasterEids:
    """The master's eIds by number path: each step to the node it reaches
    (each path is looked up one short step at a time rather than as one long
    key), and the eId at each node (node 1 first), packed."""

    steps: dict[PathStep, int]
    eids: Strings

    def at(self, step: PathStep) -> tuple[int, str | None]:
        """The node ``step`` reaches and the master's eId there; (_NOWHERE, None) for none."""
        node = self.steps.get(step)
        return (_NOWHERE, None) if node is None else (node, self.eids.at(node - 1))


_ROOT = 0
_NOWHERE = -1   # below a step the master does not have: no step follows


@functools.lru_cache(maxsize=65536)
def number_key(num: str | None) -> NumberKey:
    """A language-neutral key of a number for alignment and ordering.

    Roman and Arabic numbers compare equal (``IV`` == ``4``); insertion suffixes
    sort after their base (``10`` < ``10-1`` < ``11``).
    """
    if num is None:
        return ()
    parts = []
    for piece in eid_number(num).split("-"):
        if piece.isdigit():
            parts.append((0, int(piece), ""))
        elif (lettered := _LETTERED.fullmatch(piece)) is not None:
            # An inserted unit: 23a sorts after 23 and before 24.
            parts += [(0, int(lettered.group(1)), ""), (1, 0, lettered.group(2).casefold())]
        elif (value := roman_to_int(piece)) is not None:
            parts.append((0, value, ""))
        else:
            parts.append((1, 0, piece.casefold()))
    return tuple(parts)


def assign_eids(act: Act) -> None:
    """Give every unit of ``act`` its eId (NC §5), in place.

    Parts, sections, chapters and articles numbered straight through the act get
    no prefix; where their numbers repeat (numbering restarts per part, say),
    their parent's eId becomes the prefix. Units below an article always take
    their parent's eId as prefix. Unnumbered units take their ordinal among
    siblings of the same kind.
    """
    _mods(act.preamble, None)
    _name_units(act.body, None, None, _repeated_kinds(act.body))
    # An attachment is a document of its own (NC §5.4.1: document classes are
    # contexts): its units are numbered in its scope, under the attachment's eId,
    # since the act's schema keeps eIds unique across the attachments too.
    for number, attachment in enumerate(act.attachments, start=1):
        scope = attachment_eid(number)
        _mods(attachment.doc.preamble, scope)
        _name_units(attachment.doc.body, scope, scope, _repeated_kinds(attachment.doc.body))


def _name_units(units: list[Unit], parent_eid: str | None, scope: str | None, repeats: set[str],
                quoted: bool = False) -> None:
    """The eIds of ``units`` (siblings) and of every unit below them."""
    ordinals: dict[str, int] = {}
    numbered: set[tuple[str, str]] | None = None    # worked out at the first unnumbered unit
    for unit in units:
        kind = unit.kind
        ordinal = ordinals[kind] = ordinals.get(kind, 0) + 1
        if unit.num:
            number = eid_number(unit.num)
        else:
            number = str(ordinal)
            if numbered is None:
                numbered = {(u.kind, eid_number(u.num)) for u in units if u.num}
            if (kind, number) in numbered:
                # An unnumbered unit beside numbered ones of its kind (a sentence
                # after the enacting formula, then "1.", "2."): its ordinal must
                # not take a printed number's eId.
                number = f"nn{number}"
        # Inside a quote every unit takes its parent's eId: the quote is
        # a context (NC §5.4.1), and its numbers are not the act's.
        through = not quoted and kind in _THROUGH_NUMBERED and kind not in repeats
        eid = unit.eid = _joined_eid(scope if through else parent_eid, _unit_ref(kind), number)
        if holds_quote(unit.intro) or (unit.wrapup and holds_quote(unit.wrapup)):
            _mods(unit.intro + unit.wrapup, eid)
        if unit.children:
            _name_units(unit.children, eid, scope, repeats, quoted)



def _mods(blocks: list[Block], owner_eid: str | None) -> None:
    """The eIds of the quotes of ``blocks`` and of the units they quote."""
    number = 0
    for block in blocks:
        if block.quote is None:
            continue
        number += 1
        block.quote.eid = make_eid(owner_eid, "mod", str(number))
        inside = quoted_eid(block.quote)
        _mods(block.quote.blocks, inside)
        _name_units(block.quote.units, inside, None, set(), quoted=True)


@functools.cache
def _unit_ref(kind: str) -> str:
    """The eId element_ref of a unit of ``kind`` (``article`` -> ``art``),
    worked out once a kind: every unit asks."""
    return element_ref(akn_element(kind))


def quoted_eid(quote: Quote) -> str:
    """The eId of what a mod quotes: ``..__mod_1__qstr_1`` or ``..__mod_1__qtext_1``."""
    name = "quotedText" if quote.words is not None else "quotedStructure"
    return make_eid(quote.eid, name, "1")


def _repeated_kinds(body: list[Unit]) -> set[str]:
    """Kinds of unit whose numbers repeat somewhere in ``body``."""
    seen: dict[str, set[str | None]] = {}
    repeated: set[str] = set()
    for unit in units_in_order(body):
        numbers = seen.get(unit.kind)
        if numbers is None:
            numbers = seen[unit.kind] = set()
        elif unit.num in numbers:
            repeated.add(unit.kind)
        numbers.add(unit.num)
    return repeated


def attachment_eid(number: int) -> str:
    """The eId of the ``number``-th attachment of an act (``att_1``)."""
    return make_eid(None, "attachment", str(number))


def assign_wids(act: Act, master: Act) -> None:
    """Give each unit of a translation the master expression's eId as wId (NC §5.5),
    where it differs from its own; units are matched by their number path."""
    assign_wids_from(act, eids_by_path(master))


def eids_by_path(master: Act) -> MasterEids:
    """The master's eIds by number path: all a translation needs of its master."""
    steps: dict[PathStep, int] = {}
    eids: list[str | None] = []     # by node, node 1 first
    _add_steps(master.body, _ROOT, steps, eids)
    for number, attachment in enumerate(master.attachments, start=1):
        step = _attachment_step(number)
        node = steps.get(step)
        if node is None:
            node = steps[step] = len(steps) + 1
            eids.append(None)   # the attachment is no unit: its step has no eId of its own
        _add_steps(attachment.doc.body, node, steps, eids)
    return MasterEids(steps, Strings.of(eids))


def _add_steps(units: list[Unit], parent: int, steps: dict[PathStep, int], eids: list[str | None]) -> None:
    """Add the steps of ``units`` (below the node ``parent``) and of every unit below them.

    The walks here call themselves at module level, never as closures: a
    closure that calls itself is a reference cycle, which would keep what it
    reaches until the cyclic collector runs (the build pauses it)."""
    for unit in units:
        step = (parent, unit.kind, number_key(unit.num))
        node = steps.get(step)
        if node is None:
            node = steps[step] = len(steps) + 1
            eids.append(unit.eid)
        else:
            # A path met again (two units numbered alike) keeps its node, so
            # that the units below both are found; the later unit's eId wins.
            eids[node - 1] = unit.eid
        if unit.children:
            _add_steps(unit.children, node, steps, eids)


def assign_wids_from(act: Act, master_eids: MasterEids) -> None:
    _give_wids(act.body, _ROOT, master_eids)
    for number, attachment in enumerate(act.attachments, start=1):
        _give_wids(attachment.doc.body, master_eids.at(_attachment_step(number))[0], master_eids)


def _give_wids(units: list[Unit], parent: int, master_eids: MasterEids) -> None:
    """The wIds of ``units`` (below the master's node ``parent``) and of every unit below them."""
    for unit in units:
        node, master_eid = master_eids.at((parent, unit.kind, number_key(unit.num)))
        unit.wid = master_eid if master_eid and master_eid != unit.eid else None
        if unit.children:
            _give_wids(unit.children, node, master_eids)


def _attachment_step(number: int) -> PathStep:
    """The first step of the number paths of the ``number``-th attachment's units."""
    return (_ROOT, "attachment", number_key(str(number)))


# --- FRBR IRIs -------------------------------------------------------------

def iso_date(date: _dt.date) -> str:
    return date.isoformat()


def iri_number(number: str) -> str:
    """The number component of an IRI: no slashes or blanks (``2/1`` -> ``2-1``)."""
    return eid_number(number) or "nn"


def work_iri(work: Work) -> str:
    parts = ["", "akn", work.country, work.doctype]
    if work.subtype:
        parts.append(work.subtype)
    parts += [iso_date(work.date), iri_number(work.number)]
    return "/".join(parts)


def act_work_iri(country: str, subtype: str | None, date: str, number: str | None) -> str:
    """The Work IRI of another act of ``country`` that a text names by its kind,
    ISO date and number (the act that amended or repealed this one):
    ``/akn/kz/act/law/2013-07-03/121-V``; ``nn`` stands for a number not given."""
    parts = ["", "akn", country, "act", *([subtype] if subtype else []), date, iri_number(number or "")]
    return "/".join(parts)


def expression_iri(work: Work, language: str, version: _dt.date | None) -> str:
    return f"{work_iri(work)}/{language}@{iso_date(version) if version else ''}"


def manifestation_iri(expression: str, fmt: str = "xml") -> str:
    return f"{expression}.{fmt}"


def with_component(iri: str, component: str = "main", fmt: str | None = None) -> str:
    """``FRBRthis`` form: the component goes before the format extension."""
    return f"{iri}/!{component}" + (f".{fmt}" if fmt else "")


_IRI_RE = re.compile(
    r"^/akn/(?P<country>[^/]+)/(?P<doctype>[^/]+)"
    r"(?:/(?P<subtype>[^/0-9][^/]*))?(?:/(?P<actor>[^/0-9][^/]*))?"
    r"/(?P<date>\d{4}(?:-\d{2}-\d{2})?)/(?P<number>[^/@:!~.]+)"
    r"(?:/(?P<language>[^/@:!~.]+)(?P<sep>[@:])(?P<version>[^/!~]*?))?"
    r"(?:/!(?P<component>[^/.~]+))?"
    r"(?:\.(?P<format>[A-Za-z0-9]+))?"
    r"(?:~(?P<portion>.+))?$"
)


@dataclass(frozen=True)
class FrbrIri:
    country: str
    doctype: str
    subtype: str | None
    actor: str | None
    date: str
    number: str
    language: str | None
    version: str | None
    virtual: bool
    component: str | None
    format: str | None
    portion: str | None

    @property
    def work(self) -> str:
        parts = ["", "akn", self.country, self.doctype]
        parts += [p for p in (self.subtype, self.actor) if p]
        return "/".join([*parts, self.date, self.number])


def parse_iri(iri: str) -> FrbrIri | None:
    """Parse an AKN IRI; None when it does not have the NC §4 shape."""
    # A portion may also be written after a slash: ``.../1/~art_5``.
    match = _IRI_RE.match(iri.replace("/~", "~", 1))
    if not match:
        return None
    g = match.groupdict()
    return FrbrIri(
        country=g["country"], doctype=g["doctype"], subtype=g["subtype"],
        actor=g["actor"], date=g["date"], number=g["number"],
        language=g["language"], version=g["version"], virtual=g["sep"] == ":",
        component=g["component"], format=g["format"], portion=g["portion"],
    )
