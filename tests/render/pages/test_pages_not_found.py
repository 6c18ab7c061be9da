"""The 404 page: not indexed, a way home, and every real feed listed."""

from __future__ import annotations

from collections.abc import Callable

from feeds.models import Site
from feeds.render.pages.not_found import render_not_found

from .reader import read_page


def test_not_found_golden(small_site: Site, golden: Callable[[str, bytes], None]) -> None:
    golden("pages/404.html", render_not_found(small_site))


def test_not_found_lists_every_feed(bundled_site: Site) -> None:
    page = read_page(render_not_found(bundled_site))
    names = ["all", *(section.slug for section in bundled_site.sections)]
    feeds = [
        bundled_site.url(f"/feeds/{name}.{ext}")
        for name in names
        for ext in ("rss", "atom", "json")
    ]
    feeds.append(bundled_site.url("/feeds/events.ics"))
    assert page.feed_urls[: len(feeds)] == feeds
    linked = [href for href, _ in page.anchors]
    assert all(feed in linked for feed in feeds)
    assert len(feeds) == 19


def test_not_found_head_and_way_home(small_site: Site) -> None:
    page = read_page(render_not_found(small_site))
    assert page.title == "Page not found – Small Bulletin"
    assert page.robots == "noindex"
    assert page.canonical is None
    assert ("https://bulletin.example.org/", "The home page") in page.anchors
    assert ("https://bulletin.example.org/editions/2", "Small Bulletin – edition 2") in page.anchors
    assert [href for _, _, href in page.alternates] == [
        "https://bulletin.example.org/feeds/all.rss",
        "https://bulletin.example.org/feeds/all.atom",
        "https://bulletin.example.org/feeds/all.json",
        "https://bulletin.example.org/feeds/events.ics",
    ]
    assert page.json_ld_nodes() == [
        {
            "@type": "WebPage",
            "name": "Page not found",
            "inLanguage": "en-GB",
            "isPartOf": {
                "@type": "WebSite",
                "name": "Small Bulletin",
                "url": "https://bulletin.example.org/",
            },
        }
    ]
    # Served at any unknown path, so no link may be relative to where it is served.
    assert all(href.startswith(("https://", "mailto:", "#")) for href, _ in page.anchors)
