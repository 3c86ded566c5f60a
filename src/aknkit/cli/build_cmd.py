"""``akn build`` and ``akn parse``."""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from aknkit.akn.schema import compile_in_background
from aknkit.cli.common import EXIT_FINDINGS, EXIT_USAGE, STDIN, fail, stderr_is_terminal
from aknkit.files import FACTS_FILE, Place
from aknkit.findings import ERROR, WARNING
from aknkit.model import UnitKind

if TYPE_CHECKING:
    from aknkit.build import BuildOutcome
    from aknkit.model import Act, Unit
    from aknkit.model import Location as SourceLine

# The build machinery is imported when a command runs, not when `akn --help` starts.
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_DASK_MODULES = {"dask", "distributed", "fsspec", "tornado", "cloudpickle", "msgpack", "toolz"}
CONNECT_WAIT_S = 10
WORKER_WAIT_S = 60
DASK_MISSING = ("--scheduler needs Dask and fsspec, which are an optional extra: "
                "pip install 'aknkit[dask]'")


# (act folders, their outcomes as they come, what builds them)
Batch = tuple[Sequence[Place], Iterable["BuildOutcome"], str]

if TYPE_CHECKING:
    _PlaceType = click.ParamType[Place, str | os.PathLike[str]]
else:
    _PlaceType = click.ParamType    # generic only from click 8.2 on, and the package allows 8.1


class Location(_PlaceType):
    """A local folder (checked like ``click.Path``) or an fsspec URL (``s3://...``), kept as text."""

    name = "path"

    def __init__(self, local: click.Path[Path]) -> None:
        self.local = local

    def convert(self, value: str | os.PathLike[str], param: click.Parameter | None,
                ctx: click.Context | None) -> Place:
        if isinstance(value, str) and _URL.match(value):
            return value
        return self.local.convert(value, param, ctx)


@click.command()
@click.argument("sources", nargs=-1,
                type=Location(click.Path(exists=True, file_okay=False, path_type=Path)))
@click.option("-o", "--output", "output_root", type=Location(click.Path(file_okay=False, path_type=Path)),
              default=Path("output"), show_default=True,
              help="Folder (or, with --scheduler, fsspec URL) that receives <act>/<lang>.xml.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=None,
              help="Processes to build with; 0 (or none given) for one per core.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Build on a Dask cluster, one task per act: tcp://HOST:PORT of a running "
                   "`dask scheduler`, or local:N for N worker processes here. Sources and output "
                   "may then be fsspec URLs (s3://...). Needs: pip install 'aknkit[dask]'.")
@click.option("--fail-on", type=click.Choice([ERROR.value, WARNING.value, "never"]), default="never", show_default=True,
              help="The severity of the languages' structural differences (D1xx) that fails an act; "
                   "never: report them and write the act.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for people, or one JSON report on standard output.")
@click.option("-q", "--quiet", is_flag=True, help="Print only failures (and their summary line).")
@click.option("--force", is_flag=True, help="Replace output files that hold another Work (B102).")
@click.option("--strict", is_flag=True, help="Fail an act on a warning about its text "
              "(a line that looks like a label, a numbering gap, ...); nothing of it is written.")
