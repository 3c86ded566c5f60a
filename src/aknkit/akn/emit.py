"""The model -> Akoma Ntoso 3.0 XML (lxml).

The emitter only reads the model. It never consults the clock or the
environment, so the same model always gives byte-identical XML.
"""

from __future__ import annotations

import tempfile
from typing import BinaryIO

from lxml import etree

from aknkit.akn import history
from aknkit.akn.ids import (
    akn_element,
    attachment_eid,
    expression_iri,
    iso_date,
    make_eid,
    manifestation_iri,
    number_key,
    quoted_eid,
    with_component,
    work_iri,
)
from aknkit.akn.schema import AKNKIT_NS, TOOL_ID
from aknkit.akn.xmlout import (
    Attributes,
    E,
    Marked,
    TextWriter,
    TreeWriter,
    Writer,
    append_text,
    hole,
    marked_up,
    serialise,
    sub,
    write_around,
    write_document,
)
from aknkit.model import (
    Act,
    Attachment,
    Block,
    ConclusionLine,
    Inline,
    InlineKind,
    Note,
    Party,
    Quote,
    Repeal,
    Signature,
    Span,
    TocEntry,
    Unit,
    UnitKind,
)
from aknkit.version import __version__

__all__ = ["EmitError", "serialise", "to_akn", "write_akn", "write_document"]

# Outermost first: the contents block's levels follow the units' ranks.
# The units of the body stand at this depth: akomaNtoso > act > body > unit.
_UNIT_DEPTH = 3

_RANKS: dict[str, int] = {kind: rank for rank, kind in enumerate(
    (UnitKind.PART, UnitKind.SECTION, UnitKind.SUBSECTION, UnitKind.CHAPTER, UnitKind.SUBCHAPTER, UnitKind.ARTICLE,
     UnitKind.PARAGRAPH, UnitKind.POINT, UnitKind.ITEM))}


class EmitError(Exception):
    """The model lacks something the AKN document needs (e.g. Work facts)."""


