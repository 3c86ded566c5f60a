"""The rendered page in a real browser (headless Chromium).

Skipped where ``/usr/bin/chromium`` is absent. The browser runs with no network
features and a throw-away profile. The page must lay out into a screenshot
that is not blank, the DOM the browser built must hold every unit at its eId
and every note linked both ways, and a fragment (``#art_9__para_2``) must be a
place the browser can go to; a reference inside the page links to an element
that is there, and a date is a ``<time>``.

Set ``AKN_RENDER_SCREENSHOT=path.png`` to keep the screenshot for a look.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from aknkit.akn.read import read_akn
from aknkit.html.document import render_bytes
from helpers import OUTPUT, akn

CHROMIUM = Path("/usr/bin/chromium")
TEXTS = Path(__file__).parent / "fixtures" / "texts"

pytestmark = [pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium"), pytest.mark.slow]

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CHROMIUM), *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True, text=True, timeout=120, check=False)


def _screenshot(tmp_path: Path, page: Path, size: tuple[int, int]) -> bytes:
    shot = tmp_path / "page.png"
    _chromium(tmp_path, f"--window-size={size[0]},{size[1]}", f"--screenshot={shot}", page.as_uri())
    assert shot.is_file(), "the browser wrote no screenshot"
    if os.environ.get("AKN_RENDER_SCREENSHOT"):
        shutil.copy(shot, os.environ["AKN_RENDER_SCREENSHOT"])
    return shot.read_bytes()


def _bundled_page(tmp_path: Path) -> Path:
    page = tmp_path / "rus.html"
    page.write_text(render_bytes((OUTPUT / "rus.xml").read_bytes(), "rus.xml"), encoding="utf-8")
    return page


def test_bundled_law_renders_in_a_headless_browser(tmp_path):
    data = _screenshot(tmp_path, _bundled_page(tmp_path), (1200, 1600))
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1200, 1600)
    assert len(data) > 100_000  # a blank page compresses to a few kilobytes


def test_the_browser_holds_every_unit_of_the_bundled_law(tmp_path):
    dom = _chromium(tmp_path, "--dump-dom", _bundled_page(tmp_path).as_uri()).stdout
    eids = [unit.eid for unit in read_akn(str(OUTPUT / "rus.xml")).act.units()]
    anchored = set(re.findall(r'<div class="unit [^"]*" id="([^"]+)"', dom))
    assert set(eids) <= anchored
    assert len(re.findall(r'<li[^>]*><a href="#art_\d+">', dom)) == 18
    assert "Статья 9." in dom and "/akn/kz/act/constitutional-law/1991-12-16/1007-XII/rus@1991-12-16" in dom


def _editorial_page(tmp_path: Path) -> Path:
    data = akn((TEXTS / "editorial-rus.txt").read_text(encoding="utf-8"), "rus")
    page = tmp_path / "editorial.html"
    page.write_text(render_bytes(data, "editorial-rus.xml"), encoding="utf-8")
    return page


def test_notes_and_fragments_work_in_the_browser(tmp_path):
    page = _editorial_page(tmp_path)
    dom = _chromium(tmp_path, "--dump-dom", page.as_uri() + "#art_5__para_3").stdout
    markers = re.findall(r'<a class="note-ref" id="ref-(\d+)" href="#note-(\d+)"', dom)
    backs = re.findall(r'<li id="note-(\d+)">.*?<a class="back" href="#ref-(\d+)"', dom)
    assert markers and [a == b for a, b in markers] == [True] * len(markers)
    assert backs == [(n, n) for n, _ in markers]
    assert 'id="art_5__para_3"' in dom


def test_a_page_with_notes_lays_out(tmp_path):
    shot = _screenshot(tmp_path, _editorial_page(tmp_path), (1200, 1600))
    assert len(shot) > 50_000


def test_two_signers_lay_out_as_two_boxes(tmp_path):
    text = (Path(__file__).parent / "fixtures" / "regressions" / "two-signatures.rus.txt").read_text(encoding="utf-8")
    page = tmp_path / "two-signatures.html"
    page.write_text(render_bytes(akn(text, "rus"), "two-signatures.xml"), encoding="utf-8")
    dom = _chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    boxes = re.findall(r'<div class="signature"><div class="role">(.*?)</div>'
                       r'<div class="signer">(.*?)</div></div>', dom)
    assert boxes == [("Президент<br>Республики Казахстан", "Н. НАЗАРБАЕВ"),
                     ("Председатель<br>Верховного Совета", "С. АБДИЛЬДИН")]


def test_references_and_dates_in_the_browser(tmp_path):
    fixture = Path(__file__).parent / "fixtures" / "render" / "references-rus.xml"
    page = tmp_path / "references.html"
    page.write_text(render_bytes(fixture.read_bytes(), fixture.name), encoding="utf-8")
    dom = _chromium(tmp_path, "--dump-dom", page.as_uri() + "#art_2").stdout
    assert '<html lang="ru">' in dom and "<h2>Содержание</h2>" in dom
    inside = re.findall(r'<a class="ref" href="#([^"]+)">', dom)
    assert inside == ["art_2", "art_2__para_1"] and all(f'id="{anchor}"' in dom for anchor in inside)
    assert '<a class="ref" title="#art_99">статьей 99</a>' in dom
    assert '<time datetime="2020-07-01">1 июля 2020 года</time>' in dom
