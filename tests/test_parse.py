"""Parsing published-layout text into the model, per unit kind and language."""

from __future__ import annotations

import pytest

from aknkit import ParseError, parse_text
from aknkit.text.parse import decode_source
from helpers import dedent


def outline(act) -> list[tuple]:
    """(kind, num, heading or None, depth) for every unit: what a reader checks first."""
    rows = []

    def visit(units, depth):
        for unit in units:
            rows.append((unit.kind, unit.num, unit.heading.text if unit.heading else None, depth))
            visit(unit.children, depth + 1)

    visit(act.body, 0)
    return rows


def codes(excinfo) -> list[str]:
    return [f.code for f in excinfo.value.findings]


# --- chapters and articles, per language ------------------------------------------

RUS = dedent("""
    О примере

    Закон Республики Казахстан от 3 января 2023 года № 186-VII ЗРК.

          Настоящий Закон регулирует пример.

    Глава 1. ОБЩИЕ ПОЛОЖЕНИЯ

    Статья 1. Основные понятия

          1. Первое положение.

          2. В настоящем Законе используются:

          1) первое понятие;

          2) второе понятие.

    Статья 2. Вторая статья без заголовка.

    Глава 2
    Заключительные положения

    Статья 3. Порядок введения в действие

          Настоящий Закон вводится в действие.
    """)

KAZ = dedent("""
    Мысал туралы

    Қазақстан Республикасының 2023 жылғы 3 қаңтардағы № 186-VII ҚРЗ Заңы.

          Осы Заң мысалды реттейді.

    1-тарау. ЖАЛПЫ ЕРЕЖЕЛЕР

    1-бап. Негізгі ұғымдар

          1. Бірінші ереже.

          2. Осы Заңда мынадай ұғымдар пайдаланылады:

          1) бірінші ұғым;

          2) екінші ұғым.

    2-бап. Екінші бап тақырыпсыз.

    2 тарау
    ҚОРЫТЫНДЫ ЕРЕЖЕЛЕР

    3-бап . Қолданысқа енгізу тәртібі

          Осы Заң қолданысқа енгізіледі.
    """)

ENG = dedent("""
    On the Example

    The Law of the Republic of Kazakhstan dated 3 January 2023 No. 186-VII.

          This Law regulates the example.

    Chapter 1. GENERAL PROVISIONS

    Article 1. Basic concepts

          1. First provision.

          2. The following concepts are used in this Law:

          1) first concept;

          2) second concept.

          Article 2. A second article without heading.

    Chapter 2
    Final provisions

    Article 3. Procedure for entry into force

          This Law enters into force.
    """)

EXPECTED_OUTLINE = [
    ("chapter", "1", 0), ("article", "1", 1), ("paragraph", "1", 2), ("paragraph", "2", 2),
    ("point", "1", 3), ("point", "2", 3), ("article", "2", 1),
    ("chapter", "2", 0), ("article", "3", 1),
]


@pytest.mark.parametrize("lang,text", [("rus", RUS), ("kaz", KAZ), ("eng", ENG)])
def test_every_language_gives_the_same_hierarchy(lang, text):
    act = parse_text(text, lang, source=f"{lang}.txt")
    assert [(k, n, d) for k, n, _, d in outline(act)] == EXPECTED_OUTLINE


@pytest.mark.parametrize("lang,text", [("rus", RUS), ("kaz", KAZ), ("eng", ENG)])
def test_headings_beside_or_under_the_label_and_none_before_a_sentence(lang, text):
    act = parse_text(text, lang, source=f"{lang}.txt")
    headings = {(k, n): h for k, n, h, _ in outline(act)}
    assert headings[("chapter", "1")] is not None
    assert headings[("chapter", "2")] is not None, "heading on the next line"
    assert headings[("article", "1")] is not None, "label + heading"
    assert headings[("article", "2")] is None, "label + body, no heading"
    article2 = act.articles()[1]
    assert article2.intro[0].text.endswith(".")


