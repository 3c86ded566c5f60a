"""What a reading takes from ``<meta>``: the Work and Expression facts of
FRBR identification, the TLC references (the parties), the editorial notes
that noteRefs point at, aknkit's publication lines and facts, whether the
act was repealed, and the passive textual modifications (its amendment
history)."""

from __future__ import annotations

import datetime as _dt
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import ClassVar, NoReturn

from aknkit.akn import ids
from aknkit.akn.history import history_holders
from aknkit.akn.read.errors import AknReadError
from aknkit.akn.read.xmltext import (
    BLOCK_ELEMENTS,
    Element,
    children,
    first_child,
    iso_date,
    local_name,
    location,
    target,
)
from aknkit.akn.schema import AKNKIT_NS, TOOL_ID
from aknkit.model import (
    ACT_REPEALED,
    NOTE_FOOTNOTE,
    Act,
    Amendment,
    AmendmentKind,
    EnvelopeKind,
    EnvelopeLine,
    NoteKind,
    Party,
    Work,
    kind_named,
)

_AMENDMENT_KINDS = frozenset(AmendmentKind)


def note_kind(name: str | None) -> NoteKind | str | None:
    """The kind a note's @class names (None without one); another producer's
    class the model has no kind for is kept as written."""
    return kind_named(NoteKind, name) if name else None


@dataclass
class _Expression:
    """What FRBRExpression says: the version's IRI, language, master and date."""

    iri: str | None
    language: str
    master: str | None
    date: _dt.date | None


