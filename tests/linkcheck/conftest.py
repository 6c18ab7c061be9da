"""Fixtures for the link checker: a fake clock, a checking shortcut, a fault server.

Nothing here reaches the network: HTTP is answered by pytest-httpx, or by
`faultserver.FaultServer` on a loopback address.
"""

from __future__ import annotations

import re
import socket
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

# faultserver and support are helper modules beside the tests, and pytest's
# importlib mode puts no test directory on the path.
sys.path.insert(0, str(Path(__file__).parent))

from faultserver import FaultServer
from support import FakeClock, targets_for

from feeds.linkcheck.check import check_targets
from feeds.linkcheck.policy import CheckPolicy
from feeds.linkcheck.verdicts import Outcome

Check = Callable[..., Awaitable[dict[str, Outcome]]]

_NO_DNS_NEEDED = re.compile(r"[0-9a-fx.:]+|localhost", re.IGNORECASE)


@pytest.fixture(autouse=True)
def no_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any name lookup that would leave the machine: these tests stay on loopback."""
    real = socket.getaddrinfo

    def local_only(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if not _NO_DNS_NEEDED.fullmatch(name):
            raise AssertionError(f"a test tried to resolve {name!r}")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", local_only)


@pytest.fixture
def clock() -> FakeClock:
    """A fake clock starting at 2026-11-25 09:00 UTC."""
    return FakeClock()


@pytest.fixture
def check(clock: FakeClock) -> Check:
    """Check URLs (fake clock unless given); returns each normalised URL's outcome."""

    async def run(
        urls: Sequence[str], policy: CheckPolicy | None = None, **kw: Any
    ) -> dict[str, Outcome]:
        found: dict[str, Outcome] = {}
        kw.setdefault("clock", clock)
        await check_targets(
            targets_for(urls),
            policy or CheckPolicy(),
            lambda target, outcome: found.__setitem__(target.url, outcome),
            **kw,
        )
        return found

    return run


@pytest.fixture
async def fault_server() -> AsyncIterator[FaultServer]:
    """A started fault server on 127.0.0.1, stopped after the test."""
    server = FaultServer("127.0.0.1", lifetime=30)
    await server.start()
    yield server
    await server.stop()
