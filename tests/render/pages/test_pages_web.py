"""Pages through the web app: 200 with validators, and the HTML 404 page for unknown paths."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from feeds.models import Site
from feeds.settings import Settings
from feeds.snapshot import build_snapshot
from feeds.web import create_app

from .reader import read_page


@pytest.fixture
def client(bundled_site: Site, settings: Settings) -> TestClient:
    return TestClient(create_app(build_snapshot(bundled_site, settings), settings))


@pytest.mark.parametrize("path", ["/", "/editions/25", "/items/budget-2024", "/404.html"])
def test_pages_are_served_with_validators(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["cache-control"] == "public, max-age=3600"
    assert response.headers["etag"].startswith('"')
    assert response.headers["last-modified"].endswith(" GMT")
    again = client.get(path, headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304
    assert again.content == b""
    read_page(response.content)


def test_gzip_page_is_the_same_page(client: TestClient) -> None:
    plain = client.get("/", headers={"Accept-Encoding": "identity"})
    zipped = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.content == plain.content  # httpx decodes the gzip body
    assert zipped.headers["etag"] != plain.headers["etag"]


@pytest.mark.parametrize(
    "path", ["/editions/999", "/items/nope", "/feeds/nope.rss", "/nope", "/items/budget-2024/x"]
)
def test_unknown_paths_get_the_html_404_page(
    client: TestClient, bundled_site: Site, path: str
) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    page = read_page(response.content)
    assert page.title == "Page not found – Cyber, Digital and Technology Bulletin"
    assert bundled_site.url("/feeds/all.atom") in page.feed_urls
    assert bundled_site.url("/feeds/news.rss") in page.feed_urls
    assert bundled_site.url("/feeds/events.ics") in page.feed_urls