class _Emitter:
    """Builds one document; holds the running note counter."""

    def __init__(self, act: Act):
        if act.work is None:
            raise EmitError(f"{act.source}: no Work facts (country, date, number); "
                            "parse it from a source folder with act.toml")
        self.act = act
        self.work = act.work
        self.master_language = self.work.master_language or act.language
        self.notes: list[tuple[str, Note]] = []
        self.inline_counts: dict[tuple[str | None, str], int] = {}

    def inline_eid(self, name: str, owner: str | None = None) -> str:
        """eId of an inline element: its ordinal in the text of the unit
        ``owner`` names, with that eId as prefix (``art_8__ref_2``), or outside
        any unit its ordinal in the document (``ref_1``)."""
        count = self.inline_counts[owner, name] = self.inline_counts.get((owner, name), 0) + 1
        return make_eid(owner, name, str(count))

    def marked(self, mark: Inline, owner: str | None) -> Marked:
        """The inline element of one mark: ``date``, ``ref`` or ``rref``."""
        span = Span(mark.start, mark.end, mark.value)
        if mark.kind == InlineKind.DATE:
            return span, "date", {"date": mark.value}
        eid = self.inline_eid(str(mark.kind), owner)
        if mark.kind == InlineKind.RANGE:
            return span, "rref", {"eId": eid, "from": mark.value, "upTo": mark.to}
        return span, "ref", {"eId": eid, "href": mark.value}

    # identifiers ---------------------------------------------------------------
    def expression(self, language: str) -> str:
        return expression_iri(self.work, language, self.act.expression_date or self.work.date)

    def note_refs(self, out: Writer, notes: list[Note]) -> None:
        """References to ``notes`` in the open element, each after a space; the notes are listed in <meta>."""
        for note in notes:
            eid = f"note_{len(self.notes) + 1}"
            self.notes.append((eid, note))
            out.text(" ")
            out.leaf("noteRef", {"href": f"#{eid}", "marker": str(len(self.notes)), "class": note.kind})

    def text_element(self, out: Writer, name: str, attrib: Attributes | None, text: str | None,
                     notes: list[Note]) -> None:
        """An element of running text: ``text``, then references to ``notes``, each after a space."""
        if not notes:
            out.leaf(name, attrib, text)
            return
        out.open(name, attrib)
        if text is not None:
            out.text(text)
        self.note_refs(out, notes)
        out.close()

    # document --------------------------------------------------------------
    def document(self) -> etree._ElementTree:
        preface = self.preface()
        preamble = self.preamble()
        body = E("body")
        out = TreeWriter(body)
        for unit in self.act.body:
            self.unit(out, unit)
        return self.assembled(preface, preamble, body)

    def write(self, stream: BinaryIO) -> None:
        """Write the document to ``stream``, the body unit by unit: each unit's
        elements are written, then dropped. <meta> comes first in the file but
        holds the notes found in the body, so the units wait in a spool file."""
        preface = self.preface()
        preamble = self.preamble()
        with tempfile.TemporaryFile() as spool:
            if not self.write_units(spool):
                write_document(self.assembled(preface, preamble, E("body")), stream)
                return
            write_around(self.assembled(preface, preamble, E("body", None, hole())), stream, spool)

    def write_units(self, spool: BinaryIO) -> bool:
        """Write the body's units to ``spool`` as they stand in the document; whether there was any."""
        out = TextWriter(_UNIT_DEPTH)
        for unit in self.act.body:
            self.unit(out, unit)
            spool.write(out.take())
        return bool(self.act.body)

    def assembled(self, preface: etree._Element | None, preamble: etree._Element | None,
                  body: etree._Element) -> etree._ElementTree:
        """The document around its emitted preface, preamble and body: the
        conclusions and attachments, then the meta, which lists every note found."""
        conclusions = self.conclusions()
        attachments = self.attachments()
        act_el = E("act", {"name": self.work.subtype or self.work.doctype})
        root = E("akomaNtoso", None, act_el)
        act_el.append(self.meta())
        for part in (preface, preamble, body, conclusions, attachments):
            if part is not None:
                act_el.append(part)
        return etree.ElementTree(root)

    def meta(self) -> etree._Element:
        meta = E("meta")
        meta.append(self.identification())
        # The act's life and what each amending act changed, from the model.
        found = history.events(self.act)
        for part in (history.lifecycle(found), history.analysis(self.act, found)):
            if part is not None:
                meta.append(part)
        meta.append(self.references(found))
        if self.notes:
            notes = sub(meta, "notes", {"source": f"#{TOOL_ID}"})
            for eid, note in self.notes:
                note_el = sub(notes, "note", {"eId": eid, "class": note.kind})
                sub(note_el, "p", text=note.text)
        proprietary = self.proprietary()
        if proprietary is not None:
            meta.append(proprietary)
        return meta

    def identification(self, component: str = "main", title: str | None = None,
                       scope: str | None = None) -> etree._Element:
        """The FRBR identification of the act (component ``main``) or of one of
        its attachments (``annex_1``: the same Work, Expression and
        Manifestation, another component of them)."""
        work, act = self.work, self.act
        work_uri = work_iri(work)
        expr_uri = self.expression(act.language)
        date = iso_date(work.date)
        expr_date = iso_date(act.expression_date or work.date)
        author = f"#{work.author.id}" if work.author else f"#{TOOL_ID}"
        if component == "main":
            # The text's title line, or act.toml's title when the text has none.
            title = act.title.text if act.title is not None else act.short_title

        ident = E("identification", {"source": f"#{TOOL_ID}"})
        frbr_work = sub(ident, "FRBRWork")
        sub(frbr_work, "FRBRthis", {"value": with_component(work_uri, component)})
        sub(frbr_work, "FRBRuri", {"value": work_uri})
        if title is not None:
            # The short title in this language, where AKN consumers look for it.
            sub(frbr_work, "FRBRalias", {"value": title, "name": "title"})
        sub(frbr_work, "FRBRdate", {"date": date, "name": "enactment"})
        sub(frbr_work, "FRBRauthor", {"href": author})
        sub(frbr_work, "FRBRcountry", {"value": work.country})
        if work.subtype:
            sub(frbr_work, "FRBRsubtype", {"value": work.subtype})
        sub(frbr_work, "FRBRnumber", {"value": work.number})
        if title is not None:
            sub(frbr_work, "FRBRname", {"value": title})
        sub(frbr_work, "FRBRprescriptive", {"value": "true"})

        expr = sub(ident, "FRBRExpression")
        sub(expr, "FRBRthis", {"value": with_component(expr_uri, component)})
        sub(expr, "FRBRuri", {"value": expr_uri})
        sub(expr, "FRBRdate", {"date": expr_date, "name": "publication"})
        sub(expr, "FRBRauthor", {"href": author})
        sub(expr, "FRBRauthoritative", {"value": "true" if act.language == self.master_language else "false"})
        if act.language != self.master_language:
            # eIds are unique across the act and its attachments: an attachment's
            # carries its component name.
            master_eid = make_eid(scope, "FRBRmasterExpression", None)
            sub(expr, "FRBRmasterExpression", {"eId": master_eid,
                                               "href": self.expression(self.master_language),
                                               "showAs": self.master_language})
        sub(expr, "FRBRlanguage", {"language": act.language})

        manif = sub(ident, "FRBRManifestation")
        sub(manif, "FRBRthis", {"value": with_component(expr_uri, component, fmt="xml")})
        sub(manif, "FRBRuri", {"value": manifestation_iri(expr_uri)})
        # The manifestation date is the expression's, not the clock's: rebuilding
        # must give the same bytes.
        sub(manif, "FRBRdate", {"date": expr_date, "name": "transformation"})
        sub(manif, "FRBRauthor", {"href": f"#{TOOL_ID}"})
        sub(manif, "FRBRformat", {"value": "xml"})
        return ident

    def parties(self) -> list[tuple[str, Party]]:
        found = []
        if self.work.author:
            found.append(("TLCOrganization", self.work.author))
        if self.act.signatory:
            found.append(("TLCPerson", self.act.signatory))
        if self.act.place:
            found.append(("TLCLocation", self.act.place))
        return found

    def references(self, found: list[history.Event]) -> etree._Element:
        refs = E("references", {"source": f"#{TOOL_ID}"})
        kinds = {"TLCOrganization": "organization", "TLCPerson": "person", "TLCLocation": "location",
                 "TLCRole": "role"}
        entries = self.parties()
        roles = [("TLCRole", Party(p.role_id, p.role_name or p.role_id)) for _, p in entries if p.role_id]
        entries.append(("TLCOrganization", Party(TOOL_ID, "aknkit")))
        for tag, party in sorted(entries + roles, key=lambda e: (e[0], e[1].id)):
            sub(refs, tag, {"eId": party.id, "showAs": party.name,
                            "href": f"/akn/ontology/{kinds[tag]}/{self.work.country}/{party.id}"})
        history.add_references(refs, found)
        return refs

    def proprietary(self) -> etree._Element | None:
        act = self.act
        if not act.envelope and not act.extra_facts and not act.status:
            return None
        prop = E("proprietary", {"source": f"#{TOOL_ID}"})
        holder = etree.SubElement(prop, f"{{{AKNKIT_NS}}}publication", nsmap={"aknkit": AKNKIT_NS})
        holder.set("generator", f"aknkit {__version__}")
        if act.status:
            holder.set("status", act.status)
        for line in act.envelope:
            etree.SubElement(holder, f"{{{AKNKIT_NS}}}line", kind=line.kind).text = line.text
        for key, value in sorted(act.extra_facts.items()):
            etree.SubElement(holder, f"{{{AKNKIT_NS}}}fact", name=key).text = value
        return prop

    # preface and preamble --------------------------------------------------------
    def preface(self) -> etree._Element | None:
        act = self.act
        if act.title is None and act.meta_line is None and not act.notes:
            return None
        preface = E("preface")
        long_title = sub(preface, "longTitle", {"eId": "longTitle"})
        title_p = sub(long_title, "p")
        if act.title is not None:
            sub(title_p, "docTitle", text=act.title.text)
        self.note_refs(TreeWriter(title_p), act.notes)
        meta = act.meta_line
        if meta is not None:
            pieces: list[Marked] = []
            if meta.doc_type:
                pieces.append((meta.doc_type, "docType", {}))
            if meta.date:
                pieces.append((meta.date, "docDate", {"date": meta.date.value}))
            if meta.number:
                pieces.append((meta.number, "docNumber", {}))
            meta_p = sub(long_title, "p")
            if meta.repeal is None:
                marked_up(meta_p, meta.text, pieces)
            else:
                self.repeal_clause(meta_p, meta.text, pieces, meta.repeal)
        if act.toc:
            preface.append(self.toc(act.toc))
        return preface

    def repeal_clause(self, p: etree._Element, text: str, pieces: list[Marked], repeal: Repeal) -> None:
        """The type/date line of a repealed act: its own requisites marked up, the
        clause naming the repealing act a reference to it, with that act's date."""
        start, end = repeal.clause.start, repeal.clause.end
        marked_up(p, text[:start], pieces)
        ref = sub(p, "ref", {"eId": self.inline_eid("ref"), "href": history.repeal_iri(self.work.country, repeal)})
        date = Span(repeal.date.start - start, repeal.date.end - start, repeal.date.value)
        marked_up(ref, text[start:end], [(date, "date", {"date": date.value})])
        append_text(p, text[end:])

    def toc(self, entries: list[TocEntry]) -> etree._Element:
        """The printed contents block: one item per line, linked to the unit it lists."""
        by_number: dict[tuple[str, tuple[object, ...]], str] = {}
        for unit in self.act.units():
            if unit.eid:
                by_number.setdefault((unit.kind, number_key(unit.num)), unit.eid)
        kinds = sorted({e.kind for e in entries if e.kind}, key=lambda k: _RANKS.get(k, 99))
        toc = E("toc", {"eId": "toc"})
        level = 1
        for entry in entries:
            if entry.kind:
                level = kinds.index(entry.kind) + 1
            target = by_number.get((entry.kind, number_key(entry.num))) if entry.kind else None
            # A line that lists no unit of the text points at the title it belongs under.
            sub(toc, "tocItem", {"href": f"#{target or 'longTitle'}", "level": str(level)}, text=entry.text)
        return toc

    def preamble(self, act: Act | None = None, scope: str | None = None) -> etree._Element | None:
        """The preamble of the act, or of an attachment's document (``scope``:
        the attachment's eId); named when its changes are written against it."""
        act = self.act if act is None else act
        if not act.preamble and not act.preamble_notes:
            return None
        preamble = E("preamble", {"eId": make_eid(scope, history.PREAMBLE_EID, None) if act.preamble_history
                                  else None})
        out = TreeWriter(preamble)
        for block in act.preamble:
            self.paragraph(out, block)
        self.note_refs(TreeWriter(preamble[-1] if len(preamble) else sub(preamble, "p")), act.preamble_notes)
        return preamble

    # body --------------------------------------------------------------------
    def unit(self, out: Writer, unit: Unit) -> None:
        out.open(akn_element(unit.kind), {"eId": unit.eid, "wId": unit.wid, "status": unit.status})
        eid = unit.eid

        def inner(name: str) -> Attributes:
            """Parts of a unit take the unit's eId as prefix (NC §5.4: art_1__content)."""
            return {"eId": make_eid(eid, name, None) if eid else None}

        # The notes follow the heading, else the number, else a number of their own.
        heading, notes = unit.heading, unit.notes
        if unit.label:
            self.text_element(out, "num", None, unit.label, [] if heading is not None else notes)
        if heading is not None:
            self.text_element(out, "heading", inner("heading"), heading.text, notes)
        elif notes and not unit.label:
            self.text_element(out, "num", None, None, notes)
        if unit.children:
            if unit.intro:
                self.blocks(out, "intro", inner("intro"), unit.intro, eid)
            for child in unit.children:
                self.unit(out, child)
            if unit.wrapup:
                self.blocks(out, "wrapUp", inner("wrapUp"), unit.wrapup, eid)
        else:
            self.blocks(out, "content", inner("content"), unit.intro + unit.wrapup, eid)
        out.close()

    def blocks(self, out: Writer, name: str, attrib: Attributes, blocks: list[Block], owner: str | None) -> None:
        """The element ``name`` holding the paragraphs ``blocks`` (an empty one when there are none)."""
        out.open(name, attrib)
        for block in blocks:
            self.paragraph(out, block, owner)
        if not blocks:
            out.leaf("p")
        out.close()

    def paragraph(self, out: Writer, block: Block, owner: str | None = None) -> None:
        """One paragraph: its text with its references and dates marked, or an
        amending instruction (``owner``: the eId its references take as prefix)."""
        if block.quote is not None:
            out.open("p")
            self.mod(out, block.text, block.quote)
            out.close()
        elif block.inline:
            out.open("p")
            out.marked(block.text, [self.marked(mark, owner) for mark in block.inline])
            out.close()
        else:
            out.leaf("p", None, block.text)

    def mod(self, out: Writer, words: str, quote: Quote) -> None:
        """An amending instruction: its words, then the quoted new wording
        (the quote characters go in startQuote/endQuote, not in the text);
        what follows the closing quote stays after the mod."""
        out.open("mod", {"eId": quote.eid})
        out.text(words)
        attrib: Attributes = {"eId": quoted_eid(quote) if quote.eid else None,
                              "startQuote": quote.start, "endQuote": quote.end}
        if quote.words is not None:
            out.leaf("quotedText", attrib, quote.words)
        else:
            out.open("quotedStructure", attrib)
            for inner in quote.blocks:
                self.paragraph(out, inner, attrib["eId"])
            for unit in quote.units:
                self.unit(out, unit)
            out.close()
        out.close()
        if quote.tail:
            out.text(quote.tail)

    # attachments -----------------------------------------------------------------
    def attachments(self) -> etree._Element | None:
        if not self.act.attachments:
            return None
        holder = E("attachments")
        for number, attachment in enumerate(self.act.attachments, start=1):
            holder.append(self.attachment(number, attachment))
        return holder

    def attachment(self, number: int, attachment: Attachment) -> etree._Element:
        """One attachment: a ``doc`` of its own (identification as a component of
        the act), its heading lines and title in its preface, its body, its
        signature. eIds inside carry the attachment's eId as their prefix."""
        eid = attachment_eid(number)
        doc = attachment.doc
        element = E("attachment", {"eId": eid})
        doc_el = sub(element, "doc", {"name": "annex"})
        title = doc.title.text if doc.title is not None else None
        meta = sub(doc_el, "meta")
        meta.append(self.identification(f"annex_{number}", title, eid))
        if attachment.head or doc.title is not None or doc.notes:
            preface = sub(doc_el, "preface")
            for block in attachment.head:
                sub(preface, "p", {"class": "attachmentHead"}, text=block.text)
            long_title = sub(preface, "longTitle", {"eId": make_eid(eid, "longTitle", None)})
            title_p = sub(long_title, "p")
            if title is not None:
                sub(title_p, "docTitle", text=title)
            self.note_refs(TreeWriter(title_p), doc.notes)
        preamble = self.preamble(doc, eid)
        if preamble is not None:
            doc_el.append(preamble)
        body = sub(doc_el, "mainBody")
        out = TreeWriter(body)
        for unit in doc.body:
            self.unit(out, unit)
        conclusions = self.conclusions(doc, own=False)
        if conclusions is not None:
            doc_el.append(conclusions)
        return element

    # conclusions ---------------------------------------------------------------
    def conclusions(self, act: Act | None = None, own: bool = True) -> etree._Element | None:
        """The signature block: the act's own (``own``), or an attachment's,
        whose signers are not the act's signatory and stay plain text."""
        act = self.act if act is None else act
        if not act.conclusions:
            return None
        conclusions = E("conclusions")
        for part in act.signature_block():
            if isinstance(part, Signature):
                conclusions.append(self.signature(part, own))
            else:
                conclusions.append(self.conclusion_line(part, own))
        return conclusions

    def signature(self, signature: Signature, own: bool = True) -> etree._Element:
        """One signature: its role lines, then its signers' names.

        ``role`` and ``person`` must refer to TLC entries, so without the
        signatory's facts the lines stay plain text inside the signature.
        """
        signatory = self.act.signatory if own else None
        p = E("p")
        element = sub(p, "signature")
        roles = signature.roles
        if roles:
            role = element
            if signatory and signatory.role_id:
                role = sub(element, "role", {"eId": self.inline_eid("role"),
                                             "refersTo": f"#{signatory.role_id}"})
            append_text(role, roles[0])
            for part in roles[1:]:
                sub(role, "eol")
                append_text(role, part)
        for name in signature.names:
            append_text(element, " ")
            if signatory:
                sub(element, "person", {"eId": self.inline_eid("person"), "refersTo": f"#{signatory.id}",
                                        "as": f"#{signatory.role_id}" if signatory.role_id else None},
                    text=name)
            else:
                append_text(element, name)
        return p

    def conclusion_line(self, line: ConclusionLine, own: bool = True) -> etree._Element:
        p = E("p")
        pieces: list[Marked] = []
        if "place" in line.spans and self.act.place and own:
            # AKN requires a location to refer to a TLC entry; without the
            # place's facts the name stays plain text.
            pieces.append((line.spans["place"], "location", {"eId": self.inline_eid("location"),
                                                             "refersTo": f"#{self.act.place.id}"}))
        if "date" in line.spans:
            pieces.append((line.spans["date"], "date", {"date": line.spans["date"].value}))
        if "number" in line.spans:
            pieces.append((line.spans["number"], "docNumber", {}))
        marked_up(p, line.text, pieces)
        return p


def to_akn(act: Act) -> etree._ElementTree:
    """The AKN 3.0 document of one language version.

    Units must carry eIds (``ids.assign_eids``) and, for a non-master language,
    wIds where they differ (``ids.assign_wids``).
    """
    return _Emitter(act).document()


def write_akn(act: Act, stream: BinaryIO) -> None:
    """Write the AKN 3.0 document of one language version to a binary stream:
    the bytes ``write_document(to_akn(act), stream)`` writes, with no more than
    one unit of the body in memory as XML at a time."""
    _Emitter(act).write(stream)


