"""The feed family of the snapshot: every feed URL and the renderer behind it.

Takes a `Site` and `Settings`; gives one `Entry` per feed path, a public contract
(docs/feeds.md): `/feeds/{section}.rss|.atom|.json` for every section,
`/feeds/all.rss|.atom|.json` and `/feeds/events.ics`. Each renderer runs at most
once per content load (feeds.snapshot). A resource's `modified` is its newest
item's last change, never the time of the render, so Last-Modified and the bytes
agree across restarts and machines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from feeds.models import Site
from feeds.render.atom_rss import ATOM_TYPE, RSS_TYPE, render_atom, render_rss
from feeds.render.facts import Channel, channel
from feeds.render.ical import CALENDAR_TYPE, calendar_events, calendar_modified, render_calendar
from feeds.render.jsonfeed import JSON_FEED_TYPE, render_jsonfeed
from feeds.resource import PAGE_CACHE, Entry, Resource
from feeds.settings import Settings

__all__ = ["ALL", "CALENDAR_PATH", "FORMATS", "entries", "feed_path"]

ALL = "all"
CALENDAR_PATH = "/feeds/events.ics"
# extension -> (media type, renderer), in the order each feed's paths are listed
FORMATS: dict[str, tuple[str, Callable[[Channel], bytes]]] = {
    "rss": (RSS_TYPE, render_rss),
    "atom": (ATOM_TYPE, render_atom),
    "json": (JSON_FEED_TYPE, render_jsonfeed),
}


def feed_path(name: str, extension: str) -> str:
    """The URL path of feed `name` ("all" or a section slug) in one format."""
    return f"/feeds/{name}.{extension}"


def entries(site: Site, settings: Settings) -> Iterator[Entry]:
    """Every feed of the site: all sections, then each section, then the calendar."""
    for name in (ALL, *(section.slug for section in site.sections)):
        for extension in FORMATS:
            yield Entry(feed_path(name, extension), _feed_renderer(site, name, extension, settings))
    yield Entry(CALENDAR_PATH, lambda: _calendar(site))


def _feed_renderer(
    site: Site, name: str, extension: str, settings: Settings
) -> Callable[[], Resource]:
    media_type, render = FORMATS[extension]

    def resource() -> Resource:
        feed = channel(site, name, settings.feed_limit)
        return Resource(
            feed_path(name, extension), media_type, render(feed), feed.updated, PAGE_CACHE
        )

    return resource


def _calendar(site: Site) -> Resource:
    events = calendar_events(site)
    body = render_calendar(site, events)
    return Resource(CALENDAR_PATH, CALENDAR_TYPE, body, calendar_modified(site, events), PAGE_CACHE)
