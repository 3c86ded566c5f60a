"""A whole text: envelope, body, signature and attachments, each read by its
own module, and the problems found on the way raised as one ParseError."""

from __future__ import annotations

from aknkit.findings import Finding
from aknkit.model import (
    ACT_REPEALED,
    NOTE_SOURCE_COMMENT,
    Act,
    Attachment,
    Block,
    EnvelopeKind,
    Location,
    Note,
    Unit,
    UnitKind,
)
from aknkit.text.history import read_history
from aknkit.text.parse.attachments import split_attachments
from aknkit.text.parse.body import read_body_line
from aknkit.text.parse.builder import Builder
from aknkit.text.parse.classify import match_any, match_label, reads_as_title
from aknkit.text.parse.envelope import read_envelope, read_title
from aknkit.text.parse.lines import Line, ParseError, decode_source, error_finding, split_flat_layout, split_lines
from aknkit.text.parse.signature import split_conclusions, text_after_signature
from aknkit.text.parse.structure import check_structure
from aknkit.text.profile import Profile, available_languages, load_profile


def parse_text(text: str, profile: Profile, source: str = "<text>", _hint: bool = True) -> Act:
    """Parse one language version of an act. Raises ParseError with findings."""
    lines = split_lines(text, profile, source)
    if not lines:
        raise ParseError([error_finding("P004", source, 1, "the file has no text; expected the text of an act "
                                        f"(title, then labels such as {profile.examples[UnitKind.ARTICLE]!r})")])
    lines = split_flat_layout(lines, profile)
    leading = next((i for i, line in enumerate(lines) if not line.norm.startswith("#")), len(lines))
    comments, lines = lines[:leading], lines[leading:]
    lines, parts = split_attachments(lines, profile, source)
    act, problems = _parse_part(lines, profile, source, envelope=True)
    act.notes[:0] = [Note(NOTE_SOURCE_COMMENT, c.text, Location(source, c.number)) for c in comments]
    for head, part in parts:
        attachment, found = _parse_attachment(head, part, profile, source)
        act.attachments.append(attachment)
        problems += found
    act.warnings += read_history(act, profile)
    if any(match_any(profile.repeal_status, line.text) for line in act.envelope if line.kind == EnvelopeKind.STATUS) \
            or act.repeal is not None:
        act.status = ACT_REPEALED
    if not act.body:
        better = _better_language(text, profile, source) if _hint else None
        hint = f" (the text reads as {better}: is --lang {better} meant?)" if better else ""
        problems.append(error_finding(
            "P105", source, lines[0].number if lines else 1,
            f"nothing reads as the body of an act; expected units such as {profile.examples[UnitKind.CHAPTER]!r} "
            f"and {profile.examples[UnitKind.ARTICLE]!r}, numbered paragraphs, or text after an enacting "
            f"formula{hint}",
        ))
    if problems:
        raise ParseError(problems)
    return act


def _parse_part(lines: list[Line], profile: Profile, source: str, envelope: bool) -> tuple[Act, list[Finding]]:
    """The act (or an attachment's document) in ``lines``, and its structural problems."""
    lines, conclusions = split_conclusions(lines, profile, source)
    has_articles = any(match_label(line, profile, (UnitKind.ARTICLE,)) for line in lines)
    builder = Builder(profile, source, has_articles)
    builder.blank_lines = any(line.blank_before for line in lines[1:])
    builder.act.conclusions = conclusions
    index = read_envelope(lines, profile, builder) if envelope else read_title(lines, profile, builder)
    while index < len(lines):
        after = read_body_line(lines, index, profile, builder)
        # What the lines read are on their own is not asked again (it would be
        # worked out anew): dropped as the body is read, not held to its end.
        for line in lines[index:after]:
            line.seen = None
        index = after
    act = builder.finish()
    if envelope:
        act.warnings += text_after_signature(lines, profile, source)
    return act, builder.problems + check_structure(act, profile)


def _parse_attachment(head: list[Line], lines: list[Line], profile: Profile,
                      source: str) -> tuple[Attachment, list[Finding]]:
    if not lines:
        where = head[-1].number if head else 1
        doc = Act(language=profile.language, source=source)
        return Attachment(doc, [Block(h.text, Location(source, h.number)) for h in head],
                          Location(source, where)), [error_finding(
                              "P121", source, where,
                              "an attachment heading with no text after it; expected the title and "
                              "text of the annex")]
    if len(lines) > 1 and match_any(profile.attachment_type_line, lines[0].norm) and lines[1].blank_before \
            and reads_as_title(lines[1], profile):
        # A draft's type line above its title belongs to its heading lines.
        head, lines = head + lines[:1], lines[1:]
    doc, problems = _parse_part(lines, profile, source, envelope=False)
    if not doc.body and doc.preamble:
        # A text with no units (a treaty written as plain paragraphs) is all body.
        doc.body.append(Unit(kind=UnitKind.PARAGRAPH, intro=doc.preamble, loc=doc.preamble[0].loc,
                             notes=doc.preamble_notes))
        doc.preamble, doc.preamble_notes = [], []
    first = head[0] if head else lines[0]
    return Attachment(doc, [Block(h.text, Location(source, h.number)) for h in head],
                      Location(source, first.number)), problems


def _better_language(text: str, profile: Profile, source: str) -> str | None:
    """Another language whose profile finds a body in ``text``, or None."""
    for language in available_languages():
        if language == profile.language:
            continue
        try:
            parse_text(text, load_profile(language), source, _hint=False)
        except ParseError as exc:
            if any(f.code == "P105" for f in exc.findings):
                continue
        return language
    return None


def parse_file(path: str, profile: Profile) -> Act:
    """Read and parse a file; OSError is left to the caller."""
    with open(path, "rb") as handle:
        data = handle.read()
    return parse_text(decode_source(data, path), profile, source=path)
