"""What one line is, on its own: a label, a note, an envelope line, the
type/date line, a title, a sentence. The rest of the parser reads lines in
context; every decision about a single line is made here."""

from __future__ import annotations

import re
from collections.abc import Iterable

from aknkit.model import EnvelopeKind, MetaLine, NoteKind, Repeal, Span, UnitKind
from aknkit.text.dates import find_dates
from aknkit.text.parse.grammar import Label, LineClass, grammar
from aknkit.text.parse.lines import Line
from aknkit.text.profile import ENVELOPE_KINDS, STRUCTURE_KINDS, Profile

# A line ending with one of these ends a sentence: it is text, never a heading.
TERMINAL = tuple(".;:!?…")
# An article's first line longer than this under a bare label is its text,
# never its heading (headings are short; a long unpunctuated line is a sentence).
LONGEST_NEXT_LINE_HEADING = 200


def line_class(line: Line, profile: Profile) -> LineClass:
    """What ``line`` is on its own: the kind of note it is, and its first label."""
    return grammar(profile).classify(line)


def match_label(line: Line, profile: Profile, kinds: tuple[UnitKind, ...]) -> Label | None:
    """The label ``line`` opens with: the first pattern of ``kinds``, in order, that matches it."""
    patterns = grammar(profile).labels_of(kinds)
    seen = line.seen
    if seen is None or seen.grammar.profile is not profile:
        return patterns.match(line)     # a question of its own: no need to read the whole line
    # The body has read the line: its first label of all kinds often answers.
    return None if seen.label is None else patterns.among(seen.label, line)


def ordinal_label(line: Line, profile: Profile) -> Label | None:
    """An item numbered with an ordinal word ("Второе. ..."): a paragraph
    numbered by the word's place in the profile's list, the word kept in
    its text (AKN has no num for it that an eId number could come from)."""
    m = profile.ordinal.match(line.norm)
    if m is None:
        return None
    return Label(UnitKind.PARAGRAPH, str(profile.ordinal_words.index(m.group("word")) + 1), "", line.text)


def match_any(patterns: Iterable[re.Pattern[str]], text: str) -> bool:
    return any(p.search(text) for p in patterns)


def note_kind(line: Line, profile: Profile) -> NoteKind | None:
    return line_class(line, profile).note




def envelope_kind(line: Line, profile: Profile) -> EnvelopeKind | None:
    for kind in ENVELOPE_KINDS:
        if match_any(profile.envelope[kind], line.norm):
            return kind
    return None


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(TERMINAL)


def heading_fits_next_line(kind: UnitKind | str, line: Line, profile: Profile) -> bool:
    """Whether ``line``, right under the bare label of a unit of ``kind``, is
    that unit's heading: no label, no note, no finished sentence, and for an
    article not longer than :data:`LONGEST_NEXT_LINE_HEADING`."""
    seen = line_class(line, profile)
    return not (
        seen.label or seen.note or ends_sentence(line.norm)
        or (kind == UnitKind.ARTICLE and len(line.norm) > LONGEST_NEXT_LINE_HEADING)
    )


def is_excluded(text: str, profile: Profile) -> bool:
    return bool(grammar(profile).excluded(text))


def match_repeal(norm: str, profile: Profile) -> Repeal | None:
    """The repeal clause at the end of a type/date line, or None."""
    for pattern in profile.repeal_clause:
        m = pattern.search(norm)
        if not m or m.start("clause") == 0:
            continue
        dates = find_dates(norm[m.start("date"):m.end("date")], profile)
        if not dates:
            continue
        number = Span(m.start("number"), m.end("number"), m.group("number")) if m.group("number") else None
        return Repeal(Span(m.start("clause"), m.end("clause"), m.group("clause")),
                      Span(m.start("date"), m.end("date"), dates[0].value), number,
                      profile.repeal_kind(m.group("kind")))
    return None


def _own_requisites(norm: str, profile: Profile) -> int:
    """Where the act's own requisites end: before a repeal or registration clause."""
    end = len(norm)
    repeal = match_repeal(norm, profile)
    if repeal is not None:
        end = repeal.clause.start
    for pattern in profile.meta_trailing:
        m = pattern.search(norm[:end])
        if m and m.start("clause") > 0:
            end = m.start("clause")
    return len(norm[:end].rstrip())


def match_meta(line: Line, profile: Profile) -> MetaLine | None:
    # The act's own type, date and number come before any clause that names
    # another act ("... № 167. Утратил силу Кодексом ... № 226-V."): the
    # patterns never see that clause, so they cannot take its date or number.
    own = line.norm[:_own_requisites(line.norm, profile)]
    for pattern in profile.meta:
        m = pattern.match(own)
        if not m:
            continue
        groups = m.groupdict()
        dates = find_dates(own[m.start("date"):m.end("date")], profile)
        if not dates:
            continue
        date_span = Span(m.start("date"), m.end("date"), dates[0].value)
        type_span = Span(m.start("type"), m.end("type"), line.text[m.start("type"):m.end("type")])
        number_span = None
        if groups.get("number"):
            number_span = Span(m.start("number"), m.end("number"), groups["number"])
        return MetaLine(line.text, None, type_span, date_span, number_span, match_repeal(line.norm, profile))
    return None


def reads_as_title(line: Line, profile: Profile) -> bool:
    """Whether the first line is the act's title. Compare views start with the
    type/date line, the issuing body or the preamble instead: a line that is a
    label, an envelope line, a note, the type/date line, an operative sentence
    or a sentence (or clause) is never taken for the title."""
    return not (match_label(line, profile, STRUCTURE_KINDS) or envelope_kind(line, profile)
                or note_kind(line, profile) or match_meta(line, profile)
                or match_any(profile.operative, line.norm) or match_any(profile.enacting_formula, line.norm)
                or line.norm.rstrip().endswith((*TERMINAL, ",")))
