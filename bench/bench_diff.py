"""Benchmark of ``akn diff``: three generated language versions of one law.

Generates kaz, rus and eng Akoma Ntoso documents of N articles (a chapter every
20 articles; every article with a heading and two numbered paragraphs holding a
number, a date and a reference; every fifth with three points), with a few
injected discrepancies so that findings are produced too. Measures, separately:

* the diff alone (alignment and all checks, the documents already read),
* reading the three documents,
* reading and diff together,

for 2,000 articles (goal: diff under 0.3 s) and growing to 20,000 articles to
show the growth is linear. Each figure is the best of several runs.

Run: PYTHONPATH=src .venv/bin/python bench/bench_diff.py [--sizes 2000,5000,10000,20000]
"""

from __future__ import annotations

import argparse
import functools
import tempfile
import time
from pathlib import Path

from aknkit.akn.read import read_akn
from aknkit.diff import Version, diff_versions

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
WORK = "/akn/kz/act/law/2001-05-10/42-II"

MONTHS = {
    "kaz": ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз",
            "қыркүйек", "қазан", "қараша", "желтоқсан"],
    "rus": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
            "сентября", "октября", "ноября", "декабря"],
    "eng": ["January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"],
}


def _date(language: str, day: int, month: int, year: int) -> str:
    name = MONTHS[language][month - 1]
    return {"kaz": f"{year} жылғы {day} {name}", "rus": f"{day} {name} {year} года",
            "eng": f"{name} {day}, {year}"}[language]


def _texts(language: str, n: int, drift: bool) -> dict:
    """The words of article ``n``; ``drift`` injects a different number (eng only)."""
    members = 5 + n % 7 + (1 if drift else 0)
    day, month, year, ref = 1 + n % 28, 1 + n % 12, 1990 + n % 30, max(1, n - 1)
    when = _date(language, day, month, year)
    return {
        "kaz": {"chapter": "{}-тарау", "article": "{}-бап.", "heading": "Кеңестің құрамы",
                "p1": f"Кеңес {members} мүшеден тұрады.",
                "p2": f"Осы бап {when} бастап {ref}-бапқа сәйкес қолданылады.",
                "intro": "Кеңес мыналарды қарайды:", "point": "мәселені;"},
        "rus": {"chapter": "Глава {}", "article": "Статья {}.", "heading": "Состав совета",
                "p1": f"Совет состоит из {members} членов.",
                "p2": f"Настоящая статья применяется с {when} в соответствии со статьей {ref}.",
                "intro": "Совет рассматривает:", "point": "вопрос;"},
        "eng": {"chapter": "Chapter {}", "article": "Article {}.", "heading": "Composition of the council",
                "p1": f"The council has {members} members.",
                "p2": f"This article applies from {when} in accordance with Article {ref}.",
                "intro": "The council considers:", "point": "a question;"},
    }[language]


