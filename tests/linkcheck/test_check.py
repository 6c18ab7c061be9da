"""The checking stage: limits on concurrency, the budget, and links judged without HTTP."""

from __future__ import annotations

import asyncio
import re

import httpx
from pytest_httpx import HTTPXMock
from support import START

from feeds.linkcheck.policy import CheckPolicy
from feeds.linkcheck.verdicts import Outcome, Verdict


class _Load:
    """An async callback that answers after a delay and records the peak in flight."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.now: dict[str, int] = {}
        self.peak: dict[str, int] = {}
        self.total = 0
        self.peak_total = 0

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        self.now[host] = self.now.get(host, 0) + 1
        self.total += 1
        self.peak[host] = max(self.peak.get(host, 0), self.now[host])
        self.peak_total = max(self.peak_total, self.total)
        await asyncio.sleep(self.delay)
        self.now[host] -= 1
        self.total -= 1
        return httpx.Response(200)


async def test_per_host_limit_holds_under_latency(check, httpx_mock: HTTPXMock) -> None:
    load = _Load(0.02)
    httpx_mock.add_callback(load, is_reusable=True)
    urls = [f"https://{host}.example.org/{n}" for host in ("a", "b") for n in range(8)]

    found = await check(urls, CheckPolicy(concurrency=32, per_host=3))

    assert {o.verdict for o in found.values()} == {Verdict.OK}
    assert load.peak == {"a.example.org": 3, "b.example.org": 3}


async def test_global_limit_holds_across_hosts(check, httpx_mock: HTTPXMock) -> None:
    load = _Load(0.02)
    httpx_mock.add_callback(load, is_reusable=True)
    urls = [f"https://h{n}.example.org/" for n in range(6)]

    await check(urls, CheckPolicy(concurrency=2, per_host=4))

    assert load.peak_total == 2


async def test_budget_leaves_unreached_links_not_checked(check, httpx_mock: HTTPXMock) -> None:
    async def first_fast_then_stuck(request: httpx.Request) -> httpx.Response:
        if request.url.path != "/0":
            await asyncio.sleep(30)
        return httpx.Response(200)

    httpx_mock.add_callback(first_fast_then_stuck, is_reusable=True, is_optional=True)
    urls = [f"https://slow.example.org/{n}" for n in range(5)]
    loop = asyncio.get_running_loop()
    started = loop.time()

    found = await check(urls, CheckPolicy(per_host=1, budget=0.5))

    assert loop.time() - started < 2
    assert [found[u].verdict for u in urls] == [Verdict.OK] + [Verdict.NOT_CHECKED] * 4
    assert found[urls[1]] == Outcome(
        Verdict.NOT_CHECKED, error="not reached within the budget of 0.5 s"
    )
    assert [t for t in asyncio.all_tasks() if t is not asyncio.current_task()] == []


async def test_links_judged_without_a_request(check) -> None:
    urls = [
        "https://example.org/private/report",
        "ftp://files.example.org/x",
        "mailto:someone@example.org",
        "mailto:not an address",
        "http://example.org:99999/",
        "relative/path",
    ]
    policy = CheckPolicy(exclude=(re.compile(r"/private/"),))

    found = await check(urls, policy)

    assert {url: (o.verdict, o.error, o.checked_at) for url, o in found.items()} == {
        "https://example.org/private/report": (Verdict.SKIPPED, "excluded by '/private/'", START),
        "ftp://files.example.org/x": (Verdict.SKIPPED, "unsupported scheme 'ftp'", START),
        "mailto:someone@example.org": (Verdict.OK, None, START),
        "mailto:not an address": (
            Verdict.BROKEN,
            "not a mail address (no local part before @)",
            START,
        ),
        "http://example.org:99999/": (Verdict.BROKEN, "not a valid URL", START),
        "relative/path": (Verdict.SKIPPED, "not an absolute URL", START),
    }


async def test_mail_dns_is_asked_once_per_domain(check) -> None:
    asked: list[str] = []

    async def lookup(domain: str) -> tuple[Verdict, str | None]:
        asked.append(domain)
        await asyncio.sleep(0)
        if domain == "gone.example":
            return Verdict.BROKEN, "mail domain gone.example does not exist"
        return Verdict.OK, None

    urls = ["mailto:a@example.org", "mailto:b@example.org", "mailto:c@gone.example"]

    found = await check(urls, CheckPolicy(check_mail_dns=True), mail_lookup=lookup)

    assert sorted(asked) == ["example.org", "gone.example"]
    assert [(found[u].verdict, found[u].error) for u in urls] == [
        (Verdict.OK, None),
        (Verdict.OK, None),
        (Verdict.BROKEN, "mail domain gone.example does not exist"),
    ]


async def test_mail_dns_is_not_asked_unless_enabled(check) -> None:
    async def lookup(domain: str) -> tuple[Verdict, str | None]:
        raise AssertionError("no DNS without --check-mail-dns")

    found = await check(["mailto:a@example.org"], mail_lookup=lookup)

    assert found["mailto:a@example.org"].verdict is Verdict.OK


async def test_empty_run_reports_nothing(check) -> None:
    assert await check([]) == {}
