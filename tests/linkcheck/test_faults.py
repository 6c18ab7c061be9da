"""Fault injection: the real checker, guard lifted, against a misbehaving loopback server.

Each fault gets its verdict, the run ends within its budget, and nothing leaks:
no task left pending, no socket left open, no ResourceWarning.
"""

from __future__ import annotations

import asyncio
import gc
import os
import warnings
from pathlib import Path

from faultserver import FaultServer
from support import targets_for

from feeds.linkcheck.check import check_targets
from feeds.linkcheck.guard import Guard
from feeds.linkcheck.policy import CheckPolicy
from feeds.linkcheck.verdicts import Outcome, Verdict

POLICY = CheckPolicy(
    timeout=0.5, deadline=1.5, backoff=0.05, retry_after_cap=2, allow_private=True, budget=10
)


def _open_sockets() -> int:
    fds = Path("/proc/self/fd")
    count = 0
    for fd in os.listdir(fds):
        try:
            count += os.readlink(fds / fd).startswith("socket:")
        except OSError:
            continue
    return count


async def _every_name_is_loopback(host: str, port: int) -> list[str]:
    return ["127.0.0.1"]


async def _run(urls: list[str], policy: CheckPolicy) -> dict[str, Outcome]:
    found: dict[str, Outcome] = {}
    guard = Guard(allow_private=True, resolver=_every_name_is_loopback)
    await check_targets(
        targets_for(urls), policy, lambda t, o: found.__setitem__(t.url, o), guard=guard
    )
    return found


def _assert_nothing_leaked(sockets_before: int) -> None:
    assert [t for t in asyncio.all_tasks() if t is not asyncio.current_task()] == []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gc.collect()
    assert [w for w in caught if issubclass(w.category, ResourceWarning)] == []
    assert _open_sockets() == sockets_before


async def test_every_fault_gets_its_verdict_within_the_budget() -> None:
    sockets_before = _open_sockets()
    server = FaultServer("127.0.0.1", lifetime=20)
    await server.start()
    port = server.port
    # Each fault on its own host name (all resolving to the server), so one
    # host's Retry-After pause does not slow the others.
    paths = ["ok", "moved", "found", "missing", "loop-a", "head-405", "hang", "trickle"]
    paths += ["trickle-body", "reset", "huge", "429", "503"]
    urls = {p: f"http://{p}.test:{port}/{p}" for p in paths}
    urls["refused"] = "http://refused.test:1/"
    loop = asyncio.get_running_loop()
    started = loop.time()
    try:
        found = await _run(list(urls.values()), POLICY)
        took = loop.time() - started
    finally:
        await server.stop()

    verdicts = {name: (found[url].verdict, found[url].error) for name, url in urls.items()}
    assert verdicts == {
        "ok": (Verdict.OK, None),
        "moved": (Verdict.REDIRECTED, None),
        "found": (Verdict.OK, None),
        "missing": (Verdict.BROKEN, "HTTP 404 Not Found"),
        "loop-a": (Verdict.BROKEN, f"redirect loop at http://loop-a.test:{port}/loop-a"),
        "head-405": (Verdict.OK, None),
        "hang": (Verdict.INCONCLUSIVE, "timed out"),
        "trickle": (Verdict.INCONCLUSIVE, "timed out"),
        "trickle-body": (Verdict.OK, None),
        "reset": (Verdict.INCONCLUSIVE, "connection reset by the server"),
        "huge": (Verdict.OK, None),
        "429": (Verdict.OK, None),
        "503": (Verdict.OK, None),
        "refused": (Verdict.BROKEN, "connection refused"),
    }
    assert found[urls["moved"]].final_url == f"http://moved.test:{port}/ok"
    assert found[urls["found"]].final_url == f"http://found.test:{port}/ok"
    # A hanging or trickling server holds a link no longer than its deadline.
    # (1.5 s, with room for a busy machine; the server would hold them for 20 s)
    assert max(found[urls[p]].elapsed_ms or 0 for p in ("hang", "trickle")) < 2500
    assert took < 6
    assert (server.hits[("HEAD", "/reset")], server.hits[("HEAD", "/429")]) == (3, 2)
    assert (server.hits[("HEAD", "/huge")], server.hits[("GET", "/huge")]) == (1, 1)
    _assert_nothing_leaked(sockets_before)


async def test_budget_cuts_a_run_short_without_leaks() -> None:
    sockets_before = _open_sockets()
    server = FaultServer("127.0.0.1", lifetime=20)
    await server.start()
    urls = [server.url(f"/hang?{n}") for n in range(6)] + [server.url("/ok")]
    loop = asyncio.get_running_loop()
    started = loop.time()
    try:
        found = await _run(urls, CheckPolicy(per_host=2, timeout=5, allow_private=True, budget=0.3))
        took = loop.time() - started
    finally:
        await server.stop()

    assert [found[u].verdict for u in urls] == [Verdict.NOT_CHECKED] * 7
    assert took < 3
    _assert_nothing_leaked(sockets_before)
