"""Dates, event times and deadlines as readable English, the same on every machine.

Takes dates, datetimes and `Event`s from the model; gives text and `<time>`
elements. Dates are written by `feeds.render.facts`, as in the feeds, from
tables rather than the C library's locale, so a page renders to the same bytes
wherever it is built.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from feeds.models import Event
from feeds.render.facts import clock, long_date
from feeds.render.pages.markup import esc

__all__ = [
    "AttendanceMode",
    "attendance",
    "attendance_mode",
    "clock",
    "iso",
    "long_date",
    "time_element",
    "when",
]

# Locations that mean "no physical venue", so an online event is not called hybrid.
_ONLINE_WORDS = frozenset({"online", "online only", "virtual", "remote", "remotely"})

AttendanceMode = Literal["online", "offline", "mixed"]


def iso(moment: date | datetime) -> str:
    """ISO 8601: a date as YYYY-MM-DD, a datetime with its UTC offset and no microseconds."""
    if isinstance(moment, datetime):
        return moment.replace(microsecond=0).isoformat()
    return moment.isoformat()


def time_element(moment: date | datetime, text: str | None = None) -> str:
    """A `<time>` element with a machine-readable datetime and readable text."""
    shown = text if text is not None else long_date(moment)
    return f'<time datetime="{esc(iso(moment))}">{esc(shown)}</time>'


def when(event: Event) -> str:
    """When an event happens, as HTML with `<time>` elements."""
    start, end = event.start, event.end
    if not isinstance(start, datetime):
        first = time_element(start)
        if end is None or end == start:
            return f"{first}, all day"
        return f"{first} to {time_element(end)}"
    begins = time_element(start, f"{long_date(start)}, {clock(start)}")
    zone = f" {esc(start.tzname())}" if start.tzname() else ""
    if not isinstance(end, datetime):
        return begins + zone
    if end.date() == start.date():
        return f"{begins} to {time_element(end, clock(end))}{zone}"
    return f"{begins} to {time_element(end, f'{long_date(end)}, {clock(end)}')}{zone}"


def attendance_mode(event: Event) -> AttendanceMode | None:
    """Online, in person (offline) or both (mixed); None when the content does not say."""
    place = (event.location or "").strip().lower()
    if event.online is True:
        return "mixed" if place and place not in _ONLINE_WORDS else "online"
    if event.online is False or (place and place not in _ONLINE_WORDS):
        return "offline"
    return "online" if place else None


def attendance(event: Event) -> str | None:
    """How to attend, in words; None when the content does not say."""
    mode = attendance_mode(event)
    if mode is None:
        return None
    return {"online": "Online", "offline": "In person", "mixed": "In person and online"}[mode]
