"""The model -> plain text in the published layout (adilet.zan.kz) of one language.

The text is what the parser reads: parsing it gives back the model it was
written from, so text -> AKN -> text -> AKN gives the same AKN. Where the
layout leaves a choice (the label line or the next one for a heading, where a
footnote stands) the writer asks the parser's own line classifiers how a line
would be read and takes the placement that reads back as the model says.

Documents from other producers are written the same way: units keep their
printed numbers, bare numbers get the language's label (profile table
``[unparse]``), and units of any other tag are written with their number,
heading and text, in their order.

Nothing here prints or touches files; :func:`unparse_bytes` raises
:class:`~aknkit.findings.InputError` with coded, located findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .coverage import squeeze
from .emit import AKNKIT_NS
from .findings import ERROR, Finding, InputError
from .model import Act, Block, ConclusionLine, Note, NOTE_SERVICE, NOTE_SOURCE_COMMENT, STATUS_REMOVED, Unit
from .parse import Line, conclusion_line, ends_sentence, is_excluded, match_label, note_kind
from .profile import CONTENT_KINDS, STRUCTURE_KINDS, Profile, load_profile
from .read import AknReadError, read_akn_bytes
from .safexml import XMLInputError, parse_bytes

# The published layout indents running text, notes and the signature block.
INDENT = "      "
# Signers' names stand to the right of their role, from about this column.
NAME_COLUMN = 50
# The parser separates a signer's name from the role by three blanks or more.
_NAME_GAP = 3
# An article's first line longer than this is never its heading (parse._read_heading).
_LONGEST_NEXT_LINE_HEADING = 200


# --- how the parser reads one line ------------------------------------------------

def _line(text: str, profile: Profile) -> Line:
    return Line(0, text, profile.normalise(text), True)


@dataclass(frozen=True)
class _Reading:
    """What the parser makes of one line of the body."""

    profile: Profile

    def label(self, text: str, kinds=STRUCTURE_KINDS + CONTENT_KINDS):
        """The label the line opens with, structure kinds tried first (as the parser does)."""
        line = _line(text, self.profile)
        structure = tuple(k for k in kinds if k in STRUCTURE_KINDS)
        content = tuple(k for k in kinds if k in CONTENT_KINDS)
        return (match_label(line, self.profile, structure) if structure else None) or \
            (match_label(line, self.profile, content) if content else None)

    def is_structure_label(self, text: str | None) -> bool:
        return text is not None and self.label(text, STRUCTURE_KINDS) is not None

    def is_note(self, text: str) -> bool:
        return note_kind(_line(text, self.profile), self.profile) is not None

    def is_plain_text(self, text: str) -> bool:
        """Read as running text: no label, no note."""
        return not self.is_note(text) and self.label(text) is None

    def opens(self, text: str, unit: Unit, rest: str) -> bool:
        """Whether ``text`` is read as the label of ``unit`` followed by ``rest``."""
        kinds = STRUCTURE_KINDS if unit.kind in STRUCTURE_KINDS else STRUCTURE_KINDS + CONTENT_KINDS
        if self.is_note(text):
            return False
        label = self.label(text, kinds)
        return label is not None and (label.kind, label.printed, label.rest) == (unit.kind, unit.label, rest)

    def is_next_line_heading(self, text: str, unit: Unit) -> bool:
        """Whether a line right after a bare label line becomes that unit's heading."""
        return (
            self.is_plain_text(text) and not ends_sentence(text)
            and (unit.kind != "article" or len(text) <= _LONGEST_NEXT_LINE_HEADING)
        )


# --- the page being written ----------------------------------------------------------

@dataclass
class _Page:
    lines: list[str] = field(default_factory=list)

    def paragraph(self, text: str, indent: str = "") -> None:
        """A line with a blank line before it: blank lines keep paragraphs apart
        (the parser joins a lower-case line to an unfinished one above it)."""
        if self.lines and self.lines[-1]:
            self.lines.append("")
        self.lines.append(indent + text)

    def follow(self, text: str, indent: str = "") -> None:
        """A line right under the previous one."""
        self.lines.append(indent + text)

    def text(self) -> str:
        return "\n".join(self.lines).rstrip("\n") + "\n" if self.lines else ""


@dataclass
class _UnitPlan:
    """Where each piece of a unit goes: its label line, a heading line under it,
    notes, then the rest of the text."""

    label_line: str | None
    heading_line: str | None
    notes: list[Note]
    blocks: list[Block]


