"""What the test modules share: the repository's layout, source folders
written on the fly, generated laws in the published layout, and the round trip
(text -> AKN -> text -> AKN) every accepted text must survive.

Test modules import from here, never from one another.
"""

from __future__ import annotations

import datetime as _dt
import random
import textwrap
from pathlib import Path

from lxml import etree

from aknkit import parse_text, serialise, to_akn
from aknkit.akn.ids import assign_eids
from aknkit.model import Party, Work
from aknkit.text.checks import parse_checked
from aknkit.text.coverage import missing_text
from aknkit.text.parse import ParseError, decode_source
from aknkit.text.profile import load_profile
from aknkit.text.unparse import unparse_bytes

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "sources" / "kz-1991-1007-XII"
OUTPUT = REPO / "output" / "kz-1991-1007-XII"
LANGUAGES = ("kaz", "rus", "eng")


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def act_toml(languages: list[str], date: str = "2001-02-03", number: str = "12-II") -> str:
    """The act.toml of a Kazakh law in ``languages``, the first its master language."""
    listed = ", ".join(f'"{lang}"' for lang in languages)
    return dedent(f"""
        country = "kz"
        doctype = "act"
        subtype = "law"
        date = {date}
        number = "{number}"
        master_language = "{languages[0]}"
        languages = [{listed}]
        """)


def write_source(folder: Path, texts: dict[str, str], facts: str | None = None) -> Path:
    """A source folder with act.toml and one <lang>.txt per entry of ``texts``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "act.toml").write_text(facts or act_toml(list(texts)), encoding="utf-8")
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
        facts = act_toml(list(texts), date="2021-03-05", number=f"{i}-VII")
        folders.append(write_source(root / f"act-{i:04d}", texts, facts))
    return folders


# --- generated laws in the published layout -------------------------------------------

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
        words=["закон", "право", "государство", "гражданин", "порядок", "орган", "власть", "республика", "суд",
               "решение"],
    ),
    "kaz": dict(
        chapter=("{n}-тарау", "{n}-ТАРАУ."), roman_chapter="{n} тарау", article=("{n}-бап.", "{n}-бап"),
        item_letters="абвгд", footnote="Ескерту. ", service="ЗҚАИ-ның ескертпесі! ",
        notice="Қолданушылар назарына!", excluded="Алып тасталды - ҚР 01.02.2003 № 5 Заңымен.",
        meta="Қазақстан Республикасының 2001 жылғы 3 ақпандағы № 12-II Заңы.", status="Жаңа",
        roles=("Қазақстан Республикасының", "Президенті"), signer="Қ. ТОҚАЕВ",
        second_roles=("Жоғарғы Кеңесінің", "Төрағасы"), second_signer="Е. АСАНБАЕВ",
        place_date="Астана, 2001 жылғы 3 ақпан", number="№ 12-II",
        words=["заң", "құқық", "мемлекет", "азамат", "тәртіп", "орган", "билік", "республика", "сот", "шешім"],
    ),
    "eng": dict(
        chapter=("Chapter {n}", "CHAPTER {n}."), roman_chapter="CHAPTER {n}", article=("Article {n}.", "Article {n}"),
        item_letters="abcde", footnote="Footnote. ", service="Note of the RCLI! ",
        notice=None, excluded="Excluded by the Law of the Republic of Kazakhstan dated 01.02.2003 No. 5.",
        meta="The Law of the Republic of Kazakhstan dated 3 February 2001 No. 12-II.", status="New",
        roles=("President", "Republic of Kazakhstan"), signer="K. TOKAYEV",
        second_roles=("Chairman", "Chairman of the Supreme Council"), second_signer="Y. ASANBAYEV",
        place_date="Astana, 3 February 2001", number="No. 12-II",
        words=["law", "right", "state", "citizen", "order", "body", "power", "republic", "court", "decision"],
    ),
}


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


# --- the round trip ---------------------------------------------------------------------

def akn(text: str, language: str) -> bytes:
    """What the build makes of one language version (Work facts attached)."""
    act = parse_text(text, language, source=f"{language}.txt")
    act.work, act.signatory, act.place = WORK, SIGNATORY, PLACE
    assign_eids(act)
    return serialise(to_akn(act))


def assert_round_trip(text: str, language: str) -> None:
    """text -> AKN -> text -> AKN gives the same bytes, and the unparsed text
    keeps every text of the document."""
    first = akn(text, language)
    unparsed = unparse_bytes(first, f"{language}.xml")
    assert missing_text(etree.ElementTree(etree.fromstring(first)), unparsed) == []
    again = akn(unparsed, language)
    assert again.decode() == first.decode(), unparsed


FUZZ_SOURCE = "fuzz.txt"  # the file name a fuzzed text is read under


def check_text_input(data: bytes, language: str) -> None:
    """Parse ``data``; a refusal must be coded findings with file and line, an
    acceptance must build and round-trip."""
    profile = load_profile(language)
    try:
        act = parse_checked(decode_source(data, FUZZ_SOURCE), profile, FUZZ_SOURCE)
    except ParseError as refusal:
        assert refusal.findings
        for finding in refusal.findings:
            assert finding.code.startswith("P") and finding.file == FUZZ_SOURCE and finding.line >= 1, finding
            assert "expected" in finding.message, finding
        return
    assert act.body, "a parsed act has units"
    assert_round_trip(decode_source(data, FUZZ_SOURCE), language)


# --- the references fixtures (tests/fixtures/texts/references-*.txt) as one act ------

REFERENCES_FACTS = act_toml(list(LANGUAGES), date="2020-03-05", number="300-VI")


def references_folder(root: Path) -> Path:
    """A source folder of the three reference fixtures: one made-up law whose
    Article 6 refers to an article it does not have (P241)."""
    texts = {lang: (REPO / "tests" / "fixtures" / "texts" / f"references-{lang}.txt").read_text(encoding="utf-8")
             for lang in LANGUAGES}
    return write_source(root / "references", texts, REFERENCES_FACTS)
