"""Building many acts at once: order, isolation of failures, processes, clean errors."""

from __future__ import annotations

import errno
import sys
from pathlib import Path

from click.testing import CliRunner

from aknkit import build as build_module
from aknkit.build import build_many
from aknkit.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import synth


def corpus(root: Path, acts: int = 6) -> Path:
    synth.write_corpus(root, acts, articles=3)
    return root


def xml_files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.xml"))}


def test_a_tree_of_acts_is_built_and_one_failure_does_not_stop_the_rest(tmp_path):
    src = corpus(tmp_path / "src")
    (src / "act-00002" / "eng.txt").write_text("Title\n\nArticle 2. Two.\n\nArticle 1. One.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(src), "-o", str(out), "--jobs", "2"])
    assert result.exit_code == 1
    assert "5 built, 1 failed, 6 act(s)" in result.output
    assert "P102" in result.output and "act-00002 (nothing written)" in result.output
    built = {p.parent.name for p in out.rglob("kaz.xml")}
    assert built == {f"act-{i:05d}" for i in range(6)} - {"act-00002"}


def test_processes_give_the_same_bytes_in_the_same_order(tmp_path):
    src = corpus(tmp_path / "src", acts=8)
    one = [o.folder.name for o in build_many(sorted(src.iterdir()), tmp_path / "one", jobs=1)]
    two = [o.folder.name for o in build_many(sorted(src.iterdir()), tmp_path / "two", jobs=2)]
    assert one == two == sorted(p.name for p in src.iterdir())
    assert xml_files(tmp_path / "one") == xml_files(tmp_path / "two")
    assert len(xml_files(tmp_path / "one")) == 24


def test_output_path_that_is_a_file_is_a_usage_error(tmp_path):
    src = corpus(tmp_path / "src", acts=1)
    blocker = tmp_path / "out"
    blocker.write_text("not a folder", encoding="utf-8")
    assert CliRunner().invoke(main, ["build", str(src), "-o", str(blocker)]).exit_code == 2


def test_output_path_inside_a_file_gives_a_clear_message(tmp_path):
    src = corpus(tmp_path / "src", acts=1)
    blocker = tmp_path / "out"
    blocker.write_text("not a folder", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(src), "-o", str(blocker / "inside")])
    assert result.exit_code == 1
    assert "B401" in result.output and "cannot write the output" in result.output
    assert "Traceback" not in result.output


def test_disk_full_leaves_no_temporary_file_and_keeps_earlier_output(tmp_path, monkeypatch):
    src = corpus(tmp_path / "src", acts=1)
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(src), "-o", str(out)]).exit_code == 0
    before = xml_files(out)

    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(build_module.os, "fsync", full)
    result = CliRunner().invoke(main, ["build", str(src), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 1 and "No space left on device" in result.output
    assert xml_files(out) == before
    assert not list(out.rglob("*.tmp"))


def test_outputs_are_readable_by_others_like_any_new_file(tmp_path):
    src = corpus(tmp_path / "src", acts=1)
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(src), "-o", str(out)]).exit_code == 0
    modes = {p.stat().st_mode & 0o777 for p in out.rglob("*.xml")}
    assert modes == {0o644}