@pytest.mark.parametrize("lang,text", [("rus", RUS), ("kaz", KAZ), ("eng", ENG)])
def test_type_date_line_and_preamble(lang, text):
    act = parse_text(text, lang, source=f"{lang}.txt")
    assert act.meta_line.date.value == "2023-01-03"
    assert act.meta_line.number.value.startswith("186-VII")
    assert len(act.preamble) == 1


@pytest.mark.parametrize("lang,text", [("rus", RUS), ("kaz", KAZ), ("eng", ENG)])
def test_paragraph_intro_and_points_keep_their_text(lang, text):
    act = parse_text(text, lang)
    paragraph2 = act.articles()[0].children[1]
    assert paragraph2.intro[0].text.endswith(":")
    assert [p.num for p in paragraph2.children] == ["1", "2"]
    assert paragraph2.children[0].label == "1)"
    assert paragraph2.children[1].intro[0].text.endswith(".")


def test_lines_remember_their_source_line():
    act = parse_text(RUS, "rus", source="rus.txt")
    article1 = act.articles()[0]
    assert str(article1.loc) == "rus.txt:9"
    assert article1.children[1].children[0].loc.line == 15
    assert act.title.loc.line == 1 and act.meta_line.loc.line == 3


KAZAKH_LABEL_VARIANTS = dedent("""
    Мысал туралы

    1 тарау. Жалпы ережелер

    1-бап. Бірінші.

    1-1-бап. Кейін енгізілген бап.

    51-1 бап. Бос орынмен жазылған бап.

    3-бап . Нүкте алдында бос орын.
    """)


def test_kazakh_insertion_numbers_are_ordered():
    with pytest.raises(ParseError) as excinfo:
        parse_text(KAZAKH_LABEL_VARIANTS, "kaz")
    # 51-1 after 1-1 is in order, but 3 after 51-1 is not
    assert codes(excinfo) == ["P102"]


def test_kazakh_label_variants_and_insertion_numbers():
    text = KAZAKH_LABEL_VARIANTS.replace("51-1 бап", "2-1 бап")
    act = parse_text(text, "kaz")
    assert [a.num for a in act.articles()] == ["1", "1-1", "2-1", "3"]
    assert act.articles()[3].label == "3-бап ."


def test_roman_chapter_numbers_and_sections():
    text = dedent("""
        Кодекс

        ОБЩАЯ ЧАСТЬ

        Раздел I. Основы

        Глава I
        Общие положения

        Статья 1. Задачи

              Текст.

        ОСОБЕННАЯ ЧАСТЬ

        Раздел II. Отдельные виды

        Глава II. Виды

        Статья 2. Виды

              Текст.
        """)
    act = parse_text(text, "rus")
    assert [(k, n, d) for k, n, _, d in outline(act)] == [
        ("part", "ОБЩАЯ", 0), ("section", "I", 1), ("chapter", "I", 2), ("article", "1", 3),
        ("part", "ОСОБЕННАЯ", 0), ("section", "II", 1), ("chapter", "II", 2), ("article", "2", 3),
    ]


def test_article_with_label_only_then_numbered_paragraphs():
    text = dedent("""
        Title

        Chapter 1

        Article 9.
              1. One.
              2. Two.
        """)
    act = parse_text(text, "eng")
    article = act.articles()[0]
    assert article.heading is None and article.intro == []
    assert [c.num for c in article.children] == ["1", "2"]


def test_subparagraphs_directly_under_article_and_lettered_items():
    text = dedent("""
        О примере

        Статья 1. Понятия

              В настоящем Законе используются следующие понятия:

              1) первое:

              а) вариант один;

              б) вариант два;

              2) второе.
        """)
    act = parse_text(text, "rus")
    article = act.articles()[0]
    assert article.intro[0].text.startswith("В настоящем")
    assert [(c.kind, c.num) for c in article.children] == [("point", "1"), ("point", "2")]
    assert [(i.kind, i.num) for i in article.children[0].children] == [("item", "а"), ("item", "б")]


# --- editorial material ---------------------------------------------------------

