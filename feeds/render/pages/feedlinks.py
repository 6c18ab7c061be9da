"""The feeds a page points to: autodiscovery links, the subscribe panel and how to subscribe.

Takes a `Site` and the feed URL contract (`/feeds/{section}.{rss,atom,json}`,
`/feeds/all.*`, `/feeds/events.ics`, docs/pages.md); gives `<link rel="alternate">`
elements for a page's head and the visible panel with each feed's address to
copy. Browsers show feeds as raw XML or JSON, so these pages do the explaining.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from feeds.models import Section, Site
from feeds.render.pages.markup import esc, link

__all__ = [
    "CALENDAR_PATH",
    "Feed",
    "FeedGroup",
    "all_group",
    "alternate_links",
    "calendar_group",
    "every_group",
    "how_to_subscribe",
    "section_group",
    "subscribe_panel",
]

CALENDAR_PATH = "/feeds/events.ics"
# (extension, media type, name shown to people), in the order pages list them.
_FORMATS = (
    ("rss", "application/rss+xml", "RSS"),
    ("atom", "application/atom+xml", "Atom"),
    ("json", "application/feed+json", "JSON Feed"),
)


@dataclass(frozen=True, slots=True)
class Feed:
    """One published feed: its path, media type and format name."""

    path: str
    media_type: str
    format: str


@dataclass(frozen=True, slots=True)
class FeedGroup:
    """The feeds of one subject (all sections, a section, the events calendar)."""

    title: str
    description: str
    feeds: tuple[Feed, ...]


def _news_feeds(name: str) -> tuple[Feed, ...]:
    return tuple(Feed(f"/feeds/{name}.{ext}", media, label) for ext, media, label in _FORMATS)


def all_group(site: Site) -> FeedGroup:
    """The feeds of the whole bulletin."""
    return FeedGroup("All sections", f"Every item of the {site.title}.", _news_feeds("all"))


def section_group(section: Section) -> FeedGroup:
    """The feeds of one section."""
    return FeedGroup(section.title, section.description, _news_feeds(section.slug))


def calendar_group() -> FeedGroup:
    """The iCalendar feed of every event item."""
    feed = Feed(CALENDAR_PATH, "text/calendar", "iCalendar")
    return FeedGroup("Events calendar", "Every event, for your calendar.", (feed,))


def every_group(site: Site) -> tuple[FeedGroup, ...]:
    """All sections, then each section in site order, then the events calendar."""
    sections = tuple(section_group(section) for section in site.sections)
    return (all_group(site), *sections, calendar_group())


def alternate_links(site: Site, groups: Iterable[FeedGroup]) -> str:
    """`<link rel="alternate">` autodiscovery elements, one per feed, absolute URLs."""
    lines = []
    for group in groups:
        for feed in group.feeds:
            title = f"{site.title}: {group.title} ({feed.format})"
            lines.append(
                f'<link rel="alternate" type="{esc(feed.media_type)}" '
                f'title="{esc(title)}" href="{esc(site.url(feed.path))}">'
            )
    return "\n".join(lines)


def _feed_row(site: Site, feed: Feed) -> str:
    url = site.url(feed.path)
    anchor = link(url, feed.format, type=feed.media_type)
    return f'<li>{anchor} <code class="feed-url">{esc(url)}</code></li>'


def _group(site: Site, group: FeedGroup) -> str:
    rows = "\n".join(_feed_row(site, feed) for feed in group.feeds)
    about = f"\n<p>{esc(group.description)}</p>" if group.description else ""
    return (
        f'<div class="feed-group">\n<h3>{esc(group.title)}</h3>{about}\n'
        f'<ul class="feeds">\n{rows}\n</ul>\n</div>'
    )


def subscribe_panel(site: Site, groups: Sequence[FeedGroup], *, more: bool = False) -> str:
    """The visible "Subscribe" panel with each feed's address to copy.

    With `more`, it ends with a link to the home page's panel listing every feed.
    """
    body = "\n".join(_group(site, group) for group in groups)
    tail = ""
    if more:
        tail = "\n<p>" + link(site.url("/") + "#subscribe", "Every feed of the bulletin") + "</p>"
    return (
        '<section class="subscribe" id="subscribe" aria-labelledby="subscribe-heading">\n'
        '<h2 id="subscribe-heading">Subscribe</h2>\n'
        "<p>Copy a feed address into your feed reader to get new items as they are "
        "published. RSS and Atom carry the same items; use whichever your reader "
        f"prefers.</p>\n{body}{tail}\n</section>"
    )


def how_to_subscribe(site: Site) -> str:
    """A short note on subscribing from feed readers, Microsoft 365 and calendars."""
    rss = site.url("/feeds/all.rss")
    calendar = site.url(CALENDAR_PATH)
    return f"""<section class="how-to" id="how-to-subscribe" aria-labelledby="how-to-heading">
<h2 id="how-to-heading">How to subscribe</h2>
<ul>
<li><strong>Feed readers</strong> (Feedly, Inoreader, NetNewsWire, Miniflux, FreshRSS and
others): choose "add" or "subscribe" and paste a feed address. The reader checks for new
items for you; there is nothing to install from this site.</li>
<li><strong>Outlook</strong> (classic Outlook for Windows): right-click
<em>RSS Subscriptions</em> in the folder list, choose <em>Add a New RSS Feed</em> and paste
an RSS address such as <code class="feed-url">{esc(rss)}</code>.</li>
<li><strong>Microsoft Teams and Power Automate</strong>: create a flow that starts with the
RSS connector's <em>When a feed item is published</em> trigger, give it an RSS or Atom
address, and post each new item to a Teams channel or chat.</li>
<li><strong>Calendars</strong>: subscribe to <code class="feed-url">{esc(calendar)}</code>
by its address (Outlook: <em>Add calendar</em>, <em>Subscribe from web</em>; Google
Calendar: <em>Other calendars</em>, <em>From URL</em>; Apple Calendar: <em>File</em>,
<em>New Calendar Subscription</em>). A subscribed calendar updates itself; a downloaded
copy does not.</li>
</ul>
</section>"""
