"""Structural consistency of the language versions of one law.

The versions are aligned unit by unit into *rows* (one row per unit of the law,
one cell per language; :mod:`~aknkit.diff.align`), then every row is checked
(:mod:`~aknkit.diff.checks`): the structure (:mod:`~aknkit.diff.structure`) and
what the units say (:mod:`~aknkit.diff.content`, read with
:mod:`~aknkit.diff.facts`). Every finding compares one language with the
*reference* version: the master expression when it is among the inputs,
otherwise the first input (:mod:`~aknkit.diff.blame` moves a finding to the
reference when all the others agree against it).

Codes (stable; the README documents them):

====  =======  ==========================================================
D101  error    unit missing in a language
D102  error    extra unit: a language has a unit the reference lacks
D103  error    numbering differs
D104  error    order differs, or the unit sits under another parent
D105  error    heading present in some languages only
D106  error    different count of paragraphs/points/items (or text paragraphs)
D107  error    preamble paragraph count differs
D108  error    Work metadata differs (country, doctype, subtype, date, number)
D109  error    unit repealed in some languages only
D201  warning  the numbers written in a unit differ (as multisets)
D202  warning  the dates written in a unit differ after normalisation
D203  warning  references point to different units
D204  warning  unit text empty in a language while others have text
D205  warning  unit text identical to another language's (untranslated)
D301  info     no language profile: numbers, dates, references not compared
====  =======  ==========================================================

Input problems (fewer than two versions, a language twice, different Works)
raise :class:`InputError` with codes D001-D003; a malformed language profile
raises :class:`~aknkit.text.profile.ProfileError`. Nothing here prints.
"""

from aknkit.diff.align import Alignment, align
from aknkit.diff.checks import check_inputs, diff_versions, reference_language
from aknkit.diff.comparison import CODES
from aknkit.diff.facts import Facts, text_facts
from aknkit.diff.profiles import unit_name
from aknkit.diff.report import DiffReport, Row, Version, cell_severities, render_json, render_table, report_data
from aknkit.diff.units import COUNTED_KINDS, PREAMBLE

__all__ = [
    "CODES", "COUNTED_KINDS", "PREAMBLE", "Alignment", "DiffReport", "Facts", "Row", "Version",
    "align", "cell_severities", "check_inputs", "diff_versions", "reference_language",
    "render_json", "render_table", "report_data", "text_facts", "unit_name",
]
