"""The asyncio network backend under the guard: TCP, TLS, timeouts and idle checks."""

from __future__ import annotations

import asyncio
import ssl
from pathlib import Path

import httpcore
import httpx
import pytest
from faultserver import FaultServer
from support import self_signed, targets_for

from feeds.linkcheck.check import check_targets
from feeds.linkcheck.guard import Guard, GuardedTransport
from feeds.linkcheck.netio import AsyncioBackend
from feeds.linkcheck.policy import CheckPolicy
from feeds.linkcheck.verdicts import Outcome, Verdict


async def _loopback(host: str, port: int) -> list[str]:
    return ["127.0.0.1"]


@pytest.fixture
async def tls_server(tmp_path: Path):
    cert, key = self_signed(tmp_path, "tls.test")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    server = FaultServer("127.0.0.1", lifetime=20, tls=context)
    await server.start()
    yield server, cert
    await server.stop()


async def test_tls_with_a_trusted_certificate(tls_server) -> None:
    server, cert = tls_server
    trusted = ssl.create_default_context(cafile=str(cert))
    guard = Guard(allow_private=True, resolver=_loopback)
    transport = GuardedTransport(guard, verify=trusted, limits=httpx.Limits(max_connections=2))

    async with httpx.AsyncClient(transport=transport) as client:
        first = await client.get(f"https://tls.test:{server.port}/ok")
        second = await client.head(f"https://tls.test:{server.port}/ok")

    assert (first.status_code, first.text, second.status_code) == (200, "fault server\n", 200)
    assert server.connections == 1  # the TLS connection was kept and reused


@pytest.mark.parametrize(
    ("name", "error"),
    [
        ("tls.test", "TLS failure: self-signed certificate"),
        ("other.test", "TLS failure: self-signed certificate"),
    ],
)
async def test_untrusted_certificate_is_broken(tls_server, name: str, error: str) -> None:
    server, _ = tls_server
    url = f"https://{name}:{server.port}/ok"
    found: dict[str, Outcome] = {}

    await check_targets(
        targets_for([url]),
        CheckPolicy(timeout=2, retries=0, allow_private=True),
        lambda t, o: found.__setitem__(t.url, o),
        guard=Guard(allow_private=True, resolver=_loopback),
    )

    assert (found[url].verdict, found[url].error) == (Verdict.BROKEN, error)


async def test_wrong_host_name_is_a_tls_failure(tls_server) -> None:
    server, cert = tls_server
    trusted = ssl.create_default_context(cafile=str(cert))
    transport = GuardedTransport(
        Guard(allow_private=True, resolver=_loopback), verify=trusted, limits=httpx.Limits()
    )

    async with httpx.AsyncClient(transport=transport) as client:
        with pytest.raises(httpx.ConnectError) as caught:
            await client.get(f"https://other.test:{server.port}/ok")

    assert "Hostname mismatch" in str(caught.value)


async def test_idle_connection_closed_by_the_server_is_readable(fault_server) -> None:
    stream = await AsyncioBackend().connect_tcp("127.0.0.1", fault_server.port, timeout=2)
    assert stream.get_extra_info("is_readable") is False
    assert stream.get_extra_info("server_addr") == ("127.0.0.1", fault_server.port)

    await stream.write(b"HEAD /reset HTTP/1.1\r\nHost: x\r\n\r\n")
    for _ in range(100):
        if stream.get_extra_info("is_readable"):
            break
        await asyncio.sleep(0.01)

    assert stream.get_extra_info("is_readable") is True
    with pytest.raises(httpcore.ReadError) as caught:
        await stream.read(100)
    assert isinstance(caught.value.__context__, ConnectionResetError)
    await stream.aclose()


async def test_read_timeout_and_refused_connection(fault_server) -> None:
    stream = await AsyncioBackend().connect_tcp("127.0.0.1", fault_server.port, timeout=2)
    await stream.write(b"HEAD /hang HTTP/1.1\r\nHost: x\r\n\r\n")

    with pytest.raises(httpcore.ReadTimeout):
        await stream.read(100, timeout=0.05)
    await stream.aclose()

    with pytest.raises(httpcore.ConnectError) as caught:
        await AsyncioBackend().connect_tcp("127.0.0.1", 1, timeout=2)
    assert isinstance(caught.value.__cause__, ConnectionRefusedError)
    with pytest.raises(httpcore.ConnectError):
        await AsyncioBackend().connect_unix_socket("/run/x.sock")
