"""The pages family: one entry per page, rendered into stable text/html resources."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from feeds.content import load_site
from feeds.models import Site
from feeds.render.pages import entries
from feeds.resource import PAGE_CACHE
from feeds.settings import Settings
from feeds.snapshot import build_snapshot

from .reader import read_page

ROOT = Path(__file__).resolve().parents[3]


def test_entries_of_the_small_site(small_site: Site, settings: Settings) -> None:
    found = {entry.path: entry.render() for entry in entries(small_site, settings)}
    assert list(found) == [
        "/",
        "/editions/2",
        "/editions/1",
        "/items/winter-showcase",
        "/items/training-programme",
        "/items/title-only-news",
        "/items/first-news",
        "/items/autumn-workshop",
        "/404.html",
    ]
    for path, resource in found.items():
        assert resource.path == path
        assert resource.media_type == "text/html; charset=utf-8"
        assert resource.cache_control == PAGE_CACHE
    modified = {path: resource.modified for path, resource in found.items()}
    assert modified == {
        "/": datetime(2024, 11, 6, 12, tzinfo=UTC),
        "/editions/2": datetime(2024, 11, 6, 12, tzinfo=UTC),
        "/editions/1": datetime(2024, 11, 4, 10, tzinfo=UTC),  # it links to edition 2
        "/items/winter-showcase": datetime(2024, 11, 4, 10, tzinfo=UTC),
        "/items/training-programme": datetime(2024, 11, 6, 12, tzinfo=UTC),
        "/items/title-only-news": datetime(2024, 11, 4, 10, tzinfo=UTC),
        "/items/first-news": datetime(2024, 10, 7, 8, tzinfo=UTC),
        "/items/autumn-workshop": datetime(2024, 10, 7, 8, tzinfo=UTC),
        "/404.html": datetime(2024, 11, 6, 12, tzinfo=UTC),
    }


def test_pages_are_registered_in_the_snapshot(bundled_site: Site, settings: Settings) -> None:
    snapshot = build_snapshot(bundled_site, settings)
    expected = {"/", "/editions/25", "/404.html", *(f"/items/{i.id}" for i in bundled_site.items)}
    assert expected <= set(snapshot.paths())
    assert len(expected) == 21


def test_every_bundled_page_is_well_formed(bundled_site: Site, settings: Settings) -> None:
    for entry in entries(bundled_site, settings):
        page = read_page(entry.render().body)
        assert page.lang == "en-GB"
        assert page.json_ld_nodes(), entry.path
        assert page.scripts == 1, entry.path
        assert page.alternates, entry.path
        assert page.feed_urls, entry.path
        assert "How to subscribe" in page.text, entry.path
        assert page.canonical == (
            None if entry.path == "/404.html" else bundled_site.url(entry.path)
        )


def test_same_content_gives_the_same_bytes(settings: Settings) -> None:
    first = {e.path: e.render() for e in entries(load_site(ROOT / "content"), settings)}
    second = {e.path: e.render() for e in entries(load_site(ROOT / "content"), settings)}
    assert list(first) == list(second)
    for path, resource in first.items():
        assert resource.body == second[path].body, path
        assert resource.etag == second[path].etag
        assert resource.last_modified == second[path].last_modified


def test_an_empty_archive_has_a_fixed_date(
    write_content: Callable[..., Path], settings: Settings
) -> None:
    site = load_site(write_content({}))
    found = {entry.path: entry.render() for entry in entries(site, settings)}
    assert list(found) == ["/", "/404.html"]
    assert {resource.last_modified for resource in found.values()} == {
        "Thu, 01 Jan 1970 00:00:00 GMT"
    }
