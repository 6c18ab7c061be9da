"""The link check end to end: extract, plan with history, check, report, store.

Takes a `Site`, a `CheckPolicy` and where history and reports live; gives the
`Report`, having stored it as `latest.json` and the updated history. The CLI
and the scheduled Lambda job both call `run_link_check`.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from pathlib import Path

from feeds.linkcheck.check import check_targets
from feeds.linkcheck.clock import Clock, SystemClock
from feeds.linkcheck.extract import Target, extract
from feeds.linkcheck.guard import Guard
from feeds.linkcheck.history import History
from feeds.linkcheck.mail import MailLookup
from feeds.linkcheck.policy import CheckPolicy
from feeds.linkcheck.report import LinkReport, Report, places_of
from feeds.linkcheck.store import HISTORY, LATEST, LocalStore, ReportStore
from feeds.linkcheck.verdicts import Outcome, Verdict
from feeds.models import Site

__all__ = ["Progress", "check_site", "run_link_check"]

Progress = Callable[[Verdict, int], None]
"""Told each verdict as it is reached, and the number of links in the run."""


async def check_site(
    site: Site,
    policy: CheckPolicy,
    history: History,
    *,
    progress: Progress | None = None,
    clock: Clock | None = None,
    guard: Guard | None = None,
    mail_lookup: MailLookup | None = None,
    rng: random.Random | None = None,
) -> Report:
    """Check every link of the site, updating `history` in place; the run's report."""
    clock = clock or SystemClock()
    started = clock.now()
    targets = extract(site)
    done: dict[str, LinkReport] = {}
    to_check: list[Target] = []
    for target in targets:
        cached = None if policy.excluded(target.url) else target.url
        record = history.fresh_ok(cached, started, policy.max_age) if cached else None
        if record is None:
            to_check.append(target)
            continue
        outcome = Outcome(
            Verdict.OK, record.http_status, record.final_url, checked_at=record.last_checked
        )
        done[target.url] = LinkReport(target.url, outcome, target.occurrences, record, True)
        if progress:
            progress(Verdict.OK, len(targets))
    # Stable sort: within a priority, links keep the order editors meet them.
    to_check.sort(key=lambda target: history.priority(target.url))

    def record_result(target: Target, outcome: Outcome) -> None:
        outcome = history.apply(target.url, outcome, started)
        record = history.records.get(target.url)
        done[target.url] = LinkReport(target.url, outcome, target.occurrences, record)
        if progress:
            progress(outcome.verdict, len(targets))

    await check_targets(
        to_check, policy, record_result, clock=clock, guard=guard, mail_lookup=mail_lookup, rng=rng
    )
    history.keep_only(target.url for target in targets)
    links = tuple(done[target.url] for target in targets)
    return Report(started, site.base_url, links, places_of(site))


def run_link_check(
    site: Site,
    policy: CheckPolicy,
    store: ReportStore,
    *,
    cache: Path | None = None,
    progress: Progress | None = None,
) -> Report:
    """Check the site's links with stored history; store the report and the history."""
    history_store: ReportStore = store if cache is None else LocalStore(cache.parent)
    history_name = HISTORY if cache is None else cache.name
    where = str(cache) if cache is not None else f"stored {HISTORY}"
    history = History.from_json(history_store.read(history_name), where)
    report = asyncio.run(check_site(site, policy, history, progress=progress))
    history_store.write(history_name, history.to_json())
    store.write(LATEST, report.to_json())
    return report
