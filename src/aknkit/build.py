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
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .coverage import missing_lines
from .emit import serialise, to_akn
from .findings import ERROR, Finding, InputError, at_or_above
from .schema import lxml_schema
from .sources import SourceBundle, read_source_folder


@dataclass
class BuildResult:
    name: str
    outputs: dict[str, Path] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    seconds: float = 0.0


def check_document(data: bytes, filename: str) -> list[Finding]:
    """Schema findings for serialised AKN bytes, located in the file to be written."""
    tree = etree.ElementTree(etree.fromstring(data))
    schema = lxml_schema()
    if schema.validate(tree):
        return []
    return [
        Finding(code="B201", severity=ERROR, message=f"schema: {err.message}",
                file=filename, line=err.line, column=err.column)
        for err in schema.error_log
    ]


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
