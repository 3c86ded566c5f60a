"""Generated laws in all three languages: text -> AKN -> text -> AKN gives the same AKN.

The generator writes laws the way adilet.zan.kz publishes them, with the
variation real files have: headings beside or under their labels, articles
with and without headings, numbered paragraphs, points and lettered items,
text after a list, footnotes and service notes, excluded units, envelope
lines, hard-wrapped lines, flat layouts without blank lines, signature
blocks. Every generated law must parse; its AKN, unparsed and parsed again,
must give the same bytes, and the unparsed text must keep all of its text.
"""

from __future__ import annotations

import datetime as _dt
import random

from hypothesis import HealthCheck, given, settings, strategies as st
from lxml import etree

from aknkit import parse_text, serialise, to_akn
from aknkit.akn.ids import assign_eids
from aknkit.model import Party, Work
from aknkit.text.coverage import missing_text
from aknkit.text.unparse import unparse_bytes

WORK = Work(country="kz", doctype="act", date=_dt.date(2001, 2, 3), number="12-II", subtype="law",
            author=Party("parliament", "Parliament"), master_language="kaz")
SIGNATORY = Party("kassym-jomart-tokayev", "Kassym-Jomart Tokayev", "president", "President")
PLACE = Party("astana", "Astana")

# What a law looks like in each language: the words the profiles recognise.
VOCABULARY = {
    "rus": dict(
        chapter=("Глава {n}", "ГЛАВА {n}."), roman_chapter="Глава {n}", article=("Статья {n}.", "Статья {n}"),
        item_letters="абвгд", footnote="Сноска. ", service="Примечание ИЗПИ! ",
        notice="Вниманию пользователей!", excluded="Исключена Законом РК от 01.02.2003 № 5.",
        meta="Закон Республики Казахстан от 3 февраля 2001 года № 12-II.", status="Новый",
        roles=("Президент", "Республики Казахстан"), signer="К. ТОКАЕВ",
        second_roles=("Председатель", "Верховного Совета"), second_signer="Е. АСАНБАЕВ",
        place_date="Астана, 3 февраля 2001 года", number="№ 12-II",
        words="закон право государство гражданин порядок орган власть республика суд решение".split(),
    ),
    "kaz": dict(
        chapter=("{n}-тарау", "{n}-ТАРАУ."), roman_chapter="{n} тарау", article=("{n}-бап.", "{n}-бап"),
        item_letters="абвгд", footnote="Ескерту. ", service="ЗҚАИ-ның ескертпесі! ",
        notice="Қолданушылар назарына!", excluded="Алып тасталды - ҚР 01.02.2003 № 5 Заңымен.",
        meta="Қазақстан Республикасының 2001 жылғы 3 ақпандағы № 12-II Заңы.", status="Жаңа",
        roles=("Қазақстан Республикасының", "Президенті"), signer="Қ. ТОҚАЕВ",
        second_roles=("Жоғарғы Кеңесінің", "Төрағасы"), second_signer="Е. АСАНБАЕВ",
        place_date="Астана, 2001 жылғы 3 ақпан", number="№ 12-II",
        words="заң құқық мемлекет азамат тәртіп орган билік республика сот шешім".split(),
    ),
    "eng": dict(
        chapter=("Chapter {n}", "CHAPTER {n}."), roman_chapter="CHAPTER {n}", article=("Article {n}.", "Article {n}"),
        item_letters="abcde", footnote="Footnote. ", service="Note of the RCLI! ",
        notice=None, excluded="Excluded by the Law of the Republic of Kazakhstan dated 01.02.2003 No. 5.",
        meta="The Law of the Republic of Kazakhstan dated 3 February 2001 No. 12-II.", status="New",
        roles=("President", "Republic of Kazakhstan"), signer="K. TOKAYEV",
        second_roles=("Chairman", "Chairman of the Supreme Council"), second_signer="Y. ASANBAYEV",
        place_date="Astana, 3 February 2001", number="No. 12-II",
        words="law right state citizen order body power republic court decision".split(),
    ),
}
TERMINALS = ".;:"


