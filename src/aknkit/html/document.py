"""One Akoma Ntoso document as a readable, self-contained HTML page.

The page shows the document's identity (FRBR IRIs, language, dates, number),
a table of contents, and the text with every unit anchored at its eId, so
``page.html#art_5`` opens at Article 5. Editorial notes stand apart from the
law's text: a numbered marker where a note belongs, the note itself in the
notes section, each linked to the other. References are links and dates are
``<time>`` (:mod:`aknkit.html.links`). Every word around the text is the
document's language's (:class:`aknkit.html.page.Words`). Any document type
reads, whatever its tags, through the lossless reader.

Nothing here prints or touches files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from aknkit.akn.history import amending_iri
from aknkit.akn.read import AknDocument, AknReadError, read_akn_bytes
from aknkit.findings import InputError
from aknkit.html.links import Links, OutputSet, inline_html, spans_as_dates
from aknkit.html.page import Words, html_language, language_name, page, page_words
from aknkit.model import (
    ACT_REPEALED,
    STATUS_REMOVED,
    Act,
    Amendment,
    Block,
    ConclusionLine,
    Note,
    Signature,
    Unit,
    UnitKind,
)

# Units below these read as running text, not as sections with a place in
# the table of contents (unless they have a heading of their own). Besides the
# model's own kinds, the AKN elements of that rank another producer writes.
_TEXT_LEVEL: frozenset[str] = frozenset({
    UnitKind.PARAGRAPH, UnitKind.SUBPARAGRAPH, UnitKind.POINT, UnitKind.ITEM, UnitKind.INDENT,
    "alinea", "list", "sublist", "clause", "subclause", "hcontainer", "blockContainer", "tblock",
})

# Rows of the document's panel whose value is an ISO date.
_DATE_ROWS = frozenset({"date", "version"})

_STYLE = """
header { padding: 1.25rem 2rem 1rem; background: #fff; border-bottom: 1px solid var(--line); }
header .doctype { margin: .15rem 0 0; color: var(--muted); }
header .envelope { margin: .4rem 0 0; display: flex; gap: .4rem; flex-wrap: wrap; }
.tag { display: inline-block; padding: .05rem .5rem; border-radius: 999px; font-size: .8rem;
       border: 1px solid var(--line); color: var(--muted); background: #f3f5f8; }
.layout { display: grid; grid-template-columns: minmax(14rem, 19rem) minmax(0, 1fr); gap: 1.5rem;
          padding: 1.25rem 2rem 3rem; max-width: 84rem; }
nav.toc { position: sticky; top: 1rem; align-self: start; max-height: calc(100vh - 2rem); overflow: auto;
          background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; }
nav.toc ol { list-style: none; margin: 0; padding-left: .9rem; }
nav.toc > ol { padding-left: 0; }
nav.toc li { margin: .15rem 0; font-size: .88rem; }
nav.toc a { color: inherit; text-decoration: none; }
nav.toc a:hover { text-decoration: underline; }
nav.toc .num { font-weight: 600; }
main { min-width: 0; }
section.panel { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .9rem 1.2rem;
                margin-bottom: 1.25rem; }
dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .2rem 1rem; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.text { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.6rem 1.4rem; }
.text p { margin: .35rem 0; }
.text blockquote.quoted { margin: .3rem 0 .3rem 1.2rem; padding-left: .8rem; border-left: 3px solid var(--line); }
.preamble { font-style: italic; margin-bottom: 1rem; }
.unit { margin: .6rem 0; scroll-margin-top: 1rem; }
.unit > .title { margin: 1.1rem 0 .4rem; font-size: 1rem; }
.unit.top > .title { font-size: 1.12rem; text-align: center; text-transform: none; }
.unit .num { font-weight: 700; margin-right: .35rem; }
.unit .heading { font-weight: 600; }
.unit.text-level { margin: .25rem 0 .25rem 1.4rem; }
.unit.text-level > p:first-of-type, .unit.text-level > .line { display: inline; }
.unit.removed { color: var(--muted); }
.unit.removed > .title::after, .unit.removed > .line::after { font-weight: normal; font-style: italic; }
.unit:target { outline: 3px solid #1565c0; outline-offset: 4px; border-radius: 2px; }
ul.history { list-style: none; margin: .1rem 0 .3rem; padding: 0; font-size: .8rem; color: var(--muted); }
ul.history li::before { content: "\\2192  "; }
ul.history li.repeal::before { content: "\\2715  "; }
a.note-ref { font-size: .75em; vertical-align: super; text-decoration: none; color: var(--info);
             padding: 0 .15rem; }
.conclusions { margin-top: 1.6rem; padding-top: .8rem; border-top: 1px solid var(--line); }
.conclusions p { margin: .1rem 0; }
.conclusions .signature { display: flex; justify-content: space-between; gap: 2rem; margin: .5rem 0; }
.conclusions .signer { font-weight: 600; white-space: nowrap; align-self: end; }
aside.notes { margin-top: 1.25rem; background: var(--warning-bg); border: 1px solid #e8d7a8;
              border-left: 4px solid #d39b00; border-radius: 6px; padding: .9rem 1.2rem; }
aside.notes ol { margin: 0; padding-left: 1.6rem; }
aside.notes li { margin: .3rem 0; }
aside.notes li:target { outline: 3px solid #1565c0; outline-offset: 2px; }
aside.notes .kind { font-size: .75rem; color: var(--muted); margin-left: .3rem; }
aside.notes .back { text-decoration: none; margin-left: .3rem; }
a.ref:not([href]) { text-decoration: underline dotted; cursor: help; }
"""


def _excluded_style(word: str) -> str:
    """The mark after an excluded unit's label, in the page's words."""
    text = "".join(c if c.isalnum() or c in " -" else f"\\{ord(c):x} " for c in f" ({word})")
    return f'.unit.removed > .title::after, .unit.removed > .line::after {{ content: "{text}"; }}\n'


@dataclass
class _Page:
    """The notes found while writing the text, and the anchors handed out."""

    notes: list[tuple[Note, str, str]] = field(default_factory=list)  # note, where it belongs, anchor there
    anchors: set[str] = field(default_factory=set)
    unnamed: int = 0

    def anchor(self, unit: Unit) -> str:
        """The unit's eId; units without one (or with a repeated one) get their own."""
        wanted = unit.eid
        if not wanted or wanted in self.anchors:
            self.unnamed += 1
            wanted = f"unit-{self.unnamed}"
        self.anchors.add(wanted)
        return wanted

    def note_markers(self, notes: list[Note], where: str, anchor: str) -> str:
        markers = []
        for note in notes:
            self.notes.append((note, where, anchor))
            number = len(self.notes)
            markers.append(f'<a class="note-ref" id="ref-{number}" href="#note-{number}" '
                           f'title="{escape(note.text)}">[{number}]</a>')
        return "".join(markers)


def _unit_name(unit: Unit) -> str:
    parts = [unit.label or "", unit.heading.text if unit.heading else ""]
    return " ".join(p for p in parts if p) or unit.kind


def _in_contents(unit: Unit) -> bool:
    return unit.kind not in _TEXT_LEVEL or unit.heading is not None




class _Renderer:
    def __init__(self, document: AknDocument, words: Words, links: Links):
        self.document = document
        self.act: Act = document.act
        self.words = words    # every word the page prints around the text
        self.links = links
        self.page = _Page()
        self.contents: list[str] = []
        self.quoting = 0    # inside quoted new wording: its units are not the act's contents

    def text(self, block: Block) -> str:
        """A paragraph's text, its references as links and its dates as ``<time>``."""
        return inline_html(block.text, block.inline, self.links.tag) if block.inline else escape(block.text)

    def conclusion_line(self, line: ConclusionLine) -> str:
        """A line of a signature block, its date as ``<time>``."""
        return inline_html(line.text, spans_as_dates([line.spans.get("date")]), self.links.tag)

    def paragraphs(self, blocks: list[Block], depth: int) -> str:
        return "".join(self.paragraph(block, depth) for block in blocks)

    def paragraph(self, block: Block, depth: int) -> str:
        """A paragraph; an amending instruction shows the new wording it quotes,
        words in the line, a structure set apart under it."""
        quote = block.quote
        if quote is None:
            return f"<p>{self.text(block)}</p>"
        if quote.words is not None:
            return (f'<p>{self.text(block)}<q class="quoted">{escape(quote.start)}{escape(quote.words)}'
                    f"{escape(quote.end)}</q>{escape(quote.tail)}</p>")
        self.quoting += 1
        inner = self.paragraphs(quote.blocks, depth + 1) + "".join(self.unit(u, depth + 1) for u in quote.units)
        self.quoting -= 1
        return (f'<p>{self.text(block)}</p><blockquote class="quoted">'
                f'<span class="quote-mark">{escape(quote.start)}</span>{inner}'
                f'<span class="quote-mark">{escape(quote.end)}</span>{escape(quote.tail)}</blockquote>')

    # the text --------------------------------------------------------------------
    def unit(self, unit: Unit, depth: int) -> str:
        anchor = self.page.anchor(unit)
        listed = _in_contents(unit) and not self.quoting
        classes = ["unit", escape(unit.kind)]
        if depth == 0:
            classes.append("top")
        if not listed:
            classes.append("text-level")
        if unit.status == STATUS_REMOVED:
            classes.append(STATUS_REMOVED)   # styled as .unit.removed
        num = f'<span class="num">{escape(unit.label)}</span>' if unit.label else ""
        heading = f'<span class="heading">{escape(unit.heading.text)}</span>' if unit.heading else ""
        markers = self.page.note_markers(unit.notes, _unit_name(unit), anchor)
        if listed:
            level = min(depth + 2, 6)
            title = f'<h{level} class="title">{num}{heading}{markers}</h{level}>'
            self.contents.append(
                f'<li style="margin-left:{depth * 0.9:.1f}rem"><a href="#{escape(anchor)}">'
                f'{num} {escape(unit.heading.text) if unit.heading else ""}</a></li>')
        else:
            title = f'<span class="line">{num}{heading}{markers}</span>' if num or heading or markers else ""
        children = "".join(self.unit(child, depth + 1) for child in unit.children)
        return (f'<div class="{" ".join(classes)}" id="{escape(anchor)}">{title}{self.history(unit.history)}'
                f"{self.paragraphs(unit.intro, depth)}{children}{self.paragraphs(unit.wrapup, depth)}</div>")

    def history(self, amendments: list[Amendment]) -> str:
        """The unit's amendment history: a line per change, the amending act a
        link as a reference to it is (its page, when the output set has it)."""
        country = self.act.work.country if self.act.work is not None else ""
        items = []
        for amendment in amendments:
            iri = amending_iri(country, amendment) or ""
            items.append(f'<li class="{escape(amendment.kind)}" title="{escape(amendment.kind)}">'
                         f'{self.links.tag(iri)}{escape(amendment.text or iri)}</a></li>')
        return f'<ul class="history">{"".join(items)}</ul>' if items else ""

    def preamble(self) -> str:
        act = self.act
        if not act.preamble and not act.preamble_notes:
            return ""
        markers = self.page.note_markers(act.preamble_notes, self.words["preamble"], "preamble")
        return f'<div class="preamble" id="preamble">{self.paragraphs(act.preamble, 0)}{markers}</div>'

    def attachments(self) -> str:
        """Each attachment after the signature: its heading lines, title, text and signature."""
        parts = []
        for number, attachment in enumerate(self.act.attachments, start=1):
            doc = attachment.doc
            anchor = f"att_{number}"
            head = "".join(f'<p class="head">{self.text(block)}</p>' for block in attachment.head)
            title = f'<h2 class="title">{escape(doc.title.text)}</h2>' if doc.title else ""
            body = "".join(self.unit(unit, 1) for unit in doc.body)
            name = doc.title.text if doc.title else self.words["attachment"].format(num=number)
            self.contents.append(f'<li><a href="#{anchor}">{escape(name)}</a></li>')
            parts.append(f'<section class="attachment" id="{anchor}">{head}{title}{self.paragraphs(doc.preamble, 1)}'
                         f"{body}{self.conclusions(doc, f'{anchor}-conclusions')}</section>")
        return "".join(parts)

    def conclusions(self, act: Act | None = None, anchor: str = "conclusions") -> str:
        """The signature block of the act, or of an attachment's document:
        one box per signature, each other line a paragraph."""
        act = self.act if act is None else act
        if not act.conclusions:
            return ""
        parts = [self.signature(part) if isinstance(part, Signature) else f"<p>{self.conclusion_line(part)}</p>"
                 for part in act.signature_block()]
        return f'<div class="conclusions" id="{anchor}">{"".join(parts)}</div>'

    @staticmethod
    def signature(signature: Signature) -> str:
        role = "<br>".join(escape(text) for text in signature.roles)
        signers = "<br>".join(escape(name) for name in signature.names)
        return f'<div class="signature"><div class="role">{role}</div><div class="signer">{signers}</div></div>'

    # around the text ---------------------------------------------------------------
    def facts(self) -> str:
        document, act, work, words = self.document, self.act, self.act.work_facts(), self.words
        rows = [
            ("work", document.work_iri),
            ("expression", document.expression_iri),
            ("manifestation", document.manifestation_iri),
            ("language", f"{act.language} · {self.language_name()}"),
            ("type", " · ".join(p for p in (work.doctype, work.subtype) if p)),
            ("date", work.date.isoformat()),
            ("version", act.expression_date.isoformat() if act.expression_date else None),
            ("number", work.number),
            ("author", work.author.name if work.author else None),
            ("signed_by", act.signatory.name if act.signatory else None),
            ("place", act.place.name if act.place else None),
            ("master_expression", document.master_expression),
            ("status", words["status_repealed"] if act.status == ACT_REPEALED else act.status),
        ]
        shown = [(words[key], self.value(value, key)) for key, value in rows if value]
        shown += [(words.fact(name), self.value(act.extra_facts[name]))
                  for name in words.in_order(act.extra_facts) if act.extra_facts[name]]
        items = "".join(f"<dt>{escape(name)}</dt><dd>{value}</dd>" for name, value in shown)
        return (f'<section class="panel" id="document"><h2>{escape(words["document"])}</h2>'
                f'<dl class="facts">{items}</dl></section>')

    def language_name(self) -> str:
        """The document's language by name: in its own words when the page
        speaks it, else as the fallback words name it."""
        language = self.act.language
        own = html_language(language) == self.words.tag
        return self.words["language_name"] if own else language_name(language)

    @staticmethod
    def value(value: str, key: str | None = None) -> str:
        """A row's value: IRIs and the IRI's codes (``type``) are identifiers,
        not words; dates are ``<time>``."""
        if key in _DATE_ROWS:
            return f'<time datetime="{escape(value)}">{escape(value)}</time>'
        return f"<code>{escape(value)}</code>" if key == "type" or value.startswith("/akn/") else escape(value)

    def notes(self) -> str:
        if not self.page.notes:
            return ""
        words = self.words
        items = "".join(
            f'<li id="note-{number}">{escape(note.text)}<span class="kind">{escape(words.kind("note", note.kind))} · '
            f"{escape(where)}</span>"
            f'<a class="back" href="#ref-{number}" title="{escape(words["back"])}">↩</a></li>'
            for number, (note, where, _) in enumerate(self.page.notes, start=1))
        return (f'<aside class="notes" id="notes"><h2>{escape(words["notes"])}</h2>'
                f'<p>{escape(words["notes_apart"])}</p><ol>{items}</ol></aside>')

    def header(self, title: str, title_markers: str) -> str:
        act, words = self.act, self.words
        meta_line = ""
        if act.meta_line:
            line = inline_html(act.meta_line.text, spans_as_dates([act.meta_line.date]), self.links.tag)
            meta_line = f'<p class="doctype">{line}</p>'
        envelope = "".join(f'<span class="tag" title="{escape(words.kind("line", line.kind))}">'
                           f"{escape(line.text)}</span>" for line in act.envelope)
        envelope = f'<p class="envelope">{envelope}</p>' if envelope else ""
        return f'<header id="top"><h1>{escape(title)}{title_markers}</h1>{meta_line}{envelope}</header>'

    def table_of_contents(self, preamble: str) -> str:
        words = self.words
        entries = [f'<li><a href="#document">{escape(words["document"])}</a></li>']
        if preamble:
            entries.append(f'<li><a href="#preamble">{escape(words["preamble"])}</a></li>')
        entries += self.contents
        if self.page.notes:
            entries.append(f'<li><a href="#notes">{escape(words["notes"])}</a></li>')
        return (f'<nav class="toc" aria-label="{escape(words["contents"])}"><h2>{escape(words["contents"])}</h2>'
                f'<ol>{"".join(entries)}</ol></nav>')

    def render(self) -> str:
        act, words = self.act, self.words
        title = act.title.text if act.title else act.short_title or self.document.work_iri
        # Document-level notes go with the title: they are written first.
        title_markers = self.page.note_markers(act.notes, words["title"], "top")
        preamble = self.preamble()
        body = "".join(self.unit(unit, 0) for unit in act.body)
        conclusions = self.conclusions()
        if conclusions:
            self.contents.append(f'<li><a href="#conclusions">{escape(words["signature"])}</a></li>')
        attachments = self.attachments()
        text = (f'<div class="text" lang="{escape(html_language(act.language))}">'
                f"{preamble}{body}{conclusions}{attachments}</div>")
        main = f"<main>{self.facts()}{text}{self.notes()}</main>"
        layout = f'<div class="layout">{self.table_of_contents(preamble)}{main}</div>'
        return page(title, self.links.finish(f"{self.header(title, title_markers)}{layout}"),
                    _STYLE + _excluded_style(words["excluded"]), words.tag)


def render_document(document: AknDocument, others: OutputSet | None = None) -> str:
    """The HTML page of a document read by :func:`aknkit.akn.read.read_akn_bytes`,
    in its language's words; references to acts of ``others`` link to their pages."""
    act = document.act
    links = Links(document.work_iri, act.language, others or OutputSet())
    return _Renderer(document, page_words(act.language), links).render()


def render_bytes(data: bytes, file: str, others: OutputSet | None = None) -> str:
    """The HTML page of the Akoma Ntoso document ``data``; InputError with a
    coded, located finding when it cannot be read."""
    try:
        document = read_akn_bytes(data, file, lossless=True)
    except AknReadError as exc:
        raise InputError([exc.as_finding()]) from None
    return render_document(document, others)
