"""The API's JSON objects: each model object as the dict the API sends.

Takes a `Site` and its model objects; gives plain dicts and lists of JSON types
(the shapes documented in `feeds.api.schemas`). Pure: no I/O, no rendering
library. Every URL is absolute, built from the site's `base_url`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from feeds.models import Edition, Event, Item, Section, Site

__all__ = [
    "API_ROOT",
    "FEED_FORMATS",
    "edition_object",
    "edition_summary",
    "event_object",
    "feed_urls",
    "item_object",
    "section_object",
    "timestamp",
]

API_ROOT = "/api/v1"
FEED_FORMATS = ("rss", "atom", "json")

JSONObject = dict[str, Any]


def timestamp(moment: datetime) -> str:
    """RFC 3339 with the offset of the moment's own zone, to the second."""
    return moment.isoformat(timespec="seconds")


def _temporal(value: datetime | date) -> str:
    return timestamp(value) if isinstance(value, datetime) else value.isoformat()


def _text_or_null(value: str) -> str | None:
    return value or None


def event_object(event: Event, timezone: str) -> JSONObject:
    """An event: start and end (date-times with offsets, or dates when all-day)."""
    return {
        "start": _temporal(event.start),
        "end": _temporal(event.end) if event.end is not None else None,
        "all_day": event.all_day,
        "timezone": timezone,
        "location": event.location,
        "online": event.online,
    }


def item_object(site: Site, item: Item) -> JSONObject:
    """One item in full: text, links, tags, event, deadline, dates and URLs."""
    return {
        "id": item.id,
        "edition": item.edition,
        "section": item.section,
        "title": item.title,
        "summary": item.summary,
        "body_html": item.body_html,
        "body_text": item.body_text,
        "links": [{"title": link.title, "url": link.url} for link in item.links],
        "tags": list(item.tags),
        "event": event_object(item.event, site.timezone) if item.event is not None else None,
        "deadline": item.deadline.isoformat() if item.deadline is not None else None,
        "published_at": timestamp(item.published),
        "updated_at": timestamp(item.modified),
        "web_url": site.url(f"/items/{item.id}"),
        "api_url": site.url(f"{API_ROOT}/items/{item.id}"),
    }


def edition_summary(site: Site, edition: Edition) -> JSONObject:
    """An edition in a list: its number, title, dates, item count and URLs."""
    return {
        "number": edition.number,
        "title": edition.title,
        "published_at": timestamp(edition.published),
        "updated_at": timestamp(edition.modified),
        "item_count": len(edition.items),
        "web_url": site.url(f"/editions/{edition.number}"),
        "api_url": site.url(f"{API_ROOT}/editions/{edition.number}"),
    }


def edition_object(site: Site, edition: Edition, items: Any) -> JSONObject:
    """A whole edition: intro, sign-off and `items` (already-built item objects)."""
    signoff = edition.signoff
    return {
        "number": edition.number,
        "title": edition.title,
        "published_at": timestamp(edition.published),
        "updated_at": timestamp(edition.modified),
        "intro_html": edition.intro_html,
        "intro_text": edition.intro_text,
        "signoff": {
            "name": signoff.name,
            "role": _text_or_null(signoff.role),
            "organisation": _text_or_null(signoff.organisation),
            "email": _text_or_null(signoff.email),
        },
        "item_count": len(edition.items),
        "items": items,
        "web_url": site.url(f"/editions/{edition.number}"),
        "api_url": site.url(f"{API_ROOT}/editions/{edition.number}"),
    }


def feed_urls(site: Site, slug: str) -> JSONObject:
    """The RSS, Atom and JSON Feed URLs of a section (or of `all`)."""
    return {fmt: site.url(f"/feeds/{slug}.{fmt}") for fmt in FEED_FORMATS}


def section_object(site: Site, section: Section) -> JSONObject:
    """A section: its title, how many items it holds, and its feeds."""
    items = site.items_by_section.get(section.slug, ())
    return {
        "slug": section.slug,
        "title": section.title,
        "description": _text_or_null(section.description),
        "item_count": len(items),
        "event_count": sum(1 for item in items if item.event is not None),
        "feeds": feed_urls(site, section.slug),
        "items_url": site.url(f"{API_ROOT}/items?section={section.slug}"),
        "api_url": site.url(f"{API_ROOT}/sections/{section.slug}"),
    }
