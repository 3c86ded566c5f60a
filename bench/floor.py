"""The floor: what converting the same text costs with bare lxml, as a whole process.

    python bench/floor.py SOURCE_FOLDER OUT_FOLDER

For every ``<lang>.txt`` of the act folder (the layout of ``synth.py``): one
loop over the lines, one regular expression per line, lxml elements for the
chapters, articles, numbered paragraphs and points (with their eIds), the
FRBR metadata the schema requires; then the tree is serialised, written and
validated with the official schema compiled by lxml. No naming rules, no
no-text-lost check, no findings, no atomic writes: the least any converter
producing validated AKN from this text must do. It exits 1 if a document is
not schema-valid, so the floor cannot quietly do less than its job.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from lxml import etree

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
SCHEMA = Path(__file__).resolve().parents[1] / "schemas" / "akomantoso30.xsd"
WORK = "/akn/kz/act/2020-07-01/1-VI"

# One expression for every line kind of the three languages' layout.
LINE = re.compile(
    r"^\s*(?:"
    r"(?P<chapter>(?:Глава|Chapter) (?P<c1>\d+)|(?P<c2>\d+)-тарау)"
    r"|(?P<article>(?:Статья|Article) (?P<a1>\d+)\.|(?P<a2>\d+)-бап\.)"
    r"|(?P<para>\d+)\. (?P<ptext>.+)"
    r"|(?P<point>\d+)\) (?P<qtext>.+)"
    r"|(?P<text>\S.*)"
    r")$")


def element(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    child = etree.SubElement(parent, f"{{{AKN}}}{tag}", attributes)
    child.text = text
    return child


def frbr(meta: etree._Element, language: str) -> None:
    identification = element(meta, "identification", source="#floor")
    for level, this in (("FRBRWork", WORK), ("FRBRExpression", f"{WORK}/{language}@"),
                        ("FRBRManifestation", f"{WORK}/{language}@.xml")):
        box = element(identification, level)
        element(box, "FRBRthis", value=this)
        element(box, "FRBRuri", value=this)
        element(box, "FRBRdate", date="2020-07-01", name="enactment")
        element(box, "FRBRauthor", href="#floor")
        if level == "FRBRWork":
            element(box, "FRBRcountry", value="kz")
        if level == "FRBRExpression":
            element(box, "FRBRlanguage", language=language)


def convert(text: str, language: str) -> etree._ElementTree:
    root = etree.Element(f"{{{AKN}}}akomaNtoso", nsmap={None: AKN})
    act = element(root, "act", name="act")
    frbr(element(act, "meta"), language)
    preface = element(act, "preface")
    body = element(act, "body")
    chapter = article = paragraph = None
    heading_due = False
    for line in text.splitlines():
        match = LINE.match(line)
        if match is None:
            continue
        if match["chapter"]:
            number = match["c1"] or match["c2"]
            chapter = element(body, "chapter", eId=f"chp_{number}")
            element(chapter, "num", match["chapter"])
            heading_due = True
        elif match["article"]:
            number = match["a1"] or match["a2"]
            article = element(chapter if chapter is not None else body, "article", eId=f"art_{number}")
            element(article, "num", match["article"])
        elif match["para"] and article is not None:
            paragraph = element(article, "paragraph", eId=f"{article.get('eId')}__para_{match['para']}")
            element(paragraph, "num", f"{match['para']}.")
            element(element(paragraph, "content"), "p", match["ptext"])
        elif match["point"] and paragraph is not None:
            content = paragraph.find(f"{{{AKN}}}content")
            if content is not None:  # the paragraph's text was its intro
                content.tag = f"{{{AKN}}}intro"
            point = element(paragraph, "point", eId=f"{paragraph.get('eId')}__point_{match['point']}")
            element(point, "num", f"{match['point']})")
            element(element(point, "content"), "p", match["qtext"])
        elif heading_due and chapter is not None:
            element(chapter, "heading", match["text"])
            heading_due = False
        elif chapter is None and article is None:
            element(preface, "p", line.strip())
    return etree.ElementTree(root)


def main(source: Path, out: Path) -> int:
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    out.mkdir(parents=True, exist_ok=True)
    invalid = 0
    for path in sorted(source.glob("*.txt")):
        tree = convert(path.read_text(encoding="utf-8"), path.stem)
        (out / f"{path.stem}.xml").write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
        if not schema.validate(tree):
            invalid += 1
            print(f"{path}: {schema.error_log.last_error}", file=sys.stderr)
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
