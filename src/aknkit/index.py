"""A catalogue of Akoma Ntoso documents for a legal information system to import.

Each document is read once: its structure through the AKN reader (Work and
Expression facts, every unit with eId, wId, number, heading, own text and
parent), and from the same tree the facts the model does not carry: the
references in the text (``<ref href>``), the lifecycle events and the textual
modifications in ``<meta>``. After every document is read, each reference is
resolved against the whole catalogue: a reference to a unit of the same
document, or to a Work (and unit) that the catalogue holds, is resolved; any
other is kept, marked unresolved.

The catalogue is written as SQLite (standard library) or as JSON lines, in a
fixed order, so the same documents give the same bytes. Nothing here prints.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from lxml import etree

from aknkit.akn import ids
from aknkit.akn.read import AknDocument, AknReadError, parse_akn_file, read_akn_tree
from aknkit.files import replace_with
from aknkit.findings import Finding, finding
from aknkit.model import Unit

# The tables, their columns in order, and the SQL that makes them. The README's
# description of the catalogue follows this table by table.
SCHEMA: dict[str, tuple[str, ...]] = {
    "works": ("work_iri", "country", "doctype", "subtype", "date", "number", "author"),
    "expressions": ("expression_iri", "work_iri", "language", "date", "title", "repealed",
                    "master_expression", "file"),
    "units": ("expression_iri", "eid", "wid", "kind", "num", "heading", "text", "parent_eid",
              "position", "status"),
    "refs": ("expression_iri", "citing_eid", "line", "text", "href", "cited_work_iri",
             "cited_eid", "resolved"),
    "events": ("expression_iri", "eid", "date", "type", "source_iri"),
    "modifications": ("expression_iri", "eid", "direction", "type", "source_iri",
                      "destination_iri", "destination_eid"),
}

_DDL = """
CREATE TABLE works (
    work_iri TEXT PRIMARY KEY, country TEXT NOT NULL, doctype TEXT NOT NULL, subtype TEXT,
    date TEXT NOT NULL, number TEXT NOT NULL, author TEXT);
CREATE TABLE expressions (
    expression_iri TEXT PRIMARY KEY, work_iri TEXT NOT NULL REFERENCES works(work_iri),
    language TEXT, date TEXT, title TEXT, repealed INTEGER NOT NULL,
    master_expression TEXT, file TEXT NOT NULL);
CREATE TABLE units (
    expression_iri TEXT NOT NULL REFERENCES expressions(expression_iri), eid TEXT, wid TEXT,
    kind TEXT NOT NULL, num TEXT, heading TEXT, text TEXT NOT NULL, parent_eid TEXT,
    position INTEGER NOT NULL, status TEXT, PRIMARY KEY (expression_iri, position));
CREATE TABLE refs (
    expression_iri TEXT NOT NULL REFERENCES expressions(expression_iri), citing_eid TEXT,
    line INTEGER, text TEXT NOT NULL, href TEXT NOT NULL, cited_work_iri TEXT, cited_eid TEXT,
    resolved INTEGER NOT NULL);
CREATE TABLE events (
    expression_iri TEXT NOT NULL REFERENCES expressions(expression_iri), eid TEXT, date TEXT,
    type TEXT, source_iri TEXT);
CREATE TABLE modifications (
    expression_iri TEXT NOT NULL REFERENCES expressions(expression_iri), eid TEXT,
    direction TEXT NOT NULL, type TEXT, source_iri TEXT, destination_iri TEXT,
    destination_eid TEXT);
CREATE INDEX units_by_eid ON units (eid);
CREATE INDEX refs_by_cited ON refs (cited_work_iri, cited_eid);
CREATE VIEW cited_by AS
    SELECT r.cited_work_iri AS cited_work_iri, r.cited_eid AS cited_eid,
           e.work_iri AS citing_work_iri, r.expression_iri AS citing_expression_iri,
           r.citing_eid AS citing_eid, r.text AS text
    FROM refs AS r JOIN expressions AS e USING (expression_iri)
    WHERE r.resolved = 1;
