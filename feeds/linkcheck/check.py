"""The checking stage, the only concurrent one: every target, once, within limits.

Takes targets (in the order they should be checked) and a `CheckPolicy`; gives
each target's `Outcome` to a callback as soon as it is known. One
`httpx.AsyncClient` serves the whole run: `trust_env=False` (no proxy or
certificate settings picked up from the environment), an honest User-Agent that
names the site, and `HostPools` underneath, so every connection passes the SSRF
guard. Targets not finished when the budget runs out are `not_checked`.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable, Sequence
from functools import partial

import httpx

from feeds.linkcheck.clock import Clock, SystemClock
from feeds.linkcheck.extract import Target
from feeds.linkcheck.fetch import Fetcher, web_url
from feeds.linkcheck.gates import HostGates
from feeds.linkcheck.guard import Guard
from feeds.linkcheck.mail import MailLookup, check_mail, dns_mail_lookup
from feeds.linkcheck.policy import CheckPolicy
from feeds.linkcheck.transport import HostPools
from feeds.linkcheck.verdicts import Outcome, Verdict

__all__ = ["ResultHook", "check_targets"]

ResultHook = Callable[[Target, Outcome], None]
_WEB = ("http", "https")


async def check_targets(
    targets: Sequence[Target],
    policy: CheckPolicy,
    on_result: ResultHook,
    *,
    clock: Clock | None = None,
    guard: Guard | None = None,
    mail_lookup: MailLookup | None = None,
    rng: random.Random | None = None,
) -> None:
    """Check every target and report each outcome; returns when all are reported."""
    clock = clock or SystemClock()
    guard = guard or Guard(allow_private=policy.allow_private)
    if policy.check_mail_dns and mail_lookup is None:
        mail_lookup = partial(dns_mail_lookup, timeout=policy.timeout)
    pools = HostPools(guard, policy.per_host)
    gates = HostGates(policy.concurrency, policy.per_host, policy.interval, clock)
    lookup = None
    if policy.check_mail_dns and mail_lookup is not None:
        lookup = _MemoLookup(mail_lookup, gates)
    jitter = rng or random.Random()  # noqa: S311  (backoff jitter, not a secret)
    headers = {"User-Agent": policy.user_agent, "Accept": "text/html,*/*;q=0.8"}
    client = httpx.AsyncClient(
        transport=pools,
        trust_env=False,
        headers=headers,
        timeout=httpx.Timeout(policy.timeout),
        follow_redirects=False,
    )
    reported: set[str] = set()

    def report(target: Target, outcome: Outcome) -> None:
        reported.add(target.url)
        on_result(target, outcome)

    async with client:
        fetcher = Fetcher(client, pools, gates, policy, clock, jitter)
        web = {t.url: url for t in targets if (url := _web_url(t, policy)) is not None}
        for url in web.values():
            pools.plan(url)

        async def one(target: Target) -> None:
            url = web.get(target.url)
            if url is not None:
                report(target, await fetcher.check(target.url, url))
                await pools.unplan(url)
            else:
                report(target, await _without_request(target, policy, lookup, clock))

        tasks = [asyncio.create_task(one(target)) for target in targets]
        if tasks:
            done, pending = await asyncio.wait(tasks, timeout=policy.budget)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            for task in done:
                task.result()  # a bug in checking is a bug, not a verdict
    for target in targets:
        if target.url not in reported:
            budget = f"not reached within the budget of {policy.budget or 0:g} s"
            on_result(target, Outcome(Verdict.NOT_CHECKED, error=budget))


def _web_url(target: Target, policy: CheckPolicy) -> httpx.URL | None:
    """The URL to request, or None when the target is judged without a request."""
    if policy.excluded(target.url):
        return None
    return web_url(target.url)


async def _without_request(
    target: Target, policy: CheckPolicy, lookup: MailLookup | None, clock: Clock
) -> Outcome:
    """Targets judged without an HTTP request: excluded, mail, unsupported or invalid."""
    if policy.excluded(target.url):
        pattern = next(p.pattern for p in policy.exclude if p.search(target.url))
        return Outcome(Verdict.SKIPPED, error=f"excluded by {pattern!r}", checked_at=clock.now())
    if target.scheme == "mailto":
        return await check_mail(target.url, lookup, clock.now)
    if target.scheme in _WEB:
        return Outcome(Verdict.BROKEN, error="not a valid URL", checked_at=clock.now())
    error = f"unsupported scheme {target.scheme!r}" if target.scheme else "not an absolute URL"
    return Outcome(Verdict.SKIPPED, error=error, checked_at=clock.now())


class _MemoLookup:
    """One DNS question per mail domain per run, within the run's global limit."""

    def __init__(self, lookup: MailLookup, gates: HostGates) -> None:
        self._lookup = lookup
        self._gates = gates
        self._locks: dict[str, asyncio.Lock] = {}
        self._answers: dict[str, tuple[Verdict, str | None]] = {}

    async def __call__(self, domain: str) -> tuple[Verdict, str | None]:
        async with self._locks.setdefault(domain, asyncio.Lock()):
            if domain not in self._answers:
                async with self._gates.slot(f"mail:{domain}"):
                    self._answers[domain] = await self._lookup(domain)
        return self._answers[domain]