def build(sources: tuple[Place, ...], output_root: Place, jobs: int | None, scheduler: str | None, fail_on: str,
          output_format: str, quiet: bool, force: bool, strict: bool) -> None:
    """Convert source folders (act.toml + <lang>.txt) into validated AKN.

    With no SOURCES, builds every act under ./sources. A SOURCE may be an act
    folder or a folder tree holding many; one failing act never stops the others.
    """
    roots: list[Place] = list(sources) or [Path("sources")]
    if not sources and not Path("sources").is_dir():
        fail("no SOURCES given and no ./sources folder here; expected a folder holding act.toml "
             "and one <lang>.txt per language", EXIT_USAGE)
    if scheduler is not None and jobs is not None:
        fail("--jobs and --scheduler: choose one; on a cluster the workers build (local:N starts N)",
             EXIT_USAGE)
    if scheduler is not None and strict:
        fail("--strict and --scheduler: --strict is for the local build only", EXIT_USAGE)
    if scheduler is not None and (fail_on != "never" or force):
        fail("--fail-on and --force apply to the build on this machine; the distributed build reports "
             "the languages' differences and never replaces another Work's output", EXIT_USAGE)
    as_json = output_format == "json"
    created = _first_missing(output_root) if isinstance(output_root, Path) else None
    started = time.perf_counter()
    done: list[BuildOutcome] = []
    with _outcomes(roots, output_root, jobs, scheduler, fail_on, force, strict) as (folders, outcomes, workers):
        show_progress = stderr_is_terminal() and len(folders) > 1 and not as_json
        failed = 0
        with click.progressbar(outcomes, length=len(folders), label="building", file=sys.stderr,
                               hidden=not show_progress) as progress:
            for outcome in progress:
                failed += not outcome.ok
                if as_json:
                    done.append(outcome)
                else:
                    # Past 20 acts the "built" lines would bury the rest; findings are still shown.
                    _report(outcome, output_root, brief=quiet or len(folders) > 20, quiet=quiet, strict=strict)
    seconds = time.perf_counter() - started
    if created is not None and isinstance(output_root, Path):
        _remove_empty_up_to(output_root, created)
    if as_json:
        click.echo(_json_report(done, seconds, workers), nl=False)
    elif (len(folders) > 1 and not quiet) or failed:
        click.echo(f"{len(folders) - failed} built, {failed} failed, {len(folders)} act(s) in "
                   f"{seconds:.2f} s with {workers}", err=bool(failed))
    if failed:
        sys.exit(EXIT_FINDINGS)


@contextmanager
def _outcomes(roots: list[Place], output_root: Place, jobs: int | None, scheduler: str | None,
              fail_on: str = "never", force: bool = False, strict: bool = False) -> Iterator[Batch]:
    """The act folders, their outcomes and what builds them, for the local or the Dask build."""
    if scheduler is not None:
        with _cluster_outcomes(roots, output_root, scheduler) as found:
            yield found
        return
    local_roots, local_output = _local_paths(roots, output_root)
    if jobs == 1 or _one_act(local_roots):
        # Built in this process: the schema compiles while the rest is imported and read.
        compile_in_background()
    from aknkit.build import build_many
    from aknkit.text.sources import find_source_folders

    folders = find_source_folders(local_roots)
    if not folders:
        fail(f"no act.toml found under {', '.join(map(str, roots))}; expected source folders", EXIT_USAGE)
    jobs = jobs or os.cpu_count() or 1
    yield (folders, build_many(folders, local_output, jobs, fail_on, force, strict),
           f"{min(jobs, len(folders))} process(es)")


def _one_act(roots: list[Path]) -> bool:
    """Whether the sources are one act's folder (a build that needs no worker processes)."""
    return len(roots) == 1 and (roots[0] / FACTS_FILE).is_file()


def _local_paths(roots: list[Place], output_root: Place) -> tuple[list[Path], Path]:
    """The sources and the output as local paths; a URL needs the distributed build."""
    local_roots = [root for root in roots if isinstance(root, Path)]
    if len(local_roots) < len(roots) or not isinstance(output_root, Path):
        url = next(str(x) for x in [*roots, output_root] if isinstance(x, str))
        fail(f"{url}: URLs are read and written by the distributed build; add --scheduler local:N "
             "(N worker processes here) or --scheduler tcp://HOST:PORT", EXIT_USAGE)
    return local_roots, output_root


