"""Any Akoma Ntoso document, ours or another producer's, read back into the model.

Reads the 3.0 namespace, and the 2.0 and pre-release 3.0 namespaces with a
warning, so that documents from other producers can be compared with ours.
What is read: the Work facts (FRBRWork), the language and master expression
(FRBRExpression), the title, the preamble, and every hierarchy unit with its
num, heading, text blocks, eId/wId and source line. Editorial material inside
the text (authorial notes, remarks) is kept apart from the law text.

Nothing here prints. Input that cannot be read raises :class:`AknReadError`,
which names the file, the line and what was expected.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from dataclasses import dataclass, field

from lxml import etree

from . import ids
from .findings import WARNING, Finding
from .model import Act, Block, Location, MetaLine, Note, NOTE_FOOTNOTE, STATUS_REMOVED, Span, Unit, Work
from .safexml import DEFAULT_MAX_BYTES, XMLInputError, parse_bytes
from .schema import AKN2_NS, AKN_NS

# Pre-release drafts of 3.0 used namespaces below this one (".../3.0/CSD13").
_AKN3_DRAFT_PREFIX = AKN_NS + "/"

# The legislative hierarchy of the schema (group ANhier) plus the generic container.
HIERARCHY = frozenset({
    "clause", "section", "part", "paragraph", "chapter", "title", "article", "book",
    "tome", "division", "list", "point", "indent", "alinea", "rule", "subrule",
    "proviso", "subsection", "subpart", "subparagraph", "subchapter", "subtitle",
    "subdivision", "subclause", "sublist", "level", "transitional", "hcontainer",
})

# Inline elements that carry editorial material, not law text.
_EDITORIAL_INLINE = frozenset({"authorialNote", "remark", "noteRef"})

# Elements whose text is one paragraph of running text.
_BLOCK_ELEMENTS = frozenset({"p", "listIntroduction", "listWrapUp"})

# Statuses of the schema's statusType that mean "no longer in force here".
_REMOVED_STATUSES = frozenset({"removed", "temporarilyRemoved"})

_ARABIC = re.compile(r"\d+(?:[-.]\d+)*(?:\s*(?:bis|ter|quater))?")
_ROMAN = re.compile(r"(?<!\w)[IVXLCDMІХСМ]+(?!\w)")
_LETTER = re.compile(r"^\(?([^\W\d_])\)?[.)]?$")
_ROMAN_LOOKALIKES = str.maketrans({"І": "I", "Х": "X", "С": "C", "М": "M"})


class AknReadError(Exception):
    """A document that cannot be read as Akoma Ntoso, with where and why."""

    def __init__(self, file: str, message: str, line: int | None = None,
                 column: int | None = None, code: str = "R100"):
        super().__init__(message)
        self.file = file
        self.message = message
        self.line = line
        self.column = column
        self.code = code

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return f"{where}: {self.message}"


@dataclass
class AknDocument:
    """One document read back: the act, its FRBR identity, and reading warnings."""

    act: Act
    work_iri: str
    expression_iri: str | None = None
    master_expression: str | None = None
    namespace: str = AKN_NS
    warnings: list[Finding] = field(default_factory=list)


# --- small helpers -----------------------------------------------------------

def _local(element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""  # comments and processing instructions
    return tag.rsplit("}", 1)[-1]


def _children(element, name: str | None = None):
    for child in element:
        local = _local(child)
        if local and (name is None or local == name):
            yield child


def _child(element, name: str):
    return next(_children(element, name), None)


def _clean(text: str) -> str:
    """Whitespace as a reader sees it: runs collapsed, ends trimmed."""
    return " ".join(text.split())


def _text(element) -> str:
    """The text of ``element`` without editorial inline material."""
    parts: list[str] = []

    def visit(node) -> None:
        if node.text and _local(node) not in _EDITORIAL_INLINE:
            parts.append(node.text)
        for child in node:
            if _local(child) not in _EDITORIAL_INLINE:
                visit(child)
            if child.tail:
                parts.append(child.tail)

    visit(element)
    return _clean("".join(parts))


def normalised_num(printed: str) -> str | None:
    """The number inside a printed ``<num>``: ``Article 10-1.`` -> ``10-1``,
    ``Глава ІV`` -> ``IV``, ``а)`` -> ``а``; None when there is none."""
    text = printed.strip()
    if not text:
        return None
    if match := _ARABIC.search(text):
        return re.sub(r"\s+", "", match.group(0))
    for match in _ROMAN.finditer(text):
        candidate = match.group(0).translate(_ROMAN_LOOKALIKES)
        if ids.roman_to_int(candidate) is not None:
            return candidate
    if match := _LETTER.match(text):
        return match.group(1)
    return ids.eid_number(text) or None


def _location(file: str, element) -> Location:
    return Location(file, element.sourceline or 0)


# --- the reader ----------------------------------------------------------------

@dataclass
class _Reader:
    file: str
    namespace: str

    def fail(self, message: str, element=None, code: str = "R100"):
        line = element.sourceline if element is not None else None
        raise AknReadError(self.file, message, line, code=code)

    def blocks(self, container) -> list[Block]:
        """The paragraphs of a content-like container, in document order."""
        if container is None:
            return []
        paragraphs = [el for el in container.iter() if _local(el) in _BLOCK_ELEMENTS
                      and not any(_local(a) in _EDITORIAL_INLINE for a in el.iterancestors())]
        if not paragraphs:
            text = _text(container)
            return [Block(text, _location(self.file, container))] if text else []
        blocks = []
        for p in paragraphs:
            text = _text(p)
            if text:
                blocks.append(Block(text, _location(self.file, p)))
        return blocks

    def notes(self, element) -> list[Note]:
        notes = []
        for el in element.iter():
            if _local(el) in ("authorialNote", "remark"):
                text = _clean("".join(el.itertext()))
                if text:
                    notes.append(Note(NOTE_FOOTNOTE, text, _location(self.file, el)))
        return notes

    def unit(self, element) -> Unit:
        kind = _local(element)
        num_el = _child(element, "num")
        heading_el = _child(element, "heading")
        label = _clean("".join(num_el.itertext())) if num_el is not None else None
        status = element.get("status")
        unit = Unit(
            kind=kind,
            num=normalised_num(label) if label else None,
            label=label or None,
            heading=Block(_text(heading_el), _location(self.file, heading_el))
            if heading_el is not None and _text(heading_el) else None,
            loc=_location(self.file, element),
            status=STATUS_REMOVED if status in _REMOVED_STATUSES else status,
            eid=element.get("eId") or element.get("id"),
            wid=element.get("wId") or element.get("evolvingId"),
        )
        for child in _children(element):
            name = _local(child)
            if name in HIERARCHY:
                unit.children.append(self.unit(child))
            elif name in ("content", "intro"):
                unit.intro.extend(self.blocks(child))
                unit.notes.extend(self.notes(child))
            elif name == "wrapUp":
                unit.wrapup.extend(self.blocks(child))
                unit.notes.extend(self.notes(child))
        return unit

    def work(self, frbr_work, document) -> tuple[Work, str]:
        def value(name: str, attribute: str = "value") -> str | None:
            el = _child(frbr_work, name)
            return el.get(attribute) if el is not None else None

        iri_text = value("FRBRuri") or value("FRBRthis")
        iri = ids.parse_iri(iri_text) if iri_text else None
        date_text = value("FRBRdate", "date") or (iri.date if iri else None)
        if not date_text:
            self.fail("FRBRWork has no FRBRdate/@date; expected the date of the Work "
                      "(YYYY-MM-DD)", frbr_work, "R104")
        try:
            date = _dt.date.fromisoformat(date_text)
        except ValueError:
            date_el = _child(frbr_work, "FRBRdate")
            self.fail(f"FRBRdate/@date {date_text!r} is not a date; expected YYYY-MM-DD",
                      date_el if date_el is not None else frbr_work, "R104")
        country = value("FRBRcountry") or (iri.country if iri else None)
        if not country:
            self.fail("FRBRWork has no FRBRcountry/@value; expected a country code such "
                      "as 'kz'", frbr_work, "R103")
        work = Work(
            country=country,
            doctype=_local(document),
            date=date,
            number=value("FRBRnumber") or (iri.number if iri else None)
            or value("FRBRname") or "nn",
            subtype=value("FRBRsubtype") or document.get("name")
            or (iri.subtype if iri else None),
        )
        work_iri = iri.work if iri else ids.work_iri(work)
        return work, work_iri

    def meta_line(self, preface) -> MetaLine | None:
        """The preface paragraph carrying the document's date or number, if any."""
        if preface is None:
            return None
        for p in preface.iter():
            if _local(p) != "p":
                continue
            date_el = next((e for e in p.iter() if _local(e) == "docDate"), None)
            number_el = next((e for e in p.iter() if _local(e) == "docNumber"), None)
            if date_el is None and number_el is None:
                continue
            text = _text(p)
            line = MetaLine(text, _location(self.file, p))
            if date_el is not None and date_el.get("date"):
                line.date = _span_of(text, _text(date_el), date_el.get("date"))
            if number_el is not None:
                number = _text(number_el)
                line.number = _span_of(text, number, normalised_number(number))
            return line
        return None

    def read(self, root) -> AknDocument:
        warnings = []
        if self.namespace != AKN_NS:
            warnings.append(Finding(
                "R201", WARNING,
                f"namespace {self.namespace} is not Akoma Ntoso 3.0 ({AKN_NS}); "
                "read as far as it matches 3.0",
                file=self.file, line=root.sourceline))
        document = next(_children(root), None)
        if document is None:
            self.fail("<akomaNtoso> is empty; expected a document element such as <act>",
                      root, "R102")
        meta = _child(document, "meta")
        identification = _child(meta, "identification") if meta is not None else None
        frbr_work = _child(identification, "FRBRWork") if identification is not None else None
        if frbr_work is None:
            self.fail(f"<{_local(document)}> has no meta/identification/FRBRWork; expected "
                      "the Work's FRBR identification", document, "R103")
        work, work_iri = self.work(frbr_work, document)

        expression = _child(identification, "FRBRExpression")
        language_el = _child(expression, "FRBRlanguage") if expression is not None else None
        expression_iri = None
        if expression is not None:
            for name in ("FRBRuri", "FRBRthis"):
                uri = _child(expression, name)
                if uri is not None and uri.get("value"):
                    expression_iri = uri.get("value")
                    break
        language = language_el.get("language") if language_el is not None else None
        if not language and expression_iri and (parsed := ids.parse_iri(expression_iri)):
            language = parsed.language
        if not language:
            self.fail("FRBRExpression has no FRBRlanguage/@language; expected the "
                      "language of this version (e.g. 'eng')",
                      expression if expression is not None else identification, "R105")
        master_el = _child(expression, "FRBRmasterExpression") if expression is not None else None
        master = master_el.get("href") if master_el is not None else None
        if master and (parsed_master := ids.parse_iri(master)) and parsed_master.language:
            work = dataclasses.replace(work, master_language=parsed_master.language)

        act = Act(language=language, source=self.file, work=work)
        preface = _child(document, "preface")
        if preface is not None:
            title = next((e for e in preface.iter() if _local(e) in ("docTitle", "shortTitle")),
                         None)
            if title is not None and _text(title):
                act.title = Block(_text(title), _location(self.file, title))
            act.meta_line = self.meta_line(preface)
        preamble = _child(document, "preamble")
        if preamble is not None:
            act.preamble = self.blocks(preamble)
            act.preamble_notes = self.notes(preamble)
        # An element without children is false in lxml, hence the explicit tests.
        body = _child(document, "body")
        if body is None:
            body = _child(document, "mainBody")
        if body is not None:
            act.body = [self.unit(el) for el in _children(body) if _local(el) in HIERARCHY]
        return AknDocument(act, work_iri, expression_iri, master, self.namespace, warnings)


