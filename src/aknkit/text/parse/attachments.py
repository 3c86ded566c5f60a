"""Where the attachments printed after an act's signature begin: a heading
block naming one ("Приложение 1 к ..."), or after a ratifying sentence, a
treaty's title."""

from __future__ import annotations

from aknkit.model import ConclusionKind, ConclusionLine
from aknkit.text.parse.classify import ends_sentence, match_any, reads_as_title
from aknkit.text.parse.grammar import grammar
from aknkit.text.parse.lines import Line
from aknkit.text.parse.signature import conclusion_line, signed
from aknkit.text.profile import Profile


def split_attachments(lines: list[Line], profile: Profile,
                      source: str) -> tuple[list[Line], list[tuple[list[Line], list[Line]]]]:
    """The act's own lines, and (head lines, lines) of each attachment printed
    after its signature: a ratified treaty, approved rules, annexes, a draft."""
    if not profile.attachment_head and not profile.operative:
        return lines, []
    first = next((start for start in attachment_candidates(lines, profile)
                  if signed_before(lines, start, profile, source)), None)
    if first is None:
        return lines, []
    starts = [first]
    index = head_run(lines, first, profile)
    while index < len(lines):
        if lines[index].blank_before and head_run(lines, index, profile) > index:
            starts.append(index)
            index = head_run(lines, index, profile)
        else:
            index += 1
    parts = []
    for number, start in enumerate(starts):
        stop = starts[number + 1] if number + 1 < len(starts) else len(lines)
        head_end = head_run(lines, start, profile)
        parts.append((lines[start:head_end], lines[head_end:stop]))
    return lines[:first], parts


def attachment_candidates(lines: list[Line], profile: Profile) -> list[int]:
    """Where an attachment could begin, ascending: the first line of each block
    holding a heading line, and after an operative sentence every line set apart
    by a blank. Only these are tried against the signature before them, so an
    act with no attachment costs one cheap test per line."""
    heads, operative = grammar(profile).attachment_head, grammar(profile).operative
    starts = set()
    first_operative = None
    for index, line in enumerate(lines):
        if heads(line.norm):
            start = index
            while start > 0 and not lines[start].blank_before:
                start -= 1
            starts.add(start)
        if first_operative is None and operative(line.norm):
            first_operative = index
    if first_operative is not None:
        starts.update(i for i in range(first_operative + 1, len(lines)) if lines[i].blank_before)
    return sorted(i for i in starts if i > 0)


def signed_before(lines: list[Line], start: int, profile: Profile, source: str) -> bool:
    """Whether a signature block ends right before ``start`` (see signature_end)."""
    first = start - 1
    while first > 0 and conclusion_line(lines[first], profile, source) is not None:
        first -= 1
    return any(signature_end(lines, index, profile, source) == start
               for index in range(max(first, 1), start) if lines[index].blank_before)


def signature_end(lines: list[Line], start: int, profile: Profile, source: str) -> int | None:
    """The end of a signature block starting at ``start`` that has more text after
    it, or None. A block is set apart by blank lines and holds a role with a
    signer's name, or a place and date."""
    if not lines[start].blank_before:
        return None
    found: list[ConclusionLine] = []
    end = start
    while end < len(lines) and (line := conclusion_line(lines[end], profile, source)) is not None:
        if end > start and lines[end].blank_before and signed(found) and line.kind == ConclusionKind.ROLE:
            break  # a role after a blank line below a signed block: an attachment's heading
        found.append(line)
        end += 1
    kinds = {c.kind for c in found}
    if end >= len(lines) or not lines[end].blank_before or not (signed(found) or ConclusionKind.PLACE_DATE in kinds):
        return None
    if all(conclusion_line(line, profile, source) is not None for line in lines[end:]):
        return None  # signature lines to the end: one signature block, nothing attached
    # What follows must open a document: a heading block naming an attachment,
    # or a title (a treaty's); a note or a sentence there is no attachment.
    # A document with no heading block follows only an operative sentence that
    # names it (a ratification law and its treaty).
    ratifies = any(match_any(profile.operative, line.norm) for line in lines[:start])
    if head_run(lines, end, profile) == end and not (ratifies and opens_document(lines, end, profile)):
        return None
    return end


def opens_document(lines: list[Line], start: int, profile: Profile) -> bool:
    """Whether a title (one line, or hard-wrapped over several) stands at
    ``start`` with more text after it, set apart by a blank line."""
    if not reads_as_title(lines[start], profile) or conclusion_line(lines[start], profile, "") is not None:
        return False
    after = start + 1
    while after < len(lines) and not lines[after].blank_before:
        after += 1
    # Text of its own, not just the act's signature lines below a stray line.
    return any(conclusion_line(line, profile, "") is None for line in lines[after:])


def head_run(lines: list[Line], start: int, profile: Profile) -> int:
    """The end of the attachment heading block starting at ``start``, or ``start``
    when no line of the block names an attachment. The block is the run of lines
    with no blank between them, at most eight, none a finished sentence except its
    last."""
    end = start + 1
    while end < len(lines) and not lines[end].blank_before and end - start < 8:
        end += 1
    block = lines[start:end]
    if len(block) > 1 and any(ends_sentence(line.norm) and not match_any(profile.attachment_head, line.norm)
                              for line in block[:-1]):
        return start
    if not any(match_any(profile.attachment_head, line.norm) for line in block):
        return start
    return end
