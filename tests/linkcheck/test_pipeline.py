"""The whole check over runs: history escalation, the ok cache, resuming after a budget."""

from __future__ import annotations

import asyncio
import json

import httpx
from pytest_httpx import HTTPXMock
from support import FakeClock

from feeds.content import load_site
from feeds.linkcheck.history import History
from feeds.linkcheck.pipeline import check_site, run_link_check
from feeds.linkcheck.policy import CheckPolicy
from feeds.linkcheck.store import LocalStore
from feeds.linkcheck.verdicts import Verdict
from feeds.models import Site

WALL = "https://wall.example.org/report"
FINE = "https://fine.example.org/"


def _site(write_content, urls: list[str]) -> Site:
    body = " ".join(f"[link {n}]({url})" for n, url in enumerate(urls))
    edition = f"""\
        number: 7
        title: Edition 7
        published: 2026-11-02
        intro: Dear colleague.
        signoff: {{name: Ada}}
        items:
          - id: links
            section: news
            title: Links
            body: "{body}"
        """
    return load_site(write_content({"007.yaml": edition}))


async def test_bot_wall_three_runs_in_a_row_becomes_broken(
    write_content, httpx_mock: HTTPXMock, clock: FakeClock
) -> None:
    site = _site(write_content, [WALL])
    history = History()
    for method in ("HEAD", "GET"):
        httpx_mock.add_response(url=WALL, method=method, status_code=403, is_reusable=True)

    runs = []
    for _ in range(3):
        report = await check_site(site, CheckPolicy(), history, clock=clock)
        runs.append(report.as_json()["links"][0])
        clock.advance(86400)

    assert [(r["verdict"], r["history"]["consecutive_failures"]) for r in runs] == [
        ("inconclusive", 1),
        ("inconclusive", 2),
        ("broken", 3),
    ]
    assert runs[2]["error"] == (
        "persistently unreachable: inconclusive in 3 runs in a row "
        "(this time: HTTP 403 Forbidden: refused to a checker, often a bot wall)"
    )
    assert runs[2]["history"]["first_failure"] == "2026-11-25T09:00:00Z"
    assert report.broken == 1


async def test_fresh_ok_is_reused_without_a_request(
    write_content, httpx_mock: HTTPXMock, clock: FakeClock
) -> None:
    site = _site(write_content, [FINE])
    history = History()
    httpx_mock.add_response(url=FINE, method="HEAD")  # single use: a second request would fail

    first = await check_site(site, CheckPolicy(), history, clock=clock)
    clock.advance(3600)
    second = await check_site(site, CheckPolicy(), history, clock=clock)

    assert first.as_json()["links"][0]["history"]["from_cache"] is False
    assert second.as_json()["links"][0] == {
        "url": FINE,
        "verdict": "ok",
        "http_status": 200,
        "final_url": None,
        "error": None,
        "warnings": [],
        "occurrences": [{"edition": 7, "item": "links", "field": "body"}],
        "checked_at": "2026-11-25T09:00:00Z",
        "elapsed_ms": None,
        "history": {
            "last_ok": "2026-11-25T09:00:00Z",
            "first_failure": None,
            "consecutive_failures": 0,
            "from_cache": True,
        },
    }
    assert len(httpx_mock.get_requests()) == 1

    # Older than --max-age: asked again.
    httpx_mock.add_response(url=FINE, method="HEAD")
    third = await check_site(site, CheckPolicy(max_age=1800), history, clock=clock)
    assert third.as_json()["links"][0]["history"]["from_cache"] is False
    assert len(httpx_mock.get_requests()) == 2


async def test_links_not_reached_are_checked_first_next_run(
    write_content, httpx_mock: HTTPXMock
) -> None:
    urls = [f"https://slow.example.org/{n}" for n in range(4)]
    missing = "https://slow.example.org/missing"
    site = _site(write_content, [missing, *urls])
    asked: list[str] = []
    stuck = {urls[1]}  # the first run's budget runs out while this one hangs

    async def answer(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        if str(request.url) in stuck:
            await asyncio.sleep(30)
        return httpx.Response(404 if str(request.url) == missing else 200)

    httpx_mock.add_callback(answer, is_reusable=True)
    history = History()

    first = await check_site(site, CheckPolicy(per_host=1, budget=0.5), history)
    unreached = [link.url for link in first.links if link.verdict is Verdict.NOT_CHECKED]
    asked.clear()
    stuck.clear()
    await check_site(site, CheckPolicy(per_host=1), history)

    assert [link.verdict for link in first.links][:2] == [Verdict.BROKEN, Verdict.OK]
    assert unreached == urls[1:]
    # Unreached links first, then the failing one (HEAD, then GET); the fresh ok is reused.
    assert asked == [*urls[1:], missing, missing]


async def test_run_link_check_stores_report_and_history(
    write_content, httpx_mock: HTTPXMock, tmp_path
) -> None:
    site = _site(write_content, [FINE])
    httpx_mock.add_response(url=FINE, method="HEAD")
    store = LocalStore(tmp_path / "reports")

    report = await asyncio.to_thread(run_link_check, site, CheckPolicy(), store)

    assert json.loads(store.latest() or b"") == report.as_json()
    assert list(json.loads(store.read("history.json") or b"")["links"]) == [FINE]
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == [
        "history.json",
        "latest.json",
    ]


async def test_run_link_check_keeps_history_in_a_cache_file(
    write_content, httpx_mock: HTTPXMock, tmp_path
) -> None:
    site = _site(write_content, [FINE])
    httpx_mock.add_response(url=FINE, method="HEAD")
    store = LocalStore(tmp_path / "reports")
    cache = tmp_path / "state" / "links.json"

    await asyncio.to_thread(run_link_check, site, CheckPolicy(), store, cache=cache)

    assert list(json.loads(cache.read_bytes())["links"]) == [FINE]
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["latest.json"]
