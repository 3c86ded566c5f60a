"""The model -> Akoma Ntoso 3.0 XML (lxml).

The emitter only reads the model. It never consults the clock or the
environment, so the same model always gives byte-identical XML.
"""

from __future__ import annotations

from lxml import etree

from . import __version__
from .ids import (
    akn_element, expression_iri, iso_date, make_eid, manifestation_iri, with_component, work_iri,
)
from .model import SIGNING_KINDS, Act, Block, ConclusionLine, Note, Party, Span, Unit, conclusion_groups
from .schema import AKN_NS, AKNKIT_NS, TOOL_ID
_NSMAP = {None: AKN_NS}


class EmitError(Exception):
    """The model lacks something the AKN document needs (e.g. Work facts)."""


_TAGS: dict[str, str] = {}


def _tag(name: str) -> str:
    tag = _TAGS.get(name)
    if tag is None:
        tag = _TAGS[name] = f"{{{AKN_NS}}}{name}"
    return tag


def _present(attrib: dict | None) -> dict:
    return {key: value for key, value in attrib.items() if value is not None} if attrib else {}


def E(tag: str, attrib: dict | None = None, *children, text: str | None = None) -> etree._Element:
    """A free-standing AKN element (one that is appended somewhere later)."""
    element = etree.Element(_tag(tag), _present(attrib), nsmap=_NSMAP)
    if text is not None:
        element.text = text
    for child in children:
        element.append(child)
    return element


def sub(parent: etree._Element, tag: str, attrib: dict | None = None, text: str | None = None) -> etree._Element:
    """A new last child of ``parent``; it shares the parent's namespace map."""
    child = etree.SubElement(parent, _tag(tag), _present(attrib))
    if text is not None:
        child.text = text
    return child


def append_text(element: etree._Element, text: str) -> None:
    """Append ``text`` after the element's last child (or to its text)."""
    if not text:
        return
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text


