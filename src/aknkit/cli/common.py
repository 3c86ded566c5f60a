"""Helpers shared by the commands: reporting failures with the right exit code."""

from __future__ import annotations

import sys

import click

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


def fail(message: str, code: int = EXIT_FINDINGS) -> None:
    """Print ``message`` to stderr and stop with ``code`` (never a traceback)."""
    click.echo(message.rstrip("\n"), err=True)
    sys.exit(code)


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()
