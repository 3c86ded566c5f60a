"""What both readings of a document share: the document as a whole (its
metadata through ``meta``), the preface, the units and their parts, the
notes, the signature block and the attachments. How an element's text is
taken, and which parts of the document are read at all, is each reading's
own (``comparing``, ``lossless``)."""

from __future__ import annotations

import dataclasses
from abc import abstractmethod
from dataclasses import dataclass, field
from typing import ClassVar

from aknkit.akn import ids
from aknkit.akn.read.labels import normalised_num
from aknkit.akn.read.meta import MetaReader, note_kind
from aknkit.akn.read.xmltext import (
    BLOCK_ELEMENTS,
    BODIES,
    EDGE_BLANKS,
    EDITORIAL_INLINE,
    HIERARCHY,
    LINE_BREAKS,
    PRINTED_BREAK,
    QUOTED,
    QUOTED_TAGS,
    Element,
    children,
    first_child,
    is_container,
    local_name,
    location,
    pieces,
    target,
    unwrapped,
)
from aknkit.akn.schema import AKN_NS
from aknkit.findings import WARNING, Finding
from aknkit.model import (
    ACT_REPEALED,
    NOTE_FOOTNOTE,
    STATUS_REMOVED,
    Act,
    Attachment,
    Block,
    ConclusionKind,
    ConclusionLine,
    MetaLine,
    Note,
    Quote,
    Span,
    TocEntry,
    Unit,
    UnitKind,
    UnitStatus,
    kind_named,
)

# Statuses of the schema's statusType that mean "no longer in force here".
_REMOVED_STATUSES = frozenset({UnitStatus.REMOVED, "temporarilyRemoved"})

# The parts of a unit that hold its own text, and the list of the unit each fills.
_TEXT_PARTS = {"content": "intro", "intro": "intro", "wrapUp": "wrapup"}


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


@dataclass
class _LooseText:
    """Where loose text of a unit goes: before its first child unit into its
    own text; after one, into an unnumbered container standing in its place."""

    unit: Unit
    file: str
    between: Unit | None = None

    def add(self, blocks: list[Block], notes: list[Note], where: Element) -> None:
        if not self.unit.children:
            self.unit.intro.extend(blocks)
            self.unit.notes.extend(notes)
        elif blocks or notes:
            if self.between is None:
                self.between = Unit("hcontainer", loc=location(self.file, where))
                self.unit.children.append(self.between)
            self.between.intro.extend(blocks)
            self.between.notes.extend(notes)

    def child(self, unit: Unit) -> None:
        self.unit.children.append(unit)
        self.between = None


