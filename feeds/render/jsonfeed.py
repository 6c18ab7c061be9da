"""JSON Feed 1.1, written by hand with the standard library.

Takes a `Channel` (feeds.render.facts); gives the bytes of a JSON Feed 1.1
document (https://jsonfeed.org/version/1.1): UTF-8, two-space indent, keys in a
fixed order, so the same content gives the same bytes. Each item carries the
same ID, words and dates as the RSS and Atom entries, and a `_bulletin`
extension object with the section, the edition and the event and deadline as
data for programs (docs/feeds.md).
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from feeds.models import Event
from feeds.render.facts import Channel, ItemFacts

__all__ = ["JSON_FEED_TYPE", "JSON_FEED_VERSION", "render_jsonfeed"]

JSON_FEED_TYPE = "application/feed+json; charset=utf-8"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


def render_jsonfeed(channel: Channel) -> bytes:
    """The channel as a JSON Feed 1.1 document."""
    document: dict[str, Any] = {
        "version": JSON_FEED_VERSION,
        "title": channel.title,
        "home_page_url": channel.home_url,
        "feed_url": f"{channel.feed_url}.json",
        "description": channel.description,
        "language": channel.language,
        "authors": [{"name": channel.publisher, "url": channel.home_url}],
        "items": [_item(facts) for facts in channel.items],
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def _iso(moment: date | datetime) -> str:
    if isinstance(moment, datetime):
        return moment.replace(microsecond=0).isoformat()
    return moment.isoformat()


def _event(event: Event, text: str) -> dict[str, Any]:
    zone = getattr(event.start.tzinfo, "key", None) if isinstance(event.start, datetime) else None
    return {
        "start": _iso(event.start),
        "end": _iso(event.end) if event.end is not None else None,
        "all_day": event.all_day,
        "timezone": zone,
        "location": event.location,
        "online": event.online,
        "text": text,
    }


def _item(facts: ItemFacts) -> dict[str, Any]:
    item = facts.item
    bulletin: dict[str, Any] = {
        "section": item.section,
        "edition": item.edition,
        "event": None,
        "deadline": None,
    }
    if item.event is not None and facts.event_text is not None:
        bulletin["event"] = _event(item.event, facts.event_text)
    if item.deadline is not None and facts.deadline_text is not None:
        bulletin["deadline"] = {"date": _iso(item.deadline), "text": facts.deadline_text}
    return {
        "id": facts.id,
        "url": facts.url,
        "title": facts.title,
        "content_html": facts.content_html,
        "summary": facts.summary,
        "date_published": _iso(facts.published),
        "date_modified": _iso(facts.updated),
        "authors": [{"name": facts.author.name, "url": f"mailto:{facts.author_email}"}],
        "tags": list(facts.categories),
        "_bulletin": bulletin,
    }
