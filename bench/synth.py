"""Synthetic laws in the published-text layout, for benchmarks.

``write_act(folder, articles)`` writes ``act.toml`` and ``kaz.txt``,
``rus.txt``, ``eng.txt`` with chapters of 10 articles; every article has two
numbered paragraphs, the second with three points. Content is the same
structure in every language, so the diff has work to do but nothing to report.
"""

from __future__ import annotations

from pathlib import Path

# (article, chapter, chapter heading, sentence, list intro, point, act type) per language
WORDS = {
    "rus": ("Статья {n}.", "Глава {n}", "Положения главы {n}",
            "Настоящий пункт устанавливает правило номер {n} и порядок его применения.",
            "В целях настоящей статьи применяются следующие условия:", "условие {n} соблюдается;", "Закон"),
    "kaz": ("{n}-бап.", "{n}-тарау", "{n}-ТАРАУДЫҢ ЕРЕЖЕЛЕРІ",
            "Осы тармақ {n} нөмірлі қағиданы және оны қолдану тәртібін белгілейді.",
            "Осы баптың мақсаттары үшін мынадай шарттар қолданылады:", "{n} шарт сақталады;", "Заң"),
    "eng": ("Article {n}.", "Chapter {n}", "Provisions of chapter {n}",
            "This paragraph establishes rule number {n} and the procedure for applying it.",
            "For the purposes of this article the following conditions apply:", "condition {n} is met;", "Law"),
}
TITLES = {"rus": "О синтетическом законе", "kaz": "Синтетикалық заң туралы", "eng": "On the Synthetic Law"}
META = {
    "rus": "Закон Республики Казахстан от 1 июля 2020 года № {num}.",
    "kaz": "Қазақстан Республикасының 2020 жылғы 1 шілдедегі № {num} Заңы.",
    "eng": "The Law of the Republic of Kazakhstan dated 1 July 2020 No. {num}.",
}


def law_text(language: str, articles: int, number: str = "1-VI") -> str:
    article, chapter, heading, sentence, intro, point, _ = WORDS[language]
    out = [TITLES[language], "", META[language].format(num=number), ""]
    for a in range(1, articles + 1):
        if (a - 1) % 10 == 0:
            c = (a - 1) // 10 + 1
            out += [chapter.format(n=c), heading.format(n=c), ""]
        out += [article.format(n=a), "", "      1. " + sentence.format(n=a), "",
                "      2. " + intro, ""]
        for p in range(1, 4):
            text = point.format(n=p)
            out += [f"      {p}) " + (text[:-1] + "." if p == 3 else text), ""]
    return "\n".join(out) + "\n"


def write_act(folder: Path, articles: int, number: str = "1-VI", languages=("kaz", "rus", "eng")) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    langs = ", ".join(f'"{lang}"' for lang in languages)
    (folder / "act.toml").write_text(
        f'country = "kz"\ndoctype = "act"\ndate = 2020-07-01\nnumber = "{number}"\n'
        f'master_language = "{languages[0]}"\nlanguages = [{langs}]\n', encoding="utf-8")
    for language in languages:
        (folder / f"{language}.txt").write_text(law_text(language, articles, number), encoding="utf-8")
    return folder


def write_corpus(root: Path, acts: int, articles: int = 5) -> Path:
    for i in range(acts):
        write_act(root / f"act-{i:05d}", articles, number=f"{i + 1}-VI")
    return root


def bluebell_text(articles: int) -> str:
    """The English law of ``law_text`` in bluebell's own syntax (indented markers)."""
    _, _, heading, sentence, intro, point, _ = WORDS["eng"]
    out = ["PREFACE", "", "  " + TITLES["eng"], "", "BODY", ""]
    for a in range(1, articles + 1):
        if (a - 1) % 10 == 0:
            c = (a - 1) // 10 + 1
            out += [f"CHAPTER {c} - {heading.format(n=c)}", ""]
        out += [f"  ARTICLE {a}.", "", "    PARA 1.", "", "      " + sentence.format(n=a), "",
                "    PARA 2.", "", "      " + intro, ""]
        for p in range(1, 4):
            text = point.format(n=p)
            out += [f"      PARA {p})", "", "        " + (text[:-1] + "." if p == 3 else text), ""]
    return "\n".join(out) + "\n"
