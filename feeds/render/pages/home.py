"""The home page `/`: the latest edition's items, every edition, and how to subscribe.

Takes a `Site`; gives the page as UTF-8 bytes. Its autodiscovery links are the
feeds of the whole bulletin (`all`) and the events calendar.
"""

from __future__ import annotations

from feeds.models import Edition, Site
from feeds.render.pages import jsonld
from feeds.render.pages.blocks import edition_url, summary_list
from feeds.render.pages.dates import time_element
from feeds.render.pages.feedlinks import (
    all_group,
    calendar_group,
    every_group,
    how_to_subscribe,
    subscribe_panel,
)
from feeds.render.pages.layout import document
from feeds.render.pages.markup import esc, link

__all__ = ["render_home"]


def _latest(site: Site, edition: Edition | None) -> str:
    if edition is None:
        return (
            '<section aria-labelledby="latest-heading">\n'
            '<h2 id="latest-heading">Latest edition</h2>\n'
            "<p>No edition has been published yet. Subscribe below to hear of the first.</p>\n"
            "</section>"
        )
    return (
        '<section aria-labelledby="latest-heading">\n'
        f'<h2 id="latest-heading">Latest edition: {esc(edition.title)}</h2>\n'
        f'<p class="meta">Published {time_element(edition.published)}. '
        f"{link(edition_url(site, edition), 'Read the whole edition, with its introduction')}"
        f".</p>\n{summary_list(site, edition.items)}\n</section>"
    )


def _editions(site: Site) -> str:
    rows = "\n".join(
        f"<li>{link(edition_url(site, edition), edition.title)}, "
        f"{time_element(edition.published)} ({len(edition.items)} items)</li>"
        for edition in site.editions
    )
    listing = f"<ul>\n{rows}\n</ul>" if rows else "<p>None yet.</p>"
    return (
        '<section id="editions" aria-labelledby="editions-heading">\n'
        f'<h2 id="editions-heading">All editions</h2>\n{listing}\n</section>'
    )


def render_home(site: Site) -> bytes:
    """The home page."""
    main = "\n".join(
        (
            f"<h1>{esc(site.title)}</h1>",
            f'<p class="lead">{esc(site.description)}</p>',
            _latest(site, site.latest),
            _editions(site),
            subscribe_panel(site, every_group(site)),
            how_to_subscribe(site),
        )
    )
    return document(
        site,
        title=None,
        description=site.description,
        main=main,
        feeds=(all_group(site), calendar_group()),
        schema=jsonld.graph(jsonld.website(site)),
        canonical=site.url("/"),
    )
