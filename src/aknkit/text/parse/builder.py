"""The model as the lines are read: the open units on a stack, where text and
notes go, and where a unit opens."""

from __future__ import annotations

from aknkit.akn.ids import number_key
from aknkit.findings import Finding
from aknkit.model import NOTE_SERVICE, STATUS_REMOVED, Act, Block, Location, Note, NoteKind, Unit, UnitKind
from aknkit.text.parse.classify import ends_sentence, match_any
from aknkit.text.parse.grammar import Label, grammar
from aknkit.text.parse.lines import Line
from aknkit.text.profile import CONTENT_KINDS, STRUCTURE_KINDS, Profile

# Outermost first: a label closes the open units of its rank and below.
RANK: dict[str, int] = {kind: rank for rank, kind in enumerate(STRUCTURE_KINDS + CONTENT_KINDS)}
_ARTICLE_RANK = RANK[UnitKind.ARTICLE]
# Units that are items of a list, closed by a last item ending with a period.
_LIST_ITEMS = (UnitKind.POINT, UnitKind.ITEM, UnitKind.INDENT)
# The units a footnote may name, outermost first ("Paragraph 3 of Article 5").
_NOTE_TARGETS = (UnitKind.ARTICLE, UnitKind.PARAGRAPH, UnitKind.POINT)


class Builder:
    """Walks the lines once, keeping the open units on a stack."""

    def __init__(self, profile: Profile, source: str, has_articles: bool):
        self.profile = profile
        self.grammar = grammar(profile)
        self.source = source
        self.has_articles = has_articles
        self.act = Act(language=profile.language, source=source)
        self.stack: list[Unit] = []
        self.in_article = False     # an article is among the open units
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
        if self.last_block is not None and self._continues_last_block(line, self.last_block):
            self.last_block.text += " " + line.text
            return
        block = Block(line.text, self.loc(line))
        if not self.stack and self.opens_body(line):
            # An unlabelled sentence of the body: an unnumbered paragraph.
            unit = Unit(kind=UnitKind.PARAGRAPH, loc=self.loc(line), intro=[block])
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
        if unit.kind in _LIST_ITEMS and len(self.stack) > 1 and blocks \
                and blocks[-1].text.rstrip().endswith("."):
            self.stack.pop()
            return self.stack[-1]
        return None

    def _continues_last_block(self, line: Line, last_block: Block) -> bool:
        # Hard-wrapped 1990s texts break sentences across lines with no blank
        # line between; a lower-case start after an unfinished line continues it.
        return (
            not line.blank_before
            and not ends_sentence(last_block.text)
            and line.norm[:1] in self.profile.lowercase_letters
        )

    def add_note(self, kind: NoteKind, line: Line) -> None:
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
        order = _NOTE_TARGETS
        path.sort(key=lambda step: order.index(step[0]) if step[0] in order else len(order))
        kind, key = path[0]
        first = next((u for u in reversed(self.stack) if u.kind == kind and number_key(u.num) == key), None)
        if first is None:
            # Articles are numbered through the act; other units only among
            # their siblings, so without an article they are the act's own.
            candidates = self.act.units() if kind == UnitKind.ARTICLE else iter(self.act.body)
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
        loc = Location(self.source, line.number)    # the unit's and its first text's
        unit = Unit(kind=label.kind, num=label.num, label=label.printed or None, loc=loc)
        rank = RANK[label.kind]
        stack = self.stack
        while stack and RANK[stack[-1].kind] >= rank:
            stack.pop()
        parent = stack[-1] if stack else None
        if parent is not None and parent.wrapup:
            # Text after a closed list that more units follow did not wrap the
            # list up: it belongs to the unit before it, and stays before the
            # new unit (AKN writes a wrap-up after all of a unit's children).
            last = parent.children[-1]
            (last.wrapup if last.children else last.intro).extend(parent.wrapup)
            parent.wrapup.clear()
        (parent.children if parent else self.act.body).append(unit)
        stack.append(unit)
        # Ranks grow up the stack: a unit above an article keeps it open, one
        # of its rank or above has closed it.
        self.in_article = label.kind == UnitKind.ARTICLE or (self.in_article and rank > _ARTICLE_RANK)
        if self.pending_service:
            unit.notes.extend(self.pending_service)
            self.pending_service.clear()
        self.last_block = None
        if label.rest:
            block = Block(label.rest, loc)
            if self.grammar.excluded(label.rest):
                unit.status = STATUS_REMOVED
            unit.intro.append(block)
            self.last_block = block
        return unit

    def dash_list_allowed(self) -> bool:
        """Dash items form a list only after text that introduces one (ends
        with ":") or after another dash item; elsewhere a dash starts text."""
        if not self.stack:
            return False
        if self.stack[-1].kind == UnitKind.INDENT:
            return True
        return self.last_block is not None and self.last_block.text.rstrip().endswith(":")

    def content_label_allowed(self) -> bool:
        # In an act with articles, "1." outside an article is running text (a
        # preamble sentence); acts without articles number their paragraphs.
        return not self.has_articles or self.in_article

    def finish(self) -> Act:
        target = self.stack[-1].notes if self.stack else self.act.notes
        target.extend(self.pending_service)
        return self.act
