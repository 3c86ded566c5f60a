"""Level 2 for a large document on disk, in one streaming pass.

The file is parsed piece by piece and validated against the schema as it is
read; each unit of the body goes through the naming rules' pass
(:class:`~aknkit.validate.walk.Walk`) once it is read, and is then dropped.

The schema's identity constraints (eIds, and GUIDs, unique within each
document) cost libxml2 more than the rest of the schema together, read as a
stream. A large file is therefore validated against the schema without them,
and its eIds and GUIDs are gathered here instead, each required unique in the
whole file (stricter than the schema: a value used twice only sends the file
to the full check).
Only a verdict comes out: a document that fails anything is checked again
whole (:func:`~aknkit.validate.check_tree`), which says what is wrong, where.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from aknkit.akn.schema import AKN_NS, lxml_schema, schema_path
from aknkit.validate.identifiers import IdentifierRules
from aknkit.validate.inputs import root_findings
from aknkit.validate.naming import rule_findings
from aknkit.validate.walk import Walk

_AKN_ANY = f"{{{AKN_NS}}}*"
_BODY = f"{{{AKN_NS}}}body"

# Called with each part of the document in order, for what else reads its
# text: the children of the document type's element (act, ...) before its
# body, each unit of the body, then the children after the body. Or, for a
# document without units in its body, once with the document element.
PartReader = Callable[[etree._Element], None]

_XS = "{http://www.w3.org/2001/XMLSchema}"
# From this size on, the identity constraints cost more than compiling the
# schema a second time without them (about 0.2 s; identity costs about 25 ms a MB).
IDENTITIES_HERE_FROM_BYTES = 8_000_000


# The identity constraints this pass checks itself (see _Identities): a value
# unique among all the elements below a document's element.
_OWN_CONSTRAINTS = {(".//*", "@eId"), (".//*", "@GUID")}


@functools.cache
def _schema_without_identities() -> etree.XMLSchema:
    """The Akoma Ntoso schema without the xs:unique constraints this pass checks itself."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    document = etree.parse(str(schema_path()), parser)
    for constraint in list(document.iter(_XS + "unique")):
        selector, field = constraint.find(_XS + "selector"), constraint.findall(_XS + "field")
        parent = constraint.getparent()
        if (parent is not None and selector is not None and len(field) == 1
                and (selector.get("xpath"), field[0].get("xpath")) in _OWN_CONSTRAINTS):
            parent.remove(constraint)
    return etree.XMLSchema(document)


# The values the schema's identity constraints compare: of every element, in any namespace.
_EIDS = etree.XPath("descendant-or-self::*/@eId", smart_strings=False)
_GUIDS = etree.XPath("descendant-or-self::*/@GUID", smart_strings=False)


class _Identities:
    """The eIds and GUIDs of the parts of a document read so far."""

    def __init__(self) -> None:
        self.eids: set[object] = set()
        self.guids: set[object] = set()
        self.repeated = False

    def add(self, part: etree._Element) -> None:
        for values, seen in ((_EIDS(part), self.eids), (_GUIDS(part), self.guids)):
            if isinstance(values, list) and values:
                before = len(seen)
                seen.update(values)
                self.repeated = self.repeated or len(seen) - before != len(values)


def conforms(path: Path, filename: str, read: PartReader, identities_here: bool | None = None) -> bool:
    """Whether the file at ``path`` passes Level 2 (schema and naming rules).

    False means it fails, or that this pass cannot tell (a body elsewhere than
    in the document type's element, an eId or GUID used twice in the file);
    ``read`` has then seen only some parts. ``identities_here``: whether the
    identity constraints are checked here rather than by libxml2 (by default,
    for a large file).
    """
    if identities_here is None:
        identities_here = path.stat().st_size >= IDENTITIES_HERE_FROM_BYTES
    identities = _Identities() if identities_here else None
    identifiers = IdentifierRules(filename)
    schema = _schema_without_identities() if identities_here else lxml_schema()
    stream = etree.iterparse(str(path), events=("end",), schema=schema, no_network=True,
                             resolve_entities=False, huge_tree=True)
    body: etree._Element | None = None
    walk: Walk | None = None
    try:
        for _, element in stream:
            parent = element.getparent()
            if parent is None or parent.tag != _BODY:
                continue
            if walk is None:
                body, walk = parent, Walk(element.getroottree(), identifiers.visit)
                before = _parts_beside(body, preceding=True)
                if before is None:
                    return False
                for part in reversed(before):
                    read(part)
            elif parent is not body:
                return False    # a second body: not what this pass knows how to read
            walk.elements(element.iter(_AKN_ANY))
            read(element)
            if identities is not None:
                identities.add(element)
            element.clear()
            parent.remove(element)
    except etree.LxmlError:
        return False
    root = stream.root
    if root is None or root_findings(root.getroottree(), filename):
        return False
    if identities is not None:
        identities.add(root)
        if identities.repeated:
            return False
    if body is None:
        read(root)
    else:
        after = _parts_beside(body, preceding=False)
        if after is None:
            return False
        for part in after:
            read(part)
    walk = walk or Walk(root.getroottree(), identifiers.visit)
    walk.elements(root.iter(_AKN_ANY))
    return not rule_findings(identifiers, walk.facts, filename)


def _parts_beside(body: etree._Element, preceding: bool) -> list[etree._Element] | None:
    """The elements before (nearest first) or after ``body`` in the document
    type's element; None unless that element is the document element's child
    and holds only elements (the schema allows no text there)."""
    holder = body.getparent()
    root = holder.getparent() if holder is not None else None
    if root is None or root.getparent() is not None:
        return None
    parts = list(body.itersiblings(preceding=preceding))
    if not all(isinstance(part.tag, str) for part in parts):
        return None
    return parts