def normalised_number(printed: str) -> str:
    """An act number as the IRI writes it: ``N 1007-XII`` -> ``1007-XII``."""
    token = re.sub(r"^(?:No\.?|N|№)\s*", "", printed.strip())
    return ids.iri_number(token)


def _span_of(text: str, piece: str, value: str) -> Span:
    start = text.find(piece) if piece else -1
    if start < 0:
        return Span(0, 0, value)
    return Span(start, start + len(piece), value)


def _namespace_of(root) -> str:
    tag = root.tag if isinstance(root.tag, str) else ""
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def read_akn_bytes(data: bytes, file: str) -> AknDocument:
    """Read one Akoma Ntoso document from ``data``; ``file`` names it in messages."""
    try:
        tree = parse_bytes(data)
    except XMLInputError as exc:
        raise AknReadError(file, exc.message, exc.line, exc.column, exc.code) from None
    root = tree.getroot()
    namespace = _namespace_of(root)
    known = namespace in (AKN_NS, AKN2_NS) or namespace.startswith(_AKN3_DRAFT_PREFIX)
    if _local(root) != "akomaNtoso" or not known:
        found = f"<{_local(root)}>" + (f" in namespace {namespace}" if namespace else
                                        " in no namespace")
        raise AknReadError(
            file, f"root element is {found}; expected <akomaNtoso> in the Akoma Ntoso "
            f"3.0 namespace {AKN_NS}", root.sourceline, code="R101")
    return _Reader(file, namespace).read(root)


def read_akn(path: str) -> AknDocument:
    """Read one Akoma Ntoso file. Unreadable files raise :class:`AknReadError`."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(DEFAULT_MAX_BYTES + 1)
    except OSError as exc:
        raise AknReadError(path, f"cannot read the file: {exc.strerror or exc}",
                           code="R001") from None
    return read_akn_bytes(data, path)
