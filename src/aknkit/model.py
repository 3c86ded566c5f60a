"""The internal model of a legislative act: the hub every reader and writer meets at.

Readers (the text parser, the AKN reader) only build these objects; writers
(the AKN emitter, unparse, render) and checks (diff) only read them. Nothing in
this module knows about any language, text layout or XML vocabulary.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from aknkit.findings import Finding


class UnitKind(StrEnum):
    """Kinds of hierarchy unit, from the outside in. The values are the AKN
    element names so a reader and a writer agree without a mapping table."""

    PART = "part"
    SECTION = "section"
    SUBSECTION = "subsection"
    CHAPTER = "chapter"
    SUBCHAPTER = "subchapter"
    ARTICLE = "article"
    PARAGRAPH = "paragraph"
    SUBPARAGRAPH = "subparagraph"
    POINT = "point"
    ITEM = "item"
    INDENT = "indent"


class NoteKind(StrEnum):
    """Kinds of editorial material. Editorial notes are not law text; normative
    notes ("Примечание.", "Note.") are, and live in the unit's content instead."""

    FOOTNOTE = "footnote"              # amendment history: "Сноска.", "Ескерту.", "Footnote."
    SERVICE = "service"                # institute notes: "Примечание ИЗПИ!", "Note of the RCLI!"
    NOTICE = "notice"                  # notices to users
    SOURCE_COMMENT = "source-comment"  # '#' comment lines at the top of a source file


class UnitStatus(StrEnum):
    """Unit.status: a unit excluded from the act ("Исключена", "алынып тасталды",
    "excluded"), as its AKN @status value."""

    REMOVED = "removed"


class ActStatus(StrEnum):
    """Act.status of an act no longer in force (a status line or a repeal clause)."""

    REPEALED = "repealed"


class EnvelopeKind(StrEnum):
    """Lines of the publication's envelope that are not law text."""

    STATUS = "status"            # "New", "Жаңа"
    TRANSLATION = "translation"  # "Unofficial translation"
    TOC = "toc"                  # "ОГЛАВЛЕНИЕ"
    EDITION = "edition"
    ISSUER = "issuer"            # "ИМЕНЕМ РЕСПУБЛИКИ КАЗАХСТАН"
    PREFACE = "preface"          # another paragraph of an AKN preface, kept as written


class ConclusionKind(StrEnum):
    """Lines of the signature block."""

    ROLE = "role"          # possibly with the signer's name at its end
    SIGNER = "signer"
    PLACE_DATE = "place-date"
    NUMBER = "number"
    TEXT = "text"


class InlineKind(StrEnum):
    """What an inline mark of a paragraph is; the values are the AKN element names."""

    REF = "ref"     # a reference: value is its href ("#art_5", "/akn/kz/act/law/...")
    RANGE = "rref"  # a range of units ("статьями 5-7"): value is its first ("#art_5"), ``to`` its last
    DATE = "date"   # a date: value is its ISO date ("2013-07-03")


_Kind = TypeVar("_Kind", bound=StrEnum)


def kind_named(kinds: type[_Kind], name: str) -> _Kind | str:
    """The member of ``kinds`` whose value is ``name`` (an AKN element name or
    attribute value), or ``name`` itself when the model has no such kind: a
    document of another producer keeps its own names ("clause", "hcontainer")."""
    try:
        return kinds(name)
    except ValueError:
        return name


