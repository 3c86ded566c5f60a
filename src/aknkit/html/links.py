"""A paragraph's references as links and its dates as ``<time>``, for ``akn render``.

Where a reference (an AKN ``<ref href>``) leads:

- ``#art_5`` or ``~art_5``, or an IRI of the document's own Work and language
  with a portion: the unit with that eId on the same page;
- an IRI of another act (``/akn/kz/act/law/2013-07-03/121-V``) found in the
  output set given to the page (:class:`OutputSet`): that act's page, at the
  unit when the IRI names one;
- a web address (``http:``, ``https:``): itself.

Anything else (an act outside the set, a unit the page does not hold, an
address of another scheme) is no link: an ``<a>`` without ``href`` that shows
what was written on hover. A page never links to a place that is not there.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from aknkit.akn import ids
from aknkit.index import split_href
from aknkit.model import Inline, InlineKind, Span

_WEB = ("http://", "https://")
_ID = re.compile(r' id="([^"]*)"')


@dataclass(frozen=True)
class OutputSet:
    """The acts whose pages a page may link to: Work IRI -> language code ->
    the page's address, relative to the folder the linking page is written to."""

    pages: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def page(self, work: str, language: str | None) -> str | None:
        """The page of ``work`` in ``language``, or in its first language by
        code when the set has it in no other; None when the set lacks the act."""
        languages = self.pages.get(work)
        if not languages:
            return None
        return languages.get(language or "") or languages[min(languages)]


def output_set(folder: Path, page_folder: Path) -> OutputSet:
    """The output set laid out as ``akn build`` writes it: ``folder/<act>/<lang>.xml``,
    each act's page beside its file as ``<lang>.html``; addresses relative to
    ``page_folder``, where the page that links to them is written."""
    from aknkit.build import work_iri_of  # only with --link-base: the build is a large import

    pages: dict[str, dict[str, str]] = {}
    for xml in sorted(Path(folder).glob("*/*.xml")):
        work = work_iri_of(xml)
        if work:
            page = os.path.relpath(xml.with_suffix(".html"), page_folder)
            pages.setdefault(work, {})[xml.stem] = Path(page).as_posix()
    return OutputSet(pages)


@dataclass
class Links:
    """How the references of one document become links. Links inside the page
    are written before the page's anchors are all known: :meth:`finish`
    unlinks those whose unit the page does not hold."""

    work: str                    # the document's Work IRI
    language: str                # its language code
    others: OutputSet = field(default_factory=OutputSet)
    inside: dict[str, tuple[str, str]] = field(default_factory=dict)  # link tag -> (anchor, tag unlinked)

    def tag(self, href: str) -> str:
        """The opening tag of the link a reference to ``href`` becomes."""
        unlinked = f'<a class="ref" title="{escape(href)}">'
        anchor = self.anchor(href)
        if anchor is not None:
            linked = f'<a class="ref" href="#{escape(anchor)}">'
            self.inside[linked] = (anchor, unlinked)
            return linked
        address = self.address(href)
        return f'<a class="ref" href="{escape(address)}">' if address else unlinked

    def anchor(self, href: str) -> str | None:
        """The eId on this page that ``href`` names, if it names one here."""
        if href.startswith(("#", "~")):
            return href[1:] or None
        work, eid = split_href(href, self.work)
        parsed = ids.parse_iri(href.partition("#")[0])
        same_language = parsed is None or parsed.language in (None, self.language)
        if work == self.work and same_language:
            return eid or "top"
        return None

    def address(self, href: str) -> str | None:
        """Where a reference outside this page leads: another act's page in the
        set, or a web address; None when nowhere."""
        if href.startswith(_WEB):
            return href
        work, eid = split_href(href, self.work)
        parsed = ids.parse_iri(href.partition("#")[0])
        language = (parsed.language if parsed else None) or self.language
        page = self.others.page(work, language) if work else None
        if page is None:
            return None
        return f"{page}#{eid}" if eid else page

    def finish(self, html: str) -> str:
        """``html``, a page's body, with the links to places it does not hold unlinked."""
        if not self.inside:
            return html
        # Every text of the page is escaped, so each ' id="' is an element's id.
        ids = set(_ID.findall(html))
        for linked, (anchor, unlinked) in self.inside.items():
            if escape(anchor) not in ids:
                html = html.replace(linked, unlinked)
        return html


def date_tag(value: str) -> str | None:
    """The opening ``<time>`` tag of a date, None when ``value`` is no ISO date."""
    try:
        date = _dt.date.fromisoformat(value)
    except ValueError:
        return None
    return f'<time datetime="{date.isoformat()}">'


def spans_as_dates(spans: Sequence[Span | None]) -> list[Inline]:
    """Marked dates of a line (its ``date`` spans) as inline marks."""
    return [Inline(InlineKind.DATE, span.start, span.end, span.value) for span in spans if span is not None]


def inline_html(text: str, marks: Sequence[Inline], link: Callable[[str], str]) -> str:
    """``text`` as HTML with its marks: each reference an ``<a>`` (opened by
    ``link(href)``), each date a ``<time>``. Marks nest as the XML nested them;
    a reference inside another stays text of the outer one (links do not nest)."""
    out: list[str] = []
    position = 0
    open_marks: list[tuple[int, str, str]] = []   # (end, kind, closing tag)

    def close_until(limit: int) -> None:
        nonlocal position
        while open_marks and open_marks[-1][0] <= limit:
            end, _, closing = open_marks.pop()
            out.append(escape(text[position:end]) + closing)
            position = end

    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        close_until(mark.start)
        crosses = open_marks and mark.end > open_marks[-1][0]
        nested_link = mark.kind == InlineKind.REF and any(kind == InlineKind.REF for _, kind, _ in open_marks)
        opening = None if crosses or nested_link else _opening(mark, link)
        if opening is None:
            continue
        out.append(escape(text[position:mark.start]) + opening)
        position = mark.start
        open_marks.append((mark.end, mark.kind, "</a>" if mark.kind == InlineKind.REF else "</time>"))
    close_until(len(text))
    out.append(escape(text[position:]))
    return "".join(out)


def _opening(mark: Inline, link: Callable[[str], str]) -> str | None:
    if mark.kind == InlineKind.REF:
        return link(mark.value)
    if mark.kind == InlineKind.DATE:
        return date_tag(mark.value)
    return None
