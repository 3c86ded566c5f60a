"""Level 2 rules for references held in attributes.

Internal references are ``#`` + an eId of this document (NC §4.10.1); the
schema types each reference attribute (``eIdRef``, ``agentRef``, ...), and
``schema_facts`` reads which attributes those are. ``href`` may also hold a
global reference to another document, which must be a relative ``/akn/``
IRI (NC §4.3, §4.10). ``<a>`` is outside the naming convention (Part 2 §3).
"""

from __future__ import annotations

import re

from aknkit.akn.ids import parse_iri
from aknkit.findings import Finding
from aknkit.validate.registry import make_at
from aknkit.validate.schema_facts import TLC_REF, WORK_REF, schema_facts
from aknkit.validate.walk import DocumentFacts, Reference

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# <a> is plain HTML linking; FRBRmasterExpression's href is checked by AKN216.
_NOT_NAMING = frozenset({"a", "FRBRmasterExpression"})


def reference_findings(facts: DocumentFacts, filename: str) -> list[Finding]:
    schema = schema_facts()
    found: list[Finding] = []
    for reference in facts.references:
        if reference.attribute == "href":
            if reference.name not in _NOT_NAMING:
                _check_href(reference, facts, filename, found)
            continue
        kind = schema.reference_attributes[reference.attribute]
        values = reference.value.split() if reference.attribute in schema.list_attributes else [reference.value]
        for value in values:
            _check_id_reference(reference, value, kind, facts, filename, found)
    return found


def _make(code: str, message: str, reference: Reference, filename: str) -> Finding:
    return make_at(code, message, filename, reference.element)


def _check_id_reference(reference: Reference, value: str, kind: str, facts: DocumentFacts,
                        filename: str, found: list[Finding]) -> None:
    code = "AKN402" if kind == TLC_REF else "AKN401"
    where = f"`{reference.attribute}` of `{reference.name}`"
    if not value.startswith("#"):
        found.append(_make(code, f"{where} is `{value}`; expected `#` followed by an eId", reference, filename))
        return
    target = value[1:]
    if facts.has_eid(target) or (kind == WORK_REF and target in facts.wids):
        return
    if kind == TLC_REF:
        text = f"{where} refers to `{value}`, but no element of <references> (or elsewhere) has the eId `{target}`"
    else:
        either = "wId or " if kind == WORK_REF else ""
        text = f"{where} refers to `{value}`, but no element has the {either}eId `{target}`"
    found.append(_make(code, text, reference, filename))


def _check_href(reference: Reference, facts: DocumentFacts, filename: str, found: list[Finding]) -> None:
    value = reference.value
    if value.startswith("#"):
        if not facts.has_eid(value[1:]):
            found.append(_make("AKN401", f"`href` of `{reference.name}` refers to `{value}`, but no element has "
                                         f"the eId `{value[1:]}`", reference, filename))
        return
    if value.startswith("/akn/ontology/"):
        return
    if value.startswith("/akn/"):
        if parse_iri(value) is None:
            found.append(_make("AKN403", f"`href` `{value}` of `{reference.name}` does not have the shape of an "
                                         "AKN IRI (/akn/{country}/{doctype}/.../{date}/{number}...)",
                               reference, filename))
        return
    if value.startswith("/"):
        found.append(_make("AKN403", f"`href` `{value}` of `{reference.name}` is a global reference outside the "
                                     "naming convention; expected an IRI starting with `/akn/`", reference, filename))
    elif _SCHEME.match(value):
        found.append(_make("AKN403", f"`href` `{value}` of `{reference.name}` is an absolute URL; AKN documents "
                                     "refer to other documents with relative IRIs (`/akn/...`)", reference, filename))
