"""Level 2 rules for the FRBR identification of each document (Naming
Convention chapter 4).

The Work IRI is ``/akn/{country}/{doctype}[/{subtype}][/{actor}]/{date}/{number}``
and must agree with FRBRcountry, the document element, FRBRsubtype (or @name),
FRBRdate and FRBRnumber (NC §4.5); the Expression IRI adds ``/{lang}@{version}``
with lang from FRBRlanguage (§4.6.1); the Manifestation IRI adds ``.{format}``
from FRBRformat (§4.7); FRBRthis is FRBRuri plus the component (§4.8.1).
IRIs are parsed with ``ids.parse_iri`` only.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from typing import NamedTuple

from lxml import etree

from aknkit.akn.ids import FrbrIri, iri_number, manifestation_iri, parse_iri, with_component
from aknkit.akn.schema import AKN_NS
from aknkit.findings import Finding
from aknkit.validate.isocodes import is_country, is_language
from aknkit.validate.locate import clark_tag
from aknkit.validate.registry import make_at

_A = "{" + AKN_NS + "}"
_WORK, _EXPRESSION, _MANIFESTATION = "FRBRWork", "FRBRExpression", "FRBRManifestation"
_SHAPES = {
    _WORK: "/akn/{country}/{doctype}[/{subtype}][/{actor}]/{date}/{number}",
    _EXPRESSION: "the Work IRI + /{language}@{version}",
    _MANIFESTATION: "the Expression IRI + .{format}",
}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
# What one component of an AKN IRI may hold: letters and digits of any script,
# "-" and "_", and percent-escapes. A space is no IRI character at all (RFC
# 3987 §2.2); "/", ".", "@", ":", "!", "~" and "#" delimit the components
# themselves (NC §4.5-4.8); anything else needs escaping to survive a link.
_COMPONENT = re.compile(r"(?:[^\W]|-|%[0-9A-Fa-f]{2})+\Z")
_BAD_CHARACTER = re.compile(r"[^\w-]|%(?![0-9A-Fa-f]{2})")
# A portion carries part of another document and that document's IRIs (NC
# §4.8.4), so its IRI names the other document's type and subtype.
_EXCERPTS = frozenset({"portion"})


class _Uri(NamedTuple):
    """The FRBRuri of one level: the element, its value, and that value parsed."""

    element: etree._Element
    value: str
    iri: FrbrIri


def frbr_findings(documents: list[tuple[etree._Element, str]], filename: str) -> list[Finding]:
    found: list[Finding] = []
    for document, doctype in documents:
        identification = _first(_first(document, "meta"), "identification")
        if identification is not None:
            found += _Identification(identification, document, doctype, filename).findings()
    return found


def _first(parent: etree._Element | None, name: str) -> etree._Element | None:
    return next(parent.iterchildren(_A + name), None) if parent is not None else None


class _Children:
    """The AKN children of one FRBR level by local name, read once."""

    def __init__(self, element: etree._Element | None):
        self.by_name: dict[str, list[etree._Element]] = {}
        for child in element.iterchildren(_A + "*") if element is not None else ():
            self.by_name.setdefault(clark_tag(child)[len(_A):], []).append(child)

    def first(self, name: str) -> etree._Element | None:
        found = self.by_name.get(name)
        return found[0] if found else None

    def all(self, name: str) -> list[etree._Element]:
        return self.by_name.get(name, [])


class _Identification:
    """The rules over one ``<identification>`` block; collects its findings."""

    def __init__(self, identification: etree._Element, document: etree._Element, doctype: str, filename: str):
        self.document, self.doctype, self.filename = document, doctype, filename
        # A document in an attachment of another is a component of that one's
        # Work (NC §4.8: `.../!annex_1`): its IRIs carry the enclosing document's
        # type, not its own element's (`doc`).
        enclosing = _enclosing_document(document)
        if enclosing is not None:
            self.doctype = etree.QName(enclosing).localname
        self.work = _Children(_first(identification, _WORK))
        self.expression = _Children(_first(identification, _EXPRESSION))
        self.manifestation = _Children(_first(identification, _MANIFESTATION))
        self.found: list[Finding] = []

    def report(self, code: str, message: str, element: etree._Element) -> None:
        self.found.append(make_at(code, message, self.filename, element))

    def findings(self) -> list[Finding]:
        work = self.level_iri(self.work, _WORK)
        expression = self.level_iri(self.expression, _EXPRESSION)
        manifestation = self.level_iri(self.manifestation, _MANIFESTATION)
        if work is not None:
            self.check_work(work.element, work.iri)
        if expression is not None:
            self.check_expression(expression.element, expression.iri, work)
        if manifestation is not None:
            self.check_manifestation(manifestation.element, manifestation.iri, expression)
        return self.found

    # --- IRI shape ------------------------------------------------------------
    def level_iri(self, level: _Children, kind: str) -> _Uri | None:
        """Check FRBRthis and every FRBRuri of a level; return its (first) FRBRuri, parsed."""
        this_el = level.first("FRBRthis")
        uris = [(el, self.parse(el, kind)) for el in level.all("FRBRuri")]
        this = self.parse(this_el, kind) if this_el is not None else None
        if not uris:
            return None
        uri_el, iri = uris[0]
        value = uri_el.get("value")
        if iri is None or value is None:
            return None
        uri = _Uri(uri_el, value, iri)
        if this_el is not None and this is not None:
            self.check_this(this_el, this, uri)
            self.check_characters(this_el, kind[4:], (("component", this.component),))
        return uri

    def parse(self, element: etree._Element, kind: str) -> FrbrIri | None:
        value = element.get("value") or ""
        name = etree.QName(element).localname
        if not value.startswith("/akn/"):
            self.report("AKN201", f"{name} `{value}` of {kind} is not an AKN IRI: it must start with `/akn/` "
                                  f"and read {_SHAPES[kind]}", element)
            return None
        parsed = parse_iri(value)
        if parsed is None and kind != _WORK:
            parsed = self.without_at(element, value)
        if parsed is None:
            self.report("AKN201", f"{name} `{value}` of {kind} is not an AKN IRI{_hint(value)}; "
                                  f"expected {_SHAPES[kind]}", element)
            return None
        problem = _level_problem(parsed, kind)
        if problem is not None:
            self.report("AKN201", f"{name} `{value}` {problem}", element)
            return None
        return parsed

    def without_at(self, element: etree._Element, value: str) -> FrbrIri | None:
        """An Expression IRI written ``.../eng`` (no ``@``): warn, then read it as ``eng@``."""
        for candidate in (value.replace("/!", "@/!", 1), value.replace(".", "@.", 1), value + "@"):
            parsed = parse_iri(candidate)
            if parsed is not None and parsed.language is not None:
                self.report("AKN214", f"Expression IRI `{value}` has no `@` after the language "
                                      f"`{parsed.language}`; write `{parsed.language}@` for the original "
                                      "version or `@{date}` for a later one", element)
                return parsed
        return None

    def check_this(self, this_el: etree._Element, this: FrbrIri, uri: _Uri) -> None:
        if uri.iri.component is not None:
            self.report("AKN212", f"FRBRuri `{uri.value}` carries the component `!{uri.iri.component}`; "
                                  "only FRBRthis names a component", uri.element)
        elif this_el.get("value") != _with_component_of(uri.value, uri.iri, this):
            self.report("AKN212", f"FRBRthis `{this_el.get('value')}` is not FRBRuri "
                                  f"`{uri.value}` (plus a component such as `/!main`)", this_el)

    # --- Work ----------------------------------------------------------------
    def check_work(self, uri_el: etree._Element, work: FrbrIri) -> None:
        self.check_country(uri_el, work)
        self.check_characters(uri_el, "Work", (("country", work.country), ("document type", work.doctype),
                                               ("subtype", work.subtype), ("actor", work.actor),
                                               ("number", work.number)))
        if work.doctype != self.doctype and self.doctype not in _EXCERPTS:
            self.report("AKN204", f"Work IRI document type `{work.doctype}` differs from the document "
                                  f"element `{self.doctype}`", uri_el)
        self.check_subtype_and_actor(uri_el, work)
        self.check_date(uri_el, work)
        self.check_number(uri_el, work)

    def check_characters(self, uri_el: etree._Element, level: str,
                         components: Iterable[tuple[str, str | None]]) -> None:
        """AKN217 for a component holding a character outside the allowed set."""
        for name, value in components:
            if value and not _COMPONENT.match(value):
                bad = _BAD_CHARACTER.search(value)
                shown = repr(bad.group(0)) if bad else "?"
                what = "a space" if bad and bad.group(0).isspace() else f"the character {shown}"
                fixed = re.sub(r"(?:[^\w%-]|%(?![0-9A-Fa-f]{2}))+", "-", value).strip("-")
                self.report("AKN217", f"{level} IRI {name} `{value}` holds {what}; expected letters, digits, "
                                      f"`-` and `_` only, such as `{fixed}`", uri_el)

    def check_country(self, uri_el: etree._Element, work: FrbrIri) -> None:
        country_el = self.work.first("FRBRcountry")
        country = country_el.get("value") if country_el is not None else None
        for value, element, where in ((work.country, uri_el, "Work IRI country"),
                                      (country, country_el, "FRBRcountry")):
            if value and element is not None and value != value.lower() and is_country(value):
                self.report("AKN218", f"{where} `{value}` is in upper case; expected `{value.lower()}` "
                                      "(country codes are written in lower case)", element)
        if country_el is not None and country is not None and not is_country(country):
            self.report("AKN202", f"FRBRcountry `{country}` is not an ISO 3166-1 alpha-2 code "
                                  "(or an ISO 3166-2 subdivision such as `it-45`)", country_el)
        if not is_country(work.country):
            if country is None or work.country.casefold() != country.casefold():
                self.report("AKN202", f"Work IRI country `{work.country}` is not an ISO 3166-1 alpha-2 code "
                                      "(or an ISO 3166-2 subdivision such as `it-45`)", uri_el)
        elif country is not None and is_country(country) and work.country.casefold() != country.casefold():
            self.report("AKN203", f"Work IRI country `{work.country}` differs from FRBRcountry `{country}`",
                        uri_el)

    def check_subtype_and_actor(self, uri_el: etree._Element, work: FrbrIri) -> None:
        subtype_el = self.work.first("FRBRsubtype")
        subtype = subtype_el.get("value") if subtype_el is not None else None
        name = self.document.get("name")
        authors = _author_names(self.work)
        # parse_iri reads a single optional segment as the subtype; without an
        # FRBRsubtype it may as well be the actor, so a matching author is accepted.
        segment, actor = work.subtype, work.actor
        if subtype is not None:
            if segment != subtype:
                found = f"`{segment}`" if segment else "no subtype"
                self.report("AKN205", f"Work IRI has {found}; FRBRsubtype is `{subtype}`", uri_el)
        elif (segment is not None and segment != name and self.doctype not in _EXCERPTS
              and not (actor is None and segment in authors)):
            expected = f"the document's @name `{name}`" if name else "nothing (no FRBRsubtype, no @name)"
            self.report("AKN205", f"Work IRI subtype `{segment}` matches no FRBRsubtype; expected "
                                  f"{expected}", uri_el)
        if actor is not None and actor not in authors:
            listed = ", ".join(f"`{a}`" for a in sorted(authors)) or "none"
            self.report("AKN213", f"Work IRI actor `{actor}` matches no FRBRauthor of the Work "
                                  f"(authors: {listed})", uri_el)

    def check_date(self, uri_el: etree._Element, work: FrbrIri) -> None:
        if len(work.date) == 10 and not _is_calendar_date(work.date):
            self.report("AKN206", f"Work IRI date `{work.date}` is not a calendar date", uri_el)
            return
        date_el = self.work.first("FRBRdate")
        date = (date_el.get("date") or "")[:10] if date_el is not None else ""
        if not _is_calendar_date(date):
            return      # a malformed FRBRdate is the schema's finding (AKN105)
        agrees = date.startswith(work.date) if len(work.date) == 4 else date == work.date
        if not agrees:
            self.report("AKN206", f"Work IRI date `{work.date}` differs from the Work's FRBRdate `{date}`",
                        uri_el)

    def check_number(self, uri_el: etree._Element, work: FrbrIri) -> None:
        for name in ("FRBRnumber", "FRBRname"):
            element = self.work.first(name)
            value = element.get("value") if element is not None else None
            if value is None:
                continue
            accepted = {value, iri_number(value)} | ({"nn"} if name == "FRBRname" else set())
            if work.number not in accepted:
                self.report("AKN207", f"Work IRI number `{work.number}` differs from {name} `{value}` "
                                      f"(expected `{iri_number(value)}`)", uri_el)
            return

    # --- Expression ------------------------------------------------------------
    def check_expression(self, uri_el: etree._Element, expression: FrbrIri, work: _Uri | None) -> None:
        if work is not None and expression.work != work.value:
            self.report("AKN210", f"Expression IRI `{uri_el.get('value')}` does not extend the Work IRI "
                                  f"`{work.value}`", uri_el)
        languages = [(el, el.get("language")) for el in self.expression.all("FRBRlanguage")]
        for element, code in languages:
            if code is not None and not is_language(code):
                self.report("AKN208", f"FRBRlanguage `{code}` is not an ISO 639-2 alpha-3 code "
                                      "(such as `eng`, `rus`, `kaz`; `mul` and `und` are allowed)", element)
        codes = [code for _, code in languages if code]
        language = expression.language
        if language is None:    # parse() refuses an Expression IRI without one (AKN201)
            raise ValueError(f"Expression IRI `{uri_el.get('value')}` has no language")
        if not is_language(language):
            if language not in codes:
                self.report("AKN208", f"Expression IRI language `{language}` is not an "
                                      "ISO 639-2 alpha-3 code", uri_el)
        elif codes and language not in codes and not (language == "mul" and len(codes) > 1):
            self.report("AKN209", f"Expression IRI language `{language}` differs from FRBRlanguage "
                                  f"`{codes[0]}`", uri_el)
        self.check_version(uri_el, expression)
        self.check_characters(uri_el, "Expression", (("language", expression.language),
                                                     ("version", expression.version)))
        if work is not None:
            self.check_master(expression, work.iri)

    def check_version(self, uri_el: etree._Element, expression: FrbrIri) -> None:
        version = expression.version or ""
        if not _ISO_DATE.match(version):
            return
        dates = {(el.get("date") or "")[:10] for el in self.expression.all("FRBRdate")}
        if dates and version not in dates:
            shown = ", ".join(f"`{d}`" for d in sorted(dates))
            self.report("AKN215", f"Expression IRI version `{version}` differs from the Expression's "
                                  f"FRBRdate {shown}", uri_el)

    def check_master(self, expression: FrbrIri, work: FrbrIri) -> None:
        master_el = self.expression.first("FRBRmasterExpression")
        if master_el is None:
            return
        href = master_el.get("href") or ""
        master = parse_iri(href)
        if master is None or master.language is None or master.format is not None:
            self.report("AKN216", f"FRBRmasterExpression `{href}` is not an Expression IRI "
                                  f"({_SHAPES[_EXPRESSION]})", master_el)
        elif master.work != work.work:
            self.report("AKN216", f"FRBRmasterExpression `{href}` is an Expression of another Work "
                                  f"(this Work is `{work.work}`)", master_el)
        elif (master.language, master.version) == (expression.language, expression.version):
            self.report("AKN216", f"FRBRmasterExpression `{href}` points to this Expression itself; the "
                                  "master Expression carries no FRBRmasterExpression", master_el)

    # --- Manifestation -----------------------------------------------------------
    def check_manifestation(self, uri_el: etree._Element, manifestation: FrbrIri, expression: _Uri | None) -> None:
        # An Expression FRBRuri with a component is already AKN212; compare only with a clean one.
        if (expression is not None and expression.iri.component is None and manifestation.format is not None
                and uri_el.get("value") != manifestation_iri(expression.value, manifestation.format)):
            self.report("AKN210", f"Manifestation IRI `{uri_el.get('value')}` is not the Expression IRI "
                                  f"`{expression.value}` plus `.{manifestation.format}`", uri_el)
        format_el = self.manifestation.first("FRBRformat")
        declared = format_el.get("value") if format_el is not None else None
        if declared is None:
            return
        # FRBRformat is often a media type: application/xml, application/akn+xml.
        subtype = declared.rsplit("/", 1)[-1].rsplit("+", 1)[-1]
        if manifestation.format not in (declared, subtype):
            self.report("AKN211", f"Manifestation IRI format `.{manifestation.format}` differs from "
                                  f"FRBRformat `{declared}`", uri_el)


def _enclosing_document(document: etree._Element) -> etree._Element | None:
    """The document whose attachment ``document`` is (``.../attachments/attachment/doc``), or None."""
    holder = document.getparent()
    outer = holder.getparent() if holder is not None else None
    top = outer.getparent() if outer is not None else None
    if holder is None or outer is None or top is None:
        return None
    if etree.QName(holder).localname == "attachment" and etree.QName(outer).localname == "attachments":
        return top
    return None


def _with_component_of(uri_value: str, uri: FrbrIri, this: FrbrIri) -> str:
    """FRBRthis as it should read: FRBRuri with this's component, before any format."""
    if this.component is None:
        return uri_value
    if uri.format is None:
        return with_component(uri_value, this.component)
    return with_component(uri_value[: -len(uri.format) - 1], this.component, uri.format)