EDITORIAL = dedent("""
    О примере

    Закон Республики Казахстан от 6 апреля 1999 года № 373-1.

          Сноска. По всему тексту слова заменены - Законом РК от 08.07.2024 № 1.

    Статья 1. Первая

          Текст.

          Сноска. Статья 1 с изменениями - Законом РК от 18.09.2023 № 2.

          Примечание ИЗПИ! Статья 2 изменяется Законом РК от 01.01.2025.

    Статья 2. Вторая

          Текст второй.

    Статья 3. Исключена Законом РК от 01.02.2003 № 5.
    """)


def test_footnotes_belong_to_the_document_or_the_unit_before_them():
    act = parse_text(EDITORIAL, "rus")
    assert [n.kind for n in act.notes] == ["footnote"]
    first, _, _ = act.articles()
    assert [n.kind for n in first.notes] == ["footnote"]


def test_a_service_note_belongs_to_the_next_unit():
    _, second, _ = parse_text(EDITORIAL, "rus").articles()
    assert [n.kind for n in second.notes] == ["service"], "a service note belongs to the next unit"


def test_an_excluded_unit_is_removed_and_keeps_its_text():
    _, _, third = parse_text(EDITORIAL, "rus").articles()
    assert third.status == "removed" and third.heading is None
    assert third.intro[0].text.startswith("Исключена")


def test_english_envelope_lines_are_kept_apart():
    text = dedent("""
        On the Example

        New Unofficial translation

        Constitutional Law of the Republic of Kazakhstan dated December 16, 1991

              Unofficial translation

              Preamble text.

        Article 1. Body.
        """)
    act = parse_text(text, "eng")
    assert [(e.kind, e.text) for e in act.envelope] == [
        ("status", "New Unofficial translation"), ("translation", "Unofficial translation")]
    assert act.meta_line.date.value == "1991-12-16" and act.meta_line.number is None
    assert [b.text for b in act.preamble] == ["Preamble text."]


# --- what real files do ---------------------------------------------------------

def test_crlf_bom_nbsp_tabs_and_a_look_alike_letter():
    # A Latin "C" in "Cтатья".
    rus = "\ufeffО примере\r\n\r\n\u00a0\u00a0Cтатья 1.\tТекст первой статьи.\r\n\r\nСтатья 2. Текст.\r\n"
    act = parse_text(decode_source(rus.encode("utf-8"), "x"), "rus")
    assert [a.num for a in act.articles()] == ["1", "2"]
    assert act.articles()[0].label == "Cтатья 1.", "the printed text is kept as it was"


def test_look_alike_letters_inside_kazakh_words():
    # A Latin "i" inside the Kazakh words.
    kaz = "Мысал\n\n1-тарау\nҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ МЕМЛЕКЕТТIК ТӘУЕЛСIЗДIГI\n\n1-бап. Мәтiн.\n"
    act = parse_text(kaz, "kaz")
    assert act.body[0].heading.text.endswith("ТӘУЕЛСIЗДIГI")


def test_flat_compare_layout_is_split_at_glued_labels():
    text = (
        "On the Example\n"
        "Chapter 1. General provisions Article 1. Basic definitions used in this Law\n"
        "1. First.\n"
        "Footnote. Paragraph 1 as amended by the Law dated 01.01.2020 No 1 (see).2. Again.\n"
        "Article 2. Text.\n"
    )
    act = parse_text(text, "eng")
    chapter = act.body[0]
    assert chapter.heading.text == "General provisions"
    article = chapter.children[0]
    assert article.heading.text == "Basic definitions used in this Law"
    assert [n.kind for n in article.children[0].notes] == ["footnote"]
    assert [c.num for c in article.children] == ["1", "2"]


def test_hard_wrapped_lines_join_their_paragraph():
    text = dedent("""
        О примере

        Статья 1. Первая
        Государственная власть в Республике Казахстан
        осуществляется на основе принципа ее разделения.
        Вторая фраза.
        """)
    act = parse_text(text, "rus")
    article = act.articles()[0]
    assert [b.text for b in article.intro] == [
        "Государственная власть в Республике Казахстан осуществляется на основе принципа ее разделения.",
        "Вторая фраза.",
    ]