class _Writer:
    def __init__(self, act: Act, profile: Profile):
        self.act = act
        self.profile = profile
        self.reading = _Reading(profile)
        self.page = _Page()

    # labels --------------------------------------------------------------------
    def label(self, unit: Unit) -> str | None:
        """The printed label; a bare number ("5") gets the language's label around
        it ("Статья 5.") when it would not read as a label of its kind. A printed
        label is text of the document, so it is never changed otherwise."""
        printed = unit.label
        template = self.profile.unparse.get(unit.kind)
        if not printed or template is None or printed != unit.num:
            return printed
        if any(self.reading.label(candidate, (unit.kind,)) for candidate in (printed, printed + " X")):
            return printed
        return template.format(num=printed)

    def first_line(self, unit: Unit) -> str | None:
        """The first line written for ``unit`` (its label, or a note announcing it)."""
        leading = _leading_service_notes(unit)
        return leading[0].text if leading else self.label(unit) or (unit.heading.text if unit.heading else None)

    # the document --------------------------------------------------------------
    def write(self) -> str:
        act = self.act
        comments = [n for n in act.notes if n.kind == NOTE_SOURCE_COMMENT]
        document_notes = [n for n in act.notes if n.kind != NOTE_SOURCE_COMMENT]
        for comment in comments:
            self.page.follow(comment.text)
        hoisted: list[Note] = []
        if act.title is not None:
            self.page.paragraph(act.title.text)
        elif not act.envelope and not document_notes and (act.meta_line or act.preamble) and act.body:
            # Without a title the first line must not look like one: a note
            # announcing the first unit may stand first, as it did in the source.
            hoisted = _leading_service_notes(act.body[0])
            for note in hoisted:
                self.page.paragraph(note.text)
        for line in act.envelope:
            self.page.paragraph(line.text)
        for note in document_notes:
            self.page.paragraph(note.text, INDENT)
        if act.meta_line is not None:
            self.page.paragraph(act.meta_line.text)
        for block in act.preamble:
            self.page.paragraph(block.text, INDENT)
        for note in act.preamble_notes:
            self.page.paragraph(note.text, INDENT)
        self.units(act.body, after=None, skip_notes=hoisted)
        self.keep_last_line_in_body()
        self.conclusions(act.conclusions)
        return self.page.text()

    def keep_last_line_in_body(self) -> None:
        """The parser takes the signature block from the end of the text, line by
        line, while lines look like signature lines. A paragraph of the body
        that looks like one ("President of the ...") came from a hard-wrapped
        source whose last line did not: wrap it again at a blank before a
        lower-case word, which the parser joins back with one blank."""
        last = self.page.lines[-1] if self.page.lines else ""
        text = last.strip()
        if not text or conclusion_line(_line(text, self.profile), self.profile, "") is None:
            return
        lowercase = self.profile.lowercase_letters
        for at in range(len(text) - 1, 0, -1):
            head, tail = text[:at], text[at + 1:]
            if text[at] == " " and tail[:1] in lowercase and not head.endswith(" ") \
                    and not ends_sentence(head) and tail.strip() == tail \
                    and conclusion_line(_line(tail, self.profile), self.profile, "") is None:
                indent = last[:len(last) - len(last.lstrip())]
                self.page.lines[-1:] = [indent + head, indent + tail]
                return

    # units ---------------------------------------------------------------------
    def units(self, units: list[Unit], after: str | None, skip_notes: list[Note] = ()) -> None:
        """Write ``units``; ``after`` is the line that follows the last of them."""
        for index, unit in enumerate(units):
            following = self.first_line(units[index + 1]) if index + 1 < len(units) else after
            self.unit(unit, following, skip_notes if index == 0 else ())

    def unit(self, unit: Unit, after: str | None, skip_notes=()) -> None:
        leading = [n for n in _leading_service_notes(unit) if not any(n is s for s in skip_notes)]
        others = unit.notes[len(_leading_service_notes(unit)):]
        inline_notes = [n for n in others if n.kind != NOTE_SERVICE]
        # Service notes after the others were left over at the end of the text.
        trailing = [n for n in others if n.kind == NOTE_SERVICE]
        for note in leading:
            self.page.paragraph(note.text, INDENT)
        tail_line = (
            (unit.wrapup[0].text if unit.wrapup else None)
            or (trailing[0].text if trailing else None)
            or after
        )
        after_text = self.first_line(unit.children[0]) if unit.children else tail_line
        plan = self.plan(unit, inline_notes, after_text)
        content = unit.kind in CONTENT_KINDS
        if plan.label_line is not None:
            self.page.paragraph(plan.label_line, INDENT if content else "")
        if plan.heading_line is not None:
            if plan.label_line is None:
                self.page.paragraph(plan.heading_line)
            else:
                self.page.follow(plan.heading_line)
        for note in plan.notes:
            self.page.paragraph(note.text, INDENT)
        for block in plan.blocks:
            self.page.paragraph(block.text, INDENT)
        if unit.children:
            self.units(unit.children, after=tail_line)
        for block in unit.wrapup:
            self.page.paragraph(block.text, INDENT)
        for note in trailing:
            self.page.paragraph(note.text, INDENT)

    def plan(self, unit: Unit, notes: list[Note], after: str | None) -> _UnitPlan:
        """Decide the label line and the heading line so that the parser reads
        the heading as the heading and the first block as text."""
        label = self.label(unit)
        heading = unit.heading.text if unit.heading else None
        blocks = list(unit.intro)
        if label is None:
            return _UnitPlan(None, heading, notes, blocks)
        if unit.kind not in STRUCTURE_KINDS or not self.reads_as_label(unit, label):
            return self.plan_content(unit, label, heading, blocks, notes)
        if heading is not None:
            line_after = _first(notes, blocks) or after
            return self.plan_heading(unit, label, heading, line_after, notes, blocks)
        return self.plan_text(unit, label, blocks, notes, after)

    def plan_content(self, unit, label, heading, blocks, notes) -> _UnitPlan:
        """Points, paragraphs and any unit the profile has no label for: the first
        block on the label line, unless it would change how the line is read."""
        if heading is not None:
            blocks.insert(0, Block(heading))
        if blocks and self.keeps_status(unit, blocks[0].text) and \
                self.reading.opens(f"{label} {blocks[0].text}", self.with_label(unit, label), blocks[0].text):
            return _UnitPlan(f"{label} {blocks[0].text}", None, notes, blocks[1:])
        if unit.kind not in CONTENT_KINDS and blocks:
            # A label the language does not know (another producer's): its first
            # text beside it reads best.
            return _UnitPlan(f"{label} {blocks[0].text}", None, notes, blocks[1:])
        return _UnitPlan(label, None, notes, blocks)

    def plan_heading(self, unit, label, heading, line_after, notes, blocks) -> _UnitPlan:
        """A unit with a heading: on the label line or on the line under it."""
        labelled = self.with_label(unit, label)
        removed = unit.status == STATUS_REMOVED
        on_label_line = (
            self.reading.opens(f"{label} {heading}", labelled, heading)
            and is_excluded(heading, self.profile) == removed
            and (unit.kind != "article" or (
                not removed and not ends_sentence(heading) and not self.reading.is_structure_label(line_after)))
        )
        on_next_line = (
            not removed and self.reading.opens(label, labelled, "")
            and self.reading.is_next_line_heading(heading, unit)
        )
        # The published layout puts a heading under a label without a period
        # ("Глава 1" / "Общие положения") and beside one with a period.
        prefer_next = unit.kind != "article" and not label.endswith(".")
        if on_next_line and (prefer_next or not on_label_line):
            return _UnitPlan(label, heading, notes, blocks)
        return _UnitPlan(f"{label} {heading}", None, notes, blocks)

    def plan_text(self, unit, label, blocks, notes, after) -> _UnitPlan:
        """A unit without a heading: its first block must not become one."""
        if not blocks:
            return _UnitPlan(label, None, notes, blocks)
        labelled = self.with_label(unit, label)
        first = blocks[0].text
        removed = unit.status == STATUS_REMOVED
        if unit.kind == "article":
            line_after = _first(notes, blocks[1:]) or after
            beside = (
                self.reading.opens(f"{label} {first}", labelled, first)
                and self.keeps_status(unit, first)
                and (removed or ends_sentence(first) or self.reading.is_structure_label(line_after))
            )
            if beside:
                return _UnitPlan(f"{label} {first}", None, notes, blocks[1:])
        elif removed and self.reading.opens(f"{label} {first}", labelled, first):
            return _UnitPlan(f"{label} {first}", None, notes, blocks[1:])
        return _UnitPlan(label, None, notes, blocks)

    def reads_as_label(self, unit: Unit, label: str) -> bool:
        """Whether the parser takes ``label`` for the label of a unit of this kind."""
        labelled = self.with_label(unit, label)
        return self.reading.opens(label, labelled, "") or self.reading.opens(f"{label} X", labelled, "X")

    def keeps_status(self, unit: Unit, rest: str) -> bool:
        """Text beside a label marks the unit excluded when it says so: only
        where the unit is excluded may such text stand there."""
        return is_excluded(rest, self.profile) == (unit.status == STATUS_REMOVED)

    @staticmethod
    def with_label(unit: Unit, label: str) -> Unit:
        """``unit`` as it will be printed (a bare number replaced by its label)."""
        if label == unit.label:
            return unit
        return Unit(kind=unit.kind, num=unit.num, label=label)

    # the signature block -----------------------------------------------------------
    def conclusions(self, lines: list[ConclusionLine]) -> None:
        """Signatures, and the runs of other lines (place and date, number)
        between them, each set off by a blank line."""
        index = 0
        while index < len(lines):
            signing = lines[index].kind in ("role", "signer")
            end = index
            while end < len(lines) and (lines[end].kind in ("role", "signer")) == signing:
                end += 1
            if signing:
                self.signature(lines[index:end])
            else:
                self.paragraph_lines([line.text for line in lines[index:end]])
            index = end

    def paragraph_lines(self, texts: list[str]) -> None:
        for number, text in enumerate(texts):
            (self.page.follow if number else self.page.paragraph)(text, INDENT)

    def signature(self, lines: list[ConclusionLine]) -> None:
        """Role lines, the first signer's name to the right of the last one, then
        any other names each on its own line (the published layout)."""
        roles = [line.spans["role"].value if "role" in line.spans else line.text
                 for line in lines if line.kind == "role"]
        names = [line.spans["name"].value for line in lines if "name" in line.spans]
        printed = list(roles)
        if printed and names and " " * _NAME_GAP not in printed[-1]:
            gap = " " * max(_NAME_GAP * 2, NAME_COLUMN - len(INDENT) - len(printed[-1]))
            printed[-1] += gap + names.pop(0)
        self.paragraph_lines(printed + names)


