"""A build killed midway (SIGKILL, no chance to clean up) leaves earlier outputs intact.

A real `akn build` process rebuilds a law that has grown large and is killed
at three moments: while it parses and emits, as soon as it stages its first
temporary file, and as soon as it starts replacing outputs. After each kill,
another act's outputs are byte-identical to before, and each output of the law
is either its earlier version or its complete new version, never a mixture or
a cut. Temporary files the killed process left are never taken for outputs,
and the next build removes them. (Disk-full and read-only folders: test_batch.py.)
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from aknkit.build import build_folder
from aknkit.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import synth

LANGUAGES = ("kaz", "rus", "eng")
LARGE = 1500  # articles: a build of a second or two on this machine
pytestmark = [pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL"), pytest.mark.slow]


def outputs(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.xml"))}


def temporaries(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.tmp"))


def start_build(source: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "aknkit", "build", str(source), "-o", str(out), "--jobs", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def kill_when(process: subprocess.Popen, ready, timeout: float = 60.0) -> bool:
    """SIGKILL ``process`` as soon as ``ready()`` holds; False if it ended first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready():
            process.send_signal(signal.SIGKILL)
            process.wait()
            return True
        if process.poll() is not None:
            return False
        time.sleep(0.0005)
    process.kill()
    process.wait()
    raise AssertionError("the build neither reached the moment nor ended")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """An output folder holding an earlier build of two acts; the law's source
    then grows large, and its complete new outputs are built aside."""
    root = tmp_path_factory.mktemp("interrupt")
    src, out = root / "src", root / "out"
    synth.write_act(src / "other", 5, number="1-VI")
    synth.write_act(src / "law", 5, number="2-VI")
    result = CliRunner().invoke(main, ["build", str(src), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    earlier = {"other": outputs(out / "other"), "law": outputs(out / "law")}
    synth.write_act(src / "law", LARGE, number="2-VI")
    build_folder(src / "law", root / "complete")
    return src, out, earlier, outputs(root / "complete" / "law")


def assert_intact(site) -> None:
    _, out, earlier, complete = site
    assert outputs(out / "other") == earlier["other"], "another act's outputs changed"
    law = outputs(out / "law")
    assert sorted(law) == sorted(earlier["law"])
    for name, data in law.items():
        assert data in (earlier["law"][name], complete[name]), f"{name} is neither the earlier nor the new file"


def after(seconds: float):
    deadline = time.monotonic() + seconds
    return lambda: time.monotonic() >= deadline


def test_killed_while_parsing_and_emitting(site):
    src, out, *_ = site
    process = start_build(src / "law", out)
    assert kill_when(process, after(0.4)), "the build ended within 0.4 s: make the law larger"
    assert_intact(site)


def test_killed_while_staging_the_new_files(site):
    src, out, *_ = site
    process = start_build(src / "law", out)
    assert kill_when(process, lambda: bool(temporaries(out / "law"))), "the build ended before staging"
    assert_intact(site)
    assert temporaries(out / "law"), "a killed build cannot clean up after itself"


def test_killed_while_replacing_the_outputs(site):
    src, out, *_ = site
    before = {path: path.stat().st_mtime_ns for path in (out / "law").glob("*.xml")}
    process = start_build(src / "law", out)
    changed = lambda: any(path.stat().st_mtime_ns != stamp for path, stamp in before.items())  # noqa: E731
    kill_when(process, changed)
    assert_intact(site)


def test_leftover_temporaries_are_no_outputs_and_the_next_build_removes_them(site):
    src, out, earlier, complete = site
    if not temporaries(out / "law"):
        kill_when(start_build(src / "law", out), lambda: bool(temporaries(out / "law")))
    left = temporaries(out / "law")
    assert left, "a killed build left staged files"
    # Nothing that looks for outputs takes them for one.
    result = CliRunner().invoke(main, ["validate", str(out / "law")])
    assert f"{len(outputs(out / 'law'))} files checked" in result.output
    assert not any(".tmp" in line for line in result.output.splitlines())
    old = time.time() - 5
    for path in left:
        os.utime(path, (old, old))
    result = CliRunner().invoke(main, ["build", str(src / "law"), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert outputs(out / "law") == complete
    assert outputs(out / "other") == earlier["other"]
    assert temporaries(out / "law") == []
