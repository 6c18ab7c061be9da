"""Fixtures shared by every test module: content trees and golden files.

Golden files are compared byte for byte and regenerated only on purpose:
`make test PYTEST_ARGS=--update-golden` (see docs/testing.md).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from feeds.content import load_site
from feeds.models import Site
from feeds.settings import Settings

# No per-example deadline: on a shared two-core machine timing is noise, not a finding.
hypothesis_settings.register_profile("bulletin", deadline=None)
hypothesis_settings.load_profile("bulletin")

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "content"
SMALL = Path(__file__).resolve().parent / "fixtures" / "small"
GOLDEN = Path(__file__).resolve().parent / "golden"

SITE_YAML = """\
title: Test Bulletin
description: A bulletin for tests.
base_url: https://bulletin.example.org
language: en-GB
timezone: Europe/London
publisher: Test Publisher
contact: team@example.org
sections:
  - {slug: news, title: News}
  - {slug: events, title: Events}
"""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden files from the current output instead of comparing",
    )


@pytest.fixture(scope="session")
def bundled_site() -> Site:
    """The bundled content (edition 25), loaded once."""
    return load_site(BUNDLED)


@pytest.fixture(scope="session")
def small_site() -> Site:
    """The small fixed content tree behind the golden files."""
    return load_site(SMALL)


@pytest.fixture
def settings() -> Settings:
    """Default settings."""
    return Settings()


WriteContent = Callable[..., Path]


@pytest.fixture
def write_content(tmp_path: Path) -> WriteContent:
    """Write a content directory: `write_content({"025.yaml": "..."}, site=...)`.

    Text is dedented, so tests can indent YAML inline. Returns the directory.
    """

    def write(editions: dict[str, str], site: str | None = SITE_YAML) -> Path:
        root = tmp_path / "content"
        (root / "editions").mkdir(parents=True, exist_ok=True)
        if site is not None:
            (root / "site.yaml").write_text(textwrap.dedent(site), encoding="utf-8")
        for name, text in editions.items():
            (root / "editions" / name).write_text(textwrap.dedent(text), encoding="utf-8")
        return root

    return write


Golden = Callable[[str, bytes], None]


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """Compare bytes with tests/golden/NAME, or rewrite it under --update-golden."""
    update = bool(request.config.getoption("--update-golden"))

    def check(name: str, actual: bytes) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(actual)
            return
        assert path.exists(), f"no golden file {path}; run with --update-golden to create it"
        expected = path.read_bytes()
        assert actual == expected, f"output differs from golden file {path}"

    return check
