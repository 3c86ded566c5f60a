"""Any Akoma Ntoso document, ours or another producer's, read back into the model.

Reads the 3.0 namespace, and the 2.0 and pre-release 3.0 namespaces with a
warning, so that documents from other producers can be compared with ours.
What is read: the Work facts (FRBRWork, with its author), the language, date
and master expression (FRBRExpression), the title, the preface's type/date/
number line, the preamble, every hierarchy unit with its num, heading, text
blocks, eId/wId and source line, the conclusions (signature lines, place,
date, number), the signatory and place (TLC references), editorial notes
(``<meta><notes>`` through their ``noteRef``s, authorial notes, remarks), and
aknkit's own publication lines and facts (``<proprietary>``). Editorial
material is kept apart from the law text.

Two ways of reading text: by default white space is collapsed as a reader
sees it (for comparing versions); ``lossless=True`` keeps every text exactly as
written (only pretty-printing line breaks become spaces) and reads every text
of the document, whatever its tags, so that it can be written out again
(``unparse``, ``render``, re-emission).

Nothing here prints. Input that cannot be read raises :class:`AknReadError`,
which names the file, the line and what was expected.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from dataclasses import dataclass, field

from aknkit.akn import ids
from aknkit.findings import WARNING, Finding, finding
from aknkit.model import (
    Act, Attachment, Block, ConclusionLine, EnvelopeLine, Location, MetaLine, Note, NOTE_FOOTNOTE, Party,
    Quote, STATUS_REMOVED, Span, TocEntry, Unit, Work, ACT_REPEALED,
)
from aknkit.akn.safexml import XMLInputError, parse_bytes, read_bounded
from aknkit.akn.schema import AKN2_NS, AKN_NS, AKNKIT_NS, TOOL_ID

# Pre-release drafts of 3.0 used namespaces below this one (".../3.0/CSD13").
_AKN3_DRAFT_PREFIX = AKN_NS + "/"

# The legislative hierarchy of the schema (group ANhier) plus the generic container.
HIERARCHY = frozenset({
    "clause", "section", "part", "paragraph", "chapter", "title", "article", "book",
    "tome", "division", "list", "point", "indent", "alinea", "rule", "subrule",
    "proviso", "subsection", "subpart", "subparagraph", "subchapter", "subtitle",
    "subdivision", "subclause", "sublist", "level", "transitional", "hcontainer",
})

# The main text of each document type.
BODIES = ("body", "mainBody", "debateBody", "judgmentBody", "amendmentBody", "portionBody",
          "collectionBody")

# Inline elements that carry editorial material, not law text.
_EDITORIAL_INLINE = frozenset({"authorialNote", "remark", "noteRef"})

# Elements whose text is one paragraph of running text.
_BLOCK_ELEMENTS = frozenset({"p", "listIntroduction", "listWrapUp"})

# Children of a unit that are the unit's own parts, not units or loose text.
_UNIT_PARTS = frozenset({"num", "heading", "content", "intro", "wrapUp"})

# A child with one of these is a container of text, whatever its tag (lossless reading).
_CONTAINER_MARKS = frozenset({"num", "heading", "subheading", "content", "intro", "wrapUp"}) | _BLOCK_ELEMENTS

# What an amending instruction (mod) quotes: a structure or words.
_QUOTED = frozenset({"quotedStructure", "quotedText"})
_QUOTED_TAGS = ("{*}quotedStructure", "{*}quotedText")

# Empty elements that stand for a line break inside running text.
_LINE_BREAKS = frozenset({"eol", "eop", "br"})

# Statuses of the schema's statusType that mean "no longer in force here".
_REMOVED_STATUSES = frozenset({"removed", "temporarilyRemoved"})

# A number, and the letters of an inserted unit after it ("10-1", "11.2 bis",
# "Art. 23 a", "23a"): a single letter counts when no other letter follows it.
_ARABIC = re.compile(r"\d+(?:[-.]\d+)*(?:\s*(?:bis|ter|quater|[^\W\d_](?![^\W\d_])))?")
_ROMAN = re.compile(r"(?<!\w)[IVXLCDMІХСМ]+(?!\w)")
_LETTER = re.compile(r"^\(?([^\W\d_])\)?[.)]?$")
# Line breaks with the indentation around them: pretty-printing, not text.
_PRINTED_BREAK = re.compile(r"[ \t]*[\r\n][ \t\r\n]*")
_EDGE_BLANKS = " \t\r\n"


class AknReadError(Exception):
    """A document that cannot be read as Akoma Ntoso, with where and why."""

    def __init__(self, file: str, message: str, line: int | None = None,
                 column: int | None = None, *, code: str):
        super().__init__(message)
        self.file = file
        self.message = message
        self.line = line
        self.column = column
        self.code = code

    def as_finding(self) -> Finding:
        """The same problem as a coded finding, with the registry's severity."""
        return finding(self.code, self.message, self.file, self.line, self.column)

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return f"{where}: {self.message}"


