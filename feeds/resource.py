"""A rendered resource: bytes, media type and validators, ready to send.

The unit every renderer produces and every server (uvicorn, Lambda, static files)
sends. Pure: no I/O; hashing and gzip only.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime

__all__ = [
    "API_CACHE",
    "PAGE_CACHE",
    "Entry",
    "Resource",
    "gzip_bytes",
    "http_date",
    "strong_etag",
]

# Feeds and pages: NetNewsWire polls at most every 5 hours; an hour keeps feeds fresh.
# Never no-cache or Expires: 0, which make Miniflux ignore validators.
PAGE_CACHE = "public, max-age=3600"
# API documents: browsers revalidate after 5 minutes, the CDN keeps them a day.
API_CACHE = (
    "public, max-age=300, s-maxage=86400, stale-while-revalidate=3600, stale-if-error=604800"
)


def strong_etag(body: bytes) -> str:
    """A strong ETag: a hash of exactly these bytes."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def http_date(moment: datetime) -> str:
    """An IMF-fixdate (RFC 9110) for Last-Modified."""
    return format_datetime(moment.astimezone(UTC), usegmt=True)


def gzip_bytes(body: bytes) -> bytes:
    """gzip with mtime 0 and no file name, so the same bytes give the same gzip everywhere."""
    return gzip.compress(body, compresslevel=9, mtime=0)


class Resource:
    """One rendered resource and its gzip form, ready to send, with their validators."""

    __slots__ = (
        "_gzip",
        "_lock",
        "body",
        "cache_control",
        "etag",
        "headers",
        "last_modified",
        "media_type",
        "modified",
        "path",
    )

    def __init__(
        self,
        path: str,
        media_type: str,
        body: bytes,
        modified: datetime,
        cache_control: str = PAGE_CACHE,
        *,
        etag: str | None = None,
        headers: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.path = path
        self.media_type = media_type
        self.body = body
        self.modified = modified.astimezone(UTC).replace(microsecond=0)
        self.last_modified = http_date(self.modified)
        self.cache_control = cache_control
        self.etag = etag or strong_etag(body)
        # Headers of this resource's own on a 200, such as a list's Link and X-Total-Count.
        self.headers = headers
        self._gzip: tuple[bytes, str] | None = None
        self._lock = threading.Lock()

    @property
    def gzip(self) -> tuple[bytes, str]:
        """The gzip form and its own strong ETag, compressed on first use."""
        if self._gzip is None:
            with self._lock:
                if self._gzip is None:
                    body = gzip_bytes(self.body)
                    self._gzip = (body, strong_etag(body))
        return self._gzip

    def __repr__(self) -> str:
        return f"<Resource {self.path} {self.media_type} {len(self.body)} bytes {self.etag}>"


@dataclass(frozen=True, slots=True)
class Entry:
    """A path and the function that renders its resource (called at most once)."""

    path: str
    render: Callable[[], Resource]
