"""Shared test helpers: the repository layout and small text builders."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "sources" / "kz-1991-1007-XII"
OUTPUT = REPO / "output" / "kz-1991-1007-XII"
LANGUAGES = ("kaz", "rus", "eng")


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


@pytest.fixture
def bundled_bundle():
    from aknkit import read_source_folder

    return read_source_folder(BUNDLED)


def write_source(folder: Path, texts: dict[str, str], facts: str | None = None) -> Path:
    """A source folder with act.toml and one <lang>.txt per entry of ``texts``."""
    folder.mkdir(parents=True, exist_ok=True)
    languages = ", ".join(f'"{lang}"' for lang in texts)
    master = next(iter(texts))
    (folder / "act.toml").write_text(facts or dedent(f"""
        country = "kz"
        doctype = "act"
        subtype = "law"
        date = 2001-02-03
        number = "12-II"
        master_language = "{master}"
        languages = [{languages}]
        """), encoding="utf-8")
    for lang, text in texts.items():
        (folder / f"{lang}.txt").write_text(text, encoding="utf-8")
    return folder
