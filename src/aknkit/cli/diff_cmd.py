"""``akn diff``: the language versions of one law, checked against each other."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from aknkit.akn import ids
from aknkit.akn.read import AknReadError, read_akn
from aknkit.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, fail, stderr_is_terminal
from aknkit.diff import CODES, Version, diff_versions, render_json, render_table
from aknkit.files import FACTS_FILE, write_atomically
from aknkit.findings import ERROR, WARNING, InputError, render_text
from aknkit.html.diff_page import render_html
from aknkit.text.profile import ProfileError, available_languages
from aknkit.text.sources import read_source_folder


def _codes_help() -> str:
    return "\n".join(f"{code} {severity:<7} {text}" for code, (severity, text) in CODES.items())


def _versions_of(path: Path, warnings: list[str]) -> list[Version]:
    """The language versions an input names: an AKN file, a source folder
    (act.toml + <lang>.txt), or a folder of AKN files."""
    if path.is_dir():
        if (path / FACTS_FILE).is_file():
            bundle = read_source_folder(path)
            return [Version(act, act.source, ids.work_iri(act.work_facts()))
                    for act in (bundle.acts[lang] for lang in bundle.languages)]
        files = sorted(path.glob("*.xml"))
        if not files:
            raise AknReadError(str(path), f"folder holds neither {FACTS_FILE} nor *.xml files; "
                               "expected a source folder or Akoma Ntoso documents", code="R002")
        return [v for file in files for v in _versions_of(file, warnings)]
    document = read_akn(str(path))
    warnings.extend(f"{w.location}: warning: {w.message}" for w in document.warnings)
    return [Version(document.act, str(path), document.work_iri)]


@click.command(epilog="Codes:\n\n\b\n" + _codes_help())
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Report for people (a table, then the findings) or JSON.")
@click.option("--html", "html_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write a self-contained side-by-side HTML page to this file.")
@click.option("--fail-on", type=click.Choice([ERROR.value, WARNING.value]), default=ERROR.value,
              show_default=True, help="Exit 1 when there are findings of this severity or worse.")
@click.option("--structure-only", is_flag=True,
              help="Check the structure only (D1xx), not the numbers, dates, references "
                   "and texts of the units (D2xx); faster on very large acts.")
@click.option("--labels", "label_language", type=click.Choice(available_languages()),
              default="eng", show_default=True, help="Language of unit names in the report.")
def diff(inputs: tuple[Path, ...], output_format: str, html_file: Path | None, fail_on: str,
         structure_only: bool, label_language: str) -> None:
    """Check that the language versions of one law have the same structure.

    INPUTS are Akoma Ntoso files of one Work in different languages
    (akn diff kaz.xml rus.xml eng.xml), or a source folder holding act.toml and
    one <lang>.txt per language (akn diff sources/<act>/), or a folder of AKN
    files. Units are aligned by wId, then eId, then number. Exit status: 0
    consistent, 1 findings at or above --fail-on, 2 unusable input.
    """
    warnings: list[str] = []
    versions: list[Version] = []
    try:
        for path in inputs:
            if not path.exists():
                fail(f"{path}: no such file or folder; expected an Akoma Ntoso file or a "
                     "source folder", EXIT_USAGE)
            versions += _versions_of(path, warnings)
        report = diff_versions(versions, label_language, content=not structure_only)
    except AknReadError as exc:
        fail(render_text([exc.as_finding()], colour=stderr_is_terminal()), EXIT_USAGE)
    except InputError as exc:
        fail(render_text(exc.findings, colour=stderr_is_terminal()), EXIT_USAGE)
    except ProfileError as exc:
        fail(str(exc), EXIT_USAGE)
    for warning in warnings:
        click.echo(warning, err=True)
    if output_format == "json":
        click.echo(render_json(report), nl=False)
    else:
        click.echo(render_table(report), nl=False)
    if html_file is not None:
        try:
            write_atomically(html_file, render_html(report))
        except OSError as exc:
            fail(f"{html_file}: cannot write the HTML page: {exc.strerror or exc}", EXIT_USAGE)
        click.echo(f"wrote {html_file}", err=True)
    sys.exit(EXIT_FINDINGS if report.failing(fail_on) else EXIT_OK)
