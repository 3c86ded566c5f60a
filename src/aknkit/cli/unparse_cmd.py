"""``akn unparse``: an Akoma Ntoso document back to the published text layout.

Exit codes: 0 written, 1 the document cannot be read or would lose text,
2 usage or I/O (missing file, unknown language, output not writable).
"""

from __future__ import annotations

from pathlib import Path

import click

from aknkit.cli.common import EXIT_FINDINGS, EXIT_USAGE, fail, read_input, stderr_is_terminal, write_output
from aknkit.findings import InputError, render_text
from aknkit.text.profile import ProfileError, available_languages
from aknkit.text.unparse import unparse_bytes


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
    name, data = read_input(file)
    try:
        text = unparse_bytes(data, name, language)
    except ProfileError as exc:
        fail(f"{name}: {exc}; pass --lang with one of: {', '.join(available_languages())}", EXIT_USAGE)
    except InputError as exc:
        fail(render_text(exc.findings, colour=stderr_is_terminal()), EXIT_FINDINGS)
    write_output(output, text, "text")
