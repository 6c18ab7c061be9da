"""The feeds through the web app: media types, validators, conditional GET, HEAD and gzip."""

from __future__ import annotations

import gzip

import pytest
from starlette.testclient import TestClient

from feeds.models import Site
from feeds.resource import Resource
from feeds.settings import Settings
from feeds.snapshot import Snapshot, build_snapshot
from feeds.web import create_app

FEEDS = {
    "/feeds/news.rss": "application/rss+xml; charset=utf-8",
    "/feeds/news.atom": "application/atom+xml; charset=utf-8",
    "/feeds/news.json": "application/feed+json; charset=utf-8",
    "/feeds/events.ics": "text/calendar; charset=utf-8",
}
IDENTITY = {"Accept-Encoding": "identity"}


@pytest.fixture(scope="module")
def snapshot(bundled_site: Site) -> Snapshot:
    return build_snapshot(bundled_site, Settings())


@pytest.fixture(scope="module")
def client(snapshot: Snapshot) -> TestClient:
    return TestClient(create_app(snapshot, Settings()))


def resource(snapshot: Snapshot, path: str) -> Resource:
    found = snapshot.get(path)
    assert found is not None
    return found


@pytest.mark.parametrize("path", sorted(FEEDS))
def test_a_feed_is_sent_with_its_media_type_and_validators(
    client: TestClient, snapshot: Snapshot, path: str
) -> None:
    sent = resource(snapshot, path)
    response = client.get(path, headers=IDENTITY)

    assert response.status_code == 200
    assert response.content == sent.body
    assert dict(response.headers) == {
        "content-type": FEEDS[path],
        "content-length": str(len(sent.body)),
        "etag": sent.etag,
        "last-modified": "Mon, 04 Nov 2024 09:00:00 GMT",
        "cache-control": "public, max-age=3600",
        "vary": "Accept-Encoding",
    }


@pytest.mark.parametrize("path", sorted(FEEDS))
def test_if_none_match_answers_304_by_weak_comparison(
    client: TestClient, snapshot: Snapshot, path: str
) -> None:
    etag = resource(snapshot, path).etag
    for header in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        response = client.get(path, headers={**IDENTITY, "If-None-Match": header})
        assert response.status_code == 304, header
        assert response.content == b""
        assert response.headers["etag"] == etag
        assert response.headers["last-modified"] == "Mon, 04 Nov 2024 09:00:00 GMT"
        assert response.headers["cache-control"] == "public, max-age=3600"
    other = client.get(path, headers={**IDENTITY, "If-None-Match": '"other"'})
    assert other.status_code == 200


@pytest.mark.parametrize("path", sorted(FEEDS))
def test_if_modified_since_and_if_none_match_wins_over_it(client: TestClient, path: str) -> None:
    same = "Mon, 04 Nov 2024 09:00:00 GMT"
    before = "Mon, 04 Nov 2024 08:59:59 GMT"
    assert client.get(path, headers={**IDENTITY, "If-Modified-Since": same}).status_code == 304
    assert client.get(path, headers={**IDENTITY, "If-Modified-Since": before}).status_code == 200
    both = {**IDENTITY, "If-Modified-Since": same, "If-None-Match": '"stale"'}
    assert client.get(path, headers=both).status_code == 200


@pytest.mark.parametrize("path", sorted(FEEDS))
def test_head_has_the_headers_of_get_and_no_body(client: TestClient, path: str) -> None:
    get = client.get(path, headers=IDENTITY)
    head = client.head(path, headers=IDENTITY)

    assert head.status_code == 200
    assert head.content == b""
    assert dict(head.headers) == dict(get.headers)


@pytest.mark.parametrize("path", sorted(FEEDS))
def test_gzip_has_its_own_etag_and_varies_on_accept_encoding(
    client: TestClient, snapshot: Snapshot, path: str
) -> None:
    sent = resource(snapshot, path)
    zipped, zipped_etag = sent.gzip
    with client.stream("GET", path, headers={"Accept-Encoding": "gzip"}) as response:
        raw = b"".join(response.iter_raw())
        headers = dict(response.headers)

    assert response.status_code == 200
    assert raw == zipped
    assert gzip.decompress(raw) == sent.body
    assert headers["content-encoding"] == "gzip"
    assert headers["etag"] == zipped_etag != sent.etag
    assert headers["vary"] == "Accept-Encoding"
    assert headers["content-type"] == FEEDS[path]
    again = client.get(path, headers={"Accept-Encoding": "gzip", "If-None-Match": zipped_etag})
    assert (again.status_code, again.headers["etag"]) == (304, zipped_etag)


@pytest.mark.parametrize("path", ["/feeds/nope.rss", "/feeds/news.xml", "/feeds/events.json2"])
def test_an_unknown_feed_is_404(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404
