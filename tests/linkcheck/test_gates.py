"""Politeness gates: host slots, the interval between starts, and host-wide pauses."""

from __future__ import annotations

import asyncio

from support import FakeClock

from feeds.linkcheck.gates import HostGates


async def test_interval_spaces_starts_to_one_host(clock: FakeClock) -> None:
    gates = HostGates(concurrency=8, per_host=4, interval=1.5, clock=clock)
    started: list[str] = []

    async def request(host: str) -> None:
        async with gates.slot(host):
            started.append(host)

    await asyncio.gather(*(request(h) for h in ("a", "a", "b", "a")))

    # The fake clock moves as each waiter sleeps: the second "a" is booked for
    # 1.5 and sleeps 1.5; the third asks at 1.5, is booked for 3.0 and sleeps 1.5.
    # "b" never waits.
    assert (sorted(started), clock.waits, clock.ticks) == (["a", "a", "a", "b"], [1.5, 1.5], 3.0)


async def test_pause_holds_every_request_to_the_host(clock: FakeClock) -> None:
    gates = HostGates(concurrency=8, per_host=4, interval=0, clock=clock)
    gates.pause("a", 5)
    gates.pause("a", 2)  # a shorter pause never shortens a longer one

    async with gates.slot("b"):
        pass
    async with gates.slot("a"):
        pass

    assert clock.waits == [5]


async def test_no_interval_means_no_sleeping(clock: FakeClock) -> None:
    gates = HostGates(concurrency=2, per_host=1, interval=0, clock=clock)

    for _ in range(3):
        async with gates.slot("a"):
            pass

    assert clock.waits == []
