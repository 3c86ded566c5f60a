"""Level 1 with the ``xmlschema`` package: slower than libxml2, but its errors
carry structured facts (the offending child, the expected particles, the
failing facet), which are read into :class:`Violation` records."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml import etree

from aknkit.akn.schema import xmlschema_schema
from aknkit.validate.locate import clark_tag
from aknkit.validate.violations import (
    ATTRIBUTE_MISSING,
    ATTRIBUTE_NOT_ALLOWED,
    DUPLICATE,
    INVALID_VALUE,
    MISSING,
    OTHER,
    TEXT,
    UNEXPECTED,
    Violation,
    Where,
    local,
)

if TYPE_CHECKING:
    from xmlschema import XMLSchemaValidationError

_ATTRIBUTE_VALUE = re.compile(r"^attribute (?P<attribute>\S+?)=(?P<quote>['\"])(?P<value>.*?)(?P=quote):",
                              re.DOTALL)
_NOT_ALLOWED = re.compile(r"attribute '?(?P<attribute>[^' ]+)'? (?:is )?not allowed")
_REQUIRED = re.compile(r"missing required attribute '?(?P<attribute>[^' ]+)'?")
_DUPLICATE = re.compile(r"duplicated value \((?P<values>.*?),?\) for \w+\(name='(?P<constraint>[^']+)'\)")


def violations(tree: etree._ElementTree) -> list[Violation]:
    schema = xmlschema_schema()
    # xmlschema validates lxml trees (it documents them as input), but its
    # declared protocols do not admit types-lxml's precise _ElementTree.
    return [_read(error) for error in schema.iter_errors(tree)]  # type: ignore[arg-type]


def _read(error: XMLSchemaValidationError) -> Violation:
    reason = error.reason or str(error)
    # Read with getattr, here and below: not every error class of every
    # supported xmlschema release has these attributes.
    child = getattr(error, "invalid_child", None)
    element = child if isinstance(child, etree._Element) else _element(error)
    where = Where(element=element, line=_line(element, error), column=None,
                  name=local(clark_tag(element)) if element is not None else "document")
    validator = type(error.validator).__name__
    if reason.startswith("Unexpected child"):
        return Violation(UNEXPECTED, expected=_expected(error), **where)
    if "is not complete" in reason:
        return Violation(MISSING, expected=_expected(error), **where)
    if reason.startswith("character data"):
        return Violation(TEXT, **where)
    if (match := _REQUIRED.search(reason)) is not None:
        return Violation(ATTRIBUTE_MISSING, attribute=local(match["attribute"]), **where)
    if (match := _NOT_ALLOWED.search(reason)) is not None:
        return Violation(ATTRIBUTE_NOT_ALLOWED, attribute=local(match["attribute"]), **where)
    if (match := _DUPLICATE.search(reason)) is not None:
        # The schema names its unique constraints ``eId-act``, ``GUID-bill``, ...
        return Violation(DUPLICATE, attribute=local(match["constraint"]).split("-", 1)[0],
                         value=match["values"].strip("'\""), **where)
    attribute_value = _ATTRIBUTE_VALUE.match(reason)
    if attribute_value is not None or (validator.startswith("Xsd") and _is_value_check(validator)):
        return _invalid_value(error, attribute_value, where)
    return Violation(OTHER, raw=reason, **where)


def _is_value_check(validator: str) -> bool:
    return validator.endswith(("Facets", "Facet", "AtomicBuiltin", "AtomicRestriction", "Union", "List"))


def _invalid_value(error: XMLSchemaValidationError, attribute_value: re.Match[str] | None,
                   where: Where) -> Violation:
    # Loaded already (the error comes from it); at the top it would slow every lxml validation.
    from xmlschema.validators import XsdEnumerationFacets, XsdPatternFacets

    attribute = local(attribute_value["attribute"]) if attribute_value else None
    value = attribute_value["value"] if attribute_value else _text_value(error)
    facets = error.validator
    if isinstance(facets, XsdEnumerationFacets):
        return Violation(INVALID_VALUE, attribute=attribute, value=value,
                         expected=tuple(str(v) for v in facets.enumeration), **where)
    if isinstance(facets, XsdPatternFacets):
        patterns = facets.regexps
        pattern = patterns[0] if patterns else None
        return Violation(INVALID_VALUE, attribute=attribute, value=value, pattern=pattern, **where)
    type_name: str | None = getattr(facets, "local_name", None) or None
    return Violation(INVALID_VALUE, attribute=attribute, value=value, type_name=type_name, **where)


def _text_value(error: XMLSchemaValidationError) -> str | None:
    obj = error.obj
    return obj if isinstance(obj, str) else None


def _element(error: XMLSchemaValidationError) -> etree._Element | None:
    elem = getattr(error, "elem", None)
    return elem if isinstance(elem, etree._Element) else None


def _line(element: etree._Element | None, error: XMLSchemaValidationError) -> int | None:
    if element is not None and element.sourceline:
        return element.sourceline
    line: int | None = getattr(error, "sourceline", None) or None
    return line


def _expected(error: XMLSchemaValidationError) -> tuple[str, ...]:
    """The particles the content model expected (only a children error names them)."""
    names: list[str] = []
    for particle in getattr(error, "expected", None) or ():
        name = getattr(particle, "local_name", None) or getattr(particle, "name", None)
        if name and local(name) not in names:
            names.append(local(name))
    return tuple(names)