@contextmanager
def _cluster_outcomes(roots: list[Place], output_root: Place, scheduler: str) -> Iterator[Batch]:
    import itertools

    from aknkit.build import output_collisions

    try:
        import aknkit.distributed as dask_build
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] not in _DASK_MODULES:
            raise
        fail(DASK_MISSING, EXIT_USAGE)
    try:
        spec = dask_build.parse_scheduler(scheduler)
    except ValueError as exc:
        fail(str(exc), EXIT_USAGE)
    target = dask_build.absolute(output_root)
    try:
        folders = dask_build.find_act_folders(roots)
        dask_build.file_system(target)
    except (OSError, ImportError, ValueError) as exc:
        # fsspec says which package a protocol needs (s3fs for s3://) or that it knows none.
        fail(f"cannot open the sources or the output: {exc}; expected readable folders or URLs "
             "whose fsspec package is installed", EXIT_USAGE)
    if not folders:
        fail(f"no act.toml found under {', '.join(map(str, roots))}; expected source folders", EXIT_USAGE)
    output_places = [(target, str(output_root).rstrip("/"))]

    def shown(outcome: BuildOutcome) -> BuildOutcome:
        folder = str(outcome.folder)
        return dask_build.relocate(outcome, [(folder, _as_given(folder)), *output_places], _as_given(folder))

    try:
        with dask_build.connect(spec, CONNECT_WAIT_S) as client:
            if not dask_build.wait_for_a_worker(client, WORKER_WAIT_S):
                fail(f"no Dask worker joined the scheduler at {scheduler} within {WORKER_WAIT_S} s; "
                     f"expected workers started with `dask worker {scheduler}`", EXIT_USAGE)
            # Acts whose outputs would share a folder are refused here, as on one machine (B101).
            refused = output_collisions(folders, target)
            built = dask_build.build_on_cluster([f for f in folders if f not in refused], target, client)
            outcomes = map(shown, itertools.chain(refused.values(), built))
            yield folders, outcomes, f"{dask_build.worker_count(client)} Dask worker(s)"
    except dask_build.SchedulerUnreachable as exc:
        fail(f"cannot reach the Dask scheduler at {scheduler}: {exc}; expected a running "
             "`dask scheduler` at that address (tcp://HOST:PORT)", EXIT_USAGE)


def _as_given(location: str) -> str:
    """An absolute local path shown relative to the current folder when below it; a URL as it is."""
    if _URL.match(location):
        return location
    here = os.getcwd()
    return os.path.relpath(location, here) if location.startswith(here + os.sep) else location


def _first_missing(folder: Path) -> Path | None:
    """The outermost folder of ``folder``'s path that does not exist yet (None when it exists)."""
    missing = None
    for candidate in [folder, *folder.parents]:
        if candidate.exists():
            break
        missing = candidate
    return missing


def _remove_empty_up_to(folder: Path, outermost: Path) -> None:
    """Remove the empty folders this run created, from ``folder`` up to ``outermost``."""
    from aknkit.build import remove_empty_folder

    for candidate in [folder, *folder.parents]:
        remove_empty_folder(candidate)
        if candidate == outermost:
            break


def _report(outcome: BuildOutcome, output_root: Place, brief: bool, quiet: bool, strict: bool = False) -> None:
    """Failures always; a built act's line unless ``brief``; what the comparison found
    and the warnings about the texts unless ``quiet``."""
    from aknkit.findings import at_or_above, render_text

    colour = stderr_is_terminal()
    result = outcome.result
    if result is not None:
        if not brief:
            click.echo(f"built {result.name} [{', '.join(result.outputs)}] -> "
                       f"{str(output_root).rstrip('/')}/{result.name}/ ({result.seconds:.2f} s)")
        if result.warnings and not quiet:
            click.echo(render_text(result.warnings, colour=colour), err=True, nl=False)
        if result.findings and not quiet:
            click.echo(render_text(result.findings, colour=colour), err=True, nl=False)
            click.echo(f"built {result.name} all the same: the languages' structural differences "
                       "fail an act only with --fail-on error", err=True)
        return
    click.echo(render_text(outcome.findings, colour=colour), err=True, nl=False)
    why = "; --strict fails on warnings" if strict and not at_or_above(outcome.findings, ERROR) else ""
    click.echo(f"failed: {outcome.folder} (nothing written{why})", err=True)


def _json_report(outcomes: Iterable[BuildOutcome], seconds: float, workers: str) -> str:
    import json

    from aknkit.findings import sort_key

    acts: list[dict[str, object]] = []
    for outcome in outcomes:
        result = outcome.result
        acts.append({
            "folder": str(outcome.folder),
            "status": "built" if outcome.ok else "failed",
            "outputs": {lang: str(path) for lang, path in result.outputs.items()} if result else {},
            "seconds": round(result.seconds, 3) if result else None,
            "findings": [f.to_dict() for f in sorted(
                outcome.findings + (result.findings + result.warnings if result else []), key=sort_key)],
        })
    built = sum(1 for act in acts if act["status"] == "built")
    summary = {"acts": len(acts), "built": built, "failed": len(acts) - built,
               "seconds": round(seconds, 3), "built_with": workers}
    return json.dumps({"acts": acts, "summary": summary}, ensure_ascii=False, indent=2) + "\n"


