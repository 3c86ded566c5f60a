"""Every registered code is emitted at least once, by the code that emits it in
use, with the severity the registry gives it.

Each family has a trigger below that provokes its codes through the public
functions (or the command line where only the command emits the code). Three
codes report a bug of aknkit itself and cannot be provoked by any input; the
tests reach them by breaking aknkit on purpose, as named in BROKEN_ON_PURPOSE.
"""

from __future__ import annotations

import re
import shutil
from functools import partial
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from aknkit.akn.read import AknReadError, read_akn, read_akn_bytes
from aknkit.akn.safexml import parse_file
from aknkit.akn.schema import AKN_NS
from aknkit.build import build_many
from aknkit.cli import main
from aknkit.diff import Version, check_inputs, diff_versions
from aknkit.findings import RULES, Finding, InputError
from aknkit.index import build_catalogue
from aknkit.text.checks import parse_checked
from aknkit.text.parse import decode_source, parse_text
from aknkit.text.profile import load_profile
from aknkit.text.sources import read_source_folder
from aknkit.text.unparse import unparse_bytes
from aknkit.validate import check_bytes, check_file
from helpers import OUTPUT, references_folder

FIXTURES = Path(__file__).parent / "fixtures"
# Codes that only a bug in aknkit can produce, and how the test provokes them.
BROKEN_ON_PURPOSE = {
    "B301": "the emitter is made to drop a paragraph's text",
    "U301": "the unparser is made to drop an article label",
    "AKN199": "libxml2 is made to report a schema message no rule names",
}


def _raised(call) -> list[Finding]:
    try:
        call()
    except InputError as exc:
        return exc.findings
    except AknReadError as exc:
        return [exc.as_finding()]
    return []


def akn_codes(tmp_path: Path) -> list[Finding]:
    found = []
    for path in sorted((FIXTURES / "validate").glob("*/*.xml")):
        found += check_file(path)
    found += check_bytes(b"<a>" + b" " * 100 + b"</a>", "big.xml", max_bytes=50)       # AKN003
    found += check_bytes(b"", "empty.xml")                                          # AKN004
    found += check_file(tmp_path / "missing.xml")                                   # AKN005
    # The same input problems through the reader of diff, unparse and render.
    for data in (b"<akomaNtoso><act>", b"<!DOCTYPE x><x/>", b"", b"<html/>", f'<act xmlns="{AKN_NS}"/>'.encode()):
        found += _raised(partial(read_akn_bytes, data, "bad.xml"))
    return found


def broken_schema_message(monkeypatch) -> list[Finding]:
    from aknkit.validate.lxml_engine import _read
    from aknkit.validate.violations import message

    tree = parse_file(str(OUTPUT / "eng.xml"))
    entry = SimpleNamespace(message=f"Element '{{{AKN_NS}}}act': Something unforeseen happened.",
                            line=4, column=0, path="/*/*")
    violation = _read(tree, entry)
    return [Finding(violation.code, RULES[violation.code].severity, message(violation), "eng.xml", 4)]


BAD_TEXTS = [
    b"\x00\x01\x02binary",
    "Статья 1. Текст.".encode("cp1251"),
    b"Title\x07\n\nArticle 1. One.\n",
    b"",
    b"Title\n\nArticle 1. One.\n\nArticle 1. Again.\n",
    b"Title\n\nArticle 2. Two.\n\nArticle 1. One.\n",
    b"Title\n\nArticle 1. One.\n\nChapter 1. C\n\nArticle 2. Two.\n",
    b"Title\n\nChapter 1. A\n\nChapter 2. B\n\nArticle 1. One.\n",
    b"Title\n\nJust prose.\n",
]


