"""The ``akn`` command line: wiring, exit codes and printing only.

Exit codes: 0 success, 1 findings or bad input, 2 usage or I/O error.

A command's module (and the machinery it imports: parser, emitter, schema,
validation) is imported only when that command runs, so ``akn --version`` and
``akn --help`` start in a fraction of the time. ``akn --help`` lists the
commands from the summaries below, which a test keeps equal to each
command's own help.
"""

from __future__ import annotations

import importlib

import click

from aknkit.version import __version__

# name -> (module, attribute, one-line summary as the command's help begins)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "build": ("build_cmd", "build", "Convert source folders (act.toml + <lang>.txt) into validated AKN."),
    "parse": ("build_cmd", "parse", "Parse one text file and show its structure (for debugging)."),
    "diff": ("diff_cmd", "diff", "Check that the language versions of one law have the same structure."),
    "validate": ("validate_cmd", "validate",
                 "Check Akoma Ntoso files: Level 1 (schema) and Level 2 (naming convention)."),
    "rules": ("rules_cmd", "rules",
              "List every code the commands report: severity, meaning, the commands that emit it and the "
              "specification section."),
    "unparse": ("unparse_cmd", "unparse",
                "Write an Akoma Ntoso FILE (or - for standard input) as plain text in the published "
                "layout, the layout `akn build` reads: building the text again gives the same document."),
    "render": ("render_cmd", "render",
               "Write an Akoma Ntoso FILE (or - for standard input) as one readable HTML page in the "
               "document's language: metadata, table of contents, the text with every unit anchored at its "
               "eId and references as links, editorial notes apart."),
    "index": ("index_cmd", "index",
              "Catalogue Akoma Ntoso documents (files, or folders searched for *.xml): works, expressions, "
              "units, references (resolved across the catalogue), lifecycle events and modifications, for a "
              "legal information system to import."),
}


class LazyGroup(click.Group):
    """A group whose commands are imported when they are looked up to run."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in COMMANDS and name not in self.commands:
            module, attribute, _ = COMMANDS[name]
            self.add_command(getattr(importlib.import_module(f"{__name__}.{module}"), attribute), name)
        return super().get_command(ctx, name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(map(len, names))
        rows = []
        for name in names:
            if name in COMMANDS and name not in self.commands:
                rows.append((name, click.Command(name, help=COMMANDS[name][2]).get_short_help_str(limit)))
            elif (command := self.commands.get(name)) is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="akn")
def main() -> None:
    """Plain-text legislation to Akoma Ntoso 3.0: build, validate, diff."""
