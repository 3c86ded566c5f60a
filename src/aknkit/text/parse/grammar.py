"""The profile's patterns compiled for the questions the parser asks of a line.

Each question ("which label does the line open with?", "may it be a line of a
signature block?", "does it name an attachment?") is one compiled alternation
of the profile's patterns for it, built once per profile: one regex call a
line instead of one a pattern. The alternatives keep the profile's order, so
the first pattern that matches wins, as when they are tried one by one.
Patterns that cannot stand in one expression (one refers back to a group) are
tried one by one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from aknkit.model import NoteKind, UnitKind
from aknkit.text.parse.lines import Line
from aknkit.text.profile import CONTENT_KINDS, NOTE_KINDS, STRUCTURE_KINDS, Profile

Pattern = re.Pattern[str]

_INLINE_FLAGS = ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s"), (re.VERBOSE, "x"), (re.ASCII, "a"))
_LEADING_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
_NEVER = re.compile(r"(?!)")
# Label kinds in the order the parser tries them, and each one's place in it.
ALL_LABEL_KINDS = STRUCTURE_KINDS + CONTENT_KINDS
_POSITION = {kind: position for position, kind in enumerate(ALL_LABEL_KINDS)}


def _group_names(source: str, suffix: str | None) -> str | None:
    """``source`` with each named group renamed ``name + suffix`` (made anonymous
    when ``suffix`` is None), or None when the pattern refers back to a group,
    which renaming and renumbering would break. Escapes and character classes
    are stepped over, so only real groups are touched."""
    out: list[str] = []
    index, in_class = 0, False
    while index < len(source):
        char = source[index]
        if char == "\\":
            if not in_class and source[index + 1:index + 2] in tuple("123456789"):
                return None
            out.append(source[index:index + 2])
            index += 2
        elif in_class:
            in_class = char != "]"
            out.append(char)
            index += 1
        elif char == "[":
            # A "]" right after "[" or "[^" is a member of the class, not its end.
            opening = re.match(r"\[\^?\]?", source[index:])
            token = opening.group(0) if opening else char
            out.append(token)
            index += len(token)
            in_class = True
        elif source.startswith(("(?P=", "(?("), index):
            return None
        elif source.startswith("(?P<", index):
            end = source.index(">", index)
            out.append("(?:" if suffix is None else f"(?P<{source[index + 4:end]}{suffix}>")
            index = end + 1
        else:
            out.append(char)
            index += 1
    return "".join(out)


def _alternatives(patterns: Sequence[Pattern], suffixes: Sequence[str | None]) -> tuple[list[str], int] | None:
    """The sources of ``patterns`` ready to stand side by side, groups renamed
    with ``suffixes`` (see :func:`_group_names`), and the flags to compile them
    with; None when they cannot. Flags all patterns share are the whole
    expression's, which keeps the engine's shortcuts (a search for patterns
    that all begin with "^" tries the start of the text alone); others are
    scoped to their pattern."""
    sources = []
    for pattern, suffix in zip(patterns, suffixes, strict=True):
        source = pattern.pattern
        leading = _LEADING_FLAGS.match(source)
        renamed = _group_names(source[leading.end():] if leading else source, suffix)
        if renamed is None:
            return None
        sources.append(renamed)
    flags = {pattern.flags for pattern in patterns}
    if len(flags) == 1:
        return [f"(?:{source})" for source in sources], flags.pop()
    scoped = []
    for pattern, source in zip(patterns, sources, strict=True):
        letters = "".join(letter for flag, letter in _INLINE_FLAGS if pattern.flags & flag)
        scoped.append(f"(?{letters}:{source})")
    return scoped, 0


def union(patterns: Sequence[Pattern]) -> Pattern | None:
    """One pattern found wherever any of ``patterns`` is (for a yes or no;
    its groups are anonymous), or None when they do not combine."""
    if not patterns:
        return _NEVER
    found = _alternatives(patterns, [None] * len(patterns))
    if found is None:
        return None
    try:
        return re.compile("|".join(found[0]), found[1])
    except re.error:
        return None


# Whether a text holds one of some patterns: true (a match) or false (None).
Finder = Callable[[str], object]


def any_of(patterns: Sequence[Pattern]) -> Finder:
    """A test for any of ``patterns`` in a text: one search where they combine."""
    combined = union(patterns)
    if combined is not None:
        return combined.search
    kept = tuple(patterns)
    return lambda text: any(pattern.search(text) for pattern in kept)


@dataclass(slots=True)
class Label:
    kind: UnitKind
    num: str | None     # None for a dash item, which has no number
    printed: str        # the label as printed, e.g. "1-бап." ("" for a dash item)
    rest: str           # what follows the label on the line (original text)


@dataclass(frozen=True, slots=True)
class _Alternative:
    kind: UnitKind
    num: str        # the name of its number group in the combined pattern
    rest: str | None


class LabelPatterns:
    """The label patterns of some unit kinds, tried in order: as one expression
    (``combine``, for the question asked of every line), or one by one after
    ``hint``, a pattern true wherever any of them could match."""

    def __init__(self, profile: Profile, kinds: tuple[UnitKind, ...], combine: bool,
                 hint: Pattern | None = None):
        self.kinds = frozenset(kinds)
        # Kinds in the order the parser tries them: the first label of all
        # kinds, when it is of one of these, is their first too.
        self.follows_order = kinds == tuple(kind for kind in ALL_LABEL_KINDS if kind in self.kinds)
        self.last = max((_POSITION[kind] for kind in kinds if kind in _POSITION), default=-1)
        self.tried = tuple((kind, pattern) for kind in kinds for pattern in profile.labels[kind])
        self.hint = hint
        self.alternatives: dict[str, _Alternative] = {}
        self.combined = self._combined() if combine else None

    def _combined(self) -> Pattern | None:
        patterns = [pattern for _, pattern in self.tried]
        found = _alternatives(patterns, [f"_{number}" for number in range(len(patterns))])
        if found is None or any("num" not in pattern.groupindex for pattern in patterns):
            return None     # tried one by one, as written
        for number, (kind, pattern) in enumerate(self.tried):
            self.alternatives[f"w{number}"] = _Alternative(
                kind, f"num_{number}", f"rest_{number}" if "rest" in pattern.groupindex else None)
        sources, flags = found
        try:
            return re.compile("|".join(f"(?P<w{number}>{source})" for number, source in enumerate(sources))
                              or _NEVER.pattern, flags)
        except re.error:
            return None

    def match(self, line: Line) -> Label | None:
        """The label ``line`` opens with: the first pattern that matches it."""
        if self.combined is None:
            return self._match_one_by_one(line)
        m = self.combined.match(line.norm)
        if m is None or m.lastgroup is None:
            return None
        # The whole alternative closes last: its group is the last one matched.
        alternative = self.alternatives[m.lastgroup]
        at = m.start(alternative.rest) if alternative.rest is not None else -1
        if at < 0:      # no rest group, or it took no part in the match
            at = m.end()
        # Dash items have no number (an empty group).
        text = line.text
        return Label(alternative.kind, m.group(alternative.num) or None, text[:at].strip(), text[at:].strip())

    def among(self, first: Label, line: Line) -> Label | None:
        """The label of these kinds ``line`` opens with, ``first`` being the
        first label of all kinds it opens with."""
        if self.follows_order:
            if first.kind in self.kinds:
                return first    # the patterns before its own, these kinds' among them, failed
            if self.last < _POSITION[first.kind]:
                return None     # every pattern of these kinds comes before its own, and failed
        return self.match(line)

    def _match_one_by_one(self, line: Line) -> Label | None:
        if self.hint is not None and not self.hint.search(line.norm):
            return None
        for kind, pattern in self.tried:
            m = pattern.match(line.norm)
            if m:
                at = m.start("rest") if m.groupdict().get("rest") is not None else m.end()
                return Label(kind, m.group("num") or None, line.text[:at].strip(), line.text[at:].strip())
        return None


@dataclass(slots=True)
class LineClass:
    """What a line is on its own, as the body reads it: the kind of note it is,
    and the first label of any kind it opens with (structure kinds first).
    Worked out once a line; ``grammar`` is the one it was read with. (Not
    frozen, though never changed: one is made for every line, and a frozen
    dataclass takes three times as long to make.)"""

    grammar: Grammar
    note: NoteKind | None
    label: Label | None


@dataclass(frozen=True)
class Grammar:
    """A profile's patterns, grouped and compiled for the parser's questions."""

    profile: Profile
    labels: LabelPatterns           # every kind, structure kinds first, as one expression
    excluded: Finder
    operative: Finder
    attachment_head: Finder
    # True for every line of a signature block (and for some other lines):
    # most lines need not be read as one.
    may_conclude: Finder
    may_be_note: Finder             # the profile's hint: true for every note
    _by_kinds: dict[tuple[UnitKind, ...], LabelPatterns] = field(default_factory=dict)

    @classmethod
    def of(cls, profile: Profile) -> Grammar:
        signature = (profile.signature_number, profile.signature_signer, profile.signature_place_date,
                     *profile.signature_roles)
        return cls(profile, LabelPatterns(profile, ALL_LABEL_KINDS, combine=True), any_of(profile.excluded),
                   any_of(profile.operative), any_of(profile.attachment_head), any_of(signature),
                   profile.hints["notes"].search)

    def classify(self, line: Line) -> LineClass:
        """What ``line`` is on its own (kept on the line: asked again, it costs nothing)."""
        seen = line.seen
        if seen is None or seen.grammar is not self:
            note = self.note_kind(line.norm) if self.may_be_note(line.norm) else None
            seen = line.seen = LineClass(self, note, self.labels.match(line))
        return seen

    def note_kind(self, norm: str) -> NoteKind | None:
        notes = self.profile.notes
        return next((kind for kind in NOTE_KINDS if any(p.search(norm) for p in notes[kind])), None)

    def labels_of(self, kinds: tuple[UnitKind, ...]) -> LabelPatterns:
        """The label patterns of ``kinds`` alone, in their order: asked of few
        lines, they are tried one by one (after the profile's hint for the
        structure or the content kinds), not compiled again."""
        if kinds == ALL_LABEL_KINDS:
            return self.labels
        found = self._by_kinds.get(kinds)
        if found is None:
            hint = self.profile.hints.get(_HINTS.get(kinds, ""))
            found = self._by_kinds[kinds] = LabelPatterns(self.profile, kinds, combine=False, hint=hint)
        return found


_HINTS = {STRUCTURE_KINDS: "structure", CONTENT_KINDS: "content"}
# One grammar a profile, kept as long as the process: profiles are few and
# cached themselves. Keyed by identity (a profile holds tables, so it has no
# hash); the grammar holds its profile, so the identity is never reused.
_GRAMMARS: dict[int, Grammar] = {}


def grammar(profile: Profile) -> Grammar:
    found = _GRAMMARS.get(id(profile))
    if found is None or found.profile is not profile:
        found = _GRAMMARS[id(profile)] = Grammar.of(profile)
    return found
