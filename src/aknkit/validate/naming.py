"""Level 2: the naming-convention rules, over one shared pass of the document."""

from __future__ import annotations

from lxml import etree

from aknkit.findings import Finding
from aknkit.validate.frbr import frbr_findings
from aknkit.validate.identifiers import IdentifierRules
from aknkit.validate.references import reference_findings
from aknkit.validate.walk import DocumentFacts, walk


def naming_findings(tree: etree._ElementTree, filename: str) -> list[Finding]:
    identifiers = IdentifierRules(filename)
    return rule_findings(identifiers, walk(tree, identifiers.visit), filename)


def rule_findings(identifiers: IdentifierRules, facts: DocumentFacts, filename: str) -> list[Finding]:
    """The findings of every rule, once the pass (with ``identifiers`` as its visitor) is over."""
    return [
        *frbr_findings(facts.documents, filename),
        *identifiers.findings(facts),
        *reference_findings(facts, filename),
    ]
