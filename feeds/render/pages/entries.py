"""The pages resource family: every web page of a site as snapshot entries.

Takes a `Site` and `Settings`; gives one `Entry` per page (`/`, `/editions/{n}`,
`/items/{id}`, `/404.html`), each rendered on first use into a `text/html`
`Resource` whose Last-Modified comes from the content, never the clock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from functools import partial

from feeds.models import Edition, Item, Site
from feeds.render.pages.edition import edition_modified, render_edition
from feeds.render.pages.home import render_home
from feeds.render.pages.item import render_item
from feeds.render.pages.layout import MEDIA_TYPE
from feeds.render.pages.not_found import render_not_found
from feeds.resource import PAGE_CACHE, Entry, Resource
from feeds.settings import Settings

__all__ = ["NOT_FOUND_PATH", "entries"]

NOT_FOUND_PATH = "/404.html"
# An archive with no edition has no content date; a fixed one keeps Last-Modified stable.
_NO_CONTENT = datetime(1970, 1, 1, tzinfo=UTC)


def _resource(path: str, render: Callable[[], bytes], modified: datetime) -> Resource:
    return Resource(path, MEDIA_TYPE, render(), modified, PAGE_CACHE)


def _edition(site: Site, edition: Edition) -> Entry:
    path = f"/editions/{edition.number}"
    render = partial(render_edition, site, edition)
    return Entry(path, partial(_resource, path, render, edition_modified(site, edition)))


def _item(site: Site, item: Item) -> Entry:
    path = f"/items/{item.id}"
    render = partial(render_item, site, item)
    return Entry(path, partial(_resource, path, render, item.modified))


def entries(site: Site, settings: Settings) -> Iterator[Entry]:
    """Every page of the site, unrendered."""
    everything = site.modified or _NO_CONTENT
    yield Entry("/", partial(_resource, "/", partial(render_home, site), everything))
    for edition in site.editions:
        yield _edition(site, edition)
    for item in site.items:
        yield _item(site, item)
    yield Entry(
        NOT_FOUND_PATH,
        partial(_resource, NOT_FOUND_PATH, partial(render_not_found, site), everything),
    )
