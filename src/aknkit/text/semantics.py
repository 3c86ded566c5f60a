"""References and dates in an act's running text, marked on the model.

Runs once the act is parsed and its units carry eIds (a reference points at
an eId): every paragraph of the preamble, the units and the attachments gets
its marks (:class:`~aknkit.model.Inline`), which the AKN writer turns into
``<ref>``, ``<rref>`` and ``<date>``. All language knowledge comes from the
profile: [dates], [links] and the act words of [repeal] ``kinds``.

What is marked, and why nothing else (a wrong link is worse than none):
- every date the profile's [dates] read, when it is a real date;
- a reference to units of this act, when the units exist: one that says so
  ("статьи 5 настоящего Закона"), one relative to where it stands ("пункта 2
  настоящей статьи"), and a bare one to an article or a chapter ("статьей
  5") unless the act amends another act (its bare references are the other
  act's units) or the words around name another document;
- a reference to another act of Kazakhstan whose kind, date and number are
  all given ("Законом Республики Казахстан от 3 июля 2013 года № 121-V").
A reference that says it is this act's, or is bare in a text that may use
bare references, and names a unit the act does not have, stays text and is
a warning (P241). Paragraphs holding an amending instruction's quote, and
headings, stay text; inside quoted new wording only dates and references to
other acts are marked, and in an attachment only relative references.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from aknkit.akn.ids import work_iri
from aknkit.findings import WARNING, Finding
from aknkit.model import Act, Block, Inline, InlineKind, Quote, Unit, Work, holds_quote, units_in_order
from aknkit.text.dates import find_dates
from aknkit.text.profile import Links, Profile
from aknkit.text.references import Chain, Owner, ends_before, find_chains, range_ends
from aknkit.text.targets import Missing, Target, UnitIndex, resolve

_DIGIT = re.compile(r"\d")
# Kinds of unit a bare reference ("статьей 5", "5-бабы") may name: those
# numbered through the act. A bare "пункта 2" may mean any article's.
_BARE_KINDS = frozenset({"part", "section", "subsection", "chapter", "subchapter", "article"})


@dataclass(frozen=True, slots=True)
class Context:
    """What the references of the paragraphs of a body may name: the units of
    ``index`` (None: no unit, in quoted wording), and which references are
    read there. Where a paragraph stands (the units enclosing it) is
    followed as the units are visited."""

    index: UnitIndex | None
    bare: bool = True        # bare references name this act's units
    qualified: bool = True   # "of this act" names this index's units


def mark_semantics(act: Act, profile: Profile) -> list[Finding]:
    """Mark the references and dates of ``act``'s running text, in place; the
    warnings (P241) for references to units the act does not have."""
    return _Marker(act, profile).run()


def amends(act: Act, units: list[Unit] | None = None) -> bool:
    """Whether the act gives new wording to another act: then its bare
    references ("статью 5 изложить ...") are the other act's units.
    ``units`` are the act's units in order, where the caller has them."""
    if holds_quote(act.preamble):
        return True
    for unit in units_in_order(act.body) if units is None else units:
        if holds_quote(unit.intro) or (unit.wrapup and holds_quote(unit.wrapup)):
            return True
    return False


