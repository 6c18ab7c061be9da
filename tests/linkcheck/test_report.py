"""The JSON report: its whole shape, its order, and its schema."""

from __future__ import annotations

import json
from datetime import timedelta

import jsonschema
from support import START

from feeds.linkcheck.extract import Occurrence
from feeds.linkcheck.history import Record
from feeds.linkcheck.report import LinkReport, Report, places_of, schema
from feeds.linkcheck.verdicts import Outcome, Verdict

BODY = Occurrence(25, "budget-2024", "body")
SITE_LINK = Occurrence(None, None, "site")


def _report() -> Report:
    later = START + timedelta(seconds=3)
    return Report(
        START,
        "https://bulletin.example.org",
        (
            LinkReport(
                "https://ok.example.org/",
                Outcome(Verdict.OK, 200, None, None, (), 120, later),
                (BODY, SITE_LINK),
                Record(Verdict.OK, later, later),
            ),
            LinkReport(
                "https://old.example.org/page",
                Outcome(
                    Verdict.REDIRECTED,
                    200,
                    "https://old.example.org/",
                    None,
                    ("likely soft 404",),
                    80,
                    later,
                ),
                (BODY,),
                Record(Verdict.REDIRECTED, later, later),
            ),
            LinkReport(
                "https://gone.example.org/x",
                Outcome(Verdict.BROKEN, 404, None, "HTTP 404 Not Found", (), 45, later),
                (Occurrence(25, None, "intro"),),
                Record(
                    Verdict.BROKEN, later, START - timedelta(days=9), START - timedelta(days=2), 2
                ),
            ),
            LinkReport(
                "https://cached.example.org/",
                Outcome(Verdict.OK, 200, checked_at=START - timedelta(hours=5)),
                (BODY,),
                Record(Verdict.OK, START - timedelta(hours=5), START - timedelta(hours=5)),
                from_cache=True,
            ),
        ),
    )


def test_report_json_has_the_documented_shape() -> None:
    data = _report().as_json()

    assert data == {
        "version": 1,
        "generated_at": "2026-11-25T09:00:00Z",
        "site": "https://bulletin.example.org",
        "summary": {
            "ok": 2,
            "redirected": 1,
            "broken": 1,
            "inconclusive": 0,
            "blocked": 0,
            "skipped": 0,
            "not_checked": 0,
        },
        "links": [
            {
                "url": "https://gone.example.org/x",
                "verdict": "broken",
                "http_status": 404,
                "final_url": None,
                "error": "HTTP 404 Not Found",
                "warnings": [],
                "occurrences": [{"edition": 25, "item": None, "field": "intro"}],
                "checked_at": "2026-11-25T09:00:03Z",
                "elapsed_ms": 45,
                "history": {
                    "last_ok": "2026-11-16T09:00:00Z",
                    "first_failure": "2026-11-23T09:00:00Z",
                    "consecutive_failures": 2,
                    "from_cache": False,
                },
            },
            {
                "url": "https://old.example.org/page",
                "verdict": "redirected",
                "http_status": 200,
                "final_url": "https://old.example.org/",
                "error": None,
                "warnings": ["likely soft 404"],
                "occurrences": [{"edition": 25, "item": "budget-2024", "field": "body"}],
                "checked_at": "2026-11-25T09:00:03Z",
                "elapsed_ms": 80,
                "history": {
                    "last_ok": "2026-11-25T09:00:03Z",
                    "first_failure": None,
                    "consecutive_failures": 0,
                    "from_cache": False,
                },
            },
            {
                "url": "https://ok.example.org/",
                "verdict": "ok",
                "http_status": 200,
                "final_url": None,
                "error": None,
                "warnings": [],
                "occurrences": [
                    {"edition": 25, "item": "budget-2024", "field": "body"},
                    {"edition": None, "item": None, "field": "site"},
                ],
                "checked_at": "2026-11-25T09:00:03Z",
                "elapsed_ms": 120,
                "history": {
                    "last_ok": "2026-11-25T09:00:03Z",
                    "first_failure": None,
                    "consecutive_failures": 0,
                    "from_cache": False,
                },
            },
            {
                "url": "https://cached.example.org/",
                "verdict": "ok",
                "http_status": 200,
                "final_url": None,
                "error": None,
                "warnings": [],
                "occurrences": [{"edition": 25, "item": "budget-2024", "field": "body"}],
                "checked_at": "2026-11-25T04:00:00Z",
                "elapsed_ms": None,
                "history": {
                    "last_ok": "2026-11-25T04:00:00Z",
                    "first_failure": None,
                    "consecutive_failures": 0,
                    "from_cache": True,
                },
            },
        ],
    }
    jsonschema.validate(data, schema())
    assert json.loads(_report().to_json()) == data
    assert _report().broken == 1


def test_not_checked_link_without_history_fits_the_schema() -> None:
    report = Report(
        START,
        "https://bulletin.example.org",
        (
            LinkReport(
                "https://x.example/", Outcome(Verdict.NOT_CHECKED, error="not reached"), (BODY,)
            ),
        ),
    )

    data = report.as_json()

    assert data["links"][0]["history"] == {
        "last_ok": None,
        "first_failure": None,
        "consecutive_failures": 0,
        "from_cache": False,
    }
    jsonschema.validate(data, schema())
    assert report.to_json().endswith(b"}\n")


def test_places_follow_the_bulletin(small_site) -> None:
    places = places_of(small_site)

    assert places[0] == (small_site.editions[0].number, None)
    assert places[1] == (small_site.editions[0].number, small_site.editions[0].items[0].id)
    assert places[-1] == (None, None)
    assert len(places) == len(small_site.editions) + len(small_site.items) + 1
