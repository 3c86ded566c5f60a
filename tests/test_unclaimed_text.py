"""Text after the signature that no attachment heading claims is read into the
act's last unit, and the parser says so (P233) instead of doing it quietly."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from aknkit import load_profile, parse_text
from aknkit.cli import main
from helpers import BUNDLED, LANGUAGES, write_source

TEXTS = Path(__file__).parent / "fixtures" / "texts"


def _text(lang: str) -> str:
    return (TEXTS / f"unclaimed-after-signature-{lang}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_text_after_the_signature_is_named_at_its_first_line(lang):
    act = parse_text(_text(lang), load_profile(lang), f"{lang}.txt")
    assert [(w.code, w.severity, w.file, w.line) for w in act.warnings] == [("P233", "warning", f"{lang}.txt", 14)]
    assert "signature block at line 11" in act.warnings[0].message


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_signature_at_the_end_gives_no_warning(lang):
    text = (BUNDLED / f"{lang}.txt").read_text(encoding="utf-8")
    assert [w.code for w in parse_text(text, load_profile(lang), f"{lang}.txt").warnings] == []


def test_build_prints_it_and_writes_the_act(tmp_path):
    source = write_source(tmp_path / "act", {"rus": _text("rus")})
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "14:0  warning  P233" in result.output
    assert (out / "act" / "rus.xml").is_file()


def test_strict_build_refuses_it_and_writes_nothing(tmp_path):
    source = write_source(tmp_path / "act", {"rus": _text("rus")})
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(out), "--strict"])
    assert result.exit_code == 1, result.output
    assert "P233" in result.output and "rus.txt" in result.output
    assert not out.exists() or not any(out.rglob("*.xml"))
