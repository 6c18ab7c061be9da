"""The SSRF guard: address classification, the network backend, and real sockets.

pytest-httpx replaces the transport's request handling, so the guard never runs
under it; these tests drive the guard directly and through real connections to
fault servers on loopback addresses.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable

import httpcore
import pytest
from faultserver import FaultServer

from feeds.exceptions import BlockedAddressError
from feeds.linkcheck.guard import Guard, GuardedBackend, non_public_reason, system_resolver
from feeds.linkcheck.policy import CheckPolicy
from feeds.linkcheck.verdicts import Verdict


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("127.255.0.9", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("100.64.0.1", "carrier-grade NAT"),
        ("100.127.255.254", "carrier-grade NAT"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("255.255.255.255", "reserved"),
        ("192.0.2.10", "documentation"),
        ("198.18.0.1", "benchmarking"),
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("fd12:3456::1", "private"),
        ("ff02::1", "multicast"),
        ("2001:db8::1", "documentation"),
        ("::ffff:127.0.0.1", "loopback, embedded in IPv6"),
        ("::ffff:169.254.169.254", "link-local, embedded in IPv6"),
        ("::ffff:10.0.0.1", "private, embedded in IPv6"),
        ("64:ff9b::a9fe:a9fe", "link-local, embedded in IPv6"),
        ("64:ff9b::7f00:1", "loopback, embedded in IPv6"),
        ("64:ff9b:1::1", "local NAT64"),
        ("2002:7f00:1::1", "loopback, embedded in IPv6"),
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "documentation, embedded in IPv6"),
        ("8.8.8.8", None),
        ("1.1.1.1", None),
        ("100.128.0.1", None),
        ("2606:4700:4700::1111", None),
        ("::ffff:8.8.8.8", None),
        ("64:ff9b::808:808", None),
    ],
)
def test_non_public_reason(address: str, reason: str | None) -> None:
    assert non_public_reason(ipaddress.ip_address(address)) == reason


def test_guard_refuses_a_host_when_any_address_is_inward() -> None:
    guard = Guard()
    guard.check("public.example", ["8.8.8.8", "2606:4700:4700::1111"])

    with pytest.raises(BlockedAddressError) as caught:
        guard.check("mixed.example", ["8.8.8.8", "10.0.0.7"])

    assert (caught.value.host, caught.value.address, caught.value.reason) == (
        "mixed.example",
        "10.0.0.7",
        "private",
    )
    assert (
        str(caught.value) == "mixed.example resolves to 10.0.0.7 (private), which is not requested"
    )


def test_guard_allows_listed_networks_and_everything_when_private_allowed() -> None:
    Guard(allowed=(ipaddress.ip_network("127.0.0.2/32"),)).check("a.test", ["127.0.0.2"])
    Guard(allow_private=True).check("b.test", ["127.0.0.1", "169.254.169.254", "fe80::1%1"])
    with pytest.raises(BlockedAddressError):
        Guard(allowed=(ipaddress.ip_network("127.0.0.2/32"),)).check("c.test", ["127.0.0.3"])


class _RecordingBackend(httpcore.AsyncNetworkBackend):
    """Stands in for the real backend: records where it was asked to connect."""

    def __init__(self, refuse: Iterable[str] = ()) -> None:
        self.calls: list[tuple[str, int]] = []
        self.refuse = set(refuse)

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: object = None,
    ) -> httpcore.AsyncNetworkStream:
        self.calls.append((host, port))
        if host in self.refuse:
            raise httpcore.ConnectError("refused")
        return httpcore.AsyncNetworkStream()


def _resolver(table: dict[str, list[str]]):
    async def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return table[host]

    return resolve


async def test_backend_connects_to_exactly_the_checked_address() -> None:
    inner = _RecordingBackend(refuse={"8.8.8.8"})
    guard = Guard(resolver=_resolver({"www.example.com": ["8.8.8.8", "8.8.4.4"]}))

    await GuardedBackend(guard, inner).connect_tcp("www.example.com", 443, timeout=1)

    assert inner.calls == [("8.8.8.8", 443), ("8.8.4.4", 443)]


async def test_backend_refuses_before_connecting() -> None:
    inner = _RecordingBackend()
    guard = Guard(resolver=_resolver({"www.example.com": ["93.184.215.14", "127.0.0.1"]}))

    with pytest.raises(BlockedAddressError):
        await GuardedBackend(guard, inner).connect_tcp("www.example.com", 80)

    assert inner.calls == []


async def test_backend_reports_resolution_failure_as_connect_error() -> None:
    backend = GuardedBackend(Guard(resolver=_resolver({})), _RecordingBackend())

    with pytest.raises(httpcore.ConnectError) as caught:
        await backend.connect_tcp("no-such-host.example", 80)

    assert isinstance(caught.value.__cause__, socket.gaierror)
    with pytest.raises(httpcore.ConnectError):
        await backend.connect_unix_socket("/run/docker.sock")


async def test_system_resolver_sees_through_numeric_disguises() -> None:
    assert await system_resolver("2130706433", 80) == ["127.0.0.1"]
    assert await system_resolver("0x7f.1", 80) == ["127.0.0.1"]


# Real sockets: the guard under the checker's own transport.

POLICY = CheckPolicy(timeout=2, deadline=4, retries=0)


async def test_public_looking_name_that_resolves_inward_is_blocked(
    check, fault_server: FaultServer
) -> None:
    url = f"http://www.example.com:{fault_server.port}/ok"
    inward = Guard(resolver=_resolver({"www.example.com": ["127.0.0.1"]}))

    found = await check([url], POLICY, guard=inward)

    assert (found[url].verdict, found[url].error) == (
        Verdict.BLOCKED,
        "www.example.com resolves to 127.0.0.1 (loopback), which is not requested",
    )
    assert fault_server.connections == 0

    # The same name with the guard lifted is requested, at exactly that address.
    lifted = Guard(allow_private=True, resolver=inward.resolver)
    found = await check([url], POLICY, guard=lifted)
    assert found[url].verdict is Verdict.OK
    assert (fault_server.connections, fault_server.hits[("HEAD", "/ok")]) == (1, 1)


@pytest.mark.parametrize(
    "literal",
    [
        "http://127.0.0.1:{port}/ok",
        "http://[::ffff:127.0.0.1]:{port}/ok",
        "http://localhost:{port}/ok",
    ],
)
async def test_literal_and_local_names_are_blocked_by_the_system_resolver(
    check, fault_server: FaultServer, literal: str
) -> None:
    url = literal.format(port=fault_server.port)

    found = await check([url], POLICY)

    assert found[url].verdict is Verdict.BLOCKED
    assert fault_server.connections == 0


async def test_redirect_inward_is_blocked_on_the_hop(check) -> None:
    # The first hop is an honest public stand-in: 127.0.0.2 is allowed by name in
    # this guard, and nothing else inward is. It redirects to a name resolving to
    # 127.0.0.1, where a second server counts connections.
    outside = FaultServer("127.0.0.2", lifetime=10)
    inside = FaultServer("127.0.0.1", lifetime=10)
    await outside.start()
    await inside.start()
    try:
        secret = f"http://metadata.example:{inside.port}/ok"
        url = f"http://public.example:{outside.port}/redirect-to?url={secret}"
        guard = Guard(
            allowed=(ipaddress.ip_network("127.0.0.2/32"),),
            resolver=_resolver(
                {"public.example": ["127.0.0.2"], "metadata.example": ["127.0.0.1"]}
            ),
        )

        found = await check([url], POLICY, guard=guard)

        assert (found[url].verdict, found[url].final_url, found[url].error) == (
            Verdict.BLOCKED,
            secret,
            f"after redirect to {secret}: metadata.example resolves to 127.0.0.1 (loopback),"
            " which is not requested",
        )
        assert outside.hits[("HEAD", "/redirect-to")] == 1
        assert inside.connections == 0
    finally:
        await outside.stop()
        await inside.stop()


async def test_redirect_to_cloud_metadata_literal_is_blocked(
    check, fault_server: FaultServer
) -> None:
    target = "http://169.254.169.254/latest/meta-data/"
    url = fault_server.url(f"/redirect-to?url={target}")
    guard = Guard(allowed=(ipaddress.ip_network("127.0.0.1/32"),))

    found = await check([url], POLICY, guard=guard)

    assert (found[url].verdict, found[url].final_url) == (Verdict.BLOCKED, target)
    assert "169.254.169.254 resolves to 169.254.169.254 (link-local)" in (found[url].error or "")