@dataclass
class AknDocument:
    """One document read back: the act, its FRBR identity, and reading warnings."""

    act: Act
    work_iri: str
    expression_iri: str | None = None
    master_expression: str | None = None
    namespace: str = AKN_NS
    warnings: list[Finding] = field(default_factory=list)
    manifestation_iri: str | None = None


# --- small helpers -----------------------------------------------------------

def _local(element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""  # comments and processing instructions
    return tag.rsplit("}", 1)[-1]


def _children(element, name: str | None = None):
    for child in element:
        local = _local(child)
        if local and (name is None or local == name):
            yield child


def _child(element, name: str):
    return next(_children(element, name), None)


def _clean(text: str) -> str:
    """Whitespace as a reader sees it: runs collapsed, ends trimmed."""
    return " ".join(text.split())


def _unwrapped(text: str) -> str:
    """Text exactly as written, but for line breaks of pretty-printing (and the
    indentation around them), which become one space; ends trimmed."""
    return _PRINTED_BREAK.sub(" ", text).strip(_EDGE_BLANKS)


def _pieces(element, breaks: bool = False, skip: frozenset = frozenset()) -> list[str]:
    """The text pieces of ``element`` in order, without editorial inline material
    (nor elements named in ``skip``); a line-break element gives a space when ``breaks``."""
    parts: list[str] = []

    def visit(node) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            name = _local(child)
            if name not in _EDITORIAL_INLINE and name not in skip:
                if breaks and name in _LINE_BREAKS:
                    parts.append(" ")
                visit(child)
            if child.tail:
                parts.append(child.tail)

    if _local(element) not in _EDITORIAL_INLINE:
        visit(element)
    return parts


def _text(element) -> str:
    """The text of ``element`` without editorial inline material, collapsed."""
    return _clean("".join(_pieces(element)))


def _exact_text(element) -> str:
    """The text of ``element`` without editorial inline material, as written."""
    return _unwrapped("".join(_pieces(element, breaks=True)))


def _marked_text(element, marks: frozenset[str]) -> tuple[str, dict[str, tuple[int, int, object]]]:
    """The exact text of ``element`` and where the first element of each name in
    ``marks`` sits in it: name -> (start, end, element)."""
    parts: list[str] = []
    found: dict[str, tuple[int, int, object]] = {}
    size = 0

    def add(text: str) -> None:
        nonlocal size
        text = _PRINTED_BREAK.sub(" ", text)
        parts.append(text)
        size += len(text)

    def visit(node) -> None:
        if node.text:
            add(node.text)
        for child in node:
            name = _local(child)
            if name not in _EDITORIAL_INLINE:
                start = size
                visit(child)
                if name in marks and name not in found:
                    found[name] = (start, size, child)
            if child.tail:
                add(child.tail)

    visit(element)
    joined = "".join(parts)
    lead = len(joined) - len(joined.lstrip(_EDGE_BLANKS))
    text = joined.strip(_EDGE_BLANKS)
    spans = {}
    for name, (start, end, child) in found.items():
        start, end = max(0, start - lead), max(0, end - lead)
        piece = text[start:end]
        # The marked element's own edges may hold blanks the line does not.
        start += len(piece) - len(piece.lstrip(_EDGE_BLANKS))
        end -= len(piece) - len(piece.rstrip(_EDGE_BLANKS))
        spans[name] = (start, max(start, min(end, len(text))), child)
    return text, spans


def _is_container(element) -> bool:
    """Whether an element holds units or text blocks of its own: a hierarchy unit,
    or any other element (debateSection, speech, tblock, ...) with a num, heading
    or paragraphs inside."""
    name = _local(element)
    if name in HIERARCHY:
        return True
    if not name or name == "meta" or name in _UNIT_PARTS or name in _BLOCK_ELEMENTS \
            or name in _EDITORIAL_INLINE:
        return False
    return any(_local(child) in _CONTAINER_MARKS or _is_container(child) for child in element)


def normalised_num(printed: str) -> str | None:
    """The number inside a printed ``<num>``: ``Article 10-1.`` -> ``10-1``,
    ``Глава ІV`` -> ``IV``, ``а)`` -> ``а``; None when there is none."""
    text = printed.strip()
    if not text:
        return None
    if match := _ARABIC.search(text):
        return re.sub(r"\s+", "", match.group(0))
    for match in _ROMAN.finditer(text):
        candidate = ids.latin_roman(match.group(0))
        if ids.roman_to_int(candidate) is not None:
            return candidate
    if match := _LETTER.match(text):
        return match.group(1)
    return ids.eid_number(text) or None


def _location(file: str, element) -> Location:
    return Location(file, element.sourceline or 0)


def _iso_date(text: str | None) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _target(href: str | None) -> str | None:
    """The id a local reference points at: ``#note_1`` -> ``note_1``."""
    return href[1:] if href and href.startswith("#") and len(href) > 1 else None


# --- the reader ----------------------------------------------------------------

@dataclass
class _Reader:
    file: str
    namespace: str
    lossless: bool = False
    # eId -> (kind, text) of the editorial notes in <meta><notes>
    meta_notes: dict[str, tuple[str, str]] = field(default_factory=dict)
    used_notes: set[str] = field(default_factory=set)
    # eId -> (TLC element name, showAs) of the references in <meta><references>
    references: dict[str, tuple[str, str]] = field(default_factory=dict)

    def fail(self, message: str, element, code: str):
        line = element.sourceline if element is not None else None
        raise AknReadError(self.file, message, line, code=code)

    def text(self, element) -> str:
        return _exact_text(element) if self.lossless else _text(element)

    def blocks(self, container) -> list[Block]:
        """The paragraphs of a content-like container, in document order."""
        if container is None:
            return []
        if self.lossless:
            return self.every_block(container)
        paragraphs = [el for el in container.iter() if _local(el) in _BLOCK_ELEMENTS
                      and not any(_local(a) in _EDITORIAL_INLINE or _local(a) in _QUOTED
                                  for a in el.iterancestors())]
        if not paragraphs:
            text = self.text(container)
            return [Block(text, _location(self.file, container))] if text else []
        blocks = []
        for p in paragraphs:
            quoted = self.quoted_block(p)
            if quoted is not None:
                blocks.append(quoted)
                continue
            text = self.text(p)
            if text:
                blocks.append(Block(text, _location(self.file, p)))
        return blocks

    def quoted_block(self, p) -> Block | None:
        """A paragraph holding an amending instruction (``mod``) with what it
        quotes: the words before the quote, the quote, what follows it."""
        mod = _child(p, "mod")
        quoted = None if mod is None else next((c for c in mod if _local(c) in _QUOTED), None)
        if quoted is None:
            return None
        before = [p.text or ""]
        for child in p:
            if child is mod:
                break
            before += _pieces(child) + [child.tail or ""]
        before.append(mod.text or "")
        for child in mod:
            if child is quoted:
                break
            before += _pieces(child) + [child.tail or ""]
        after = [quoted.tail or ""]
        for child in quoted.itersiblings():
            after += _pieces(child) + [child.tail or ""]
        after.append(mod.tail or "")
        for child in mod.itersiblings():
            after += _pieces(child) + [child.tail or ""]
        start = quoted.get("startQuote") or ""
        quote = Quote(start, quoted.get("endQuote") or start, tail=_PRINTED_BREAK.sub(" ", "".join(after)),
                      loc=_location(self.file, quoted), eid=mod.get("eId"))
        text = _PRINTED_BREAK.sub(" ", "".join(before))
        if _local(quoted) == "quotedText":
            quote.words = _PRINTED_BREAK.sub(" ", "".join(_pieces(quoted)))
        else:
            holder = Unit("hcontainer")
            self.lossless_parts(holder, quoted)
            quote.blocks, quote.units = holder.intro, holder.children
            text = text.rstrip(_EDGE_BLANKS)
        return Block(text.lstrip(_EDGE_BLANKS), _location(self.file, p), quote)

    def every_block(self, container, skip: frozenset = frozenset()) -> list[Block]:
        """Lossless paragraphs: every paragraph, and every text outside one (a
        list item's number goes in front of its first paragraph), in order."""
        found: list[Block] = []
        number: list[str] = []

        def add(text: str, element) -> None:
            if number:
                text = f"{number.pop()} {text}".strip()
            if text:
                found.append(Block(text, _location(self.file, element)))

        def visit(element) -> None:
            quoted = self.quoted_block(element) if _local(element) == "p" else None
            if quoted is not None:
                if number:
                    quoted.text = f"{number.pop()} {quoted.text}".strip()
                found.append(quoted)
                return
            if _local(element) in _BLOCK_ELEMENTS or not any(
                    _local(d) in _BLOCK_ELEMENTS for d in element.iterdescendants()):
                add(self.text(element), element)
                return
            if element.text and element.text.strip():
                add(_unwrapped(element.text), element)
            for child in element:
                name = _local(child)
                if name == "num":
                    number[:] = [self.text(child)]
                elif name and name not in _EDITORIAL_INLINE and name not in skip:
                    visit(child)
                if child.tail and child.tail.strip():
                    add(_unwrapped(child.tail), element)
            if number:
                add("", element)

        visit(container)
        return found

    def notes(self, element) -> list[Note]:
        """Editorial notes inside ``element``, in document order: authorial notes
        and remarks written in place, and the notes its noteRefs point at."""
        notes = []
        # A quoted unit's notes are its own, not those of the unit quoting it.
        quotes = [q for q in element.iter(_QUOTED_TAGS) if q is not element]
        for el in element.iter():
            name = _local(el)
            if quotes and any(a in quotes for a in el.iterancestors()):
                continue
            if name in ("authorialNote", "remark"):
                text = self.written_note(el)
                if text:
                    notes.append(Note(NOTE_FOOTNOTE, text, _location(self.file, el)))
            elif name == "noteRef":
                if (note := self.note_ref(el)) is not None:
                    notes.append(note)
                # A reference that holds text itself (not what AKN writes) keeps it as a note.
                if self.lossless and (text := _unwrapped("".join(el.itertext()))):
                    notes.append(Note(el.get("class") or NOTE_FOOTNOTE, text, _location(self.file, el)))
        return notes

    def written_note(self, element) -> str:
        """The text of a note written in place (it is editorial, so ``text`` skips it)."""
        if not self.lossless:
            return _clean("".join(element.itertext()))
        paragraphs = [self.text(p) for p in element.iter() if _local(p) in _BLOCK_ELEMENTS]
        return " ".join(t for t in paragraphs if t) or _unwrapped("".join(element.itertext()))

    def note_ref(self, element) -> Note | None:
        eid = _target(element.get("href"))
        if eid not in self.meta_notes:
            return None
        self.used_notes.add(eid)
        kind, text = self.meta_notes[eid]
        return Note(element.get("class") or kind, text, _location(self.file, element))

    def read_meta_notes(self, meta) -> None:
        for notes in _children(meta, "notes"):
            for note in _children(notes, None if self.lossless else "note"):
                eid = note.get("eId") or note.get("id")
                paragraphs = [self.text(p) for p in note.iter() if _local(p) in _BLOCK_ELEMENTS]
                text = " ".join(t for t in paragraphs if t) or self.text(note)
                if eid and text:
                    self.meta_notes[eid] = (note.get("class") or NOTE_FOOTNOTE, text)

    def read_references(self, meta) -> None:
        for references in _children(meta, "references"):
            for entry in _children(references):
                eid = entry.get("eId") or entry.get("id")
                if eid:
                    self.references.setdefault(eid, (_local(entry), entry.get("showAs") or eid))

    def unit(self, element) -> Unit:
        kind = _local(element)
        num_el = _child(element, "num")
        heading_el = _child(element, "heading")
        label = self.text(num_el) if num_el is not None else None
        status = element.get("status")
        unit = Unit(
            kind=kind,
            num=normalised_num(label) if label else None,
            label=label or None,
            heading=Block(self.text(heading_el), _location(self.file, heading_el))
            if heading_el is not None and self.text(heading_el) else None,
            loc=_location(self.file, element),
            status=STATUS_REMOVED if status in _REMOVED_STATUSES else status,
            eid=element.get("eId") or element.get("id"),
            wid=element.get("wId") or element.get("evolvingId"),
        )
        if self.lossless:
            self.lossless_parts(unit, element, {num_el, heading_el} - {None})
            return unit
        for child in _children(element):
            name = _local(child)
            if name in HIERARCHY:
                unit.children.append(self.unit(child))
            elif name in ("content", "intro"):
                unit.intro.extend(self.blocks(child))
                unit.notes.extend(self.notes(child))
            elif name == "wrapUp":
                unit.wrapup.extend(self.blocks(child))
                unit.notes.extend(self.notes(child))
            elif name in ("num", "heading"):
                unit.notes.extend(self.notes(child))
        return unit

    def lossless_parts(self, unit: Unit, element, own: set = frozenset()) -> None:
        """Every child of a unit, whatever its tag: units, the unit's own text,
        and loose text (a subheading, a speaker's name, stray characters),
        which introduces the children before them and otherwise stands between
        them as an unnumbered container, in its place."""
        between: list[Unit] = []  # the container of loose text after the last unit, if any

        def loose(blocks: list[Block], notes: list[Note], where) -> None:
            if not unit.children:
                unit.intro.extend(blocks)
                unit.notes.extend(notes)
            elif blocks or notes:
                if not between:
                    between.append(Unit("hcontainer", loc=_location(self.file, where)))
                    unit.children.append(between[0])
                between[0].intro.extend(blocks)
                between[0].notes.extend(notes)

        loose(self.stray(element.text, element), [], element)
        for child in element:
            name = _local(child)
            if name in HIERARCHY or _is_container(child):
                unit.children.append(self.unit(child))
                between.clear()
            elif name in ("content", "intro"):
                unit.intro.extend(self.blocks(child))
                unit.notes.extend(self.notes(child))
            elif name == "wrapUp":
                unit.wrapup.extend(self.blocks(child))
                unit.notes.extend(self.notes(child))
            elif child in own:
                unit.notes.extend(self.notes(child))
            elif name and name != "meta":
                loose(self.blocks(child), self.notes(child), child)
            loose(self.stray(child.tail, element), [], element)

    def stray(self, text: str | None, element) -> list[Block]:
        """Text written directly in a container, outside any paragraph."""
        text = _unwrapped(text or "")
        return [Block(text, _location(self.file, element))] if text else []

    def units(self, container) -> list[Unit]:
        """The units of a body; in lossless reading loose text between them
        becomes an unnumbered generic container (``hcontainer``)."""
        holder = Unit("hcontainer")
        self.lossless_parts(holder, container)
        # The body's own text before its first unit is loose text as well.
        if holder.intro or holder.notes:
            first = Unit("hcontainer", intro=holder.intro, notes=holder.notes, loc=_location(self.file, container))
            return [first] + holder.children
        return holder.children

    def work(self, frbr_work, document) -> tuple[Work, str]:
        def value(name: str, attribute: str = "value") -> str | None:
            el = _child(frbr_work, name)
            return el.get(attribute) if el is not None else None

        iri_text = value("FRBRuri") or value("FRBRthis")
        iri = ids.parse_iri(iri_text) if iri_text else None
        date_text = value("FRBRdate", "date") or (iri.date if iri else None)
        if not date_text:
            self.fail("FRBRWork has no FRBRdate/@date; expected the date of the Work "
                      "(YYYY-MM-DD)", frbr_work, "R104")
        try:
            date = _dt.date.fromisoformat(date_text)
        except ValueError:
            date_el = _child(frbr_work, "FRBRdate")
            self.fail(f"FRBRdate/@date {date_text!r} is not a date; expected YYYY-MM-DD",
                      date_el if date_el is not None else frbr_work, "R104")
        country = value("FRBRcountry") or (iri.country if iri else None)
        if not country:
            self.fail("FRBRWork has no FRBRcountry/@value; expected a country code such "
                      "as 'kz'", frbr_work, "R103")
        # The emitter names the document after its subtype, or its type when it
        # has none: a name equal to the type is no subtype.
        name = document.get("name")
        if self.lossless and name == _local(document):
            name = None
        work = Work(
            country=country,
            doctype=_local(document),
            date=date,
            number=value("FRBRnumber") or (iri.number if iri else None)
            or value("FRBRname") or "nn",
            subtype=value("FRBRsubtype") or name or (iri.subtype if iri else None),
            author=self.party(_target(value("FRBRauthor", "href"))),
        )
        work_iri = iri.work if iri else ids.work_iri(work)
        return work, work_iri

    def party(self, eid: str | None, role_id: str | None = None) -> Party | None:
        """The TLC entry ``eid`` as a party; aknkit itself is no party of the act."""
        if not eid or eid == TOOL_ID or eid not in self.references:
            return None
        role = self.references.get(role_id or "")
        return Party(eid, self.references[eid][1], role_id if role else None, role[1] if role else None)

    def meta_line(self, preface) -> MetaLine | None:
        """The preface paragraph carrying the document's date or number, if any."""
        if preface is None:
            return None
        for p in preface.iter():
            if _local(p) != "p":
                continue
            date_el = next((e for e in p.iter() if _local(e) == "docDate"), None)
            number_el = next((e for e in p.iter() if _local(e) == "docNumber"), None)
            if date_el is None and number_el is None:
                continue
            if self.lossless:
                return self.exact_meta_line(p)
            text = _text(p)
            line = MetaLine(text, _location(self.file, p))
            if date_el is not None and date_el.get("date"):
                line.date = _span_of(text, _text(date_el), date_el.get("date"))
            if number_el is not None:
                number = _text(number_el)
                line.number = _span_of(text, number, normalised_number(number))
            return line
        return None

    def exact_meta_line(self, p) -> MetaLine:
        text, marks = _marked_text(p, frozenset({"docType", "docDate", "docNumber"}))
        line = MetaLine(text, _location(self.file, p))
        if "docType" in marks:
            start, end, _ = marks["docType"]
            line.doc_type = Span(start, end, text[start:end])
        if "docDate" in marks:
            start, end, element = marks["docDate"]
            line.date = Span(start, end, element.get("date") or "")
        if "docNumber" in marks:
            start, end, _ = marks["docNumber"]
            line.number = Span(start, end, normalised_number(text[start:end]))
        return line

    def preface(self, act: Act, preface, head: list[Block] | None = None) -> None:
        """Title and type/date/number line; in lossless reading every other
        paragraph of the preface too, as envelope lines (for an attachment, the
        lines before its title go to ``head``)."""
        if head is not None:
            for p in _children(preface, "p"):
                if self.text(p):
                    head.append(Block(self.text(p), _location(self.file, p)))
        title = next((e for e in preface.iter() if _local(e) in ("docTitle", "shortTitle")), None)
        if act.title is None and title is not None and self.text(title):
            holder = next((a for a in title.iterancestors() if _local(a) == "p"), None)
            # A title written inside a sentence keeps its sentence in lossless reading.
            text = self.text(holder) if self.lossless and holder is not None else self.text(title)
            act.title = Block(text, _location(self.file, title))
        act.meta_line = act.meta_line or self.meta_line(preface)
        act.notes.extend(self.notes(preface))
        for toc in _children(preface, "toc"):
            act.toc += [TocEntry(self.text(item), _location(self.file, item))
                        for item in toc.iter() if _local(item) == "tocItem"]
        if not self.lossless:
            return
        for block in self.every_block(preface, skip=frozenset({"toc"})):
            if act.meta_line is not None and block.text == act.meta_line.text:
                continue
            if act.title is None and not head:
                act.title = block
            elif act.title is None or block.text != act.title.text:
                act.envelope.append(EnvelopeLine("preface", block.text, block.loc))

    def proprietary(self, act: Act, meta) -> None:
        """aknkit's publication lines and extra facts."""
        for proprietary in _children(meta, "proprietary"):
            for el in proprietary.iter(f"{{{AKNKIT_NS}}}line", f"{{{AKNKIT_NS}}}fact"):
                if el.tag.endswith("}line"):
                    text = self.text(el)
                    if text:
                        act.envelope.append(EnvelopeLine(el.get("kind") or "status", text,
                                                         _location(self.file, el)))
                elif el.get("name"):
                    act.extra_facts[el.get("name")] = el.text or ""

    def conclusions(self, act: Act, conclusions) -> None:
        lines: list[ConclusionLine] = []
        # Paragraphs, and signatures written outside one.
        blocks = [el for el in conclusions.iter() if _local(el) in _BLOCK_ELEMENTS or (
            _local(el) == "signature" and not any(_local(a) in _BLOCK_ELEMENTS for a in el.iterancestors()))]
        for block in blocks:
            signatures = [s for s in block.iter() if _local(s) == "signature"]
            for signature in signatures:
                lines += self.signature_lines(signature)
            if not signatures:
                lines.append(self.conclusion_line(block))
            elif self.lossless and _local(block) != "signature":
                # Text beside a signature in its paragraph.
                outside = _unwrapped("".join(_pieces(block, breaks=True, skip=frozenset({"signature"}))))
                if outside:
                    lines.append(ConclusionLine("text", outside, _location(self.file, block)))
        if self.lossless:
            strays = [conclusions.text] + [child.tail for child in conclusions]
            lines += [ConclusionLine("text", block.text, block.loc)
                      for text in strays for block in self.stray(text, conclusions)]
        act.conclusions = [line for line in lines if line.text]

    def parties(self, act: Act, conclusions) -> None:
        """The signatory and the place: the TLC entries the conclusions refer to,
        or the document's only ones."""
        people = [el for el in conclusions.iter() if _local(el) in ("person", "role", "location")] \
            if conclusions is not None else []
        person = next((el for el in people if _local(el) == "person"), None)
        role = next((el for el in people if _local(el) == "role"), None)
        place = next((el for el in people if _local(el) == "location"), None)
        person_id = _target(person.get("refersTo")) if person is not None else self.first("TLCPerson")
        role_id = (_target(person.get("as")) if person is not None else None) \
            or (_target(role.get("refersTo")) if role is not None else None) or self.only("TLCRole")
        act.signatory = self.party(person_id, role_id)
        act.place = self.party(_target(place.get("refersTo")) if place is not None else self.first("TLCLocation"))

    def first(self, tag: str) -> str | None:
        return next((eid for eid, (name, _) in self.references.items() if name == tag), None)

    def only(self, tag: str) -> str | None:
        found = [eid for eid, (name, _) in self.references.items() if name == tag]
        return found[0] if len(found) == 1 else None

    def signature_lines(self, signature) -> list[ConclusionLine]:
        """A signature as the lines it was printed on: role lines (split at line
        breaks), then the signers' names."""
        parts = [""]
        names: list[str] = []

        def visit(node) -> None:
            if node.text:
                parts[-1] += node.text
            for child in node:
                name = _local(child)
                if name in _LINE_BREAKS:
                    parts.append("")
                    visit(child)  # a break holds no text, unless it is written wrongly
                elif name == "person":
                    names.append(self.text(child))
                elif name not in _EDITORIAL_INLINE:
                    visit(child)
                if child.tail:
                    parts[-1] += child.tail

        visit(signature)
        loc = _location(self.file, signature)
        clean = _unwrapped if self.lossless else _clean
        lines = [ConclusionLine("role", text, loc, {"role": Span(0, len(text), text)})
                 for text in map(clean, parts) if text]
        lines += [ConclusionLine("signer", name, loc, {"name": Span(0, len(name), name)})
                  for name in names if name]
        return lines

    def conclusion_line(self, block) -> ConclusionLine:
        if not self.lossless:
            return ConclusionLine("text", _text(block), _location(self.file, block))
        text, marks = _marked_text(block, frozenset({"location", "date", "docNumber"}))
        spans = {}
        if "location" in marks:
            start, end, _ = marks["location"]
            spans["place"] = Span(start, end, text[start:end])
        if "date" in marks:
            start, end, element = marks["date"]
            spans["date"] = Span(start, end, element.get("date") or "")
        if "docNumber" in marks:
            start, end, _ = marks["docNumber"]
            spans["number"] = Span(start, end, text[start:end])
        kind = "place-date" if "date" in spans else "number" if "number" in spans else "text"
        return ConclusionLine(kind, text, _location(self.file, block), spans)

    def read(self, root) -> AknDocument:
        warnings = []
        if self.namespace != AKN_NS:
            warnings.append(Finding(
                "R201", WARNING,
                f"namespace {self.namespace} is not Akoma Ntoso 3.0 ({AKN_NS}); "
                "read as far as it matches 3.0",
                file=self.file, line=root.sourceline))
        document = next(_children(root), None)
        if document is None:
            self.fail("<akomaNtoso> is empty; expected a document element such as <act>",
                      root, "R102")
        meta = _child(document, "meta")
        identification = _child(meta, "identification") if meta is not None else None
        frbr_work = _child(identification, "FRBRWork") if identification is not None else None
        if frbr_work is None:
            self.fail(f"<{_local(document)}> has no meta/identification/FRBRWork; expected "
                      "the Work's FRBR identification", document, "R103")
        self.read_references(meta)
        self.read_meta_notes(meta)
        work, work_iri = self.work(frbr_work, document)

        expression = _child(identification, "FRBRExpression")
        language_el = _child(expression, "FRBRlanguage") if expression is not None else None
        expression_iri = None
        if expression is not None:
            for name in ("FRBRuri", "FRBRthis"):
                uri = _child(expression, name)
                if uri is not None and uri.get("value"):
                    expression_iri = uri.get("value")
                    break
        language = language_el.get("language") if language_el is not None else None
        if not language and expression_iri and (parsed := ids.parse_iri(expression_iri)):
            language = parsed.language
        if not language:
            self.fail("FRBRExpression has no FRBRlanguage/@language; expected the "
                      "language of this version (e.g. 'eng')",
                      expression if expression is not None else identification, "R105")
        master_el = _child(expression, "FRBRmasterExpression") if expression is not None else None
        master = master_el.get("href") if master_el is not None else None
        if master and (parsed_master := ids.parse_iri(master)) and parsed_master.language:
            work = dataclasses.replace(work, master_language=parsed_master.language)

        act = Act(language=language, source=self.file, work=work)
        expression_date = _child(expression, "FRBRdate") if expression is not None else None
        act.expression_date = _iso_date(expression_date.get("date")) if expression_date is not None else None
        self.proprietary(act, meta)
        for preface in _children(document):
            if _local(preface) == "preface" or (self.lossless and _local(preface) in ("coverPage", "header")):
                self.preface(act, preface)
        if act.title is None:
            # A text printed without a title line: the Work's title from its metadata.
            alias = next((el for el in _children(frbr_work, "FRBRalias") if el.get("name") == "title"), None)
            act.short_title = alias.get("value") if alias is not None else None
        preamble = _child(document, "preamble")
        if preamble is not None:
            act.preamble = self.blocks(preamble)
            act.preamble_notes = self.notes(preamble)
        # An element without children is false in lxml, hence the explicit tests.
        body = _child(document, "body")
        if body is None:
            body = _child(document, "mainBody")
        if self.lossless:
            for part in _children(document):
                if _local(part) not in ("meta", "preface", "coverPage", "header", "preamble", "conclusions",
                                        "attachments"):
                    act.body += self.units(part) if _local(part) in BODIES else self.units_of_part(part)
            # Another document in the same file, and text written outside every
            # part of the document, are text too.
            for extra in _children(root):
                if extra is not document:
                    act.body += self.units_of_part(extra)
            strays = [root.text, document.text, document.tail] + [child.tail for child in document] \
                + [child.tail for child in root if child is not document]
            blocks = [block for text in strays for block in self.stray(text, document)]
            if blocks:
                act.body.append(Unit("hcontainer", intro=blocks, loc=_location(self.file, document)))
        elif body is not None:
            act.body = [self.unit(el) for el in _children(body) if _local(el) in HIERARCHY]
        conclusions = _child(document, "conclusions")
        if conclusions is not None:
            self.conclusions(act, conclusions)
        self.parties(act, conclusions)
        attachments = _child(document, "attachments")
        if attachments is not None:
            act.attachments = [self.attachment(el, language) for el in _children(attachments, "attachment")]
        if self.repealed(meta):
            act.status = ACT_REPEALED
        if self.lossless:
            # Notes no text refers to are still text of the document.
            act.notes += [Note(kind, text) for eid, (kind, text) in self.meta_notes.items()
                          if eid not in self.used_notes]
        manifestation = _child(identification, "FRBRManifestation")
        uri = next((el.get("value") for name in ("FRBRuri", "FRBRthis")
                    for el in ([_child(manifestation, name)] if manifestation is not None else [])
                    if el is not None and el.get("value")), None)
        return AknDocument(act, work_iri, expression_iri, master, self.namespace, warnings, uri)

    def repealed(self, meta) -> bool:
        """Whether the act's lifecycle has a repeal event, or aknkit marked it repealed."""
        if meta is None:
            return False
        events = [el for el in meta.iter() if _local(el) == "eventRef" and el.get("type") == "repeal"]
        marked = [el for el in meta.iter(f"{{{AKNKIT_NS}}}publication") if el.get("status") == ACT_REPEALED]
        return bool(events or marked)

    def attachment(self, element, language: str) -> Attachment:
        """An attachment's document: its heading lines and title (preface),
        preamble, body and signature, read like the act's own."""
        document = next((el for el in _children(element) if _local(el) not in ("num", "heading", "subheading")),
                        element)
        doc = Act(language=language, source=self.file)
        head: list[Block] = []
        for preface in _children(document, "preface"):
            self.preface(doc, preface, head)
        if doc.title is not None:
            head = [block for block in head if block.text != doc.title.text]
        preamble = _child(document, "preamble")
        if preamble is not None:
            doc.preamble = self.blocks(preamble)
            doc.preamble_notes = self.notes(preamble)
        for part in _children(document):
            if _local(part) in BODIES:
                doc.body += self.units(part) if self.lossless else \
                    [self.unit(el) for el in _children(part) if _local(el) in HIERARCHY]
        conclusions = _child(document, "conclusions")
        if conclusions is not None:
            self.conclusions(doc, conclusions)
        return Attachment(doc, head, _location(self.file, element))

    def units_of_part(self, part) -> list[Unit]:
        """A part of the document beside the body (attachments, components): one
        container, so its text is kept."""
        return [self.unit(part)] if _is_container(part) else self.units(part)


def normalised_number(printed: str) -> str:
    """An act number as the IRI writes it: ``N 1007-XII`` -> ``1007-XII``."""
    token = re.sub(r"^(?:No\.?|N|№)\s*", "", printed.strip())
    return ids.iri_number(token)


def _span_of(text: str, piece: str, value: str) -> Span:
    start = text.find(piece) if piece else -1
    if start < 0:
        return Span(0, 0, value)
    return Span(start, start + len(piece), value)


def _namespace_of(root) -> str:
    tag = root.tag if isinstance(root.tag, str) else ""
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def read_akn_bytes(data: bytes, file: str, lossless: bool = False) -> AknDocument:
    """Read one Akoma Ntoso document from ``data``; ``file`` names it in messages.

    ``lossless`` keeps every text as written and reads every part of the
    document (see the module's description)."""
    return read_akn_tree(_parsed_root(data, file), file, lossless)


def _parsed_root(data: bytes, file: str):
    """``data`` parsed safely; AknReadError when it is no well-formed XML."""
    try:
        return parse_bytes(data).getroot()
    except XMLInputError as exc:
        raise AknReadError(file, exc.message, exc.line, exc.column, code=exc.code) from None


def parse_akn_file(path: str):
    """The root element of the file at ``path``, parsed safely, for callers
    that read the XML besides the model; AknReadError when the file cannot be
    read or parsed."""
    try:
        data = read_bounded(path)
    except XMLInputError as exc:
        raise AknReadError(path, exc.message, code=exc.code) from None
    except OSError as exc:
        raise AknReadError(path, f"cannot read the file: {exc.strerror or exc}",
                           code="AKN005") from None
    return _parsed_root(data, path)


def read_akn_tree(root, file: str, lossless: bool = False) -> AknDocument:
    """Read one Akoma Ntoso document already parsed (safely) into ``root``, for
    callers that look at the XML too and should not parse it twice."""
    namespace = _namespace_of(root)
    known = namespace in (AKN_NS, AKN2_NS) or namespace.startswith(_AKN3_DRAFT_PREFIX)
    if _local(root) != "akomaNtoso" or not known:
        found = f"<{_local(root)}>" + (f" in namespace {namespace}" if namespace else
                                        " in no namespace")
        raise AknReadError(
            file, f"root element is {found}; expected <akomaNtoso> in the Akoma Ntoso "
            f"3.0 namespace {AKN_NS}", root.sourceline,
            code="AKN012" if known else "AKN011")
    return _Reader(file, namespace, lossless).read(root)


def read_akn(path: str, lossless: bool = False) -> AknDocument:
    """Read one Akoma Ntoso file. Unreadable files raise :class:`AknReadError`."""
    return read_akn_tree(parse_akn_file(path), path, lossless)
