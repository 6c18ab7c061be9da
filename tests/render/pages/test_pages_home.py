"""The home page: latest edition by section, every edition, subscribe panel, autodiscovery."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from feeds.content import load_site
from feeds.models import Site
from feeds.render.pages.home import render_home

from .reader import Page, read_page

SMALL = Path(__file__).resolve().parents[2] / "fixtures" / "small"
FORMATS = (
    ("rss", "application/rss+xml", "RSS"),
    ("atom", "application/atom+xml", "Atom"),
    ("json", "application/feed+json", "JSON Feed"),
)


def feed_urls(site: Site, name: str) -> list[str]:
    """The three news feed URLs of `all` or a section, in page order."""
    return [site.url(f"/feeds/{name}.{ext}") for ext, _, _ in FORMATS]


def test_home_golden(small_site: Site, golden: Callable[[str, bytes], None]) -> None:
    golden("pages/home.html", render_home(small_site))


def test_home_head(small_site: Site) -> None:
    page = read_page(render_home(small_site))
    assert page.lang == "en-GB"
    assert page.title == "Small Bulletin"
    assert page.description == "A small, fixed bulletin behind the golden files."
    assert page.canonical == "https://bulletin.example.org/"
    assert page.robots is None
    assert page.alternates == [
        *[
            (
                media,
                f"Small Bulletin: All sections ({label})",
                f"https://bulletin.example.org/feeds/all.{ext}",
            )
            for ext, media, label in FORMATS
        ],
        (
            "text/calendar",
            "Small Bulletin: Events calendar (iCalendar)",
            "https://bulletin.example.org/feeds/events.ics",
        ),
    ]
    assert page.scripts == 1  # the JSON-LD; no JavaScript


def test_home_subscribe_urls_are_visible(bundled_site: Site) -> None:
    page = read_page(render_home(bundled_site))
    expected = feed_urls(bundled_site, "all")
    for section in bundled_site.sections:
        expected += feed_urls(bundled_site, section.slug)
    expected.append(bundled_site.url("/feeds/events.ics"))
    # The panel, then the two examples of the how-to note.
    assert page.feed_urls == [
        *expected,
        bundled_site.url("/feeds/all.rss"),
        bundled_site.url("/feeds/events.ics"),
    ]
    linked = {href for href, _ in page.anchors}
    assert set(expected) <= linked
    assert [text for _, text in page.headings if text == "Subscribe"] == ["Subscribe"]
    for words in ("How to subscribe", "Outlook", "Power Automate", "Teams", "Subscribe from web"):
        assert words in page.text


def test_home_lists_latest_items_by_section(bundled_site: Site) -> None:
    page = read_page(render_home(bundled_site))
    latest = bundled_site.editions_by_number[25]
    item_links = [href for href, _ in page.anchors if "/items/" in href]
    order = {section.slug: index for index, section in enumerate(bundled_site.sections)}
    expected = sorted(latest.items, key=lambda item: (order[item.section], item.position))
    assert item_links == [bundled_site.url(f"/items/{item.id}") for item in expected]
    section_headings = [text for tag, text in page.headings if tag == "h3"]
    assert section_headings[:5] == [section.title for section in bundled_site.sections]
    assert f"Latest edition: {latest.title}" in [text for _, text in page.headings]


def test_home_lists_every_edition(small_site: Site) -> None:
    page = read_page(render_home(small_site))
    editions = [(href, text) for href, text in page.anchors if "/editions/" in href]
    assert editions == [
        (
            "https://bulletin.example.org/editions/2",
            "Read the whole edition, with its introduction",
        ),
        ("https://bulletin.example.org/editions/2", "Small Bulletin – edition 2"),
        ("https://bulletin.example.org/editions/1", "Small Bulletin – edition 1"),
    ]
    assert "(3 items)" in page.text
    assert "(2 items)" in page.text


def test_home_json_ld_is_a_website(small_site: Site) -> None:
    page = read_page(render_home(small_site))
    assert page.json_ld_nodes() == [
        {
            "@type": "WebSite",
            "name": "Small Bulletin",
            "description": "A small, fixed bulletin behind the golden files.",
            "url": "https://bulletin.example.org/",
            "inLanguage": "en-GB",
            "publisher": {
                "@type": "Organization",
                "name": "Local Government Association",
                "url": "https://bulletin.example.org/",
                "email": "team@example.org",
            },
        }
    ]


def test_home_uses_the_base_url_override() -> None:
    site = load_site(SMALL, "https://cdn.example.net/bulletin")
    page: Page = read_page(render_home(site))
    assert page.canonical == "https://cdn.example.net/bulletin/"
    assert page.alternates[0][2] == "https://cdn.example.net/bulletin/feeds/all.rss"
    assert b"bulletin.example.org" not in render_home(site)


def test_home_of_an_empty_archive(write_content: Callable[..., Path]) -> None:
    site = load_site(write_content({}))
    page = read_page(render_home(site))
    assert "No edition has been published yet." in page.text
    assert "None yet." in page.text
    assert [href for _, _, href in page.alternates] == [
        *feed_urls(site, "all"),
        site.url("/feeds/events.ics"),
    ]
