"""Tests for feeds.render.jsonfeed: JSON Feed 1.1 that validates against a schema of the spec."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from feeds.models import Site
from feeds.render.facts import channel
from feeds.render.jsonfeed import render_jsonfeed

SCHEMA = json.loads((Path(__file__).parent / "jsonfeed-1.1.schema.json").read_text("utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)
Golden = Callable[[str, bytes], None]

GOOD: dict[str, Any] = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "A feed",
    "home_page_url": "https://example.org/",
    "feed_url": "https://example.org/feed.json",
    "authors": [{"name": "Ada"}],
    "language": "en-GB",
    "_ext": {"about": "https://example.org/ext"},
    "items": [
        {
            "id": "1",
            "url": "https://example.org/1",
            "content_text": "Hello",
            "date_published": "2024-11-04T09:00:00Z",
            "date_modified": "2024-11-04T10:00:00.5+01:00",
            "authors": [{"url": "mailto:ada@example.org"}],
            "tags": ["a"],
            "attachments": [{"url": "https://example.org/a.mp3", "mime_type": "audio/mpeg"}],
            "_ext": {"flag": True},
        }
    ],
}


def test_schema_is_itself_a_valid_draft_2020_12_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert list(VALIDATOR.iter_errors(GOOD)) == []


def _without(path: tuple[str | int, ...]) -> dict[str, Any]:
    doc = copy.deepcopy(GOOD)
    target: Any = doc
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return doc


def _with(path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    doc = copy.deepcopy(GOOD)
    target: Any = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return doc


BAD: dict[str, dict[str, Any]] = {
    "missing version": _without(("version",)),
    "version 1.0": _with(("version",), "https://jsonfeed.org/version/1"),
    "missing title": _without(("title",)),
    "missing items": _without(("items",)),
    "items not an array": _with(("items",), {"id": "1"}),
    "item without id": _without(("items", 0, "id")),
    "numeric id": _with(("items", 0, "id"), 1),
    "item without content": _without(("items", 0, "content_text")),
    "date without zone": _with(("items", 0, "date_published"), "2024-11-04T09:00:00"),
    "date as RFC 822": _with(("items", 0, "date_modified"), "Mon, 04 Nov 2024 09:00:00 +0000"),
    "date only": _with(("items", 0, "date_published"), "2024-11-04"),
    "month 13": _with(("items", 0, "date_published"), "2024-13-04T09:00:00Z"),
    "authors not an array": _with(("authors",), {"name": "Ada"}),
    "empty author": _with(("authors",), [{}]),
    "tags not strings": _with(("items", 0, "tags"), [1]),
    "unknown member": _with(("items", 0, "content"), "Hello"),
    "extension without a letter": _with(("_1",), {}),
    "extension not an object": _with(("_ext",), "text"),
    "attachment without mime_type": _without(("items", 0, "attachments", 0, "mime_type")),
    "bad language": _with(("language",), "en GB"),
    "expired not boolean": _with(("expired",), "yes"),
    "hub without url": _with(("hubs",), [{"type": "WebSub"}]),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_schema_rejects_known_bad_documents(name: str) -> None:
    assert not VALIDATOR.is_valid(BAD[name]), name


def test_every_json_feed_of_the_bundled_content_validates(bundled_site: Site) -> None:
    for name in ("all", *(s.slug for s in bundled_site.sections)):
        feed = channel(bundled_site, name, 50)
        document = json.loads(render_jsonfeed(feed))

        errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(document)]
        assert errors == []
        assert document["feed_url"] == f"https://bulletin.example.org/feeds/{name}.json"
        assert document["home_page_url"] == "https://bulletin.example.org/"
        assert [item["id"] for item in document["items"]] == [f.id for f in feed.items]
        for item, facts in zip(document["items"], feed.items, strict=True):
            assert item["url"] == facts.url
            assert item["title"] == facts.title
            assert item["summary"] == facts.summary
            assert item["content_html"] == facts.content_html
            assert item["date_published"] == facts.published.isoformat()
            assert item["date_modified"] == facts.updated.isoformat()
            assert item["tags"] == list(facts.categories)
            assert item["_bulletin"]["section"] == facts.item.section


def test_items_carry_event_and_deadline_data_in_the_bulletin_extension(small_site: Site) -> None:
    document = json.loads(render_jsonfeed(channel(small_site, "all", 50)))
    by_id = {item["id"].rsplit("/", 1)[1]: item for item in document["items"]}

    assert by_id["autumn-workshop"]["_bulletin"] == {
        "section": "events",
        "edition": 1,
        "event": {
            "start": "2024-10-17T09:30:00+01:00",
            "end": "2024-10-17T11:00:00+01:00",
            "all_day": False,
            "timezone": "Europe/London",
            "location": "Online",
            "online": True,
            "text": "Event: Thursday 17 October 2024, 09:30–11:00 (Europe/London), Online.",
        },
        "deadline": None,
    }
    assert by_id["winter-showcase"]["_bulletin"]["event"] == {
        "start": "2024-12-05",
        "end": None,
        "all_day": True,
        "timezone": None,
        "location": "London and online",
        "online": True,
        "text": "All-day event: Thursday 5 December 2024, London and online.",
    }
    assert by_id["training-programme"]["_bulletin"]["deadline"] == {
        "date": "2024-11-20",
        "text": "Deadline: Wednesday 20 November 2024.",
    }
    assert by_id["training-programme"]["summary"].endswith("Deadline: Wednesday 20 November 2024.")
    assert by_id["first-news"]["_bulletin"] == {
        "section": "news",
        "edition": 1,
        "event": None,
        "deadline": None,
    }
    assert by_id["first-news"]["authors"] == [
        {"name": "Ada Example", "url": "mailto:ada@example.org"}
    ]
    assert document["authors"] == [
        {"name": "Local Government Association", "url": "https://bulletin.example.org/"}
    ]


@pytest.mark.parametrize("name", ["all", "news", "events"])
def test_golden_files(small_site: Site, golden: Golden, name: str) -> None:
    golden(f"feeds/{name}.json", render_jsonfeed(channel(small_site, name, 50)))
