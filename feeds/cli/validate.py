"""`feeds validate`: read all content and report every problem, one per line."""

from __future__ import annotations

from pathlib import Path

import click

from feeds.cli.options import content_option, handle_errors, settings_from
from feeds.content import load_content
from feeds.exit_codes import ExitCode

__all__ = ["validate"]


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@click.command()
@content_option
@handle_errors
def validate(content_dir: Path | None) -> None:
    """Check the content: report every error and warning as path:line: message.

    Exits 0 when there are no errors (warnings allowed), 1 when there are.
    """
    settings = settings_from(content_dir=content_dir)
    loaded = load_content(settings.content_dir, settings.base_url)
    for problem in loaded.problems:
        click.echo(str(problem))
    errors, warnings = len(loaded.errors), len(loaded.warnings)
    if loaded.site is not None:
        site = loaded.site
        counts = f"{_count(len(site.editions), 'edition')}, {_count(len(site.items), 'item')}"
    else:
        counts = "not publishable"
    found = f"{_count(errors, 'error')}, {_count(warnings, 'warning')}"
    click.echo(f"{settings.content_dir}: {counts}; {found}")
    raise SystemExit(ExitCode.FINDINGS if errors else ExitCode.OK)
