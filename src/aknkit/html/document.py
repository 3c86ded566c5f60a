"""One Akoma Ntoso document as a readable, self-contained HTML page.

The page shows the document's identity (FRBR IRIs, language, dates, number),
a table of contents, and the text with every unit anchored at its eId, so
``page.html#art_5`` opens at Article 5. Editorial notes stand apart from the
law's text: a numbered marker where a note belongs, the note itself in the
notes section, each linked to the other. Any document type reads, whatever
its tags, through the lossless reader.

Nothing here prints or touches files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from aknkit.findings import InputError
from aknkit.html.page import html_language, language_name, page
from aknkit.model import Act, Block, Note, STATUS_REMOVED, Signature, Unit
from aknkit.akn.read import AknDocument, AknReadError, read_akn_bytes

# Units below these read as running text, not as sections with a place in
# the table of contents (unless they have a heading of their own).
_TEXT_LEVEL = frozenset({
    "paragraph", "subparagraph", "point", "item", "indent", "alinea", "list", "sublist",
    "clause", "subclause", "hcontainer", "blockContainer", "tblock",
})

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
.unit.removed > .title::after, .unit.removed > .line::after { content: " (excluded)"; font-weight: normal;
                                                             font-style: italic; }
.unit:target { outline: 3px solid #1565c0; outline-offset: 4px; border-radius: 2px; }
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
"""


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
    def __init__(self, document: AknDocument):
        self.document = document
        self.act: Act = document.act
        self.page = _Page()
        self.contents: list[str] = []
        self.quoting = 0    # inside quoted new wording: its units are not the act's contents

    def paragraphs(self, blocks: list[Block], depth: int) -> str:
        return "".join(self.paragraph(block, depth) for block in blocks)

    def paragraph(self, block: Block, depth: int) -> str:
        """A paragraph; an amending instruction shows the new wording it quotes,
        words in the line, a structure set apart under it."""
        quote = block.quote
        if quote is None:
            return f"<p>{escape(block.text)}</p>"
        if quote.words is not None:
            return (f'<p>{escape(block.text)}<q class="quoted">{escape(quote.start)}{escape(quote.words)}'
                    f"{escape(quote.end)}</q>{escape(quote.tail)}</p>")
        self.quoting += 1
        inner = self.paragraphs(quote.blocks, depth + 1) + "".join(self.unit(u, depth + 1) for u in quote.units)
        self.quoting -= 1
        return (f'<p>{escape(block.text)}</p><blockquote class="quoted">'
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
            classes.append("removed")
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
        return (f'<div class="{" ".join(classes)}" id="{escape(anchor)}">{title}'
                f"{self.paragraphs(unit.intro, depth)}{children}{self.paragraphs(unit.wrapup, depth)}</div>")

    def preamble(self) -> str:
        act = self.act
        if not act.preamble and not act.preamble_notes:
            return ""
        markers = self.page.note_markers(act.preamble_notes, "Preamble", "preamble")
        return f'<div class="preamble" id="preamble">{self.paragraphs(act.preamble, 0)}{markers}</div>'

    def attachments(self) -> str:
        """Each attachment after the signature: its heading lines, title, text and signature."""
        parts = []
        for number, attachment in enumerate(self.act.attachments, start=1):
            doc = attachment.doc
            anchor = f"att_{number}"
            head = "".join(f'<p class="head">{escape(block.text)}</p>' for block in attachment.head)
            title = f'<h2 class="title">{escape(doc.title.text)}</h2>' if doc.title else ""
            body = "".join(self.unit(unit, 1) for unit in doc.body)
            self.contents.append(f'<li><a href="#{anchor}">{escape(doc.title.text if doc.title else anchor)}</a></li>')
            parts.append(f'<section class="attachment" id="{anchor}">{head}{title}{self.paragraphs(doc.preamble, 1)}'
                         f"{body}{self.conclusions(doc, f'{anchor}-conclusions')}</section>")
        return "".join(parts)

    def conclusions(self, act: Act | None = None, anchor: str = "conclusions") -> str:
        """The signature block of the act, or of an attachment's document:
        one box per signature, each other line a paragraph."""
        act = self.act if act is None else act
        if not act.conclusions:
            return ""
        parts = [self.signature(part) if isinstance(part, Signature) else f"<p>{escape(part.text)}</p>"
                 for part in act.signature_block()]
        return f'<div class="conclusions" id="{anchor}">{"".join(parts)}</div>'

    @staticmethod
    def signature(signature: Signature) -> str:
        role = "<br>".join(escape(text) for text in signature.roles)
        signers = "<br>".join(escape(name) for name in signature.names)
        return f'<div class="signature"><div class="role">{role}</div><div class="signer">{signers}</div></div>'

    # around the text ---------------------------------------------------------------
    def facts(self) -> str:
        document, act, work = self.document, self.act, self.act.work
        rows = [
            ("Work", document.work_iri),
            ("Expression", document.expression_iri),
            ("Manifestation", document.manifestation_iri),
            ("Language", f"{act.language} · {language_name(act.language)}"),
            ("Type", " · ".join(p for p in (work.doctype, work.subtype) if p)),
            ("Date", work.date.isoformat()),
            ("Version of", act.expression_date.isoformat() if act.expression_date else None),
            ("Number", work.number),
            ("Author", work.author.name if work.author else None),
            ("Signed by", act.signatory.name if act.signatory else None),
            ("Place", act.place.name if act.place else None),
            ("Master expression", document.master_expression),
            ("Status", act.status),
        ]
        rows += [(name, value) for name, value in sorted(act.extra_facts.items())]
        items = "".join(
            f"<dt>{escape(name)}</dt><dd>{self.iri(value) if value.startswith('/akn/') else escape(value)}</dd>"
            for name, value in rows if value)
        return f'<section class="panel" id="document"><h2>Document</h2><dl class="facts">{items}</dl></section>'

    @staticmethod
    def iri(value: str) -> str:
        return f"<code>{escape(value)}</code>"

    def notes(self) -> str:
        if not self.page.notes:
            return ""
        items = "".join(
            f'<li id="note-{number}">{escape(note.text)}<span class="kind">{escape(note.kind)} · '
            f"{escape(where)}</span>"
            f'<a class="back" href="#ref-{number}" title="back to the text">↩</a></li>'
            for number, (note, where, _) in enumerate(self.page.notes, start=1))
        return (f'<aside class="notes" id="notes"><h2>Editorial notes</h2>'
                f"<p>Not part of the law's text.</p><ol>{items}</ol></aside>")

    def render(self) -> str:
        act = self.act
        title = act.title.text if act.title else act.short_title or self.document.work_iri
        # Document-level notes go with the title: they are written first.
        title_markers = self.page.note_markers(act.notes, "Title", "top")
        preamble = self.preamble()
        body = "".join(self.unit(unit, 0) for unit in act.body)
        conclusions = self.conclusions()
        if conclusions:
            self.contents.append('<li><a href="#conclusions">Signature</a></li>')
        attachments = self.attachments()
        meta_line = f'<p class="doctype">{escape(act.meta_line.text)}</p>' if act.meta_line else ""
        envelope = "".join(f'<span class="tag" title="{escape(line.kind)}">{escape(line.text)}</span>'
                           for line in act.envelope)
        entries = ['<li><a href="#document">Document</a></li>']
        if preamble:
            entries.append('<li><a href="#preamble">Preamble</a></li>')
        entries += self.contents
        if self.page.notes:
            entries.append('<li><a href="#notes">Editorial notes</a></li>')
        contents = f'<nav class="toc" aria-label="Contents"><h2>Contents</h2><ol>{"".join(entries)}</ol></nav>'
        envelope = f'<p class="envelope">{envelope}</p>' if envelope else ""
        header = f'<header id="top"><h1>{escape(title)}{title_markers}</h1>{meta_line}{envelope}</header>'
        main = (f"<main>{self.facts()}"
                f'<div class="text" lang="{escape(html_language(act.language))}">{preamble}{body}{conclusions}{attachments}</div>'
                f"{self.notes()}</main>")
        return page(title, f'{header}<div class="layout">{contents}{main}</div>', _STYLE,
                    html_language(act.language))


def render_document(document: AknDocument) -> str:
    """The HTML page of a document read by :func:`aknkit.akn.read.read_akn_bytes`."""
    return _Renderer(document).render()


def render_bytes(data: bytes, file: str) -> str:
    """The HTML page of the Akoma Ntoso document ``data``; InputError with a
    coded, located finding when it cannot be read."""
    try:
        document = read_akn_bytes(data, file, lossless=True)
    except AknReadError as exc:
        raise InputError([exc.as_finding()]) from None
    return render_document(document)
