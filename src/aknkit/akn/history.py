"""The act's history in Akoma Ntoso: the lifecycle (its enactment, each act that
amended it, the act that repealed it), the passive modifications (what each
amending act changed, and where) and the TLCReferences the events come from.

Everything is written from the model: the :class:`Amendment` records of the
units, of the act as a whole and of its preamble (read from the footnotes), and
the repeal clause of the type/date line. :func:`history_holders` is the one
place that says against which eId a holder's changes are written; the reader
uses it to put each modification it reads back where it belongs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from aknkit.akn.ids import act_work_iri, attachment_eid, iso_date, make_eid, work_iri
from aknkit.akn.schema import TOOL_ID
from aknkit.akn.xmlout import E, sub
from aknkit.model import Act, Amendment, Repeal

# eIds and names of the TLCReferences the lifecycle events come from.
ORIGINAL = "original"
AMENDMENT = "amendment"
REPEAL = "repeal"
# What a footnote on the title concerns is written against the long title, and
# one on the preamble against the preamble (which then carries this eId).
TITLE_EID = "longTitle"
PREAMBLE_EID = "preamble"


@dataclass(frozen=True, slots=True)
class Event:
    """One event of the act's life, and the act it comes from: the eId of that
    act's TLCReference, its IRI and how the text names it."""

    reference: str
    date: str
    type: str   # generation, amendment, repeal (AKN eventRef/@type)
    href: str
    show_as: str


def _holders_of(act: Act, scope: str | None) -> Iterator[tuple[str, list[Amendment]]]:
    yield make_eid(scope, TITLE_EID, None), act.history
    yield make_eid(scope, PREAMBLE_EID, None), act.preamble_history
    for unit in act.units():
        if unit.eid:
            yield unit.eid, unit.history


def history_holders(act: Act) -> Iterator[tuple[str, list[Amendment]]]:
    """(eId, changes) of everything that may have changes, in document order:
    the title, the preamble, every unit, then each attachment's."""
    yield from _holders_of(act, None)
    for number, attachment in enumerate(act.attachments, start=1):
        yield from _holders_of(attachment.doc, attachment_eid(number))


def amending_iri(country: str, amendment: Amendment) -> str | None:
    """The Work IRI of the act that made ``amendment`` (its source as written,
    for another producer's that names none)."""
    if amendment.date is None:
        return amendment.source
    return act_work_iri(country, amendment.subtype, amendment.date, amendment.number)


def repeal_iri(country: str, repeal: Repeal) -> str:
    """The Work IRI of the act that repealed this one."""
    return act_work_iri(country, repeal.subtype, repeal.date.value,
                        repeal.number.value if repeal.number is not None else None)


def _amending_acts(act: Act, country: str) -> list[tuple[str, str, str]]:
    """(IRI, date, how the text names it) of each act that amended this one,
    once each, oldest first; named as where the text first names it."""
    first: dict[str, tuple[str, str, str]] = {}
    for _, history in history_holders(act):
        for amendment in history:
            iri = amending_iri(country, amendment)
            if amendment.date is not None and iri is not None and iri not in first:
                first[iri] = (iri, amendment.date, amendment.text or iri)
    return sorted(first.values(), key=lambda found: (found[1], found[0]))


def events(act: Act) -> list[Event]:
    """The act's life, when there is more to it than its enactment: enacted,
    then amended by each amending act in the order of their dates, then
    repealed. Empty for an act never amended nor repealed."""
    work = act.work
    if work is None:
        return []
    amending = _amending_acts(act, work.country)
    if not amending and act.repeal is None:
        return []
    title = act.title.text if act.title is not None else act.short_title
    found = [Event(ORIGINAL, iso_date(work.date), "generation", work_iri(work), title or work_iri(work))]
    found += [Event(f"{AMENDMENT}_{number}", date, "amendment", iri, text)
              for number, (iri, date, text) in enumerate(amending, start=1)]
    if act.repeal is not None:
        found.append(Event(REPEAL, act.repeal.date.value, "repeal", repeal_iri(work.country, act.repeal),
                           act.repeal.clause.value))
    return found


def lifecycle(found: list[Event]) -> etree._Element | None:
    if not found:
        return None
    element = E("lifecycle", {"source": f"#{TOOL_ID}"})
    for number, event in enumerate(found, start=1):
        sub(element, "eventRef", {"eId": make_eid(None, "eventRef", str(number)), "date": event.date,
                                  "source": f"#{event.reference}", "type": event.type})
    return element


def analysis(act: Act, found: list[Event]) -> etree._Element | None:
    """Each change the text records, as a passive textual modification: its
    type, the act that made it, the unit (title, preamble) it changed."""
    if act.work is None:
        return None
    country = act.work.country
    changes = [(eid, amendment, iri) for eid, history in history_holders(act) for amendment in history
               if (iri := amending_iri(country, amendment)) is not None]
    if not changes:
        return None
    references = {event.href: event.reference for event in found if event.type != "generation"}
    element = E("analysis", {"source": f"#{TOOL_ID}"})
    passive = sub(element, "passiveModifications")
    for number, (eid, amendment, iri) in enumerate(changes, start=1):
        source = f"#{references[iri]}" if amendment.date is not None and iri in references else iri
        mod = sub(passive, "textualMod", {"eId": make_eid(None, "textualMod", str(number)),
                                          "type": amendment.kind})
        sub(mod, "source", {"href": source})
        sub(mod, "destination", {"href": f"#{eid}"})
    return element


def add_references(references: etree._Element, found: list[Event]) -> None:
    """The acts the events come from: this act, each amending act, the repealing act."""
    for event in found:
        name = AMENDMENT if event.reference.startswith(f"{AMENDMENT}_") else event.reference
        sub(references, "TLCReference", {"eId": event.reference, "href": event.href, "showAs": event.show_as,
                                         "name": name})
