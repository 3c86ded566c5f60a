"""Source folder -> validated AKN files, written atomically.

Every language of an act is parsed, written to a temporary file unit by unit
and checked (schema, naming rules, no text lost); the languages are then compared
with each other (the structural checks of ``akn diff``, D1xx). Only when all
languages pass are the temporary files renamed over the targets, so a failure
never leaves a half-written file and never touches earlier outputs. Two acts
whose outputs would land in the same folder are both refused before anything
is written.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from aknkit.akn import ids
from aknkit.akn.emit import write_akn
from aknkit.akn.schema import AKN_NS, lxml_schema
from aknkit.collector import collector_paused
from aknkit.diff import Version, diff_versions
from aknkit.files import FACTS_FILE, Place, write_temporary
from aknkit.findings import ERROR, SEVERITY_RANK, WARNING, Finding, InputError, at_or_above, finding
from aknkit.model import Act
from aknkit.outline import Outline, outline
from aknkit.text.coverage import document_string, missing_file_lines, missing_lines, squeeze
from aknkit.text.facts import Facts
from aknkit.text.sources import iter_languages, read_facts, work_from_facts
from aknkit.validate import check_tree
from aknkit.validate.streamed import conforms

# ``fail_on`` values: the severity of the comparison's findings that fails an act,
# or NEVER (the default): they are reported and the act is still written.
NEVER = "never"
FAIL_ON = (ERROR, WARNING, NEVER)


@dataclass
class BuildResult:
    name: str
    # language -> the file written: a local path, or the URL text of an object
    # in a store when the distributed build wrote it there.
    outputs: dict[str, Place] = field(default_factory=dict)
    seconds: float = 0.0
    # What the comparison of the languages found without failing the act (below ``fail_on``).
    findings: list[Finding] = field(default_factory=list)
    # Warnings about the texts (P2xx): the act was built all the same (without ``strict``).
    warnings: list[Finding] = field(default_factory=list)


def check_written(written: Path, shown_as: str, source: str) -> list[Finding]:
    """Level 2 conformance findings (schema and naming convention) of the
    written document, and a finding (B301) for every line of the source file
    whose text did not reach it.

    One streaming pass decides whether all is well, holding one unit of the
    body at a time, and the source is read a piece at a time; only when
    something is wrong are both read whole, so that the findings say what and
    where.
    """
    parts: list[str] = []
    if conforms(written, shown_as, lambda part: parts.append(squeeze(document_string(part)))):
        xml_text = "".join(parts)
        parts.clear()
        if not missing_file_lines(source, xml_text):
            return []
        del xml_text
    parts.clear()
    tree = etree.parse(str(written))
    source_text = Path(source).read_text(encoding="utf-8-sig")
    return check_tree(tree, shown_as, level=2) + lost_text(source, source_text, tree)


def lost_text(source: str, source_text: str, tree: etree._ElementTree) -> list[Finding]:
    """A finding for every line of the source file whose text did not reach the document."""
    return [
        Finding(code="B301", severity=ERROR, file=source, line=line,
                message=f"text of this line did not reach the XML: {text[:80]!r}")
        for line, text in missing_lines(source_text, tree)
    ]


def stage_document(act: Act, target: Path) -> Path:
    """Write one language's document to a temporary file beside its target; returns the file."""
    return write_temporary(target, lambda stream: write_akn(act, stream))


def build_folder(folder: Path, output_root: Path, fail_on: str = NEVER, force: bool = False,
                 strict: bool = False) -> BuildResult:
    """Build one source folder into ``output_root/<folder name>/<lang>.xml``.

    Languages are handled one at a time (parse, write to a temporary file
    one unit of the body at a time, check that file in one streaming pass),
    so memory holds one language's model, a unit's XML, and of the languages
    done only what their comparison reads, in outline (:mod:`aknkit.outline`). The
    targets are replaced only after every language passed; on any failure the
    temporary files are removed, earlier outputs stay as they were, and an
    output folder this build created is removed again.
    The languages' structural differences (D1xx) fail the act at or above
    ``fail_on`` (error, warning); below it they are in ``BuildResult.findings``.
    An output file that holds another Work is not replaced unless ``force``.
    With ``strict``, a warning about a text (P2xx) fails the act as an error would.
    """
    started = time.perf_counter()
    started_at = time.time()
    folder = Path(folder)
    facts = read_facts(folder)
    out_dir = Path(output_root) / folder.name
    if not force:
        foreign = other_works(folder, facts, out_dir)
        if foreign:
            raise InputError(foreign)
    existed = out_dir.exists()
    try:
        with collector_paused():
            result = _build_languages(folder, facts, out_dir, fail_on, strict)
    except BaseException:
        if not existed:
            remove_empty_folder(out_dir)
        raise
    remove_stale_temporaries(out_dir, list(result.outputs), started_at)
    result.seconds = time.perf_counter() - started
    return result


