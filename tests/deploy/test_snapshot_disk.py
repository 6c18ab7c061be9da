"""The snapshot on disk: the same resources back, read lazily, and clear errors when damaged."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from starlette.testclient import TestClient

import feeds.snapshot_disk
from feeds.exceptions import BuildError, SnapshotError
from feeds.resource import API_CACHE, PAGE_CACHE, Entry, Resource
from feeds.settings import Settings
from feeds.snapshot import Snapshot, build_snapshot
from feeds.snapshot_disk import FORMAT, DiskSnapshot, shard_of, write_disk_snapshot
from feeds.web import create_app

WHEN = datetime(2024, 11, 4, 9, 30, 15, tzinfo=UTC)
RESOURCES = [
    Resource("/", "text/html; charset=utf-8", "<h1>Bulletin – £5</h1>".encode(), WHEN),
    Resource("/feeds/all.atom", "application/atom+xml; charset=utf-8", b"<feed/>" * 500, WHEN),
    Resource("/feeds/events.ics", "text/calendar; charset=utf-8", b"BEGIN:VCALENDAR\r\n", WHEN),
    Resource("/api/v1", "application/json", b'{"a": 1}\n', WHEN, API_CACHE),
    Resource("/items/x", "text/html; charset=utf-8", b"", WHEN, PAGE_CACHE),
]


def snapshot(*resources: Resource) -> Snapshot:
    return Snapshot([Entry(r.path, lambda r=r: r) for r in resources], "v-disk")


def shape(resource: Resource | None) -> tuple[object, ...]:
    assert resource is not None
    return (
        resource.path,
        resource.media_type,
        resource.body,
        resource.etag,
        resource.modified,
        resource.last_modified,
        resource.cache_control,
    )


@pytest.fixture
def small_shards(monkeypatch):
    monkeypatch.setattr(feeds.snapshot_disk, "PER_SHARD", 2)


def test_round_trip_keeps_every_resource_and_the_order(tmp_path, small_shards):
    out = tmp_path / "snap"
    written = write_disk_snapshot(
        snapshot(*RESOURCES), out, base_url="https://example.org", api_index=b'{"items": []}'
    )
    assert (written.directory, written.resources, written.shards) == (out, 5, 3)
    assert written.body_bytes == sum(len(r.body) for r in RESOURCES)
    disk = DiskSnapshot(out)
    assert (disk.content_version, disk.base_url, len(disk)) == ("v-disk", "https://example.org", 5)
    assert list(disk.paths()) == [r.path for r in RESOURCES]
    for original in RESOURCES:
        assert original.path in disk
        assert shape(disk.get(original.path)) == shape(original)
    assert disk.get("/nowhere") is None
    assert "/nowhere" not in disk
    assert 42 not in disk
    assert disk.api_index() == b'{"items": []}'


def test_reads_only_the_shard_it_needs(tmp_path, small_shards):
    out = tmp_path / "snap"
    write_disk_snapshot(snapshot(*RESOURCES), out)
    wanted = shard_of("/feeds/all.atom", 3)
    for other in {0, 1, 2} - {wanted}:
        (out / "shards" / f"{other:04d}.json").unlink()
        (out / "shards" / f"{other:04d}.bin").unlink()
    disk = DiskSnapshot(out)
    assert shape(disk.get("/feeds/all.atom")) == shape(RESOURCES[1])
    assert disk.api_index() is None


def test_bodies_are_stored_compressed(tmp_path):
    written = write_disk_snapshot(snapshot(*RESOURCES), tmp_path / "snap")
    assert written.stored_bytes < written.body_bytes
    stored = (tmp_path / "snap" / "shards" / "0000.bin").read_bytes()
    assert b"<feed/><feed/>" not in stored


def test_rewrite_replaces_an_earlier_snapshot(tmp_path):
    out = tmp_path / "snap"
    write_disk_snapshot(snapshot(*RESOURCES), out)
    write_disk_snapshot(snapshot(RESOURCES[0]), out)
    assert list(DiskSnapshot(out).paths()) == ["/"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["snap"]


def test_refuses_to_replace_a_directory_that_is_not_a_snapshot(tmp_path):
    out = tmp_path / "snap"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    with pytest.raises(BuildError, match="is not empty and holds no snapshot"):
        write_disk_snapshot(snapshot(*RESOURCES), out)
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]


def test_missing_snapshot_names_the_make_target(tmp_path):
    with pytest.raises(SnapshotError, match=r"snapshot.json: no such file; run `make lambda-snap"):
        DiskSnapshot(tmp_path)


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("[]", "not a snapshot in the format"),
        ('{"format": "other/9"}', "not a snapshot in the format"),
        (json.dumps({"format": FORMAT}), "missing or bad field"),
        ("{", "unreadable"),
    ],
)
def test_a_bad_header_is_a_snapshot_error(tmp_path, header, message):
    (tmp_path / "snapshot.json").write_text(header)
    with pytest.raises(SnapshotError, match=message):
        DiskSnapshot(tmp_path)


def test_a_damaged_body_is_a_snapshot_error(tmp_path):
    out = tmp_path / "snap"
    write_disk_snapshot(snapshot(*RESOURCES), out)
    (out / "shards" / "0000.bin").write_bytes(b"garbage")
    with pytest.raises(SnapshotError, match=r"cannot read /feeds/all\.atom"):
        DiskSnapshot(out).get("/feeds/all.atom")


def test_the_app_serves_the_same_answers_from_disk(bundled_site, tmp_path):
    settings = Settings()
    memory = build_snapshot(bundled_site, settings)
    write_disk_snapshot(build_snapshot(bundled_site, settings), tmp_path / "snap")
    disk = DiskSnapshot(tmp_path / "snap")
    assert list(disk.paths()) == list(memory.paths())
    from_memory = TestClient(create_app(memory, settings))
    from_disk = TestClient(create_app(disk, settings))
    for path in memory.paths():
        for encoding in ("identity", "gzip"):
            headers = {"Accept-Encoding": encoding}
            one, two = from_memory.get(path, headers=headers), from_disk.get(path, headers=headers)
            assert (two.status_code, two.content, two.headers.items()) == (
                200,
                one.content,
                one.headers.items(),
            ), path
