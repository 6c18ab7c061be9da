"""Politeness gates: how many requests may be in flight, overall and to one host.

Takes a host name per request; gives a slot to send it in. A request first waits
for its host (at most `per_host` in flight, and, with an interval, starts spaced
at least `interval` apart), and only then for a global slot, so a request queued
behind a busy host never holds a slot another host could use. A host that asks
for a pause (Retry-After) gets it for all of its requests, not just the one told.
"""

from __future__ import annotations

import asyncio
from types import TracebackType

from feeds.linkcheck.clock import Clock

__all__ = ["HostGates"]


class HostGates:
    """A global semaphore, a semaphore per host, and each host's earliest next start."""

    def __init__(self, concurrency: int, per_host: int, interval: float, clock: Clock) -> None:
        self._global = asyncio.Semaphore(concurrency)
        self._per_host = per_host
        self._interval = interval
        self._clock = clock
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._next_start: dict[str, float] = {}

    def slot(self, host: str) -> _Slot:
        """Hold a host slot and a global slot for one request: `async with gates.slot(h)`."""
        semaphore = self._hosts.get(host)
        if semaphore is None:
            semaphore = self._hosts[host] = asyncio.Semaphore(self._per_host)
        return _Slot(self, host, semaphore)

    def pause(self, host: str, seconds: float) -> None:
        """Start no request to the host for this many seconds from now."""
        until = self._clock.monotonic() + seconds
        if until > self._next_start.get(host, 0.0):
            self._next_start[host] = until

    def _reserve(self, host: str) -> float:
        """Seconds until this request may start; books the start that follows it."""
        if not self._interval and host not in self._next_start:
            return 0.0
        now = self._clock.monotonic()
        start = max(now, self._next_start.get(host, now))
        self._next_start[host] = start + self._interval
        return start - now


class _Slot:
    """The context of one request's slots (a class, not a generator: this is hot)."""

    __slots__ = ("_gates", "_host", "_semaphore")

    def __init__(self, gates: HostGates, host: str, semaphore: asyncio.Semaphore) -> None:
        self._gates, self._host, self._semaphore = gates, host, semaphore

    async def __aenter__(self) -> None:
        gates = self._gates
        await self._semaphore.acquire()
        try:
            wait = gates._reserve(self._host)
            if wait > 0:
                await gates._clock.sleep(wait)
            await gates._global.acquire()
        except BaseException:
            self._semaphore.release()
            raise

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._gates._global.release()
        self._semaphore.release()
