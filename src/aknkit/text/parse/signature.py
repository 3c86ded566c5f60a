"""The signature block at the end of an act: roles, signers' names, place and
date, number, read from the last line up."""

from __future__ import annotations

import re

from aknkit.findings import WARNING, Finding
from aknkit.model import ConclusionKind, ConclusionLine, Location, Span
from aknkit.text.dates import find_dates
from aknkit.text.parse.classify import ends_sentence, match_any
from aknkit.text.parse.grammar import grammar
from aknkit.text.parse.lines import Line
from aknkit.text.profile import Profile

# A signer's name stands to the right of the role, this many blanks or more away.
NAME_GAP = 3
_NAME_GAP_RUN = re.compile(rf"\s{{{NAME_GAP},}}")


def conclusion_line(line: Line, profile: Profile, source: str) -> ConclusionLine | None:
    """The line as part of a signature block, or None when it cannot be one."""
    if not grammar(profile).may_conclude(line.norm):
        return None
    loc = Location(source, line.number)
    m = profile.signature_number.match(line.norm)
    if m:
        return ConclusionLine(ConclusionKind.NUMBER, line.text, loc,
                              {"number": Span(m.start("number"), m.end("number"), m.group("number"))})
    if profile.signature_signer.match(line.norm):
        return ConclusionLine(ConclusionKind.SIGNER, line.text, loc,
                              {"name": Span(0, len(line.text), line.text)})
    m = profile.signature_place_date.match(line.norm)
    if m:
        dates = find_dates(line.norm, profile)
        if dates and dates[-1].start >= m.start("date"):
            return ConclusionLine(ConclusionKind.PLACE_DATE, line.text, loc, {
                "place": Span(m.start("place"), m.end("place"), line.text[m.start("place"):m.end("place")].strip()),
                "date": dates[-1],
            })
    if len(line.norm) <= 120 and not ends_sentence(line.norm) and match_any(profile.signature_roles, line.norm):
        spans = {}
        gap = _NAME_GAP_RUN.search(line.norm)
        if gap and profile.signature_signer.match(line.norm[gap.end():]):
            spans["name"] = Span(gap.end(), len(line.text), line.text[gap.end():])
            spans["role"] = Span(0, gap.start(), line.text[:gap.start()])
        else:
            spans["role"] = Span(0, len(line.text), line.text)
        return ConclusionLine(ConclusionKind.ROLE, line.text, loc, spans)
    return None


def split_conclusions(lines: list[Line], profile: Profile,
                      source: str) -> tuple[list[Line], list[ConclusionLine]]:
    """The lines before the signature block, and the block itself (may be empty)."""
    block: list[ConclusionLine] = []
    index = len(lines)
    while index > 0:
        found = conclusion_line(lines[index - 1], profile, source)
        if found is None:
            break
        block.append(found)
        index -= 1
    block.reverse()     # read from the last line up
    if not any(c.kind in (ConclusionKind.ROLE, ConclusionKind.PLACE_DATE) for c in block):
        return lines, []
    return lines[:index], block


def signed(lines: list[ConclusionLine]) -> bool:
    """Whether signature lines hold a role and a signer's name."""
    kinds = {c.kind for c in lines}
    return ConclusionKind.ROLE in kinds and (ConclusionKind.SIGNER in kinds or any("name" in c.spans for c in lines))


def text_after_signature(lines: list[Line], profile: Profile, source: str) -> list[Finding]:
    """A signed block (a role and its signer's name, set apart by a blank line)
    with more text after it that no attachment heading claimed: that text is
    read into the act's last unit, which is right only if it was never an
    annex, so say so at its first line."""
    may_conclude = grammar(profile).may_conclude
    # A block opens at a line set apart by a blank that may be a signature line.
    starts = [index for index, line in enumerate(lines) if line.blank_before and may_conclude(line.norm)]
    end = 0
    for index in starts:
        if index < end:
            # A block starting inside the one before ends where it does and
            # holds less: it is not signed either, nor followed by more text.
            continue
        block: list[ConclusionLine] = []
        end = index
        while end < len(lines) and (found := conclusion_line(lines[end], profile, source)) is not None:
            block.append(found)
            end += 1
        if end < len(lines) and signed(block):
            return [Finding(
                code="P233", severity=WARNING, file=source, line=lines[end].number,
                message=f"text after the signature block at line {lines[index].number} is read into the act's "
                        f"last unit; expected an attachment heading (such as "
                        f"{profile.examples['attachment']!r}) if it is an annex")]
    return []
