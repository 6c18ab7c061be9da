"""The 404 page `/404.html`: where to go instead, and every real feed.

Takes a `Site`; gives the page as UTF-8 bytes. The web app sends it with status
404 for any unknown path outside the API, and static hosts do the same, so a
mistyped or retired feed address shows the feeds that do exist. Every link is
absolute because the page is served at any path.
"""

from __future__ import annotations

from feeds.models import Site
from feeds.render.pages import jsonld
from feeds.render.pages.blocks import edition_url
from feeds.render.pages.feedlinks import (
    all_group,
    calendar_group,
    every_group,
    how_to_subscribe,
    subscribe_panel,
)
from feeds.render.pages.layout import document
from feeds.render.pages.markup import link

__all__ = ["render_not_found"]


def render_not_found(site: Site) -> bytes:
    """The page for an address that has nothing."""
    places = [f"<li>{link(site.url('/'), 'The home page')}, with every edition</li>"]
    if site.latest is not None:
        latest = site.latest
        places.append(
            f"<li>The latest edition: {link(edition_url(site, latest), latest.title)}</li>"
        )
    main = "\n".join(
        (
            "<h1>Page not found</h1>",
            "<p>There is nothing at this address. It may have been mistyped, or the "
            "feed or page may never have existed. Feed addresses end in "
            "<code>.rss</code>, <code>.atom</code>, <code>.json</code> or <code>.ics</code> "
            "and are listed below.</p>",
            '<ul class="places">\n' + "\n".join(places) + "\n</ul>",
            subscribe_panel(site, every_group(site)),
            how_to_subscribe(site),
        )
    )
    return document(
        site,
        title="Page not found",
        description=f"This address has no page. Find the {site.title} and its feeds here.",
        main=main,
        feeds=(all_group(site), calendar_group()),
        schema=jsonld.graph(jsonld.not_found_page(site)),
        canonical=None,
    )
