"""Level 2: the naming-convention rules, over one shared pass of the document."""

from __future__ import annotations

from lxml import etree

from aknkit.findings import Finding
from aknkit.validate.frbr import frbr_findings
from aknkit.validate.identifiers import identifier_findings
from aknkit.validate.references import reference_findings
from aknkit.validate.walk import walk


def naming_findings(tree: etree._ElementTree, filename: str) -> list[Finding]:
    facts = walk(tree)
    return [
        *frbr_findings(facts.documents, filename),
        *identifier_findings(facts, filename),
        *reference_findings(facts, filename),
    ]
