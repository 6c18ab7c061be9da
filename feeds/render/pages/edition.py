"""An edition's page `/editions/{number}`: the intro letter, the sign-off, then every item.

Takes a `Site` and one of its `Edition`s; gives the page as UTF-8 bytes and the
moment it last changed. Items are grouped by section in site order, each in
bulletin order, and shown in full; each section heading carries its feeds.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from feeds.models import Edition, Item, Section, Signoff, Site
from feeds.render.pages import jsonld
from feeds.render.pages.blocks import by_section, edition_url, item_body, item_url
from feeds.render.pages.dates import long_date, time_element
from feeds.render.pages.feedlinks import (
    all_group,
    calendar_group,
    how_to_subscribe,
    section_group,
    subscribe_panel,
)
from feeds.render.pages.layout import document
from feeds.render.pages.markup import esc, link

__all__ = ["edition_modified", "render_edition"]


def _neighbours(site: Site, edition: Edition) -> tuple[Edition | None, Edition | None]:
    """The next older and next newer editions, if any (editions are newest first)."""
    index = site.editions.index(edition)
    older = site.editions[index + 1] if index + 1 < len(site.editions) else None
    newer = site.editions[index - 1] if index > 0 else None
    return older, newer


def edition_modified(site: Site, edition: Edition) -> datetime:
    """When the page last changed: its content, or a newer edition it now links to."""
    _, newer = _neighbours(site, edition)
    return max(edition.modified, newer.published) if newer else edition.modified


def _signoff(signoff: Signoff) -> str:
    lines = [esc(signoff.name)]
    role = ", ".join(part for part in (signoff.role, signoff.organisation) if part)
    if role:
        lines.append(esc(role))
    if signoff.email:
        lines.append(link("mailto:" + signoff.email, signoff.email))
    return '<p class="signoff">' + "<br>\n".join(lines) + "</p>"


def _section_feeds(site: Site, section: Section) -> str:
    group = section_group(section)
    anchors = " · ".join(
        link(site.url(feed.path), feed.format, type=feed.media_type) for feed in group.feeds
    )
    return f'<p class="meta">Follow {esc(section.title)}: {anchors}</p>'


def _contents(sections: Sequence[tuple[Section, tuple[Item, ...]]]) -> str:
    rows = "".join(
        f'<li><a href="#section-{esc(section.slug)}">{esc(section.title)}</a> ({len(found)})</li>'
        for section, found in sections
    )
    return f'<nav aria-label="Sections of this edition"><ul>{rows}</ul></nav>'


def _sections(site: Site, edition: Edition) -> str:
    grouped = by_section(site, edition.items)
    blocks = [_contents(grouped)]
    for section, items in grouped:
        articles = "\n".join(
            f'<article id="item-{esc(item.id)}">\n'
            f"<h3>{link(item_url(site, item), item.title)}</h3>\n{item_body(item)}\n</article>"
            for item in items
        )
        blocks.append(
            f'<section id="section-{esc(section.slug)}" aria-labelledby="h-{esc(section.slug)}">\n'
            f'<h2 id="h-{esc(section.slug)}">{esc(section.title)}</h2>\n'
            f"{_section_feeds(site, section)}\n{articles}\n</section>"
        )
    return "\n".join(blocks)


def _neighbour_links(site: Site, edition: Edition) -> str:
    older, newer = _neighbours(site, edition)
    rows = []
    if older is not None:
        rows.append(f"<li>Older: {link(edition_url(site, older), older.title)}</li>")
    if newer is not None:
        rows.append(f"<li>Newer: {link(edition_url(site, newer), newer.title)}</li>")
    if not rows:
        return ""
    return '<nav aria-label="Other editions"><ul>' + "".join(rows) + "</ul></nav>"


def _description(site: Site, edition: Edition) -> str:
    titles = ", ".join(section.title for section, _ in by_section(site, edition.items))
    count = len(edition.items)
    noun = "item" if count == 1 else "items"
    on = f" on {titles}" if titles else ""
    return f"{edition.title}, published {long_date(edition.published)}: {count} {noun}{on}."


def render_edition(site: Site, edition: Edition) -> bytes:
    """The page of one edition."""
    home = site.url("/")
    crumbs = (
        '<nav aria-label="Breadcrumb"><ol class="crumbs">'
        f"<li>{link(home, 'Home')}</li><li>Edition {edition.number}</li></ol></nav>"
    )
    main = "\n".join(
        part
        for part in (
            crumbs,
            f"<h1>{esc(edition.title)}</h1>",
            f'<p class="meta">Published {time_element(edition.published)}.</p>',
            f'<section class="intro" aria-label="Introduction">\n{edition.intro_html}\n'
            f"{_signoff(edition.signoff)}\n</section>",
            _sections(site, edition),
            _neighbour_links(site, edition),
            subscribe_panel(site, (all_group(site), calendar_group()), more=True),
            how_to_subscribe(site),
        )
        if part
    )
    description = _description(site, edition)
    return document(
        site,
        title=edition.title,
        description=description,
        main=main,
        feeds=(all_group(site), calendar_group()),
        schema=jsonld.graph(jsonld.edition_article(site, edition, description)),
        canonical=edition_url(site, edition),
    )
