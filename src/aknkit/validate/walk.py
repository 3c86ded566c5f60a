"""The one pass over the document that the naming rules share.

Every Akoma Ntoso element is visited once; what the rules need later is
collected on the way: who carries which eId and wId, which ``idreq`` elements
carry none, which attributes refer to something, and where the document-type
elements (act, bill, ...) are. Foreign-namespace content (``proprietary``) is
not visited.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import NamedTuple

from lxml import etree

from aknkit.akn.schema import AKN_NS
from aknkit.validate.locate import clark_tag
from aknkit.validate.schema_facts import schema_facts

_AKN_ANY = "{" + AKN_NS + "}*"
_PREFIX_LENGTH = len(AKN_NS) + 2
_LABELLED = frozenset({"keyword", "componentData", "component"})


# (element, local name, eId, wId): plain tuples, since one is made per element with an id.
Identified = tuple[etree._Element, str, "str | None", "str | None"]


class Reference(NamedTuple):
    element: etree._Element
    name: str               # local name of the element
    attribute: str
    value: str


@dataclass
class DocumentFacts:
    # Elements with an eId or wId, except labels (see ``label_elements``).
    identified: list[Identified] = field(default_factory=list)
    eids: dict[str, etree._Element] = field(default_factory=dict)     # first holder of each eId
    wids: dict[str, list[etree._Element]] = field(default_factory=dict)
    lacking_eid: list[tuple[etree._Element, str]] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    documents: list[tuple[etree._Element, str]] = field(default_factory=list)


@functools.cache
def label_elements() -> frozenset[str]:
    """Elements whose eId is a label of their content, not element_ref + number.

    NC §5.4.2, third table: TLCs, keywords, component data and components;
    the same holds for every entry of <references> (original, passiveRef, ...).
    """
    return _LABELLED | schema_facts().reference_entries


def walk(tree: etree._ElementTree) -> DocumentFacts:
    facts = DocumentFacts()
    schema = schema_facts()
    idreq, documents, watched = schema.idreq_elements, schema.document_types, _watched_attributes()
    labels = label_elements()
    # Local names for the hot loop: it runs once per element of the document.
    identified, references, lacking = facts.identified, facts.references, facts.lacking_eid
    eids, wids = facts.eids, facts.wids
    for element in tree.getroot().iter(_AKN_ANY):
        name = clark_tag(element)[_PREFIX_LENGTH:]
        if name in documents:
            facts.documents.append((element, name))
        eid: str | None = None
        wid: str | None = None
        for attribute, value in element.items():
            if attribute == "eId":
                eid = value
            elif attribute == "wId":
                wid = value
            elif attribute in watched:
                references.append(Reference(element, name, attribute, value))
        if eid is None:
            if name in idreq:
                lacking.append((element, name))
            if wid is None:
                continue
        elif eid not in eids:
            eids[eid] = element
        if wid is not None:
            wids.setdefault(wid, []).append(element)
        if eid is not None and name in labels:
            continue
        identified.append((element, name, eid, wid))
    return facts


@functools.cache
def _watched_attributes() -> frozenset[str]:
    """Attributes holding references: those the schema types as such, and href."""
    return frozenset(schema_facts().reference_attributes) | {"href"}
