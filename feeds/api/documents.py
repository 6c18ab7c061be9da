"""The API's query-less documents, as snapshot entries.

Takes a `Site` and `Settings`; gives one `Entry` per API document: the index
(`/api/v1`), the OpenAPI document, sections, editions (the list, each edition
and `latest`), each item, and the first page of `/items`, `/events` and
`/editions`. The lists' first pages come from the same query code as every
other page, so a query-less URL and its computed twin have the same bytes.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from datetime import date, datetime
from functools import partial
from typing import Any

from feeds.api.encode import Raw, dumps
from feeds.api.index import NEVER, ApiIndex, build_index
from feeds.api.objects import API_ROOT, edition_object, feed_urls, section_object, timestamp
from feeds.api.openapi import openapi_document
from feeds.api.params import EDITIONS, EVENTS, ITEMS, Operation
from feeds.api.query import Page, edition_page, item_page, page_headers
from feeds.api.validate import Query, default_query, parse_query
from feeds.models import Edition, Item, Site
from feeds.resource import API_CACHE, Entry, Resource
from feeds.settings import Settings

__all__ = ["API_JSON", "entries", "examples", "index_document", "site_index"]

API_JSON = "application/json"

_last: tuple[Site, ApiIndex] | None = None
_last_lock = threading.Lock()


def site_index(site: Site) -> ApiIndex:
    """The API index of this site, built once even when the snapshot and the app both ask."""
    global _last
    with _last_lock:
        if _last is None or _last[0] is not site:
            _last = (site, build_index(site))
        return _last[1]


def _envelope(data: Any, links: dict[str, str], meta: dict[str, Any] | None = None) -> bytes:
    return dumps({"data": data, "links": links, "meta": meta or {}})


def index_document(site: Site) -> bytes:
    """`/api/v1`: what the site is, and links to every collection and feed."""
    feeds = [{"section": "all", "title": "All sections", **feed_urls(site, "all")}]
    feeds += [
        {"section": s.slug, "title": s.title, **feed_urls(site, s.slug)} for s in site.sections
    ]
    latest = site.latest
    data = {
        "title": site.title,
        "description": site.description,
        "language": site.language,
        "timezone": site.timezone,
        "publisher": site.publisher,
        "contact": site.contact,
        "content_version": site.content_version,
        "updated_at": timestamp(site.modified) if site.modified else None,
        "edition_count": len(site.editions),
        "item_count": len(site.items),
        "latest_edition": latest.number if latest else None,
        "feeds": feeds,
        "calendar": site.url("/feeds/events.ics"),
    }
    links = {
        "self": site.url(API_ROOT),
        "openapi": site.url(f"{API_ROOT}/openapi.json"),
        "sections": site.url(f"{API_ROOT}/sections"),
        "editions": site.url(f"{API_ROOT}/editions"),
        "latest_edition": site.url(f"{API_ROOT}/editions/latest"),
        "items": site.url(f"{API_ROOT}/items"),
        "events": site.url(f"{API_ROOT}/events"),
        "link_report": site.url(f"{API_ROOT}/link-report"),
        "home": site.url("/"),
    }
    return _envelope(data, links)


def _sections_page(site: Site) -> Page:
    url = site.url(f"{API_ROOT}/sections")
    data = [section_object(site, s) for s in site.sections]
    links = {"self": url, "first": url, "last": url}
    return Page(_envelope(data, links, {"total": len(data)}), len(data), links)


def _section_document(site: Site, slug: str) -> bytes:
    data = section_object(site, site.sections_by_slug[slug])
    return _envelope(data, {"self": data["api_url"], "items": data["items_url"]})


def _edition_document(site: Site, index: ApiIndex, edition: Edition) -> bytes:
    items = Raw.array([index.items[rank].json for rank in index.by_edition.get(edition.number, [])])
    data = edition_object(site, edition, items)
    return _envelope(data, {"self": data["api_url"], "web": data["web_url"]})


def _item_document(site: Site, index: Callable[[], ApiIndex], item: Item) -> bytes:
    found = index()
    row = found.items[found.by_id[item.id]]
    links = {
        "self": site.url(f"{API_ROOT}/items/{item.id}"),
        "web": site.url(f"/items/{item.id}"),
        "edition": site.url(f"{API_ROOT}/editions/{item.edition}"),
        "section": site.url(f"{API_ROOT}/sections/{item.section}"),
    }
    return _envelope(Raw(row.json), links)


LINK_REPORT_EXAMPLE = {
    "data": {
        "generated_at": "2024-11-05T03:00:00+00:00",
        "summary": {"ok": 41, "redirected": 1, "broken": 1},
        "links": [
            {
                "url": "https://www.example.org/old-report",
                "verdict": "broken",
                "http_status": 404,
                "occurrences": [{"edition": 25, "item": "budget-2024", "field": "links"}],
            }
        ],
    },
    "links": {"self": "https://bulletin.example.org/api/v1/link-report"},
    "meta": {},
}


def _one_per_page(index: ApiIndex, operation: Operation) -> Query:
    query = parse_query(
        operation,
        [("limit", "1")],
        sections=index.sections,
        zone=index.zone,
        today=date.min,
    )
    assert isinstance(query, Query)
    return query


def examples(site: Site, index: ApiIndex) -> dict[str, Any]:
    """An example body for each envelope schema: real documents of this site."""
    found: dict[str, Any] = {
        "IndexDocument": index_document(site),
        "SectionList": _sections_page(site).body,
        "EditionList": edition_page(index, _one_per_page(index, EDITIONS)).body,
        "ItemList": item_page(index, ITEMS, _one_per_page(index, ITEMS)).body,
    }
    if site.sections:
        found["SectionDocument"] = _section_document(site, site.sections[0].slug)
    if site.latest is not None:
        found["EditionDocument"] = _edition_document(site, index, site.latest)
    if site.items:
        found["ItemDocument"] = _item_document(site, lambda: index, site.items[0])
    parsed = {name: json.loads(body) for name, body in found.items()}
    return {**parsed, "LinkReportDocument": LINK_REPORT_EXAMPLE}


def entries(site: Site, settings: Settings) -> Iterator[Entry]:
    """Every query-less API document of the site."""
    modified = site.modified or NEVER

    def entry(path: str, render: Callable[[], bytes], when: datetime = modified) -> Entry:
        return Entry(path, lambda: Resource(path, API_JSON, render(), when, API_CACHE))

    def listing(path: str, render: Callable[[], Page]) -> Entry:
        # A list carries its page headers with it, so every server sends them from the
        # snapshot alone, without the item index (the Lambda loads that only for queries).
        def resource() -> Resource:
            page = render()
            headers = page_headers(page)
            return Resource(path, API_JSON, page.body, modified, API_CACHE, headers=headers)

        return Entry(path, resource)

    def index() -> ApiIndex:
        return site_index(site)

    yield entry(API_ROOT, lambda: index_document(site))
    yield entry(
        f"{API_ROOT}/openapi.json", lambda: dumps(openapi_document(site, examples(site, index())))
    )
    yield listing(f"{API_ROOT}/sections", lambda: _sections_page(site))
    for section in site.sections:
        yield entry(
            f"{API_ROOT}/sections/{section.slug}", partial(_section_document, site, section.slug)
        )
    yield listing(f"{API_ROOT}/editions", lambda: edition_page(index(), default_query(EDITIONS)))
    for edition in site.editions:
        document = _edition_renderer(site, index, edition)
        yield entry(f"{API_ROOT}/editions/{edition.number}", document, edition.modified)
        if edition is site.latest:
            yield entry(f"{API_ROOT}/editions/latest", document, edition.modified)
    yield listing(f"{API_ROOT}/items", lambda: item_page(index(), ITEMS, default_query(ITEMS)))
    yield listing(f"{API_ROOT}/events", lambda: item_page(index(), EVENTS, default_query(EVENTS)))
    for item in site.items:
        render = partial(_item_document, site, index, item)
        yield entry(f"{API_ROOT}/items/{item.id}", render, item.modified)


def _edition_renderer(
    site: Site, index: Callable[[], ApiIndex], edition: Edition
) -> Callable[[], bytes]:
    rendered: list[bytes] = []

    def render() -> bytes:
        # `latest` and `/editions/N` are the same document: render it once for both.
        if not rendered:
            rendered.append(_edition_document(site, index(), edition))
        return rendered[0]

    return render
