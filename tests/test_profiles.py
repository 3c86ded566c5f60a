"""Language profiles are a checked format: every shipped profile loads, and a
broken copy fails on load with a ProfileError naming the file, the key (a
dotted path) and its line, never by quietly matching nothing."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from aknkit.text.parse import parse_text
from aknkit.text.profile import (
    CONTENT_KINDS,
    STRUCTURE_KINDS,
    ProfileError,
    available_languages,
    load_profile,
    read_profile,
)


def shipped(language: str) -> str:
    return (resources.files("aknkit.text") / "profiles" / f"{language}.toml").read_text(encoding="utf-8")


def broken_copy(tmp_path: Path, old: str, new: str, language: str = "eng") -> tuple[Path, int]:
    """A copy of a shipped profile with ``old`` replaced by ``new`` once, and the
    line ``new`` starts on."""
    text = shipped(language)
    assert text.count(old) == 1, old
    text = text.replace(old, new)
    path = tmp_path / f"{language}.toml"
    path.write_text(text, encoding="utf-8")
    return path, text[:text.index(new)].count("\n") + 1


def line_replaced(tmp_path: Path, start: str, new: str, language: str = "eng") -> tuple[Path, int]:
    """A copy of a shipped profile with the one line starting with ``start``
    replaced by ``new``, and that line's number."""
    lines = shipped(language).splitlines(keepends=True)
    [number] = [n for n, line in enumerate(lines) if line.startswith(start)]
    lines[number] = new + "\n"
    path = tmp_path / f"{language}.toml"
    path.write_text("".join(lines), encoding="utf-8")
    return path, number + 1


def refusal(path: Path) -> ProfileError:
    with pytest.raises(ProfileError) as excinfo:
        read_profile(path)
    return excinfo.value


def assert_names(error: ProfileError, path: Path, key: str, line: int) -> None:
    assert (error.file, error.key, error.line) == (str(path), key, line)
    assert str(error).startswith(f"{path}:{line}: {key}: ")


@pytest.mark.parametrize("language", available_languages())
def test_every_shipped_profile_loads_from_its_file_as_from_the_package(language, tmp_path):
    profile = load_profile(language)
    copy = tmp_path / f"{language}.toml"
    copy.write_text(shipped(language), encoding="utf-8")
    again = read_profile(copy)
    assert again.language == profile.language == language
    assert {kind: [p.pattern for p in patterns] for kind, patterns in again.labels.items()} == \
        {kind: [p.pattern for p in patterns] for kind, patterns in profile.labels.items()}
    assert set(profile.labels) == set(STRUCTURE_KINDS + CONTENT_KINDS)
    assert profile.labels["article"] and len(profile.months) == 12


@pytest.mark.parametrize("language", available_languages())
def test_no_fragment_reference_is_left_in_a_loaded_pattern(language):
    profile = load_profile(language)
    patterns = [p for group in (profile.labels, profile.notes, profile.envelope, profile.references)
                for kind in group for p in group[kind]]
    patterns += [*profile.meta, *profile.dates, *profile.flat_split, *profile.repeal_clause,
                 *profile.attachment_head, *profile.note_targets, profile.signature_number]
    links = profile.links
    patterns += [*(p for steps in links.steps.values() for p in steps), links.joiner, links.separator,
                 links.range, *links.this_act_before, *links.this_act_after, *links.other_act_before,
                 *links.other_act_after, *links.acts]
    assert patterns
    assert [p.pattern for p in patterns if re.search(r"(?<!\\)\{[A-Za-z_]", p.pattern)] == []


@pytest.mark.parametrize("language,expected", [
    ("eng", r"^(?:Article|ARTICLE)\s+(?P<num>\d+(?:-\d+)*)(?=\s*\.|\s*$|\s+[A-Z])\s*\.?(?:\s*(?P<rest>.*))?$"),
    ("rus", r"^(?:Статья|СТАТЬЯ)\s+(?P<num>\d+(?:-\d+)*)(?=\s*\.|\s*$|\s+[А-ЯЁA-Z])\s*\.?(?:\s*(?P<rest>.*))?$"),
    ("kaz", r"^(?P<num>\d+(?:-\d+)*)(?:\s*-\s*|\s+)(?:бап|БАП)(?=\s*\.|\s*$|\s+[А-ЯЁӘІҢҒҮҰҚӨҺA-Z])\s*\.?"
            r"(?:\s*(?P<rest>.*))?$"),
])
def test_fragments_expand_into_the_full_pattern(language, expected):
    assert [p.pattern for p in load_profile(language).labels["article"]] == [expected]


def test_a_renamed_key_is_refused_naming_file_key_and_line(tmp_path):
    path, line = broken_copy(tmp_path, "\narticle = ['^(?:Article", "\nartcle = ['^(?:Article")
    error = refusal(path)
    assert_names(error, path, "labels.artcle", line + 1)
    assert "unknown key (did you mean 'article'?)" in str(error)


def test_the_renamed_article_label_no_longer_leaves_articles_as_text(tmp_path):
    # Before the format was checked this copy loaded, and "Article 1." was read as text.
    path, _ = broken_copy(tmp_path, "\narticle = ['^(?:Article", "\nartcle = ['^(?:Article")
    with pytest.raises(ProfileError, match=r"labels\.artcle"):
        parse_text("Title\n\nArticle 1. Text.\n", read_profile(path))


