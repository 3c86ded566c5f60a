"""``akn render``: one Akoma Ntoso document as a self-contained HTML page.

Exit codes: 0 written, 1 the document cannot be read, 2 usage or I/O
(missing file, output not writable).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..files import write_atomically
from ..findings import InputError, render_text
from ..render import render_bytes
from ..safexml import DEFAULT_MAX_BYTES
from .common import EXIT_FINDINGS, EXIT_USAGE, fail, stderr_is_terminal

STDIN = "-"


@click.command()
@click.argument("file")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the page to this file (default: standard output).")
def render(file: str, output: Path | None) -> None:
    """Write an Akoma Ntoso FILE (or - for standard input) as one readable HTML
    page: metadata, table of contents, the text with every unit anchored at its
    eId, editorial notes apart. The page loads nothing and runs no script."""
    name = "<stdin>" if file == STDIN else file
    try:
        data = sys.stdin.buffer.read(DEFAULT_MAX_BYTES + 1) if file == STDIN else Path(file).read_bytes()
    except OSError as exc:
        fail(f"{name}: cannot read the file: {exc.strerror or exc}; expected an Akoma Ntoso XML file",
             EXIT_USAGE)
    try:
        html = render_bytes(data, name)
    except InputError as exc:
        fail(render_text(exc.findings, colour=stderr_is_terminal()), EXIT_FINDINGS)
    if output is None:
        click.echo(html, nl=False)
        return
    try:
        write_atomically(output, html)
    except OSError as exc:
        fail(f"{output}: cannot write the page: {exc.strerror or exc}; expected a writable file path",
             EXIT_USAGE)
    click.echo(f"wrote {output}", err=True)
