"""Level 2 for a large document on disk, in one streaming pass.

The file is parsed piece by piece and validated against the schema as it is
read (libxml2 checks the identity constraints, such as unique eIds, over the
whole stream); each unit of the body goes through the naming rules' pass
(:class:`~aknkit.validate.walk.Walk`) once it is read, and is then dropped.
Only a verdict comes out: a document that fails anything is checked again
whole (:func:`~aknkit.validate.check_tree`), which says what is wrong, where.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lxml import etree

from aknkit.akn.schema import AKN_NS, lxml_schema
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


def conforms(path: Path, filename: str, read: PartReader) -> bool:
    """Whether the file at ``path`` passes Level 2 (schema and naming rules).

    False means it fails, or that this pass cannot tell (a body elsewhere than
    in the document type's element); ``read`` has then seen only some parts.
    """
    identifiers = IdentifierRules(filename)
    stream = etree.iterparse(str(path), events=("end",), schema=lxml_schema(), no_network=True,
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
            element.clear()
            parent.remove(element)
    except etree.LxmlError:
        return False
    root = stream.root
    if root is None or root_findings(root.getroottree(), filename):
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