def marked_up(parent: etree._Element, text: str, pieces: list[tuple[Span, str, dict]]) -> None:
    """Write ``text`` into ``parent`` with the spans wrapped in inline elements."""
    cursor = 0
    for span, tag, attrib in sorted(pieces, key=lambda piece: piece[0].start):
        append_text(parent, text[cursor:span.start])
        sub(parent, tag, attrib, text=text[span.start:span.end])
        cursor = span.end
    append_text(parent, text[cursor:])


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
        self.inline_counts: dict[str, int] = {}

    def inline_eid(self, name: str) -> str:
        """eId of an inline element outside any unit: its ordinal in the document."""
        self.inline_counts[name] = self.inline_counts.get(name, 0) + 1
        return make_eid(None, name, str(self.inline_counts[name]))

    # identifiers ---------------------------------------------------------------
    def expression(self, language: str) -> str:
        return expression_iri(self.work, language, self.act.expression_date or self.work.date)

    def note_ref(self, parent: etree._Element, note: Note) -> None:
        eid = f"note_{len(self.notes) + 1}"
        self.notes.append((eid, note))
        append_text(parent, " ")
        sub(parent, "noteRef", {"href": f"#{eid}", "marker": str(len(self.notes)), "class": note.kind})

    # document --------------------------------------------------------------
    def document(self) -> etree._ElementTree:
        act_el = E("act", {"name": self.work.subtype or self.work.doctype})
        root = E("akomaNtoso", None, act_el)
        preface = self.preface()
        preamble = self.preamble()
        body = self.body()
        conclusions = self.conclusions()
        act_el.append(self.meta())
        for part in (preface, preamble, body, conclusions):
            if part is not None:
                act_el.append(part)
        return etree.ElementTree(root)

    def meta(self) -> etree._Element:
        meta = E("meta")
        meta.append(self.identification())
        meta.append(self.references())
        if self.notes:
            notes = sub(meta, "notes", {"source": f"#{TOOL_ID}"})
            for eid, note in self.notes:
                note_el = sub(notes, "note", {"eId": eid, "class": note.kind})
                sub(note_el, "p", text=note.text)
        proprietary = self.proprietary()
        if proprietary is not None:
            meta.append(proprietary)
        return meta

    def identification(self) -> etree._Element:
        work, act = self.work, self.act
        work_uri = work_iri(work)
        expr_uri = self.expression(act.language)
        date = iso_date(work.date)
        expr_date = iso_date(act.expression_date or work.date)
        author = f"#{work.author.id}" if work.author else f"#{TOOL_ID}"

        ident = E("identification", {"source": f"#{TOOL_ID}"})
        frbr_work = sub(ident, "FRBRWork")
        sub(frbr_work, "FRBRthis", {"value": with_component(work_uri)})
        sub(frbr_work, "FRBRuri", {"value": work_uri})
        if act.title is not None:
            # The short title in this language, where AKN consumers look for it.
            sub(frbr_work, "FRBRalias", {"value": act.title.text, "name": "title"})
        sub(frbr_work, "FRBRdate", {"date": date, "name": "enactment"})
        sub(frbr_work, "FRBRauthor", {"href": author})
        sub(frbr_work, "FRBRcountry", {"value": work.country})
        if work.subtype:
            sub(frbr_work, "FRBRsubtype", {"value": work.subtype})
        sub(frbr_work, "FRBRnumber", {"value": work.number})
        if act.title is not None:
            sub(frbr_work, "FRBRname", {"value": act.title.text})
        sub(frbr_work, "FRBRprescriptive", {"value": "true"})

        expr = sub(ident, "FRBRExpression")
        sub(expr, "FRBRthis", {"value": with_component(expr_uri)})
        sub(expr, "FRBRuri", {"value": expr_uri})
        sub(expr, "FRBRdate", {"date": expr_date, "name": "publication"})
        sub(expr, "FRBRauthor", {"href": author})
        sub(expr, "FRBRauthoritative", {"value": "true" if act.language == self.master_language else "false"})
        if act.language != self.master_language:
            sub(expr, "FRBRmasterExpression", {"eId": "FRBRmasterExpression",
                                               "href": self.expression(self.master_language),
                                               "showAs": self.master_language})
        sub(expr, "FRBRlanguage", {"language": act.language})

        manif = sub(ident, "FRBRManifestation")
        sub(manif, "FRBRthis", {"value": with_component(expr_uri, fmt="xml")})
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

    def references(self) -> etree._Element:
        refs = E("references", {"source": f"#{TOOL_ID}"})
        kinds = {"TLCOrganization": "organization", "TLCPerson": "person", "TLCLocation": "location",
                 "TLCRole": "role"}
        entries = self.parties()
        roles = [("TLCRole", Party(p.role_id, p.role_name or p.role_id)) for _, p in entries if p.role_id]
        entries.append(("TLCOrganization", Party(TOOL_ID, "aknkit")))
        for tag, party in sorted(entries + roles, key=lambda e: (e[0], e[1].id)):
            sub(refs, tag, {"eId": party.id, "showAs": party.name,
                            "href": f"/akn/ontology/{kinds[tag]}/{self.work.country}/{party.id}"})
        return refs

    def proprietary(self) -> etree._Element | None:
        act = self.act
        if not act.envelope and not act.extra_facts:
            return None
        prop = E("proprietary", {"source": f"#{TOOL_ID}"})
        holder = etree.SubElement(prop, f"{{{AKNKIT_NS}}}publication", nsmap={"aknkit": AKNKIT_NS})
        holder.set("generator", f"aknkit {__version__}")
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
        for note in act.notes:
            self.note_ref(title_p, note)
        meta = act.meta_line
        if meta is not None:
            pieces = []
            if meta.doc_type:
                pieces.append((meta.doc_type, "docType", {}))
            if meta.date:
                pieces.append((meta.date, "docDate", {"date": meta.date.value}))
            if meta.number:
                pieces.append((meta.number, "docNumber", {}))
            marked_up(sub(long_title, "p"), meta.text, pieces)
        return preface

    def preamble(self) -> etree._Element | None:
        act = self.act
        if not act.preamble and not act.preamble_notes:
            return None
        preamble = E("preamble")
        paragraphs = [sub(preamble, "p", text=block.text) for block in act.preamble] or [sub(preamble, "p")]
        for note in act.preamble_notes:
            self.note_ref(paragraphs[-1], note)
        return preamble

    # body --------------------------------------------------------------------
    def body(self) -> etree._Element:
        body = E("body")
        for unit in self.act.body:
            self.unit(body, unit)
        return body

    def unit(self, parent: etree._Element, unit: Unit) -> etree._Element:
        element = sub(parent, akn_element(unit.kind), {"eId": unit.eid, "wId": unit.wid, "status": unit.status})
        # Parts of a unit take the unit's eId as prefix (NC §5.4: art_1__content).
        inner = lambda name: {"eId": make_eid(unit.eid, name, None) if unit.eid else None}  # noqa: E731
        num = sub(element, "num", text=unit.label) if unit.label else None
        heading = sub(element, "heading", inner("heading"), text=unit.heading.text) if unit.heading else None
        anchor = heading if heading is not None else num
        for note in unit.notes:
            if anchor is None:
                anchor = sub(element, "num")
            self.note_ref(anchor, note)
        if unit.children:
            if unit.intro:
                self.blocks(sub(element, "intro", inner("intro")), unit.intro)
            for child in unit.children:
                self.unit(element, child)
            if unit.wrapup:
                self.blocks(sub(element, "wrapUp", inner("wrapUp")), unit.wrapup)
        else:
            self.blocks(sub(element, "content", inner("content")), unit.intro + unit.wrapup)
        return element

    def blocks(self, container: etree._Element, blocks: list[Block]) -> None:
        for block in blocks:
            sub(container, "p", text=block.text)
        if not blocks:
            sub(container, "p")

    # conclusions ---------------------------------------------------------------
    def conclusions(self) -> etree._Element | None:
        lines = self.act.conclusions
        if not lines:
            return None
        conclusions = E("conclusions")
        for group in conclusion_groups(lines):
            if group[0].kind in SIGNING_KINDS:
                conclusions.append(self.signature(group))
            else:
                conclusions.append(self.conclusion_line(group[0]))
        return conclusions

    def signature(self, lines: list[ConclusionLine]) -> etree._Element:
        """Consecutive role and signer lines: one signature, one line each.

        ``role`` and ``person`` must refer to TLC entries, so without the
        signatory's facts the lines stay plain text inside the signature.
        """
        signatory = self.act.signatory
        p = E("p")
        signature = sub(p, "signature")
        role_parts = [line.spans["role"].value for line in lines if "role" in line.spans]
        names = [line.spans["name"].value for line in lines if "name" in line.spans]
        if role_parts:
            role = signature
            if signatory and signatory.role_id:
                role = sub(signature, "role", {"eId": self.inline_eid("role"),
                                               "refersTo": f"#{signatory.role_id}"})
            append_text(role, role_parts[0])
            for part in role_parts[1:]:
                sub(role, "eol")
                append_text(role, part)
        for name in names:
            append_text(signature, " ")
            if signatory:
                sub(signature, "person", {"eId": self.inline_eid("person"), "refersTo": f"#{signatory.id}",
                                          "as": f"#{signatory.role_id}" if signatory.role_id else None},
                    text=name)
            else:
                append_text(signature, name)
        return p

    def conclusion_line(self, line: ConclusionLine) -> etree._Element:
        p = E("p")
        pieces = []
        if "place" in line.spans and self.act.place:
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