_FRBR_URI = f"{{{AKN_NS}}}FRBRuri"
_FRBR_WORK = f"{{{AKN_NS}}}FRBRWork"


def work_iri_of(path: Path) -> str | None:
    """The Work IRI an existing AKN file holds (its FRBRWork/FRBRuri), None when it holds none.

    Only the start of the file is read: the identification comes first in <meta>.
    """
    try:
        for _, element in etree.iterparse(str(path), events=("end",), tag=_FRBR_URI,
                                          resolve_entities=False, no_network=True):
            parent = element.getparent()
            if parent is not None and parent.tag == _FRBR_WORK:
                return element.get("value")
    except (etree.XMLSyntaxError, OSError):
        return None
    return None


def other_works(folder: Path, facts: Facts, out_dir: Path) -> list[Finding]:
    """A finding (B102) for each existing output of this act that holds another Work.

    Outputs are named after the act's folder, so building a different act of
    the same folder name in a later run would replace an earlier act's files.
    """
    if not out_dir.is_dir():
        return []
    ours = ids.work_iri(work_from_facts(facts, facts["master_language"], folder / FACTS_FILE))
    found = []
    for language in facts["languages"]:
        target = out_dir / f"{language}.xml"
        if not target.is_file():
            continue
        theirs = work_iri_of(target)
        if theirs != ours:
            held = f"the Work {theirs}" if theirs else "no Akoma Ntoso Work"
            found.append(finding(
                "B102", f"{target} holds {held}, not {ours} of {folder}; it is not replaced. Expected the "
                        "output of this act: build into another -o, or pass --force to replace it",
                str(folder / FACTS_FILE)))
    return found


def remove_empty_folder(folder: Path) -> None:
    """Remove ``folder`` if it exists and is empty (a failed build leaves no empty folder behind)."""
    # Absent, not empty, or in use by another build: leave it.
    with contextlib.suppress(OSError):
        folder.rmdir()


def remove_stale_temporaries(out_dir: Path, languages: list[str], older_than: float) -> list[Path]:
    """Remove the temporary files an interrupted build left beside these outputs.

    A killed process cannot remove its own staged files (``.<lang>.xml.*.tmp``);
    nothing reads them as output, but they would pile up. Only files last
    written before ``older_than`` (this build's start, a time.time() value) are
    removed, so this build's own files and any written since are never touched.
    """
    removed = []
    for language in languages:
        for path in out_dir.glob(f".{language}.xml.*.tmp"):
            try:
                if path.stat().st_mtime < older_than:
                    path.unlink()
                    removed.append(path)
            except FileNotFoundError:
                continue  # another build removed or renamed it meanwhile
    return removed


def compare_languages(versions: list[Version], fail_on: str) -> tuple[list[Finding], list[Finding]]:
    """(failing, reported) structural findings (D1xx) between the languages of one act."""
    if len(versions) < 2:
        return [], []
    findings = diff_versions(versions, content=False).findings
    if fail_on == NEVER:
        return [], findings
    floor = SEVERITY_RANK[fail_on]
    return ([f for f in findings if SEVERITY_RANK[f.severity] >= floor],
            [f for f in findings if SEVERITY_RANK[f.severity] < floor])


def compared_versions(outlines: list[tuple[Outline, str, str]]) -> list[Version]:
    """The versions the comparison reads, from the outlines (outline, source, Work IRI)
    of the languages: their units made again only now, when no language's model is
    left, each outline dropped from ``outlines`` once its units are made."""
    shared: dict[str, str] = {}
    versions = []
    while outlines:
        held, source, work_iri = outlines.pop(0)
        versions.append(Version(held.act(shared), source, work_iri))
    return versions


