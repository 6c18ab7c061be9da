"""The `http` Lambda handler on real API Gateway event shapes (HTTP API v2 and REST v1)."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from feeds.api.index import build_index
from feeds.settings import Settings
from feeds.snapshot import Snapshot, build_snapshot
from feeds.snapshot_disk import DiskSnapshot
from feeds.web import create_app

ROOT = Path(__file__).resolve().parents[2]
RENDERING_LIBRARIES = ("yaml", "feedgen", "lxml", "markdown_it", "nh3", "icalendar", "pyromark")


def headers_of(response: dict) -> dict[str, str]:
    """The response headers, lower-cased, from either payload version."""
    found = {name.lower(): value for name, value in response.get("headers", {}).items()}
    for name, values in response.get("multiValueHeaders", {}).items():
        found[name.lower()] = ", ".join(values)
    return found


@pytest.fixture
def handler(load_handler, snapshot_dir):
    return load_handler(FEEDS_SNAPSHOT_DIR=str(snapshot_dir)).http


def test_every_resource_comes_back_as_text_with_its_headers(handler, make_event, snapshot_dir):
    disk = DiskSnapshot(snapshot_dir)
    for path in disk.paths():
        resource = disk.get(path)
        assert resource is not None
        response = handler(make_event("GET", path, headers={"Accept-Encoding": "gzip, br"}), None)
        headers = headers_of(response)
        assert (response["statusCode"], response["isBase64Encoded"]) == (200, False), path
        assert response["body"] == resource.body.decode("utf-8"), path
        assert (
            headers["content-type"],
            headers["etag"],
            headers["last-modified"],
            headers["cache-control"],
            headers["content-length"],
        ) == (
            resource.media_type,
            resource.etag,
            resource.last_modified,
            resource.cache_control,
            str(len(resource.body)),
        ), path
        assert "content-encoding" not in headers, path  # CloudFront compresses, not Lambda


@pytest.mark.parametrize(
    ("path", "media_type"),
    [
        ("/feeds/all.atom", "application/atom+xml; charset=utf-8"),
        ("/feeds/all.rss", "application/rss+xml; charset=utf-8"),
        ("/feeds/all.json", "application/feed+json; charset=utf-8"),
        ("/feeds/events.ics", "text/calendar; charset=utf-8"),
        ("/", "text/html; charset=utf-8"),
        ("/api/v1", "application/json"),
    ],
)
def test_each_format_is_text(handler, make_event, path, media_type):
    response = handler(make_event("GET", path), None)
    assert (response["statusCode"], response["isBase64Encoded"]) == (200, False)
    assert headers_of(response)["content-type"] == media_type


def test_etag_and_last_modified_give_304(handler, make_event, snapshot_dir):
    feed = DiskSnapshot(snapshot_dir).get("/feeds/news.atom")
    assert feed is not None
    for condition in (
        {"If-None-Match": feed.etag},
        {"If-None-Match": "W/" + feed.etag},  # as CloudFront sends it after compressing
        {"If-None-Match": '"other", ' + feed.etag},
        {"If-Modified-Since": feed.last_modified},
    ):
        response = handler(make_event("GET", "/feeds/news.atom", headers=condition), None)
        assert (response["statusCode"], response["body"]) == (304, ""), condition
        assert headers_of(response)["etag"] == feed.etag
    stale = handler(make_event("GET", "/feeds/news.atom", headers={"If-None-Match": '"x"'}), None)
    assert stale["statusCode"] == 200
    assert stale["body"] == feed.body.decode()


def test_head_has_headers_and_no_body(handler, make_event, snapshot_dir):
    feed = DiskSnapshot(snapshot_dir).get("/feeds/all.atom")
    assert feed is not None
    response = handler(make_event("HEAD", "/feeds/all.atom"), None)
    headers = headers_of(response)
    assert (response["statusCode"], response["body"], response["isBase64Encoded"]) == (
        200,
        "",
        False,
    )
    assert (headers["content-length"], headers["etag"]) == (str(len(feed.body)), feed.etag)


def test_head_of_an_api_query_has_no_body(handler, make_event):
    response = handler(make_event("HEAD", "/api/v1/items", "section=news"), None)
    assert (response["statusCode"], response["body"]) == (200, "")


def test_an_api_404_is_problem_json(handler, make_event):
    response = handler(make_event("GET", "/api/v1/nothing-here"), None)
    problem = json.loads(response["body"])
    assert (response["statusCode"], response["isBase64Encoded"]) == (404, False)
    assert headers_of(response)["content-type"].startswith("application/problem+json")
    assert headers_of(response)["access-control-allow-origin"] == "*"
    assert (problem["status"], problem["title"], problem["instance"]) == (
        404,
        "Not Found",
        "/api/v1/nothing-here",
    )


def test_a_page_404_is_the_not_found_page(handler, make_event, snapshot_dir):
    page = DiskSnapshot(snapshot_dir).get("/404.html")
    assert page is not None
    response = handler(make_event("GET", "/no/such/page"), None)
    assert (response["statusCode"], response["isBase64Encoded"]) == (404, False)
    assert response["body"] == page.body.decode()
    assert headers_of(response)["content-type"] == page.media_type


@pytest.mark.parametrize(
    ("method", "path", "query"),
    [
        ("GET", "/api/v1/items", "section=news"),
        ("GET", "/api/v1/items", "section=nowhere"),
        ("GET", "/api/v1/items", ""),
        ("GET", "/api/v1/events", ""),
        ("GET", "/api/v1/editions", "limit=1"),
        ("GET", "/api/v1/items/no-such-item", ""),
        ("GET", "/api/v1/items/budget-2024", ""),
        ("GET", "/feeds/all.atom", "cache-buster=1"),
        ("POST", "/api/v1/items", ""),
        ("POST", "/api/v1/items/budget-2024", ""),
        ("POST", "/feeds/all.atom", ""),
        ("OPTIONS", "/api/v1/items", ""),
        ("DELETE", "/api", ""),
    ],
)
def test_answers_equal_the_servers(handler, make_event, bundled_site, method, path, query):
    settings = Settings()
    snapshot = build_snapshot(bundled_site, settings)
    server = TestClient(
        create_app(snapshot, settings, use_gzip=False, api=build_index(bundled_site))
    )
    expected = server.request(method, f"{path}?{query}" if query else path)
    response = handler(make_event(method, path, query), None)
    headers = headers_of(response)
    assert (response["statusCode"], response["isBase64Encoded"]) == (expected.status_code, False)
    assert response["body"] == expected.text
    if expected.status_code == 204:
        # Mangum's HTTP API handler types a bodiless answer application/json, as API
        # Gateway itself would; a preflight has nothing to type.
        headers.pop("content-type", None)
    for name in (
        "content-type",
        "etag",
        "cache-control",
        "link",
        "x-total-count",
        "allow",
        "access-control-allow-origin",
    ):
        assert headers.get(name) == expected.headers.get(name), name


def test_the_api_index_is_read_only_when_a_request_needs_it(
    load_handler, snapshot_dir, tmp_path, http_event
):
    copy = tmp_path / "snapshot"
    shutil.copytree(snapshot_dir, copy)
    (copy / "api-index.json.gz").unlink()
    handler = load_handler(FEEDS_SNAPSHOT_DIR=str(copy)).http
    for path in ("/feeds/all.atom", "/", "/api/v1", "/api/v1/items/budget-2024", "/healthz"):
        assert handler(http_event("GET", path), None)["statusCode"] == 200, path
    failed = handler(http_event("GET", "/api/v1/items", "section=news"), None)
    assert failed["statusCode"] == 500
    assert headers_of(failed)["cache-control"] == "no-store"


def test_healthz_reports_the_snapshot_version(handler, make_event, snapshot_dir):
    response = handler(make_event("GET", "/healthz"), None)
    assert (response["statusCode"], json.loads(response["body"])) == (
        200,
        {"status": "ok", "content_version": DiskSnapshot(snapshot_dir).content_version},
    )


def test_without_a_snapshot_it_loads_the_content(load_handler, caplog, tmp_path):
    module = load_handler(FEEDS_CONTENT_DIR=str(ROOT / "content"))
    source, _ = module.load_source(module.settings)
    assert isinstance(source, Snapshot)
    with caplog.at_level(logging.WARNING, logger="feeds.lambda"):
        missing = Settings(content_dir=ROOT / "content", snapshot_dir=tmp_path / "none")
        source, load_index = module.load_source(missing)
    assert isinstance(source, Snapshot)
    assert load_index() is not None
    assert caplog.messages == [
        f"no snapshot at {tmp_path / 'none'}; loading {ROOT / 'content'} instead"
    ]


def test_a_snapshot_for_another_base_url_is_not_served(load_handler, snapshot_dir, caplog):
    module = load_handler(FEEDS_SNAPSHOT_DIR=str(snapshot_dir))
    same = Settings(snapshot_dir=snapshot_dir, base_url="https://bulletin.example.org")
    assert isinstance(module.load_source(same)[0], DiskSnapshot)
    other = Settings(
        content_dir=ROOT / "content", snapshot_dir=snapshot_dir, base_url="https://x.example.net"
    )
    with caplog.at_level(logging.WARNING, logger="feeds.lambda"):
        source, _ = module.load_source(other)
    assert isinstance(source, Snapshot)
    feed = source.get("/feeds/all.atom")
    assert feed is not None
    assert b"https://x.example.net/items/" in feed.body
    assert caplog.messages == [
        f"the snapshot at {snapshot_dir} was rendered for https://bulletin.example.org, not "
        f"FEEDS_BASE_URL https://x.example.net; loading {ROOT / 'content'} instead"
    ]


def test_cold_start_imports_no_rendering_library(snapshot_dir, http_event):
    event = http_event("GET", "/feeds/all.atom")
    code = (
        "import json, sys, feeds.lambda_handler as h\n"
        "r = h.http(json.loads(sys.stdin.read()), None)\n"
        "roots = {m.split('.')[0] for m in sys.modules}\n"
        f"print(json.dumps([r['statusCode'], sorted(roots & set({RENDERING_LIBRARIES!r}))]))\n"
    )
    env = {**os.environ, "FEEDS_SNAPSHOT_DIR": str(snapshot_dir)}
    for name in ("FEEDS_CONTENT_DIR", "FEEDS_BASE_URL"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps(event),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [200, []]
