"""The `feeds` command line: one module per command, and the only place that prints.

Settings are read here, once: flags, then FEEDS_* environment variables, then
defaults (`feeds.settings`). Expected failures (`FeedsError`) end with a one-line
reason and exit code 2; a traceback means a bug.
"""

from __future__ import annotations

import click

from feeds.cli.build import build
from feeds.cli.check_links import check_links
from feeds.cli.serve import serve
from feeds.cli.validate import validate

__all__ = ["cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="bulletin-feeds", prog_name="feeds")
def cli() -> None:
    """Publish the Cyber, Digital and Technology Bulletin as feeds, pages and an API."""


cli.add_command(build)
cli.add_command(serve)
cli.add_command(validate)
cli.add_command(check_links)


def main() -> None:
    """Entry point of the `feeds` console script."""
    cli(prog_name="feeds")
