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
@click.option("--link-base", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="An output folder laid out as `akn build` writes it (<act>/<lang>.xml), each "
                   "act's page beside its file (<lang>.html): references to its acts link to their "
                   "pages, relative to the page's folder (-o; the current one for standard output).")
def render(file: str, output: Path | None, link_base: Path | None) -> None:
    """Write an Akoma Ntoso FILE (or - for standard input) as one readable HTML
    page in the document's language: metadata, table of contents, the text with
    every unit anchored at its eId and references as links, editorial notes
    apart. The page loads nothing and runs no script."""
    name, data = read_input(file)
    others = None
    if link_base is not None:
        from aknkit.html.links import output_set

        others = output_set(link_base, output.parent if output is not None else Path.cwd())
    try:
        html = render_bytes(data, name, others)
    except InputError as exc:
        fail(render_text(exc.findings, colour=stderr_is_terminal()), EXIT_FINDINGS)
    write_output(output, html, "page")
