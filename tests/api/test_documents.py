"""The API's snapshot documents for the bundled edition 25, whole."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from feeds.api.documents import entries, site_index
from feeds.api.index import ApiIndex
from feeds.api.objects import item_object
from feeds.api.params import EVENTS, ITEMS
from feeds.api.query import item_page
from feeds.api.validate import default_query
from feeds.content import load_site
from feeds.models import Site
from feeds.resource import API_CACHE, Resource
from feeds.settings import Settings
from tests.conftest import WriteContent

BASE = "https://bulletin.example.org"
API = f"{BASE}/api/v1"
PUBLISHED = datetime(2024, 11, 4, 9, tzinfo=UTC)


@pytest.fixture(scope="module")
def documents(bundled_site: Site) -> dict[str, Resource]:
    return {entry.path: entry.render() for entry in entries(bundled_site, Settings())}


def body(documents: dict[str, Resource], path: str) -> Any:
    return json.loads(documents[path].body)


def test_every_document_path(documents: dict[str, Resource], bundled_site: Site) -> None:
    assert list(documents) == [
        "/api/v1",
        "/api/v1/openapi.json",
        "/api/v1/sections",
        *(f"/api/v1/sections/{s.slug}" for s in bundled_site.sections),
        "/api/v1/editions",
        "/api/v1/editions/25",
        "/api/v1/editions/latest",
        "/api/v1/items",
        "/api/v1/events",
        *(f"/api/v1/items/{item.id}" for item in bundled_site.items),
    ]
    assert {(r.media_type, r.cache_control, r.modified) for r in documents.values()} == {
        ("application/json", API_CACHE, PUBLISHED)
    }


def test_index_document(documents: dict[str, Resource], bundled_site: Site) -> None:
    feeds = [("all", "All sections")] + [(s.slug, s.title) for s in bundled_site.sections]
    assert body(documents, "/api/v1") == {
        "data": {
            "title": "Cyber, Digital and Technology Bulletin",
            "description": bundled_site.description,
            "language": "en-GB",
            "timezone": "Europe/London",
            "publisher": "Local Government Association",
            "contact": "cyberanddigital@local.gov.uk",
            "content_version": bundled_site.content_version,
            "updated_at": "2024-11-04T09:00:00+00:00",
            "edition_count": 1,
            "item_count": 18,
            "latest_edition": 25,
            "feeds": [
                {
                    "section": slug,
                    "title": title,
                    "rss": f"{BASE}/feeds/{slug}.rss",
                    "atom": f"{BASE}/feeds/{slug}.atom",
                    "json": f"{BASE}/feeds/{slug}.json",
                }
                for slug, title in feeds
            ],
            "calendar": f"{BASE}/feeds/events.ics",
        },
        "links": {
            "self": API,
            "openapi": f"{API}/openapi.json",
            "sections": f"{API}/sections",
            "editions": f"{API}/editions",
            "latest_edition": f"{API}/editions/latest",
            "items": f"{API}/items",
            "events": f"{API}/events",
            "link_report": f"{API}/link-report",
            "home": f"{BASE}/",
        },
        "meta": {},
    }
    assert len(bundled_site.content_version) == 16


def test_sections(documents: dict[str, Resource]) -> None:
    found = body(documents, "/api/v1/sections")
    assert (found["links"], found["meta"]) == (
        {"self": f"{API}/sections", "first": f"{API}/sections", "last": f"{API}/sections"},
        {"total": 5},
    )
    assert [(s["slug"], s["item_count"], s["event_count"]) for s in found["data"]] == [
        ("news", 4, 0),
        ("events", 3, 3),
        ("opportunities", 3, 0),
        ("consultations", 3, 0),
        ("resources", 5, 0),
    ]
    assert body(documents, "/api/v1/sections/resources") == {
        "data": {
            "slug": "resources",
            "title": "Reports and resources",
            "description": "Reports, case studies, strategies and other resources for councils.",
            "item_count": 5,
            "event_count": 0,
            "feeds": {
                "rss": f"{BASE}/feeds/resources.rss",
                "atom": f"{BASE}/feeds/resources.atom",
                "json": f"{BASE}/feeds/resources.json",
            },
            "items_url": f"{API}/items?section=resources",
            "api_url": f"{API}/sections/resources",
        },
        "links": {"self": f"{API}/sections/resources", "items": f"{API}/items?section=resources"},
        "meta": {},
    }
    assert found["data"][4] == body(documents, "/api/v1/sections/resources")["data"]


def test_editions_list(documents: dict[str, Resource]) -> None:
    assert body(documents, "/api/v1/editions") == {
        "data": [
            {
                "number": 25,
                "title": "Cyber, Digital and Technology Bulletin – edition 25",
                "published_at": "2024-11-04T09:00:00+00:00",
                "updated_at": "2024-11-04T09:00:00+00:00",
                "item_count": 18,
                "web_url": f"{BASE}/editions/25",
                "api_url": f"{API}/editions/25",
            }
        ],
        "links": {
            "self": f"{API}/editions",
            "first": f"{API}/editions",
            "last": f"{API}/editions",
        },
        "meta": {"total": 1, "limit": 20, "offset": 0},
    }


def test_edition_25_holds_all_18_items_in_full(
    documents: dict[str, Resource], bundled_site: Site
) -> None:
    edition = bundled_site.editions_by_number[25]
    assert body(documents, "/api/v1/editions/25") == {
        "data": {
            "number": 25,
            "title": "Cyber, Digital and Technology Bulletin – edition 25",
            "published_at": "2024-11-04T09:00:00+00:00",
            "updated_at": "2024-11-04T09:00:00+00:00",
            "intro_html": edition.intro_html,
            "intro_text": edition.intro_text,
            "signoff": {
                "name": "Owen Pritchard",
                "role": "Head of Cyber, Digital and Technology",
                "organisation": "Local Government Association",
                "email": "owen.pritchard@local.gov.uk",
            },
            "item_count": 18,
            "items": [item_object(bundled_site, item) for item in edition.items],
            "web_url": f"{BASE}/editions/25",
            "api_url": f"{API}/editions/25",
        },
        "links": {"self": f"{API}/editions/25", "web": f"{BASE}/editions/25"},
        "meta": {},
    }
    assert len(body(documents, "/api/v1/editions/25")["data"]["items"]) == 18
    latest, numbered = documents["/api/v1/editions/latest"], documents["/api/v1/editions/25"]
    assert (latest.body, latest.etag) == (numbered.body, numbered.etag)


def test_item_document(documents: dict[str, Resource], bundled_site: Site) -> None:
    item = bundled_site.items_by_id["st-helens-cyber-incident-case-study"]
    assert body(documents, f"/api/v1/items/{item.id}") == {
        "data": item_object(bundled_site, item),
        "links": {
            "self": f"{API}/items/{item.id}",
            "web": f"{BASE}/items/{item.id}",
            "edition": f"{API}/editions/25",
            "section": f"{API}/sections/resources",
        },
        "meta": {},
    }


def test_query_less_lists_are_the_computed_first_pages(
    documents: dict[str, Resource], bundled_site: Site
) -> None:
    index = site_index(bundled_site)
    assert documents["/api/v1/items"].body == item_page(index, ITEMS, default_query(ITEMS)).body
    assert documents["/api/v1/events"].body == item_page(index, EVENTS, default_query(EVENTS)).body
    events = body(documents, "/api/v1/events")
    assert [item["id"] for item in events["data"]] == [
        "ons-local-data-maturity-workshop",
        "technology-innovation-showcase",
        "ons-local-cloud-workshop",
    ]
    assert body(documents, "/api/v1/items")["meta"] == {"total": 18, "limit": 20, "offset": 0}


def test_site_index_is_built_once_per_site(bundled_site: Site) -> None:
    assert site_index(bundled_site) is site_index(bundled_site)
    assert isinstance(site_index(bundled_site), ApiIndex)


def test_documents_of_an_edited_item_and_an_empty_signoff(write_content: WriteContent) -> None:
    site = load_site(
        write_content(
            {
                "003.yaml": """\
                    number: 3
                    title: Three
                    published: 2024-08-01
                    intro: Hello.
                    signoff: {name: Ada}
                    items:
                      - id: fixed
                        section: news
                        title: Fixed
                        updated: "2024-08-02T10:00:00+01:00"
                    """
            }
        )
    )
    found = {e.path: e.render() for e in entries(site, Settings())}
    edition = json.loads(found["/api/v1/editions/3"].body)["data"]
    assert (edition["signoff"], edition["updated_at"]) == (
        {"name": "Ada", "role": None, "organisation": None, "email": None},
        "2024-08-02T10:00:00+01:00",
    )
    item = found["/api/v1/items/fixed"]
    assert (item.modified, json.loads(item.body)["data"]["updated_at"]) == (
        datetime(2024, 8, 2, 9, tzinfo=UTC),
        "2024-08-02T10:00:00+01:00",
    )


def test_empty_archive_has_no_latest(write_content: WriteContent) -> None:
    site = load_site(write_content({}))
    found = {e.path: e.render() for e in entries(site, Settings())}
    assert "/api/v1/editions/latest" not in found
    assert json.loads(found["/api/v1"].body)["data"]["latest_edition"] is None
    assert json.loads(found["/api/v1/items"].body) == {
        "data": [],
        "links": {"self": f"{API}/items", "first": f"{API}/items", "last": f"{API}/items"},
        "meta": {"total": 0, "limit": 20, "offset": 0},
    }


def test_base_url_override_moves_every_url(write_content: WriteContent) -> None:
    site = load_site(write_content({}), base_url="https://feeds.example.net")
    found = {e.path: e.render() for e in entries(site, Settings())}
    assert json.loads(found["/api/v1"].body)["links"]["self"] == "https://feeds.example.net/api/v1"
