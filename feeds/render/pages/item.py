"""An item's page `/items/{id}`, its permalink.

Takes a `Site` and one of its `Item`s; gives the page as UTF-8 bytes: title,
section, edition, dates, event and deadline facts, body, calls to action and
tags. Its autodiscovery links are its section's feeds, then the whole
bulletin's, then the events calendar for an event.
"""

from __future__ import annotations

from feeds.models import Item, Section, Site
from feeds.render.pages import jsonld
from feeds.render.pages.blocks import edition_url, item_body, item_url
from feeds.render.pages.dates import time_element
from feeds.render.pages.feedlinks import (
    FeedGroup,
    all_group,
    calendar_group,
    how_to_subscribe,
    section_group,
    subscribe_panel,
)
from feeds.render.pages.layout import document
from feeds.render.pages.markup import clip, esc, link

__all__ = ["item_feeds", "render_item"]


def _section(site: Site, item: Item) -> Section:
    return site.sections_by_slug.get(item.section) or Section(item.section, item.section)


def item_feeds(site: Site, item: Item) -> tuple[FeedGroup, ...]:
    """The feeds that fit an item: its section's, the whole bulletin's, and events for events."""
    groups = (section_group(_section(site, item)), all_group(site))
    return (*groups, calendar_group()) if item.event is not None else groups


def _meta(site: Site, item: Item, section: Section) -> str:
    edition = site.editions_by_number[item.edition]
    section_link = link(f"{edition_url(site, edition)}#section-{section.slug}", section.title)
    lines = [
        f"<dt>Section</dt><dd>{section_link}</dd>",
        f"<dt>Edition</dt><dd>{link(edition_url(site, edition), edition.title)}</dd>",
        f"<dt>Published</dt><dd>{time_element(item.published)}</dd>",
    ]
    if item.modified != item.published:
        lines.append(f"<dt>Updated</dt><dd>{time_element(item.modified)}</dd>")
    return '<dl class="meta">\n' + "\n".join(lines) + "\n</dl>"


def render_item(site: Site, item: Item) -> bytes:
    """The page of one item."""
    section = _section(site, item)
    edition = site.editions_by_number[item.edition]
    crumbs = (
        '<nav aria-label="Breadcrumb"><ol class="crumbs">'
        f"<li>{link(site.url('/'), 'Home')}</li>"
        f"<li>{link(edition_url(site, edition), f'Edition {edition.number}')}</li>"
        f"<li>{esc(section.title)}</li></ol></nav>"
    )
    feeds = item_feeds(site, item)
    main = "\n".join(
        (
            crumbs,
            f"<article>\n<h1>{esc(item.title)}</h1>\n{_meta(site, item, section)}\n"
            f"{item_body(item)}\n</article>",
            subscribe_panel(site, feeds, more=True),
            how_to_subscribe(site),
        )
    )
    nodes = [jsonld.item_article(site, item)]
    if item.event is not None:
        nodes.append(jsonld.event(site, item, item.event))
    return document(
        site,
        title=item.title,
        description=clip(item.summary),
        main=main,
        feeds=feeds,
        schema=jsonld.graph(*nodes),
        canonical=item_url(site, item),
    )
