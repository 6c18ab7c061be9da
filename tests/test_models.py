"""The content model: ordering, indexes, immutability, `modified`, IDs and URLs."""

from __future__ import annotations

import ast
import dataclasses
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import feeds.models
from feeds.content import load_site
from feeds.models import Edition, Event, Item, Link, Section, Signoff, Site

LONDON = ZoneInfo("Europe/London")
OCT = datetime(2024, 10, 7, 9, 0, tzinfo=LONDON)
NOV = datetime(2024, 11, 4, 9, 0, tzinfo=LONDON)
SECTIONS = (Section("news", "News"), Section("events", "Events"), Section("resources", "Res"))


def item(item_id: str, edition: int, section: str, position: int, **extra: object) -> Item:
    published = NOV if edition == 2 else OCT
    return Item(
        id=item_id,
        edition=edition,
        section=section,
        title=item_id.title(),
        summary=item_id,
        body_html="",
        body_text="",
        published=published,
        position=position,
        **extra,  # type: ignore[arg-type]
    )


def edition(number: int, *items: Item) -> Edition:
    published = NOV if number == 2 else OCT
    return Edition(number, f"Edition {number}", published, "", "", Signoff("Ada"), items)


def site(*editions: Edition, base_url: str = "https://bulletin.example.org") -> Site:
    return Site(
        title="Test",
        description="",
        base_url=base_url,
        language="en-GB",
        timezone="Europe/London",
        publisher="Test",
        contact="team@example.org",
        links=(Link("Hub", "https://www.example.org/hub"),),
        sections=SECTIONS,
        editions=editions,
    )


ONE = edition(1, item("a1", 1, "news", 0), item("a2", 1, "events", 1))
TWO = edition(2, item("b1", 2, "events", 0), item("b2", 2, "news", 1), item("b3", 2, "news", 2))


def test_editions_are_newest_first_and_items_in_bulletin_order():
    built = site(ONE, TWO)
    assert ([e.number for e in built.editions], [i.id for i in built.items]) == (
        [2, 1],
        ["b1", "b2", "b3", "a1", "a2"],
    )
    assert built.latest is TWO


def test_indexes_are_lookups_in_model_order():
    built = site(ONE, TWO)
    assert {slug: [i.id for i in items] for slug, items in built.items_by_section.items()} == {
        "news": ["b2", "b3", "a1"],
        "events": ["b1", "a2"],
        "resources": [],
    }
    assert list(built.items_by_id) == ["b1", "b2", "b3", "a1", "a2"]
    assert built.items_by_id["a2"] is ONE.items[1]
    assert dict(built.editions_by_number) == {2: TWO, 1: ONE}
    assert list(built.sections_by_slug) == ["news", "events", "resources"]
    assert built.sections_by_slug["events"] is SECTIONS[1]


def test_an_empty_archive_has_no_latest_and_no_modified():
    built = site()
    assert (built.editions, built.items, built.latest, built.modified) == ((), (), None, None)
    assert dict(built.items_by_section) == {"news": (), "events": (), "resources": ()}


@pytest.mark.parametrize(
    ("obj", "field"),
    [
        (Link("a", "https://a.org"), "url"),
        (Signoff("Ada"), "name"),
        (Section("news", "News"), "title"),
        (Event(date(2024, 11, 14)), "start"),
        (ONE.items[0], "title"),
        (ONE, "items"),
        (site(ONE), "editions"),
        (site(ONE), "base_url"),
    ],
)
def test_the_model_is_frozen(obj, field):
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(obj, field, None)


def test_indexes_cannot_be_changed():
    built = site(ONE, TWO)
    with pytest.raises(TypeError):
        built.items_by_id["x"] = ONE.items[0]  # type: ignore[index]
    with pytest.raises(TypeError):
        built.items_by_section["news"] = ()  # type: ignore[index]
    with pytest.raises(TypeError):
        built.editions_by_number[3] = ONE  # type: ignore[index]
    assert isinstance(built.items, tuple)
    assert isinstance(built.editions, tuple)


