"""The content checks (D201-D205, D301): what the units say must agree across
the languages, as far as the language profiles let it be read."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Hashable
from typing import Any

from aknkit.diff.comparison import Comparison
from aknkit.diff.facts import Facts, ReferenceKey, TextReader, UnitContent
from aknkit.diff.profiles import unit_name
from aknkit.diff.report import Row
from aknkit.diff.units import PREAMBLE
from aknkit.model import STATUS_REMOVED, Unit

_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")


def check_profiles(comparison: Comparison) -> None:
    """D301 for each language that has no profile: its content is not compared."""
    for language in comparison.order:
        if comparison.profile(language) is None:
            comparison.emit("D301", None, language,
                            f"no language profile for {language}: the numbers, dates and "
                            f"references of its units are not compared")


def check_content(comparison: Comparison, row: Row) -> None:
    """D201-D205 on one row: what each language's unit says, read once."""
    units = row.units
    if len(units) < 2:
        return
    contents: dict[str, UnitContent] = {}
    having: list[str] = []     # the languages whose unit has text
    with_heading = True        # headings count only where every language has one (D105 reports the others)
    for language in comparison.order:
        unit = units.get(language)
        if unit is None:
            continue
        if unit.status == STATUS_REMOVED:
            return
        content = contents[language] = comparison.content(unit, language)
        if content.has_text:
            having.append(language)
        if content.heading is None:
            with_heading = False
    present = list(contents)
    if row.kind != PREAMBLE and having and len(having) < len(present):
        _report_empty(comparison, row, present, having)
    if _may_share(row, present, contents):
        check_identical(comparison, row, present, contents, with_heading)
    _check_facts(comparison, row, present, contents, with_heading)


def _report_empty(comparison: Comparison, row: Row, present: list[str], having: list[str]) -> None:
    """D204: a unit with no text in some languages while others have text."""
    for language in present:
        if language not in having and not comparison.count_explains(row, language):
            comparison.emit("D204", row, language,
                            f"{row.label} has no text in {language}, while "
                            f"{' and '.join(having)} {'has' if len(having) == 1 else 'have'}")


def _check_facts(comparison: Comparison, row: Row, present: list[str],
                 contents: dict[str, UnitContent], with_heading: bool) -> None:
    """D201-D203 for each language whose facts differ from the reference's."""
    ref = comparison.reference
    readers = comparison.readers
    if ref not in contents or readers[ref].profile is None:
        return
    theirs = contents[ref]
    for language in present[1:]:
        ours = contents[language]
        if ours.same_facts(theirs, with_heading) or readers[language].profile is None:
            continue
        if comparison.count_explains(row, language):
            continue
        # Content is compared only where there is content on both sides (D204
        # covers an empty side).
        if row.kind != PREAMBLE and not (ours.has_text and theirs.has_text):
            continue
        compare_facts(comparison, row, language, ours.facts(with_heading), theirs.facts(with_heading))


def _multiset_difference(language: str, reference: str, ours: tuple[Hashable, ...],
                         theirs: tuple[Hashable, ...], show: Callable[[Any], str]) -> str:
    """What only one side has, each side's values shown with ``show``."""
    only_ours = sorted((Counter(ours) - Counter(theirs)).elements(), key=str)
    only_theirs = sorted((Counter(theirs) - Counter(ours)).elements(), key=str)
    return "; ".join(part for part in (
        f"only in {language}: {', '.join(map(show, only_ours))}" if only_ours else "",
        f"only in {reference}: {', '.join(map(show, only_theirs))}" if only_theirs else "",
    ) if part)


def compare_facts(comparison: Comparison, row: Row, language: str, ours: Facts, theirs: Facts) -> None:
    def reference_name(key: ReferenceKey) -> str:
        return _reference_name(comparison, key, ours, theirs)

    for code, what, a, b, show in (
        ("D201", "numbers", ours.numbers, theirs.numbers, str),
        ("D202", "dates", ours.dates, theirs.dates, str),
        ("D203", "references", ours.references, theirs.references, reference_name),
    ):
        if a != b:
            detail = _multiset_difference(language, comparison.reference, a, b, show)
            comparison.emit(code, row, language, f"{what} in {row.label} differ: {detail}")


def _reference_name(comparison: Comparison, key: ReferenceKey, *facts: Facts) -> str:
    steps = next(f.reference_names[key] for f in facts if key in f.reference_names)
    return ", ".join(unit_name(kind, num, comparison.label_language) for kind, num in steps)


# --- untranslated text (D205) ------------------------------------------------------

