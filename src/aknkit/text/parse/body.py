"""The body, line by line: labels open units, text joins them, headings are
found on the label line or the next, and quoted new wording is read with the
act's own grammar."""

from __future__ import annotations

from aknkit.findings import WARNING, Finding
from aknkit.model import Block, Quote, Unit, UnitKind
from aknkit.text.parse.builder import Builder
from aknkit.text.parse.classify import (
    ends_sentence,
    heading_fits_next_line,
    match_label,
    ordinal_label,
)
from aknkit.text.parse.grammar import Label
from aknkit.text.parse.lines import Line, error_finding
from aknkit.text.parse.quotes import piece, quote_closing, quote_opening
from aknkit.text.parse.structure import check_structure
from aknkit.text.profile import CONTENT_KINDS, STRUCTURE_KINDS, Profile

_CONTENT = frozenset(CONTENT_KINDS)


def read_body_line(lines: list[Line], index: int, profile: Profile, builder: Builder) -> int:
    """Place ``lines[index]`` in the model; returns the index of the next line to read."""
    line = lines[index]
    block = None if builder.quotes_broken else builder.last_block
    if block is not None and block.quote is None and line.norm[:1] in profile.quotes \
            and profile.amend_trigger.search(profile.normalise(block.text)):
        # New wording on lines of its own, under "... в следующей редакции:".
        return read_quote(lines, index, 0, len(block.text), block, profile, builder, own_line=True)
    seen = builder.grammar.classify(line)
    if seen.note:
        builder.add_note(seen.note, line)
        return index + 1
    label = seen.label
    if label is None or label.kind in _CONTENT:
        label = _content_label(label, line, profile, builder)
    if label is None:
        builder.add_text(line)
        return quote_in_line(lines, index, profile, builder)
    unit = builder.open_unit(label, line)
    # A label line that opens new wording has no heading to look for.
    if label.kind in _CONTENT or (unit.intro and quote_opening(unit.intro[-1].text, profile) is not None):
        return quote_in_line(lines, index, profile, builder)
    return read_heading(unit, lines, index + 1, profile, builder)


def _content_label(label: Label | None, line: Line, profile: Profile, builder: Builder) -> Label | None:
    """The content label (or ordinal) a line opens a unit with where it may:
    ``label`` is the line's first label, of a content kind or None."""
    if not builder.content_label_allowed():
        return None
    if label is not None and label.kind == UnitKind.INDENT and not builder.dash_list_allowed():
        builder.act.warnings.append(Finding(
            code="P231", severity=WARNING, file=builder.source, line=line.number,
            message=f"{line.text[:60]!r} starts like a dash item, but no list is open here "
                    "(no text ending with ':' or dash item before it); read as text"))
        label = None
    return label if label is not None else ordinal_label(line, profile)


def quote_in_line(lines: list[Line], index: int, profile: Profile, builder: Builder) -> int:
    """After a line was placed: read the new wording it opens, if any."""
    block = builder.last_block
    line = lines[index]
    if block is None or block.quote is not None or builder.quotes_broken:
        return index + 1
    # The block ends with this line's text (joined to earlier lines or after a label).
    offset = len(block.text) - len(line.text)
    at = quote_opening(block.text, profile, max(0, offset))
    if at is None:
        return index + 1
    column = at - offset
    if column < 0 or line.text[column:] != block.text[at:]:
        return index + 1
    return read_quote(lines, index, column, at, block, profile, builder)