@dataclass(frozen=True, slots=True)
class Location:
    """Where a node came from: a file (path as given) and a 1-based line."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True, slots=True)
class Span:
    """A marked-up piece of a line: characters ``start:end`` and what they mean.

    ``value`` is the normalised meaning (an ISO date, an act number, ...).
    """

    start: int
    end: int
    value: str


@dataclass(slots=True)
class Block:
    """One paragraph of running text (an AKN ``<p>``), exactly as printed.

    A paragraph that gives new wording ("... изложить в следующей редакции:")
    carries it in ``quote``; ``text`` is then what comes before the quote.
    """

    text: str
    loc: Location | None = None
    quote: Quote | None = None
    # References and dates marked in ``text``: by the document it was read
    # from, or by text.semantics in a parsed text. Markup on the same words:
    # two paragraphs of the same text compare equal.
    inline: list[Inline] = field(default_factory=list, compare=False)


def holds_quote(blocks: list[Block]) -> bool:
    """Whether one of ``blocks`` quotes new wording (asked of every unit's
    paragraphs: a loop, not a generator, as most hold one paragraph)."""
    for block in blocks:  # noqa: SIM110
        if block.quote is not None:
            return True
    return False


@dataclass(frozen=True, slots=True)
class Inline:
    """A reference or a date marked in a paragraph: characters ``start:end`` of
    its text, and what it points at or means (``value``; a range's last unit
    in ``to``). A date may lie inside a reference (the date of the act it
    names); marks never overlap otherwise."""

    kind: str
    start: int
    end: int
    value: str
    to: str | None = None


@dataclass(slots=True)
class Quote:
    """New wording quoted by an amending instruction (an AKN ``mod``).

    Words within one line are ``words`` (AKN ``quotedText``); anything longer
    is a structure (AKN ``quotedStructure``): running text (``blocks``) and
    units with their own numbers and kinds, which are not the act's units.
    ``tail`` is what follows the closing quote on its line (";", ".").
    """

    start: str
    end: str
    words: str | None = None
    blocks: list[Block] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    tail: str = ""
    loc: Location | None = None
    eid: str | None = None   # the mod's eId


NOTE_FOOTNOTE = NoteKind.FOOTNOTE
NOTE_SERVICE = NoteKind.SERVICE
NOTE_NOTICE = NoteKind.NOTICE
NOTE_SOURCE_COMMENT = NoteKind.SOURCE_COMMENT


@dataclass(slots=True)
class Note:
    """Editorial material attached to the act or to one unit. A note read from
    Akoma Ntoso keeps a class the model has no kind for as it is."""

    kind: NoteKind | str
    text: str
    loc: Location | None = None


STATUS_REMOVED = UnitStatus.REMOVED
UNIT_KINDS = tuple(UnitKind)


class AmendmentKind(StrEnum):
    """What an amending act did to the act or to one of its units, as a footnote
    records it. The values are the AKN ``textualMod/@type`` values, so a reader
    and a writer agree without a mapping table."""

    SUBSTITUTION = "substitution"  # amended: "с изменениями", "өзгерістер енгізілді", "as amended"
    REPLACEMENT = "replacement"    # new wording: "в редакции", "жаңа редакцияда", "in the wording of"
    INSERTION = "insertion"        # supplemented: "дополнена", "толықтырылды", "supplemented"
    REPEAL = "repeal"              # excluded: "исключена", "алып тасталды", "excluded"


@dataclass(frozen=True, slots=True)
class Amendment:
    """One change an amending act made, as the footnote (or an excluded unit's
    text) names it: "Статья 5 с изменениями, внесенными Законом РК от
    03.07.2013 № 121-V".

    It belongs to what holds it (a unit, the act as a whole, its preamble).
    ``date`` is the amending act's ISO date, ``number`` its number as printed,
    ``subtype`` its kind in its IRI ("law", "code"; None when the profile does
    not know the words), ``text`` the words naming it ("Законом РК от
    03.07.2013 № 121-V"). A source of another producer that names no act by
    an IRI is kept as written in ``source``, with no date or number.
    """

    kind: AmendmentKind
    date: str | None
    number: str | None
    subtype: str | None = None
    text: str = ""
    loc: Location | None = None
    source: str | None = None


@dataclass(slots=True)
class Unit:
    """A numbered (or unnumbered) unit of the hierarchy.

    ``num`` is the number as a normalised string ("1", "10-1", "I", "а"),
    ``label`` the number as printed ("1-бап.", "Статья 10-1.", "1)").
    ``intro`` holds the running text before the children; a unit without
    children keeps its whole text there. ``wrapup`` holds text after the children.
    A unit read from Akoma Ntoso whose element the model has no kind for
    ("clause", "hcontainer") keeps the element's name as its kind, and any
    @status other than a removal as it is.
    """

    kind: UnitKind | str
    num: str | None = None
    label: str | None = None
    heading: Block | None = None
    intro: list[Block] = field(default_factory=list)
    children: list[Unit] = field(default_factory=list)
    wrapup: list[Block] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    loc: Location | None = None
    status: UnitStatus | str | None = None  # UnitStatus.REMOVED for excluded units (AKN @status)
    eid: str | None = None
    wid: str | None = None
    history: list[Amendment] = field(default_factory=list)  # the changes its footnotes record

    def walk(self) -> Iterator[Unit]:
        """This unit and all units below it, in document order."""
        return iter(units_in_order([self]))


def units_in_order(units: list[Unit]) -> list[Unit]:
    """``units`` and every unit below them, in document order, as a list.

    The passes over a whole act (eIds, checks, references) take this list
    rather than walk the tree level by level: one call per unit that has
    children, none per leaf, and no generator to resume per unit.
    """
    found: list[Unit] = []
    _gather(units, found)
    return found


def _gather(level: list[Unit], found: list[Unit]) -> None:
    """Add ``level`` and every unit below it to ``found``, in document order.

    A function of its own, not a closure that calls itself: such a closure is
    a reference cycle, and would keep ``found`` and every unit in it until the
    cyclic collector runs (the build pauses it)."""
    for unit in level:
        found.append(unit)
        if unit.children:
            _gather(unit.children, found)


@dataclass(frozen=True, slots=True)
class Party:
    """A person or organisation named in the act (an AKN TLC entry)."""

    id: str
    name: str
    role_id: str | None = None
    role_name: str | None = None


@dataclass(frozen=True, slots=True)
class Work:
    """Facts of the Work, the same for every language version."""

    country: str
    doctype: str
    date: _dt.date
    number: str
    subtype: str | None = None
    author: Party | None = None
    master_language: str | None = None


@dataclass(slots=True)
class Repeal:
    """The clause of a repealed act's type/date line naming the act that repealed it
    ("Утратил силу Кодексом РК от 3 июля 2014 года № 226-V").

    Spans index ``MetaLine.text``; ``date.value`` is an ISO date, ``number.value``
    the number as printed, ``subtype`` the repealing act's kind ("code") or None
    when the profile does not know the word.
    """

    clause: Span
    date: Span
    number: Span | None = None
    subtype: str | None = None


@dataclass(slots=True)
class MetaLine:
    """The type/date/number line under the title, with what was found in it."""

    text: str
    loc: Location | None = None
    doc_type: Span | None = None
    date: Span | None = None
    number: Span | None = None
    repeal: Repeal | None = None


@dataclass(slots=True)
class TocEntry:
    """A line of the contents block printed before the text ("Статья 1. Понятия").

    ``kind`` and ``num`` name the unit it lists when the line reads as a label.
    """

    text: str
    loc: Location | None = None
    kind: UnitKind | None = None
    num: str | None = None


ACT_REPEALED = ActStatus.REPEALED


@dataclass(slots=True)
class EnvelopeLine:
    """A line of the publication's envelope that is not law text.

    ``kind`` is an :class:`EnvelopeKind`; a line read from aknkit's metadata
    in Akoma Ntoso keeps a kind the model does not know as it is.
    """

    kind: EnvelopeKind | str
    text: str
    loc: Location | None = None


@dataclass(slots=True)
class ConclusionLine:
    """A line of the signature block.

    ``kind`` is a :class:`ConclusionKind`. ``spans`` marks the name, place, date or
    number inside ``text``, keyed by what they are. ``signature`` numbers the
    signature element a line was read from, in a source that marks each
    signature (Akoma Ntoso); a plain text does not, and leaves it None.
    """

    kind: ConclusionKind
    text: str
    loc: Location | None = None
    spans: dict[str, Span] = field(default_factory=dict)
    signature: int | None = None


# Kinds of conclusion line that belong to a signature.
SIGNING_KINDS = frozenset({ConclusionKind.ROLE, ConclusionKind.SIGNER})


@dataclass(slots=True)
class Signature:
    """One signature of the signature block (an AKN ``<signature>``): its role
    lines, then its signers' names, as consecutive conclusion lines."""

    lines: list[ConclusionLine]

    @property
    def roles(self) -> list[str]:
        """The role as printed, one entry per line ("Президент", "Республики Казахстан")."""
        return [line.spans["role"].value if "role" in line.spans else line.text
                for line in self.lines if line.kind == ConclusionKind.ROLE]

    @property
    def names(self) -> list[str]:
        """The signers' names, in order."""
        return [line.spans["name"].value for line in self.lines if "name" in line.spans]


def _starts_signature(previous: ConclusionLine, line: ConclusionLine) -> bool:
    """Whether ``line`` (a role or signer line) begins another signature than
    the one ``previous`` belongs to.

    A source that marks signatures says so itself. In a plain text a role line
    after a line that names a signer begins the next signature: "Президент ...
    Н. НАЗАРБАЕВ" then "Председатель ..." are two signers.
    """
    if previous.kind not in SIGNING_KINDS or previous.signature != line.signature:
        return True
    return line.kind == ConclusionKind.ROLE and "name" in previous.spans


def signature_block(lines: list[ConclusionLine]) -> list[Signature | ConclusionLine]:
    """The signature block in the pieces every writer keeps apart: each
    signature, and each other line (place and date, number, text) alone."""
    parts: list[Signature | ConclusionLine] = []
    current: Signature | None = None   # the signature the previous line belongs to
    for index, line in enumerate(lines):
        if line.kind not in SIGNING_KINDS:
            parts.append(line)
            current = None
        elif current is not None and not _starts_signature(lines[index - 1], line):
            current.lines.append(line)
        else:
            current = Signature([line])
            parts.append(current)
    return parts


@dataclass(slots=True)
class Act:
    """One language version of an act."""

    language: str
    source: str
    title: Block | None = None
    meta_line: MetaLine | None = None
    envelope: list[EnvelopeLine] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    preamble: list[Block] = field(default_factory=list)
    preamble_notes: list[Note] = field(default_factory=list)
    body: list[Unit] = field(default_factory=list)
    conclusions: list[ConclusionLine] = field(default_factory=list)
    work: Work | None = None
    signatory: Party | None = None
    place: Party | None = None
    expression_date: _dt.date | None = None
    extra_facts: dict[str, str] = field(default_factory=dict)
    toc: list[TocEntry] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    # The title when the text has none (act.toml's [title]): metadata only.
    short_title: str | None = None
    status: ActStatus | None = None   # ActStatus.REPEALED, or None for an act in force
    # The changes the footnotes on the title (the act as a whole) and on the
    # preamble record; a unit's own are on the unit.
    history: list[Amendment] = field(default_factory=list)
    preamble_history: list[Amendment] = field(default_factory=list)

    # Warnings about the text that did not stop the reading (lines that look
    # like labels, numbering gaps): aknkit.findings.Finding records.
    warnings: list[Finding] = field(default_factory=list)

    @property
    def repeal(self) -> Repeal | None:
        return self.meta_line.repeal if self.meta_line is not None else None

    def work_facts(self) -> Work:
        """The Work facts, which an act read from a source folder (act.toml) or
        from Akoma Ntoso always has; ValueError for an act parsed from a text alone."""
        if self.work is None:
            raise ValueError(f"{self.source}: no Work facts (country, date, number); "
                             "expected an act read from a source folder with act.toml")
        return self.work

    def signature_block(self) -> list[Signature | ConclusionLine]:
        """The conclusions as signatures and other lines (:func:`signature_block`)."""
        return signature_block(self.conclusions)

    def units(self) -> Iterator[Unit]:
        """Every unit of the body, in document order."""
        return iter(units_in_order(self.body))

    def unit_list(self) -> list[Unit]:
        """Every unit of the body, in document order, as a list (:func:`units_in_order`)."""
        return units_in_order(self.body)

    def articles(self) -> list[Unit]:
        return [u for u in self.units() if u.kind == UnitKind.ARTICLE]


@dataclass(slots=True)
class Attachment:
    """A document printed after the act's signature: a ratified treaty, rules
    approved by the act, an annex, a draft. ``head`` holds the lines that
    introduce it ("Утверждены / постановлением ..."); ``doc`` is its own
    title, preamble, body and signature, read by the same grammar as the act."""

    doc: Act
    head: list[Block] = field(default_factory=list)
    loc: Location | None = None