def check_identical(comparison: Comparison, row: Row, present: list[str],
                    contents: dict[str, UnitContent], with_heading: bool) -> None:
    """Paragraphs that read the same in several languages: in all but the one
    written in its own language's alphabet (the tightest, then the earliest,
    on a tie) they are untranslated. Each paragraph and the heading count on
    their own, so a body left untranslated under a translated heading is found;
    a paragraph of fewer than two words ("Evaluation" is a heading in German
    and English alike) is no sign of it."""
    flagged = _untranslated(comparison, row, present)
    for language in present:
        if language not in flagged:
            continue
        keeper, line = flagged[language]
        if contents[language].words(with_heading) == contents[keeper].words(with_heading):
            message = f"{row.label} reads the same in {language} as in {keeper} (left untranslated?)"
        else:
            message = (f"{row.label}: a paragraph reads the same in {language} as in {keeper} "
                       f"(left untranslated?)")
        comparison.emit("D205", row, language, message, line=line)


def _untranslated(comparison: Comparison, row: Row,
                  present: list[str]) -> dict[str, tuple[str, int | None]]:
    """language -> (the language that keeps the text, the line of the first
    paragraph it shares with it) for every language holding another's text."""
    holders: dict[str, list[tuple[str, int | None]]] = {}
    for language in present:
        for words, line in paragraphs(row.units[language], comparison.readers[language]).items():
            holders.setdefault(words, []).append((language, line))
    flagged: dict[str, tuple[str, int | None]] = {}
    for words, held in holders.items():
        if len(held) < 2 or not _worth_comparing(words):
            continue
        keeper = _keeper(comparison, words, [lang for lang, _ in held])
        for language, line in held:
            if language != keeper:
                known = flagged.get(language)
                if known is None or (line or 0) < (known[1] or 0):
                    flagged[language] = (keeper, line)
    return flagged


def _may_share(row: Row, present: list[str], contents: dict[str, UnitContent]) -> bool:
    """Whether two languages may share a paragraph (most rows: none do). A unit
    of one text paragraph at most has the paragraphs of its content, read
    already: its heading and its text; one of more is taken to share. A
    paragraph without words is never compared (:func:`_worth_comparing`)."""
    seen: set[str] = set()
    units = row.units
    for language in present:
        unit = units[language]
        if len(unit.intro) + len(unit.wrapup) > 1:
            return True
        content = contents[language]
        body = content.body.words       # "" when the unit has no text paragraph
        heading = content.heading.words if content.heading is not None else ""
        if (body and body in seen) or (heading and heading in seen):
            return True
        seen.update((body, heading))
    return False


def _worth_comparing(words: str) -> bool:
    """Two words at least: a paragraph of one word ("Evaluation" is a heading
    in German and English alike) is no sign of an untranslated text."""
    return len(_LETTER_WORD.findall(words)) >= 2


def _keeper(comparison: Comparison, words: str, languages: list[str]) -> str:
    """The language whose alphabet ``words`` fit best. On a tie the smaller
    alphabet fits tighter (Russian text fits the Kazakh alphabet too), then the
    earliest language."""
    fits = {lang: alphabet_fit(comparison, words, lang) for lang in languages}
    return max(languages, key=lambda lang: (fits[lang], -alphabet_size(comparison, lang),
                                            -languages.index(lang)))


def paragraphs(unit: Unit, reader: TextReader) -> dict[str, int | None]:
    """The unit's heading and text paragraphs as normalised words, each with
    its line (the first line where it occurs). The letter words of a paragraph
    are those of its words, so which paragraphs are worth comparing can be
    told from the words alone."""
    found: dict[str, int | None] = {}
    heading = unit.heading
    if heading is not None:
        found[reader.words(heading.text)] = heading.loc.line if heading.loc else None
    label = unit.label
    first = True
    for blocks in (unit.intro, unit.wrapup):
        for block in blocks:
            text = block.text
            if first and label and text.startswith(label):
                text = text[len(label):]
            first = False
            found.setdefault(reader.words(text), block.loc.line if block.loc else None)
    return found


def alphabet_size(comparison: Comparison, language: str) -> int:
    profile = comparison.profile(language)
    return len(profile.lowercase_letters) if profile is not None else 0


def alphabet_fit(comparison: Comparison, words: str, language: str) -> float:
    """The share of the letters of ``words`` that belong to the language's alphabet."""
    profile = comparison.profile(language)
    letters = [c for c in words if c.isalpha()]
    if profile is None or not letters:
        return 0.0
    return sum(c in profile.lowercase_letters for c in letters) / len(letters)
