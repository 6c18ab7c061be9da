"""Options and error handling shared by the commands."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from feeds.exceptions import ContentError, FeedsError
from feeds.exit_codes import ExitCode
from feeds.settings import Settings

__all__ = ["content_option", "fail", "handle_errors", "settings_from"]

F = TypeVar("F", bound=Callable[..., Any])

content_option = click.option(
    "--content",
    "content_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Content directory (default: $FEEDS_CONTENT_DIR, else ./content).",
)


def settings_from(**flags: Any) -> Settings:
    """Settings from these flags over the FEEDS_* environment."""
    return Settings.from_env(os.environ, **flags)


def fail(message: str) -> None:
    """Stop with a one-line reason and exit code 2: the command could not run."""
    click.echo(f"feeds: error: {message}", err=True)
    raise SystemExit(ExitCode.UNUSABLE)


def handle_errors(command: F) -> F:
    """Turn an expected failure into a one-line reason and exit code 2."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ContentError as exc:
            # One line, as for every reason a command cannot run: the first error, with
            # where it is, and the command that lists them all.
            errors = [p for p in exc.problems if p.severity == "error"]
            more = f" and {len(errors) - 1} more error(s)" if len(errors) > 1 else ""
            fail(f"{errors[0] if errors else exc}{more}; `feeds validate` lists every problem")
        except FeedsError as exc:
            fail(str(exc))

    return wrapper  # type: ignore[return-value]