@dataclass
class MetaReader(ABC):
    """The metadata of one document, and what is known of it while reading."""

    file: str
    namespace: str
    # eId -> (kind, text) of the editorial notes in <meta><notes>
    meta_notes: dict[str, tuple[NoteKind | str, str]] = field(default_factory=dict)
    used_notes: set[str] = field(default_factory=set)
    # eId -> (TLC element name, showAs) of the references in <meta><references>
    references: dict[str, tuple[str, str]] = field(default_factory=dict)
    reference_hrefs: dict[str, str] = field(default_factory=dict)   # eId -> href of those entries

    # The children of <meta><notes> read as notes (None: every child).
    META_NOTE: ClassVar[str | None] = "note"

    @abstractmethod
    def text(self, element: Element) -> str:
        """The text of ``element`` without editorial inline material."""

    def document_name(self, document: Element) -> str | None:
        """The subtype the document element's @name gives."""
        return document.get("name")

    def fail(self, message: str, element: Element | None, code: str) -> NoReturn:
        line = element.sourceline if element is not None else None
        raise AknReadError(self.file, message, line, code=code)

    # --- FRBR identification ------------------------------------------------------------
    def identification(self, document: Element) -> tuple[Element, Element, Element]:
        """``<meta>``, its ``<identification>`` and the FRBRWork in it (R103 without)."""
        meta = first_child(document, "meta")
        identification = first_child(meta, "identification") if meta is not None else None
        frbr_work = first_child(identification, "FRBRWork") if identification is not None else None
        if meta is None or identification is None or frbr_work is None:
            self.fail(f"<{local_name(document)}> has no meta/identification/FRBRWork; expected "
                      "the Work's FRBR identification", document, "R103")
        return meta, identification, frbr_work

    def expression(self, identification: Element) -> _Expression:
        expression = first_child(identification, "FRBRExpression")

        def value(name: str, attribute: str) -> str | None:
            el = first_child(expression, name) if expression is not None else None
            return el.get(attribute) if el is not None else None

        iri = value("FRBRuri", "value") or value("FRBRthis", "value") or None
        language = value("FRBRlanguage", "language")
        if not language and iri and (parsed := ids.parse_iri(iri)):
            language = parsed.language
        if not language:
            self.fail("FRBRExpression has no FRBRlanguage/@language; expected the "
                      "language of this version (e.g. 'eng')",
                      expression if expression is not None else identification, "R105")
        return _Expression(iri, language, value("FRBRmasterExpression", "href"),
                           iso_date(value("FRBRdate", "date")))

    @staticmethod
    def manifestation_iri(identification: Element) -> str | None:
        manifestation = first_child(identification, "FRBRManifestation")
        return next((el.get("value") for name in ("FRBRuri", "FRBRthis")
                     for el in ([first_child(manifestation, name)] if manifestation is not None else [])
                     if el is not None and el.get("value")), None)

    def work(self, frbr_work: Element, document: Element) -> tuple[Work, str]:
        def value(name: str, attribute: str = "value") -> str | None:
            el = first_child(frbr_work, name)
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
            date_el = first_child(frbr_work, "FRBRdate")
            self.fail(f"FRBRdate/@date {date_text!r} is not a date; expected YYYY-MM-DD",
                      date_el if date_el is not None else frbr_work, "R104")
        country = value("FRBRcountry") or (iri.country if iri else None)
        if not country:
            self.fail("FRBRWork has no FRBRcountry/@value; expected a country code such "
                      "as 'kz'", frbr_work, "R103")
        work = Work(
            country=country,
            doctype=local_name(document),
            date=date,
            number=value("FRBRnumber") or (iri.number if iri else None)
            or value("FRBRname") or "nn",
            subtype=value("FRBRsubtype") or self.document_name(document) or (iri.subtype if iri else None),
            author=self.party(target(value("FRBRauthor", "href"))),
        )
        return work, iri.work if iri else ids.work_iri(work)

    # --- references, notes, aknkit's own ----------------------------------------------
    def read_meta_notes(self, meta: Element) -> None:
        for notes in children(meta, "notes"):
            for note in children(notes, self.META_NOTE):
                eid = note.get("eId") or note.get("id")
                paragraphs = [self.text(p) for p in note.iter() if local_name(p) in BLOCK_ELEMENTS]
                text = " ".join(t for t in paragraphs if t) or self.text(note)
                if eid and text:
                    self.meta_notes[eid] = (note_kind(note.get("class")) or NOTE_FOOTNOTE, text)

    def read_references(self, meta: Element) -> None:
        for references in children(meta, "references"):
            for entry in children(references):
                eid = entry.get("eId") or entry.get("id")
                if eid:
                    self.references.setdefault(eid, (local_name(entry), entry.get("showAs") or eid))
                    self.reference_hrefs.setdefault(eid, entry.get("href") or "")

    def party(self, eid: str | None, role_id: str | None = None) -> Party | None:
        """The TLC entry ``eid`` as a party; aknkit itself is no party of the act."""
        if not eid or eid == TOOL_ID or eid not in self.references:
            return None
        role = self.references.get(role_id or "")
        return Party(eid, self.references[eid][1], role_id if role else None, role[1] if role else None)

    def first(self, tag: str) -> str | None:
        return next((eid for eid, (name, _) in self.references.items() if name == tag), None)

    def only(self, tag: str) -> str | None:
        found = [eid for eid, (name, _) in self.references.items() if name == tag]
        return found[0] if len(found) == 1 else None

    def proprietary(self, act: Act, meta: Element) -> None:
        """aknkit's publication lines and extra facts."""
        for proprietary in children(meta, "proprietary"):
            for el in proprietary.iter(f"{{{AKNKIT_NS}}}line", f"{{{AKNKIT_NS}}}fact"):
                if local_name(el) == "line":
                    text = self.text(el)
                    if text:
                        kind = kind_named(EnvelopeKind, el.get("kind") or EnvelopeKind.STATUS)
                        act.envelope.append(EnvelopeLine(kind, text, location(self.file, el)))
                elif name := el.get("name"):
                    act.extra_facts[name] = el.text or ""

    @staticmethod
    def repealed(meta: Element) -> bool:
        """Whether the act's lifecycle has a repeal event, or aknkit marked it repealed."""
        events = [el for el in meta.iter() if local_name(el) == "eventRef" and el.get("type") == "repeal"]
        marked = [el for el in meta.iter(f"{{{AKNKIT_NS}}}publication") if el.get("status") == ACT_REPEALED]
        return bool(events or marked)

    # --- the amendment history -----------------------------------------------------------
    def read_history(self, act: Act, meta: Element) -> None:
        """Each passive textual modification onto what its destination names
        (a unit, the title, the preamble: ``history_holders``); one of a type
        the model has no kind for, or naming nothing of the document, is left."""
        holders = dict(history_holders(act))
        for analysis in children(meta, "analysis"):
            for passive in children(analysis, "passiveModifications"):
                for mod in children(passive, "textualMod"):
                    destination = first_child(mod, "destination")
                    eid = target(destination.get("href")) if destination is not None else None
                    holder = holders.get(eid) if eid is not None else None
                    amendment = self.amendment(mod)
                    if holder is not None and amendment is not None:
                        holder.append(amendment)

    def amendment(self, mod: Element) -> Amendment | None:
        """A textual modification as the change it records: its type, and the
        act its source names (through a <references> entry, or as an IRI)."""
        kind = mod.get("type")
        source = first_child(mod, "source")
        href = source.get("href") if source is not None else None
        if kind not in _AMENDMENT_KINDS or not href:
            return None
        entry = target(href)
        iri = self.reference_hrefs.get(entry, href) if entry else href
        text = self.references[entry][1] if entry in self.references else ""
        parsed = ids.parse_iri(iri)
        loc = location(self.file, mod)
        if parsed is None:
            return Amendment(AmendmentKind(kind), None, None, text=text, loc=loc, source=iri)
        return Amendment(AmendmentKind(kind), parsed.date, parsed.number, parsed.subtype, text, loc)
