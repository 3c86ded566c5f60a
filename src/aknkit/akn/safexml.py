"""Safe parsing of untrusted XML.

No DTD is loaded, no entity is expanded, nothing is fetched from the network or
the disk, and the input size is bounded. A document type declaration is refused
outright: Akoma Ntoso never needs one, and it is how entity attacks start.
"""

from __future__ import annotations

import os
import re

from lxml import etree

DEFAULT_MAX_BYTES = 256 * 1024 * 1024

_PROLOG_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_]")


class XMLInputError(Exception):
    """The input cannot be read as safe, well-formed XML. ``code`` is the
    registered code of the problem (AKN001-AKN004), the same in every command."""

    def __init__(self, code: str, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=False,
    )


def parse_bytes(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> etree._ElementTree:
    """Parse ``data`` safely; raise :class:`XMLInputError` with a located message."""
    if len(data) > max_bytes:
        raise XMLInputError(
            "AKN003", too_large_message(len(data), max_bytes, known=False))
    if not data or data.isspace():     # not data.strip(), which copies the whole input
        raise XMLInputError("AKN004", "input is empty; expected an XML document")
    first = _FIRST_ELEMENT.search(data)
    prolog = data[: first.start()] if first else data
    dtd = _PROLOG_DTD.search(prolog)
    if dtd:
        line = prolog.count(b"\n", 0, dtd.start()) + 1
        raise XMLInputError(
            "AKN002",
            "document type declarations are not allowed (they can fetch files or "
            "expand entities); Akoma Ntoso needs none",
            line,
        )
    try:
        tree = etree.ElementTree(etree.fromstring(data, _parser()))
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (None, None)
        raise XMLInputError("AKN001", f"not well-formed XML: {exc.msg}", line, column) from None
    docinfo = tree.docinfo
    if docinfo.internalDTD is not None or docinfo.doctype:
        raise XMLInputError(
            "AKN002", "document type declarations are not allowed; Akoma Ntoso needs none", 1
        )
    return tree


def too_large_message(size: int, max_bytes: int, known: bool = True) -> str:
    """The AKN003 message; ``known`` False when only "more than the limit" was read (a stream)."""
    measured = f"{size:,} bytes" if known else f"more than {max_bytes:,} bytes"
    return f"input is {measured}, above the limit of {max_bytes:,} bytes"


def read_bounded(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a file no larger than ``max_bytes``.

    The size is taken from the file system before reading, so a large file is
    refused with its true size and without reading it. ``OSError`` is left to
    the caller.
    """
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > max_bytes:
            raise XMLInputError("AKN003", too_large_message(size, max_bytes))
        # Asking for the file's size (and one byte more, to see it grew) spares a
        # buffer of the limit's size; a file that grows while read (or a pipe,
        # whose size is 0) is read on, still bounded.
        data = handle.read(size + 1)
        if len(data) > size:
            data += handle.read(max_bytes + 1 - len(data))
        return data


def parse_file(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> etree._ElementTree:
    """Read and parse a file safely. ``OSError`` is left to the caller."""
    return parse_bytes(read_bounded(path, max_bytes), max_bytes)
