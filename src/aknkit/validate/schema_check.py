"""Level 1: the document against the official Akoma Ntoso 3.0 schema.

Either engine gives the same codes; their violations become findings here,
with the element's line and XPath. The schema is compiled once per process
(``aknkit.akn.schema``), so a batch pays for it once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from lxml import etree

from aknkit.findings import Finding
from aknkit.validate import lxml_engine
from aknkit.validate.locate import element_path
from aknkit.validate.registry import make
from aknkit.validate.violations import DUPLICATE, Violation, message


def _xmlschema_violations(tree: etree._ElementTree) -> list[Violation]:
    """The ``xmlschema`` engine, imported only for a run that chooses it."""
    from aknkit.validate import xmlschema_engine

    return xmlschema_engine.violations(tree)


ENGINES: dict[str, Callable[[etree._ElementTree], list[Violation]]] = {
    "lxml": lxml_engine.violations, "xmlschema": _xmlschema_violations,
}


def schema_findings(tree: etree._ElementTree, filename: str, engine: str = "lxml") -> list[Finding]:
    try:
        read = ENGINES[engine]
    except KeyError:
        raise ValueError(f"unknown schema engine {engine!r}; expected one of {', '.join(ENGINES)}") from None
    findings: list[Finding] = []
    seen: set[tuple[str, int | None, str | None, str | None]] = set()
    first_holders = _FirstHolders(tree)
    for violation in read(tree):
        violation = _with_first_use(first_holders, violation)
        finding = make(violation.code, message(violation), filename, violation.line, violation.column,
                       element_path(violation.element) if violation.element is not None else None)
        # Engines sometimes word one problem twice (a facet, then the type); keep the first.
        key = (finding.code, finding.line, finding.path, violation.attribute)
        if key not in seen:
            seen.add(key)
            findings.append(finding)
    return findings


def _with_first_use(first_holders: _FirstHolders, violation: Violation) -> Violation:
    """For a duplicate id, find where the value is first used, to name both places."""
    if violation.kind != DUPLICATE or not violation.attribute or violation.value is None:
        return violation
    first = first_holders.first(violation.attribute, violation.value)
    if first is not None and first is not violation.element and first.sourceline:
        return dataclasses.replace(violation, first_line=first.sourceline)
    return violation


class _FirstHolders:
    """The first element (in document order, of any namespace) carrying each value
    of an attribute: one pass per attribute, on first need, for every duplicate
    of a document rather than a search of the document for each."""

    def __init__(self, tree: etree._ElementTree):
        self.tree = tree
        self.by_attribute: dict[str, dict[str, etree._Element]] = {}

    def first(self, attribute: str, value: str) -> etree._Element | None:
        holders = self.by_attribute.get(attribute)
        if holders is None:
            holders = {}
            for element in self.tree.iter():
                if isinstance(element.tag, str):    # elements, not comments or processing instructions
                    held = element.get(attribute)
                    if held is not None and held not in holders:
                        holders[held] = element
            self.by_attribute[attribute] = holders
        return holders.get(value)
