"""The events calendar: every item with an event, as iCalendar (RFC 5545), via icalendar.

Takes a `Site`; gives the bytes of one VCALENDAR with a VEVENT per event item,
ordered by start. All-day events are dates (`VALUE=DATE`, DTEND the day after the
last day, since RFC 5545's DTEND is exclusive); timed events carry
`TZID=Europe/London` and the calendar holds that VTIMEZONE, covering only the
years of the events so it stays small. Every property comes from the content:
UID is the item's permanent ID and DTSTAMP its last change, because icalendar
would otherwise stamp the time of the render and the bytes would never repeat.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

from feeds.models import Site
from feeds.render.facts import ItemFacts, item_facts, newest

__all__ = ["CALENDAR_TYPE", "calendar_events", "calendar_modified", "render_calendar"]

CALENDAR_TYPE = "text/calendar; charset=utf-8"
PRODID = "-//Bulletin Feeds//Events calendar//EN"
REFRESH = timedelta(hours=1)  # matches the Cache-Control max-age of every feed


def calendar_events(site: Site) -> tuple[ItemFacts, ...]:
    """The facts of every item with an event, by start (all-day first on a day), then ID."""
    found = [item_facts(site, item) for item in site.items if item.event is not None]
    return tuple(sorted(found, key=_start_key))


def _start_key(facts: ItemFacts) -> tuple[date, int, datetime, str]:
    event = facts.item.event
    assert event is not None
    start = event.start
    if isinstance(start, datetime):
        return (start.date(), 1, start.astimezone(UTC), facts.item.id)
    return (start, 0, datetime.min.replace(tzinfo=UTC), facts.item.id)


def render_calendar(site: Site, events: Sequence[ItemFacts] | None = None) -> bytes:
    """Every event item of the site as one iCalendar document."""
    chosen = calendar_events(site) if events is None else tuple(events)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = f"{site.title}: events"
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-caldesc", f"Events from the {site.title}.")
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")  # Outlook's older name for the same interval
    years: set[int] = set()
    for facts in chosen:
        calendar.add_component(_vevent(facts))
        event = facts.item.event
        assert event is not None
        years.update(moment.year for moment in (event.start, event.end) if moment is not None)
    if years:
        # Only the years the events fall in: the default range (1970-2038) would add
        # a hundred transitions to every download.
        calendar.add_missing_timezones(date(min(years), 1, 1), date(max(years) + 1, 1, 1))
    body: bytes = calendar.to_ical()
    return body


def _vevent(facts: ItemFacts) -> Event:
    event = facts.item.event
    assert event is not None
    vevent = Event()
    vevent.add("uid", facts.id)
    vevent.add("dtstamp", facts.updated.astimezone(UTC))
    vevent.add("last-modified", facts.updated.astimezone(UTC))
    vevent.add("created", facts.published.astimezone(UTC))
    vevent.add("summary", facts.title)
    vevent.add("description", _description(facts))
    vevent.add("url", facts.url)
    start, end = event.start, event.end
    if isinstance(start, datetime):
        vevent.add("dtstart", start)
        if isinstance(end, datetime):
            vevent.add("dtend", end)
    else:
        last = end if isinstance(end, date) and not isinstance(end, datetime) else start
        vevent.add("dtstart", start)
        vevent.add("dtend", last + timedelta(days=1))
    place = event.location or ("Online" if event.online else None)
    if place:
        vevent.add("location", place)
    if facts.categories:
        vevent.add("categories", list(facts.categories))
    return vevent


def _description(facts: ItemFacts) -> str:
    return f"{facts.summary}\n\n{facts.url}"


def calendar_modified(site: Site, events: Sequence[ItemFacts]) -> datetime:
    """When the calendar last changed: its newest event item, else the site."""
    return newest(events, site)