def p_codes(tmp_path: Path) -> list[Finding]:
    profile = load_profile("eng")

    def parse_eng(data: bytes) -> None:
        parse_text(decode_source(data, "eng.txt"), profile, "eng.txt")   # decoding may refuse the bytes too

    found = [f for data in BAD_TEXTS for f in _raised(partial(parse_eng, data))]
    rus = load_profile("rus")
    found += _raised(lambda: parse_text(                                                            # P131
        "О примерах\n\nЗакон Республики Казахстан от 3 февраля 2001 года № 12-II.\n\nСтатья 1. Изменения\n\n"
        "      1) статью 5 изложить в следующей редакции: \"текст без конца\n\n      2) второе.\n", rus, "rus.txt"))
    found += parse_text("Title\n\nArticle 1. Rights and duties of the\nParticipants of relations\n\n"  # P232
                        "      1. One.\n", profile, "eng.txt").warnings
    found += parse_text("Title\n\nArticle 1. Scope\n\n      1. Samples are of any kind.\n\n"       # P231
                        "      - and this is text.\n", profile, "eng.txt").warnings
    found += parse_text((FIXTURES / "texts" / "unclaimed-after-signature-eng.txt").read_text(encoding="utf-8"),  # P233
                        profile, "eng.txt").warnings
    found += parse_text("Title\n\nArticle 1. Scope\n\n      Samples are of any kind.\n\n"                 # P234
                        "      Footnote. Article 1 as amended.\n", profile, "eng.txt").warnings
    # A mistyped label and the number it leaves out; a Russian text read as English.
    law = (FIXTURES / "textcheck" / "rus.txt").read_text(encoding="utf-8")
    found += parse_checked(law.replace("Статья 4. Плата", "Стаья 4. Плата"), rus, "rus.txt").warnings  # P201, P202
    found += _raised(lambda: parse_checked(law, profile, "eng.txt"))                                  # P203
    # An annex heading with nothing after it.
    order = (FIXTURES / "acts" / "order" / "rus.txt").read_text(encoding="utf-8").split("\n")
    found += _raised(lambda: parse_text("\n".join(order[:24]) + "\n", load_profile("rus"), "rus.txt"))   # P121
    # A text without a title line, and no [title] for it in act.toml.
    ruling = FIXTURES / "acts" / "ruling"
    folder = tmp_path / "ruling"
    shutil.copytree(ruling, folder)
    facts = (ruling / "act.toml").read_text(encoding="utf-8").split("\n[title]")[0]
    (folder / "act.toml").write_text(facts, encoding="utf-8")
    found += _raised(lambda: read_source_folder(folder))                                           # P122
    # A reference to an article the act does not have ("статьи 25 настоящего Закона").
    bundle = read_source_folder(references_folder(tmp_path))
    found += [warning for act in bundle.acts.values() for warning in act.warnings]                  # P241
    return found


def s_and_b_codes(tmp_path: Path, monkeypatch) -> list[Finding]:
    found = []
    base = FIXTURES / "build" / "base"
    for case in sorted((FIXTURES / "build" / "facts").glob("*.toml")):
        folder = tmp_path / "facts" / case.stem
        shutil.copytree(base, folder)
        shutil.copy(case, folder / "act.toml")
        found += _raised(partial(read_source_folder, folder))
    missing = tmp_path / "missing-text"
    shutil.copytree(base, missing)
    (missing / "eng.txt").unlink()
    found += _raised(lambda: read_source_folder(missing))                         # S003
    empty = tmp_path / "no-facts"
    empty.mkdir(parents=True)
    found += _raised(lambda: read_source_folder(empty))                           # S001
    twins = [tmp_path / "a" / "act", tmp_path / "b" / "act"]
    for twin in twins:
        shutil.copytree(base, twin)
    found += [f for outcome in build_many(twins, tmp_path / "out") for f in outcome.findings]  # B101
    foreign = tmp_path / "foreign" / "act"
    foreign.mkdir(parents=True)
    (foreign / "eng.xml").write_bytes(b"<not-akn/>")
    found += [f for o in build_many([twins[0]], tmp_path / "foreign") for f in o.findings]  # B102
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    found += [f for o in build_many([twins[0]], blocker / "inside") for f in o.findings]  # B401

    import aknkit.build as build_module
    from aknkit.akn.emit import to_akn, write_document

    def dropping(act, stream):
        tree = to_akn(act)
        for p in tree.iter("{*}p"):
            p.text = ""
        write_document(tree, stream)

    monkeypatch.setattr(build_module, "write_akn", dropping)
    found += [f for o in build_many([twins[0]], tmp_path / "out-b301") for f in o.findings]   # B301
    return found


def cluster_codes(tmp_path: Path, monkeypatch) -> list[Finding]:
    """B402: a task that fails on a Dask cluster (an in-process one here), when the extra is installed."""
    try:
        import distributed
    except ImportError:
        return []
    import aknkit.distributed as dask_build

    def failing(folder: str, output_root: str):
        raise OSError("the store is unreachable")

    monkeypatch.setattr(dask_build, "build_act_task", failing)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=":0") as local, distributed.Client(local) as client:
        return [f for o in dask_build.build_on_cluster([str(tmp_path / "act")], str(tmp_path / "out"), client,
                                                         retries=0) for f in o.findings]


