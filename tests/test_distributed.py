"""The distributed build on a real Dask cluster (``akn build --scheduler``).

A real ``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1 (free
ports, no dashboard) build a generated corpus of small acts in three languages:
the bytes equal the local build's, a broken act is reported while the others
are built, and a worker killed with SIGKILL in the middle of the run costs
nothing: every act is complete, intact and nothing temporary is left.
Object-store URLs are exercised with fsspec's ``memory://`` on an in-process
cluster (that file system lives in one process). Pick these with ``-m dask``.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import write_small_corpus

distributed = pytest.importorskip("distributed")
fsspec = pytest.importorskip("fsspec")

from aknkit.build import build_many  # noqa: E402
from aknkit.cli import main  # noqa: E402

pytestmark = pytest.mark.dask

ACTS = 160
START_TIMEOUT = 90.0  # seconds for a scheduler and its workers to come up on a busy machine
LANGUAGES = ("kaz", "rus", "eng")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def dask_command() -> str:
    beside = Path(sys.executable).parent / "dask"
    return str(beside) if beside.exists() else "dask"


class Cluster:
    """A scheduler and ``workers`` worker processes (no nanny: a killed worker stays dead)."""

    def __init__(self, logs: Path, workers: int = 2) -> None:
        logs.mkdir(parents=True, exist_ok=True)
        self.address = f"tcp://127.0.0.1:{free_port()}"
        self.processes: list[subprocess.Popen] = []
        self.scheduler = self._start(logs / "scheduler.log", "scheduler", "--host", "127.0.0.1",
                                     "--port", self.address.rsplit(":", 1)[1], "--no-dashboard")
        self.workers = [self._start(logs / f"worker-{n}.log", "worker", self.address, "--host", "127.0.0.1",
                                    "--nthreads", "1", "--no-nanny", "--no-dashboard", "--name", f"w{n}")
                        for n in range(workers)]
        self.logs = logs
        self.wait_for_workers()

    def wait_for_workers(self) -> None:
        with distributed.Client(self.address, timeout=f"{START_TIMEOUT}s") as client:
            client.wait_for_workers(len(self.workers), timeout=START_TIMEOUT)

    def revive(self) -> None:
        """Start again any worker a test killed, so that the next test has two."""
        dead = [n for n, worker in enumerate(self.workers) if worker.poll() is not None]
        for n in dead:
            self.workers[n] = self._start(self.logs / f"worker-{n}-again.log", "worker", self.address,
                                          "--host", "127.0.0.1", "--nthreads", "1", "--no-nanny",
                                          "--no-dashboard", "--name", f"w{n}-again")
        if dead:
            self.wait_for_workers()

    def _start(self, log: Path, *args: str) -> subprocess.Popen:
        with log.open("wb") as sink:
            process = subprocess.Popen([dask_command(), *args], stdout=sink, stderr=subprocess.STDOUT,
                                       stdin=subprocess.DEVNULL)
        self.processes.append(process)
        return process

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus") / "acts"
    write_small_corpus(root, ACTS, articles=1)
    return root


@pytest.fixture(scope="module")
def local_build(corpus, tmp_path_factory) -> dict[str, bytes]:
    """The corpus built on this machine the usual way: what the cluster must reproduce."""
    out = tmp_path_factory.mktemp("local") / "out"
    outcomes = list(build_many(sorted(corpus.iterdir()), out, jobs=2))
    assert all(o.ok for o in outcomes)
    return xml_files(out)


@pytest.fixture(scope="module")
def running_cluster(tmp_path_factory):
    running = Cluster(tmp_path_factory.mktemp("dask-logs"))
    yield running
    running.stop()


@pytest.fixture
def cluster(running_cluster) -> Cluster:
    """The module's scheduler with two live workers."""
    running_cluster.revive()
    return running_cluster


def xml_files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.xml"))}