def _leading_service_notes(unit: Unit) -> list[Note]:
    """The service notes that stood before the unit's label (they announce it)."""
    leading = []
    for note in unit.notes:
        if note.kind != NOTE_SERVICE:
            break
        leading.append(note)
    return leading


def _first(notes: list[Note], blocks: list[Block]) -> str | None:
    if notes:
        return notes[0].text
    return blocks[0].text if blocks else None


def unparse_act(act: Act, profile: Profile) -> str:
    """The text of ``act`` in the published layout that ``profile`` describes."""
    return _Writer(act, profile).write()


# --- no text lost -----------------------------------------------------------------

def _document_text(tree: etree._ElementTree):
    """(line, text, in order) for every text piece of the document a reader sees:
    everything outside ``<meta>``, plus the editorial notes and aknkit's
    publication lines inside it, which unparse moves to where they belong."""
    root = tree.getroot()
    line_tag = f"{{{AKNKIT_NS}}}line"

    def visit(element, in_meta: bool, kept: bool):
        name = etree.QName(element).localname if isinstance(element.tag, str) else None
        if name is None:
            return
        if name == "meta":
            in_meta = True
        if in_meta and (name == "notes" or element.tag == line_tag):
            kept = True
        if element.text and (not in_meta or kept):
            yield element.sourceline or 0, element.text, not in_meta
        for child in element:
            yield from visit(child, in_meta, kept)
            if child.tail and (not in_meta or kept):
                yield child.sourceline or 0, child.tail, not in_meta

    yield from visit(root, False, False)


