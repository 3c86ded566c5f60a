"""``aknkit.diff`` reads its language data through the one profile loader: the
``[names]`` and ``[diff]`` tables are fields of ``Profile``. A language with no
profile is compared by structure with the note D301; a profile that exists but
is malformed is an error naming the file and the key, not a note."""

from __future__ import annotations

import shutil
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

import aknkit.text.profile as profile_module
from aknkit.akn.read import read_akn
from aknkit.cli.diff_cmd import diff
from aknkit.diff import Version, diff_versions
from aknkit.diff import profiles as diff_profiles
from aknkit.diff import scans as diff_scans
from aknkit.html import page
from aknkit.text.profile import ProfileError, load_profile

BASE = Path(__file__).parent / "fixtures" / "diff" / "base"
PROFILES = Path(profile_module.__file__).parent / "profiles"
FILES = [BASE / f"{lang}.xml" for lang in ("kaz", "rus", "eng")]


def _clear_profile_caches() -> None:
    for cached in (profile_module.load_profile, profile_module.profile_code, diff_profiles.profile_of,
                   diff_scans.scans_of, page.html_language):
        cached.cache_clear()


@pytest.fixture
def broken_eng(tmp_path, monkeypatch):
    """Installs a copy of the profiles whose eng.toml the test rewrites with
    ``edit(text) -> text``; every profile cache is emptied before and after."""
    folder = tmp_path / "profiles"
    shutil.copytree(PROFILES, folder)
    monkeypatch.setattr(profile_module, "resources", types.SimpleNamespace(files=lambda package: tmp_path))
    _clear_profile_caches()

    def edit(change) -> None:
        eng = folder / "eng.toml"
        eng.write_text(change(eng.read_text(encoding="utf-8")), encoding="utf-8")

    yield edit
    monkeypatch.undo()
    _clear_profile_caches()


def _versions() -> list[Version]:
    documents = [read_akn(str(path)) for path in FILES]
    return [Version(d.act, str(path), d.work_iri) for d, path in zip(documents, FILES, strict=True)]


def test_names_and_diff_tables_are_profile_fields():
    rus = load_profile("rus")
    assert rus.unit_names["article"] == "Статья {num}"
    assert "preamble" not in rus.unit_names and "bcp47" not in rus.unit_names
    assert (rus.preamble_name, rus.bcp47) == ("Преамбула", "ru")
    assert rus.nested_references and rus.nested_references[0].groupindex.keys() >= {"article", "paragraph"}


def test_a_malformed_profile_is_an_error_not_a_note(broken_eng):
    """Before, a profile that failed to load was read as no profile: D301."""
    broken_eng(lambda text: text.replace("[dates]", "[dates_gone]", 1))
    with pytest.raises(ProfileError, match=r"eng\.toml:\d+: dates_gone: unknown table \(did you mean 'dates'\?\)"):
        diff_versions(_versions())


def test_a_malformed_names_entry_names_the_file_and_key(broken_eng):
    broken_eng(lambda text: text.replace('article = "Article {num}"', "article = 5", 1))
    with pytest.raises(ProfileError, match=r"eng\.toml:\d+: names\.article: is a number"):
        diff_versions(_versions())


def test_a_malformed_diff_reference_names_the_table(broken_eng):
    broken_eng(lambda text: text.replace("references = [\n  '", "references = [\n  '(", 1))
    with pytest.raises(ProfileError, match=r"eng\.toml:\d+: diff\.references\[0\]: is not a valid pattern"):
        diff_versions(_versions(), content=False)


def test_the_command_exits_2_with_the_profile_error(broken_eng):
    broken_eng(lambda text: text.replace("[dates]", "[dates_gone]", 1))
    result = CliRunner().invoke(diff, [str(path) for path in FILES])
    assert result.exit_code == 2
    assert "dates_gone: unknown table (did you mean 'dates'?)" in result.output
    assert "D301" not in result.output
