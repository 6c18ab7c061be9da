"""The Lambda's snapshot: every resource and the API index, as the server has them."""

from __future__ import annotations

from pathlib import Path

from feeds.api.index import ApiIndex, build_index
from feeds.content import load_site
from feeds.lambda_snapshot import write_lambda_snapshot
from feeds.settings import Settings
from feeds.snapshot import build_snapshot
from feeds.snapshot_disk import DiskSnapshot

BUNDLED = Path(__file__).resolve().parents[2] / "content"


def test_holds_every_resource_and_the_api_index(bundled_site, tmp_path):
    settings = Settings()
    written = write_lambda_snapshot(bundled_site, settings, tmp_path / "snap")
    disk = DiskSnapshot(tmp_path / "snap")
    memory = build_snapshot(bundled_site, settings)
    assert written.resources == len(memory) == len(disk)
    assert list(disk.paths()) == list(memory.paths())
    for path in memory.paths():
        mine, theirs = disk.get(path), memory.get(path)
        assert mine is not None
        assert theirs is not None
        assert (mine.body, mine.media_type, mine.etag, mine.last_modified, mine.cache_control) == (
            theirs.body,
            theirs.media_type,
            theirs.etag,
            theirs.last_modified,
            theirs.cache_control,
        ), path
    assert (disk.content_version, disk.base_url) == (
        bundled_site.content_version,
        "https://bulletin.example.org",
    )
    index = disk.api_index()
    assert index == build_index(bundled_site).to_json()
    assert len(ApiIndex.from_json(index).items) == len(bundled_site.items)


def test_records_the_base_url_it_was_rendered_for(tmp_path):
    site = load_site(BUNDLED, "https://feeds.example.net")
    write_lambda_snapshot(site, Settings(), tmp_path / "snap")
    disk = DiskSnapshot(tmp_path / "snap")
    feed = disk.get("/feeds/all.atom")
    assert disk.base_url == "https://feeds.example.net"
    assert feed is not None
    assert b"https://feeds.example.net/items/" in feed.body
