"""Renderings of the report for terminals, people and CI, compared with golden files.

Regenerate on purpose with `pytest tests/linkcheck --update-golden`.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

import pytest
from support import START

from feeds.cli.check_links import FORMAT_NAMES
from feeds.linkcheck.extract import Occurrence
from feeds.linkcheck.formats import FORMATS, render
from feeds.linkcheck.report import LinkReport, Report
from feeds.linkcheck.verdicts import Outcome, Verdict

PLACES = ((25, None), (25, "budget-2024"), (24, None), (24, "second"), (None, None))


def _report() -> Report:
    return Report(
        START,
        "https://bulletin.example.org",
        (
            LinkReport(
                "https://ok.example.org/",
                Outcome(Verdict.OK, 200, None, None, (), 120, START),
                (Occurrence(25, "budget-2024", "body"),),
            ),
            LinkReport(
                "https://gone.example.org/x",
                Outcome(Verdict.BROKEN, 404, None, "HTTP 404 Not Found", (), 45, START),
                (Occurrence(25, "budget-2024", "links"), Occurrence(24, None, "intro")),
            ),
            LinkReport(
                "https://old.example.org/page",
                Outcome(
                    Verdict.REDIRECTED, 200, "https://new.example.org/page", None, (), 80, START
                ),
                (Occurrence(25, None, "intro"),),
            ),
            LinkReport(
                "https://moved.example.org/deep/page",
                Outcome(
                    Verdict.REDIRECTED,
                    200,
                    "https://moved.example.org/",
                    None,
                    ("likely soft 404",),
                    80,
                    START,
                ),
                (Occurrence(25, "budget-2024", "body"),),
            ),
            LinkReport(
                "https://wall.example.org/",
                Outcome(
                    Verdict.INCONCLUSIVE,
                    403,
                    None,
                    "HTTP 403 Forbidden: refused to a checker, often a bot wall",
                    (),
                    30,
                    START,
                ),
                (Occurrence(None, None, "site"),),
            ),
            LinkReport(
                "http://10.0.0.1/admin",
                Outcome(
                    Verdict.BLOCKED,
                    None,
                    None,
                    "10.0.0.1 resolves to 10.0.0.1 (private), which is not requested",
                    (),
                    0,
                    START,
                ),
                (Occurrence(24, "second", "body"),),
            ),
            LinkReport(
                "https://later.example.org/",
                Outcome(Verdict.NOT_CHECKED, error="not reached within the budget of 60 s"),
                (Occurrence(24, "second", "body"),),
            ),
            LinkReport(
                "ftp://files.example.org/x",
                Outcome(Verdict.SKIPPED, error="unsupported scheme 'ftp'", checked_at=START),
                (Occurrence(24, "second", "links"),),
            ),
        ),
        PLACES,
    )


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("text", "report.txt"),
        ("markdown", "report.md"),
        ("junit", "report.xml"),
        ("json", "report.json"),
    ],
)
def test_format_matches_golden(golden, fmt: str, name: str) -> None:
    golden(f"linkcheck/{name}", render(_report(), fmt))


def test_junit_counts_failures_and_skips() -> None:
    root = ET.fromstring(render(_report(), "junit"))

    suite = root.find("testsuite")
    assert suite is not None
    assert {k: suite.get(k) for k in ("tests", "failures", "skipped", "errors")} == {
        "tests": "8",
        "failures": "1",
        "skipped": "3",
        "errors": "0",
    }
    assert [
        case.get("name") for case in suite.iter("testcase") if case.find("failure") is not None
    ] == ["https://gone.example.org/x"]


def test_clean_report_says_nothing_to_fix() -> None:
    report = Report(
        START,
        "https://bulletin.example.org",
        (
            LinkReport(
                "https://ok.example.org/",
                Outcome(Verdict.OK, 200, checked_at=START),
                (Occurrence(1, "a", "body"),),
            ),
        ),
    )

    assert render(report, "markdown").decode() == (
        "# Link check of https://bulletin.example.org\n\n"
        "1 link: 1 ok (checked 2026-11-25T09:00:00Z).\n\n"
        "Nothing to fix.\n"
    )
    assert render(report, "text") == b"1 link: 1 ok\n"


def test_cli_names_every_format() -> None:
    assert tuple(FORMATS) == FORMAT_NAMES
