"""Where link reports and history are kept: a local directory, or S3 when deployed.

Takes names (`latest.json`, `history.json`) and bytes; gives them back. Every
write is atomic: locally a temporary file in the same directory, then a rename,
so a killed run never leaves half a report; an S3 PUT is atomic by itself. Both
stores satisfy the API's `ReportReader` protocol through `latest()`.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any, Protocol

from feeds.exceptions import StoreError
from feeds.settings import Settings

__all__ = [
    "HISTORY",
    "LATEST",
    "LocalStore",
    "ReportStore",
    "S3Store",
    "open_store",
    "write_atomic",
]

LATEST = "latest.json"
HISTORY = "history.json"


class ReportStore(Protocol):
    """Named blobs: the latest report and the history."""

    def read(self, name: str) -> bytes | None:
        """The stored bytes, or None when there is nothing under that name."""
        ...

    def write(self, name: str, data: bytes) -> None:
        """Store the bytes under the name, atomically."""
        ...

    def latest(self) -> bytes | None:
        """The latest JSON report, or None before the first run."""
        ...


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old bytes or the new, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


class LocalStore:
    """A directory of files (default var/reports, FEEDS_REPORT_DIR)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def read(self, name: str) -> bytes | None:
        """The file's bytes, or None when it does not exist."""
        try:
            return (self.root / name).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreError(f"cannot read {self.root / name}: {exc.strerror}") from None

    def write(self, name: str, data: bytes) -> None:
        """Write the file atomically."""
        try:
            write_atomic(self.root / name, data)
        except OSError as exc:
            raise StoreError(f"cannot write {self.root / name}: {exc.strerror}") from None

    def latest(self) -> bytes | None:
        """The latest JSON report."""
        return self.read(LATEST)


class S3Store:
    """Objects under a prefix of an S3 bucket (FEEDS_REPORT_BUCKET)."""

    def __init__(self, bucket: str, prefix: str = "", client: Any = None) -> None:
        self.bucket = bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        self._client = client

    def _s3(self) -> Any:
        if self._client is None:
            # boto3 is in the Lambda runtime; imported only when S3 is used.
            import boto3

            self._client = boto3.client("s3")
        return self._client

    def read(self, name: str) -> bytes | None:
        """The object's bytes, or None when there is no such object."""
        key = self.prefix + name
        try:
            response = self._s3().get_object(Bucket=self.bucket, Key=key)
            body: bytes = response["Body"].read()
        except Exception as exc:
            code = getattr(exc, "response", {}).get("Error", {}).get("Code")
            if code in ("NoSuchKey", "404"):
                return None
            raise StoreError(f"cannot read s3://{self.bucket}/{key}: {exc}") from None
        return body

    def write(self, name: str, data: bytes) -> None:
        """Put the object (a PUT replaces an object atomically)."""
        key = self.prefix + name
        try:
            self._s3().put_object(
                Bucket=self.bucket, Key=key, Body=data, ContentType="application/json"
            )
        except Exception as exc:
            raise StoreError(f"cannot write s3://{self.bucket}/{key}: {exc}") from None

    def latest(self) -> bytes | None:
        """The latest JSON report."""
        return self.read(LATEST)


def open_store(settings: Settings) -> ReportStore:
    """S3 when a report bucket is set, else the local report directory."""
    if settings.report_bucket:
        return S3Store(settings.report_bucket, "link-reports")
    return LocalStore(settings.report_dir)