def missing_text(tree: etree._ElementTree, text: str) -> list[tuple[int, str]]:
    """(line in the XML, text) of every piece of the document's text that is not
    in ``text``: looked for in order, and anywhere for pieces unparse moves."""
    written = squeeze(text)
    missing = []
    cursor = 0
    for line, piece, in_order in _document_text(tree):
        needle = squeeze(piece)
        if not needle:
            continue
        found = written.find(needle, cursor) if in_order else -1
        if found >= 0:
            cursor = found + len(needle)
        elif needle not in written:
            missing.append((line, piece.strip()))
    return missing


# --- from bytes -----------------------------------------------------------------

def unparse_bytes(data: bytes, file: str, language: str | None = None) -> str:
    """The text of the Akoma Ntoso document ``data`` in the layout of ``language``
    (default: the document's own). InputError when it cannot be read or when
    some of its text would be lost; ProfileError for a language with no layout."""
    try:
        document = read_akn_bytes(data, file, lossless=True)
    except AknReadError as exc:
        raise InputError([Finding(code=exc.code, severity=ERROR, message=exc.message, file=exc.file,
                                  line=exc.line, column=exc.column)]) from None
    profile = load_profile(language or document.act.language)
    text = unparse_act(document.act, profile)
    try:
        tree = parse_bytes(data)
    except XMLInputError as exc:  # read_akn_bytes parsed it already; kept for safety of the contract
        raise InputError([Finding(code=exc.code, severity=ERROR, message=exc.message, file=file,
                                  line=exc.line)]) from None
    lost = missing_text(tree, text)
    if lost:
        raise InputError([
            Finding(code="U301", severity=ERROR, file=file, line=line,
                    message=f"text of this element did not reach the unparsed text: {piece[:80]!r}")
            for line, piece in lost
        ])
    return text
