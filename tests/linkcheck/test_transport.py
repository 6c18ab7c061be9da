"""One small guarded pool per origin, closed when no planned link needs it."""

from __future__ import annotations

import httpx
from pytest_httpx import HTTPXMock

from feeds.linkcheck.guard import Guard, GuardedBackend, GuardedTransport
from feeds.linkcheck.transport import HostPools, origin_of


def test_guarded_transport_swaps_the_pools_backend() -> None:
    transport = GuardedTransport(Guard(), verify=False, limits=httpx.Limits(max_connections=3))

    pool = transport._pool
    assert isinstance(pool._network_backend, GuardedBackend)
    assert pool._max_connections == 3


def test_origin_of() -> None:
    assert origin_of(httpx.URL("https://Example.org:8443/a?b")) == ("https", "example.org", 8443)
    assert origin_of(httpx.URL("http://example.org/")) == ("http", "example.org", None)


async def test_pools_per_origin_open_on_use_and_close_when_done(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(is_reusable=True)
    pools = HostPools(Guard(), per_host=2, verify=False)
    a1, a2 = httpx.URL("https://a.example/1"), httpx.URL("https://a.example/2")
    b, elsewhere = httpx.URL("https://b.example/"), httpx.URL("https://c.example/moved")
    for url in (a1, a2, b):
        pools.plan(url)
    opened: list[int] = []

    async with httpx.AsyncClient(transport=pools) as client:
        for url in (a1, b):
            async with pools.hop(url):
                await client.head(url)
                opened.append(pools.open_origins)
        async with pools.hop(elsewhere):  # reached only by a redirect: never planned
            await client.head(elsewhere)
            opened.append(pools.open_origins)
        opened.append(pools.open_origins)
        await pools.unplan(a1)
        opened.append(pools.open_origins)  # a2 still needs a.example
        await pools.unplan(b)
        opened.append(pools.open_origins)
        async with pools.hop(a2):
            await client.head(a2)
        await pools.unplan(a2)
        opened.append(pools.open_origins)

    assert opened == [1, 2, 3, 2, 2, 1, 0]
    assert [str(r.url) for r in httpx_mock.get_requests()] == [
        str(u) for u in (a1, b, elsewhere, a2)
    ]