@pytest.mark.slow
def test_a_real_cluster_builds_the_same_bytes_as_the_local_build(corpus, local_build, cluster, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(corpus), "-o", str(out), "--scheduler", cluster.address])
    assert result.exit_code == 0, result.output
    assert f"{ACTS} built, 0 failed, {ACTS} act(s)" in result.output
    assert "with 2 Dask worker(s)" in result.output
    assert len(local_build) == 3 * ACTS
    assert xml_files(out) == local_build
    assert not list(out.rglob("*.tmp"))
    # The schema was compiled and the profiles read once per worker, not per act.
    def _loads(dask_worker):  # nested, so that it travels to the workers by value
        """On a worker: (build plugin present, schema compilations, profiles read, tasks run)."""
        from aknkit.akn.schema import compiled_lxml_schema
        from aknkit.distributed import PLUGIN_NAME
        from aknkit.text.profile import load_profile

        return (PLUGIN_NAME in dask_worker.plugins, compiled_lxml_schema.cache_info().misses,
                load_profile.cache_info().misses, dask_worker.state.executed_count)

    with distributed.Client(cluster.address) as client:
        per_worker = client.run(_loads)
    assert len(per_worker) == 2
    assert sum(tasks for *_, tasks in per_worker.values()) >= ACTS
    for plugin_present, schema_compiled, profiles_loaded, tasks in per_worker.values():
        assert plugin_present and tasks > 1
        assert schema_compiled == 1
        assert profiles_loaded == len(LANGUAGES)


@pytest.mark.slow
def test_a_broken_act_is_reported_and_the_rest_are_built(cluster, tmp_path):
    source = tmp_path / "acts"
    write_small_corpus(source, 12)
    broken = source / "act-0007" / "rus.txt"
    broken.write_text(broken.read_text(encoding="utf-8").replace("Статья 1.", "Статья 3."), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(out), "--scheduler", cluster.address])
    assert result.exit_code == 1
    assert "11 built, 1 failed, 12 act(s)" in result.output
    assert "act-0007/rus.txt\n" in result.output
    assert "P102  article 'Статья 2.' comes after 'Статья 3.'" in result.output
    assert "act-0007 (nothing written)" in result.output
    assert "Traceback" not in result.output
    built = {p.parent.name for p in out.rglob("eng.xml")}
    assert built == {f"act-{i:04d}" for i in range(1, 13)} - {"act-0007"}
    assert not [p for p in out.rglob("*") if "act-0007" in str(p) and p.is_file()]


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_worker_killed_mid_run_loses_no_act_and_leaves_no_partial_output(corpus, local_build, cluster, tmp_path):
    out = tmp_path / "out"
    build = subprocess.Popen([sys.executable, "-m", "aknkit", "build", str(corpus), "-o", str(out),
                              "--scheduler", cluster.address],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        while len(list(out.glob("*/eng.xml"))) < ACTS // 8:
            assert build.poll() is None, build.communicate()[0]
            assert time.monotonic() < deadline, "the build made no progress"
            time.sleep(0.02)
        cluster.workers[0].send_signal(signal.SIGKILL)
        cluster.workers[0].wait()
        built_at_kill = len(list(out.glob("*/eng.xml")))
        output, _ = build.communicate(timeout=180)
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()
    assert built_at_kill < ACTS, "the worker was killed after the run"
    assert build.returncode == 0, output
    assert f"{ACTS} built, 0 failed, {ACTS} act(s)" in output
    assert xml_files(out) == local_build
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


@pytest.mark.slow
def test_object_store_urls_are_read_and_written_through_fsspec(local_build, corpus):
    """memory:// on an in-process cluster; a broken act's findings name its URL and line."""
    from aknkit.distributed import build_on_cluster, find_act_folders

    store = fsspec.filesystem("memory")
    names = [f"act-{i:04d}" for i in range(1, 9)]
    for name in names:
        for path in (corpus / name).iterdir():
            store.pipe_file(f"/bucket/acts/{name}/{path.name}", path.read_bytes())
    store.pipe_file("/bucket/acts/act-0003/eng.txt", b"Title\n\nArticle 2. Two.\n\nArticle 1. One.\n")
    try:
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                      dashboard_address=":0") as local, distributed.Client(local) as client:
            folders = find_act_folders(["memory://bucket/acts"])
            assert folders == [f"memory://bucket/acts/{name}" for name in names]
            outcomes = {str(o.folder): o for o in build_on_cluster(folders, "memory://bucket/out", client)}
        broken = outcomes.pop("memory://bucket/acts/act-0003")
        assert not broken.ok
        assert {(f.code, f.file, f.line) for f in broken.findings} == {
            ("P102", "memory://bucket/acts/act-0003/eng.txt", 5)}
        assert all(o.ok for o in outcomes.values())
        assert outcomes["memory://bucket/acts/act-0001"].result.outputs["rus"] == \
            "memory://bucket/out/act-0001/rus.xml"
        written = {path.removeprefix("/bucket/out/"): store.cat_file(path)
                   for path in store.find("/bucket/out")}
        expected = {key: data for key, data in local_build.items()
                    if key.split("/")[0] in set(names) - {"act-0003"}}
        assert written == expected
    finally:
        store.rm("/bucket", recursive=True)


