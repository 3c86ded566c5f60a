"""From bytes to lines: the encoding check, and the non-blank lines of a text
with their normalised twins (the flat "compare" layout split apart)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from aknkit.findings import ERROR, Finding, InputError
from aknkit.text.profile import Profile

if TYPE_CHECKING:
    from aknkit.text.parse.grammar import LineClass


class ParseError(InputError):
    """The text is not a law in the expected layout; ``findings`` say where and why."""


@dataclass(slots=True)
class Line:
    """A non-blank source line: the original text and its normalised twin.

    Both are stripped of leading and trailing blanks; since normalisation keeps
    the length, an index into ``norm`` is an index into ``text``.
    """

    number: int
    text: str
    norm: str
    blank_before: bool
    # What the line is on its own, once the parser has asked (Grammar.classify).
    seen: LineClass | None = field(default=None, compare=False, repr=False)


def decode_source(data: bytes, source: str) -> str:
    """UTF-8 text from ``data`` (a leading BOM is dropped); a located error otherwise,
    naming the encoding the bytes are in when it can be told (UTF-16, CP1251, KOI8-R)."""
    utf16 = utf16_byte_order(data)
    if utf16:
        raise ParseError([error_finding(
            "P002", source, 1, f"UTF-16 ({utf16}) text, not UTF-8; expected UTF-8 text "
            f"(convert with iconv -f UTF-16{'LE' if utf16 == 'little-endian' else 'BE'} -t UTF-8)")])
    if b"\x00" in data[:65536]:
        raise ParseError([error_finding("P001", source, 1,
                                        "binary file (NUL bytes); expected UTF-8 text of an act")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        encoding = cyrillic_8bit_encoding(data)
        raise ParseError([error_finding(
            "P002", source, line,
            f"not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded; the text looks like {encoding}; "
            f"expected UTF-8 text (convert with iconv -f {encoding} -t UTF-8)",
        )]) from None


def utf16_byte_order(data: bytes) -> str | None:
    """"little-endian" or "big-endian" when ``data`` is UTF-16 text (by its BOM, or by
    the NUL bytes that ASCII characters such as digits, blanks and line breaks leave in
    every other position), else None."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "little-endian" if data[:2] == b"\xff\xfe" else "big-endian"
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    enough = max(2, len(sample) // 40)
    # Text in UTF-16 has a NUL in one position of every ASCII character (blanks,
    # digits, line breaks) and none in the other.
    if odd >= enough and even == 0:
        return "little-endian"
    if even >= enough and odd == 0:
        return "big-endian"
    return None


# The commonest letters of Russian and Kazakh text (о, е, а, и, н, т, с, р, в, л, ы, і).
_COMMON_LETTERS = frozenset("оеаинтсрвлыі")


def cyrillic_8bit_encoding(data: bytes) -> str:
    """CP1251 or KOI8-R, whichever makes more of the text common Cyrillic letters.

    Both put Cyrillic in the upper half of the byte range, in different places:
    text read in the wrong one turns mostly into capitals and rare letters.
    """
    def common(encoding: str) -> int:
        return sum(char in _COMMON_LETTERS for char in data[:65536].decode(encoding, errors="replace"))
    return "KOI8-R" if common("koi8_r") > common("cp1251") else "CP1251"


def error_finding(code: str, source: str, line: int | None, message: str) -> Finding:
    return Finding(code=code, severity=ERROR, message=message, file=source, line=line)


# Control characters, and the characters XML cannot carry at all (surrogates,
# U+FFFE, U+FFFF): a text holding one cannot become an AKN document.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def split_lines(text: str, profile: Profile, source: str) -> list[Line]:
    """Non-blank lines, normalised, with a note of blank lines before them."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    control = _CONTROL.search(text)
    if control:
        at = control.start()
        line_start = text.rfind("\n", 0, at) + 1
        raise ParseError([error_finding(
            "P003", source, text.count("\n", 0, at) + 1,
            f"control character U+{ord(control.group(0)):04X} at column {at - line_start + 1}; "
            "expected printable text",
        )])
    lines: list[Line] = []
    blank = False
    raws = text.split("\n")
    normalised = profile.normalise_lines(text)
    # Normalising keeps every line's length, so the lines of both texts pair up.
    # A line normalising leaves as it is is its own twin: one string serves
    # both, and a text it leaves whole is split once.
    norms = raws if normalised == text else normalised.split("\n")
    del normalised
    for number, (raw, norm) in enumerate(zip(raws, norms, strict=True), start=1):
        stripped = norm.strip(_BLANKS)
        if not stripped:
            blank = True
            continue
        if raw is norm or raw == norm:
            lines.append(Line(number, stripped, stripped, blank))    # most lines: nothing to fix
        else:
            start = len(norm) - len(norm.lstrip(_BLANKS))
            printed = raw[start:start + len(stripped)]
            lines.append(Line(number, stripped if printed == stripped else printed, stripped, blank))
        blank = False
    return lines


# What a line may begin and end with, blank after normalising.
_BLANKS = " \u3000\u2007\u202f\ufeff"


def split_flat_layout(lines: list[Line], profile: Profile) -> list[Line]:
    """Split lines glued together by the flat "compare" view (no blank lines).

    Only applied when the text has no blank line at all, where a chapter label
    and an article label, or a footnote and the next paragraph, share a line.
    """
    if len(lines) < 3 or any(line.blank_before for line in lines[1:]):
        return lines
    result: list[Line] = []
    for line in lines:
        cuts = sorted({m.start() for p in profile.flat_split for m in p.finditer(line.norm)} - {0})
        start = 0
        for cut in [*cuts, len(line.norm)]:
            piece_norm = line.norm[start:cut].strip()
            if piece_norm:
                offset = start + (len(line.norm[start:cut]) - len(line.norm[start:cut].lstrip()))
                piece_text = line.text[offset:offset + len(piece_norm)]
                result.append(Line(line.number, piece_text, piece_norm, line.blank_before))
            start = cut
    return result