def _level_problem(parsed: FrbrIri, kind: str) -> str | None:
    """Why an IRI is not of the FRBR level ``kind``, or None."""
    if kind == _WORK and (parsed.language is not None or parsed.format is not None):
        return "of FRBRWork is not a Work IRI: it carries a language or a format"
    if kind == _EXPRESSION and parsed.language is None:
        return "of FRBRExpression is a Work IRI; expected " + _SHAPES[_EXPRESSION]
    if kind == _EXPRESSION and parsed.format is not None:
        return f"of FRBRExpression carries the format `.{parsed.format}`; only the Manifestation has one"
    if kind == _MANIFESTATION and parsed.format is None:
        return "of FRBRManifestation has no `.{format}` extension; expected " + _SHAPES[_MANIFESTATION]
    if kind == _MANIFESTATION and parsed.language is None:
        return "of FRBRManifestation lacks the Expression part `/{language}@{version}`"
    return None


def _hint(value: str) -> str:
    segments = value.split("/")
    if not any(re.fullmatch(r"\d{4}(?:-\d{2}-\d{2})?", segment) for segment in segments):
        return " (no date component `YYYY-MM-DD` or `YYYY`)"
    return ""


def _is_calendar_date(text: str) -> bool:
    """``YYYY-MM-DD`` naming a real day (``2019-02-30`` is not one)."""
    if not _ISO_DATE.match(text):
        return False
    try:
        _dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _author_names(work: _Children) -> set[str]:
    """The names FRBRauthor points to (``#council`` and ``/akn/ontology/.../council`` give ``council``)."""
    names: set[str] = set()
    for author in work.all("FRBRauthor"):
        href = author.get("href") or ""
        name = href.rsplit("/", 1)[-1].lstrip("#")
        if name:
            names.add(name)
    return names
