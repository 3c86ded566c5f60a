"""Building acts on a Dask cluster: one task per act folder.

The unit of work is the one ``akn build`` already uses, an act folder; acts
share nothing but read-only data, so each is one task. What every task needs
and only a process can keep (the compiled schema, the language profiles) is
loaded once per worker process by :class:`BuildPlugin` when the worker joins,
not per task. Outcomes come back in completion order.

Sources and outputs are local paths (seen by every worker: a shared file
system) or fsspec URLs (``s3://bucket/acts``, ``memory://...``). A local act is
built in place exactly as ``akn build`` builds it. An act in a store is copied
to a private temporary folder on the worker, built and checked there like any
local act, and only a complete, checked act is written to the output store
(see :func:`put_file` for what "atomic" means there).

Failures: an act's bad input comes back as its findings and never stops the
others. A worker that dies mid-task loses only its running acts; the scheduler
gives them to another worker (``distributed.scheduler.allowed-failures`` times),
and because a local build stages to temporary files and a store's build writes
nothing before the act is complete, the dead worker leaves no partial output.
An unexpected error in a task (an unreachable store) is retried ``retries``
times before the act is reported as failed (B402).

This module needs the optional extra: ``pip install 'aknkit[dask]'``.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import tempfile
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeGuard

import fsspec
from distributed import Client, LocalCluster, Worker, WorkerPlugin, as_completed, get_worker
from fsspec import AbstractFileSystem
from fsspec.implementations.local import LocalFileSystem

from aknkit.akn.schema import lxml_schema
from aknkit.build import BuildOutcome, BuildResult, build_one
from aknkit.files import FACTS_FILE
from aknkit.findings import ERROR, Finding
from aknkit.text.profile import available_languages, load_profile
from aknkit.text.sources import find_source_folders
from aknkit.validate.isocodes import is_country, is_language

PLUGIN_NAME = "aknkit-build"
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_LOCAL_CLUSTER = re.compile(r"^local:(\d+)$")
_HOST_PORT = re.compile(r"^[A-Za-z0-9.-]+:\d+$")
# Object stores make one PUT visible whole or not at all; elsewhere a file is
# written under a temporary name and renamed.
OBJECT_STORES = frozenset({"s3", "s3a", "gs", "gcs", "az", "abfs", "abfss", "adl", "oss", "memory"})


def is_url(location: str | Path) -> TypeGuard[str]:
    return isinstance(location, str) and bool(_URL.match(location))


@dataclass(frozen=True)
class SchedulerSpec:
    """Where to build: a running scheduler's address, or a cluster of this many local processes."""

    address: str | None = None
    local_workers: int = 0


def parse_scheduler(spec: str) -> SchedulerSpec:
    """``tcp://HOST:PORT`` (any Dask address; ``HOST:PORT`` means TCP) or
    ``local:N``; ValueError otherwise."""
    if match := _LOCAL_CLUSTER.match(spec):
        workers = int(match.group(1))
        if workers < 1:
            raise ValueError(f"--scheduler {spec}: a local cluster needs at least one worker (local:1)")
        return SchedulerSpec(local_workers=workers)
    if is_url(spec):
        return SchedulerSpec(address=spec)
    if _HOST_PORT.match(spec):
        return SchedulerSpec(address=f"tcp://{spec}")
    raise ValueError(f"--scheduler {spec!r}: expected a scheduler address such as tcp://HOST:8786, "
                     "or local:N for N worker processes on this machine")


# --- the worker side ---------------------------------------------------------------

