"""The web core over a tiny snapshot: fast path, HEAD, 405, 404 pages, CORS and 500s."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from starlette.testclient import TestClient

from feeds.resource import API_CACHE, Entry, Resource
from feeds.settings import Settings
from feeds.snapshot import Snapshot
from feeds.web import create_app
from feeds.web.fastpath import accepts_gzip

WHEN = datetime(2024, 11, 4, 9, 0, tzinfo=UTC)
FEED = b"<feed>" + b"x" * 2000 + b"</feed>"


def resource(path: str, media_type: str, body: bytes, cache: str = "public, max-age=3600") -> Entry:
    return Entry(path, lambda: Resource(path, media_type, body, WHEN, cache))


def broken() -> Resource:
    raise RuntimeError("a bug in a renderer")


@pytest.fixture
def client() -> TestClient:
    snapshot = Snapshot(
        [
            resource("/feeds/news.atom", "application/atom+xml; charset=utf-8", FEED),
            resource("/404.html", "text/html; charset=utf-8", b"<p>Not here. Feeds: ...</p>"),
            resource("/api/v1", "application/json", b'{"data": {}}', API_CACHE),
            Entry("/broken", broken),
        ],
        "v1",
    )
    return TestClient(create_app(snapshot, Settings()), raise_server_exceptions=False)


def test_a_snapshot_resource_is_sent_with_its_validators(client: TestClient) -> None:
    response = client.get("/feeds/news.atom", headers={"Accept-Encoding": "identity"})
    assert response.status_code == 200
    assert response.content == FEED
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    assert response.headers["etag"].startswith('"')
    assert response.headers["last-modified"] == "Mon, 04 Nov 2024 09:00:00 GMT"
    assert response.headers["cache-control"] == "public, max-age=3600"
    assert response.headers["vary"] == "Accept-Encoding"
    assert "access-control-allow-origin" not in response.headers  # CORS is for the API


def test_gzip_has_its_own_etag_and_both_revalidate(client: TestClient) -> None:
    plain = client.get("/feeds/news.atom", headers={"Accept-Encoding": "identity"})
    zipped = client.get("/feeds/news.atom", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.content == FEED  # the client decodes it
    assert zipped.headers["etag"] != plain.headers["etag"]
    for etag in (plain.headers["etag"], "W/" + zipped.headers["etag"]):
        again = client.get("/feeds/news.atom", headers={"If-None-Match": etag})
        assert again.status_code == 304
        assert again.content == b""
        assert again.headers["cache-control"] == "public, max-age=3600"


def test_head_has_headers_and_no_body(client: TestClient) -> None:
    response = client.head("/feeds/news.atom", headers={"Accept-Encoding": "identity"})
    assert response.status_code == 200
    assert response.content == b""
    assert response.headers["content-length"] == str(len(FEED))


def test_a_cache_buster_query_on_a_feed_gets_the_feed(client: TestClient) -> None:
    assert client.get("/feeds/news.atom?_=123").content == FEED


def test_writing_methods_get_405_with_allow(client: TestClient) -> None:
    page = client.post("/feeds/news.atom")
    assert (page.status_code, page.headers["allow"]) == (405, "GET, HEAD")
    api = client.delete("/api/v1")
    assert (api.status_code, api.headers["allow"]) == (405, "GET, HEAD")
    assert api.headers["content-type"].startswith("application/problem+json")
    assert api.headers["access-control-allow-origin"] == "*"


def test_unknown_pages_get_the_html_404_page_and_api_paths_a_problem(client: TestClient) -> None:
    page = client.get("/feeds/nope.rss")
    assert (page.status_code, page.text) == (404, "<p>Not here. Feeds: ...</p>")
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    api = client.get("/api/v1/nope")
    assert api.status_code == 404
    assert api.json() == {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": "There is no API resource at /api/v1/nope. See /api/v1 for what there is.",
        "instance": "/api/v1/nope",
    }
    assert api.headers["access-control-allow-origin"] == "*"


def test_a_preflight_is_answered_for_the_api(client: TestClient) -> None:
    response = client.options(
        "/api/v1",
        headers={"Origin": "https://intranet.example", "Access-Control-Request-Method": "GET"},
    )
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["access-control-allow-methods"] == "GET, HEAD, OPTIONS"
    assert "If-None-Match" in response.headers["access-control-allow-headers"]
    assert int(response.headers["access-control-max-age"]) > 0


def test_a_bug_becomes_a_500_that_no_cache_keeps(client: TestClient) -> None:
    response = client.get("/broken")
    assert response.status_code == 500
    assert response.headers["cache-control"] == "no-store"
    assert "Traceback" not in response.text


def test_healthz(client: TestClient) -> None:
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (
        200,
        {"status": "ok", "content_version": "v1"},
    )
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (b"gzip", True),
        (b"gzip, deflate, br", True),
        (b"br;q=1.0, gzip;q=0.8", True),
        (b"gzip;q=0", False),
        (b"identity", False),
        (b"*", True),
        (b"", False),
    ],
)
def test_accepts_gzip(header: bytes, expected: bool) -> None:
    assert accepts_gzip(header) is expected
