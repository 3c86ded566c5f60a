"""Level 2: the naming-convention rules, over one shared pass of the document."""

from __future__ import annotations

from lxml import etree

from ..findings import Finding
from .frbr import frbr_findings
from .identifiers import identifier_findings
from .references import reference_findings
from .walk import walk


def naming_findings(tree: etree._ElementTree, filename: str) -> list[Finding]:
    facts = walk(tree)
    return [
        *frbr_findings(facts.documents, filename),
        *identifier_findings(facts, filename),
        *reference_findings(facts, filename),
    ]
