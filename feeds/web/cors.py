"""CORS for the public API: on every response under /api, errors and 5xx included.

Starlette's CORSMiddleware answers only requests that carry an Origin header and
never 500s, so a CDN would cache a response without the header and serve it to a
browser that needs it. The API is public and read-only, so every response says
`*`, whoever asks.
"""

from __future__ import annotations

from feeds.web.types import ASGIApp, Headers, Message, Receive, Scope, Send

__all__ = ["API_PREFIX", "ApiCors", "cors_headers", "preflight_headers"]

API_PREFIX = "/api/"
EXPOSED = b"ETag, Last-Modified, Link, X-Total-Count"
ALLOWED_METHODS = b"GET, HEAD, OPTIONS"
ALLOWED_HEADERS = b"If-None-Match, If-Modified-Since"
PREFLIGHT_MAX_AGE = b"86400"


def cors_headers() -> Headers:
    """The headers every API response carries."""
    return [
        (b"access-control-allow-origin", b"*"),
        (b"access-control-expose-headers", EXPOSED),
    ]


def preflight_headers() -> Headers:
    """The headers of the 204 answer to a preflight OPTIONS."""
    return [
        *cors_headers(),
        (b"access-control-allow-methods", ALLOWED_METHODS),
        (b"access-control-allow-headers", ALLOWED_HEADERS),
        (b"access-control-max-age", PREFLIGHT_MAX_AGE),
        (b"allow", ALLOWED_METHODS),
        (b"cache-control", b"public, max-age=86400"),
        (b"vary", b"Origin"),
    ]


def is_api(path: str) -> bool:
    """True for the API's own paths, /api/v1 included."""
    return path.startswith(API_PREFIX) or path == API_PREFIX.rstrip("/")


class ApiCors:
    """ASGI: answers API preflights and adds CORS headers to every API response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_api(scope["path"]):
            await self.app(scope, receive, send)
            return
        if scope["method"] == "OPTIONS":
            start = {"type": "http.response.start", "status": 204, "headers": preflight_headers()}
            await send(start)
            await send({"type": "http.response.body", "body": b""})
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [h for h in cors_headers() if h[0] not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_cors)