"""

Row = tuple[object, ...]


@dataclass(slots=True)
class Catalogue:
    """Rows of every table, and the findings about documents left out."""

    rows: dict[str, list[Row]] = field(default_factory=lambda: {table: [] for table in SCHEMA})
    findings: list[Finding] = field(default_factory=list)
    # expression IRI -> the file it was catalogued from
    files: dict[str, str] = field(default_factory=dict)

    def add(self, table: str, row: Row) -> None:
        self.rows[table].append(row)


# --- reading one document ----------------------------------------------------

def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _meta_hrefs(root: etree._Element) -> dict[str, str]:
    """The ``<references>`` entries of ``<meta>``: eId -> href (TLC, passiveRef, ...)."""
    return {entry.get("eId") or entry.get("id") or "": entry.get("href") or ""
            for entry in root.iterfind(".//{*}meta/{*}references/*")
            if (entry.get("eId") or entry.get("id")) and entry.get("href")}


def _source_iri(value: str | None, hrefs: dict[str, str]) -> str | None:
    """A ``source``/``href`` value: ``#id`` of a references entry -> its href."""
    if not value:
        return None
    return hrefs.get(value[1:], value) if value.startswith("#") else value


def _own_text(unit: Unit) -> str:
    return "\n".join(block.text for block in [*unit.intro, *unit.wrapup])


def _unit_rows(expression: str, units: list[Unit], parent: str | None,
               position: Iterator[int]) -> Iterator[Row]:
    for unit in units:
        yield (expression, unit.eid, unit.wid, unit.kind, unit.num,
               unit.heading.text if unit.heading else None, _own_text(unit), parent,
               next(position), unit.status)
        yield from _unit_rows(expression, unit.children, unit.eid, position)


def _citing_eid(ref: etree._Element, unit_eids: set[str]) -> str | None:
    """The nearest enclosing unit's eId (or, outside units, the nearest eId)."""
    nearest = None
    for ancestor in ref.iterancestors():
        eid = ancestor.get("eId")
        if eid and eid in unit_eids:
            return eid
        if eid and nearest is None:
            nearest = eid
    return nearest


def split_href(href: str, own_work: str) -> tuple[str | None, str | None]:
    """(cited Work IRI, cited eId) of a reference: ``#art_5`` or ``~art_5`` in
    the document itself, ``/akn/kz/act/law/2013-07-03/121-V`` another Work, optionally with
    a portion (``~art_5``) or fragment (``#art_5``). (None, None) for a
    reference that is no Akoma Ntoso IRI (a web address)."""
    if href.startswith(("#", "~")):
        return own_work, href[1:] or None
    target, _, fragment = href.partition("#")
    parsed = ids.parse_iri(target)
    if parsed is None:
        return None, None
    return parsed.work, fragment or parsed.portion


def _document_rows(catalogue: Catalogue, document: AknDocument, root: etree._Element,
                   file: str) -> list[tuple[str | None, str | None, Row]]:
    """Add one document's rows; return its references still to be resolved."""
    act, work = document.act, document.act.work
    expression = document.expression_iri or document.work_iri
    if work is not None:
        catalogue.add("works", (document.work_iri, work.country, work.doctype, work.subtype,
                                ids.iso_date(work.date), work.number,
                                work.author.name if work.author else None))
    hrefs = _meta_hrefs(root)
    repealed = any(event.get("type") == "repeal" for event in root.iterfind(".//{*}lifecycle/{*}eventRef"))
    catalogue.add("expressions", (
        expression, document.work_iri, act.language or None,
        ids.iso_date(act.expression_date) if act.expression_date else None,
        act.title.text if act.title else None, int(repealed), document.master_expression, file))
    catalogue.rows["units"] += _unit_rows(expression, act.body, None, itertools.count(1))
    for event in root.iterfind(".//{*}lifecycle/{*}eventRef"):
        catalogue.add("events", (expression, event.get("eId"), event.get("date"), event.get("type"),
                                 _source_iri(event.get("source"), hrefs)))
    for direction in ("passive", "active"):
        for mod in root.iterfind(f".//{{*}}analysis/{{*}}{direction}Modifications/*"):
            source = mod.find("{*}source")
            destination = mod.find("{*}destination")
            destination_iri = _source_iri(destination.get("href") if destination is not None else None, hrefs)
            catalogue.add("modifications", (
                expression, mod.get("eId"), direction, mod.get("type"),
                _source_iri(source.get("href") if source is not None else None, hrefs),
                destination_iri, split_href(destination_iri, document.work_iri)[1] if destination_iri else None))
    unit_eids = {unit.eid for unit in act.units() if unit.eid}
    pending: list[tuple[str | None, str | None, Row]] = []
    for ref in root.iter("{*}ref"):
        if any(_local(a) == "meta" for a in ref.iterancestors()):
            continue
        href = ref.get("href") or ""
        cited_work, cited_eid = split_href(href, document.work_iri)
        row = (expression, _citing_eid(ref, unit_eids), ref.sourceline,
               " ".join("".join(ref.itertext()).split()), href)
        pending.append((cited_work, cited_eid, row))
    return pending


