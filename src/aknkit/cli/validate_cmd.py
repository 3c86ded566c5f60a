"""``akn validate``.

Exit codes of ``validate``: 0 conformant (nothing at or above --fail-on),
1 findings at or above --fail-on, 2 usage or I/O error (such as a missing file).
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypedDict

import click

from aknkit.akn.safexml import DEFAULT_MAX_BYTES
from aknkit.akn.schema import compile_in_background
from aknkit.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, stderr_is_terminal, stdout_is_terminal
from aknkit.findings import ERROR, WARNING, Finding, at_or_above, render_json, render_sarif, render_text
from aknkit.validate import ENGINES, LEVELS, RULES, check_bytes, check_file, descriptions
from aknkit.validate.registry import matches
from aknkit.version import __version__

STDIN = "-"
STDIN_NAME = "<stdin>"
_IO_CODE = "AKN005"
# A progress bar is worth drawing only for a batch that takes a while.
_PROGRESS_FROM_FILES = 20


class _CheckOptions(TypedDict):
    """How every input is checked (the keyword arguments of check_bytes and check_file)."""

    level: int
    engine: str
    max_bytes: int


def _codes(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> list[str]:
    """``--select AKN2,AKN301 --select AKN4`` -> ["AKN2", "AKN301", "AKN4"], each a prefix of some code."""
    patterns = [p.strip().upper() for value in values for p in value.split(",") if p.strip()]
    unknown = [p for p in patterns if not any(code.startswith(p) for code in RULES)]
    if unknown:
        raise click.BadParameter(f"{', '.join(unknown)} is no code or code prefix; see `akn rules`")
    return patterns


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--level", type=click.Choice([str(level) for level in LEVELS]), default="2", show_default=True,
              help="1: the official AKN 3.0 schema; 2: also the naming convention.")
@click.option("--engine", type=click.Choice(sorted(ENGINES)), default="lxml", show_default=True,
              help="Schema engine: lxml (libxml2, fast) or xmlschema.")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "sarif"]), default="text",
              show_default=True, help="text for people, json, or SARIF 2.1.0 for code-scanning tools.")
@click.option("--select", multiple=True, callback=_codes, metavar="CODES",
              help="Report only these codes (prefixes allowed: AKN3); comma-separated or repeated.")
@click.option("--ignore", multiple=True, callback=_codes, metavar="CODES",
              help="Do not report these codes (prefixes allowed); comma-separated or repeated.")
@click.option("--fail-on", type=click.Choice([ERROR.value, WARNING.value]), default=ERROR.value, show_default=True,
              help="Exit 1 when a finding of this severity or worse remains.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Processes to validate with; 0 for one per core.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Refuse inputs larger than this.")
@click.pass_context
def validate(ctx: click.Context, paths: tuple[str, ...], level: str, engine: str, output_format: str,
             select: list[str], ignore: list[str], fail_on: str, jobs: int, max_bytes: int) -> None:
    """Check Akoma Ntoso files: Level 1 (schema) and Level 2 (naming convention).

    PATHS are files, folders (every *.xml below them) or - for standard input.
    """
    if list(paths).count(STDIN) > 1:
        raise click.UsageError("standard input (-) can be given only once")
    files, empty_folders = _expand(paths)
    for folder in empty_folders:
        click.echo(f"warning: no *.xml files under {folder}", err=True)
    if not files and STDIN not in paths:
        raise click.UsageError("nothing to validate: no *.xml files in the given folders")
    options = _CheckOptions(level=int(level), engine=engine, max_bytes=max_bytes)
    jobs = jobs or os.cpu_count() or 1
    if engine == "lxml" and not _in_processes(files, jobs):
        # Checked here: the schema compiles while the first input is read and parsed.
        compile_in_background()
    findings: list[Finding] = []
    if STDIN in paths:
        data = sys.stdin.buffer.read(max_bytes + 1)
        findings += check_bytes(data, STDIN_NAME, **options)
    findings += _check_files(files, options, jobs)

    io_failed = any(f.code == _IO_CODE for f in findings)
    shown = [f for f in findings
             if (not select or matches(f.code, select)) and not matches(f.code, ignore)]
    colour = output_format == "text" and stdout_is_terminal() and not os.environ.get("NO_COLOR")
    click.echo(_render(shown, output_format, len(files) + (STDIN in paths), int(level), colour),
               nl=False, color=colour)
    if io_failed:
        ctx.exit(EXIT_USAGE)
    ctx.exit(EXIT_FINDINGS if at_or_above(shown, fail_on) else EXIT_OK)


def _expand(paths: Iterable[str]) -> tuple[list[str], list[str]]:
    """Files to check, in the order given, folders expanded (sorted) to their *.xml."""
    files: list[str] = []
    empty: list[str] = []
    for path in paths:
        if path == STDIN:
            continue
        if os.path.isdir(path):
            found = sorted(str(p) for p in Path(path).rglob("*.xml") if p.is_file())
            files += found
            if not found:
                empty.append(path)
        else:
            files.append(path)      # a missing file becomes an AKN005 finding
    return files, empty


def _check_files(files: list[str], options: _CheckOptions, jobs: int) -> list[Finding]:
    results = _results(functools.partial(check_file, **options), files, jobs)
    if not (stderr_is_terminal() and len(files) >= _PROGRESS_FROM_FILES):
        return [finding for result in results for finding in result]
    findings: list[Finding] = []
    with click.progressbar(results, length=len(files), label="validating", file=sys.stderr) as progress:
        for result in progress:
            findings += result
    return findings


def _in_processes(files: list[str], jobs: int) -> bool:
    """Whether the files are checked in worker processes rather than in this one."""
    return jobs > 1 and len(files) > 1


def _results(check: Callable[[str], list[Finding]], files: list[str], jobs: int) -> Iterator[list[Finding]]:
    """Each file's findings, in the order of ``files``; in ``jobs`` processes when more than one."""
    if _in_processes(files, jobs):
        # Imported here: process pools cost a one-process run more than they give it.
        from concurrent.futures import ProcessPoolExecutor

        workers = min(jobs, len(files))
        with ProcessPoolExecutor(max_workers=workers) as pool:
            yield from pool.map(check, files, chunksize=max(1, len(files) // (workers * 8)))
    else:
        for path in files:
            yield check(path)


def _render(findings: list[Finding], output_format: str, checked: int, level: int, colour: bool) -> str:
    if output_format == "json":
        return render_json(findings)
    if output_format == "sarif":
        return render_sarif(findings, descriptions(), __version__)
    return render_text(findings, colour=colour) + f"{checked} file{'s' if checked != 1 else ''} checked " \
                                                  f"at Level {level}\n"