def d_codes(tmp_path: Path) -> list[Finding]:
    def version(path: Path) -> Version:
        document = read_akn(str(path))
        return Version(document.act, str(path), document.work_iri)

    found = []
    for case in sorted((FIXTURES / "diff" / "akn").iterdir()):
        paths = [case / f"{lang}.xml" if (case / f"{lang}.xml").exists() else FIXTURES / "diff" / "base" / f"{lang}.xml"
                 for lang in ("kaz", "rus", "eng")]
        found += diff_versions([version(p) for p in paths]).findings
    base = [version(FIXTURES / "diff" / "base" / f"{lang}.xml") for lang in ("kaz", "eng")]
    base[1].act.language = "fra"
    found += diff_versions(base).findings                                          # D301
    kaz = version(FIXTURES / "diff" / "base" / "kaz.xml")
    found += _raised(lambda: check_inputs([kaz]))                                   # D001
    found += _raised(lambda: check_inputs([kaz, kaz]))                              # D002
    other = Version(kaz.act, "other.xml", kaz.work_iri.replace("42-II", "43-II"))
    found += _raised(lambda: check_inputs([kaz, Version(other.act, "x.xml", other.work_iri)]))  # D003
    # The build compares its languages with the same D1xx codes.
    folder = tmp_path / "compared"
    shutil.copytree(FIXTURES / "build" / "base", folder)
    eng = folder / "eng.txt"
    text = eng.read_text(encoding="utf-8")
    eng.write_text(text.replace("Article 3. Entry into force", "Article 4. Entry into force"), encoding="utf-8")
    found += [f for o in build_many([folder], tmp_path / "out")
              for f in (o.result.findings if o.result else o.findings)]
    return found


def r_and_u_codes(tmp_path: Path, monkeypatch) -> list[Finding]:
    good = (OUTPUT / "eng.xml").read_text(encoding="utf-8")
    found = []
    for broken in (f'<akomaNtoso xmlns="{AKN_NS}"/>',                                       # R102
                   re.sub(r"<FRBRWork>.*?</FRBRWork>", "", good, count=1, flags=re.S),        # R103
                   good.replace('date="1991-12-16"', 'date="1991-13-45"', 1),                 # R104
                   re.sub(r"<FRBRExpression>.*?</FRBRExpression>", "", good, count=1, flags=re.S)):  # R105
        found += _raised(partial(read_akn_bytes, broken.encode(), "broken.xml"))
    old = good.replace(AKN_NS, "http://www.akomantoso.org/2.0")
    found += read_akn_bytes(old.encode(), "old.xml").warnings                       # R201
    empty = tmp_path / "empty"
    empty.mkdir(parents=True)
    result = CliRunner().invoke(main, ["diff", str(empty), str(OUTPUT / "eng.xml")])
    found += [Finding(code, RULES[code].severity, "", str(empty))
              for code in re.findall(r"error    (R\d{3})", result.output)]           # R002

    copy = tmp_path / "copy.xml"
    copy.write_bytes((OUTPUT / "eng.xml").read_bytes())
    found += build_catalogue([str(OUTPUT / "eng.xml"), str(copy)]).findings          # C101

    import aknkit.text.unparse as unparse_module
    real = unparse_module.unparse_act
    monkeypatch.setattr(unparse_module, "unparse_act",
                        lambda act, profile: real(act, profile).replace("Article 3.", ""))
    found += _raised(lambda: unparse_bytes((OUTPUT / "eng.xml").read_bytes(), "eng.xml"))  # U301
    return found


@pytest.fixture(scope="module")
def emitted(tmp_path_factory) -> dict[str, set[str]]:
    """code -> the severities it was emitted with."""
    tmp = tmp_path_factory.mktemp("codes")
    with pytest.MonkeyPatch.context() as monkeypatch:
        findings = (akn_codes(tmp) + broken_schema_message(monkeypatch) + p_codes(tmp / "p")
                    + s_and_b_codes(tmp / "s", monkeypatch))
    findings += d_codes(tmp / "d")
    with pytest.MonkeyPatch.context() as monkeypatch:
        findings += r_and_u_codes(tmp / "r", monkeypatch)
    with pytest.MonkeyPatch.context() as monkeypatch:
        findings += cluster_codes(tmp / "c", monkeypatch)
    seen: dict[str, set[str]] = {}
    for f in findings:
        seen.setdefault(f.code, set()).add(f.severity)
    return seen


def _dask_installed() -> bool:
    try:
        import distributed  # noqa: F401
    except ImportError:
        return False
    return True


# Codes that cannot be emitted in this environment, and why.
UNREACHABLE = {} if _dask_installed() else {"B402": "needs the optional Dask extra (pip install 'aknkit[dask]')"}


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_registered_code_is_emitted_with_its_severity(emitted, code):
    if code in UNREACHABLE:
        pytest.skip(UNREACHABLE[code])
    assert code in emitted, f"nothing in this test emits {code}; add a trigger for it"
    assert emitted[code] == {RULES[code].severity}


def test_only_registered_codes_are_emitted(emitted):
    assert set(emitted) <= set(RULES)


def test_codes_reached_only_by_breaking_aknkit_are_few_and_say_why():
    assert set(BROKEN_ON_PURPOSE) <= set(RULES)
    assert all(reason for reason in BROKEN_ON_PURPOSE.values())
