"""The ``akn`` command line: wiring, exit codes and printing only.

Exit codes: 0 success, 1 findings or bad input, 2 usage or I/O error.
"""

from __future__ import annotations

import click

from .. import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="akn")
def main() -> None:
    """Plain-text legislation to Akoma Ntoso 3.0: build, validate, diff."""


# Each command lives in its own module; registering it here is the only wiring.
from .build_cmd import build, parse  # noqa: E402

main.add_command(build)
main.add_command(parse)
from .diff_cmd import diff  # noqa: E402
main.add_command(diff)
from .validate_cmd import rules, validate  # noqa: E402
main.add_command(validate)
main.add_command(rules)
from .unparse_cmd import unparse  # noqa: E402
main.add_command(unparse)
from .render_cmd import render  # noqa: E402
main.add_command(render)
from .index_cmd import index  # noqa: E402
main.add_command(index)
