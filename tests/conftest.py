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


# --- a corpus of many small acts (the distributed build's tests) ---------------------

_SMALL_ACT = {
    "kaz": ("Шағын заң {i} туралы", "Қазақстан Республикасының 2021 жылғы 5 наурыздағы № {i}-VII Заңы.",
            "{n}-бап.", "Осы бапта {i} нөмірлі заңның {n} ережесі белгіленеді."),
    "rus": ("О малом законе {i}", "Закон Республики Казахстан от 5 марта 2021 года № {i}-VII.",
            "Статья {n}.", "Настоящая статья устанавливает правило {n} закона номер {i}."),
    "eng": ("On Small Law {i}", "The Law of the Republic of Kazakhstan dated 5 March 2021 No. {i}-VII.",
            "Article {n}.", "This article sets out rule {n} of law number {i}."),
}


def write_small_corpus(root: Path, acts: int, articles: int = 2) -> list[Path]:
    """``acts`` act folders ``act-0000``... under ``root``, each a short law in
    kaz, rus and eng with ``articles`` articles of one numbered paragraph."""
    folders = []
    for i in range(1, acts + 1):
        texts = {}
        for language, (title, meta, label, sentence) in _SMALL_ACT.items():
            lines = [title.format(i=i), "", meta.format(i=i), ""]
            for n in range(1, articles + 1):
                lines += [label.format(n=n), "", "      1. " + sentence.format(i=i, n=n), ""]
            texts[language] = "\n".join(lines) + "\n"
        facts = dedent(f"""
            country = "kz"
            doctype = "act"
            subtype = "law"
            date = 2021-03-05
            number = "{i}-VII"
            master_language = "kaz"
            languages = ["kaz", "rus", "eng"]
            """)
        folders.append(write_source(root / f"act-{i:04d}", texts, facts))
    return folders
