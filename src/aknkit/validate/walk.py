"""The one pass over the document that the naming rules share.

Every Akoma Ntoso element is visited once; what the rules need later is
collected on the way: who carries which eId and wId, which ``idreq`` elements
carry none, which attributes refer to something, and where the document-type
elements (act, bill, ...) are. Foreign-namespace content (``proprietary``) is
not visited.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ..schema import AKN_NS
from .schema_facts import schema_facts

_AKN_ANY = "{" + AKN_NS + "}*"
_PREFIX_LENGTH = len(AKN_NS) + 2


@dataclass
class Identified:
    element: etree._Element
    name: str               # local name
    eid: str | None
    wid: str | None


@dataclass
class Reference:
    element: etree._Element
    name: str               # local name of the element
    attribute: str
    value: str


@dataclass
class DocumentFacts:
    identified: list[Identified] = field(default_factory=list)
    eids: dict[str, etree._Element] = field(default_factory=dict)     # first holder of each eId
    wids: dict[str, list[etree._Element]] = field(default_factory=dict)
    lacking_eid: list[tuple[etree._Element, str]] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    documents: list[tuple[etree._Element, str]] = field(default_factory=list)


def walk(tree: etree._ElementTree) -> DocumentFacts:
    facts = DocumentFacts()
    schema = schema_facts()
    idreq, documents = schema.idreq_elements, schema.document_types
    watched = schema.reference_attributes.keys() | {"href"}
    for element in tree.getroot().iter(_AKN_ANY):
        name = element.tag[_PREFIX_LENGTH:]
        if name in documents:
            facts.documents.append((element, name))
        eid = wid = None
        for attribute, value in element.items():
            if attribute == "eId":
                eid = value
            elif attribute == "wId":
                wid = value
            elif attribute in watched:
                facts.references.append(Reference(element, name, attribute, value))
        if eid is None and wid is None:
            if name in idreq:
                facts.lacking_eid.append((element, name))
            continue
        facts.identified.append(Identified(element, name, eid, wid))
        if eid is not None:
            facts.eids.setdefault(eid, element)
        elif name in idreq:
            facts.lacking_eid.append((element, name))
        if wid is not None:
            facts.wids.setdefault(wid, []).append(element)
    return facts
