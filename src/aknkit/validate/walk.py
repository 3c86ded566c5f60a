"""The one pass over the document that the naming rules share.

Every Akoma Ntoso element is visited once; what the rules need later is
collected on the way: which eIds and wIds are used, which ``idreq`` elements
carry none, which attributes refer to something, and where the document-type
elements (act, bill, ...) are. Foreign-namespace content (``proprietary``) is
not visited.

The eId rules' common case is decided in the pass itself: an eId whose last
step is the element's own element_ref with a plain number, under its parent's
eId, with a num that agrees. Every other element with an eId or a wId goes to
the rules' visitor (``identifiers.IdentifierRules``), which explains what is
wrong. Little is kept per element, and no element object for one in order: a
call, a list entry or a set entry per element would cost more than the checks.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from lxml import etree

from aknkit.akn.schema import AKN_NS
from aknkit.validate.identifiers import num_agrees, plain_refs
from aknkit.validate.schema_facts import schema_facts

_AKN = "{" + AKN_NS + "}"
_AKN_ANY = _AKN + "*"
_NUM = _AKN + "num"
_PREFIX_LENGTH = len(_AKN)
_SEPARATOR = "__"
_LABELLED = frozenset({"keyword", "componentData", "component"})
# Questions ``DocumentFacts.has_eid`` answers by scanning: a scan costs about a
# tenth of making the set.
_SCANNED_QUESTIONS = 8

# Called with (element, local name, eId, wId) for each element with an eId or a
# wId that is not plainly right, except labels (see ``label_elements``), in document order.
Visitor = Callable[[etree._Element, str, "str | None", "str | None"], None]


class Reference(NamedTuple):
    element: etree._Element
    name: str               # local name of the element
    attribute: str
    value: str


@dataclass
class DocumentFacts:
    tree: etree._ElementTree
    eid_list: list[str] = field(default_factory=list)     # every eId, in document order
    wids: set[str] = field(default_factory=set)
    repeated_wids: dict[str, list[etree._Element]] = field(default_factory=dict)   # the later holders
    # Whether an element other than a label carries an eId: the document uses eIds.
    uses_eids: bool = False
    lacking_eid: list[tuple[etree._Element, str]] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    documents: list[tuple[etree._Element, str]] = field(default_factory=list)
    _first_lines: dict[str, dict[str, int | None]] = field(default_factory=dict)
    _eid_set: frozenset[str] | None = None
    _eid_questions: int = 0

    def has_eid(self, value: str) -> bool:
        """Does some element carry the eId ``value``? A few questions (most documents
        refer to little) are answered from the list; more make it a set first."""
        if self._eid_set is None:
            self._eid_questions += 1
            if self._eid_questions <= _SCANNED_QUESTIONS:
                return value in self.eid_list
            self._eid_set = frozenset(self.eid_list)
        return value in self._eid_set

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


@dataclass(frozen=True)
class _Kinds:
    """The schema's element kinds as the pass meets them: by tag (``{namespace}name``)."""

    idreq: frozenset[str]
    documents: frozenset[str]
    numbered: frozenset[str]
    labels: frozenset[str]
    plain_refs: dict[str, str]  # tag -> the element_ref that ends its eIds plainly (``identifiers.plain_refs``)
    watched: frozenset[str]     # attribute names holding references: those the schema types so, and href


@functools.cache
def _kinds() -> _Kinds:
    schema = schema_facts()

    def tags(names: frozenset[str]) -> frozenset[str]:
        return frozenset(_AKN + name for name in names)

    return _Kinds(tags(schema.idreq_elements), tags(schema.document_types), tags(schema.numbered_elements),
                  tags(label_elements()),
                  {_AKN + name: ref for name, ref in plain_refs(schema.elements).items()},
                  frozenset(schema.reference_attributes) | {"href"})


def walk(tree: etree._ElementTree, visit: Visitor) -> DocumentFacts:
    whole = Walk(tree, visit)
    whole.elements(tree.getroot().iter(_AKN_ANY))
    return whole.facts


class Walk:
    """One pass over a document, given its elements part by part: all at once
    (:func:`walk`), or a document read as a stream, each part as it is read
    and dropped after. The facts gather over the parts; an element's parent
    and ancestors must still be in the tree when its part is given."""

    def __init__(self, tree: etree._ElementTree, visit: Visitor):
        self.facts = DocumentFacts(tree)
        self.visit = visit

    def elements(self, elements: Iterator[etree._Element]) -> None:
        """Visit ``elements`` (Akoma Ntoso elements, in document order: a whole subtree)."""
        facts, visit = self.facts, self.visit
        kinds = _kinds()
        # Local names for the hot loop: it runs once per element of the document, and
        # is one loop on purpose (a call per element would cost more than its work).
        idreq, documents, numbered, labels, refs, watched = kinds.idreq, kinds.documents, kinds.numbered, \
            kinds.labels, kinds.plain_refs, kinds.watched
        references, lacking, wids, add_eid = facts.references, facts.lacking_eid, facts.wids, facts.eid_list.append
        uses_eids = facts.uses_eids
        # A numbered element whose eId is plainly right, its eId and the eId's number:
        # the next element is its num, or it has none first and the rules look further.
        held: etree._Element | None = None
        held_eid, held_number = "", None
        for element in elements:
            tag = element.tag
            if not isinstance(tag, str):    # never so for a parsed element; narrows the type
                raise TypeError(f"element tag {tag!r} is not text")
            if held is not None:
                if not (tag == _NUM and element.getparent() is held and num_agrees(held_number, element)):
                    visit(held, _local(held), held_eid, None)
                held = None
            if tag in documents:
                facts.documents.append((element, tag[_PREFIX_LENGTH:]))
            attributes = element.items()
            if not attributes:
                if tag in idreq:
                    lacking.append((element, tag[_PREFIX_LENGTH:]))
                continue
            eid: str | None = None
            wid: str | None = None
            for attribute, value in attributes:
                if attribute == "eId":
                    eid = value
                elif attribute == "wId":
                    wid = value
                elif attribute in watched:
                    references.append(Reference(element, tag[_PREFIX_LENGTH:], attribute, value))
            if wid is not None:
                if wid in wids:
                    facts.repeated_wids.setdefault(wid, []).append(element)
                else:
                    wids.add(wid)
            if eid is None:
                if tag in idreq:
                    lacking.append((element, tag[_PREFIX_LENGTH:]))
                if wid is not None:
                    visit(element, tag[_PREFIX_LENGTH:], None, wid)
                continue
            add_eid(eid)
            if tag in labels:
                continue
            uses_eids = True
            if wid is None:
                prefix, separator, step = eid.rpartition(_SEPARATOR)
                ref, numbered_step, step_number = step.partition("_")
                if (ref == refs.get(tag) and (not numbered_step or step_number.isalnum())
                        and (not separator or ((parent := element.getparent()) is not None
                                               and parent.get("eId") == prefix))):
                    if tag in numbered:
                        held, held_eid, held_number = element, eid, step_number if numbered_step else None
                    continue
            visit(element, tag[_PREFIX_LENGTH:], eid, wid)
        if held is not None:
            visit(held, _local(held), held_eid, None)
        facts.uses_eids = uses_eids


def _local(element: etree._Element) -> str:
    return str(element.tag)[_PREFIX_LENGTH:]
