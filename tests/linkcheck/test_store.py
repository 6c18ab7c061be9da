"""Where reports and history live: atomic local files, or S3 (moto stands in for it)."""

from __future__ import annotations

import os
from pathlib import Path

import boto3
import pytest
from moto import mock_aws

from feeds.exceptions import StoreError
from feeds.linkcheck.store import LocalStore, S3Store, open_store, write_atomic
from feeds.settings import Settings


def test_local_store_round_trip(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "var" / "reports")

    assert (store.read("history.json"), store.latest()) == (None, None)
    store.write("latest.json", b'{"version": 1}')
    store.write("latest.json", b'{"version": 1, "again": true}')

    assert store.latest() == b'{"version": 1, "again": true}'
    assert os.listdir(tmp_path / "var" / "reports") == ["latest.json"]


def test_write_atomic_leaves_the_old_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.json"
    target.write_bytes(b"old")

    def fail(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, b"new")

    assert (target.read_bytes(), os.listdir(tmp_path)) == (b"old", ["report.json"])


def test_local_store_failures_are_store_errors(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_bytes(b"")
    store = LocalStore(blocker)

    with pytest.raises(StoreError, match=r"cannot write .*not-a-dir/latest.json"):
        store.write("latest.json", b"{}")
    with pytest.raises(StoreError, match=r"cannot read .*not-a-dir/latest.json"):
        store.latest()


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch):
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "eu-west-2",
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        boto3.client("s3").create_bucket(
            Bucket="reports", CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
        )
        yield


def test_s3_store_round_trip(aws) -> None:
    store = S3Store("reports", "/link-reports/")

    assert store.latest() is None
    store.write("latest.json", b'{"version": 1}')

    assert store.latest() == b'{"version": 1}'
    listed = boto3.client("s3").list_objects_v2(Bucket="reports")["Contents"]
    assert [item["Key"] for item in listed] == ["link-reports/latest.json"]


def test_s3_store_failure_is_a_store_error(aws) -> None:
    store = S3Store("no-such-bucket")

    with pytest.raises(StoreError, match=r"cannot write s3://no-such-bucket/latest\.json"):
        store.write("latest.json", b"{}")
    with pytest.raises(StoreError, match=r"cannot read s3://no-such-bucket/latest\.json"):
        store.latest()


def test_open_store_follows_settings(tmp_path: Path) -> None:
    local = open_store(Settings(report_dir=tmp_path))
    remote = open_store(Settings(report_bucket="reports"))

    assert isinstance(local, LocalStore)
    assert local.root == tmp_path
    assert isinstance(remote, S3Store)
    assert (remote.bucket, remote.prefix) == ("reports", "link-reports/")
