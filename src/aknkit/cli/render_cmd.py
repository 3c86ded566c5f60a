"""``akn render``: one Akoma Ntoso document as a self-contained HTML page.

Exit codes: 0 written, 1 the document cannot be read, 2 usage or I/O
(missing file, output not writable).
"""

from __future__ import annotations

from pathlib import Path

import click

from aknkit.cli.common import EXIT_FINDINGS, fail, read_input, stderr_is_terminal, write_output
from aknkit.findings import InputError, render_text
from aknkit.html.document import render_bytes


@click.command()
@click.argument("file")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the page to this file (default: standard output).")
def render(file: str, output: Path | None) -> None:
    """Write an Akoma Ntoso FILE (or - for standard input) as one readable HTML
    page: metadata, table of contents, the text with every unit anchored at its
    eId, editorial notes apart. The page loads nothing and runs no script."""
    name, data = read_input(file)
    try:
        html = render_bytes(data, name)
    except InputError as exc:
        fail(render_text(exc.findings, colour=stderr_is_terminal()), EXIT_FINDINGS)
    write_output(output, html, "page")
