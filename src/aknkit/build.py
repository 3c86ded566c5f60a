"""Source folder -> validated AKN files, written atomically.

Every language of an act is parsed, emitted, checked (schema, naming rules, no
text lost) before anything is written; then each file is written to a
temporary name and renamed, so a failure never leaves a half-written file and
never touches earlier outputs.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .coverage import missing_lines
from .emit import serialise, to_akn
from .findings import ERROR, Finding, InputError, at_or_above
from .schema import lxml_schema
from .validate import check_tree
from .sources import SourceBundle, read_source_folder


@dataclass
class BuildResult:
    name: str
    outputs: dict[str, Path] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    seconds: float = 0.0


def check_document(data: bytes, filename: str) -> list[Finding]:
    """Level 2 conformance findings (schema and naming convention) for
    serialised AKN, located in the file about to be written."""
    return check_tree(etree.ElementTree(etree.fromstring(data)), filename, level=2)


def render_bundle(bundle: SourceBundle, out_dir: Path) -> dict[str, bytes]:
    """The checked bytes of every language's document; InputError on any problem."""
    documents: dict[str, bytes] = {}
    problems: list[Finding] = []
    for language, act in bundle.acts.items():
        target = str(out_dir / f"{language}.xml")
        tree = to_akn(act, bundle.master)
        data = serialise(tree)
        problems += check_document(data, target)
        source_text = Path(act.source).read_text(encoding="utf-8-sig")
        for line, text in missing_lines(source_text, tree):
            problems.append(Finding(code="B301", severity=ERROR, file=act.source, line=line,
                                    message=f"text of this line did not reach the XML: {text[:80]!r}"))
        documents[language] = data
    if at_or_above(problems, ERROR):
        raise InputError(problems)
    return documents


def write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def build_folder(folder: Path, output_root: Path) -> BuildResult:
    """Build one source folder into ``output_root/<folder name>/<lang>.xml``."""
    started = time.perf_counter()
    bundle = read_source_folder(folder)
    out_dir = output_root / bundle.name
    documents = render_bundle(bundle, out_dir)
    result = BuildResult(bundle.name)
    for language, data in documents.items():
        path = out_dir / f"{language}.xml"
        write_atomically(path, data)
        result.outputs[language] = path
    result.seconds = time.perf_counter() - started
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
    # Small acts cost little each; sending them in chunks keeps the workers busy.
    chunk = max(1, min(16, len(work) // (jobs * 4)))
    with ProcessPoolExecutor(max_workers=jobs, initializer=lxml_schema) as pool:
        yield from pool.map(_build_one_packed, work, chunksize=chunk)