def test_quoted_labels_do_not_open_structure():
    text = dedent("""
        О внесении изменений

        Статья 1. Внести изменения:

              «Статья 5. Новая редакция статьи.»

        Статья 2. Текст.
        """)
    act = parse_text(text, "rus")
    assert [a.num for a in act.articles()] == ["1", "2"]
    assert act.articles()[0].intro[-1].text.startswith("«Статья 5.")


def test_references_in_running_text_are_not_labels():
    text = dedent("""
        Мысал

        1-бап. Осы Заңның 52-бабының 3-тармағы қолданылады.

        2-бап. Мәтін.
        """)
    act = parse_text(text, "kaz")
    assert [a.num for a in act.articles()] == ["1", "2"]


def test_signature_block_becomes_conclusions():
    text = dedent("""
        О примере

        Статья 1. Текст.

              Президент
              Республики Казахстан                              Н. НАЗАРБАЕВ

              Алма-Ата, 16 декабря 1991 года
              N 1007-XII
        """)
    act = parse_text(text, "rus")
    assert [c.kind for c in act.conclusions] == ["role", "role", "place-date", "number"]
    assert act.conclusions[1].spans["name"].value == "Н. НАЗАРБАЕВ"
    assert act.conclusions[2].spans["date"].value == "1991-12-16"
    assert act.conclusions[2].spans["place"].value == "Алма-Ата"
    assert act.conclusions[3].spans["number"].value == "1007-XII"
    assert act.articles()[0].intro[0].text == "Текст."


# --- bad input: coded, located findings -------------------------------------------

@pytest.mark.parametrize("text,code,line", [
    ("", "P004", 1),
    ("   \n\n", "P004", 1),
    ("О примере\n\nСтатья 1. Один.\n\nСтатья 1. Снова один.\n", "P101", 5),
    ("О примере\n\nСтатья 2. Два.\n\nСтатья 1. Один.\n", "P102", 5),
    ("О примере\n\nСтатья 1. Один.\n\nГлава 1. Глава\n\nСтатья 2. Два.\n", "P103", 3),
    ("О примере\n\nГлава 1. Пустая\n\nГлава 2. Полная\n\nСтатья 1. Один.\n", "P104", 3),
    ("О примере\n\nПросто текст без структуры.\n", "P105", 1),
    ("О примере\n\nСтатья 1. Один\x07 два.\n", "P003", 3),
])
def test_bad_text_is_reported_with_code_and_line(text, code, line):
    with pytest.raises(ParseError) as excinfo:
        parse_text(text, "rus", source="bad.txt")
    finding = excinfo.value.findings[0]
    assert (finding.code, finding.line, finding.file) == (code, line, "bad.txt")
    assert "expected" in finding.message


def test_binary_bytes_are_refused():
    with pytest.raises(ParseError) as excinfo:
        decode_source(b"\x89PNG\r\n\x1a\n\x00\x00", "x.txt")
    assert codes(excinfo) == ["P001"]


def test_non_utf8_bytes_are_refused_with_a_location():
    with pytest.raises(ParseError) as excinfo:
        decode_source("Статья 1.\nТекст\n".encode("cp1251"), "cp.txt")
    assert codes(excinfo) == ["P002"]
    assert excinfo.value.findings[0].line == 1


def test_unknown_language_is_named():
    from aknkit.text.profile import ProfileError

    with pytest.raises(ProfileError, match=r"unknown language 'xyz'.*eng, kaz, rus"):
        parse_text("Article 1. Text.", "xyz")


@pytest.mark.parametrize("lang,text", [
    ("kaz", "Мысал\n\n1-бап. Бірінші.\n\n2-баптың ережелері мұнда қолданылмайды.\n\n2-бап. Екінші.\n"),
    ("rus", "Пример\n\nСтатья 1. Первая.\n\nСтатья 2 настоящего Закона применяется иначе.\n\nСтатья 2. Вторая.\n"),
    ("eng", "Example\n\nArticle 1. First.\n\nArticle 2 of this Law applies otherwise.\n\nArticle 2. Second.\n"),
])
def test_a_line_starting_with_a_reference_is_text_not_a_label(lang, text):
    act = parse_text(text, lang)
    assert [a.num for a in act.articles()] == ["1", "2"]
    assert len(act.articles()[0].intro) == 2
