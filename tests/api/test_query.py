"""List queries on the API index: filters, search, order, pages and their links."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from feeds.api.index import ApiIndex, build_index
from feeds.api.params import EDITIONS, EVENTS, ITEMS, Operation
from feeds.api.query import edition_page, item_page
from feeds.api.validate import Query, parse_query
from feeds.content import load_site
from tests.conftest import WriteContent

BASE = "https://bulletin.example.org/api/v1"

# Three editions around midnight in British Summer Time: edition 1 is published at
# 00:30 on 1 July (local) and edition 2 at 23:59:59 on 31 July (local).
EDITIONS_YAML = {
    "001.yaml": """\
        number: 1
        title: One
        published: 2024-06-30T23:30:00+00:00
        intro: Hello.
        signoff: {name: Ada}
        items:
          - {id: alpha, section: news, title: Zebra crossings, body: Café culture,
             tags: [transport], deadline: 2024-07-10}
          - id: beta
            section: events
            title: Apple day
            event: {start: 2024-07-05, end: 2024-07-06}
        """,
    "002.yaml": """\
        number: 2
        title: Two
        published: 2024-07-31T22:59:59+00:00
        intro: Hello.
        signoff: {name: Ada}
        items:
          - {id: gamma, section: news, title: apple pie, deadline: 2024-08-15, tags: [food]}
          - id: delta
            section: events
            title: Mango meetup
            event: {start: "2024-08-01T18:00:00+01:00", end: "2024-08-01T20:00:00+01:00"}
        """,
    "003.yaml": """\
        number: 3
        title: Three
        published: 2024-08-01
        intro: Hello.
        signoff: {name: Ada}
        items:
          - {id: epsilon, section: news, title: Apple pie, tags: [food]}
          - id: zeta
            section: events
            title: Late event
            event: {start: "2024-08-20T10:00:00+01:00"}
        """,
}


@pytest.fixture
def index(write_content: WriteContent) -> ApiIndex:
    return build_index(load_site(write_content(EDITIONS_YAML)))


def run(
    index: ApiIndex,
    pairs: list[tuple[str, str]],
    operation: Operation = ITEMS,
    today: date = date(2024, 8, 1),
) -> dict[str, Any]:
    query = parse_query(operation, pairs, sections=index.sections, zone=index.zone, today=today)
    assert isinstance(query, Query), query
    page = item_page(index, operation, query)
    found: dict[str, Any] = json.loads(page.body)
    assert (found["links"], found["meta"]["total"]) == (page.links, page.total)
    return found


def ids(index: ApiIndex, pairs: list[tuple[str, str]], **kwargs: Any) -> list[str]:
    return [item["id"] for item in run(index, pairs, **kwargs)["data"]]


def test_default_order_is_newest_edition_first_in_bulletin_order(index: ApiIndex) -> None:
    assert ids(index, []) == ["epsilon", "zeta", "gamma", "delta", "alpha", "beta"]


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        (
            [("published_since", "2024-07-01")],
            ["epsilon", "zeta", "gamma", "delta", "alpha", "beta"],
        ),
        ([("published_since", "2024-07-02")], ["epsilon", "zeta", "gamma", "delta"]),
        ([("published_until", "2024-06-30")], []),
        ([("published_until", "2024-07-01")], ["alpha", "beta"]),
        ([("published_until", "2024-07-31")], ["gamma", "delta", "alpha", "beta"]),
        ([("published_since", "2024-08-01")], ["epsilon", "zeta"]),
        ([("published_since", "2024-07-31T23:59:59+01:00")], ["epsilon", "zeta", "gamma", "delta"]),
        ([("published_since", "2024-07-31T23:00:00Z")], ["epsilon", "zeta"]),
        ([("published_until", "2024-07-31T22:59:59Z")], ["gamma", "delta", "alpha", "beta"]),
        ([("published_since", "2024-08-01"), ("published_until", "2024-07-01")], []),
    ],
)
def test_published_dates_are_whole_local_days(
    index: ApiIndex, pairs: list[tuple[str, str]], expected: list[str]
) -> None:
    assert ids(index, pairs) == expected


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("-published_at", ["epsilon", "zeta", "gamma", "delta", "alpha", "beta"]),
        ("published_at", ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"]),
        # "Apple pie" and "apple pie" tie: bulletin order (epsilon is newer) decides.
        ("title", ["beta", "epsilon", "gamma", "zeta", "delta", "alpha"]),
        ("-title", ["alpha", "delta", "zeta", "epsilon", "gamma", "beta"]),
        ("deadline", ["alpha", "gamma", "epsilon", "zeta", "delta", "beta"]),
        ("-deadline", ["gamma", "alpha", "epsilon", "zeta", "delta", "beta"]),
        ("event.start", ["beta", "delta", "zeta", "epsilon", "gamma", "alpha"]),
        ("-event.start", ["zeta", "delta", "beta", "epsilon", "gamma", "alpha"]),
    ],
)
def test_sort_with_ties_in_bulletin_order_and_missing_keys_last(
    index: ApiIndex, sort: str, expected: list[str]
) -> None:
    assert ids(index, [("sort", sort)]) == expected


def test_sort_applies_after_filters(index: ApiIndex) -> None:
    assert ids(index, [("sort", "title"), ("section", "news")]) == ["epsilon", "gamma", "alpha"]
    assert ids(index, [("sort", "-published_at"), ("tag", "food")]) == ["epsilon", "gamma"]


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([("q", "cafe")], ["alpha"]),
        ([("q", "CAFÉ")], ["alpha"]),
        ([("q", "apple pie")], ["epsilon", "gamma"]),
        ([("q", "pie apple")], ["epsilon", "gamma"]),
        ([("q", "apple mango")], []),
        (
            [("section", "events"), ("section", "news"), ("q", "apple")],
            ["epsilon", "gamma", "beta"],
        ),
        ([("edition", "2")], ["gamma", "delta"]),
        ([("edition", "9")], []),
        ([("tag", "food"), ("section", "events")], []),
        ([("tag", "nothing")], []),
    ],
)
def test_filters(index: ApiIndex, pairs: list[tuple[str, str]], expected: list[str]) -> None:
    assert ids(index, pairs) == expected


@pytest.mark.parametrize(
    ("today", "open_ids", "closed_ids"),
    [
        (date(2024, 7, 12), ["gamma"], ["alpha"]),
        (date(2024, 8, 15), ["gamma"], ["alpha"]),  # the deadline day is still open
        (date(2024, 8, 16), [], ["gamma", "alpha"]),
        (date(2024, 7, 1), ["gamma", "alpha"], []),
    ],
)
def test_open_against_today(
    index: ApiIndex, today: date, open_ids: list[str], closed_ids: list[str]
) -> None:
    assert ids(index, [("open", "true")], today=today) == open_ids
    assert ids(index, [("open", "false")], today=today) == closed_ids


@pytest.mark.parametrize(
    ("pairs", "today", "expected"),
    [
        ([], date(2024, 8, 1), ["beta", "delta", "zeta"]),
        ([("upcoming", "true")], date(2024, 8, 1), ["delta", "zeta"]),
        ([("upcoming", "false")], date(2024, 8, 1), ["beta"]),
        ([("upcoming", "true")], date(2024, 7, 6), ["beta", "delta", "zeta"]),
        ([("upcoming", "true")], date(2024, 8, 21), []),
        ([("from", "2024-07-06"), ("to", "2024-08-01")], date(2024, 8, 1), ["beta", "delta"]),
        ([("from", "2024-07-07")], date(2024, 8, 1), ["delta", "zeta"]),
        ([("to", "2024-07-04")], date(2024, 8, 1), []),
        ([("from", "2024-08-01T20:00:00+01:00")], date(2024, 8, 1), ["delta", "zeta"]),
        ([("from", "2024-08-01T20:00:01+01:00")], date(2024, 8, 1), ["zeta"]),
        (
            [("from", "2024-08-20T09:00:00Z"), ("to", "2024-08-20T09:00:00Z")],
            date(2024, 8, 1),
            ["zeta"],
        ),
        ([("to", "2024-08-20T09:59:59+01:00"), ("from", "2024-08-02")], date(2024, 8, 1), []),
        ([("sort", "-event.start")], date(2024, 8, 1), ["zeta", "delta", "beta"]),
        ([("section", "news")], date(2024, 8, 1), []),
    ],
)
def test_events_window_and_upcoming(
    index: ApiIndex, pairs: list[tuple[str, str]], today: date, expected: list[str]
) -> None:
    assert ids(index, pairs, operation=EVENTS, today=today) == expected


def test_a_page_and_its_links(index: ApiIndex) -> None:
    found = run(
        index, [("section", "news"), ("section", "events"), ("limit", "2"), ("offset", "2")]
    )
    query = "section=news&section=events&limit=2"
    assert ([item["id"] for item in found["data"]], found["links"], found["meta"]) == (
        ["gamma", "delta"],
        {
            "self": f"{BASE}/items?{query}&offset=2",
            "first": f"{BASE}/items?{query}",
            "last": f"{BASE}/items?{query}&offset=4",
            "prev": f"{BASE}/items?{query}",
            "next": f"{BASE}/items?{query}&offset=4",
        },
        {"total": 6, "limit": 2, "offset": 2},
    )


def test_offset_past_the_end_is_an_empty_page(index: ApiIndex) -> None:
    found = run(index, [("q", "apple  pie"), ("offset", "10"), ("limit", "1")])
    query = "q=apple%20%20pie&limit=1"
    assert found == {
        "data": [],
        "links": {
            "self": f"{BASE}/items?{query}&offset=10",
            "first": f"{BASE}/items?{query}",
            "last": f"{BASE}/items?{query}&offset=1",
            "prev": f"{BASE}/items?{query}&offset=1",
        },
        "meta": {"total": 2, "limit": 1, "offset": 10},
    }


def test_empty_list_links_to_itself(index: ApiIndex) -> None:
    found = run(index, [("tag", "none")])
    url = f"{BASE}/items?tag=none"
    assert (found["links"], found["meta"]) == (
        {"self": url, "first": url, "last": url},
        {"total": 0, "limit": 20, "offset": 0},
    )


def test_page_is_the_item_fragments_joined(index: ApiIndex) -> None:
    query = parse_query(
        ITEMS, [("limit", "1")], sections=index.sections, zone=index.zone, today=date(2024, 8, 1)
    )
    assert isinstance(query, Query)
    body = item_page(index, ITEMS, query).body
    assert body.startswith(b'{"data":[' + index.items[0].json + b'],"links":{')


def test_editions_page(index: ApiIndex) -> None:
    query = parse_query(
        EDITIONS,
        [("limit", "2"), ("offset", "1")],
        sections=index.sections,
        zone=index.zone,
        today=date(2024, 8, 1),
    )
    assert isinstance(query, Query)
    found = json.loads(edition_page(index, query).body)
    assert ([e["number"] for e in found["data"]], found["meta"], found["links"]["prev"]) == (
        [2, 1],
        {"total": 3, "limit": 2, "offset": 1},
        f"{BASE}/editions?limit=2",
    )
    assert found["data"][0] == {
        "number": 2,
        "title": "Two",
        "published_at": "2024-07-31T23:59:59+01:00",
        "updated_at": "2024-07-31T23:59:59+01:00",
        "item_count": 2,
        "web_url": "https://bulletin.example.org/editions/2",
        "api_url": f"{BASE}/editions/2",
    }
