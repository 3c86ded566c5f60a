"""What the diff knows about kinds of unit, shared by the alignment and the checks."""

from __future__ import annotations

from dataclasses import replace

from aknkit.model import UNIT_KINDS, Inline, Unit, UnitKind

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
    if not unit.children:
        return []
    return sorted(child.kind for child in unit.children if child.kind in COUNTED_KINDS)


def own_text(unit: Unit) -> str:
    """The unit's own text (children have theirs), without its label."""
    return own_text_and_marks(unit)[0]


def own_text_and_marks(unit: Unit) -> tuple[str, list[Inline]]:
    """The unit's own text (children have theirs), without its label, and the
    marks of its paragraphs placed in it."""
    blocks = unit.intro + unit.wrapup if unit.wrapup else unit.intro
    if len(blocks) == 1 and not blocks[0].inline:   # the common case: one paragraph, nothing marked
        text = blocks[0].text
        if unit.label and text.startswith(unit.label):
            text = text[len(unit.label):]
        return text, []
    texts: list[str] = []
    marks: list[Inline] = []
    at = 0
    for index, block in enumerate(blocks):
        text, cut = block.text, 0
        # The label belongs to the unit's number, not to its text (some producers
        # repeat it at the start of the first paragraph).
        if index == 0 and unit.label and text.startswith(unit.label):
            text, cut = text[len(unit.label):], len(unit.label)
        marks += [replace(mark, start=mark.start - cut + at, end=mark.end - cut + at)
                  for mark in block.inline if mark.start >= cut]
        texts.append(text)
        at += len(text) + 1
    return "\n".join(texts), marks