def generate(language: str, articles: int) -> str:
    """One language version as AKN text; eng drops one article in 500 and changes
    one number in 100, so that the diff has findings to build."""
    parts = [f"""<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="{AKN}"><act name="law"><meta><identification source="#bench">
<FRBRWork><FRBRthis value="{WORK}/!main"/><FRBRuri value="{WORK}"/>
<FRBRdate date="2001-05-10" name="enactment"/><FRBRauthor href="#p"/><FRBRcountry value="kz"/>
<FRBRsubtype value="law"/><FRBRnumber value="42-II"/></FRBRWork>
<FRBRExpression><FRBRthis value="{WORK}/{language}@/!main"/><FRBRuri value="{WORK}/{language}@"/>
<FRBRdate date="2001-05-10" name="publication"/><FRBRauthor href="#p"/>
{'' if language == 'kaz' else f'<FRBRmasterExpression href="{WORK}/kaz@" showAs="kaz"/>'}
<FRBRlanguage language="{language}"/></FRBRExpression>
<FRBRManifestation><FRBRthis value="{WORK}/{language}@/!main.xml"/><FRBRuri value="{WORK}/{language}@.xml"/>
<FRBRdate date="2001-05-10" name="generation"/><FRBRauthor href="#bench"/></FRBRManifestation>
</identification></meta><body>
"""]
    for n in range(1, articles + 1):
        if n % 20 == 1:
            if n > 1:
                parts.append("</chapter>\n")
            chapter = n // 20 + 1
            words = _texts(language, n, False)
            parts.append(f'<chapter eId="chp_{chapter}"><num>{words["chapter"].format(chapter)}</num>'
                         f"<heading>{chapter}</heading>\n")
        if language == "eng" and n % 500 == 250:
            continue
        words = _texts(language, n, drift=language == "eng" and n % 100 == 50)
        parts.append(f'<article eId="art_{n}"><num>{words["article"].format(n)}</num>'
                     f'<heading>{words["heading"]}</heading>\n')
        for i, key in enumerate(("p1", "p2"), start=1):
            parts.append(f'<paragraph eId="art_{n}__para_{i}"><num>{i}.</num>'
                         f"<content><p>{words[key]}</p></content></paragraph>\n")
        if n % 5 == 0:
            parts.append(f'<paragraph eId="art_{n}__para_3"><num>3.</num><intro><p>{words["intro"]}</p></intro>\n')
            for k in range(1, 4):
                parts.append(f'<point eId="art_{n}__para_3__point_{k}"><num>{k})</num>'
                             f'<content><p>{k} {words["point"]}</p></content></point>\n')
            parts.append("</paragraph>\n")
        parts.append("</article>\n")
    parts.append("</chapter>\n</body></act></akomaNtoso>\n")
    return "".join(parts)


def read_all(paths: list[Path]) -> list[Version]:
    versions = []
    for path in paths:
        document = read_akn(str(path))
        versions.append(Version(document.act, str(path), document.work_iri))
    return versions


def read_and_diff(paths: list[Path]):
    return diff_versions(read_all(paths))


def best_of(runs: int, action):
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,5000,10000,20000",
                        help="article counts, comma-separated (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure; the best counts")
    options = parser.parse_args()
    sizes = [int(s) for s in options.sizes.split(",")]

    print(f"{'articles':>8} {'units/lang':>10} {'findings':>8} {'diff s':>7} {'struct s':>8} "
          f"{'read s':>7} {'read+diff s':>11} {'diff µs/unit':>12}")
    full, structure = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        for articles in sizes:
            paths = []
            for language in ("kaz", "rus", "eng"):
                path = Path(tmp) / f"{articles}-{language}.xml"
                path.write_text(generate(language, articles), encoding="utf-8")
                paths.append(path)

            runs = options.runs if articles <= 5000 else max(2, options.runs // 2)
            read_seconds, versions = best_of(runs, functools.partial(read_all, paths))
            full[articles], report = best_of(runs, functools.partial(diff_versions, versions))
            structure[articles], _ = best_of(runs, functools.partial(diff_versions, versions, content=False))
            total_seconds, _ = best_of(runs, functools.partial(read_and_diff, paths))
            units = sum(1 for _ in versions[0].act.units())
            print(f"{articles:>8} {units:>10} {len(report.findings):>8} {full[articles]:>7.3f} "
                  f"{structure[articles]:>8.3f} {read_seconds:>7.3f} {total_seconds:>11.3f} "
                  f"{full[articles] / units * 1e6:>12.1f}", flush=True)
    print("\ndiff s: alignment and all checks; struct s: structure only (--structure-only);"
          "\nread s: reading the three documents; read+diff s: both, as akn diff does them")
    if 2000 in full:
        for name, figures in (("diff", full), ("structure-only diff", structure)):
            verdict = "met" if figures[2000] < 0.3 else "NOT met"
            print(f"2,000 articles, {name}: {figures[2000]:.3f} s (goal < 0.3 s: {verdict})")
    if len(full) > 1:
        small, large = min(full), max(full)
        print(f"growth {small:,} -> {large:,} articles (x{large / small:.0f}): diff time "
              f"x{full[large] / full[small]:.1f}, structure-only x{structure[large] / structure[small]:.1f}")


if __name__ == "__main__":
    main()
