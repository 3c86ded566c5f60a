"""``akn unparse``: an Akoma Ntoso document back to the published text layout.

Exit codes: 0 written, 1 the document cannot be read or would lose text,
2 usage or I/O (missing file, unknown language, output not writable).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..files import write_atomically
from ..findings import InputError, render_text
from ..profile import ProfileError, available_languages
from ..safexml import DEFAULT_MAX_BYTES
from ..unparse import unparse_bytes
from .common import EXIT_FINDINGS, EXIT_USAGE, fail, stderr_is_terminal

STDIN = "-"


@click.command()
@click.argument("file")
@click.option("--lang", "language", help="Layout to write (ISO 639-2: "
              + ", ".join(available_languages()) + "); default: the document's language.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the text to this file (default: standard output).")
def unparse(file: str, language: str | None, output: Path | None) -> None:
    """Write an Akoma Ntoso FILE (or - for standard input) as plain text in the
    published layout, the layout `akn build` reads: building the text again
    gives the same document."""
    name = "<stdin>" if file == STDIN else file
    try:
        data = sys.stdin.buffer.read(DEFAULT_MAX_BYTES + 1) if file == STDIN else Path(file).read_bytes()
    except OSError as exc:
        fail(f"{name}: cannot read the file: {exc.strerror or exc}; expected an Akoma Ntoso XML file",
             EXIT_USAGE)
    try:
        text = unparse_bytes(data, name, language)
    except ProfileError as exc:
        fail(f"{name}: {exc}; pass --lang with one of: {', '.join(available_languages())}", EXIT_USAGE)
    except InputError as exc:
        fail(render_text(exc.findings, colour=stderr_is_terminal()), EXIT_FINDINGS)
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        write_atomically(output, text)
    except OSError as exc:
        fail(f"{output}: cannot write the text: {exc.strerror or exc}; expected a writable file path",
             EXIT_USAGE)
    click.echo(f"wrote {output}", err=True)
