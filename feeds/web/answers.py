"""Computed API answers, ready to send: headers built once, conditional GET, a bounded cache.

Takes the bytes of a computed API document and its validators; gives Starlette
responses (200 or 304) whose header lists were built when the answer was, and
a `PageCache` that keeps recent answers by request so a repeated query costs a
lookup. Headers for answers that depend on the day are added per request.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Sequence
from datetime import date, datetime

from starlette.requests import Request
from starlette.responses import Response

from feeds.resource import http_date, strong_etag
from feeds.web.conditional import is_not_modified
from feeds.web.types import Headers

__all__ = [
    "PAGE_CACHE_BYTES",
    "PAGE_CACHE_ENTRIES",
    "Answer",
    "PageCache",
    "Prebuilt",
    "day_cache_control",
]

PAGE_CACHE_ENTRIES = 256
PAGE_CACHE_BYTES = 32 * 1024 * 1024
_JSON = b"application/json"


def day_cache_control(now: datetime, next_midnight: datetime) -> str:
    """Cache-Control for an answer that changes at the next local midnight."""
    seconds = max(1, int((next_midnight - now).total_seconds()))
    return f"public, max-age={min(300, seconds)}, s-maxage={min(86400, seconds)}"


class Prebuilt(Response):
    """A Response whose header list is built ahead: no per-request header encoding."""

    def __init__(self, body: bytes, status_code: int, raw_headers: Headers) -> None:
        self.status_code = status_code
        self.body = body
        self.background = None
        self.raw_headers = raw_headers


class Answer:
    """A 200 body with its validators and header lists for 200 and 304, built once.

    `today` is the day the answer holds for, when it depends on the day (`open`,
    `upcoming`); its Cache-Control is then given per request.
    """

    __slots__ = ("body", "etags", "modified", "ok_headers", "today", "validators")

    def __init__(
        self,
        body: bytes,
        modified: datetime,
        *,
        etag: str | None = None,
        cache_control: str | None = None,
        extra: Sequence[tuple[bytes, bytes]] = (),
        today: date | None = None,
    ) -> None:
        self.body = body
        self.today = today
        self.modified = modified.replace(microsecond=0)
        tag = etag or strong_etag(body)
        self.etags = (tag,)
        self.validators: Headers = [
            (b"etag", tag.encode()),
            (b"last-modified", http_date(self.modified).encode()),
        ]
        if cache_control is not None:
            self.validators.append((b"cache-control", cache_control.encode()))
        self.ok_headers: Headers = [
            (b"content-type", _JSON),
            (b"content-length", str(len(body)).encode()),
            *extra,
        ]

    def respond(self, request: Request, cache_control: str | None = None) -> Response:
        """200, or 304 when the request's validators match; `cache_control` if not built in."""
        validators = self.validators
        if cache_control is not None:
            validators = [*validators, (b"cache-control", cache_control.encode())]
        if_none_match = if_modified_since = None
        for name, value in request.scope["headers"]:
            if name == b"if-none-match":
                if_none_match = value.decode("latin-1")
            elif name == b"if-modified-since":
                if_modified_since = value.decode("latin-1")
        if (if_none_match is not None or if_modified_since is not None) and is_not_modified(
            if_none_match, if_modified_since, self.etags, self.modified
        ):
            return Prebuilt(b"", 304, list(validators))
        return Prebuilt(self.body, 200, [*self.ok_headers, *validators])


class PageCache:
    """Recent answers by key, least recently used out first, bounded in count and bytes."""

    def __init__(self, entries: int = PAGE_CACHE_ENTRIES, size: int = PAGE_CACHE_BYTES) -> None:
        self.entries = entries
        self.size = size
        self.held = 0
        self._answers: OrderedDict[Hashable, Answer] = OrderedDict()

    def __len__(self) -> int:
        return len(self._answers)

    def get(self, key: Hashable) -> Answer | None:
        """The answer kept for `key`, if any."""
        found = self._answers.get(key)
        if found is not None:
            self._answers.move_to_end(key)
        return found

    def put(self, key: Hashable, answer: Answer) -> None:
        """Keep `answer`, dropping the least recently used past the bounds."""
        old = self._answers.pop(key, None)
        if old is not None:
            self.held -= len(old.body)
        self._answers[key] = answer
        self.held += len(answer.body)
        while len(self._answers) > self.entries or self.held > self.size:
            _, dropped = self._answers.popitem(last=False)
            self.held -= len(dropped.body)