class _Law:
    """A law being written line by line from a seeded random source."""

    def __init__(self, rng: random.Random, language: str):
        self.rng = rng
        self.language = language
        self.words = VOCABULARY[language]
        self.lines: list[str] = []
        self.articles = 0

    def chance(self, one_in: int) -> bool:
        return self.rng.randrange(one_in) == 0

    def sentence(self, capital: bool = True, ending: str | None = None) -> str:
        text = " ".join(self.rng.choices(self.words["words"], k=self.rng.randint(1, 7)))
        if capital:
            text = text[0].upper() + text[1:]
        return text + (ending if ending is not None else self.rng.choice([".", ".", ".", ";", ":", ""]))

    def noise(self, line: str) -> str:
        """What real files do to a line: tabs and no-break spaces for blanks,
        doubled blanks inside the text, trailing blanks."""
        if not line or not self.chance(5):
            return line
        choice = self.rng.randrange(4)
        if choice == 0:
            return line.replace("      ", "\t", 1)
        if choice == 1:
            return "\u00a0\u00a0" + line.lstrip(" ")
        if choice == 2 and " " in line.strip():
            at = line.rindex(" ")
            return line[:at] + "  " + line[at + 1:]
        return line + "   "

    def heading(self) -> str:
        return self.sentence(ending="")

    def para(self, text: str, indent: str = "      ") -> None:
        self.lines += ["", indent + text]

    def next_line(self, text: str) -> None:
        self.lines.append(text)

    def maybe_note(self, kind: str) -> None:
        if self.chance(6):
            self.para(self.words[kind] + self.sentence(ending="."))

    def text_block(self) -> None:
        """A paragraph of running text, sometimes hard-wrapped over two lines,
        sometimes unfinished."""
        first = self.sentence(ending="")
        if self.chance(2):
            self.para(first)
            self.next_line("      " + self.sentence(capital=False))
        else:
            self.para(first + self.rng.choice([".", ".", ""]))

    def points(self, depth: int) -> None:
        count = self.rng.randint(1, 3)
        for number in range(1, count + 1):
            label = f"{number})" if depth == 0 else f"{self.words['item_letters'][number - 1]})"
            last = number == count
            self.maybe_note("service")
            self.para(f"{label} " + self.sentence(capital=False, ending="." if last else ";"))
            if depth == 0 and not last and self.chance(4):
                self.lines[-1] = self.lines[-1][:-1] + ":"
                self.points(depth + 1)
            self.maybe_note("footnote")

    def article_body(self) -> None:
        shape = self.rng.choice(["text", "paragraphs", "list", "empty"])
        if shape == "text":
            for _ in range(self.rng.randint(1, 2)):
                self.text_block()
        elif shape == "paragraphs":
            for number in range(1, self.rng.randint(1, 3) + 1):
                self.para(f"{number}. " + self.sentence(ending="."))
                if self.chance(4):
                    self.lines[-1] = self.lines[-1][:-1] + ":"
                    self.points(0)
                self.maybe_note("footnote")
        elif shape == "list":
            self.para(self.sentence(ending=":"))
            self.points(0)
            if self.chance(2):
                self.para(self.sentence(ending="."))

    def article(self) -> None:
        self.articles += 1
        label = self.rng.choice(self.words["article"]).format(n=self.articles)
        self.maybe_note("service")
        form = self.rng.choice(["heading", "heading-under", "sentence", "bare", "excluded"])
        if form == "heading":
            self.para(f"{label} {self.heading()}", indent="")
        elif form == "heading-under":
            self.para(label, indent="")
            self.next_line(self.heading())
        elif form == "sentence":
            self.para(f"{label} {self.sentence()}", indent="")
            if self.chance(3):
                self.next_line(self.sentence(capital=False))
        elif form == "excluded":
            self.para(f"{label} {self.words['excluded']}", indent="")
        else:
            self.para(label, indent="")
        self.maybe_note("footnote")
        if form != "excluded":
            self.article_body()

    def chapter(self, number: int) -> None:
        if number <= 3 and self.chance(5):
            label = self.words["roman_chapter"].format(n=("I", "II", "III")[number - 1])
        else:
            label = self.rng.choice(self.words["chapter"]).format(n=number)
        if self.chance(2):
            self.para(label, indent="")
            self.next_line(self.heading().upper())
        else:
            self.para(f"{label} {self.heading()}", indent="")
        self.maybe_note("footnote")
        for _ in range(self.rng.randint(1, 3)):
            self.article()

    def envelope(self) -> None:
        if self.chance(2):
            self.next_line("# " + self.sentence())
        self.para(self.heading(), indent="")
        if self.chance(4):
            self.para(self.words["status"], indent="")
        if self.chance(2):
            self.para(self.words["meta"], indent="")
        if self.words["notice"] and self.chance(6):
            self.para(self.words["notice"])
        self.maybe_note("footnote")
        for _ in range(self.rng.randint(0, 2)):
            self.para(self.sentence(ending=self.rng.choice([".", ",", ":"])))

    def signature(self) -> None:
        first, second = self.words["roles"]
        self.para(first)
        self.next_line(f"      {second}" + " " * self.rng.randint(3, 30) + self.words["signer"])
        if self.chance(3):
            first, second = self.words["second_roles"]
            self.para(first)
            self.next_line(f"      {second}" + " " * self.rng.randint(3, 30) + self.words["second_signer"])
        self.para(self.words["place_date"])
        self.next_line("      " + self.words["number"])


def law_text(rng: random.Random, language: str) -> str:
    """The text of a law in ``language``, in the published layout."""
    law = _Law(rng, language)
    law.envelope()
    chapters = rng.randint(0, 3)
    if chapters:
        for number in range(1, chapters + 1):
            law.chapter(number)
    else:
        for _ in range(rng.randint(1, 4)):
            law.article()
    if law.chance(2):
        law.signature()
    lines = [law.noise(line) for line in law.lines]
    if law.chance(8):
        # The flat "compare" view: no blank lines at all.
        lines = [line.strip() for line in lines if line.strip()]
    return "\n".join(lines).lstrip("\n") + "\n"


def laws(language: str):
    """Laws in ``language``; one seed per law keeps generation cheap, so the
    budget goes to checking."""
    return st.randoms(use_true_random=True).map(lambda rng: law_text(rng, language))


def akn(text: str, language: str) -> bytes:
    """What the build makes of one language version (Work facts attached)."""
    act = parse_text(text, language, source=f"{language}.txt")
    act.work, act.signatory, act.place = WORK, SIGNATORY, PLACE
    assign_eids(act)
    return serialise(to_akn(act))


def assert_round_trip(text: str, language: str) -> None:
    first = akn(text, language)
    unparsed = unparse_bytes(first, f"{language}.xml")
    assert missing_text(etree.ElementTree(etree.fromstring(first)), unparsed) == []
    again = akn(unparsed, language)
    assert again.decode() == first.decode(), unparsed


ROUND_TRIP = settings(max_examples=400, derandomize=True, deadline=None, database=None,
                      suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@ROUND_TRIP
@given(laws("kaz"))
def test_generated_kazakh_laws_round_trip(text):
    assert_round_trip(text, "kaz")


@ROUND_TRIP
@given(laws("rus"))
def test_generated_russian_laws_round_trip(text):
    assert_round_trip(text, "rus")


@ROUND_TRIP
@given(laws("eng"))
def test_generated_english_laws_round_trip(text):
    assert_round_trip(text, "eng")