class BuildPlugin(WorkerPlugin):
    """Per worker process: the compiled schema, every profile and the ISO code tables, loaded once
    when the worker starts (or joins later), and a lock so that the worker's
    threads build one act at a time.

    The build is pure Python and holds the GIL, so threads would not build
    faster; the lock also keeps the garbage-collector pause of one build
    (``collector.collector_paused``) from being lifted by another. Start workers
    with ``--nthreads 1`` and as many processes (``--nworkers``) as cores.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()

    def __getstate__(self) -> dict[str, object]:
        return {}  # a lock cannot travel; every worker makes its own

    def __setstate__(self, state: dict[str, object]) -> None:
        self.lock = threading.Lock()

    def setup(self, worker: Worker) -> None:
        lxml_schema()
        for language in available_languages():
            load_profile(language)
        is_country("kz")  # the ISO tables the naming rules check against
        is_language("kaz")


def build_act_task(folder: str, output_root: str) -> BuildOutcome:
    """Build one act on a worker; never raises for bad input (see build_one)."""
    plugin = _plugin()
    if plugin is None:
        return build_act(folder, output_root)
    with plugin.lock:
        return build_act(folder, output_root)


def _plugin() -> BuildPlugin | None:
    try:
        plugin = get_worker().plugins.get(PLUGIN_NAME)
    except ValueError:  # not running on a worker
        return None
    return plugin if isinstance(plugin, BuildPlugin) else None


def build_act(folder: str, output_root: str) -> BuildOutcome:
    """Build the act at ``folder`` (a path or URL) into ``output_root/<name>/``."""
    source_fs, source_path = fsspec.core.url_to_fs(folder)
    out_fs, out_path = fsspec.core.url_to_fs(output_root)
    if isinstance(source_fs, LocalFileSystem) and isinstance(out_fs, LocalFileSystem):
        return build_one(Path(source_path), Path(out_path))
    return _build_staged(folder, source_fs, source_path, output_root, out_fs, out_path)


def _build_staged(folder: str, source_fs: AbstractFileSystem, source_path: str, output_root: str,
                  out_fs: AbstractFileSystem, out_path: str) -> BuildOutcome:
    name = source_path.rstrip("/").rsplit("/", 1)[-1]
    with tempfile.TemporaryDirectory(prefix="aknkit-act-") as private:
        local_source = Path(private) / "source" / name
        local_out = Path(private) / "out"
        local_source.mkdir(parents=True)
        # The act's own files only (act.toml and the texts), not sub-folders:
        # they are other acts.
        for entry in source_fs.ls(source_path, detail=True):
            if entry["type"] == "file":
                basename = entry["name"].rstrip("/").rsplit("/", 1)[-1]
                (local_source / basename).write_bytes(source_fs.cat_file(entry["name"]))
        outcome = build_one(local_source, local_out)
        places = [(str(local_source), folder.rstrip("/")), (str(local_out), output_root.rstrip("/"))]
        if outcome.result is None:
            return relocate(outcome, places, folder)
        for language, written in outcome.result.outputs.items():
            put_file(out_fs, f"{out_path.rstrip('/')}/{name}/{language}.xml", Path(written).read_bytes())
        return relocate(outcome, places, folder)


def put_file(fs: AbstractFileSystem, path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` so that no reader sees part of it.

    In an object store one PUT makes the whole object visible at once or not
    at all, so it is written directly; on other file systems the data goes to
    a temporary name beside the target and is then renamed over it (atomic
    where the file system's rename is).
    """
    parent = path.rsplit("/", 1)[0]
    protocols = {fs.protocol} if isinstance(fs.protocol, str) else set(fs.protocol)
    if protocols & OBJECT_STORES:
        fs.pipe_file(path, data)
        return
    fs.makedirs(parent, exist_ok=True)
    temporary = f"{parent}/.{path.rsplit('/', 1)[-1]}.{uuid.uuid4().hex}.tmp"
    try:
        fs.pipe_file(temporary, data)
        fs.mv(temporary, path)
    finally:
        if fs.exists(temporary):
            fs.rm(temporary)


def relocate(outcome: BuildOutcome, places: list[tuple[str, str]], folder: str | Path) -> BuildOutcome:
    """The outcome with file names shown as the user gave them: each
    (``old`` prefix, ``new`` prefix) of ``places`` is replaced in the act's
    folder, its outputs and its findings."""
    def moved(location: str | Path) -> str:
        text = str(location)
        for old, new in places:
            if text == old or text.startswith(old + os.sep) or text.startswith(old + "/"):
                return new + text[len(old):]
        return text

    findings = [dataclasses.replace(f, file=moved(f.file) if f.file is not None else None,
                                    message=_moved_message(f.message, places))
                for f in outcome.findings]
    result = outcome.result
    if result is not None:
        result = dataclasses.replace(result, outputs={lang: moved(path) for lang, path in result.outputs.items()})
    return BuildOutcome(folder, result=result, findings=findings)


def _moved_message(message: str, places: list[tuple[str, str]]) -> str:
    for old, new in places:
        message = message.replace(old, new)
    return message


# --- the client side ----------------------------------------------------------------

