"""What every feed format says about an item, decided once: IDs, links, dates, words.

Takes a `Site` and its items; gives `ItemFacts`: the permanent tag: ID, the
permalink, the readable event and deadline sentences, the categories, the author
and the summary and HTML content with those sentences appended; and `Channel`,
one feed's own facts with its newest items. RSS, Atom, JSON Feed and iCalendar
all read these, so an item's ID and words are the same in every format. Day and
month names come from tables here, not the C locale, so the bytes are the same on
every machine.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from html import escape

from feeds.content.text import strip_control
from feeds.models import Event, Item, Signoff, Site

__all__ = [
    "EPOCH",
    "Channel",
    "ItemFacts",
    "channel",
    "clock",
    "deadline_text",
    "event_text",
    "feed_id",
    "item_facts",
    "item_id",
    "long_date",
    "newest",
]

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # `modified` of a feed with nothing in it

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)


@dataclass(frozen=True, slots=True)
class ItemFacts:
    """One item as every feed format shows it."""

    item: Item
    id: str
    url: str
    title: str
    published: datetime
    updated: datetime
    summary: str  # plain text: the item's summary, then the event and deadline sentences
    content_html: str  # sanitised body, the item's links, then the same sentences
    categories: tuple[str, ...]
    author: Signoff
    author_email: str
    event_text: str | None
    deadline_text: str | None

    @property
    def sentences(self) -> tuple[str, ...]:
        """The event and deadline sentences this item has, in that order."""
        return tuple(s for s in (self.event_text, self.deadline_text) if s)


def item_id(site: Site, item: Item) -> str:
    """The permanent tag: URI (RFC 4151) of an item, the same in every format."""
    year = site.editions_by_number[item.edition].published.year
    return f"tag:{site.id_authority},{year}:item/{item.id}"


def feed_id(site: Site, name: str) -> str:
    """The permanent tag: URI of a feed (`all`, a section slug, `events`)."""
    # The oldest edition's year: the authority already published the bulletin then.
    year = site.editions[-1].published.year if site.editions else EPOCH.year
    return f"tag:{site.id_authority},{year}:feed/{name}"


def long_date(day: date | datetime) -> str:
    """A date as 'Thursday 14 November 2024'."""
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def clock(moment: datetime) -> str:
    """A time of day on the 24-hour clock: '09:30'."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def _zone(moment: datetime) -> str:
    key = getattr(moment.tzinfo, "key", None)  # a ZoneInfo names its zone
    return str(key) if key else (moment.tzname() or "UTC")


def _place(event: Event) -> str:
    location = (event.location or "").strip()
    if location and event.online and "online" not in location.lower():
        return f"{location}, and online"
    if location:
        return location
    return "Online" if event.online else ""


def _sentence(*parts: str) -> str:
    text = ", ".join(part for part in parts if part)
    return text if text.endswith((".", "!", "?")) else text + "."


def event_text(event: Event) -> str:
    """The event as one readable sentence, e.g. 'Event: Thursday 7 November 2024, 09:30–10:30 …'."""
    start, end = event.start, event.end
    if not isinstance(start, datetime):
        when = long_date(start)
        if end is not None and end != start:
            when += f" to {long_date(end)}"
        return _sentence(f"All-day event: {when}", _place(event))
    when = f"{long_date(start)}, {clock(start)}"
    if isinstance(end, datetime) and end != start:
        local_end = end.astimezone(start.tzinfo)
        if local_end.date() == start.date():
            when += f"–{clock(local_end)}"
        else:
            when += f" to {long_date(local_end)}, {clock(local_end)}"
    return _sentence(f"Event: {when} ({_zone(start)})", _place(event))


def deadline_text(deadline: date) -> str:
    """The deadline as one readable sentence: 'Deadline: Wednesday 20 November 2024.'."""
    return f"Deadline: {long_date(deadline)}."


def _content_html(item: Item, sentences: Sequence[str]) -> str:
    # A title-only item has no body; its summary (the title) stands in, so no
    # format ever carries empty content.
    parts = [item.body_html or f"<p>{escape(item.summary)}</p>"]
    if item.links:
        rows = "".join(
            f'<li><a href="{escape(link.url)}">{escape(link.title)}</a></li>' for link in item.links
        )
        parts.append(f"<ul>{rows}</ul>")
    parts.extend(f"<p>{escape(sentence)}</p>" for sentence in sentences)
    return "\n".join(parts)


def _legal(text: str) -> str:
    # The loader removes control characters from the YAML, but a Markdown numeric
    # reference (`&#x1F;`) brings one back; XML cannot carry it, so none leaves here.
    return strip_control(text)[0]


def item_facts(site: Site, item: Item) -> ItemFacts:
    """Everything a feed says about `item`, in characters every format can carry."""
    edition = site.editions_by_number[item.edition]
    event = _legal(event_text(item.event)) if item.event is not None else None
    deadline = deadline_text(item.deadline) if item.deadline is not None else None
    sentences = tuple(s for s in (event, deadline) if s)
    summary = item.summary
    if sentences:
        summary += "\n\n" + " ".join(sentences)
    section = site.sections_by_slug.get(item.section)
    categories = [section.title if section is not None else item.section, *item.tags]
    return ItemFacts(
        item=item,
        id=item_id(site, item),
        url=site.url(f"/items/{item.id}"),
        title=_legal(item.title),
        published=item.published.replace(microsecond=0),
        updated=item.modified.replace(microsecond=0),
        summary=_legal(summary),
        content_html=_legal(_content_html(item, sentences)),
        categories=tuple(dict.fromkeys(_legal(c) for c in categories)),
        author=edition.signoff,
        # RSS names an author by email; the site's contact stands in when the
        # sign-off gives none.
        author_email=edition.signoff.email or site.contact,
        event_text=event,
        deadline_text=deadline,
    )


def newest(facts: Sequence[ItemFacts], site: Site) -> datetime:
    """When a feed of these items last changed: its newest item, else the site, never now."""
    if facts:
        return max(f.updated for f in facts)
    return site.modified.replace(microsecond=0) if site.modified is not None else EPOCH


@dataclass(frozen=True, slots=True)
class Channel:
    """One feed as every format shows it: its own facts and its items, newest first."""

    name: str  # "all" or a section slug: the feed's path is /feeds/{name}.{ext}
    id: str
    title: str
    description: str
    home_url: str
    feed_url: str  # without the extension: each format adds its own
    language: str
    publisher: str
    contact: str
    updated: datetime
    items: tuple[ItemFacts, ...]


def channel(site: Site, name: str, limit: int) -> Channel:
    """The feed `name` ("all" or a section slug) with its newest `limit` items."""
    section = site.sections_by_slug.get(name)
    if section is not None:
        items = site.items_by_section.get(name, ())
        title = f"{site.title}: {section.title}"
        description = section.description or site.description or title
    else:
        items = site.items
        title = site.title
        description = site.description or title
    facts = tuple(item_facts(site, item) for item in items[:limit])
    return Channel(
        name=name,
        id=feed_id(site, name),
        title=title,
        description=description,
        home_url=site.url("/"),
        feed_url=site.url(f"/feeds/{name}"),
        language=site.language,
        publisher=site.publisher,
        contact=site.contact,
        updated=newest(facts, site),
        items=facts,
    )
