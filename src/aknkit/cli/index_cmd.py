"""``akn index``: one catalogue of built Akoma Ntoso documents.

Exit codes: 0 every document catalogued, 1 a document could not be read or
was given twice (the others are catalogued), 2 usage or I/O error.
"""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import click

from aknkit.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, fail, stderr_is_terminal, write_output
from aknkit.cli.validate_cmd import _expand
from aknkit.findings import render_text
from aknkit.index import build_catalogue, write_jsonl, write_sqlite


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="The catalogue file (SQLite); with --format jsonl, default standard output.")
@click.option("--format", "output_format", type=click.Choice(["sqlite", "jsonl"]), default="sqlite",
              show_default=True, help="An SQLite database, or JSON lines (one object per row).")
@click.pass_context
def index(ctx: click.Context, paths: tuple[str, ...], output: Path | None, output_format: str) -> None:
    """Catalogue Akoma Ntoso documents (files, or folders searched for *.xml):
    works, expressions, units, references (resolved across the catalogue),
    lifecycle events and modifications, for a legal information system to import."""
    files, empty = _expand(paths)
    if "-" in paths:
        raise click.UsageError("akn index reads files and folders, not standard input")
    for folder in empty:
        click.echo(f"warning: no *.xml files under {folder}", err=True)
    if not files:
        raise click.UsageError("nothing to index: no *.xml files in the given paths")
    if output_format == "sqlite" and output is None:
        raise click.UsageError("an SQLite catalogue needs -o FILE")
    catalogue = build_catalogue(files)
    if catalogue.findings:
        click.echo(render_text(catalogue.findings, colour=stderr_is_terminal()), err=True, nl=False)
    if not catalogue.rows["expressions"]:
        fail("nothing catalogued: no document could be read" +
             (f"; {output} left as it was" if output is not None else ""), EXIT_FINDINGS)
    if output_format == "jsonl":
        buffer = io.StringIO()
        write_jsonl(catalogue, buffer)
        write_output(output, buffer.getvalue(), "catalogue")
    else:
        assert output is not None
        try:
            write_sqlite(catalogue, output)
        except (OSError, sqlite3.Error) as exc:
            reason = getattr(exc, "strerror", None) or exc
            fail(f"{output}: cannot write the catalogue: {reason}; expected a writable file path", EXIT_USAGE)
        counts = {table: len(rows) for table, rows in catalogue.rows.items()}
        click.echo(f"wrote {output}: {counts['expressions']} expression(s) of {counts['works']} work(s), "
                   f"{counts['units']} unit(s), {counts['refs']} reference(s), {counts['events']} event(s), "
                   f"{counts['modifications']} modification(s)", err=True)
    ctx.exit(EXIT_FINDINGS if catalogue.findings else EXIT_OK)
