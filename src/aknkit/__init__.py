"""aknkit: plain-text legislation to Akoma Ntoso 3.0, validated, and language
versions checked against each other.

The Python API mirrors the command line::

    import aknkit
    act = aknkit.parse_text(text, "rus", source="rus.txt")   # text -> model
    bundle = aknkit.read_source_folder("sources/kz-1991-1007-XII")
    tree = aknkit.to_akn(bundle.acts["eng"])   # model -> lxml tree
    xml_bytes = aknkit.serialise(tree)
    aknkit.write_akn(bundle.acts["eng"], stream)   # the same bytes to a binary stream, unit by unit
    aknkit.build_folder("sources/kz-1991-1007-XII", "output")  # what `akn build` does

The names are imported on first use (module ``__getattr__``), so that
``import aknkit`` and ``akn --version`` do not pay for the parser, the
emitter, the schema and validation until something needs them.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from aknkit.version import __version__

# public name -> module that defines it
_LAZY = {
    "BuildResult": "build", "serialise": "akn.emit", "to_akn": "akn.emit", "write_akn": "akn.emit",
    "Finding": "findings",
    "InputError": "findings", "Act": "model", "Unit": "model", "ParseError": "text.parse",
    "Profile": "text.profile", "load_profile": "text.profile", "SourceBundle": "text.sources",
    "read_source_folder": "text.sources",
}

if TYPE_CHECKING:
    from aknkit.akn.emit import serialise, to_akn, write_akn
    from aknkit.build import BuildResult
    from aknkit.findings import Finding, InputError
    from aknkit.model import Act, Unit
    from aknkit.text.parse import ParseError
    from aknkit.text.profile import Profile, load_profile
    from aknkit.text.sources import SourceBundle, read_source_folder


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'aknkit' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # later look-ups are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


def parse_text(text: str, language: str | Profile, source: str = "<text>") -> Act:
    """Parse the text of one language version (``language``: ``kaz``, ``rus``, ``eng``... or a Profile).

    A text another language's profile reads better is refused (P203); lines
    that look like labels and numbering gaps are listed in ``act.warnings``.
    """
    from aknkit.text.checks import parse_checked
    from aknkit.text.profile import Profile, load_profile

    profile = language if isinstance(language, Profile) else load_profile(language)
    return parse_checked(text, profile, source)


def parse_file(path: str | os.PathLike[str], language: str | None = None) -> Act:
    """Parse a text file; the language defaults to the file name (``rus.txt`` -> ``rus``)."""
    from pathlib import Path

    from aknkit.text.parse import decode_source

    file = Path(path)
    return parse_text(decode_source(file.read_bytes(), str(file)), language or file.stem, source=str(file))


def build_folder(folder: str | os.PathLike[str], output_root: str | os.PathLike[str] = "output",
                 strict: bool = False) -> BuildResult:
    """Build one source folder into ``output_root/<name>/<lang>.xml``; ``strict``
    fails the act on a warning about its text (``BuildResult.warnings`` otherwise)."""
    from pathlib import Path

    from aknkit.build import build_folder as _build_folder

    return _build_folder(Path(folder), Path(output_root), strict=strict)


__all__ = [
    "Act", "BuildResult", "Finding", "InputError", "ParseError", "Profile", "SourceBundle", "Unit",
    "__version__", "build_folder", "load_profile", "parse_file", "parse_text", "read_source_folder",
    "serialise", "to_akn", "write_akn",
]
