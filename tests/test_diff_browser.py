"""The diff HTML page rendered by a real browser (headless Chromium).

Skipped where ``/usr/bin/chromium`` is absent. The browser runs with no network
features and a throw-away profile; the page must lay out into a non-trivial
screenshot, and the DOM the browser built must hold one mark per finding.
"""

from __future__ import annotations

import re
import struct
import subprocess
from pathlib import Path

import pytest

from aknkit.akn.read import read_akn
from aknkit.diff import Version, diff_versions
from aknkit.html.diff_page import render_html

CHROMIUM = Path("/usr/bin/chromium")
FIXTURES = Path(__file__).parent / "fixtures" / "diff"

pytestmark = [pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium"), pytest.mark.slow]

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _report_with_findings():
    """kaz and rus from the base, eng with a deleted article, an untranslated
    point and a changed date gathered from three cases."""
    eng = read_akn(str(FIXTURES / "akn" / "deleted-article" / "eng.xml"))
    point = next(u for u in eng.act.units() if u.eid == "art_3__point_3")
    point.intro[0].text = "справочную помощь."
    article6 = next(u for u in eng.act.units() if u.eid == "art_6")
    article6.intro[0].text = article6.intro[0].text.replace("July 1", "July 2")
    versions = [Version(eng.act, eng.act.source, eng.work_iri)]
    for language in ("kaz", "rus"):
        document = read_akn(str(FIXTURES / "base" / f"{language}.xml"))
        versions.append(Version(document.act, document.act.source, document.work_iri))
    return diff_versions(versions)


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CHROMIUM), *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True, text=True, timeout=120, check=False)


def _page(tmp_path: Path) -> Path:
    page = tmp_path / "diff.html"
    page.write_text(render_html(_report_with_findings()), encoding="utf-8")
    return page


def test_the_report_has_one_finding_of_each_kind():
    assert [f.code for f in _report_with_findings().findings] == ["D205", "D101", "D202"]


def test_page_renders_in_a_headless_browser(tmp_path):
    page = _page(tmp_path)
    shot = tmp_path / "diff.png"
    _chromium(tmp_path, "--window-size=1280,1600", f"--screenshot={shot}", page.as_uri())
    assert shot.is_file(), "the browser wrote no screenshot"
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 1600)
    assert len(data) > 50_000  # a blank page compresses to a few kilobytes


def test_the_browser_builds_one_mark_per_finding(tmp_path):
    page = _page(tmp_path)
    dom = _chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    marks = re.findall(r'<a class="mark code (\w+)" id="f-(\d+)" href="#s-\2"', dom)
    assert marks == [("warning", "1"), ("error", "2"), ("warning", "3")]
    assert len(re.findall(r'<li id="s-\d+"', dom)) == 3
    assert "no counterpart in eng" in dom
