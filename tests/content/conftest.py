"""Fixtures for the content tests: run `feeds validate` on a content directory.

The command runs from the directory's parent with `--content content`, so the
problem lines read exactly as an editor sees them: `content/editions/001.yaml:9: ...`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from feeds.cli import cli

# Settings an outer environment might carry; every run starts without them.
CLEAN_ENV: dict[str, str | None] = {
    "FEEDS_CONTENT_DIR": None,
    "FEEDS_BASE_URL": None,
    "FEEDS_FEED_LIMIT": None,
}


@dataclass(frozen=True)
class Validated:
    """What one run of `feeds validate` printed, and its exit code."""

    exit_code: int
    stdout: str
    stderr: str

    @property
    def problems(self) -> list[str]:
        """The problem lines: every line of stdout but the summary."""
        return self.stdout.splitlines()[:-1]

    @property
    def summary(self) -> str:
        """The last line of stdout."""
        return self.stdout.splitlines()[-1]


Validate = Callable[..., Validated]


@pytest.fixture
def validate(monkeypatch: pytest.MonkeyPatch) -> Validate:
    """Run `feeds validate --content NAME` from the parent of a content directory."""

    def run(root: Path, *extra: str) -> Validated:
        monkeypatch.chdir(root.parent)
        result = CliRunner().invoke(
            cli,
            ["validate", "--content", root.name, *extra],
            env=CLEAN_ENV,
            catch_exceptions=False,
        )
        return Validated(result.exit_code, result.stdout, result.stderr)

    return run
