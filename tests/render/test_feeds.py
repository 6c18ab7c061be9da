"""Tests for feeds.render.feeds: the feed paths, their resources, stable bytes and permanent IDs."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import feedparser
from icalendar import Calendar

from feeds.content import load_site
from feeds.models import Site
from feeds.render.feeds import entries
from feeds.resource import PAGE_CACHE, Resource, gzip_bytes
from feeds.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
WriteContent = Callable[..., Path]


def render_all(site: Site, settings: Settings) -> dict[str, Resource]:
    return {entry.path: entry.render() for entry in entries(site, settings)}


def item_ids(resource: Resource) -> list[str]:
    """The entry IDs of a feed, read back by the parser of its format."""
    if resource.path.endswith(".json"):
        return [item["id"] for item in json.loads(resource.body)["items"]]
    if resource.path.endswith(".ics"):
        return [str(e["UID"]) for e in Calendar.from_ical(resource.body).walk("VEVENT")]
    return [entry.id for entry in feedparser.parse(resource.body).entries]


def test_every_section_has_three_feeds_then_all_and_the_calendar(
    bundled_site: Site, settings: Settings
) -> None:
    resources = render_all(bundled_site, settings)

    names = ["all", "news", "events", "opportunities", "consultations", "resources"]
    expected = [f"/feeds/{n}.{ext}" for n in names for ext in ("rss", "atom", "json")]
    assert list(resources) == [*expected, "/feeds/events.ics"]
    media = {path.rsplit(".", 1)[1]: r.media_type for path, r in resources.items()}
    assert media == {
        "rss": "application/rss+xml; charset=utf-8",
        "atom": "application/atom+xml; charset=utf-8",
        "json": "application/feed+json; charset=utf-8",
        "ics": "text/calendar; charset=utf-8",
    }
    assert {r.cache_control for r in resources.values()} == {PAGE_CACHE}
    assert {r.path for r in resources.values()} == set(resources)
    # Everything in edition 25 was published at once: no feed is dated by the render.
    assert {r.modified for r in resources.values()} == {datetime(2024, 11, 4, 9, 0, tzinfo=UTC)}


def test_ids_are_the_same_in_every_format_and_survive_a_base_url_override(
    bundled_site: Site, settings: Settings
) -> None:
    moved = load_site(ROOT / "content", base_url="https://other.example")
    here = render_all(bundled_site, settings)
    there = render_all(moved, settings)

    for name in ("all", "news", "events"):
        ids = {ext: item_ids(here[f"/feeds/{name}.{ext}"]) for ext in ("rss", "atom", "json")}
        assert ids["rss"] == ids["atom"] == ids["json"]
        assert all(i.startswith("tag:bulletin.example.org,2024:item/") for i in ids["rss"])
        assert item_ids(there[f"/feeds/{name}.atom"]) == ids["atom"]
    calendar_ids = item_ids(here["/feeds/events.ics"])
    assert set(calendar_ids) <= set(item_ids(here["/feeds/all.json"]))
    assert item_ids(there["/feeds/events.ics"]) == calendar_ids
    # Links follow the override; IDs do not.
    moved_feed = feedparser.parse(there["/feeds/all.atom"].body)
    assert moved_feed.entries[0].link.startswith("https://other.example/items/")
    assert b"bulletin.example.org/" not in there["/feeds/all.rss"].body


def test_two_independent_renders_give_identical_bytes_and_gzip(settings: Settings) -> None:
    first = render_all(load_site(ROOT / "content"), settings)
    second = render_all(load_site(ROOT / "content"), settings)

    assert list(first) == list(second)
    for path, resource in first.items():
        again = second[path]
        assert (resource.body, resource.etag, resource.last_modified) == (
            again.body,
            again.etag,
            again.last_modified,
        ), path
        assert resource.gzip == again.gzip, path
        assert resource.gzip[0] == gzip_bytes(again.body), path


EDITION = """\
number: {number}
title: Edition {number}
published: 2024-{month:02d}-04
intro: Dear colleague
signoff: {{name: Ada Example}}
items:
{items}
"""
ITEM = """\
  - id: item-{number}-{n}
    section: {section}
    title: Item {n} of edition {number}
    body: Body {n}.
"""


def test_the_feed_limit_keeps_the_newest_items_and_updated_follows_them(
    write_content: WriteContent,
) -> None:
    editions = {}
    for number in (1, 2, 3):
        items = "".join(
            ITEM.format(number=number, n=n, section="news" if n % 2 else "events") for n in range(4)
        )
        text = EDITION.format(number=number, month=number, items=items)
        editions[f"{number:03d}.yaml"] = text
    site = load_site(write_content(editions))
    resources = render_all(site, Settings(feed_limit=3))

    all_ids = [i.rsplit("/", 1)[1] for i in item_ids(resources["/feeds/all.atom"])]
    assert all_ids == ["item-3-0", "item-3-1", "item-3-2"]
    news_ids = [i.rsplit("/", 1)[1] for i in item_ids(resources["/feeds/news.json"])]
    assert news_ids == ["item-3-1", "item-3-3", "item-2-1"]
    events = feedparser.parse(resources["/feeds/events.rss"].body)
    assert [e.title for e in events.entries] == [
        "Item 0 of edition 3",
        "Item 2 of edition 3",
        "Item 0 of edition 2",
    ]
    assert resources["/feeds/all.rss"].modified == datetime(2024, 3, 4, 9, 0, tzinfo=UTC)
    assert resources["/feeds/all.rss"].last_modified == "Mon, 04 Mar 2024 09:00:00 GMT"
    # No item has an event: the calendar is empty and dated by the content.
    assert item_ids(resources["/feeds/events.ics"]) == []
    assert resources["/feeds/events.ics"].modified == datetime(2024, 3, 4, 9, 0, tzinfo=UTC)
