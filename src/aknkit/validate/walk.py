"""The one pass over the document that the naming rules share.

Every Akoma Ntoso element is visited once; what the rules need later is
collected on the way: which eIds and wIds are used (and where first), which
``idreq`` elements carry none, which attributes refer to something, and where
the document-type elements (act, bill, ...) are. Elements that carry an eId or
wId are handed to a visitor as they are met, so that the eId rules need not
keep them. Foreign-namespace content (``proprietary``) is not visited.

Little is kept per element, and no element object for one that is in order:
a list of every element of a large document would cost more in memory and in
Python's garbage collector than the rules themselves.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from lxml import etree

from aknkit.akn.schema import AKN_NS
from aknkit.validate.schema_facts import schema_facts

_AKN_ANY = "{" + AKN_NS + "}*"
_PREFIX_LENGTH = len(AKN_NS) + 2
_LABELLED = frozenset({"keyword", "componentData", "component"})

# Called with (element, local name, eId, wId) for every element with an eId or
# a wId, except labels (see ``label_elements``), in document order.
Visitor = Callable[[etree._Element, str, "str | None", "str | None"], None]


class Reference(NamedTuple):
    element: etree._Element
    name: str               # local name of the element
    attribute: str
    value: str


@dataclass
class DocumentFacts:
    tree: etree._ElementTree
    eids: set[str] = field(default_factory=set)
    wids: set[str] = field(default_factory=set)
    repeated_wids: dict[str, list[etree._Element]] = field(default_factory=dict)   # the later holders
    # Whether an element other than a label carries an eId: the document uses eIds.
    uses_eids: bool = False
    lacking_eid: list[tuple[etree._Element, str]] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    documents: list[tuple[etree._Element, str]] = field(default_factory=list)
    _first_lines: dict[str, dict[str, int | None]] = field(default_factory=dict)

    def first_lines(self, attribute: str) -> dict[str, int | None]:
        """Each value of ``attribute`` (eId or wId) -> the source line of its first holder
        (None where the parser gave none), in the order first used.

        Only messages need it, so it is read on first request, by a pass of its own.
        """
        lines = self._first_lines.get(attribute)
        if lines is None:
            lines = {}
            for element in self.tree.getroot().iter(_AKN_ANY):
                value = element.get(attribute)
                if value is not None and value not in lines:
                    lines[value] = element.sourceline
            self._first_lines[attribute] = lines
        return lines


@functools.cache
def label_elements() -> frozenset[str]:
    """Elements whose eId is a label of their content, not element_ref + number.

    NC §5.4.2, third table: TLCs, keywords, component data and components;
    the same holds for every entry of <references> (original, passiveRef, ...).
    """
    return _LABELLED | schema_facts().reference_entries


def walk(tree: etree._ElementTree, visit: Visitor) -> DocumentFacts:
    facts = DocumentFacts(tree)
    schema = schema_facts()
    idreq, documents, watched = schema.idreq_elements, schema.document_types, _watched_attributes()
    labels = label_elements()
    # Local names for the hot loop: it runs once per element of the document.
    references, lacking = facts.references, facts.lacking_eid
    eids, wids = facts.eids, facts.wids
    uses_eids = False
    for element in tree.getroot().iter(_AKN_ANY):
        tag = element.tag
        if not isinstance(tag, str):    # never so for a parsed element; narrows the type
            raise TypeError(f"element tag {tag!r} is not text")
        name = tag[_PREFIX_LENGTH:]
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
        else:
            eids.add(eid)
        if wid is not None:
            if wid not in wids:
                wids.add(wid)
            else:
                facts.repeated_wids.setdefault(wid, []).append(element)
        if eid is not None and name in labels:
            continue
        uses_eids = uses_eids or eid is not None
        visit(element, name, eid, wid)
    facts.uses_eids = uses_eids
    return facts


@functools.cache
def _watched_attributes() -> frozenset[str]:
    """Attributes holding references: those the schema types as such, and href."""
    return frozenset(schema_facts().reference_attributes) | {"href"}