def test_the_links_table_is_checked_like_the_others(tmp_path):
    path, line = broken_copy(tmp_path, "\njoiner = ", "\njoner = ")
    error = refusal(path)
    assert_names(error, path, "links.joner", line + 1)
    assert "did you mean 'joiner'?" in str(error)
    path, line = broken_copy(tmp_path, "{numbers})\\b']\n", "{numbrs})\\b']\n")
    assert_names(refusal(path), path, "links.chapter[0]", line)


def test_a_missing_key_is_refused_at_its_table(tmp_path):
    path, _ = line_replaced(tmp_path, "article = ['^(?:Article", "")
    header = shipped("eng").splitlines().index("[labels]") + 1
    error = refusal(path)
    assert_names(error, path, "labels.article", header)
    assert "missing key" in str(error)


def test_an_unknown_key_is_refused_naming_file_key_and_line(tmp_path):
    path, line = broken_copy(tmp_path, "\n[enacting]\n", "\n[enacting]\nformulas = ['HEREBY']\n")
    error = refusal(path)
    assert_names(error, path, "enacting.formulas", line + 2)
    assert "did you mean 'formula'?" in str(error)


def test_an_unknown_table_is_refused_at_its_header(tmp_path):
    path, line = broken_copy(tmp_path, "\n[signature]\n", "\n[signatures]\n")
    assert_names(refusal(path), path, "signatures", line + 1)


def test_a_value_of_the_wrong_type_is_refused_naming_file_key_and_line(tmp_path):
    path, line = line_replaced(tmp_path, "signer = ", "signer = 5")
    error = refusal(path)
    assert_names(error, path, "signature.signer", line)
    assert "is a number; expected a pattern" in str(error)


def test_a_list_item_of_the_wrong_type_is_refused(tmp_path):
    path, line = broken_copy(tmp_path, "status = ['Invalidated']", "status = [3]")
    assert_names(refusal(path), path, "repeal.status[0]", line)


def test_a_bad_pattern_is_refused_naming_file_key_and_line(tmp_path):
    path, line = broken_copy(tmp_path, "operative = ['^To ratify\\b',", "operative = ['^To (ratify\\b',")
    error = refusal(path)
    assert_names(error, path, "enacting.operative[0]", line)
    assert "is not a valid pattern: missing )" in str(error)


def test_a_bad_pattern_on_a_line_of_its_own_is_located_there(tmp_path):
    path, line = broken_copy(tmp_path, "  '^Footnote\\s*\\.\\s*Article\\s+", "  '^Footnote\\s*\\.\\s*(Article\\s+")
    assert_names(refusal(path), path, "notes.targets[2]", line)


def test_an_unknown_fragment_is_refused_naming_file_key_and_line(tmp_path):
    path, line = broken_copy(tmp_path, "(?P<num>{number}){tail}']\nparagraph",
                             "(?P<num>{numbr}){tail}']\nparagraph")
    error = refusal(path)
    assert_names(error, path, "labels.article[0]", line)
    assert "unknown fragment {numbr} (did you mean 'number'?)" in str(error)


def test_a_fragment_names_only_the_fragments_above_it(tmp_path):
    path, line = broken_copy(tmp_path, "\ncapital = '[A-Z]'\n", "\ncapital = '{tail}'\n")
    assert_names(refusal(path), path, "fragments.capital", line + 1)


def test_patterns_that_compile_alone_but_not_together_are_refused(tmp_path):
    # A global flag compiles at the start of one pattern, not inside the union of the labels.
    path, _ = broken_copy(tmp_path, "item = ['^(?P<num>[a-z])", "item = ['(?i)^(?P<num>[a-z])")
    error = refusal(path)
    header = path.read_text(encoding="utf-8").splitlines().index("[labels]") + 1
    assert_names(error, path, "labels", header)


def test_twelve_months_are_required(tmp_path):
    path, line = line_replaced(tmp_path, "months = ", 'months = ["january"]')
    error = refusal(path)
    assert_names(error, path, "dates.months", line)
    assert "has 1 item; expected 12" in str(error)


def test_month_stems_that_do_not_combine_still_name_their_month(tmp_path):
    # A flag makes the stems one pattern no more; each is then tried in turn.
    months = ["(?i)january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "(?i)december"]
    path, _ = line_replaced(tmp_path, "months = ", "months = [" + ", ".join(f'"{m}"' for m in months) + "]")
    profile = read_profile(path)
    assert [profile.month_number(word) for word in ("JANUARY", "March", "Decembers", "Smarch")] == [1, 3, 12, None]


def test_text_that_is_not_toml_is_refused_with_its_line(tmp_path):
    path, line = broken_copy(tmp_path, '\nname = "English"\n', '\nname = English\n')
    error = refusal(path)
    assert (error.file, error.line) == (str(path), line + 1)
    assert "not valid TOML" in str(error)


# Lines that normalising changes: Roman numerals with Cyrillic look-alikes
# ("ІV", "ХІ"), a lone Cyrillic "С", Latin letters inside Cyrillic words
# ("Cтатья", "бaп"), and next to them words it must leave alone.
_NORMALISED_LINES = [
    "Статья ІV.", "ХІ ТАРАУ", "С 1 января", "Cтатья 5 и бaп 3-бабы", "\tРаздел\u00a0ХІV",
    "а1b and Article 5", "", "   ", "IVa ІVб MCMXC", "осы Заңның 5-бабына",
]


@pytest.mark.parametrize("language", available_languages())
def test_a_whole_text_is_normalised_as_its_lines_are_one_by_one(language):
    profile = load_profile(language)
    text = "\n".join(_NORMALISED_LINES)
    assert profile.normalise_lines(text).split("\n") == [profile.normalise(line) for line in _NORMALISED_LINES]
