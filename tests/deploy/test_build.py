"""The static build: file names, clashes refused, the manifest, and bytes equal to the server's."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import pytest
from starlette.testclient import TestClient

from feeds.build import MANIFEST, output_file, plan_files, write_static_build
from feeds.exceptions import BuildError
from feeds.resource import API_CACHE, PAGE_CACHE, Entry, Resource
from feeds.settings import Settings
from feeds.snapshot import Snapshot, build_snapshot
from feeds.web import create_app

HTML = "text/html; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"
JSON = "application/json"
WHEN = datetime(2024, 11, 4, 9, 0, tzinfo=UTC)


def resource(path: str, media_type: str = HTML, body: bytes | None = None) -> Resource:
    cache = API_CACHE if path.startswith("/api") else PAGE_CACHE
    return Resource(path, media_type, body or f"body of {path}".encode(), WHEN, cache)


def source(*resources: Resource) -> Snapshot:
    return Snapshot([Entry(r.path, lambda r=r: r) for r in resources], "v-test")


@pytest.mark.parametrize(
    ("path", "media_type", "file"),
    [
        ("/", HTML, "index.html"),
        ("/feeds/all.atom", ATOM, "feeds/all.atom"),
        ("/feeds/events.ics", "text/calendar; charset=utf-8", "feeds/events.ics"),
        ("/404.html", HTML, "404.html"),
        ("/editions/25", HTML, "editions/25/index.html"),
        ("/items/budget-2024", HTML, "items/budget-2024/index.html"),
        ("/items/release-v1.2-notes", HTML, "items/release-v1.2-notes/index.html"),
        ("/news/", HTML, "news/index.html"),
        ("/api/v1", JSON, "api/v1/index.json"),
        ("/api/v1/openapi.json", JSON, "api/v1/openapi.json"),
        ("/api/v1/items/x", "application/feed+json", "api/v1/items/x/index.json"),
    ],
)
def test_output_file(path, media_type, file):
    assert output_file(path, media_type) == PurePosixPath(file)


@pytest.mark.parametrize(
    ("path", "media_type", "message"),
    [
        ("items/x", HTML, "'items/x' is not an absolute URL path"),
        ("/a/../b", HTML, "'/a/../b' cannot be a file name (segment '..')"),
        ("/a//b", HTML, "'/a//b' cannot be a file name (segment '')"),
        ("/calendar", "text/calendar", "/calendar (text/calendar) has no extension and no index"),
    ],
)
def test_output_file_refuses(path, media_type, message):
    with pytest.raises(BuildError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        output_file(path, media_type)


@pytest.mark.parametrize(
    ("paths", "message"),
    [
        (["/a", "/a/index.html"], "/a/index.html and /a would both be written to a/index.html"),
        (["/a/", "/a"], "/a and /a/ would both be written to a/index.html"),
        (["/Feeds/all.atom", "/feeds/all.atom"], "/feeds/all.atom and /Feeds/all.atom would both"),
        (["/_manifest.json"], "/_manifest.json and the build manifest would both"),
        (["/x.json", "/x.json/y"], "x.json is a file for /x.json and a folder for /x.json/y"),
        (["/x.json/y", "/x.json"], "x.json (/x.json) is also a folder for /x.json/y"),
    ],
)
def test_plan_refuses_two_paths_on_one_file(paths, message):
    with pytest.raises(BuildError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        plan_files(resource(p) for p in paths)


def test_write_refuses_a_duplicate_before_writing_anything(tmp_path):
    out = tmp_path / "site"
    with pytest.raises(BuildError, match=r"would both be written to a/index\.html"):
        write_static_build(source(resource("/a"), resource("/a/index.html")), out)
    assert not out.exists()


def test_write_gives_files_and_the_whole_manifest(tmp_path):
    out = tmp_path / "site"
    built = write_static_build(
        source(resource("/"), resource("/feeds/all.atom", ATOM), resource("/api/v1", JSON)), out
    )
    files = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert files == [MANIFEST, "api/v1/index.json", "feeds/all.atom", "index.html"]
    assert (out / "feeds/all.atom").read_bytes() == b"body of /feeds/all.atom"
    assert (built.directory, built.files, built.bytes) == (out, 3, 47)
    etag = resource("/").etag
    assert json.loads((out / MANIFEST).read_text()) == {
        "content_version": "v-test",
        "resources": {
            "/": {
                "file": "index.html",
                "content_type": HTML,
                "etag": etag,
                "last_modified": "Mon, 04 Nov 2024 09:00:00 GMT",
                "cache_control": PAGE_CACHE,
                "length": 9,
            },
            "/feeds/all.atom": {
                "file": "feeds/all.atom",
                "content_type": ATOM,
                "etag": resource("/feeds/all.atom", ATOM).etag,
                "last_modified": "Mon, 04 Nov 2024 09:00:00 GMT",
                "cache_control": PAGE_CACHE,
                "length": 23,
            },
            "/api/v1": {
                "file": "api/v1/index.json",
                "content_type": JSON,
                "etag": resource("/api/v1", JSON).etag,
                "last_modified": "Mon, 04 Nov 2024 09:00:00 GMT",
                "cache_control": API_CACHE,
                "length": 15,
            },
        },
    }


def test_rebuild_replaces_an_earlier_build_without_stale_files(tmp_path):
    out = tmp_path / "site"
    write_static_build(source(resource("/"), resource("/items/gone")), out)
    write_static_build(source(resource("/", body=b"new"), resource("/feeds/all.atom", ATOM)), out)
    files = sorted(str(p.relative_to(out)) for p in out.rglob("*"))
    assert files == [MANIFEST, "feeds", "feeds/all.atom", "index.html"]
    assert (out / "index.html").read_bytes() == b"new"


@pytest.mark.parametrize("earlier_build", [False, True])
def test_refuses_a_directory_holding_files_it_did_not_write(tmp_path, earlier_build):
    out = tmp_path / "site"
    if earlier_build:
        write_static_build(source(resource("/")), out)
    else:
        out.mkdir()
    (out / "keep.txt").write_text("mine")
    expected = "holds keep.txt, which no earlier build wrote" if earlier_build else "holds no"
    with pytest.raises(BuildError, match=expected):
        write_static_build(source(resource("/feeds/all.atom", ATOM)), out)
    assert (out / "keep.txt").read_text() == "mine"
    assert not (out / "feeds").exists()


def test_refuses_a_manifest_that_lists_files_outside(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    document = {"resources": {"/x": {"file": "../victim.txt"}}}
    (out / MANIFEST).write_text(json.dumps(document))
    write_static_build(source(resource("/")), out)
    assert victim.read_text() == "keep"
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST, "index.html"]


def test_every_path_is_byte_for_byte_what_the_server_sends(bundled_site, tmp_path):
    settings = Settings()
    out = tmp_path / "site"
    write_static_build(build_snapshot(bundled_site, settings), out)
    manifest = json.loads((out / MANIFEST).read_text())["resources"]
    # Every family is there: pages, feeds, the calendar and the API documents.
    assert {"/", "/404.html", "/feeds/all.atom", "/feeds/events.ics", "/api/v1"} <= set(manifest)
    client = TestClient(create_app(build_snapshot(bundled_site, settings), settings))
    for path, entry in manifest.items():
        response = client.get(path, headers={"Accept-Encoding": "identity"})
        assert response.status_code == 200, path
        assert response.content == (out / entry["file"]).read_bytes(), path
        assert len(response.content) == entry["length"], path
        assert (
            response.headers["content-type"],
            response.headers["etag"],
            response.headers["cache-control"],
            response.headers["last-modified"],
        ) == (entry["content_type"], entry["etag"], entry["cache_control"], entry["last_modified"])
    on_disk = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()}
    assert on_disk == {MANIFEST} | {entry["file"] for entry in manifest.values()}


def test_writes_into_a_new_nested_directory(tmp_path):
    out: Path = tmp_path / "a" / "b"
    write_static_build(source(resource("/")), out)
    assert (out / "index.html").read_bytes() == b"body of /"