# Elements whose content is running text: indentation inside them would change
# the text, so they are written as they are.
_TEXT_ELEMENTS = {"p", "num", "heading", "subheading", "docTitle", "signature", "role"}


_TEXT_TAGS = frozenset(_tag(name) for name in _TEXT_ELEMENTS)


def _indent(element: etree._Element, level: int) -> None:
    if element.tag in _TEXT_TAGS or len(element) == 0:
        return
    text = element.text
    if text and not text.isspace():
        return
    children = list(element)
    for child in children:
        tail = child.tail
        if tail and not tail.isspace():
            return
    inner = _INDENTS[level + 1] if level + 1 < len(_INDENTS) else "\n" + "  " * (level + 1)
    element.text = inner
    for child in children:
        if len(child):
            _indent(child, level + 1)
        child.tail = inner
    children[-1].tail = _INDENTS[level] if level < len(_INDENTS) else "\n" + "  " * level


_INDENTS = tuple("\n" + "  " * depth for depth in range(64))


def write_document(tree: etree._ElementTree, stream) -> None:
    """Write the canonical bytes of ``tree`` to a binary stream (see serialise)."""
    _indent(tree.getroot(), 0)
    tree.write(stream, xml_declaration=True, encoding="UTF-8")
    stream.write(b"\n")


def serialise(tree: etree._ElementTree) -> bytes:
    """Canonical bytes: UTF-8, XML declaration, two-space indentation between
    block elements and none inside running text."""
    _indent(tree.getroot(), 0)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8") + b"\n"
