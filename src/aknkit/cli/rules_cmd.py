"""``akn rules``: every code any command reports, from the one registry."""

from __future__ import annotations

import dataclasses
import json

import click

from aknkit.cli.common import EXIT_USAGE, fail
from aknkit.findings import RULES, rules_markdown, select_rules


@click.command()
@click.argument("prefixes", nargs=-1, metavar="[PREFIX]...")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="text for people, JSON, or the README's Markdown table.")
def rules(prefixes: tuple[str, ...], output_format: str) -> None:
    """List every code the commands report: severity, meaning, the commands
    that emit it and the specification section. PREFIX keeps the codes that
    start with it (akn rules P S, akn rules AKN3)."""
    unknown = [p for p in prefixes if not any(code.startswith(p.upper()) for code in RULES)]
    if unknown:
        fail(f"{', '.join(unknown)} is no code or code prefix; families: AKN, P, S, B, D, U, R, C", EXIT_USAGE)
    chosen = select_rules(prefixes)
    if output_format == "json":
        click.echo(json.dumps([dataclasses.asdict(rule) for rule in chosen], ensure_ascii=False, indent=2))
    elif output_format == "markdown":
        click.echo(rules_markdown(chosen), nl=False)
    else:
        width = max(len(rule.code) for rule in chosen)
        for rule in chosen:
            click.echo(f"{rule.code:<{width}}  {rule.severity:<7}  {','.join(rule.commands):<22}  "
                       f"{rule.summary}  [{rule.section}]")
