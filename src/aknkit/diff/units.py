"""What the diff knows about kinds of unit, shared by the alignment and the checks."""

from __future__ import annotations

from aknkit.model import UNIT_KINDS, Unit, UnitKind

# The preamble is compared as one pseudo-unit whose paragraphs are its text.
PREAMBLE = "preamble"

# Units that restart their numbering in every parent and are compared by count
# (D106) rather than one by one; everything else is a structural unit. Besides
# the model's own, the AKN elements of that rank another producer writes.
COUNTED_KINDS: frozenset[str] = frozenset({
    UnitKind.PARAGRAPH, UnitKind.SUBPARAGRAPH, UnitKind.POINT, UnitKind.ITEM, UnitKind.INDENT, "alinea", "list",
    "sublist", "clause", "subclause", "level", "proviso", "rule", "subrule",
})

_KIND_ORDER: dict[str, int] = {kind: i for i, kind in enumerate(UNIT_KINDS)}


def kind_rank(kind: str) -> int:
    """Outermost kinds first (part before article before point); unknown kinds last."""
    return _KIND_ORDER.get(kind, len(_KIND_ORDER))


def counted_kinds(unit: Unit) -> list[str]:
    """The kinds of the unit's counted children, sorted: what D106 compares."""
    return sorted(child.kind for child in unit.children if child.kind in COUNTED_KINDS)


def own_text(unit: Unit) -> str:
    """The unit's own text (children have theirs), without its label."""
    texts = [b.text for b in unit.intro + unit.wrapup]
    # The label belongs to the unit's number, not to its text (some producers
    # repeat it at the start of the first paragraph).
    if texts and unit.label and texts[0].startswith(unit.label):
        texts[0] = texts[0][len(unit.label):]
    return "\n".join(texts)
