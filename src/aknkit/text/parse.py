"""Plain text in the published layout (adilet.zan.kz) -> the model.

The parser reads one language version with that language's profile. It only
builds the model: it knows no XML. Every line of input ends up somewhere in the
model (title, envelope, notes, preamble, units, conclusions), so no text is lost.
Problems are reported as coded findings with file and line in a ParseError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aknkit.text.dates import find_dates
from aknkit.findings import ERROR, WARNING, Finding, InputError
from aknkit.akn.ids import number_key
from aknkit.model import (
    Act, Attachment, Block, ConclusionLine, EnvelopeLine, Location, MetaLine, Note, Quote, Repeal, Span,
    TocEntry, Unit, ACT_REPEALED, NOTE_SERVICE, NOTE_SOURCE_COMMENT, STATUS_REMOVED,
)
from aknkit.text.profile import (
    CONTENT_KINDS, ENVELOPE_KINDS, NOTE_KINDS, STRUCTURE_KINDS, Profile, available_languages, load_profile,
)

RANK = {kind: rank for rank, kind in enumerate(STRUCTURE_KINDS + CONTENT_KINDS)}
TERMINAL = tuple(".;:!?…")
_NAME_GAP = re.compile(r"\s{3,}")
# Control characters, and the characters XML cannot carry at all (surrogates,
# U+FFFE, U+FFFF): a text holding one cannot become an AKN document.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


class ParseError(InputError):
    """The text is not a law in the expected layout; ``findings`` say where and why."""


@dataclass(slots=True)
class Line:
    """A non-blank source line: the original text and its normalised twin.

    Both are stripped of leading and trailing blanks; since normalisation keeps
    the length, an index into ``norm`` is an index into ``text``.
    """

    number: int
    text: str
    norm: str
    blank_before: bool


@dataclass(slots=True)
class Label:
    kind: str
    num: str | None     # None for a dash item, which has no number
    printed: str        # the label as printed, e.g. "1-бап." ("" for a dash item)
    rest: str           # what follows the label on the line (original text)


# --- reading bytes ---------------------------------------------------------

def decode_source(data: bytes, source: str) -> str:
    """UTF-8 text from ``data`` (a leading BOM is dropped); a located error otherwise,
    naming the encoding the bytes are in when it can be told (UTF-16, CP1251, KOI8-R)."""
    utf16 = utf16_byte_order(data)
    if utf16:
        raise ParseError([_error("P002", source, 1, f"UTF-16 ({utf16}) text, not UTF-8; expected UTF-8 text "
                                 f"(convert with iconv -f UTF-16{'LE' if utf16 == 'little-endian' else 'BE'} "
                                 "-t UTF-8)")])
    if b"\x00" in data[:65536]:
        raise ParseError([_error("P001", source, 1, "binary file (NUL bytes); expected UTF-8 text of an act")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        encoding = cyrillic_8bit_encoding(data)
        raise ParseError([_error(
            "P002", source, line,
            f"not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded; the text looks like {encoding}; "
            f"expected UTF-8 text (convert with iconv -f {encoding} -t UTF-8)",
        )]) from None


def utf16_byte_order(data: bytes) -> str | None:
    """"little-endian" or "big-endian" when ``data`` is UTF-16 text (by its BOM, or by
    the NUL bytes that ASCII characters such as digits, blanks and line breaks leave in
    every other position), else None."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "little-endian" if data[:2] == b"\xff\xfe" else "big-endian"
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    enough = max(2, len(sample) // 40)
    # Text in UTF-16 has a NUL in one position of every ASCII character (blanks,
    # digits, line breaks) and none in the other.
    if odd >= enough and even == 0:
        return "little-endian"
    if even >= enough and odd == 0:
        return "big-endian"
    return None


# The commonest letters of Russian and Kazakh text (о, е, а, и, н, т, с, р, в, л, ы, і).
_COMMON_LETTERS = frozenset("оеаинтсрвлыі")


def cyrillic_8bit_encoding(data: bytes) -> str:
    """CP1251 or KOI8-R, whichever makes more of the text common Cyrillic letters.

    Both put Cyrillic in the upper half of the byte range, in different places:
    text read in the wrong one turns mostly into capitals and rare letters.
    """
    def common(encoding: str) -> int:
        return sum(char in _COMMON_LETTERS for char in data[:65536].decode(encoding, errors="replace"))
    return "KOI8-R" if common("koi8_r") > common("cp1251") else "CP1251"


def _error(code: str, source: str, line: int | None, message: str) -> Finding:
    return Finding(code=code, severity=ERROR, message=message, file=source, line=line)


def split_lines(text: str, profile: Profile, source: str) -> list[Line]:
    """Non-blank lines, normalised, with a note of blank lines before them."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines: list[Line] = []
    blank = False
    for number, raw in enumerate(text.split("\n"), start=1):
        control = _CONTROL.search(raw)
        if control:
            raise ParseError([_error(
                "P003", source, number,
                f"control character U+{ord(control.group(0)):04X} at column {control.start() + 1}; "
                "expected printable text",
            )])
        norm = profile.normalise(raw)
        stripped = norm.strip(" \u3000\u2007\u202f\ufeff")
        if not stripped:
            blank = True
            continue
        start = len(norm) - len(norm.lstrip(" \u3000\u2007\u202f\ufeff"))
        original = raw[start:start + len(stripped)]
        lines.append(Line(number, original, stripped, blank))
        blank = False
    return lines


def split_flat_layout(lines: list[Line], profile: Profile) -> list[Line]:
    """Split lines glued together by the flat "compare" view (no blank lines).

    Only applied when the text has no blank line at all, where a chapter label
    and an article label, or a footnote and the next paragraph, share a line.
    """
    if len(lines) < 3 or any(line.blank_before for line in lines[1:]):
        return lines
    result: list[Line] = []
    for line in lines:
        cuts = sorted({m.start() for p in profile.flat_split for m in p.finditer(line.norm)} - {0})
        start = 0
        for cut in cuts + [len(line.norm)]:
            piece_norm = line.norm[start:cut].strip()
            if piece_norm:
                offset = start + (len(line.norm[start:cut]) - len(line.norm[start:cut].lstrip()))
                piece_text = line.text[offset:offset + len(piece_norm)]
                result.append(Line(line.number, piece_text, piece_norm, line.blank_before))
            start = cut
    return result


# --- classifying one line -----------------------------------------------------

_HINTS = {STRUCTURE_KINDS: "structure", CONTENT_KINDS: "content"}


def match_label(line: Line, profile: Profile, kinds) -> Label | None:
    hint = _HINTS.get(kinds)
    if hint is not None and not profile.hints[hint].search(line.norm):
        return None
    for kind in kinds:
        for pattern in profile.labels[kind]:
            m = pattern.match(line.norm)
            if m:
                rest_start = m.start("rest") if m.groupdict().get("rest") is not None else m.end()
                rest_start = rest_start if rest_start >= 0 else m.end()
                printed = line.text[:rest_start].strip()
                rest = line.text[rest_start:].strip()
                # Dash items have no number (an empty group).
                return Label(kind, m.group("num") or None, printed, rest)
    return None


def ordinal_label(line: Line, profile: Profile) -> Label | None:
    """An item numbered with an ordinal word ("Второе. ..."): a paragraph
    numbered by the word's place in the profile's list, the word kept in
    its text (AKN has no num for it that an eId number could come from)."""
    m = profile.ordinal.match(line.norm)
    if m is None:
        return None
    return Label("paragraph", str(profile.ordinal_words.index(m.group("word")) + 1), "", line.text)


def match_any(patterns, text: str) -> bool:
    return any(p.search(text) for p in patterns)


def note_kind(line: Line, profile: Profile) -> str | None:
    if not profile.hints["notes"].search(line.norm):
        return None
    for kind in NOTE_KINDS:
        if match_any(profile.notes[kind], line.norm):
            return kind
    return None


def envelope_kind(line: Line, profile: Profile) -> str | None:
    for kind in ENVELOPE_KINDS:
        if match_any(profile.envelope[kind], line.norm):
            return kind
    return None


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(TERMINAL)


def is_excluded(text: str, profile: Profile) -> bool:
    return match_any(profile.excluded, text)


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


# --- the signature block ------------------------------------------------------

def conclusion_line(line: Line, profile: Profile, source: str) -> ConclusionLine | None:
    """The line as part of a signature block, or None when it cannot be one."""
    loc = Location(source, line.number)
    m = profile.signature_number.match(line.norm)
    if m:
        return ConclusionLine("number", line.text, loc,
                              {"number": Span(m.start("number"), m.end("number"), m.group("number"))})
    if profile.signature_signer.match(line.norm):
        return ConclusionLine("signer", line.text, loc,
                              {"name": Span(0, len(line.text), line.text)})
    m = profile.signature_place_date.match(line.norm)
    if m:
        dates = find_dates(line.norm, profile)
        if dates and dates[-1].start >= m.start("date"):
            return ConclusionLine("place-date", line.text, loc, {
                "place": Span(m.start("place"), m.end("place"), line.text[m.start("place"):m.end("place")].strip()),
                "date": dates[-1],
            })
    if len(line.norm) <= 120 and not ends_sentence(line.norm) and match_any(profile.signature_roles, line.norm):
        spans = {}
        gap = _NAME_GAP.search(line.norm)
        if gap and profile.signature_signer.match(line.norm[gap.end():]):
            spans["name"] = Span(gap.end(), len(line.text), line.text[gap.end():])
            spans["role"] = Span(0, gap.start(), line.text[:gap.start()])
        else:
            spans["role"] = Span(0, len(line.text), line.text)
        return ConclusionLine("role", line.text, loc, spans)
    return None


def split_conclusions(lines: list[Line], profile: Profile, source: str):
    """The lines before the signature block, and the block itself (may be empty)."""
    block: list[ConclusionLine] = []
    index = len(lines)
    while index > 0:
        found = conclusion_line(lines[index - 1], profile, source)
        if found is None:
            break
        block.insert(0, found)
        index -= 1
    if not any(c.kind in ("role", "place-date") for c in block):
        return lines, []
    return lines[:index], block


# --- the parser -----------------------------------------------------------

class _Builder:
    """Walks the lines once, keeping the open units on a stack."""

    def __init__(self, profile: Profile, source: str, has_articles: bool):
        self.profile = profile
        self.source = source
        self.has_articles = has_articles
        self.act = Act(language=profile.language, source=source)
        self.stack: list[Unit] = []
        self.last_block: Block | None = None
        self.pending_service: list[Note] = []
        # Set once the enacting formula ("ПОСТАНОВЛЯЕТ:") has been read: text
        # after it is the body of an act without articles.
        self.after_formula = False
        self.problems: list[Finding] = []   # found while reading (an unclosed quote)
        # After a quote that never closes the text fails to parse anyway; not
        # looking for more keeps the cost linear on text full of open quotes.
        self.quotes_broken = False
        self.blank_lines = True     # the text sets paragraphs apart (not the flat layout)

    def loc(self, line: Line) -> Location:
        return Location(self.source, line.number)

    # text ------------------------------------------------------------------
    def add_text(self, line: Line) -> None:
        if self._continues_last_block(line):
            self.last_block.text += " " + line.text
            return
        block = Block(line.text, self.loc(line))
        if not self.stack and self.opens_body(line):
            # An unlabelled sentence of the body: an unnumbered paragraph.
            unit = Unit(kind="paragraph", loc=self.loc(line), intro=[block])
            unit.notes.extend(self.pending_service)
            self.pending_service.clear()
            self.act.body.append(unit)
            self.stack.append(unit)
        elif not self.stack:
            self.act.preamble.append(block)
            self.after_formula = self.after_formula or match_any(self.profile.enacting_formula, line.norm)
        else:
            unit = self._list_closed_by_period() or self.stack[-1]
            (unit.wrapup if unit.children else unit.intro).append(block)
        self.last_block = block

    def opens_body(self, line: Line) -> bool:
        """Whether unlabelled text outside any unit is the body of an act
        without articles: after the enacting formula, or an operative sentence
        ("Ратифицировать ...") standing for the whole body."""
        if self.has_articles:
            return False
        return self.after_formula or match_any(self.profile.operative, line.norm)

    def _list_closed_by_period(self) -> Unit | None:
        """The unit holding a list whose last item ends with a period.

        List items end with ";" and the last with "."; text after that belongs
        to the unit that holds the list (its wrap-up), not to the last item.
        """
        unit = self.stack[-1]
        blocks = unit.intro or ([unit.heading] if unit.heading else [])
        if unit.kind in ("point", "item", "indent") and len(self.stack) > 1 and blocks \
                and blocks[-1].text.rstrip().endswith("."):
            self.stack.pop()
            return self.stack[-1]
        return None

    def _continues_last_block(self, line: Line) -> bool:
        # Hard-wrapped 1990s texts break sentences across lines with no blank
        # line between; a lower-case start after an unfinished line continues it.
        return (
            self.last_block is not None
            and not line.blank_before
            and not ends_sentence(self.last_block.text)
            and line.norm[:1] in self.profile.lowercase_letters
        )

    def add_note(self, kind: str, line: Line) -> None:
        note = Note(kind, line.text, self.loc(line))
        self.last_block = None
        if kind == NOTE_SERVICE:
            # Service notes announce a change to the unit that follows them.
            self.pending_service.append(note)
        elif self.stack:
            (self.named_unit(line) or self.stack[-1]).notes.append(note)
        elif self.act.preamble:
            self.act.preamble_notes.append(note)
        else:
            self.act.notes.append(note)

    def named_unit(self, line: Line) -> Unit | None:
        """The unit a footnote names ("Статья 2 с изменениями ...", "Paragraph 3
        of Article 5 ..."): looked for among the open units first, then in the
        whole act; None when it names none, or one the act does not have."""
        for pattern in self.profile.note_targets:
            m = pattern.match(line.norm)
            if m:
                break
        else:
            return None
        path = [(kind, number_key(num)) for kind, num in m.groupdict().items() if num]
        order = ("article", "paragraph", "point")
        path.sort(key=lambda step: order.index(step[0]) if step[0] in order else len(order))
        kind, key = path[0]
        first = next((u for u in reversed(self.stack) if u.kind == kind and number_key(u.num) == key), None)
        if first is None:
            # Articles are numbered through the act; other units only among
            # their siblings, so without an article they are the act's own.
            candidates = self.act.units() if kind == "article" else iter(self.act.body)
            first = next((u for u in reversed(list(candidates))
                          if u.kind == kind and number_key(u.num) == key), None)
        unit = first
        for kind, key in path[1:]:
            if unit is None:
                return None
            unit = next((c for c in unit.children if c.kind == kind and number_key(c.num) == key), None)
        return unit

    # units -----------------------------------------------------------------
    def open_unit(self, label: Label, line: Line) -> Unit:
        unit = Unit(kind=label.kind, num=label.num, label=label.printed or None, loc=self.loc(line))
        rank = RANK[label.kind]
        while self.stack and RANK[self.stack[-1].kind] >= rank:
            self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        if parent is not None and parent.wrapup:
            # Text after a closed list that more units follow did not wrap the
            # list up: it belongs to the unit before it, and stays before the
            # new unit (AKN writes a wrap-up after all of a unit's children).
            last = parent.children[-1]
            (last.wrapup if last.children else last.intro).extend(parent.wrapup)
            parent.wrapup.clear()
        (parent.children if parent else self.act.body).append(unit)
        self.stack.append(unit)
        unit.notes.extend(self.pending_service)
        self.pending_service.clear()
        self.last_block = None
        if label.rest:
            block = Block(label.rest, self.loc(line))
            if is_excluded(label.rest, self.profile):
                unit.status = STATUS_REMOVED
            unit.intro.append(block)
            self.last_block = block
        return unit

    def dash_list_allowed(self) -> bool:
        """Dash items form a list only after text that introduces one (ends
        with ":") or after another dash item; elsewhere a dash starts text."""
        if not self.stack:
            return False
        if self.stack[-1].kind == "indent":
            return True
        return self.last_block is not None and self.last_block.text.rstrip().endswith(":")

    def content_label_allowed(self) -> bool:
        # In an act with articles, "1." outside an article is running text (a
        # preamble sentence); acts without articles number their paragraphs.
        return not self.has_articles or any(u.kind == "article" for u in self.stack)

    def finish(self) -> Act:
        target = self.stack[-1].notes if self.stack else self.act.notes
        target.extend(self.pending_service)
        return self.act


def parse_text(text: str, profile: Profile, source: str = "<text>", _hint: bool = True) -> Act:
    """Parse one language version of an act. Raises ParseError with findings."""
    lines = split_lines(text, profile, source)
    if not lines:
        raise ParseError([_error("P004", source, 1, "the file has no text; expected the text of an act "
                                 f"(title, then labels such as {profile.examples['article']!r})")])
    lines = split_flat_layout(lines, profile)
    comments = []
    while lines and lines[0].norm.startswith("#"):
        comments.append(lines.pop(0))
    lines, parts = split_attachments(lines, profile, source)
    act, problems = _parse_part(lines, profile, source, envelope=True)
    act.notes[:0] = [Note(NOTE_SOURCE_COMMENT, c.text, Location(source, c.number)) for c in comments]
    for head, part in parts:
        attachment, found = _parse_attachment(head, part, profile, source)
        act.attachments.append(attachment)
        problems += found
    if any(match_any(profile.repeal_status, line.text) for line in act.envelope if line.kind == "status") \
            or act.repeal is not None:
        act.status = ACT_REPEALED
    if not act.body:
        better = _better_language(text, profile, source) if _hint else None
        hint = f" (the text reads as {better}: is --lang {better} meant?)" if better else ""
        problems.append(_error(
            "P105", source, lines[0].number if lines else 1,
            f"nothing reads as the body of an act; expected units such as {profile.examples['chapter']!r} "
            f"and {profile.examples['article']!r}, numbered paragraphs, or text after an enacting "
            f"formula{hint}",
        ))
    if problems:
        raise ParseError(problems)
    return act


def _parse_part(lines: list[Line], profile: Profile, source: str, envelope: bool) -> tuple[Act, list[Finding]]:
    """The act (or an attachment's document) in ``lines``, and its structural problems."""
    lines, conclusions = split_conclusions(lines, profile, source)
    has_articles = any(match_label(line, profile, ("article",)) for line in lines)
    builder = _Builder(profile, source, has_articles)
    builder.blank_lines = any(line.blank_before for line in lines[1:])
    builder.act.conclusions = conclusions
    index = _read_envelope(lines, profile, builder) if envelope else _read_title(lines, profile, builder)
    while index < len(lines):
        index = _read_body_line(lines, index, profile, builder)
    act = builder.finish()
    if envelope:
        act.warnings += _text_after_signature(lines, profile, source)
    return act, builder.problems + check_structure(act, profile)


def _text_after_signature(lines: list[Line], profile: Profile, source: str) -> list[Finding]:
    """A signed block (a role and its signer's name, set apart by a blank line)
    with more text after it that no attachment heading claimed: that text is
    read into the act's last unit, which is right only if it was never an
    annex, so say so at its first line."""
    for index, line in enumerate(lines):
        if not line.blank_before:
            continue
        block: list[ConclusionLine] = []
        end = index
        while end < len(lines) and (found := conclusion_line(lines[end], profile, source)) is not None:
            block.append(found)
            end += 1
        if end < len(lines) and _signed(block):
            return [Finding(
                code="P233", severity=WARNING, file=source, line=lines[end].number,
                message=f"text after the signature block at line {lines[index].number} is read into the act's "
                        f"last unit; expected an attachment heading (such as "
                        f"{profile.examples['attachment']!r}) if it is an annex")]
    return []


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


# --- attachments after the signature ---------------------------------------------

def _signature_end(lines: list[Line], start: int, profile: Profile, source: str) -> int | None:
    """The end of a signature block starting at ``start`` that has more text after
    it, or None. A block is set apart by blank lines and holds a role with a
    signer's name, or a place and date."""
    if not lines[start].blank_before:
        return None
    found: list[ConclusionLine] = []
    end = start
    while end < len(lines) and (line := conclusion_line(lines[end], profile, source)) is not None:
        if end > start and lines[end].blank_before and _signed(found) and line.kind == "role":
            break  # a role after a blank line below a signed block: an attachment's heading
        found.append(line)
        end += 1
    kinds = {c.kind for c in found}
    if end >= len(lines) or not lines[end].blank_before or not (_signed(found) or "place-date" in kinds):
        return None
    if all(conclusion_line(line, profile, source) is not None for line in lines[end:]):
        return None  # signature lines to the end: one signature block, nothing attached
    # What follows must open a document: a heading block naming an attachment,
    # or a title (a treaty's); a note or a sentence there is no attachment.
    # A document with no heading block follows only an operative sentence that
    # names it (a ratification law and its treaty).
    ratifies = any(match_any(profile.operative, line.norm) for line in lines[:start])
    if _head_run(lines, end, profile) == end and not (ratifies and _opens_document(lines, end, profile)):
        return None
    return end


def _opens_document(lines: list[Line], start: int, profile: Profile) -> bool:
    """Whether a title (one line, or hard-wrapped over several) stands at
    ``start`` with more text after it, set apart by a blank line."""
    if not reads_as_title(lines[start], profile) or conclusion_line(lines[start], profile, "") is not None:
        return False
    after = start + 1
    while after < len(lines) and not lines[after].blank_before:
        after += 1
    # Text of its own, not just the act's signature lines below a stray line.
    return any(conclusion_line(line, profile, "") is None for line in lines[after:])


def _signed(lines: list[ConclusionLine]) -> bool:
    """Whether signature lines hold a role and a signer's name."""
    kinds = {c.kind for c in lines}
    return "role" in kinds and ("signer" in kinds or any("name" in c.spans for c in lines))


def _head_run(lines: list[Line], start: int, profile: Profile) -> int:
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


def split_attachments(lines: list[Line], profile: Profile, source: str):
    """The act's own lines, and (head lines, lines) of each attachment printed
    after its signature: a ratified treaty, approved rules, annexes, a draft."""
    if not profile.attachment_head and not profile.operative:
        return lines, []
    first = next((start for start in _attachment_candidates(lines, profile)
                  if _signed_before(lines, start, profile, source)), None)
    if first is None:
        return lines, []
    starts = [first]
    index = _head_run(lines, first, profile)
    while index < len(lines):
        if lines[index].blank_before and _head_run(lines, index, profile) > index:
            starts.append(index)
            index = _head_run(lines, index, profile)
        else:
            index += 1
    parts = []
    for number, start in enumerate(starts):
        stop = starts[number + 1] if number + 1 < len(starts) else len(lines)
        head_end = _head_run(lines, start, profile)
        parts.append((lines[start:head_end], lines[head_end:stop]))
    return lines[:first], parts


def _attachment_candidates(lines: list[Line], profile: Profile) -> list[int]:
    """Where an attachment could begin, ascending: the first line of each block
    holding a heading line, and after an operative sentence every line set apart
    by a blank. Only these are tried against the signature before them, so an
    act with no attachment costs one cheap test per line."""
    starts = set()
    for index, line in enumerate(lines):
        if match_any(profile.attachment_head, line.norm):
            while index > 0 and not lines[index].blank_before:
                index -= 1
            starts.add(index)
    operative = next((i for i, line in enumerate(lines) if match_any(profile.operative, line.norm)), None)
    if operative is not None:
        starts.update(i for i in range(operative + 1, len(lines)) if lines[i].blank_before)
    return sorted(i for i in starts if i > 0)


def _signed_before(lines: list[Line], start: int, profile: Profile, source: str) -> bool:
    """Whether a signature block ends right before ``start`` (see _signature_end)."""
    first = start - 1
    while first > 0 and conclusion_line(lines[first], profile, source) is not None:
        first -= 1
    return any(_signature_end(lines, index, profile, source) == start
               for index in range(max(first, 1), start) if lines[index].blank_before)


def _parse_attachment(head: list[Line], lines: list[Line], profile: Profile,
                      source: str) -> tuple[Attachment, list[Finding]]:
    if not lines:
        where = head[-1].number if head else 1
        doc = Act(language=profile.language, source=source)
        return Attachment(doc, [Block(h.text, Location(source, h.number)) for h in head],
                          Location(source, where)), [_error(
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
        doc.body.append(Unit(kind="paragraph", intro=doc.preamble, loc=doc.preamble[0].loc,
                             notes=doc.preamble_notes))
        doc.preamble, doc.preamble_notes = [], []
    first = head[0] if head else lines[0]
    return Attachment(doc, [Block(h.text, Location(source, h.number)) for h in head],
                      Location(source, first.number)), problems


def reads_as_title(line: Line, profile: Profile) -> bool:
    """Whether the first line is the act's title. Compare views start with the
    type/date line, the issuing body or the preamble instead: a line that is a
    label, an envelope line, a note, the type/date line, an operative sentence
    or a sentence (or clause) is never taken for the title."""
    return not (match_label(line, profile, STRUCTURE_KINDS) or envelope_kind(line, profile)
                or note_kind(line, profile) or match_meta(line, profile)
                or match_any(profile.operative, line.norm) or match_any(profile.enacting_formula, line.norm)
                or line.norm.rstrip().endswith(TERMINAL + (",",)))


def _read_title(lines: list[Line], profile: Profile, builder: _Builder) -> int:
    """An attachment's title: its first line, with the lines hard-wrapped onto it."""
    if not lines or not reads_as_title(lines[0], profile) or match_label(lines[0], profile, CONTENT_KINDS):
        return 0
    end = 1
    while end < len(lines) and not lines[end].blank_before and reads_as_title(lines[end], profile) \
            and not match_label(lines[end], profile, CONTENT_KINDS):
        end += 1
    builder.act.title = Block(" ".join(line.text for line in lines[:end]), builder.loc(lines[0]))
    return end


def _read_envelope(lines: list[Line], profile: Profile, builder: _Builder) -> int:
    """Title, status, meta line, contents and document notes; returns where the preamble or body starts."""
    act = builder.act
    index = 0
    structure = STRUCTURE_KINDS
    if lines and reads_as_title(lines[0], profile):
        act.title = Block(lines[0].text, builder.loc(lines[0]))
        index = 1
    while index < len(lines):
        line = lines[index]
        if match_label(line, profile, structure):
            break
        kind = envelope_kind(line, profile)
        if kind:
            act.envelope.append(EnvelopeLine(kind, line.text, builder.loc(line)))
            if kind == "toc":
                index = _read_toc(lines, index + 1, profile, builder)
                continue
        elif (note := note_kind(line, profile)):
            if note == NOTE_SERVICE and (act.title is not None or act.meta_line is not None) \
                    and not _announces_unit(lines, index, profile):
                # A service note under the title or the type/date line concerns
                # the whole act; one standing first, or right before the first
                # label, announces that unit.
                act.notes.append(Note(note, line.text, builder.loc(line)))
            else:
                builder.add_note(note, line)
        elif act.meta_line is None and (meta := match_meta(line, profile)):
            meta.loc = builder.loc(line)
            act.meta_line = meta
        else:
            break
        index += 1
    return index


def _announces_unit(lines: list[Line], index: int, profile: Profile) -> bool:
    """Whether the service notes from ``index`` on stand right before a structural label."""
    while index < len(lines) and note_kind(lines[index], profile) == NOTE_SERVICE:
        index += 1
    return index < len(lines) and match_label(lines[index], profile, STRUCTURE_KINDS) is not None


def _read_toc(lines: list[Line], index: int, profile: Profile, builder: _Builder) -> int:
    """The lines of a contents block: labels with their headings, and headings on
    lines of their own. It ends at a sentence, a note, an envelope or type/date
    line, or the label it began with printed again (the text itself begins)."""
    first: tuple[str, str] | None = None
    while index < len(lines):
        line = lines[index]
        label = match_label(line, profile, STRUCTURE_KINDS)
        if label is not None:
            key = (label.kind, label.num)
            if first is None:
                first = key
            elif key == first:
                break
        elif ends_sentence(line.norm) or note_kind(line, profile) or envelope_kind(line, profile) \
                or match_meta(line, profile) or match_label(line, profile, CONTENT_KINDS):
            break
        builder.act.toc.append(TocEntry(line.text, builder.loc(line),
                                        label.kind if label else None, label.num if label else None))
        index += 1
    return index


def _read_body_line(lines: list[Line], index: int, profile: Profile, builder: _Builder) -> int:
    """Place ``lines[index]`` in the model; returns the index of the next line to read."""
    line = lines[index]
    block = None if builder.quotes_broken else builder.last_block
    if block is not None and block.quote is None and line.norm[:1] in profile.quotes \
            and profile.amend_trigger.search(profile.normalise(block.text)):
        # New wording on lines of its own, under "... в следующей редакции:".
        return _read_quote(lines, index, 0, len(block.text), block, profile, builder, own_line=True)
    note = note_kind(line, profile)
    if note:
        builder.add_note(note, line)
        return index + 1
    label = match_label(line, profile, STRUCTURE_KINDS)
    if label is None and builder.content_label_allowed():
        label = match_label(line, profile, CONTENT_KINDS)
        if label is not None and label.kind == "indent" and not builder.dash_list_allowed():
            builder.act.warnings.append(Finding(
                code="P231", severity=WARNING, file=builder.source, line=line.number,
                message=f"{line.text[:60]!r} starts like a dash item, but no list is open here "
                        "(no text ending with ':' or dash item before it); read as text"))
            label = None
        if label is None:
            label = ordinal_label(line, profile)
    if label is None:
        builder.add_text(line)
        return _quote_in_line(lines, index, profile, builder)
    unit = builder.open_unit(label, line)
    # A label line that opens new wording has no heading to look for.
    opens_quote = bool(unit.intro) and _quote_opening(unit.intro[-1].text, profile) is not None
    if label.kind in CONTENT_KINDS or opens_quote:
        return _quote_in_line(lines, index, profile, builder)
    return _read_heading(unit, lines, index + 1, profile, builder)


# --- amending instructions: quoted new wording ------------------------------------

def _quote_opening(text: str, profile: Profile, start: int = 0) -> int | None:
    """Where new wording opens in ``text`` (from ``start`` on): the first
    opening quote that an amending phrase ("в следующей редакции:") comes
    right before."""
    found = profile.quote_open.search(text, start)
    if found is None:   # most lines: no quote at all
        return None
    norm = profile.normalise(text)
    while found is not None:
        at = found.start()
        if profile.amend_trigger.search(norm, 0, at):
            return at
        close = _closing_in(norm, at, norm[at], profile.quotes[norm[at]])
        if close is not None and profile.amend_after.match(norm, close + 1):
            return at
        found = profile.quote_open.search(text, at + 1)
    return None


def _closing_in(text: str, at: int, start: str, end: str) -> int | None:
    """Where the quote opened at ``text[at]`` closes within ``text``, or None."""
    closing = _quote_closing([Line(0, text, text, False)], 0, at, start, end)
    return closing[1] if closing is not None else None


def _quote_in_line(lines: list[Line], index: int, profile: Profile, builder: _Builder) -> int:
    """After a line was placed: read the new wording it opens, if any."""
    block = builder.last_block
    line = lines[index]
    if block is None or block.quote is not None or builder.quotes_broken:
        return index + 1
    # The block ends with this line's text (joined to earlier lines or after a label).
    offset = len(block.text) - len(line.text)
    at = _quote_opening(block.text, profile, max(0, offset))
    column = None if at is None else at - offset
    if column is None or column < 0 or line.text[column:] != block.text[at:]:
        return index + 1
    return _read_quote(lines, index, column, at, block, profile, builder)


def _quote_is_opening(text: str, at: int) -> bool:
    """Whether a quote that opens and closes with the same character opens here:
    after a blank, a bracket or another quote, before a letter, a digit or
    another quote (``"Закон" Республики``, ``""Закон" туралы ...``)."""
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return (before.isspace() or before in _OPENS_BEFORE) and (after.isalnum() or after in _OPENS_AFTER)


_OPENS_BEFORE = frozenset("([{«“—–-:\"'")
_OPENS_AFTER = frozenset("\"«“([")


_DEEPEST_QUOTE = 8


def _quote_closing(lines: list[Line], index: int, column: int, start: str, end: str) -> tuple[int, int] | None:
    """(line index, column) of the quote that closes the one opened at
    ``lines[index]``, ``column``; quotes inside it may nest."""
    depth = 1
    for at in range(index, len(lines)):
        text = lines[at].norm
        position = column + 1 if at == index else 0
        while True:
            found = [p for p in (text.find(start, position), text.find(end, position)) if p >= 0]
            if not found:
                break
            position = min(found)
            opening = text[position] == start and (start != end or _quote_is_opening(text, position))
            depth += 1 if opening else -1
            if depth == 0:
                return at, position
            if depth > _DEEPEST_QUOTE:
                return None     # no law nests quotes this deep: this one is not closed

            position += 1
    return None


def _piece(line: Line, start: int, end: int) -> Line | None:
    """The part ``start:end`` of a line as a line of its own (blanks trimmed)."""
    norm = line.norm[start:end]
    lead = len(norm) - len(norm.lstrip())
    stripped = norm.strip()
    if not stripped:
        return None
    begin = start + lead
    return Line(line.number, line.text[begin:begin + len(stripped)], stripped, line.blank_before)


def _read_quote(lines: list[Line], index: int, column: int, cut: int, block: Block,
                profile: Profile, builder: _Builder, own_line: bool = False) -> int:
    """New wording that opens at ``lines[index]``, ``column`` and belongs to
    ``block`` (whose text before ``cut`` is the instruction): words within
    the instruction's line, or a structure (on lines of its own, or running
    past the line) read with the act's own grammar, whose numbers are its
    own. Returns the index of the line after the closing quote."""
    line = lines[index]
    start = line.norm[column]
    end = profile.quotes[start]
    closing = _quote_closing(lines, index, column, start, end)
    if closing is None:
        builder.quotes_broken = True
        builder.problems.append(_error(
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
        quoted = [_piece(line, column + 1, close)]
    else:
        quoted = [_piece(line, column + 1, len(line.norm))] + lines[index + 1:last] + [_piece(lines[last], 0, close)]
    quoted_lines = [q for q in quoted if q is not None]
    inner = _Builder(profile, builder.source, any(match_label(q, profile, ("article",)) for q in quoted_lines))
    position = 0
    while position < len(quoted_lines):
        position = _read_body_line(quoted_lines, position, profile, inner)
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


def _read_heading(unit: Unit, lines: list[Line], index: int, profile: Profile, builder: _Builder) -> int:
    """Decide whether the unit has a heading: on its label line or on the next line."""
    following = lines[index] if index < len(lines) else None
    next_is_label = following is not None and match_label(following, profile, STRUCTURE_KINDS) is not None
    if unit.intro:
        tail = unit.intro[0]
        # Containers above articles always title themselves on the label line;
        # an article's tail is a heading only when it is not a sentence.
        if unit.kind != "article" or (not ends_sentence(tail.text) and not next_is_label
                                      and unit.status is None):
            unit.heading = unit.intro.pop(0)
            builder.last_block = None  # text never continues a heading
            return _heading_wrapped(unit.heading, lines, index, profile, builder)
        return index
    if following is None or next_is_label or note_kind(following, profile) \
            or match_label(following, profile, CONTENT_KINDS) or ends_sentence(following.norm):
        return index
    if unit.kind == "article" and len(following.norm) > 200:
        return index
    unit.heading = Block(following.text, builder.loc(following))
    return _heading_wrapped(unit.heading, lines, index + 1, profile, builder)


def _heading_wrapped(heading: Block, lines: list[Line], index: int, profile: Profile,
                     builder: _Builder) -> int:
    """Join the lines a heading was wrapped onto: right under it (no blank
    line), no label or note, not ending a sentence, and either starting
    lower-case or, under a heading in capitals, in capitals too. Returns the
    next line to read."""
    while index < len(lines):
        line = lines[index]
        if line.blank_before or ends_sentence(heading.text) or note_kind(line, profile) \
                or match_label(line, profile, STRUCTURE_KINDS + CONTENT_KINDS):
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


# --- structural checks ------------------------------------------------------

def check_structure(act: Act, profile: Profile) -> list[Finding]:
    """Numbering and nesting problems a reader of the law would call errors."""
    problems: list[Finding] = []
    source = act.source
    units = list(act.units())
    articles = [u for u in units if u.kind == "article"]
    containers = [u for u in units if u.kind in STRUCTURE_KINDS[:-1]]

    if articles and containers:
        for unit in act.body:
            if unit.kind == "article":
                problems.append(_error(
                    "P103", source, unit.loc.line,
                    f"article {unit.label!r} stands before any {containers[0].kind}; expected it inside "
                    f"a {containers[0].kind} such as {profile.examples.get(containers[0].kind, containers[0].label)!r}",
                ))
                break
        for unit in containers:
            if not any(u.kind == "article" for u in unit.walk()):
                problems.append(_error(
                    "P104", source, unit.loc.line,
                    f"{unit.kind} {unit.label!r} has no articles; expected at least one "
                    f"{profile.examples['article']!r}-style article after it",
                ))

    # Articles run through the whole act; other units restart in each parent.
    # Parts are named ("ОБЩАЯ ЧАСТЬ"), not numbered, so they have no order.
    problems += _check_sequence(articles, source, "article")
    for siblings in [act.body] + [unit.children for unit in units if unit.children]:
        by_kind: dict[str, list[Unit]] = {}
        for unit in siblings:
            if unit.kind not in ("part", "article"):
                by_kind.setdefault(unit.kind, []).append(unit)
        for kind, units in by_kind.items():
            problems += _check_sequence(units, source, kind)
    return problems


def _check_sequence(units: list[Unit], source: str, kind: str) -> list[Finding]:
    problems = []
    seen: dict[tuple, Unit] = {}
    previous: Unit | None = None
    for unit in units:
        if unit.num is None:
            continue
        key = number_key(unit.num)
        if key in seen:
            first = seen[key]
            problems.append(_error(
                "P101", source, unit.loc.line,
                f"duplicate {kind} number {unit.label or unit.num!r} (first at line {first.loc.line}); "
                "expected each number once",
            ))
        elif previous is not None and key < number_key(previous.num):
            problems.append(_error(
                "P102", source, unit.loc.line,
                f"{kind} {unit.label or unit.num!r} comes after {previous.label or previous.num!r} "
                f"(line {previous.loc.line}); "
                "expected numbers in ascending order",
            ))
        seen.setdefault(key, unit)
        previous = unit
    return problems


def parse_file(path: str, profile: Profile) -> Act:
    """Read and parse a file; OSError is left to the caller."""
    with open(path, "rb") as handle:
        data = handle.read()
    return parse_text(decode_source(data, path), profile, source=path)