def find_act_folders(sources: Sequence[str | Path]) -> list[str]:
    """Every act folder (one holding ``act.toml``) at or below the sources,
    as absolute paths or URLs that any worker can open, sorted."""
    found: set[str] = set()
    local = [Path(s) for s in sources if not is_url(s)]
    found.update(str(folder.resolve()) for folder in find_source_folders(local))
    for source in filter(is_url, sources):
        fs, root = fsspec.core.url_to_fs(source)
        if isinstance(fs, LocalFileSystem):
            found.update(str(folder.resolve()) for folder in find_source_folders([Path(root)]))
            continue
        root = root.rstrip("/")
        for path in fs.find(root):
            folder, _, basename = path.rstrip("/").rpartition("/")
            if basename == FACTS_FILE and (folder == root or folder.startswith(root + "/")):
                # Shown as the user wrote the root, whatever the store's own spelling.
                found.add(source.rstrip("/") + folder[len(root):])
    return sorted(found)


def file_system(location: str) -> AbstractFileSystem:
    """The fsspec file system of a path or URL (ImportError names the package a protocol needs)."""
    return fsspec.core.url_to_fs(location)[0]


def absolute(location: str | Path) -> str:
    """A local path made absolute (workers may run elsewhere); a URL as it is."""
    return location if is_url(location) else str(Path(location).resolve())


class SchedulerUnreachable(Exception):
    """No scheduler answered at the address given."""


@contextmanager
def connect(spec: SchedulerSpec, timeout_s: float = 10) -> Iterator[Client]:
    """A client of the named scheduler (SchedulerUnreachable after ``timeout_s``),
    or of a new local cluster that is shut down after."""
    if spec.address:
        try:
            # distributed ships type information, but not for Client's constructor.
            client = Client(spec.address, timeout=f"{timeout_s}s")  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError) as exc:
            raise SchedulerUnreachable(str(exc) or type(exc).__name__) from None
        with client:
            yield client
        return
    # On the loopback only; the status server on a free port (":0"), not on
    # 8787, which another cluster may hold.
    # Neither constructor is annotated in distributed's own type information.
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=spec.local_workers, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address=":0", silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        yield client


def worker_count(client: Client) -> int:
    return len(client.scheduler_info().get("workers", {}))


def wait_for_a_worker(client: Client, seconds: float) -> bool:
    """True once the cluster has a worker; False if none joined in ``seconds``
    (tasks sent to a scheduler without workers would wait forever)."""
    if worker_count(client):
        return True
    try:
        client.wait_for_workers(1, timeout=seconds)
    except (TimeoutError, OSError):
        return False
    return True


def build_on_cluster(folders: list[str], output_root: str, client: Client, retries: int = 2) -> Iterator[BuildOutcome]:
    """Build each act folder as one task; outcomes in completion order.

    ``folders`` and ``output_root`` must be absolute paths or URLs that the
    workers can open. A task that still fails after ``retries`` retries, or
    whose workers kept dying, becomes a B402 finding for its act alone.
    """
    client.register_plugin(BuildPlugin(), name=PLUGIN_NAME)
    # One call for all acts: a single graph update, where a submit per act
    # would cost a round trip each (seconds for a corpus of 10,000).
    submitted = client.map(build_act_task, folders, output_root=output_root, pure=False, retries=retries)
    futures = dict(zip(submitted, folders, strict=True))
    try:
        # as_completed and Client.cancel are unannotated in distributed's type information.
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            folder = futures.pop(future)
            try:
                outcome = future.result()
            except Exception as exc:  # a lost task is one act's failure, not the batch's
                outcome = BuildOutcome(folder, findings=[Finding(
                    code="B402", severity=ERROR, file=folder,
                    message=f"the act's task failed on the cluster ({type(exc).__name__}: {exc}); "
                            "nothing was written for it; expected a worker that can read the "
                            "source and write the output",
                )])
            future.release()
            yield outcome
    finally:
        if futures:
            client.cancel(list(futures))  # type: ignore[no-untyped-call]


__all__ = [
    "BuildOutcome", "BuildPlugin", "BuildResult", "SchedulerSpec", "SchedulerUnreachable", "build_act",
    "build_act_task", "build_on_cluster", "connect", "find_act_folders", "is_url", "parse_scheduler", "put_file",
    "wait_for_a_worker", "worker_count",
]