def _add_document(catalogue: Catalogue, file: str) -> list[tuple[str | None, str | None, Row]]:
    """Read one file into ``catalogue``; a file that cannot be read, or holds an
    expression already catalogued, becomes a finding and adds nothing.
    Returns the file's references to resolve."""
    try:
        root = parse_akn_file(file)
        document = read_akn_tree(root, file)
    except AknReadError as exc:
        catalogue.findings.append(exc.as_finding())
        return []
    expression = document.expression_iri or document.work_iri
    if expression in catalogue.files:
        catalogue.findings.append(finding(
            "C101", f"expression {expression} is already catalogued from {catalogue.files[expression]}; "
                    f"expected each expression once", file))
        return []
    catalogue.files[expression] = file
    return _document_rows(catalogue, document, root, file)


# --- the whole catalogue -----------------------------------------------------

def build_catalogue(files: Iterable[str]) -> Catalogue:
    """Read every file (in the order given), then resolve every reference
    against the whole catalogue."""
    catalogue = Catalogue()
    pending = []
    for file in files:
        pending += _add_document(catalogue, file)
    works = {row[0] for row in catalogue.rows["works"]}
    expression_work = {row[0]: row[1] for row in catalogue.rows["expressions"]}
    work_eids = {(expression_work[row[0]], row[1]) for row in catalogue.rows["units"] if row[1]}
    for cited_work, cited_eid, row in pending:
        resolved = cited_work in works and (cited_eid is None or (cited_work, cited_eid) in work_eids)
        catalogue.add("refs", (*row, cited_work, cited_eid, int(resolved)))
    # One Work is listed once, however many of its language versions are read:
    # with the facts of the first file that names it.
    first: dict[object, Row] = {}
    for row in catalogue.rows["works"]:
        first.setdefault(row[0], row)
    catalogue.rows["works"] = sorted(first.values(), key=_sort_key)
    for table in SCHEMA:
        if table == "units":   # document order within each expression
            catalogue.rows[table].sort(key=lambda row: (str(row[0]), row[8]))
        elif table != "works":
            catalogue.rows[table].sort(key=_sort_key)
    return catalogue


def _sort_key(row: Row) -> tuple[tuple[int, str], ...]:
    """Rows in a fixed order whatever the reading order (None sorts first)."""
    return tuple((0, "") if value is None else (1, f"{value:020d}" if isinstance(value, int) else str(value))
                 for value in row)


def write_sqlite(catalogue: Catalogue, target: Path) -> None:
    """The catalogue as a new SQLite database at ``target``, replaced in one step."""
    def make(path: Path) -> None:
        # An empty file is an empty SQLite database: SQLite fills the temporary file.
        connection = sqlite3.connect(path)
        try:
            connection.executescript(_DDL)
            for table, columns in SCHEMA.items():
                marks = ", ".join("?" for _ in columns)
                connection.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                                       catalogue.rows[table])
            connection.commit()
        finally:
            connection.close()
    replace_with(target, make)


def write_jsonl(catalogue: Catalogue, stream: IO[str]) -> None:
    """The catalogue as JSON lines: one object per row, ``table`` naming its table."""
    for table, columns in SCHEMA.items():
        for row in catalogue.rows[table]:
            stream.write(json.dumps({"table": table, **dict(zip(columns, row, strict=True))}, ensure_ascii=False,
                                    sort_keys=False) + "\n")
