"""The model -> plain text in the published layout (adilet.zan.kz) of one language.

The text is what the parser reads: parsing it gives back the model it was
written from, so text -> AKN -> text -> AKN gives the same AKN. Where the
layout leaves a choice (the label line or the next one for a heading, where a
footnote stands) the writer asks the parser's own line classifiers how a line
would be read and takes the placement that reads back as the model says.

Documents from other producers are written the same way: units keep their
printed numbers, bare numbers get the language's label (profile table
``[unparse]``), and units of any other tag are written with their number,
heading and text, in their order.

Nothing here prints or touches files; :func:`unparse_bytes` raises
:class:`~aknkit.findings.InputError` with coded, located findings.

Here: the entry points (whether text was lost is ``text/coverage``'s search). The parts:
``writer`` (one document's text), ``plan`` (where a unit's label, heading,
notes and text go), ``signature`` (the signature block), ``page`` (the lines
written, and how the parser will read them).
"""

from __future__ import annotations

from aknkit.akn.read import AknReadError, parse_akn_bytes, read_akn_tree
from aknkit.findings import ERROR, Finding, InputError
from aknkit.model import Act
from aknkit.text.coverage import missing_text
from aknkit.text.profile import Profile, load_profile
from aknkit.text.unparse.writer import Writer

__all__ = ["missing_text", "unparse_act", "unparse_bytes"]


def unparse_act(act: Act, profile: Profile) -> str:
    """The text of ``act`` in the published layout that ``profile`` describes."""
    writer = Writer(act, profile)
    text = writer.write()
    if writer.signature_takes_body:
        text = Writer(act, profile, final_notes_last=True).write()
    return text


def unparse_bytes(data: bytes, file: str, language: str | None = None) -> str:
    """The text of the Akoma Ntoso document ``data`` in the layout of ``language``
    (default: the document's own). InputError when it cannot be read or when
    some of its text would be lost; ProfileError for a language with no layout."""
    try:
        root = parse_akn_bytes(data, file)
        document = read_akn_tree(root, file, lossless=True)
    except AknReadError as exc:
        raise InputError([exc.as_finding()]) from None
    profile = load_profile(language or document.act.language)
    text = unparse_act(document.act, profile)
    lost = missing_text(root.getroottree(), text)
    if lost:
        raise InputError([
            Finding(code="U301", severity=ERROR, file=file, line=line,
                    message=f"text of this element did not reach the unparsed text: {piece[:80]!r}")
            for line, piece in lost
        ])
    return text