def test_without_the_extra_the_option_says_how_to_install_it(monkeypatch, tmp_path):
    write_small_corpus(tmp_path / "acts", 1)
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    monkeypatch.delitem(sys.modules, "aknkit.distributed", raising=False)
    result = CliRunner().invoke(main, ["build", str(tmp_path / "acts"), "-o", str(tmp_path / "out"),
                                       "--scheduler", "local:2"])
    assert result.exit_code == 2
    assert "pip install 'aknkit[dask]'" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("spec", ["local:0", "local:two", "8786"])
def test_a_scheduler_that_is_no_address_is_refused(spec, tmp_path):
    write_small_corpus(tmp_path / "acts", 1)
    result = CliRunner().invoke(main, ["build", str(tmp_path / "acts"), "--scheduler", spec])
    assert result.exit_code == 2
    assert "tcp://HOST:8786" in result.output or "at least one worker" in result.output


def test_jobs_and_a_scheduler_together_are_refused(tmp_path):
    write_small_corpus(tmp_path / "acts", 1)
    result = CliRunner().invoke(main, ["build", str(tmp_path / "acts"), "--jobs", "2", "--scheduler", "local:2"])
    assert result.exit_code == 2
    assert "--jobs and --scheduler: choose one" in result.output


def test_urls_without_a_scheduler_are_refused_with_the_way_to_build_them(tmp_path):
    write_small_corpus(tmp_path / "acts", 1)
    result = CliRunner().invoke(main, ["build", str(tmp_path / "acts"), "-o", "memory://out"])
    assert result.exit_code == 2
    assert "--scheduler local:N" in result.output


@pytest.mark.slow
def test_a_scheduler_without_workers_is_reported_instead_of_waiting_forever(monkeypatch, tmp_path):
    from aknkit.cli import build_cmd

    write_small_corpus(tmp_path / "acts", 2)
    monkeypatch.setattr(build_cmd, "WORKER_WAIT_S", 1)
    with distributed.LocalCluster(n_workers=0, processes=False, dashboard_address=":0") as empty:
        result = CliRunner().invoke(main, ["build", str(tmp_path / "acts"), "-o", str(tmp_path / "out"),
                                           "--scheduler", empty.scheduler_address])
    assert result.exit_code == 2
    assert "no Dask worker joined the scheduler" in result.output
    assert not (tmp_path / "out").exists()


def test_outcomes_come_back_as_the_acts_finish_not_in_the_order_sent(tmp_path):
    from aknkit.distributed import build_on_cluster

    large = write_small_corpus(tmp_path / "large", 1, articles=150)[0]  # act-0001: sent first, slowest
    small = write_small_corpus(tmp_path / "small", 6)[1:]  # act-0002 ... act-0006
    folders = [str(large)] + [str(folder) for folder in small]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=":0") as local, distributed.Client(local) as client:
        outcomes = list(build_on_cluster(folders, str(tmp_path / "out"), client))
    assert all(outcome.ok for outcome in outcomes)
    assert sorted(Path(outcome.folder).name for outcome in outcomes) == [f"act-{i:04d}" for i in range(1, 7)]
    # The other worker's small acts arrive while the large one is still being built.
    assert Path(outcomes[0].folder).name != "act-0001"


def test_a_url_whose_file_system_is_unknown_is_refused_before_any_cluster_starts(tmp_path):
    write_small_corpus(tmp_path / "acts", 1)
    result = CliRunner().invoke(main, ["build", str(tmp_path / "acts"), "-o", "nosuchfs://bucket/out",
                                       "--scheduler", "local:1"])
    assert result.exit_code == 2
    assert "Protocol not known: nosuchfs" in result.output
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_a_scheduler_that_does_not_answer_is_reported(monkeypatch, tmp_path):
    from aknkit.cli import build_cmd

    write_small_corpus(tmp_path / "acts", 1)
    monkeypatch.setattr(build_cmd, "CONNECT_WAIT_S", 1)
    nobody = f"tcp://127.0.0.1:{free_port()}"
    result = CliRunner().invoke(main, ["build", str(tmp_path / "acts"), "-o", str(tmp_path / "out"),
                                       "--scheduler", nobody])
    assert result.exit_code == 2
    assert f"cannot reach the Dask scheduler at {nobody}" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
