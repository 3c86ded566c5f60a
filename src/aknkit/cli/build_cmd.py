"""``akn build`` and ``akn parse``."""

from __future__ import annotations

import dataclasses
import datetime as _dt
import json
from pathlib import Path

import click

from ..build import build_folder
from ..findings import InputError, render_text
from ..parse import decode_source, parse_text
from ..profile import ProfileError, available_languages, load_profile
from ..sources import find_source_folders
from .common import EXIT_FINDINGS, EXIT_USAGE, fail, stderr_is_terminal


@click.command()
@click.argument("sources", nargs=-1, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", "output_root", type=click.Path(file_okay=False, path_type=Path),
              default=Path("output"), show_default=True, help="Folder that receives <act>/<lang>.xml.")
def build(sources: tuple[Path, ...], output_root: Path) -> None:
    """Convert source folders (act.toml + <lang>.txt) into validated AKN.

    With no SOURCES, builds every act under ./sources.
    """
    roots = list(sources) or [Path("sources")]
    if not sources and not roots[0].is_dir():
        fail("no SOURCES given and no ./sources folder here; expected a folder holding act.toml "
             "and one <lang>.txt per language", EXIT_USAGE)
    folders = find_source_folders(roots)
    if not folders:
        fail(f"no act.toml found under {', '.join(map(str, roots))}; expected source folders", EXIT_USAGE)
    failed = 0
    for folder in folders:
        try:
            result = build_folder(folder, output_root)
        except InputError as exc:
            failed += 1
            click.echo(render_text(exc.findings, colour=stderr_is_terminal()), err=True, nl=False)
            click.echo(f"failed: {folder} (nothing written)", err=True)
            continue
        except OSError as exc:
            failed += 1
            click.echo(f"failed: {folder}: {exc.strerror or exc}: {exc.filename or ''}", err=True)
            continue
        languages = ", ".join(result.outputs)
        click.echo(f"built {result.name} [{languages}] -> {output_root / result.name}/ "
                   f"({result.seconds:.2f} s)")
    if failed:
        fail(f"{failed} of {len(folders)} act(s) failed", EXIT_FINDINGS)


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
    for unit in act.units():
        depth = 0 if unit.kind in ("part", "section", "chapter") else 1 if unit.kind == "article" else 2
        heading = f"  {unit.heading.text}" if unit.heading else ""
        click.echo(f"{unit.loc.line:>6}  {'  ' * depth}{unit.label or unit.kind}{heading}")
