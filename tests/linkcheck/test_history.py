"""History rules: escalation, the cache of fresh ok results, the order of checking."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from support import START

from feeds.exceptions import StoreError
from feeds.linkcheck.history import History, Record
from feeds.linkcheck.verdicts import Outcome, Verdict

URL = "https://example.org/a"


def _outcome(verdict: Verdict, hours: int, error: str | None = None) -> Outcome:
    return Outcome(verdict, error=error, checked_at=START + timedelta(hours=hours))


def test_inconclusive_three_runs_in_a_row_becomes_broken() -> None:
    history = History()
    timed_out = "timed out"

    reported = [
        history.apply(URL, _outcome(Verdict.INCONCLUSIVE, run, timed_out), START).verdict
        for run in range(4)
    ]

    assert reported == [Verdict.INCONCLUSIVE, Verdict.INCONCLUSIVE, Verdict.BROKEN, Verdict.BROKEN]
    assert history.records[URL] == Record(
        last_verdict=Verdict.BROKEN,
        last_checked=START + timedelta(hours=3),
        last_ok=None,
        first_failure=START,
        consecutive_failures=4,
        inconclusive_runs=4,
    )
    third = History()
    for run in range(2):
        third.apply(URL, _outcome(Verdict.INCONCLUSIVE, run, timed_out), START)
    assert third.apply(URL, _outcome(Verdict.INCONCLUSIVE, 2, timed_out), START).error == (
        "persistently unreachable: inconclusive in 3 runs in a row (this time: timed out)"
    )


def test_a_success_resets_the_failures_and_not_checked_changes_nothing() -> None:
    history = History()
    history.apply(URL, _outcome(Verdict.INCONCLUSIVE, 0), START)
    history.apply(URL, _outcome(Verdict.INCONCLUSIVE, 1), START)
    history.apply(URL, Outcome(Verdict.NOT_CHECKED), START)
    assert history.records[URL].inconclusive_runs == 2
    assert history.records[URL].last_verdict is Verdict.NOT_CHECKED

    history.apply(URL, _outcome(Verdict.REDIRECTED, 2), START)
    history.apply(URL, _outcome(Verdict.BROKEN, 3), START)

    assert history.records[URL] == Record(
        last_verdict=Verdict.BROKEN,
        last_checked=START + timedelta(hours=3),
        last_ok=START + timedelta(hours=2),
        first_failure=START + timedelta(hours=3),
        consecutive_failures=1,
        inconclusive_runs=0,
    )


def test_fresh_ok_is_reused_only_while_young() -> None:
    history = History()
    history.apply(URL, Outcome(Verdict.OK, 200, checked_at=START), START)
    history.apply("https://example.org/b", _outcome(Verdict.BROKEN, 0), START)

    day = 86400.0
    assert history.fresh_ok(URL, START + timedelta(hours=23), day) == history.records[URL]
    assert history.fresh_ok(URL, START + timedelta(hours=24), day) is None
    assert history.fresh_ok("https://example.org/b", START, day) is None
    assert history.fresh_ok("https://example.org/new", START, day) is None


def test_priority_puts_unreached_links_first() -> None:
    history = History()
    for url, verdict in [
        ("ok", Verdict.OK),
        ("bad", Verdict.BROKEN),
        ("late", Verdict.NOT_CHECKED),
    ]:
        history.apply(url, Outcome(verdict, checked_at=START), START)

    ordered = sorted(["new", "ok", "bad", "late"], key=history.priority)

    assert ordered == ["late", "bad", "new", "ok"]


def test_json_round_trip_and_pruning() -> None:
    history = History()
    history.apply(
        URL, Outcome(Verdict.REDIRECTED, 200, "https://example.org/b", checked_at=START), START
    )
    history.apply("https://gone.example/", _outcome(Verdict.BROKEN, 1), START)
    history.keep_only([URL])

    stored = history.to_json()

    assert json.loads(stored) == {
        "version": 1,
        "links": {
            URL: {
                "last_verdict": "redirected",
                "last_checked": "2026-11-25T09:00:00Z",
                "last_ok": "2026-11-25T09:00:00Z",
                "first_failure": None,
                "consecutive_failures": 0,
                "inconclusive_runs": 0,
                "http_status": 200,
                "final_url": "https://example.org/b",
            }
        },
    }
    assert History.from_json(stored).records == history.records
    assert History.from_json(None).records == {}
    assert History().to_json() == b'{"version": 1, "links": {}}\n'
    assert History.from_json(History().to_json()).records == {}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"{", "cache.json is not valid link-check history: Expecting property name"),
        (
            b'{"version": 9, "links": {}}',
            "cache.json is not valid link-check history: unknown version 9",
        ),
        (b'{"version": 1}', "cache.json is not valid link-check history: 'links'"),
        (
            b'{"version": 1, "links": {"u": {"last_verdict": "fine"}}}',
            "cache.json is not valid link-check history: 'fine' is not a valid Verdict",
        ),
    ],
)
def test_unreadable_history_is_a_store_error(data: bytes, message: str) -> None:
    with pytest.raises(StoreError) as caught:
        History.from_json(data, "cache.json")

    assert str(caught.value).startswith(message)
