"""``akn build`` and ``akn parse``."""

from __future__ import annotations

import dataclasses
import datetime as _dt
import json
import os
import sys
import time
from pathlib import Path

import click

from ..build import build_many
from ..findings import InputError, render_text
from ..parse import decode_source, parse_text
from ..profile import ProfileError, available_languages, load_profile
from ..sources import find_source_folders
from .common import EXIT_FINDINGS, EXIT_USAGE, fail, stderr_is_terminal


@click.command()
@click.argument("sources", nargs=-1, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", "output_root", type=click.Path(file_okay=False, path_type=Path),
              default=Path("output"), show_default=True, help="Folder that receives <act>/<lang>.xml.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes to build with (default: the number of cores).")
def build(sources: tuple[Path, ...], output_root: Path, jobs: int | None) -> None:
    """Convert source folders (act.toml + <lang>.txt) into validated AKN.

    With no SOURCES, builds every act under ./sources. A SOURCE may be an act
    folder or a folder tree holding many; one failing act never stops the others.
    """
    roots = list(sources) or [Path("sources")]
    if not sources and not roots[0].is_dir():
        fail("no SOURCES given and no ./sources folder here; expected a folder holding act.toml "
             "and one <lang>.txt per language", EXIT_USAGE)
    folders = find_source_folders(roots)
    if not folders:
        fail(f"no act.toml found under {', '.join(map(str, roots))}; expected source folders", EXIT_USAGE)
    jobs = jobs or os.cpu_count() or 1
    started = time.perf_counter()
    outcomes = build_many(folders, output_root, jobs)
    show_progress = stderr_is_terminal() and len(folders) > 1
    failed = 0
    with click.progressbar(outcomes, length=len(folders), label="building", file=sys.stderr,
                           hidden=not show_progress) as progress:
        for outcome in progress:
            failed += not outcome.ok
            _report(outcome, output_root, quiet=len(folders) > 20)
    seconds = time.perf_counter() - started
    if len(folders) > 1 or failed:
        click.echo(f"{len(folders) - failed} built, {failed} failed, {len(folders)} act(s) in "
                   f"{seconds:.2f} s with {min(jobs, len(folders))} process(es)", err=bool(failed))
    if failed:
        sys.exit(EXIT_FINDINGS)


def _report(outcome, output_root: Path, quiet: bool) -> None:
    if outcome.ok:
        if not quiet:
            result = outcome.result
            click.echo(f"built {result.name} [{', '.join(result.outputs)}] -> "
                       f"{output_root / result.name}/ ({result.seconds:.2f} s)")
        return
    click.echo(render_text(outcome.findings, colour=stderr_is_terminal()), err=True, nl=False)
    click.echo(f"failed: {outcome.folder} (nothing written)", err=True)


def _jsonable(value):
    if isinstance(value, (_dt.date,)):
        return value.isoformat()
    raise TypeError(type(value).__name__)


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--lang", "language", help="Language of the text (ISO 639-2, e.g. kaz, rus, eng); "
              "defaults to the file name (kaz.txt -> kaz).")
@click.option("--json", "as_json", is_flag=True, help="Print the whole model as JSON.")
def parse(file: Path, language: str | None, as_json: bool) -> None:
    """Parse one text file and show its structure (for debugging)."""
    language = language or file.stem
    try:
        profile = load_profile(language)
    except ProfileError as exc:
        fail(f"{exc}; pass --lang (known: {', '.join(available_languages())})", EXIT_USAGE)
    try:
        act = parse_text(decode_source(file.read_bytes(), str(file)), profile, source=str(file))
    except InputError as exc:
        fail(render_text(exc.findings), EXIT_FINDINGS)
    if as_json:
        click.echo(json.dumps(dataclasses.asdict(act), ensure_ascii=False, indent=2, default=_jsonable))
        return
    if act.status:
        repeal = act.repeal
        by = f": {repeal.clause.value}" if repeal is not None else ""
        click.echo(f"status  {act.status}{by}")
    _outline(act.body, "")
    for number, attachment in enumerate(act.attachments, start=1):
        title = attachment.doc.title.text if attachment.doc.title else ""
        click.echo(f"{attachment.loc.line:>6}  attachment {number}  {title}")
        for unit in attachment.doc.units():
            heading = f"  {unit.heading.text}" if unit.heading else ""
            click.echo(f"{unit.loc.line:>6}    {unit.label or unit.kind}{heading}")


def _outline(units, quoted: str) -> None:
    """One line per unit; units quoted by an amending instruction follow it,
    marked with the quote (``  «Статья 1.``)."""
    for unit in units:
        depth = 0 if unit.kind in ("part", "section", "chapter") else 1 if unit.kind == "article" else 2
        heading = f"  {unit.heading.text}" if unit.heading else ""
        click.echo(f"{unit.loc.line:>6}  {quoted}{'  ' * depth}{unit.label or unit.kind}{heading}")
        for block in unit.intro + unit.wrapup:
            if block.quote is not None and block.quote.units:
                _outline(block.quote.units, quoted + "  " * 3 + block.quote.start)
        _outline(unit.children, quoted)
