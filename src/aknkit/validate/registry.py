"""Every code the validator can report: its severity, a one-line summary and
the part of the specification it enforces.

Codes are stable; a code is never reused for a different check. The hundreds
say what kind of check made the finding:

* ``AKN0xx`` the input itself: unreadable, not XML, unsafe, wrong namespace;
* ``AKN1xx`` Level 1: the official Akoma Ntoso 3.0 schema;
* ``AKN2xx`` Level 2: FRBR IRIs and metadata (Naming Convention chapter 4);
* ``AKN3xx`` Level 2: eId and wId values (Naming Convention chapter 5);
* ``AKN4xx`` Level 2: references inside the document (Naming Convention 4.3, 4.10, 4.11).

"NC" is the OASIS Akoma Ntoso Naming Convention Version 1.0; "Part 2" is
Akoma Ntoso Version 1.0 Part 2: Specifications.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..findings import ERROR, WARNING, Finding


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    level: int          # 0: input, 1: schema, 2: naming convention
    summary: str
    section: str


_RULES = (
    # --- the input --------------------------------------------------------
    Rule("AKN001", ERROR, 0, "input is not well-formed XML", "XML 1.0 §2.1"),
    Rule("AKN002", ERROR, 0, "document type declaration refused (it can read files or expand entities)",
         "Part 2 §3; safe parsing"),
    Rule("AKN003", ERROR, 0, "input is larger than the size limit (--max-bytes)", "safe parsing"),
    Rule("AKN004", ERROR, 0, "input is empty", "XML 1.0 §2.1"),
    Rule("AKN005", ERROR, 0, "file cannot be read", "-"),
    Rule("AKN010", ERROR, 0, "document uses the Akoma Ntoso 2.0 namespace, not 3.0", "Part 2 §3 (Level 1)"),
    Rule("AKN011", ERROR, 0, "document element is not in the Akoma Ntoso 3.0 namespace", "Part 2 §3 (Level 1)"),
    Rule("AKN012", ERROR, 0, "document element is not akomaNtoso", "Part 2 §3 (Level 1)"),
    # --- Level 1: the schema ----------------------------------------------
    Rule("AKN101", ERROR, 1, "element not expected here", "Part 2 §3 (Level 1): XSD content model"),
    Rule("AKN102", ERROR, 1, "required element missing", "Part 2 §3 (Level 1): XSD content model"),
    Rule("AKN103", ERROR, 1, "attribute not allowed on this element", "Part 2 §3 (Level 1): XSD attributes"),
    Rule("AKN104", ERROR, 1, "required attribute missing", "Part 2 §3 (Level 1): XSD attributes"),
    Rule("AKN105", ERROR, 1, "value not valid for its type", "Part 2 §3 (Level 1): XSD simple types"),
    Rule("AKN106", ERROR, 1, "eId or GUID not unique in the document", "Part 2 §3 (Level 1): XSD unique"),
    Rule("AKN107", ERROR, 1, "text not allowed here", "Part 2 §3 (Level 1): XSD content model"),
    Rule("AKN199", ERROR, 1, "other schema violation", "Part 2 §3 (Level 1)"),
    # --- Level 2: FRBR IRIs and metadata ------------------------------------
    Rule("AKN201", ERROR, 2, "FRBRthis/FRBRuri is not an AKN IRI of its FRBR level", "NC §4.5-4.7"),
    Rule("AKN202", ERROR, 2, "country is not an ISO 3166-1 alpha-2 (or ISO 3166-2) code", "NC §4.5"),
    Rule("AKN203", ERROR, 2, "IRI country differs from FRBRcountry", "NC §4.5"),
    Rule("AKN204", ERROR, 2, "IRI document type differs from the document element", "NC §4.5"),
    Rule("AKN205", ERROR, 2, "IRI subtype differs from FRBRsubtype (or the document's @name)", "NC §4.5"),
    Rule("AKN206", ERROR, 2, "IRI date is not a date or differs from the Work's FRBRdate", "NC §4.5"),
    Rule("AKN207", ERROR, 2, "IRI number differs from FRBRnumber (or FRBRname)", "NC §4.5"),
    Rule("AKN208", ERROR, 2, "language is not an ISO 639-2 alpha-3 code", "NC §4.6.1"),
    Rule("AKN209", ERROR, 2, "IRI language differs from FRBRlanguage", "NC §4.6.1"),
    Rule("AKN210", ERROR, 2, "Expression IRI does not extend the Work IRI, or Manifestation the Expression",
         "NC §4.6, §4.7"),
    Rule("AKN211", ERROR, 2, "Manifestation IRI format differs from FRBRformat", "NC §4.7"),
    Rule("AKN212", ERROR, 2, "FRBRthis is not FRBRuri (plus a component)", "NC §4.8.1"),
    Rule("AKN213", WARNING, 2, "IRI actor matches no FRBRauthor of the Work", "NC §4.5"),
    Rule("AKN214", WARNING, 2, "Expression IRI has no '@' before the version", "NC §4.6.1"),
    Rule("AKN215", WARNING, 2, "Expression version date differs from the Expression's FRBRdate", "NC §4.6.1"),
    Rule("AKN216", ERROR, 2, "FRBRmasterExpression is not another Expression of the same Work", "NC §5.5.2"),
    # --- Level 2: eId and wId ----------------------------------------------
    Rule("AKN301", ERROR, 2, "eId/wId is not [prefix__]element_ref[_number]", "NC §5.4"),
    Rule("AKN302", ERROR, 2, "eId element_ref does not name the element", "NC §5.4.2"),
    Rule("AKN303", ERROR, 2, "eId number does not come from the element's num", "NC §5.4.3"),
    Rule("AKN304", ERROR, 2, "eId prefix is not the eId of an ancestor", "NC §5.4.1"),
    Rule("AKN305", ERROR, 2, "element of the schema's idreq group has no eId", "NC §5.5.1; XSD idreq"),
    Rule("AKN306", WARNING, 2, "document carries no eIds at all", "NC §5.1, §5.5.1"),
    Rule("AKN307", WARNING, 2, "wId used by more than one element", "NC §5.5.3"),
    Rule("AKN308", WARNING, 2, "wId equals the eId (a wId appears only where it differs)", "NC §5.5.3"),
    # --- Level 2: references -----------------------------------------------
    Rule("AKN401", ERROR, 2, "internal reference names no eId of the document", "NC §4.10.1"),
    Rule("AKN402", ERROR, 2, "reference to a TLC (source, refersTo, by, as, ...) names no eId",
         "NC §4.11; XSD agentRef/roleRef/conceptRef/referenceRef"),
    Rule("AKN403", WARNING, 2, "reference to another document is not a relative /akn IRI", "NC §4.3, §4.10"),
)

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}


def describe(code: str) -> str:
    """One line for SARIF and ``akn rules``: summary and section."""
    rule = RULES[code]
    return f"{rule.summary} ({rule.section})"


def descriptions() -> dict[str, str]:
    return {code: describe(code) for code in RULES}


def make(code: str, message: str, file: str | None, line: int | None = None,
         column: int | None = None, path: str | None = None) -> Finding:
    """A finding of ``code`` with the rule's severity."""
    return Finding(code, RULES[code].severity, message, file, line or None, column or None, path)


def matches(code: str, patterns) -> bool:
    """True when ``code`` starts with any of ``patterns`` (``AKN3`` selects AKN301...)."""
    return any(code.startswith(pattern.strip().upper()) for pattern in patterns if pattern.strip())
