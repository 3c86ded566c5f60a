"""Any Akoma Ntoso document, ours or another producer's, read back into the model.

Reads the 3.0 namespace, and the 2.0 and pre-release 3.0 namespaces with a
warning, so that documents from other producers can be compared with ours.
What is read: the Work facts (FRBRWork, with its author), the language, date
and master expression (FRBRExpression), the title, the preface's type/date/
number line, the preamble, every hierarchy unit with its num, heading, text
blocks, eId/wId and source line, the conclusions (signature lines, place,
date, number), the signatory and place (TLC references), editorial notes
(``<meta><notes>`` through their ``noteRef``s, authorial notes, remarks), and
aknkit's own publication lines and facts (``<proprietary>``). Editorial
material is kept apart from the law text.

Two readings, chosen once per document: by default white space is collapsed
as a reader sees it (for comparing versions: ``comparing``); ``lossless=True``
keeps every text exactly as written (only pretty-printing line breaks become
spaces) and reads every text of the document, whatever its tags, so that it
can be written out again (``unparse``, ``render``, re-emission: ``lossless``).
What both share is in ``core``; the XML text helpers in ``xmltext``.

Nothing here prints. Input that cannot be read raises :class:`AknReadError`,
which names the file, the line and what was expected.
"""

from __future__ import annotations

from aknkit.akn.read.comparing import ComparingReader
from aknkit.akn.read.core import AknDocument
from aknkit.akn.read.errors import AknReadError
from aknkit.akn.read.labels import normalised_num, normalised_number
from aknkit.akn.read.lossless import LosslessReader
from aknkit.akn.read.xmltext import BODIES, HIERARCHY, Element, local_name, namespace_of
from aknkit.akn.safexml import XMLInputError, parse_bytes, read_bounded
from aknkit.akn.schema import AKN2_NS, AKN_NS

__all__ = [
    "BODIES",
    "HIERARCHY",
    "AknDocument",
    "AknReadError",
    "normalised_num",
    "normalised_number",
    "parse_akn_bytes",
    "parse_akn_file",
    "read_akn",
    "read_akn_bytes",
    "read_akn_tree",
]

# Pre-release drafts of 3.0 used namespaces below this one (".../3.0/CSD13").
_AKN3_DRAFT_PREFIX = AKN_NS + "/"


def read_akn(path: str, lossless: bool = False) -> AknDocument:
    """Read one Akoma Ntoso file. Unreadable files raise :class:`AknReadError`."""
    return read_akn_tree(parse_akn_file(path), path, lossless)


def read_akn_bytes(data: bytes, file: str, lossless: bool = False) -> AknDocument:
    """Read one Akoma Ntoso document from ``data``; ``file`` names it in messages.

    ``lossless`` keeps every text as written and reads every part of the
    document (see the module's description)."""
    return read_akn_tree(parse_akn_bytes(data, file), file, lossless)


def read_akn_tree(root: Element, file: str, lossless: bool = False) -> AknDocument:
    """Read one Akoma Ntoso document already parsed (safely) into ``root``, for
    callers that look at the XML too and should not parse it twice."""
    namespace = namespace_of(root)
    known = namespace in (AKN_NS, AKN2_NS) or namespace.startswith(_AKN3_DRAFT_PREFIX)
    if local_name(root) != "akomaNtoso" or not known:
        found = f"<{local_name(root)}>" + (f" in namespace {namespace}" if namespace else
                                            " in no namespace")
        raise AknReadError(
            file, f"root element is {found}; expected <akomaNtoso> in the Akoma Ntoso "
            f"3.0 namespace {AKN_NS}", root.sourceline,
            code="AKN012" if known else "AKN011")
    reader = LosslessReader if lossless else ComparingReader
    return reader(file, namespace).read(root)


def parse_akn_bytes(data: bytes, file: str) -> Element:
    """The root element of ``data`` parsed safely, for callers that read the
    XML besides the model; AknReadError when it is no well-formed XML."""
    try:
        return parse_bytes(data).getroot()
    except XMLInputError as exc:
        raise AknReadError.from_xml(exc, file) from None


def parse_akn_file(path: str) -> Element:
    """The root element of the file at ``path``, parsed safely, for callers
    that read the XML besides the model; AknReadError when the file cannot be
    read or parsed."""
    try:
        data = read_bounded(path)
    except XMLInputError as exc:
        raise AknReadError.from_xml(exc, path) from None
    except OSError as exc:
        raise AknReadError(path, f"cannot read the file: {exc.strerror or exc}",
                           code="AKN005") from None
    return parse_akn_bytes(data, path)