def test_item_modified_is_the_later_of_published_and_updated():
    later = OCT + timedelta(days=2)
    assert [
        item("a", 1, "news", 0).modified,
        item("b", 1, "news", 0, updated=later).modified,
        item("c", 1, "news", 0, updated=OCT - timedelta(days=1)).modified,
    ] == [OCT, later, OCT]


def test_edition_and_site_modified_take_the_latest_change():
    corrected = NOV + timedelta(days=3)
    one = edition(1, item("a1", 1, "news", 0, updated=corrected))
    two = edition(2, item("b1", 2, "news", 0))
    assert (one.modified, two.modified, site(one, two).modified) == (corrected, NOV, corrected)
    assert edition(1).modified == OCT


def test_event_all_day_follows_the_kind_of_start():
    assert (
        Event(date(2024, 11, 14)).all_day,
        Event(datetime(2024, 11, 7, 9, 30, tzinfo=LONDON)).all_day,
    ) == (True, False)


@pytest.mark.parametrize(
    ("base_url", "path", "expected"),
    [
        (
            "https://bulletin.example.org",
            "/feeds/news.xml",
            "https://bulletin.example.org/feeds/news.xml",
        ),
        (
            "https://bulletin.example.org/",
            "feeds/news.xml",
            "https://bulletin.example.org/feeds/news.xml",
        ),
        (
            "https://example.org/bulletin/",
            "/api/v1/items",
            "https://example.org/bulletin/api/v1/items",
        ),
        ("http://127.0.0.1:8000", "/", "http://127.0.0.1:8000/"),
    ],
)
def test_url_joins_a_root_relative_path_to_base_url(base_url, path, expected):
    assert site(base_url=base_url).url(path) == expected


def test_id_authority_is_the_host_of_base_url_unless_given():
    assert site(base_url="https://Bulletin.Example.org:8443/x").id_authority == (
        "bulletin.example.org"
    )
    given = dataclasses.replace(site(), id_authority="ids.example.org")
    assert (given.id_authority, given.base_url) == (
        "ids.example.org",
        "https://bulletin.example.org",
    )


SITE_YAML = """\
title: Test Bulletin
base_url: https://bulletin.example.org
language: en-GB
timezone: Europe/London
publisher: Test
contact: team@example.org
description: A bulletin.
sections:
  - {slug: news, title: News}
  - {slug: events, title: Events}
"""
EDITION = """\
number: 1
title: Edition 1
published: 2024-11-04
intro: Read [the hub](/hub).
signoff: {name: Ada Example}
items:
  - {id: first, section: news, title: First, body: 'See [page](/page).'}
"""


def test_a_base_url_override_changes_urls_but_not_id_authority(write_content):
    root = write_content({"001.yaml": EDITION}, site=SITE_YAML)
    canonical = load_site(root)
    deployed = load_site(root, base_url="https://staging.example.net/bulletin/")
    assert (canonical.base_url, canonical.id_authority) == (
        "https://bulletin.example.org",
        "bulletin.example.org",
    )
    assert (deployed.base_url, deployed.id_authority, deployed.url("/feeds/all.xml")) == (
        "https://staging.example.net/bulletin",
        "bulletin.example.org",
        "https://staging.example.net/bulletin/feeds/all.xml",
    )
    assert (deployed.editions[0].intro_html, deployed.items[0].body_html) == (
        '<p>Read <a href="https://staging.example.net/bulletin/hub">the hub</a>.</p>',
        '<p>See <a href="https://staging.example.net/bulletin/page">page</a>.</p>',
    )
    assert deployed.content_version == canonical.content_version


STDLIB = set(sys.stdlib_module_names) | {"__future__"}


def test_models_import_only_the_standard_library():
    tree = ast.parse(Path(feeds.models.__file__).read_text(encoding="utf-8"))
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "models.py imports nothing of the package"
            imported.add((node.module or "").split(".")[0])
    assert imported
    assert imported - STDLIB == set()


def test_models_public_surface():
    assert sorted(feeds.models.__all__) == [
        "Edition",
        "Event",
        "Item",
        "Link",
        "Section",
        "Signoff",
        "Site",
    ]
