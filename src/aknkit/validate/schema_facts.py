"""Facts the naming rules need, read from the official schema itself rather
than copied by hand: which elements belong to the ``idreq`` group, which
attributes hold references to eIds, and which elements are document types.

Read once per process from ``schemas/akomantoso30.xsd``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from lxml import etree

from aknkit.akn.schema import schema_path

_XS = "{http://www.w3.org/2001/XMLSchema}"

# Simple types whose values are ``#`` + the eId of an element of the document.
# Those that point into the <references> section (TLCs) are told apart, since
# a broken one is a different mistake.
_ELEMENT_REF_TYPES = frozenset({"eIdRef", "voteRef", "eventRefRef", "temporalGroupRef"})
_WORK_REF_TYPES = frozenset({"wIdRef"})
_TLC_REF_TYPES = frozenset({"agentRef", "roleRef", "conceptRef", "referenceRef"})

ELEMENT_REF = "element"     # resolves to an eId
WORK_REF = "work"           # resolves to a wId (or an eId standing for it)
TLC_REF = "tlc"             # resolves to the eId of a TLC in <references>


@dataclass(frozen=True)
class SchemaFacts:
    elements: frozenset[str]                # every element the schema declares
    idreq_elements: frozenset[str]
    numbered_elements: frozenset[str]       # elements whose content model allows a <num> child
    reference_entries: frozenset[str]       # elements allowed inside <references> (TLCs, original, ...)
    document_types: frozenset[str]
    reference_attributes: dict[str, str]    # attribute name -> ELEMENT_REF | WORK_REF | TLC_REF
    list_attributes: frozenset[str]         # reference attributes holding a space-separated list


@functools.cache
def schema_facts() -> SchemaFacts:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    root = etree.parse(str(schema_path()), parser).getroot()
    references, lists = _reference_attributes(root)
    return SchemaFacts(
        elements=frozenset(_named(root, "element")),
        idreq_elements=_idreq_elements(root),
        numbered_elements=_elements_allowing_child(root, "num"),
        reference_entries=_children_of(root, "references"),
        document_types=_document_types(root),
        reference_attributes=references,
        list_attributes=lists,
    )


def _named(root: etree._Element, kind: str) -> dict[str, etree._Element]:
    """The global definitions of ``kind`` by name (every global definition has one)."""
    return {name: node for node in root.iterfind(_XS + kind) if (name := node.get("name")) is not None}


def _values(nodes: Iterable[etree._Element], attribute: str) -> Iterator[str]:
    """The non-empty values of ``attribute`` on ``nodes``, in document order."""
    for node in nodes:
        value = node.get(attribute)
        if value:
            yield value


def _idreq_elements(root: etree._Element) -> frozenset[str]:
    """Global elements that carry the ``idreq`` attribute group, directly or not."""
    return _elements_where(root, "attributeGroup",
                           lambda node: node.get("name") == "idreq" and node.tag == _XS + "attributeGroup")


def _elements_allowing_child(root: etree._Element, child: str) -> frozenset[str]:
    """Global elements whose content model (through groups and base types) names ``child``."""
    return _elements_where(root, "group",
                           lambda node: any(ref.get("ref") == child for ref in node.iter(_XS + "element")))


def _elements_where(root: etree._Element, via: str, holds: Callable[[etree._Element], bool]) -> frozenset[str]:
    """Global elements whose definition satisfies ``holds``, itself or through the
    named ``via`` definitions (attribute groups, model groups) it refers to and
    the complex types it extends or restricts, at any depth."""
    named = _named(root, via)
    types = _named(root, "complexType")

    @functools.cache
    def named_holds(name: str) -> bool:
        node = named.get(name)
        return node is not None and node_holds(node)

    @functools.cache
    def type_holds(name: str) -> bool:
        node = types.get(name)
        return node is not None and node_holds(node)

    def node_holds(node: etree._Element) -> bool:
        if holds(node):
            return True
        if any(named_holds(ref) for ref in _values(node.iter(_XS + via), "ref")):
            return True
        return any(type_holds(base) for base in _values(node.iter(_XS + "extension", _XS + "restriction"), "base")
                   if base in types)

    found: set[str] = set()
    for element in root.iterfind(_XS + "element"):
        name, type_name = element.get("name"), element.get("type")
        if name is not None and ((type_name and type_holds(type_name)) or node_holds(element)):
            found.add(name)
    return frozenset(found)


def _children_of(root: etree._Element, name: str) -> frozenset[str]:
    """The elements the content model of the global element ``name`` allows as children."""
    groups = _named(root, "group")
    types = _named(root, "complexType")
    element = _named(root, "element")[name]
    type_name = element.get("type")
    pending = [types[type_name] if type_name is not None and type_name in types else element]
    seen: set[int] = set()
    names: set[str] = set()
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        names.update(_values(node.iter(_XS + "element"), "ref"))
        pending += [groups[ref] for ref in _values(node.iter(_XS + "group"), "ref") if ref in groups]
        pending += [types[base] for base in _values(node.iter(_XS + "extension", _XS + "restriction"), "base")
                    if base in types]
    return frozenset(names)


def _document_types(root: etree._Element) -> frozenset[str]:
    group = _named(root, "group")["documentType"]
    return frozenset(_values(group.iter(_XS + "element"), "ref"))


def _reference_attributes(root: etree._Element) -> tuple[dict[str, str], frozenset[str]]:
    kinds: dict[str, str] = {}
    lists: set[str] = set()
    for attribute in root.iter(_XS + "attribute"):
        name = attribute.get("name")
        if not name:
            continue
        type_name = attribute.get("type")
        if type_name is None:
            restriction = attribute.find(f".//{_XS}restriction")
            type_name = restriction.get("base") if restriction is not None else None
            if attribute.find(f".//{_XS}list") is not None:
                lists.add(name)
        kind = _reference_kind(type_name)
        if kind is not None:
            # An attribute name shared by an element reference and a TLC reference
            # (``for``) is checked as an element reference: both resolve to an eId.
            kinds[name] = ELEMENT_REF if kinds.get(name, kind) != kind else kind
    return kinds, frozenset(lists & set(kinds))


def _reference_kind(type_name: str | None) -> str | None:
    if type_name in _ELEMENT_REF_TYPES:
        return ELEMENT_REF
    if type_name in _WORK_REF_TYPES:
        return WORK_REF
    if type_name in _TLC_REF_TYPES:
        return TLC_REF
    return None
