"""Connection pools for the link checker: one small guarded pool per origin.

Takes requests from the run's single `httpx.AsyncClient`; gives responses from a
`GuardedTransport` kept for the request's origin (scheme, host, port), created on
first use and closed as soon as no planned link needs it. One large httpx pool
scans every connection it holds on each request; a pool per origin holds at most
`per_host` connections, so the scan stays short however many hosts a run meets,
and closing finished origins keeps the number of open sockets bounded.
"""

from __future__ import annotations

import ssl
from collections import Counter
from types import TracebackType

import httpx

from feeds.linkcheck.guard import Guard, GuardedTransport

__all__ = ["HostPools", "Origin", "origin_of"]

Origin = tuple[str, str, int | None]


def origin_of(url: httpx.URL) -> Origin:
    """The pool key of a URL: scheme, host and port."""
    return (url.scheme, url.host, url.port)


class HostPools(httpx.AsyncBaseTransport):
    """An httpx transport that hands each request to its origin's own guarded pool."""

    def __init__(
        self, guard: Guard, per_host: int, verify: ssl.SSLContext | bool | None = None
    ) -> None:
        self._guard = guard
        self._limits = httpx.Limits(
            max_connections=per_host, max_keepalive_connections=per_host, keepalive_expiry=30.0
        )
        self._verify = verify
        self._plain = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT) if verify is None else verify
        self._pools: dict[Origin, GuardedTransport] = {}
        self._planned: Counter[Origin] = Counter()
        self._active: Counter[Origin] = Counter()

    def plan(self, url: httpx.URL) -> None:
        """Note that a link starting at this URL is still to be checked."""
        self._planned[origin_of(url)] += 1

    async def unplan(self, url: httpx.URL) -> None:
        """Note that a planned link is done; close its pool when nothing else needs it."""
        origin = origin_of(url)
        self._planned[origin] -= 1
        await self._close_if_idle(origin)

    def hop(self, url: httpx.URL) -> _Hop:
        """Mark the origin busy for one request, whose response is closed inside."""
        return _Hop(self, origin_of(url))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send the request through its origin's pool."""
        origin = origin_of(request.url)
        pool = self._pools.get(origin)
        if pool is None:
            pool = self._pools[origin] = GuardedTransport(
                self._guard, verify=self._context(origin[0]), limits=self._limits
            )
        return await pool.handle_async_request(request)

    async def aclose(self) -> None:
        """Close every pool."""
        pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            await pool.aclose()

    @property
    def open_origins(self) -> int:
        """How many origins have a pool open now."""
        return len(self._pools)

    def _context(self, scheme: str) -> ssl.SSLContext | bool:
        if scheme != "https":
            # A pool per origin never starts TLS on an http origin, but httpx wants
            # a context: this one has no CA, so it could never verify anything.
            return self._plain
        # Loading the CA bundle costs 30 ms: once per run, and only for https.
        if self._verify is None:
            self._verify = httpx.create_ssl_context()
        return self._verify

    async def _close_if_idle(self, origin: Origin) -> None:
        if self._planned[origin] > 0 or self._active[origin] > 0:
            return
        self._planned.pop(origin, None)
        self._active.pop(origin, None)
        pool = self._pools.pop(origin, None)
        if pool is not None:
            await pool.aclose()


class _Hop:
    """The context of one request in its origin's pool (a class, not a generator: hot)."""

    __slots__ = ("_origin", "_pools")

    def __init__(self, pools: HostPools, origin: Origin) -> None:
        self._pools, self._origin = pools, origin

    async def __aenter__(self) -> None:
        self._pools._active[self._origin] += 1

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._pools._active[self._origin] -= 1
        await self._pools._close_if_idle(self._origin)
