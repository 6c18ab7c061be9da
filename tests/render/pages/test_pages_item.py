"""Item pages: the permalink with facts, autodiscovery for its section, JSON-LD and escaping."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from feeds.content import load_site
from feeds.models import Site
from feeds.render.pages.item import render_item

from .reader import read_page

FORMATS = (
    ("rss", "application/rss+xml", "RSS"),
    ("atom", "application/atom+xml", "Atom"),
    ("json", "application/feed+json", "JSON Feed"),
)
BASE = "https://bulletin.example.org"


def alternates_for(site_title: str, title: str, name: str) -> list[tuple[str, str, str]]:
    return [
        (media, f"{site_title}: {title} ({label})", f"{BASE}/feeds/{name}.{ext}")
        for ext, media, label in FORMATS
    ]


def test_item_golden(small_site: Site, golden: Callable[[str, bytes], None]) -> None:
    golden(
        "pages/item-first-news.html", render_item(small_site, small_site.items_by_id["first-news"])
    )


def test_item_head_has_its_section_feeds_then_all(small_site: Site) -> None:
    page = read_page(render_item(small_site, small_site.items_by_id["first-news"]))
    assert page.alternates == [
        *alternates_for("Small Bulletin", "News and policy", "news"),
        *alternates_for("Small Bulletin", "All sections", "all"),
    ]
    assert page.canonical == f"{BASE}/items/first-news"
    assert page.title == 'First news & notes <with> "quotes" – Small Bulletin'
    assert page.description == "A paragraph with a link and emphasis."
    assert page.feed_urls[:6] == [
        *(f"{BASE}/feeds/news.{ext}" for ext, _, _ in FORMATS),
        *(f"{BASE}/feeds/all.{ext}" for ext, _, _ in FORMATS),
    ]


def test_event_item_also_offers_the_calendar(bundled_site: Site) -> None:
    page = read_page(
        render_item(bundled_site, bundled_site.items_by_id["ons-local-cloud-workshop"])
    )
    title = "Cyber, Digital and Technology Bulletin"
    assert page.alternates == [
        *alternates_for(title, "Events", "events"),
        *alternates_for(title, "All sections", "all"),
        ("text/calendar", f"{title}: Events calendar (iCalendar)", f"{BASE}/feeds/events.ics"),
    ]


def test_item_json_ld_news_article(bundled_site: Site) -> None:
    page = read_page(render_item(bundled_site, bundled_site.items_by_id["budget-2024"]))
    article = page.node("NewsArticle")
    assert article["headline"] == "Budget 2024"
    assert article["url"] == article["mainEntityOfPage"] == f"{BASE}/items/budget-2024"
    assert article["datePublished"] == "2024-11-04T09:00:00+00:00"
    assert article["dateModified"] == "2024-11-04T09:00:00+00:00"
    assert article["articleSection"] == "News and policy"
    assert article["keywords"] == ["budget", "policy", "digital-inclusion"]
    assert article["author"]["name"] == "Owen Pritchard"
    assert article["publisher"]["name"] == "Local Government Association"
    assert article["isPartOf"]["issueNumber"] == "25"
    assert article["description"].startswith("On Thursday 30 October, Chancellor Rachel Reeves")
    assert [node["@type"] for node in page.json_ld_nodes()] == ["NewsArticle"]


def test_all_day_hybrid_event_json_ld(bundled_site: Site) -> None:
    item = bundled_site.items_by_id["technology-innovation-showcase"]
    page = read_page(render_item(bundled_site, item))
    event = page.node("Event")
    assert event == {
        "@type": "Event",
        "name": item.title,
        "description": event["description"],
        "url": f"{BASE}/items/technology-innovation-showcase",
        "startDate": "2024-11-14",
        "endDate": "2024-11-14",
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/MixedEventAttendanceMode",
        "location": [
            {"@type": "Place", "name": "London and online"},
            {
                "@type": "VirtualLocation",
                "url": "https://www.local.gov.uk/our-support/cyber-digital-and-technology",
            },
        ],
        "organizer": {
            "@type": "Organization",
            "name": "Local Government Association",
            "url": f"{BASE}/",
            "email": "cyberanddigital@local.gov.uk",
        },
        "mainEntityOfPage": f"{BASE}/items/technology-innovation-showcase",
    }
    assert event["description"].startswith("The Technology Innovation Showcase")
    assert "Thursday 14 November 2024, all day" in page.text
    assert "In person and online" in page.text


def test_timed_event_json_ld_and_facts(bundled_site: Site) -> None:
    item = bundled_site.items_by_id["ons-local-data-maturity-workshop"]
    page = read_page(render_item(bundled_site, item))
    event = page.node("Event")
    assert event["startDate"] == "2024-11-07T09:30:00+00:00"
    assert event["endDate"] == "2024-11-07T10:30:00+00:00"
    assert "eventAttendanceMode" not in event  # the content does not say
    assert "location" not in event
    assert "When Thursday 7 November 2024, 09:30 to 10:30 GMT" in page.text


def test_online_event_in_summer_time(small_site: Site) -> None:
    page = read_page(render_item(small_site, small_site.items_by_id["autumn-workshop"]))
    event = page.node("Event")
    assert event["startDate"] == "2024-10-17T09:30:00+01:00"
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["location"] == {
        "@type": "VirtualLocation",
        "url": "https://www.example.org/register",
    }
    assert "Thursday 17 October 2024, 09:30 to 11:00 BST" in page.text
    assert ("https://www.example.org/register", "Register for the workshop") in page.anchors


def test_deadline_and_update_are_shown(small_site: Site) -> None:
    page = read_page(render_item(small_site, small_site.items_by_id["training-programme"]))
    assert "Deadline Wednesday 20 November 2024" in page.text
    assert "Published Monday 4 November 2024 Updated Wednesday 6 November 2024" in page.text
    assert page.node("NewsArticle")["dateModified"] == "2024-11-06T12:00:00+00:00"
    assert page.scripts == 1  # the body's <script> was removed when the content was loaded


def test_title_only_item(small_site: Site) -> None:
    page = read_page(render_item(small_site, small_site.items_by_id["title-only-news"]))
    assert [text for tag, text in page.headings if tag == "h1"] == ["A title-only item"]
    assert page.description == "A title-only item"


def test_markup_in_content_is_shown_as_text(write_content: Callable[..., Path]) -> None:
    nasty = '</script><script>alert("x")</script> & <b>bold</b>'
    content = write_content(
        {
            "001.yaml": f"""\
            number: 1
            title: "Edition </script><script>alert(2)</script>"
            published: 2024-10-07
            intro: Hello.
            signoff: {{name: "A <i>Name</i>"}}
            items:
              - id: nasty
                section: news
                title: '{nasty}'
                summary: 'Summary </script><!-- <b>'
                body: Body text.
                links:
                  - {{title: '</a><script>x</script>', url: 'https://example.org/?a=1&b="2"'}}
            """
        }
    )
    site = load_site(content)
    body = render_item(site, site.items_by_id["nasty"])
    page = read_page(body)
    assert page.scripts == 1
    assert b"<script>alert" not in body
    assert b"<b>bold</b>" not in body
    assert [text for tag, text in page.headings if tag == "h1"] == [nasty]
    assert page.node("NewsArticle")["headline"] == nasty
    assert page.node("NewsArticle")["author"]["name"] == "A <i>Name</i>"
    assert page.description == "Summary </script><!-- <b>"
    assert ('https://example.org/?a=1&b="2"', "</a><script>x</script>") in page.anchors


def with_item_text(site: Site, item_id: str, title: str, tag: str) -> Site:
    """The site with one item's title, summary and a tag replaced, indexes rebuilt."""
    item = site.items_by_id[item_id]
    changed = replace(item, title=title, summary=title, tags=(tag,))
    editions = tuple(
        replace(e, items=tuple(changed if i.id == item_id else i for i in e.items))
        for e in site.editions
    )
    return replace(site, editions=editions)


@settings(max_examples=60, deadline=None)
@given(title=st.text(min_size=1), tag=st.text(min_size=1))
def test_any_text_stays_text(small_site: Site, title: str, tag: str) -> None:
    site = with_item_text(small_site, "first-news", title, tag)
    page = read_page(render_item(site, site.items_by_id["first-news"]))
    assert page.scripts == 1
    assert [text for t, text in page.headings if t == "h1"] == [" ".join(title.split())]
    assert page.node("NewsArticle")["headline"] == title
    assert page.node("NewsArticle")["keywords"] == [tag]