@dataclass
class Reader(MetaReader):
    """One reading of one document; a subclass says how text is taken."""

    # Signature elements read so far: the lines of each carry its number.
    signatures_read: int = 0

    # The parts of the document read as its preface.
    PREFACES: ClassVar[frozenset[str]] = frozenset({"preface"})

    # --- what each reading decides -------------------------------------------------
    @abstractmethod
    def clean(self, text: str) -> str:
        """A piece of text as this reading keeps it."""

    @abstractmethod
    def blocks(self, container: Element | None) -> list[Block]:
        """The paragraphs of a content-like container, in document order."""

    @abstractmethod
    def written_note(self, element: Element) -> str:
        """The text of a note written in place (it is editorial, so ``text`` skips it)."""

    @abstractmethod
    def unit_parts(self, unit: Unit, element: Element, own: set[Element]) -> None:
        """The children of a unit's element into ``unit`` (``own``: its num and heading)."""

    @abstractmethod
    def body_units(self, body: Element) -> list[Unit]:
        """The units of a body element."""

    @abstractmethod
    def read_body(self, act: Act, document: Element, root: Element) -> None:
        """The document's main text into ``act.body``."""

    @abstractmethod
    def meta_line_of(self, p: Element, date_el: Element | None, number_el: Element | None) -> MetaLine:
        """The type/date/number line of the preface paragraph ``p``."""

    @abstractmethod
    def conclusion_line(self, block: Element) -> ConclusionLine:
        """A line of the signature block other than a signature."""

    def title_text(self, title: Element) -> str:
        """The act's title, from its docTitle (or shortTitle) element."""
        return self.text(title)

    def preface_rest(self, act: Act, preface: Element, head: list[Block] | None) -> None:
        """What else of the preface is read, besides the title and the type/date line."""

    def beside_signature(self, block: Element) -> list[ConclusionLine]:
        """Text beside a signature in its paragraph."""
        return []

    def stray_lines(self, conclusions: Element) -> list[ConclusionLine]:
        """Text written in the conclusions outside every paragraph."""
        return []

    def ref_notes(self, element: Element) -> list[Note]:
        """The notes a noteRef stands for: the note in <meta><notes> it points at."""
        eid = target(element.get("href"))
        if eid not in self.meta_notes:
            return []
        self.used_notes.add(eid)
        kind, text = self.meta_notes[eid]
        return [Note(note_kind(element.get("class")) or kind, text, location(self.file, element))]

    def finish(self, act: Act) -> None:
        """Last steps once everything else is read."""

    # --- the document ------------------------------------------------------------------
    def read(self, root: Element) -> AknDocument:
        warnings = []
        if self.namespace != AKN_NS:
            warnings.append(Finding(
                "R201", WARNING,
                f"namespace {self.namespace} is not Akoma Ntoso 3.0 ({AKN_NS}); "
                "read as far as it matches 3.0",
                file=self.file, line=root.sourceline))
        document = next(children(root), None)
        if document is None:
            self.fail("<akomaNtoso> is empty; expected a document element such as <act>",
                      root, "R102")
        meta, identification, frbr_work = self.identification(document)
        self.read_references(meta)
        self.read_meta_notes(meta)
        work, work_iri = self.work(frbr_work, document)
        expression = self.expression(identification)
        if expression.master and (parsed := ids.parse_iri(expression.master)) and parsed.language:
            work = dataclasses.replace(work, master_language=parsed.language)
        act = Act(language=expression.language, source=self.file, work=work)
        act.expression_date = expression.date
        self.proprietary(act, meta)
        self.read_text(act, document, root, frbr_work)
        self.read_history(act, meta)
        if self.repealed(meta):
            act.status = ACT_REPEALED
        self.finish(act)
        return AknDocument(act, work_iri, expression.iri, expression.master, self.namespace, warnings,
                           self.manifestation_iri(identification))

    def read_text(self, act: Act, document: Element, root: Element, frbr_work: Element) -> None:
        """Everything of the act that is not metadata: preface, preamble, body,
        signature block and attachments."""
        for preface in children(document):
            if local_name(preface) in self.PREFACES:
                self.preface(act, preface)
        if act.title is None:
            # A text printed without a title line: the Work's title from its metadata.
            alias = next((el for el in children(frbr_work, "FRBRalias") if el.get("name") == "title"), None)
            act.short_title = alias.get("value") if alias is not None else None
        self.preamble(act, document)
        self.read_body(act, document, root)
        conclusions = first_child(document, "conclusions")
        if conclusions is not None:
            self.conclusions(act, conclusions)
        self.parties(act, conclusions)
        attachments = first_child(document, "attachments")
        if attachments is not None:
            act.attachments = [self.attachment(el, act.language) for el in children(attachments, "attachment")]

    # --- notes -------------------------------------------------------------------------
    def notes(self, element: Element) -> list[Note]:
        """Editorial notes inside ``element``, in document order: authorial notes
        and remarks written in place, and the notes its noteRefs point at."""
        notes = []
        # A quoted unit's notes are its own, not those of the unit quoting it.
        quotes = [q for q in element.iter(QUOTED_TAGS) if q is not element]
        for el in element.iter():
            name = local_name(el)
            if quotes and any(a in quotes for a in el.iterancestors()):
                continue
            if name in ("authorialNote", "remark"):
                text = self.written_note(el)
                if text:
                    notes.append(Note(NOTE_FOOTNOTE, text, location(self.file, el)))
            elif name == "noteRef":
                notes += self.ref_notes(el)
        return notes

    # --- preface and preamble -------------------------------------------------------
    def preface(self, act: Act, preface: Element, head: list[Block] | None = None) -> None:
        """Title and type/date/number line, and what else the reading keeps of
        the preface (for an attachment, the lines before its title go to ``head``)."""
        if head is not None:
            for p in children(preface, "p"):
                if self.text(p):
                    head.append(Block(self.text(p), location(self.file, p)))
        title = next((e for e in preface.iter() if local_name(e) in ("docTitle", "shortTitle")), None)
        if act.title is None and title is not None and self.text(title):
            act.title = Block(self.title_text(title), location(self.file, title))
        act.meta_line = act.meta_line or self.meta_line(preface)
        act.notes.extend(self.notes(preface))
        for toc in children(preface, "toc"):
            act.toc += [TocEntry(self.text(item), location(self.file, item))
                        for item in toc.iter() if local_name(item) == "tocItem"]
        self.preface_rest(act, preface, head)

    def meta_line(self, preface: Element) -> MetaLine | None:
        """The preface paragraph carrying the document's date or number, if any."""
        for p in preface.iter():
            if local_name(p) != "p":
                continue
            date_el = next((e for e in p.iter() if local_name(e) == "docDate"), None)
            number_el = next((e for e in p.iter() if local_name(e) == "docNumber"), None)
            if date_el is not None or number_el is not None:
                return self.meta_line_of(p, date_el, number_el)
        return None

    def preamble(self, act: Act, document: Element) -> None:
        preamble = first_child(document, "preamble")
        if preamble is not None:
            act.preamble = self.blocks(preamble)
            act.preamble_notes = self.notes(preamble)

    # --- units ---------------------------------------------------------------------------
    def unit(self, element: Element) -> Unit:
        num_el = first_child(element, "num")
        heading_el = first_child(element, "heading")
        label = self.text(num_el) if num_el is not None else None
        status = element.get("status")
        unit = Unit(
            kind=kind_named(UnitKind, local_name(element)),
            num=normalised_num(label) if label else None,
            label=label or None,
            heading=Block(self.text(heading_el), location(self.file, heading_el))
            if heading_el is not None and self.text(heading_el) else None,
            loc=location(self.file, element),
            status=STATUS_REMOVED if status in _REMOVED_STATUSES else status,
            eid=element.get("eId") or element.get("id"),
            wid=element.get("wId") or element.get("evolvingId"),
        )
        self.unit_parts(unit, element, {el for el in (num_el, heading_el) if el is not None})
        return unit

    def read_parts(self, unit: Unit, element: Element, own: set[Element], loose: bool) -> None:
        """Each child of a unit's element, by what it is: a unit, the unit's own
        text, its num or heading (``own``: their notes), or - when ``loose`` -
        any other text (a subheading, a speaker's name, stray characters), which
        introduces the units after it or stands between them in its place."""
        spill = _LooseText(unit, self.file)
        if loose:
            spill.add(self.stray(element.text, element), [], element)
        for child in element:
            name = local_name(child)
            if name in HIERARCHY or (loose and is_container(child)):
                spill.child(self.unit(child))
            elif name in _TEXT_PARTS:
                getattr(unit, _TEXT_PARTS[name]).extend(self.blocks(child))
                unit.notes.extend(self.notes(child))
            elif child in own:
                unit.notes.extend(self.notes(child))
            elif loose and name and name != "meta":
                spill.add(self.blocks(child), self.notes(child), child)
            if loose:
                spill.add(self.stray(child.tail, element), [], element)

    def stray(self, text: str | None, element: Element) -> list[Block]:
        """Text written directly in a container, outside any paragraph."""
        text = unwrapped(text or "")
        return [Block(text, location(self.file, element))] if text else []

    def quoted_block(self, p: Element) -> Block | None:
        """A paragraph holding an amending instruction (``mod``) with what it
        quotes: the words before the quote, the quote, what follows it."""
        mod = first_child(p, "mod")
        quoted = None if mod is None else next((c for c in mod if local_name(c) in QUOTED), None)
        if mod is None or quoted is None:
            return None
        before = [p.text or "", *_text_before(p, mod), mod.text or "", *_text_before(mod, quoted)]
        after = [quoted.tail or "", *_text_after(quoted), mod.tail or "", *_text_after(mod)]
        start = quoted.get("startQuote") or ""
        quote = Quote(start, quoted.get("endQuote") or start, tail=PRINTED_BREAK.sub(" ", "".join(after)),
                      loc=location(self.file, quoted), eid=mod.get("eId"))
        text = PRINTED_BREAK.sub(" ", "".join(before))
        if local_name(quoted) == "quotedText":
            quote.words = PRINTED_BREAK.sub(" ", "".join(pieces(quoted)))
        else:
            holder = Unit("hcontainer")
            self.read_parts(holder, quoted, set(), loose=True)
            quote.blocks, quote.units = holder.intro, holder.children
            text = text.rstrip(EDGE_BLANKS)
        return Block(text.lstrip(EDGE_BLANKS), location(self.file, p), quote)

    # --- the signature block ----------------------------------------------------------
    def conclusions(self, act: Act, conclusions: Element) -> None:
        lines: list[ConclusionLine] = []
        # Paragraphs, and signatures written outside one.
        blocks = [el for el in conclusions.iter() if local_name(el) in BLOCK_ELEMENTS or (
            local_name(el) == "signature" and not any(local_name(a) in BLOCK_ELEMENTS for a in el.iterancestors()))]
        for block in blocks:
            signatures = [s for s in block.iter() if local_name(s) == "signature"]
            for signature in signatures:
                lines += self.signature_lines(signature)
            if not signatures:
                lines.append(self.conclusion_line(block))
            elif local_name(block) != "signature":
                lines += self.beside_signature(block)
        lines += self.stray_lines(conclusions)
        act.conclusions = [line for line in lines if line.text]

    def signature_lines(self, signature: Element) -> list[ConclusionLine]:
        """A signature as the lines it was printed on: role lines (split at line
        breaks), then the signers' names; each line knows its signature."""
        parts = [""]
        names: list[str] = []
        self.signature_pieces(signature, parts, names)
        self.signatures_read += 1
        loc, number = location(self.file, signature), self.signatures_read
        lines = [ConclusionLine(ConclusionKind.ROLE, text, loc, {"role": Span(0, len(text), text)}, number)
                 for text in map(self.clean, parts) if text]
        lines += [ConclusionLine(ConclusionKind.SIGNER, name, loc, {"name": Span(0, len(name), name)}, number)
                  for name in names if name]
        return lines

    def signature_pieces(self, node: Element, parts: list[str], names: list[str]) -> None:
        """Add the text of ``node`` (in a signature) to ``parts``, a new part at
        each line break, and the names of the people it names to ``names``."""
        if node.text:
            parts[-1] += node.text
        for child in node:
            name = local_name(child)
            if name in LINE_BREAKS:
                parts.append("")
                self.signature_pieces(child, parts, names)  # a break holds no text, unless it is written wrongly
            elif name == "person":
                names.append(self.text(child))
            elif name not in EDITORIAL_INLINE:
                self.signature_pieces(child, parts, names)
            if child.tail:
                parts[-1] += child.tail

    def parties(self, act: Act, conclusions: Element | None) -> None:
        """The signatory and the place: the TLC entries the conclusions refer to,
        or the document's only ones."""
        people = [el for el in conclusions.iter() if local_name(el) in ("person", "role", "location")] \
            if conclusions is not None else []
        person = next((el for el in people if local_name(el) == "person"), None)
        role = next((el for el in people if local_name(el) == "role"), None)
        place = next((el for el in people if local_name(el) == "location"), None)
        person_id = target(person.get("refersTo")) if person is not None else self.first("TLCPerson")
        role_id = (target(person.get("as")) if person is not None else None) \
            or (target(role.get("refersTo")) if role is not None else None) or self.only("TLCRole")
        act.signatory = self.party(person_id, role_id)
        act.place = self.party(target(place.get("refersTo")) if place is not None else self.first("TLCLocation"))

    # --- attachments -------------------------------------------------------------------
    def attachment(self, element: Element, language: str) -> Attachment:
        """An attachment's document: its heading lines and title (preface),
        preamble, body and signature, read like the act's own."""
        document = next((el for el in children(element) if local_name(el) not in ("num", "heading", "subheading")),
                        element)
        doc = Act(language=language, source=self.file)
        head: list[Block] = []
        for preface in children(document, "preface"):
            self.preface(doc, preface, head)
        if doc.title is not None:
            head = [block for block in head if block.text != doc.title.text]
        self.preamble(doc, document)
        for part in children(document):
            if local_name(part) in BODIES:
                doc.body += self.body_units(part)
        conclusions = first_child(document, "conclusions")
        if conclusions is not None:
            self.conclusions(doc, conclusions)
        return Attachment(doc, head, location(self.file, element))


def _text_before(parent: Element, child: Element) -> list[str]:
    """The text pieces of ``parent``'s children before ``child``, with their tails."""
    found = []
    for sibling in parent:
        if sibling is child:
            break
        found += [*pieces(sibling), sibling.tail or ""]
    return found


def _text_after(child: Element) -> list[str]:
    """The text pieces of the siblings after ``child``, with their tails."""
    found = []
    for sibling in child.itersiblings():
        found += [*pieces(sibling), sibling.tail or ""]
    return found
