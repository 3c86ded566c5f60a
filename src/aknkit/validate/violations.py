"""Schema violations in one engine-neutral shape, and the sentence a person reads.

Both schema engines (libxml2 through lxml, and xmlschema) are translated into
:class:`Violation` records by their adapters; this module alone decides the code
and the wording, so the two engines report the same codes in the same words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypedDict

from lxml import etree

UNEXPECTED = "unexpected"            # a child element the content model does not allow here
NOT_EMPTY = "not-empty"              # children inside an element that must be empty
MISSING = "missing"                  # the content model is incomplete
ATTRIBUTE_NOT_ALLOWED = "attribute-not-allowed"
ATTRIBUTE_MISSING = "attribute-missing"
INVALID_VALUE = "invalid-value"
DUPLICATE = "duplicate"
TEXT = "text"
OTHER = "other"

_CODES = {
    UNEXPECTED: "AKN101", NOT_EMPTY: "AKN101", MISSING: "AKN102",
    ATTRIBUTE_NOT_ALLOWED: "AKN103", ATTRIBUTE_MISSING: "AKN104",
    INVALID_VALUE: "AKN105", DUPLICATE: "AKN106", TEXT: "AKN107", OTHER: "AKN199",
}

# What a value of a type looks like, for the types people get wrong most.
_TYPE_HINTS = {
    "date": "a date such as 2019-12-31",
    "dateTime": "a date-time such as 2019-12-31T10:00:00",
    "boolean": "true or false",
    "integer": "a whole number",
    "noWhiteSpace": "a value without whitespace",
    "anyURI": "a URI reference",
}
# Attributes whose type is an anonymous union in the schema (libxml2 calls it a
# "local union type"): the attribute's name says what is expected.
_ATTRIBUTE_HINTS = {
    "date": "a date such as 2019-12-31 (or a date-time)",
    "time": "a time or date-time",
}


class Where(TypedDict):
    """The fields of a :class:`Violation` an engine reads once per error, before the kind."""

    element: etree._Element | None
    line: int | None
    column: int | None
    name: str


@dataclass(frozen=True)
class Violation:
    kind: str
    element: etree._Element | None   # the element the problem is on, when known
    line: int | None
    column: int | None
    name: str                        # local name of that element
    attribute: str | None = None
    value: str | None = None
    expected: tuple[str, ...] = ()   # element names, or allowed values for an enumeration
    type_name: str | None = None     # the simple type a value failed
    pattern: str | None = None
    raw: str = ""                    # the engine's own words, for OTHER
    first_line: int | None = None    # DUPLICATE: where the value is first used

    @property
    def code(self) -> str:
        return _CODES[self.kind]


def local(name: str) -> str:
    """``{ns}name`` or ``prefix:name`` -> ``name``."""
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _one_of(names: Iterable[str]) -> str:
    quoted = [f"`{n}`" for n in names]
    if len(quoted) == 1:
        return quoted[0]
    return "one of " + ", ".join(quoted)


def message(v: Violation) -> str:
    if v.kind == UNEXPECTED:
        if v.expected:
            return f"element `{v.name}` not expected here; expected {_one_of(v.expected)}"
        return f"element `{v.name}` not allowed here"
    if v.kind == NOT_EMPTY:
        return f"element `{v.name}` must be empty; child elements are not allowed in it"
    if v.kind == MISSING:
        if v.expected:
            return f"element `{v.name}` is incomplete; expected {_one_of(v.expected)} next"
        return f"element `{v.name}` is incomplete; a required child element is missing"
    if v.kind == ATTRIBUTE_NOT_ALLOWED:
        return f"attribute `{v.attribute}` not allowed on `{v.name}`"
    if v.kind == ATTRIBUTE_MISSING:
        return f"element `{v.name}` needs the attribute `{v.attribute}`"
    if v.kind == INVALID_VALUE:
        return _invalid_value(v)
    if v.kind == DUPLICATE:
        first = f" (first on line {v.first_line})" if v.first_line else ""
        return f"{v.attribute} `{v.value}` is used more than once in the document{first}"
    if v.kind == TEXT:
        return f"text not allowed directly inside `{v.name}`"
    return f"`{v.name}`: {v.raw}"


def _invalid_value(v: Violation) -> str:
    subject = f"attribute `{v.attribute}` of `{v.name}`" if v.attribute else f"content of `{v.name}`"
    value = f"`{v.value}`" if v.value is not None else "value"
    if v.expected:
        want = f"expected {_one_of(v.expected)}"
    elif v.pattern is not None:
        hint = _TYPE_HINTS.get(v.type_name or "") or (
            _TYPE_HINTS["noWhiteSpace"] if v.pattern == r"[^\s]+" else None)
        want = f"expected {hint}" if hint else f"expected a value matching `{v.pattern}`"
    elif v.type_name and v.type_name in _TYPE_HINTS:
        want = f"expected {_TYPE_HINTS[v.type_name]}"
    elif v.attribute and v.attribute in _ATTRIBUTE_HINTS:
        want = f"expected {_ATTRIBUTE_HINTS[v.attribute]}"
    elif v.type_name:
        want = f"expected a valid `{v.type_name}`"
    else:
        return f"{subject}: {value} is not valid for its type"
    return f"{subject}: {value} is not valid; {want}"
