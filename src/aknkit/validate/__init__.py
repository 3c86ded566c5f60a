"""Akoma Ntoso conformance checks for documents from any producer.

Level 1 is the official AKN 3.0 schema; Level 2 adds the OASIS Naming
Convention (FRBR IRIs, eId/wId values, references). Every problem, including
unreadable or unsafe input, comes back as a :class:`~aknkit.findings.Finding`
with a stable code (``registry.RULES``); nothing here raises on bad input,
prints, or exits.

    check_tree(tree, filename, level=2, engine="lxml")   # a tree parsed safely
    check_bytes(data, filename, level=2, ...)           # untrusted bytes
    check_file(path, level=2, ...)                      # a file on disk
"""

from __future__ import annotations

import os

from lxml import etree

from aknkit.akn.safexml import DEFAULT_MAX_BYTES, XMLInputError, parse_bytes, read_bounded
from aknkit.findings import Finding, sort_key
from aknkit.validate.inputs import from_input_error, from_os_error, root_findings
from aknkit.validate.naming import naming_findings
from aknkit.validate.registry import RULES, Rule, describe, descriptions
from aknkit.validate.schema_check import ENGINES, schema_findings

LEVELS = (1, 2)

__all__ = [
    "ENGINES", "LEVELS", "RULES", "Rule", "check_bytes", "check_file", "check_tree",
    "describe", "descriptions",
]


def check_tree(tree: etree._ElementTree, filename: str, level: int = 2, engine: str = "lxml") -> list[Finding]:
    """Findings for a parsed document, sorted by position.

    The document element must be AKN 3.0 ``akomaNtoso``, or that is the only
    finding. Level 1 validates against the schema; Level 2 also applies the
    naming rules, which are reported even when Level 1 fails.
    """
    if level not in LEVELS:
        raise ValueError(f"unknown conformance level {level!r}; expected 1 or 2")
    findings = root_findings(tree, filename)
    if findings:
        return findings
    findings = schema_findings(tree, filename, engine)
    if level >= 2:
        findings += naming_findings(tree, filename)
    return sorted(findings, key=sort_key)


def check_bytes(data: bytes, filename: str, level: int = 2, engine: str = "lxml",
                max_bytes: int = DEFAULT_MAX_BYTES) -> list[Finding]:
    """Parse untrusted bytes safely, then :func:`check_tree`."""
    try:
        tree = parse_bytes(data, max_bytes)
    except XMLInputError as error:
        return [from_input_error(error, filename)]
    return check_tree(tree, filename, level, engine)


def check_file(path: str | os.PathLike[str], level: int = 2, engine: str = "lxml",
               max_bytes: int = DEFAULT_MAX_BYTES) -> list[Finding]:
    """Read a file (refused unread when its size is above ``max_bytes``), then :func:`check_bytes`."""
    filename = str(path)
    try:
        data = read_bounded(str(path), max_bytes)
    except XMLInputError as error:
        return [from_input_error(error, filename)]
    except OSError as error:
        return [from_os_error(error, filename)]
    return check_bytes(data, filename, level, engine, max_bytes)
