"""The parser against random and mutated law texts in all three languages.

Every input either parses, and then builds, unparses and round-trips like a
clean text, or is refused with coded findings naming the file and the line;
never a traceback. Inputs: generated laws and the bundled law, with lines
shuffled, deleted, duplicated, split, glued or scrambled, control and
look-alike characters injected, scripts mixed, enormous lines, labels
forged, then written in the wrong encoding, truncated or turned to noise.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aknkit.text.parse import ParseError, parse_text
from aknkit.text.profile import load_profile
from helpers import BUNDLED, FUZZ_SOURCE, LANGUAGES, check_text_input, law_text

BUNDLED_TEXTS = {lang: (BUNDLED / f"{lang}.txt").read_text(encoding="utf-8") for lang in LANGUAGES}

# Characters real files carry by accident: controls, invisible and combining
# marks, line separators, characters XML cannot hold, other scripts, and
# Latin and Cyrillic look-alikes.
ODD_CHARACTERS = [
    "\x00", "\x07", "\x1b", "\x7f", "\x0c", "\x0b", "\r", "\t", "\x85", "\u00a0", "\u2028", "\u2029",
    "\u200b", "\u200e", "\u202e", "\ufeff", "\ufffe", "\uffff", "\u0301", "\u3000", "\U0001F600",
    "中文", "עברית", "العربية", "ё", "i", "I", "Ӏ", "І", "Х", "С", "<", "&", "]]>", "\"", "'",
]
LABELS = ["Статья 5.", "5-бап.", "Article 5.", "Глава 2", "2-тарау", "Chapter II", "1.", "1)", "а)", "b)",
          "ОБЩАЯ ЧАСТЬ", "Раздел IV.", "§ 3", "Сноска.", "Ескерту.", "Footnote.", "Примечание ИЗПИ!",
          "Note of the RCLI!", "# comment", "Президент", "Astana, 3 February 2001", "№ 12-II", "No. 7"]
ENCODINGS = ["utf-8"] * 8 + ["utf-8-sig", "cp1251", "koi8-r", "utf-16", "latin-1", "cp866"]


def _mutate_lines(rng: random.Random, lines: list[str]) -> list[str]:
    if not lines:
        return [rng.choice(LABELS)]
    lines = list(lines)
    at = rng.randrange(len(lines))
    operation = rng.randrange(13)
    if operation == 0:
        rng.shuffle(lines)
    elif operation == 1:
        del lines[at:at + rng.randint(1, 5)]
    elif operation == 2:
        lines.insert(at, lines[rng.randrange(len(lines))])
    elif operation == 3:
        line = lines[at]
        cut = rng.randint(0, len(line))
        lines[at] = line[:cut] + rng.choice(ODD_CHARACTERS) + line[cut:]
    elif operation == 4:
        word = rng.choice(["x", "слово ", "сөз "])
        lines[at] += " " + word * (rng.choice([200, 5000, 60000]) // len(word))
    elif operation == 5:
        lines[at] = rng.choice([str.upper, str.lower, str.title])(lines[at])
    elif operation == 6:
        lines = [line.strip() for line in lines if line.strip()]  # the flat "compare" view
    elif operation == 7:
        lines[at] += " " + lines[rng.randrange(len(lines))]
    elif operation == 8:
        line = lines[at]
        cut = rng.randint(0, len(line))
        lines[at:at + 1] = [line[:cut], line[cut:]]
    elif operation == 9:
        lines[at] = "".join(rng.sample(lines[at], len(lines[at])))
    elif operation == 10:
        lines[at] = rng.choice(LABELS) + rng.choice([" ", "", "  "]) + lines[at]
    elif operation == 11:
        # Mixed scripts: Latin look-alikes inside Cyrillic words and back.
        swap = str.maketrans("аеорсхАВЕКМНОРСТХaeopcxABEKMHOPCTX", "aeopcxABEKMHOPCTXаеорсхАВЕКМНОРСТХ")
        lines[at] = lines[at].translate(swap)
    else:
        lines.insert(at, "\n" * rng.randint(1, 3))
    return lines


def mutated_source(rng: random.Random) -> tuple[bytes, str]:
    """A damaged law: (the bytes of the file, the language it is read as)."""
    language = rng.choice(LANGUAGES)
    text = BUNDLED_TEXTS[language] if rng.randrange(5) == 0 else law_text(rng, language)
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        lines = _mutate_lines(rng, lines)
    text = rng.choice(["\n", "\r\n", "\r"]).join(lines)
    if rng.randrange(6) == 0:
        # Read with the profile of another language.
        language = rng.choice(LANGUAGES)
    data = text.encode(rng.choice(ENCODINGS), errors="replace")
    damage = rng.randrange(12)
    if damage == 0:
        data = data[:rng.randrange(len(data) + 1)]  # cut, perhaps inside a character
    elif damage == 1:
        at = rng.randrange(len(data) + 1)
        data = data[:at] + rng.randbytes(rng.randint(1, 16)) + data[at:]
    elif damage == 2:
        data = rng.randbytes(rng.randint(0, 2000))
    return data, language


@pytest.mark.slow
@settings(max_examples=3300)
@given(st.randoms(use_true_random=True))
def test_damaged_laws_parse_or_are_refused_with_located_findings(rng):
    check_text_input(*mutated_source(rng))


def test_a_damaged_law_is_refused_where_it_is_damaged():
    """The property's refusals name the line a reader would look at."""
    text = BUNDLED_TEXTS["rus"].replace("Статья 7.", "Статья 5.")
    lines = text.split("\n")
    line = lines.index(next(x for x in lines if x.startswith("Статья 5.") and "Акты" not in x)) + 1
    try:
        parse_text(text, load_profile("rus"), source=FUZZ_SOURCE)
    except ParseError as refusal:
        assert [(f.code, f.line) for f in refusal.findings] == [("P101", line)]
    else:
        raise AssertionError("a duplicate article number must be refused")
