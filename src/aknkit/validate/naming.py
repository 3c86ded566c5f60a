"""Level 2: the naming-convention rules, over one shared pass of the document."""

from __future__ import annotations

from lxml import etree

from aknkit.findings import Finding
from aknkit.validate.frbr import frbr_findings
from aknkit.validate.identifiers import IdentifierRules
from aknkit.validate.references import reference_findings
from aknkit.validate.walk import walk


def naming_findings(tree: etree._ElementTree, filename: str) -> list[Finding]:
    identifiers = IdentifierRules(filename)
    facts = walk(tree, identifiers.visit)
    return [
        *frbr_findings(facts.documents, filename),
        *identifiers.findings(facts),
        *reference_findings(facts, filename),
    ]
