"""The official Akoma Ntoso 3.0 schema, located inside the package and compiled
at most once per process and engine."""

from __future__ import annotations

import functools
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    import xmlschema

SCHEMA_FILE = "akomantoso30.xsd"
AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
AKN2_NS = "http://www.akomantoso.org/2.0"
# aknkit's own metadata inside <proprietary>, and its TLC id as the source of
# what it writes: shared by the writer and the reader of our documents.
AKNKIT_NS = "https://aknkit.org/ns/proprietary/1.0"
TOOL_ID = "aknkit"


def schema_dir() -> Path:
    """The folder holding ``akomantoso30.xsd`` and ``xml.xsd``.

    An installed wheel carries them at ``aknkit/schemas``; a source checkout
    run without installing (``PYTHONPATH=src``) finds the top-level ``schemas/``.
    (Found from this module's path: the package is files on disk, and
    ``importlib.resources`` would cost every run its import.)
    """
    packaged = Path(__file__).parent.parent / "schemas"
    if (packaged / SCHEMA_FILE).is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / "schemas"
    if (checkout / SCHEMA_FILE).is_file():
        return checkout
    raise FileNotFoundError(
        f"the Akoma Ntoso schema {SCHEMA_FILE} is missing from {packaged}; reinstall aknkit"
    )


def schema_path() -> Path:
    return schema_dir() / SCHEMA_FILE


# Held while the libxml2 schema is compiled, so that a compilation started in the
# background and a caller that needs the schema never compile it twice.
_COMPILING = threading.Lock()


def lxml_schema() -> etree.XMLSchema:
    """The schema compiled by libxml2 (fast); compiled once per process."""
    with _COMPILING:
        return compiled_lxml_schema()


@functools.cache
def compiled_lxml_schema() -> etree.XMLSchema:
    """The compilation itself (its ``cache_info`` counts compilations); call :func:`lxml_schema`."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(schema_path()), parser))


def compile_in_background() -> None:
    """Start compiling the libxml2 schema in a thread of its own.

    Compiling the official schema is most of a small act's fixed cost, and
    libxml2 does it without holding Python's lock: started before the texts
    are read, it runs beside the imports and the parsing on a second core.
    Only for work done in this process: a process that forks workers later
    must not fork while libxml2 is busy in another thread.
    """
    threading.Thread(target=lxml_schema, name="akn-schema", daemon=True).start()


@functools.cache
def xmlschema_schema() -> xmlschema.XMLSchema:
    """The schema compiled by ``xmlschema`` (slower, path-based explanations)."""
    import xmlschema

    return xmlschema.XMLSchema(str(schema_path()))
