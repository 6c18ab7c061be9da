"""Fixtures for the API tests: the bundled site's app on a fixed clock, and a client."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from feeds.api.index import ApiIndex, build_index
from feeds.api.reports import LocalReportReader
from feeds.models import Site
from feeds.settings import Settings
from feeds.snapshot import build_snapshot
from feeds.web import create_app
from feeds.web.types import ASGIApp

# A Friday in the week of edition 25: the showcase (14th) is over, the cloud workshop
# (21st) is to come, the Apolitical (20th) and DfE (22nd) deadlines are open and
# techUK's (8th) has passed.
NOW = datetime(2024, 11, 15, 12, 0, tzinfo=UTC)
BASE = "https://bulletin.example.org"

MakeApp = Callable[..., ASGIApp]
MakeClient = Callable[..., TestClient]


@pytest.fixture(scope="session")
def bundled_index(bundled_site: Site) -> ApiIndex:
    """The API index of the bundled content."""
    return build_index(bundled_site)


@pytest.fixture
def make_app(bundled_site: Site, bundled_index: ApiIndex, tmp_path: Path) -> MakeApp:
    """An app over the bundled content; keywords override the site, index, clock or reports."""

    def make(
        site: Site = bundled_site,
        *,
        index: ApiIndex | None = None,
        now: datetime = NOW,
        reports: object = None,
    ) -> ASGIApp:
        settings = Settings(report_dir=tmp_path / "reports")
        api = (
            index
            if index is not None
            else (bundled_index if site is bundled_site else build_index(site))
        )
        return create_app(
            build_snapshot(site, settings),
            settings,
            api=api,
            reports=reports or LocalReportReader(settings.report_dir),  # type: ignore[arg-type]
            clock=lambda: now,
        )

    return make


@pytest.fixture
def make_client(make_app: MakeApp) -> MakeClient:
    """A test client over `make_app(...)`; server errors come back as responses."""

    def make(*args: object, **kwargs: object) -> TestClient:
        return TestClient(make_app(*args, **kwargs), raise_server_exceptions=False)

    return make


@pytest.fixture
def client(make_client: MakeClient) -> TestClient:
    """A client of the bundled content at NOW."""
    return make_client()