def read_quote(lines: list[Line], index: int, column: int, cut: int, block: Block,
               profile: Profile, builder: Builder, own_line: bool = False) -> int:
    """New wording that opens at ``lines[index]``, ``column`` and belongs to
    ``block`` (whose text before ``cut`` is the instruction): words within
    the instruction's line, or a structure (on lines of its own, or running
    past the line) read with the act's own grammar, whose numbers are its
    own. Returns the index of the line after the closing quote."""
    line = lines[index]
    start = line.norm[column]
    end = profile.quotes[start]
    closing = quote_closing(lines, index, column, start, end)
    if closing is None:
        builder.quotes_broken = True
        builder.problems.append(error_finding(
            "P131", builder.source, line.number,
            f"the quote {start} that opens new wording here is never closed; "
            f"expected a closing {end} after the quoted text",
        ))
        return index + 1
    last, close = closing
    loc = builder.loc(line)
    tail = lines[last].text[close + 1:]
    builder.last_block = None
    if last == index and not own_line:
        block.text = block.text[:cut]
        block.quote = Quote(start, end, words=line.text[column + 1:close], tail=tail, loc=loc)
        return index + 1
    if last == index:
        quoted = [piece(line, column + 1, close)]
    else:
        quoted = [piece(line, column + 1, len(line.norm)), *lines[index + 1:last], piece(lines[last], 0, close)]
    quoted_lines = [q for q in quoted if q is not None]
    inner = Builder(profile, builder.source, any(match_label(q, profile, (UnitKind.ARTICLE,)) for q in quoted_lines))
    position = 0
    while position < len(quoted_lines):
        position = read_body_line(quoted_lines, position, profile, inner)
    inner.finish()
    builder.problems.extend(inner.problems + check_structure(inner.act, profile))
    builder.act.warnings.extend(inner.act.warnings)
    builder.quotes_broken = builder.quotes_broken or inner.quotes_broken
    # Notes standing loose in the quote are the act's notes on the amending unit.
    loose = inner.act.notes + inner.act.preamble_notes
    (builder.stack[-1].notes if builder.stack else builder.act.notes).extend(loose)
    block.text = block.text[:cut].rstrip()
    block.quote = Quote(start, end, blocks=inner.act.preamble, units=inner.act.body, tail=tail, loc=loc)
    return last + 1


def read_heading(unit: Unit, lines: list[Line], index: int, profile: Profile, builder: Builder) -> int:
    """Decide whether the unit has a heading: on its label line or on the next line."""
    following = lines[index] if index < len(lines) else None
    if unit.intro:
        tail = unit.intro[0]
        next_is_label = following is not None and match_label(following, profile, STRUCTURE_KINDS) is not None
        # Containers above articles always title themselves on the label line;
        # an article's tail is a heading only when it is not a sentence.
        if unit.kind != UnitKind.ARTICLE or (not ends_sentence(tail.text) and not next_is_label
                                      and unit.status is None):
            unit.heading = unit.intro.pop(0)
            builder.last_block = None  # text never continues a heading
            return heading_wrapped(unit.heading, lines, index, profile, builder)
        return index
    if following is None or not heading_fits_next_line(unit.kind, following, profile):
        return index
    unit.heading = Block(following.text, builder.loc(following))
    return heading_wrapped(unit.heading, lines, index + 1, profile, builder)


def heading_wrapped(heading: Block, lines: list[Line], index: int, profile: Profile,
                    builder: Builder) -> int:
    """Join the lines a heading was wrapped onto: right under it (no blank
    line), no label or note, not ending a sentence, and either starting
    lower-case or, under a heading in capitals, in capitals too. Returns the
    next line to read."""
    while index < len(lines):
        line = lines[index]
        seen = builder.grammar.classify(line)
        if line.blank_before or ends_sentence(heading.text) or seen.note or seen.label:
            break
        # A heading ends without a period: a line that ends a sentence is text.
        lower = line.norm[:1] in profile.lowercase_letters
        capitals = heading.text.isupper() and line.norm.isupper()
        if not (lower or capitals) or ends_sentence(line.norm):
            if not ends_sentence(line.norm) and builder.blank_lines:
                # The published layout sets a blank line under a heading; a
                # line right under it that ends no sentence may be its end.
                builder.act.warnings.append(Finding(
                    code="P232", severity=WARNING, file=builder.source, line=line.number,
                    message=f"{line.text[:60]!r} stands right under the heading {heading.text[:40]!r} "
                            "and may continue it; read as text (a blank line between them says so)"))
            break
        heading.text += " " + line.text
        index += 1
    return index
