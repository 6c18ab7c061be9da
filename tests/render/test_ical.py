"""Tests for feeds.render.ical: the events calendar parses back with icalendar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar

from feeds.models import Site
from feeds.render.ical import render_calendar

LONDON = ZoneInfo("Europe/London")
Golden = Callable[[str, bytes], None]


def test_the_bundled_calendar_holds_the_seed_events(bundled_site: Site) -> None:
    calendar = Calendar.from_ical(render_calendar(bundled_site))

    assert str(calendar["X-WR-CALNAME"]) == "Cyber, Digital and Technology Bulletin: events"
    assert str(calendar["VERSION"]) == "2.0"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    events = {str(e["UID"]).rsplit("/", 1)[1]: e for e in calendar.walk("VEVENT")}
    assert list(events) == [
        "ons-local-data-maturity-workshop",
        "technology-innovation-showcase",
        "ons-local-cloud-workshop",
    ]

    showcase = events["technology-innovation-showcase"]
    start, end = showcase.decoded("DTSTART"), showcase.decoded("DTEND")
    assert (type(start), start, end) == (date, date(2024, 11, 14), date(2024, 11, 15))
    assert showcase["DTSTART"].params["VALUE"] == "DATE"
    assert str(showcase["LOCATION"]) == "London and online"

    for uid, day, finish in [
        ("ons-local-data-maturity-workshop", 7, (10, 30)),
        ("ons-local-cloud-workshop", 21, (11, 0)),
    ]:
        workshop = events[uid]
        start = workshop.decoded("DTSTART")
        assert start == datetime(2024, 11, day, 9, 30, tzinfo=LONDON)
        assert str(start.tzinfo) == "Europe/London"
        assert workshop["DTSTART"].params["TZID"] == "Europe/London"
        assert workshop.decoded("DTEND") == datetime(2024, 11, day, *finish, tzinfo=LONDON)
        assert str(workshop["UID"]) == f"tag:bulletin.example.org,2024:item/{uid}"

    for event in events.values():
        # DTSTAMP is the item's last change, never the time of the render.
        assert event.decoded("DTSTAMP") == datetime(2024, 11, 4, 9, 0, tzinfo=UTC)
        uid = str(event["UID"]).rsplit("/", 1)[1]
        permalink = f"https://bulletin.example.org/items/{uid}"
        assert str(event["URL"]) == permalink
        assert str(event["DESCRIPTION"]).endswith(f"\n\n{permalink}")


def test_descriptions_carry_the_summary_and_the_readable_facts(small_site: Site) -> None:
    calendar = Calendar.from_ical(render_calendar(small_site))
    events = {str(e["UID"]).rsplit("/", 1)[1]: e for e in calendar.walk("VEVENT")}

    assert str(events["autumn-workshop"]["DESCRIPTION"]) == (
        "Join us online.\n\n"
        "Event: Thursday 17 October 2024, 09:30–11:00 (Europe/London), Online.\n\n"
        "https://bulletin.example.org/items/autumn-workshop"
    )
    assert str(events["autumn-workshop"]["SUMMARY"]) == "Autumn workshop, Thursday 17 October"
    assert str(events["autumn-workshop"]["LOCATION"]) == "Online"


def test_two_renders_give_the_same_bytes(small_site: Site) -> None:
    assert render_calendar(small_site) == render_calendar(small_site)


def test_golden_file(small_site: Site, golden: Golden) -> None:
    golden("feeds/events.ics", render_calendar(small_site))
