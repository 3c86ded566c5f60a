"""Source folder -> validated AKN files, written atomically.

Every language of an act is parsed, emitted, written to a temporary file and
checked (schema, naming rules, no text lost); only when all languages pass are
the temporary files renamed over the targets, so a failure never leaves a
half-written file and never touches earlier outputs.
"""

from __future__ import annotations

import gc
import os
import time
from contextlib import contextmanager
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .coverage import missing_lines
from .emit import to_akn, write_document
from .files import write_temporary
from .findings import ERROR, Finding, InputError, at_or_above
from .schema import lxml_schema
from .sources import iter_languages, read_facts
from .validate import check_tree


@dataclass
class BuildResult:
    name: str
    outputs: dict[str, Path] = field(default_factory=dict)
    seconds: float = 0.0


def check_document(tree: etree._ElementTree, written: Path, shown_as: str) -> list[Finding]:
    """Level 2 conformance findings (schema and naming convention).

    The tree in memory is checked first; only when something is wrong is the
    written file parsed again, so that findings point at its lines.
    """
    if not check_tree(tree, shown_as, level=2):
        return []
    return check_tree(etree.parse(str(written)), shown_as, level=2)


def lost_text(source: str, tree: etree._ElementTree) -> list[Finding]:
    """A finding for every line of the source file whose text did not reach the document."""
    source_text = Path(source).read_text(encoding="utf-8-sig")
    return [
        Finding(code="B301", severity=ERROR, file=source, line=line,
                message=f"text of this line did not reach the XML: {text[:80]!r}")
        for line, text in missing_lines(source_text, tree)
    ]


def stage_document(tree: etree._ElementTree, target: Path, source: str) -> Path:
    """Write one language's document to a temporary file beside its target and
    check it; returns the temporary file. InputError when it fails a check."""
    temporary = write_temporary(target, lambda stream: write_document(tree, stream))
    problems = check_document(tree, temporary, str(target)) + lost_text(source, tree)
    if at_or_above(problems, ERROR):
        temporary.unlink()
        raise InputError(problems)
    return temporary


@contextmanager
def collector_paused():
    """Pause the cyclic garbage collector while one act is built.

    The model and the XML tree hold no reference cycles, yet the collector
    would rescan their millions of live objects again and again as they grow
    (16% of a 10,000-article build). Freed memory is still returned at once by
    reference counting; the collector resumes when the act is done.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build_folder(folder: Path, output_root: Path) -> BuildResult:
    """Build one source folder into ``output_root/<folder name>/<lang>.xml``.

    Languages are handled one at a time (parse, emit, write to a temporary
    file, check), so memory holds one language's model and tree at once. The
    targets are replaced only after every language passed; on any failure the
    temporary files are removed and earlier outputs stay as they were.
    """
    started = time.perf_counter()
    started_at = time.time()
    folder = Path(folder)
    facts = read_facts(folder)
    out_dir = Path(output_root) / folder.name
    with collector_paused():
        result = _build_languages(folder, facts, out_dir)
    remove_stale_temporaries(out_dir, list(result.outputs), started_at)
    result.seconds = time.perf_counter() - started
    return result


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


def _build_languages(folder: Path, facts: dict, out_dir: Path) -> BuildResult:
    staged: list[tuple[str, Path, Path]] = []
    problems: list[Finding] = []
    try:
        for language, act in iter_languages(folder, facts):
            if isinstance(act, InputError):
                problems += act.findings
                continue
            target, source = out_dir / f"{language}.xml", act.source
            tree = to_akn(act)
            del act  # the model is not needed once emitted: keep one of the two in memory
            try:
                staged.append((language, stage_document(tree, target, source), target))
            except InputError as exc:
                problems += exc.findings
            del tree
        if problems:
            raise InputError(problems)
        result = BuildResult(folder.name)
        for language, temporary, target in staged:
            os.replace(temporary, target)
            result.outputs[language] = target
    finally:
        for _, temporary, _ in staged:
            temporary.unlink(missing_ok=True)
    return result


@dataclass
class BuildOutcome:
    """What became of one act in a batch: built, or the findings that stopped it."""

    folder: Path
    result: BuildResult | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.result is not None


def build_one(folder: Path, output_root: Path) -> BuildOutcome:
    """Build one act; every failure becomes findings, so a batch never stops."""
    try:
        return BuildOutcome(folder, build_folder(folder, output_root))
    except InputError as exc:
        return BuildOutcome(folder, findings=exc.findings)
    except OSError as exc:
        where = exc.filename or folder
        return BuildOutcome(folder, findings=[Finding(
            code="B401", severity=ERROR, file=str(where),
            message=f"cannot write the output: {exc.strerror or exc}; expected a writable folder with free space",
        )])


def _build_one_packed(job: tuple[Path, Path]) -> BuildOutcome:
    return build_one(*job)


def build_many(folders: list[Path], output_root: Path, jobs: int = 1) -> Iterator[BuildOutcome]:
    """Build many acts, in ``jobs`` processes, yielding outcomes in input order.

    Each worker compiles the schema once, when it starts, and keeps it for all
    the acts it builds.
    """
    work = [(folder, output_root) for folder in folders]
    if jobs <= 1 or len(work) <= 1:
        yield from map(_build_one_packed, work)
        return
    # Process pools cost a one-act build 40 ms to import; only many acts need them.
    from concurrent.futures import ProcessPoolExecutor

    # Small acts cost little each; sending them in chunks keeps the workers busy.
    chunk = max(1, min(16, len(work) // (jobs * 4)))
    with ProcessPoolExecutor(max_workers=jobs, initializer=lxml_schema) as pool:
        yield from pool.map(_build_one_packed, work, chunksize=chunk)