def _jsonable(value: object) -> str:
    import datetime as _dt

    if isinstance(value, (_dt.date,)):
        return value.isoformat()
    raise TypeError(type(value).__name__)


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--lang", "language", help="Language of the text (ISO 639-2, e.g. kaz, rus, eng); "
              "defaults to the file name (kaz.txt -> kaz); required for standard input.")
@click.option("--json", "as_json", is_flag=True, help="Print the whole model as JSON.")
@click.option("--strict", is_flag=True, help="Exit 1 on a warning about the text, as on an error.")
def parse(file: Path, language: str | None, as_json: bool, strict: bool) -> None:
    """Parse one text file and show its structure (for debugging)."""
    import dataclasses
    import json

    from aknkit.findings import InputError, render_text
    from aknkit.text.checks import parse_checked
    from aknkit.text.parse import decode_source
    from aknkit.text.profile import ProfileError, available_languages, load_profile

    from_stdin = str(file) == STDIN
    if from_stdin and not language:
        fail(f"reading standard input (FILE -) needs --lang (one of: {', '.join(available_languages())})",
             EXIT_USAGE)
    language = language or file.stem
    try:
        profile = load_profile(language)
    except ProfileError as exc:
        fail(f"{exc}; pass --lang (known: {', '.join(available_languages())})", EXIT_USAGE)
    name = "<stdin>" if from_stdin else str(file)
    try:
        data = sys.stdin.buffer.read() if from_stdin else file.read_bytes()
        act = parse_checked(decode_source(data, name), profile, name)
    except OSError as exc:
        fail(f"{name}: cannot read the file: {exc.strerror or exc}", EXIT_USAGE)
    except InputError as exc:
        fail(render_text(exc.findings), EXIT_FINDINGS)
    if act.warnings:
        click.echo(render_text(act.warnings, colour=stderr_is_terminal()), err=True, nl=False)
    if as_json:
        click.echo(json.dumps(dataclasses.asdict(act), ensure_ascii=False, indent=2, default=_jsonable))
    else:
        _show_outline(act)
    if strict and act.warnings:
        sys.exit(EXIT_FINDINGS)


def _show_outline(act: Act) -> None:
    if act.status:
        repeal = act.repeal
        by = f": {repeal.clause.value}" if repeal is not None else ""
        click.echo(f"status  {act.status}{by}")
    _outline(act.body, "")
    for number, attachment in enumerate(act.attachments, start=1):
        title = attachment.doc.title.text if attachment.doc.title else ""
        click.echo(f"{_line(attachment.loc):>6}  attachment {number}  {title}")
        for unit in attachment.doc.units():
            heading = f"  {unit.heading.text}" if unit.heading else ""
            click.echo(f"{_line(unit.loc):>6}    {unit.label or unit.kind}{heading}")


# The units the outline sets flush left; articles are indented once, the rest twice.
_OUTLINE_TOP = (UnitKind.PART, UnitKind.SECTION, UnitKind.CHAPTER)


def _outline(units: Iterable[Unit], quoted: str) -> None:
    """One line per unit; units quoted by an amending instruction follow it,
    marked with the quote (``  «Статья 1.``)."""
    for unit in units:
        depth = 0 if unit.kind in _OUTLINE_TOP else 1 if unit.kind == UnitKind.ARTICLE else 2
        heading = f"  {unit.heading.text}" if unit.heading else ""
        click.echo(f"{_line(unit.loc):>6}  {quoted}{'  ' * depth}{unit.label or unit.kind}{heading}")
        for block in unit.intro + unit.wrapup:
            if block.quote is not None and block.quote.units:
                _outline(block.quote.units, quoted + "  " * 3 + block.quote.start)
        _outline(unit.children, quoted)


def _line(loc: SourceLine | None) -> int:
    """The source line of a parsed unit or attachment: the parser gives each its location."""
    if loc is None:
        raise ValueError("a unit parsed from text has no source location")
    return loc.line
