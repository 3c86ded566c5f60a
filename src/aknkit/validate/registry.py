"""The codes the validator reports: the ``AKN`` family of the one registry of
every code (:mod:`aknkit.findings`).

The hundreds say what kind of check made the finding:

* ``AKN0xx`` the input itself: unreadable, not XML, unsafe, wrong namespace;
* ``AKN1xx`` Level 1: the official Akoma Ntoso 3.0 schema;
* ``AKN2xx`` Level 2: FRBR IRIs and metadata (Naming Convention chapter 4);
* ``AKN3xx`` Level 2: eId and wId values (Naming Convention chapter 5);
* ``AKN4xx`` Level 2: references inside the document (Naming Convention 4.3, 4.10, 4.11).
"""

from __future__ import annotations

from lxml import etree

from aknkit.findings import RULES as _ALL
from aknkit.findings import Finding, Rule, finding, matches
from aknkit.validate.locate import element_path

RULES: dict[str, Rule] = {code: rule for code, rule in _ALL.items() if rule.family == "AKN"}


def describe(code: str) -> str:
    """One line for SARIF and ``akn rules``: summary and section."""
    rule = _ALL[code]
    return f"{rule.summary} ({rule.section})"


def descriptions() -> dict[str, str]:
    return {code: describe(code) for code in RULES}


def make(code: str, message: str, file: str | None, line: int | None = None,
         column: int | None = None, path: str | None = None) -> Finding:
    """A finding of ``code`` with the rule's severity."""
    return finding(code, message, file, line, column, path)


def make_at(code: str, message: str, file: str | None, element: etree._Element) -> Finding:
    """A finding of ``code`` at ``element``: its source line and XPath."""
    return make(code, message, file, element.sourceline, path=element_path(element))


__all__ = ["RULES", "Rule", "describe", "descriptions", "make", "make_at", "matches"]
