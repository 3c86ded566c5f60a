"""Helpers shared by the commands: reporting failures with the right exit code."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from aknkit.akn.safexml import DEFAULT_MAX_BYTES, XMLInputError, read_bounded
from aknkit.files import write_atomically
from aknkit.findings import render_text

STDIN = "-"

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


def fail(message: str, code: int = EXIT_FINDINGS) -> NoReturn:
    """Print ``message`` to stderr and stop with ``code`` (never a traceback)."""
    click.echo(message.rstrip("\n"), err=True)
    sys.exit(code)


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def read_input(file: str) -> tuple[str, bytes]:
    """(name to show, bytes) of a file argument, or of standard input for ``-``.

    A file above the size limit is refused with its size (AKN003) before it is read.
    """
    name = "<stdin>" if file == STDIN else file
    try:
        data = sys.stdin.buffer.read(DEFAULT_MAX_BYTES + 1) if file == STDIN else read_bounded(file)
    except XMLInputError as exc:
        # The reader's own conversion; imported here, as only a refused file needs it.
        from aknkit.akn.read import AknReadError

        fail(render_text([AknReadError.from_xml(exc, name).as_finding()], colour=stderr_is_terminal()),
             EXIT_FINDINGS)
    except OSError as exc:
        fail(f"{name}: cannot read the file: {exc.strerror or exc}; expected an Akoma Ntoso XML file",
             EXIT_USAGE)
    return name, data


def write_output(output: Path | None, text: str, what: str) -> None:
    """``text`` to standard output, or atomically to ``output``."""
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        write_atomically(output, text)
    except OSError as exc:
        fail(f"{output}: cannot write the {what}: {exc.strerror or exc}; expected a writable file path",
             EXIT_USAGE)
    click.echo(f"wrote {output}", err=True)