class _Marker:
    def __init__(self, act: Act, profile: Profile):
        self.act, self.profile, self.links = act, profile, profile.links
        self.warnings: list[Finding] = []
        # The units enclosing the paragraph being read, outermost first.
        self.enclosing: list[Unit] = []

    def run(self) -> list[Finding]:
        act = self.act
        units = units_in_order(act.body)
        context = Context(UnitIndex(act.body, units), bare=not amends(act, units))
        self.blocks(act.preamble, context)
        self.units(act.body, context)
        for attachment in act.attachments:
            # An attachment's own units ("пункт 5 настоящих Правил") are named
            # with words the act words do not cover: only relative references.
            inner = Context(UnitIndex(attachment.doc.body), bare=False, qualified=False)
            self.blocks(attachment.doc.preamble, inner)
            self.units(attachment.doc.body, inner)
        return self.warnings

    def units(self, units: list[Unit], context: Context) -> None:
        enclosing = self.enclosing
        for unit in units:
            enclosing.append(unit)
            self.blocks(unit.intro, context)
            self.blocks(unit.wrapup, context)
            if unit.children:
                self.units(unit.children, context)
            enclosing.pop()

    def blocks(self, blocks: list[Block], context: Context) -> None:
        for block in blocks:
            if block.quote is not None:
                self.quote(block.quote)
            elif _DIGIT.search(block.text):
                block.inline = self.marks(block, context)

    def quote(self, quote: Quote) -> None:
        """New wording for another act: its units are not this act's."""
        outside = Context(None, bare=False, qualified=False)
        enclosing, self.enclosing = self.enclosing, []
        self.blocks(quote.blocks, outside)
        self.units(quote.units, outside)
        self.enclosing = enclosing

    # --- one paragraph ------------------------------------------------------------------
    def marks(self, block: Block, context: Context) -> list[Inline]:
        seen = self.profile.normalise(block.text)
        dates = [Inline(InlineKind.DATE, span.start, span.end, span.value) for span in find_dates(seen, self.profile)]
        if self.links.probe.search(seen) is None:
            return dates
        acts = [mark for mark in self.acts(seen) if _fits(mark, dates)]
        taken = dates + acts
        units = [mark for chain in find_chains(seen, self.links, self.names_act)
                 for mark in self.chain_marks(chain, seen, block, context)
                 if not any(_overlap(mark, other) for other in taken)]
        return sorted(taken + units, key=lambda mark: (mark.start, -mark.end))

    def names_act(self, words: str) -> bool:
        return self.profile.repeal_kind(words) is not None

    def chain_marks(self, chain: Chain, text: str, block: Block, context: Context) -> list[Inline]:
        """The marks of one reference to units, or none (a warning when it
        plainly means a unit of this act that the act does not have)."""
        if context.index is None or chain.owner == Owner.OTHER:
            return []
        relative = chain.steps[0].relative
        if not relative and not _readable(chain, context):
            return []
        if _counts_something(chain, text, self.links):
            return []
        outcome = resolve(chain, context.index, tuple(self.enclosing), chain.owner == Owner.THIS_ACT, self.links)
        if isinstance(outcome, Missing):
            self.warn(block, text[chain.start:chain.end], outcome)
            return []
        if outcome is None:
            return []
        return [_mark(target, chain, len(outcome) == 1) for target in outcome]

    def warn(self, block: Block, words: str, missing: Missing) -> None:
        names = self.profile.unit_names
        path = ", ".join(names.get(kind, f"{kind} {{num}}").format(num=num) for kind, num in missing.path)
        loc = block.loc
        self.warnings.append(Finding(
            "P241", WARNING,
            f"{words!r} refers to {path}, which this act does not have; the reference is left as text "
            "(expected a unit of the act: a number mistyped, or a unit of another act?)",
            file=loc.file if loc is not None else self.act.source, line=loc.line if loc is not None else None))

    # --- references to other acts ---------------------------------------------------------
    def acts(self, text: str) -> list[Inline]:
        """References to other acts of the same country, each with its kind,
        date and number; any that lacks one stays text."""
        work = self.act.work
        if work is None:
            return []
        found: list[Inline] = []
        for pattern in self.links.acts:
            at = 0
            while (match := pattern.search(text, at)) is not None:
                mark = self.act_mark(match, work.country)
                if mark is None or any(_overlap(mark, other) for other in found):
                    at = match.start() + 1
                    continue
                found.append(mark)
                at = match.end()
        return found

    def act_mark(self, match: re.Match[str], country: str) -> Inline | None:
        subtype = self.profile.repeal_kind(match.group("kind"))
        number = (match.group("number") or "").split()
        dates = find_dates(match.group("date"), self.profile)
        if subtype is None or not number or not dates or self.foreign(match):
            return None
        # A number's suffix ("121-V ЗРК": of a law of the Republic) is no part of it.
        work = Work(country=country, doctype="act", date=_dt.date.fromisoformat(dates[0].value),
                    number=number[0], subtype=subtype)
        return Inline(InlineKind.REF, match.start(), match.end(), work_iri(work))

    def foreign(self, match: re.Match[str]) -> bool:
        """Whether the words before the act name another country's or body's act."""
        return next(ends_before(self.links.other_act_before, match.string, match.start()), None) is not None


def _readable(chain: Chain, context: Context) -> bool:
    """Whether a reference that is not relative may name units of the context."""
    if chain.owner == Owner.THIS_ACT:
        return context.qualified
    return context.bare and chain.steps[0].kind in _BARE_KINDS


def _counts_something(chain: Chain, text: str, links: Links) -> bool:
    """Whether the reference ends on the last number of a list or range that a
    counted word follows ("статьей 3 и 4 процентами"): then its numbers may
    count percent or months, not name units, and it stays text."""
    last = chain.steps[-1] if chain.steps[-1].end == chain.end else chain.steps[0]
    if not last.items or last.items[-1].end != chain.end:
        return False
    several = len(last.items) > 1 or any(range_ends(item, links) is not None for item in last.items)
    return several and any(pattern.match(text, chain.end) for pattern in links.counted)


def _mark(target: Target, chain: Chain, alone: bool) -> Inline:
    """A reference to one unit spans all its words; each unit of a list or a
    range only its number."""
    if target.last is not None:
        return Inline(InlineKind.RANGE, target.item.start, target.item.end, f"#{target.eid}", f"#{target.last}")
    if alone:
        return Inline(InlineKind.REF, chain.start, chain.end, f"#{target.eid}")
    return Inline(InlineKind.REF, target.item.start, target.item.end, f"#{target.eid}")


def _overlap(a: Inline, b: Inline) -> bool:
    return a.start < b.end and b.start < a.end


def _fits(mark: Inline, dates: list[Inline]) -> bool:
    """A reference holds a date whole or stands apart from it."""
    return all(not _overlap(mark, date) or (mark.start <= date.start and date.end <= mark.end) for date in dates)


__all__ = ["Context", "amends", "mark_semantics"]