def _build_languages(folder: Path, facts: Facts, out_dir: Path, fail_on: str = NEVER,
                     strict: bool = False) -> BuildResult:
    staged: list[tuple[str, Path, Path]] = []
    problems: list[Finding] = []
    warnings: list[Finding] = []
    # What the comparison of the languages reads stays, in outline, until all
    # are written; each language's model is dropped once its document is written.
    outlines: list[tuple[Outline, str, str]] = []
    try:
        for language, act in iter_languages(folder, facts):
            if isinstance(act, InputError):
                problems += act.findings
                continue
            target, source = out_dir / f"{language}.xml", act.source
            warnings += act.warnings
            outlines.append((outline(act, act.unit_list()), source, ids.work_iri(act.work_facts())))
            temporary = stage_document(act, target)
            del act
            staged.append((language, temporary, target))
            found = check_written(temporary, str(target), source)
            if at_or_above(found, ERROR):
                problems += found
                staged.pop()
                temporary.unlink()
        if problems or (strict and warnings):
            raise InputError(problems + warnings)
        failing, reported = compare_languages(compared_versions(outlines), fail_on)
        if failing:
            raise InputError(failing + reported)
        result = BuildResult(folder.name, findings=reported, warnings=warnings)
        for language, temporary, target in staged:
            os.replace(temporary, target)
            result.outputs[language] = target
    finally:
        for _, temporary, _ in staged:
            temporary.unlink(missing_ok=True)
    return result


@dataclass
class BuildOutcome:
    """What became of one act in a batch: built, or the findings that stopped it.
    ``folder`` is the act's folder as the build was given it: a local path, or
    in the distributed build a path or URL as text."""

    folder: Place
    result: BuildResult | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.result is not None


def build_one(folder: Path, output_root: Path, fail_on: str = NEVER, force: bool = False,
              strict: bool = False) -> BuildOutcome:
    """Build one act; every failure becomes findings, so a batch never stops."""
    try:
        return BuildOutcome(folder, build_folder(folder, output_root, fail_on, force, strict))
    except InputError as exc:
        return BuildOutcome(folder, findings=exc.findings)
    except OSError as exc:
        where = exc.filename or folder
        return BuildOutcome(folder, findings=[Finding(
            code="B401", severity=ERROR, file=str(where),
            message=f"cannot write the output: {exc.strerror or exc}; expected a writable folder with free space",
        )])


def _build_one_packed(job: tuple[Path, Path, str, bool, bool]) -> BuildOutcome:
    return build_one(*job)


def output_collisions(folders: Sequence[Place], output_root: Place) -> dict[Place, BuildOutcome]:
    """The acts refused because another act's output would land in the same folder.

    Outputs go to ``output_root/<folder name>/``, so ``corpus/2023/act1`` and
    ``corpus/2024/act1`` would overwrite each other; names that differ only in
    case collide too, as they do on case-insensitive file systems. Every act of
    such a group is refused (B101), naming all of them, and none is written.
    """
    groups: dict[str, list[Place]] = {}
    for folder in folders:   # paths, or (for the distributed build) paths and URLs as text
        groups.setdefault(_name(folder).casefold(), []).append(folder)
    refused: dict[Place, BuildOutcome] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        target = f"{str(output_root).rstrip('/')}/{_name(group[0])}"
        for folder in group:
            others = ", ".join(str(other) for other in group if other != folder)
            refused[folder] = BuildOutcome(folder, findings=[finding(
                "B101", f"{folder} and {others} would {'both' if len(group) == 2 else 'all'} be written to "
                        f"{target}/; none of them is built. "
                        "Expected act folders with distinct names (build them with different -o)",
                f"{str(folder).rstrip('/')}/{FACTS_FILE}")])
    return refused


def _name(folder: Place) -> str:
    """The last component of a folder's path or URL: the name of its output folder."""
    return str(folder).rstrip("/").rsplit("/", 1)[-1]


def build_many(folders: list[Path], output_root: Path, jobs: int = 1,
               fail_on: str = NEVER, force: bool = False, strict: bool = False) -> Iterator[BuildOutcome]:
    """Build many acts, in ``jobs`` processes, yielding outcomes in input order.

    Acts whose outputs would collide are refused first (:func:`output_collisions`).
    Each worker compiles the schema once, when it starts, and keeps it for all
    the acts it builds.
    """
    refused = output_collisions(folders, output_root)
    work = [(folder, output_root, fail_on, force, strict) for folder in folders if folder not in refused]
    if jobs <= 1 or len(work) <= 1:
        built: Iterator[BuildOutcome] = map(_build_one_packed, work)
        yield from (refused[f] if f in refused else next(built) for f in folders)
        return
    # Process pools cost a one-act build 40 ms to import; only many acts need them.
    from concurrent.futures import ProcessPoolExecutor

    # Small acts cost little each; sending them in chunks keeps the workers busy.
    chunk = max(1, min(16, len(work) // (jobs * 4)))
    with ProcessPoolExecutor(max_workers=jobs, initializer=lxml_schema) as pool:
        built = pool.map(_build_one_packed, work, chunksize=chunk)
        yield from (refused[f] if f in refused else next(built) for f in folders)
