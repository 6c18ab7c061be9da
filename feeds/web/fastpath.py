"""Serving snapshot resources straight from memory, ahead of any routing.

Takes a `ResourceSource` and the ASGI app behind it; gives an ASGI app that
answers GET and HEAD for every snapshot path with headers built once per
resource: no routing, no Request object, no per-request header work. Everything
else (API queries, 404 pages) falls through to the app behind. Starlette routing
plus per-request header building costs about a third of the throughput of a
bare app sending the same bytes; this path reaches it.
"""

from __future__ import annotations

from feeds.resource import Resource
from feeds.snapshot import ResourceSource
from feeds.web.conditional import is_not_modified
from feeds.web.cors import cors_headers, is_api
from feeds.web.problems import method_not_allowed
from feeds.web.types import ASGIApp, Headers, Receive, Scope, Send

__all__ = ["SnapshotFastPath", "accepts_gzip"]

_VARY = (b"vary", b"Accept-Encoding")


def accepts_gzip(accept_encoding: bytes) -> bool:
    """True when Accept-Encoding lists gzip (or *) with a non-zero quality."""
    for part in accept_encoding.lower().split(b","):
        coding, _, params = part.partition(b";")
        if coding.strip() not in (b"gzip", b"x-gzip", b"*"):
            continue
        quality = 1.0
        for param in params.split(b";"):
            key, _, value = param.strip().partition(b"=")
            if key == b"q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            return True
    return False


class _Prepared:
    """Both representations of a resource with their header lists, built once."""

    __slots__ = ("etags", "identity", "identity_304", "resource", "zipped", "zipped_304")

    def __init__(self, resource: Resource, use_gzip: bool) -> None:
        self.resource = resource
        common = [
            (b"last-modified", resource.last_modified.encode()),
            (b"cache-control", resource.cache_control.encode()),
        ]
        if is_api(resource.path):
            common.extend(cors_headers())
        if use_gzip:
            common.append(_VARY)
        own = [(name.lower().encode(), value.encode()) for name, value in resource.headers]
        self.identity_304 = [(b"etag", resource.etag.encode()), *common]
        self.identity = [
            (b"content-type", resource.media_type.encode()),
            (b"content-length", str(len(resource.body)).encode()),
            *self.identity_304,
            *own,
        ]
        self.etags: tuple[str, ...] = (resource.etag,)
        self.zipped: Headers | None = None
        self.zipped_304: Headers | None = None
        if use_gzip:
            body, etag = resource.gzip
            self.zipped_304 = [(b"etag", etag.encode()), *common]
            self.zipped = [
                (b"content-type", resource.media_type.encode()),
                (b"content-encoding", b"gzip"),
                (b"content-length", str(len(body)).encode()),
                *self.zipped_304,
                *own,
            ]
            self.etags = (resource.etag, etag)


class SnapshotFastPath:
    """ASGI: GET/HEAD of a snapshot path answered from memory; the rest passes through."""

    def __init__(self, source: ResourceSource, app: ASGIApp, *, use_gzip: bool = True) -> None:
        self.source = source
        self.app = app
        self.use_gzip = use_gzip
        self._prepared: dict[str, _Prepared] = {}

    def prepared(self, path: str) -> _Prepared | None:
        """The prepared resource at `path`, or None when the snapshot has no such path."""
        found = self._prepared.get(path)
        if found is None:
            resource = self.source.get(path)
            if resource is None:
                return None
            found = self._prepared[path] = _Prepared(resource, self.use_gzip)
        return found

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        # A query on an API path is a query for the API to validate; on a feed or page
        # it is a cache-buster some readers add, and the resource is the same.
        if scope["query_string"] and is_api(path):
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        if method not in ("GET", "HEAD"):
            if method != "OPTIONS" and path in self.source:
                await method_not_allowed(scope, receive, send)
            else:
                await self.app(scope, receive, send)
            return
        prepared = self.prepared(path)
        if prepared is None:
            await self.app(scope, receive, send)
            return
        if_none_match = if_modified_since = None
        zipped = False
        for name, value in scope["headers"]:
            if name == b"if-none-match":
                if_none_match = value.decode("latin-1")
            elif name == b"if-modified-since":
                if_modified_since = value.decode("latin-1")
            elif name == b"accept-encoding" and prepared.zipped is not None:
                zipped = accepts_gzip(value)
        resource = prepared.resource
        if (if_none_match is not None or if_modified_since is not None) and is_not_modified(
            if_none_match, if_modified_since, prepared.etags, resource.modified
        ):
            headers = prepared.zipped_304 if zipped else prepared.identity_304
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        if zipped:
            headers, body = prepared.zipped, resource.gzip[0]
        else:
            headers, body = prepared.identity, resource.body
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send(
            {"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body}
        )
