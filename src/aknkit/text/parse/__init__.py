"""Plain text in the published layout (adilet.zan.kz) -> the model.

The parser reads one language version with that language's profile. It only
builds the model: it knows no XML. Every line of input ends up somewhere in the
model (title, envelope, notes, preamble, units, conclusions), so no text is lost.
Problems are reported as coded findings with file and line in a ParseError.

The parts, in reading order: ``lines`` (bytes to normalised lines),
``classify`` (what one line is), ``envelope`` (title, status, type/date line,
contents), ``builder`` and ``body`` (units, headings, text; ``quotes`` for
amending instructions), ``signature`` and ``attachments`` (after the body),
``structure`` (numbering checks), ``act`` (the whole text). ``reading`` is the
public face for writers of the layout: how the parser reads one line.
"""

from aknkit.text.parse.act import parse_file, parse_text
from aknkit.text.parse.attachments import split_attachments
from aknkit.text.parse.classify import (
    LONGEST_NEXT_LINE_HEADING,
    TERMINAL,
    ends_sentence,
    envelope_kind,
    heading_fits_next_line,
    is_excluded,
    match_any,
    match_label,
    match_meta,
    match_repeal,
    note_kind,
    ordinal_label,
    reads_as_title,
)
from aknkit.text.parse.grammar import Label
from aknkit.text.parse.lines import (
    Line,
    ParseError,
    cyrillic_8bit_encoding,
    decode_source,
    split_flat_layout,
    split_lines,
    utf16_byte_order,
)
from aknkit.text.parse.reading import LineReading
from aknkit.text.parse.signature import NAME_GAP, conclusion_line, split_conclusions
from aknkit.text.parse.structure import check_structure

__all__ = [
    "LONGEST_NEXT_LINE_HEADING", "NAME_GAP", "TERMINAL", "Label", "Line", "LineReading", "ParseError",
    "check_structure", "conclusion_line", "cyrillic_8bit_encoding", "decode_source", "ends_sentence",
    "envelope_kind", "heading_fits_next_line", "is_excluded", "match_any", "match_label", "match_meta",
    "match_repeal", "note_kind", "ordinal_label", "parse_file", "parse_text", "reads_as_title",
    "split_attachments", "split_conclusions", "split_flat_layout", "split_lines", "utf16_byte_order",
]
