"""Readable dates, event times and how to attend, independent of the machine's locale."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from feeds.models import Event
from feeds.render.pages.dates import attendance, attendance_mode, iso, long_date, when

LONDON = ZoneInfo("Europe/London")


def test_long_date_and_iso() -> None:
    assert long_date(date(2024, 11, 14)) == "Thursday 14 November 2024"
    assert iso(date(2024, 11, 14)) == "2024-11-14"
    moment = datetime(2024, 10, 17, 9, 30, 5, 123, tzinfo=LONDON)
    assert iso(moment) == "2024-10-17T09:30:05+01:00"


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (
            Event(date(2024, 11, 14)),
            '<time datetime="2024-11-14">Thursday 14 November 2024</time>, all day',
        ),
        (
            Event(date(2024, 12, 2), date(2024, 12, 3)),
            '<time datetime="2024-12-02">Monday 2 December 2024</time> to '
            '<time datetime="2024-12-03">Tuesday 3 December 2024</time>',
        ),
        (
            Event(datetime(2024, 11, 7, 9, 30, tzinfo=LONDON)),
            '<time datetime="2024-11-07T09:30:00+00:00">Thursday 7 November 2024, 09:30</time> GMT',
        ),
        (
            Event(
                datetime(2024, 10, 17, 9, 30, tzinfo=LONDON),
                datetime(2024, 10, 17, 11, 0, tzinfo=LONDON),
            ),
            '<time datetime="2024-10-17T09:30:00+01:00">Thursday 17 October 2024, 09:30</time>'
            ' to <time datetime="2024-10-17T11:00:00+01:00">11:00</time> BST',
        ),
        (
            Event(
                datetime(2024, 11, 7, 9, 30, tzinfo=LONDON),
                datetime(2024, 11, 8, 17, 0, tzinfo=LONDON),
            ),
            '<time datetime="2024-11-07T09:30:00+00:00">Thursday 7 November 2024, 09:30</time>'
            ' to <time datetime="2024-11-08T17:00:00+00:00">Friday 8 November 2024, 17:00</time>'
            " GMT",
        ),
    ],
)
def test_when(event: Event, expected: str) -> None:
    assert when(event) == expected


@pytest.mark.parametrize(
    ("location", "online", "mode", "words"),
    [
        (None, None, None, None),
        ("Online", None, "online", "Online"),
        (None, True, "online", "Online"),
        ("Online", True, "online", "Online"),
        ("London and online", True, "mixed", "In person and online"),
        ("Harrogate", None, "offline", "In person"),
        ("Harrogate", False, "offline", "In person"),
        (None, False, "offline", "In person"),
    ],
)
def test_attendance(
    location: str | None, online: bool | None, mode: str | None, words: str | None
) -> None:
    event = Event(date(2024, 11, 14), location=location, online=online)
    assert attendance_mode(event) == mode
    assert attendance(event) == words
