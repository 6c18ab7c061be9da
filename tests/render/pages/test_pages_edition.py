"""Edition pages: intro letter, sign-off, then every item grouped by section in site order."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from feeds.models import Site
from feeds.render.pages.edition import edition_modified, render_edition

from .reader import read_page

FEEDS = ("rss", "atom", "json")


def test_edition_golden(small_site: Site, golden: Callable[[str, bytes], None]) -> None:
    golden("pages/edition-1.html", render_edition(small_site, small_site.editions_by_number[1]))


def test_edition_25_has_every_item_grouped_by_section(bundled_site: Site) -> None:
    edition = bundled_site.editions_by_number[25]
    page = read_page(render_edition(bundled_site, edition))
    order = {section.slug: index for index, section in enumerate(bundled_site.sections)}
    expected = sorted(edition.items, key=lambda item: (order[item.section], item.position))
    assert len(page.articles) == 18
    assert page.articles == [f"item-{item.id}" for item in expected]
    assert [text for tag, text in page.headings if tag == "h2"][:5] == [
        "News and policy",
        "Events",
        "Opportunities",
        "Consultations and surveys",
        "Reports and resources",
    ]
    assert [text for tag, text in page.headings if tag == "h3"][:18] == [
        item.title for item in expected
    ]


@pytest.mark.parametrize("number", [1, 2])
def test_every_small_edition_has_its_items_in_section_order(small_site: Site, number: int) -> None:
    edition = small_site.editions_by_number[number]
    page = read_page(render_edition(small_site, edition))
    order = {section.slug: index for index, section in enumerate(small_site.sections)}
    expected = sorted(edition.items, key=lambda item: (order[item.section], item.position))
    assert page.articles == [f"item-{item.id}" for item in expected]


def test_intro_then_signoff_then_items(bundled_site: Site) -> None:
    edition = bundled_site.editions_by_number[25]
    text = read_page(render_edition(bundled_site, edition)).text
    intro = text.index("Dear colleague")
    signoff = text.index("Owen Pritchard Head of Cyber, Digital and Technology")
    first_item = text.index("The Local Government Centre for Digital Technology")
    assert intro < signoff < first_item
    assert "owen.pritchard@local.gov.uk" in text


def test_edition_head_and_json_ld(small_site: Site) -> None:
    edition = small_site.editions_by_number[2]
    page = read_page(render_edition(small_site, edition))
    assert page.title == "Small Bulletin – edition 2 – Small Bulletin"
    assert page.canonical == "https://bulletin.example.org/editions/2"
    assert page.description == (
        "Small Bulletin – edition 2, published Monday 4 November 2024: "
        "3 items on News and policy, Events, Opportunities."
    )
    assert [href for _, _, href in page.alternates] == [
        *(f"https://bulletin.example.org/feeds/all.{ext}" for ext in FEEDS),
        "https://bulletin.example.org/feeds/events.ics",
    ]
    article = page.node("NewsArticle")
    assert article == {
        "@type": "NewsArticle",
        "headline": "Small Bulletin – edition 2",
        "description": page.description,
        "url": "https://bulletin.example.org/editions/2",
        "mainEntityOfPage": "https://bulletin.example.org/editions/2",
        "datePublished": "2024-11-04T10:00:00+00:00",
        "dateModified": "2024-11-06T12:00:00+00:00",
        "inLanguage": "en-GB",
        "author": {
            "@type": "Person",
            "name": "Ada Example",
            "jobTitle": "Head of Digital",
            "worksFor": {"@type": "Organization", "name": "Example Council"},
        },
        "publisher": {
            "@type": "Organization",
            "name": "Local Government Association",
            "url": "https://bulletin.example.org/",
            "email": "team@example.org",
        },
        "isPartOf": {
            "@type": "PublicationIssue",
            "issueNumber": "2",
            "name": "Small Bulletin – edition 2",
            "url": "https://bulletin.example.org/editions/2",
            "datePublished": "2024-11-04T10:00:00+00:00",
        },
        "hasPart": [
            "https://bulletin.example.org/items/winter-showcase",
            "https://bulletin.example.org/items/training-programme",
            "https://bulletin.example.org/items/title-only-news",
        ],
    }


def test_edition_shows_section_feeds_and_neighbours(small_site: Site) -> None:
    page = read_page(render_edition(small_site, small_site.editions_by_number[1]))
    links = [href for href, _ in page.anchors]
    for slug in ("news", "events"):
        for ext in FEEDS:
            assert f"https://bulletin.example.org/feeds/{slug}.{ext}" in links
    assert page.feed_urls[:4] == [
        *(f"https://bulletin.example.org/feeds/all.{ext}" for ext in FEEDS),
        "https://bulletin.example.org/feeds/events.ics",
    ]
    assert ("https://bulletin.example.org/editions/2", "Small Bulletin – edition 2") in page.anchors
    assert "Newer:" in page.text
    assert "Older:" not in page.text


def test_edition_modified_includes_the_newer_edition_it_links_to(small_site: Site) -> None:
    first, second = small_site.editions_by_number[1], small_site.editions_by_number[2]
    assert edition_modified(small_site, first) == second.published
    assert edition_modified(small_site, second) == second.modified
