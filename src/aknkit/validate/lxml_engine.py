"""Level 1 with libxml2 (through lxml): fast; its messages are read into
:class:`Violation` records.

libxml2 words every schema error as ``Element '{ns}name'[, attribute 'a']: ...``;
the patterns below take those sentences apart. Anything unrecognised is kept
whole as an ``other`` violation rather than dropped.
"""

from __future__ import annotations

import re

from lxml import etree

from aknkit.akn.schema import lxml_schema
from aknkit.validate.violations import (
    ATTRIBUTE_MISSING,
    ATTRIBUTE_NOT_ALLOWED,
    DUPLICATE,
    INVALID_VALUE,
    MISSING,
    NOT_EMPTY,
    OTHER,
    TEXT,
    UNEXPECTED,
    Violation,
    Where,
    local,
)

_HEAD = re.compile(r"^Element '(?P<element>[^']+)'(?:, attribute '(?P<attribute>[^']+)')?: (?P<rest>.*)$",
                   re.DOTALL)
_EXPECTED = re.compile(r"Expected is (?:one of )?\( (?P<names>.*?) \)")
_REQUIRED = re.compile(r"The attribute '(?P<attribute>[^']+)' is required but missing")
_PATTERN = re.compile(r"\[facet 'pattern'\] The value '(?P<value>.*)' is not accepted by the pattern "
                      r"'(?P<pattern>.*)'\.$", re.DOTALL)
_ENUMERATION = re.compile(r"\[facet 'enumeration'\] The value '(?P<value>.*)' is not an element of the set "
                          r"\{(?P<set>.*)\}\.$", re.DOTALL)
_FACET = re.compile(r"\[facet '(?P<facet>\w+)'\] The value '(?P<value>.*?)'", re.DOTALL)
_TYPE = re.compile(r"^'(?P<value>.*)' is not a valid value of the (?:local )?(?:atomic|union|list) type"
                   r"(?: '(?P<type>[^']+)')?\.$", re.DOTALL)
_DUPLICATE = re.compile(r"Duplicate key-sequence \[(?P<values>.*)\] in (?:unique|key) identity-constraint "
                        r"'(?P<constraint>[^']+)'")
# A follow-up libxml2 emits after a value was already reported invalid.
_NOISE = "No precomputed value available"


def violations(tree: etree._ElementTree) -> list[Violation]:
    schema = lxml_schema()
    if schema.validate(tree):
        return []
    found: list[Violation] = []
    for entry in schema.error_log:
        violation = _read(tree, entry)
        if violation is not None:
            found.append(violation)
    return found


def _read(tree: etree._ElementTree, entry: etree._LogEntry) -> Violation | None:
    head = _HEAD.match(entry.message)
    if head is None:
        return Violation(OTHER, None, entry.line or None, entry.column or None, "document", raw=entry.message)
    rest = head["rest"]
    if _NOISE in rest:
        return None
    element = _element_at(tree, entry.path)
    base = Where(element=element, line=entry.line or None, column=entry.column or None,
                 name=local(head["element"]))
    attribute = head["attribute"]
    if rest.startswith("This element is not expected"):
        return Violation(UNEXPECTED, expected=_expected(rest), **base)
    if rest.startswith("Missing child element"):
        return Violation(MISSING, expected=_expected(rest), **base)
    if rest.startswith("Element content is not allowed"):
        return Violation(NOT_EMPTY, **base)
    if rest.startswith("Character content"):
        return Violation(TEXT, **base)
    if (required := _REQUIRED.search(rest)) is not None:
        return Violation(ATTRIBUTE_MISSING, attribute=required["attribute"], **base)
    if "is not allowed" in rest and attribute:
        return Violation(ATTRIBUTE_NOT_ALLOWED, attribute=local(attribute), **base)
    if (duplicate := _DUPLICATE.search(rest)) is not None:
        return Violation(DUPLICATE, attribute=_constrained_attribute(duplicate["constraint"]),
                         value=duplicate["values"].strip("'"), **base)
    if (match := _PATTERN.search(rest)) is not None:
        return Violation(INVALID_VALUE, attribute=attribute, value=match["value"],
                         pattern=match["pattern"], **base)
    if (match := _ENUMERATION.search(rest)) is not None:
        allowed = tuple(v.strip().strip("'") for v in match["set"].split(","))
        return Violation(INVALID_VALUE, attribute=attribute, value=match["value"], expected=allowed, **base)
    if (match := _TYPE.search(rest)) is not None:
        type_name = local(match["type"]) if match["type"] else None
        return Violation(INVALID_VALUE, attribute=attribute, value=match["value"], type_name=type_name, **base)
    if (match := _FACET.search(rest)) is not None:
        return Violation(INVALID_VALUE, attribute=attribute, value=match["value"], **base)
    return Violation(OTHER, raw=_strip_namespaces(rest), **base)


def _expected(rest: str) -> tuple[str, ...]:
    match = _EXPECTED.search(rest)
    if match is None:
        return ()
    return tuple(local(name.strip()) for name in match["names"].split(","))


def _constrained_attribute(constraint: str) -> str:
    """``eId-act`` -> ``eId``: the schema names its unique constraints so."""
    return local(constraint).split("-", 1)[0]


def _strip_namespaces(text: str) -> str:
    return re.sub(r"\{[^}]*\}", "", text)


def _element_at(tree: etree._ElementTree, path: str | None) -> etree._Element | None:
    """The element libxml2 points at; its paths are plain XPath (``/*/*[2]``)."""
    if not path:
        return None
    namespaces = {prefix: uri for prefix, uri in (tree.getroot().nsmap or {}).items() if prefix}
    try:
        hits = tree.xpath(path, namespaces=namespaces)
    except etree.XPathError:
        return None
    return hits[0] if hits and isinstance(hits[0], etree._Element) else None
