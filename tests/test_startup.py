"""Start-up: `akn --version` and `akn --help` load none of the build machinery,
and the package's public names still resolve (imported on first use)."""

from __future__ import annotations

import importlib
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from helpers import BUNDLED, OUTPUT

HEAVY = ("aknkit.build", "aknkit.text.parse", "aknkit.akn.emit", "aknkit.validate", "aknkit.text.sources",
         "lxml.etree", "pycountry", "concurrent.futures.process", "distributed")


def modules_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


@pytest.mark.parametrize("option", ["--version", "--help"])
def test_version_and_help_import_no_build_machinery(option):
    loaded = modules_after(
        "from aknkit.cli import main\n"
        f"try:\n    main([{option!r}], prog_name='akn')\nexcept SystemExit as stop:\n    assert stop.code == 0")
    assert "aknkit.cli" in loaded
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))


def _commands() -> list[str]:
    from aknkit.cli import COMMANDS

    return sorted(COMMANDS)


@pytest.mark.parametrize("name", _commands())
def test_help_lists_each_command_with_its_own_summary(name):
    from aknkit.cli import COMMANDS, main

    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    module, attribute, summary = COMMANDS[name]
    command = getattr(importlib.import_module(f"aknkit.cli.{module}"), attribute)
    assert command.name == name
    for limit in (45, 1000):
        assert click.Command(name, help=summary).get_short_help_str(limit) == command.get_short_help_str(limit), name
    assert f"  {name} " in result.output


def test_a_command_runs_after_help_was_shown():
    from aknkit.cli import main

    runner = CliRunner()
    assert runner.invoke(main, ["--help"]).exit_code == 0
    result = runner.invoke(main, ["parse", str(BUNDLED / "eng.txt")])
    assert result.exit_code == 0 and "Article 1" in result.output


def _public_names() -> list[str]:
    import aknkit

    return list(aknkit.__all__)


@pytest.mark.parametrize("name", _public_names())
def test_the_public_names_resolve_on_first_use(name):
    import aknkit

    assert getattr(aknkit, name) is not None, name


def test_the_public_names_are_listed():
    import aknkit

    assert set(aknkit.__all__) <= set(dir(aknkit))


def test_a_public_name_is_the_object_of_its_module():
    import aknkit
    from aknkit.akn.emit import to_akn

    assert aknkit.to_akn is to_akn


def test_the_public_functions_work():
    import aknkit

    act = aknkit.parse_file(BUNDLED / "eng.txt")
    assert isinstance(act, aknkit.Act) and any(unit.kind == "article" for unit in act.units())


def test_an_unknown_name_is_an_attribute_error():
    import aknkit

    with pytest.raises(AttributeError):
        aknkit.no_such_name  # noqa: B018


def test_the_installed_version_is_the_package_version():
    from importlib.metadata import version

    import aknkit
    from aknkit.version import __version__

    assert version("aknkit") == aknkit.__version__ == __version__


def test_a_schema_compiled_in_the_background_is_compiled_once_and_validates():
    # Started before the caller needs it, as `akn build` of one act does: the
    # caller waits for that compilation instead of running a second one.
    probe = (
        "from lxml import etree\n"
        "from aknkit.akn.schema import compile_in_background, compiled_lxml_schema, lxml_schema\n"
        "compile_in_background()\n"
        "schema = lxml_schema()\n"
        f"valid = schema.validate(etree.parse({str(OUTPUT / 'eng.xml')!r}))\n"
        "print(compiled_lxml_schema.cache_info().misses, valid)\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1", "True"]
