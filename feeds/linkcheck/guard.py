"""The SSRF guard: the link checker connects only to public addresses.

Takes a host name at connection time; gives a connected stream to exactly the
address that was checked, or raises `BlockedAddressError`. The check happens in
an httpcore network backend, below every request and every redirect hop, so a
public-looking name that resolves inward, or a redirect to one, is refused
before a packet is sent. A guard that looked only at literal IPs in URLs would
miss both. See docs/linkcheck.md.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

import httpcore
import httpx

from feeds.exceptions import BlockedAddressError
from feeds.linkcheck.netio import AsyncioBackend

__all__ = [
    "Address",
    "Guard",
    "GuardedBackend",
    "GuardedTransport",
    "Resolver",
    "non_public_reason",
    "system_resolver",
]

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]
"""Resolves (host, port) to IP address strings; injectable so tests need no DNS."""

_V4 = ipaddress.IPv4Network
_V6 = ipaddress.IPv6Network

# IANA's special-purpose registries, named so a `blocked` verdict says why.
# Written out rather than left to `ipaddress.is_global`, whose tables differ
# between Python patch releases.
_NON_PUBLIC: tuple[tuple[_V4 | _V6, str], ...] = (
    (_V4("0.0.0.0/8"), "unspecified"),
    (_V4("10.0.0.0/8"), "private"),
    (_V4("100.64.0.0/10"), "carrier-grade NAT"),
    (_V4("127.0.0.0/8"), "loopback"),
    (_V4("169.254.0.0/16"), "link-local"),
    (_V4("172.16.0.0/12"), "private"),
    (_V4("192.0.0.0/24"), "reserved"),
    (_V4("192.0.2.0/24"), "documentation"),
    (_V4("192.88.99.0/24"), "reserved"),
    (_V4("192.168.0.0/16"), "private"),
    (_V4("198.18.0.0/15"), "benchmarking"),
    (_V4("198.51.100.0/24"), "documentation"),
    (_V4("203.0.113.0/24"), "documentation"),
    (_V4("224.0.0.0/4"), "multicast"),
    (_V4("240.0.0.0/4"), "reserved"),
    (_V6("::/128"), "unspecified"),
    (_V6("::1/128"), "loopback"),
    (_V6("64:ff9b:1::/48"), "local NAT64"),
    (_V6("::/8"), "reserved"),
    (_V6("100::/64"), "discard-only"),
    (_V6("2001::/23"), "reserved"),
    (_V6("2001:db8::/32"), "documentation"),
    (_V6("3fff::/20"), "documentation"),
    (_V6("5f00::/16"), "reserved"),
    (_V6("fc00::/7"), "private"),
    (_V6("fe80::/10"), "link-local"),
    (_V6("fec0::/10"), "site-local"),
    (_V6("ff00::/8"), "multicast"),
)
_NAT64 = _V6("64:ff9b::/96")
_TEREDO = _V6("2001::/32")


def non_public_reason(address: Address) -> str | None:
    """Why an address is not public ('loopback', 'private', ...), or None when it is."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            reason = non_public_reason(embedded)
            return f"{reason}, embedded in IPv6" if reason else None
    for network, reason in _NON_PUBLIC:
        if address.version == network.version and address in network:
            return reason
    return None if address.is_global else "not globally routable"


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address inside an IPv4-mapped, NAT64, 6to4 or Teredo address."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _TEREDO and address.teredo is not None:
        return address.teredo[1]
    return None


async def system_resolver(host: str, port: int) -> list[str]:
    """The operating system's addresses for a host, in its order of preference."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


@dataclass(frozen=True, slots=True)
class Guard:
    """Which addresses may be reached: public ones, plus `allowed` networks (or all)."""

    allow_private: bool = False
    allowed: tuple[_V4 | _V6, ...] = ()
    resolver: Resolver = system_resolver

    def check(self, host: str, addresses: Iterable[str]) -> None:
        """Raise BlockedAddressError when any address of the host is not public."""
        if self.allow_private:
            return
        for text in addresses:
            address = ipaddress.ip_address(text.partition("%")[0])
            if any(address in network for network in self.allowed):
                continue
            reason = non_public_reason(address)
            if reason is not None:
                raise BlockedAddressError(host, text, reason)


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """An httpcore network backend that resolves, checks, then connects to that address."""

    def __init__(self, guard: Guard, inner: httpcore.AsyncNetworkBackend | None = None) -> None:
        self._guard = guard
        self._inner = inner if inner is not None else AsyncioBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Connect to the first reachable address of `host`, all of them being allowed."""
        try:
            addresses = await self._guard.resolver(host, port)
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        if not addresses:
            raise httpcore.ConnectError(f"{host} has no addresses")
        # ANY inward address refuses the host: a name with one public and one
        # private address must not be reachable by losing a race.
        self._guard.check(host, addresses)
        failure: Exception | None = None
        for address in addresses:
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        assert failure is not None
        raise failure

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Refused: a link never names a local socket."""
        raise httpcore.ConnectError("unix sockets are not link targets")

    async def sleep(self, seconds: float) -> None:
        """Sleep as the inner backend does."""
        await self._inner.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """An httpx transport whose every connection goes through the SSRF guard."""

    def __init__(
        self, guard: Guard, *, verify: ssl.SSLContext | bool = True, limits: httpx.Limits
    ) -> None:
        super().__init__(verify=verify, limits=limits, trust_env=False)
        # httpx 0.28's AsyncHTTPTransport has no network-backend argument, so the
        # guard replaces the backend of the pool it has just built. The request
        # path itself is untouched, which is why pytest-httpx still intercepts it.
        pool = self._pool
        assert isinstance(pool, httpcore.AsyncConnectionPool)
        pool._network_backend = GuardedBackend(guard)
