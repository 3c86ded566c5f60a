"""aknkit: plain-text legislation to Akoma Ntoso 3.0, validated, and language
versions checked against each other.

The Python API mirrors the command line::

    import aknkit
    act = aknkit.parse_text(text, "rus", source="rus.txt")   # text -> model
    bundle = aknkit.read_source_folder("sources/kz-1991-1007-XII")
    tree = aknkit.to_akn(bundle.acts["eng"])   # model -> lxml tree
    xml_bytes = aknkit.serialise(tree)
    aknkit.build_folder("sources/kz-1991-1007-XII", "output")  # what `akn build` does
"""

__version__ = "0.1.0"

from pathlib import Path as _Path

from .build import BuildResult, build_folder as _build_folder
from .emit import serialise, to_akn
from .findings import Finding, InputError
from .model import Act, Unit
from .parse import ParseError, decode_source, parse_text as _parse_text
from .profile import Profile, load_profile
from .sources import SourceBundle, read_source_folder


def parse_text(text: str, language: str | Profile, source: str = "<text>") -> Act:
    """Parse the text of one language version (``language``: ``kaz``, ``rus``, ``eng``...)."""
    profile = language if isinstance(language, Profile) else load_profile(language)
    return _parse_text(text, profile, source=source)


def parse_file(path, language: str | None = None) -> Act:
    """Parse a text file; the language defaults to the file name (``rus.txt`` -> ``rus``)."""
    path = _Path(path)
    return parse_text(decode_source(path.read_bytes(), str(path)), language or path.stem, source=str(path))


def build_folder(folder, output_root="output") -> BuildResult:
    """Build one source folder into ``output_root/<name>/<lang>.xml``."""
    return _build_folder(_Path(folder), _Path(output_root))


__all__ = [
    "Act", "BuildResult", "Finding", "InputError", "ParseError", "Profile", "SourceBundle", "Unit",
    "build_folder", "load_profile", "parse_file", "parse_text", "read_source_folder", "serialise",
    "to_akn", "__version__",
]
