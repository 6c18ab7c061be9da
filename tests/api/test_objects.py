"""The API's JSON objects: items, events, editions and sections of the bundled content."""

from __future__ import annotations

from feeds.api.objects import edition_object, edition_summary, item_object, section_object
from feeds.models import Site

BASE = "https://bulletin.example.org"


def test_item_object_is_the_whole_item(bundled_site: Site) -> None:
    item = bundled_site.items_by_id["st-helens-cyber-incident-case-study"]
    assert item_object(bundled_site, item) == {
        "id": "st-helens-cyber-incident-case-study",
        "edition": 25,
        "section": "resources",
        "title": "St. Helens Borough Council Cyber Incident Case Study",
        "summary": item.summary,
        "body_html": item.body_html,
        "body_text": item.body_text,
        "links": [],
        "tags": ["cyber-security", "case-study", "incident-response"],
        "event": None,
        "deadline": None,
        "published_at": "2024-11-04T09:00:00+00:00",
        "updated_at": "2024-11-04T09:00:00+00:00",
        "web_url": f"{BASE}/items/st-helens-cyber-incident-case-study",
        "api_url": f"{BASE}/api/v1/items/st-helens-cyber-incident-case-study",
    }
    assert item.body_html.startswith("<p>In August 2023, St Helens Borough Council")
    assert item.summary.endswith("and these have been…")


def test_timed_event_has_offsets_and_timezone(bundled_site: Site) -> None:
    item = bundled_site.items_by_id["ons-local-data-maturity-workshop"]
    found = item_object(bundled_site, item)
    assert (found["event"], found["links"], found["tags"]) == (
        {
            "start": "2024-11-07T09:30:00+00:00",
            "end": "2024-11-07T10:30:00+00:00",
            "all_day": False,
            "timezone": "Europe/London",
            "location": None,
            "online": None,
        },
        [{"title": "Visit the ONS website", "url": "https://www.ons.gov.uk/"}],
        ["data", "data-maturity", "workshop"],
    )


def test_all_day_event_is_dates(bundled_site: Site) -> None:
    item = bundled_site.items_by_id["technology-innovation-showcase"]
    assert item_object(bundled_site, item)["event"] == {
        "start": "2024-11-14",
        "end": None,
        "all_day": True,
        "timezone": "Europe/London",
        "location": "London and online",
        "online": True,
    }


def test_title_only_item_has_empty_body_and_title_summary(bundled_site: Site) -> None:
    item = bundled_site.items_by_id["invest-2035-industrial-strategy-green-paper"]
    found = item_object(bundled_site, item)
    assert (found["summary"], found["body_html"], found["body_text"], found["tags"]) == (
        "Invest 2035: Industrial Strategy Green Paper",
        "",
        "",
        [],
    )


def test_deadline_is_a_date(bundled_site: Site) -> None:
    item = bundled_site.items_by_id["unlocking-digital-excellence-apolitical"]
    assert item_object(bundled_site, item)["deadline"] == "2024-11-20"


def test_edition_summary_and_whole_edition(bundled_site: Site) -> None:
    edition = bundled_site.editions_by_number[25]
    common = {
        "number": 25,
        "title": "Cyber, Digital and Technology Bulletin – edition 25",
        "published_at": "2024-11-04T09:00:00+00:00",
        "updated_at": "2024-11-04T09:00:00+00:00",
        "item_count": 18,
        "web_url": f"{BASE}/editions/25",
        "api_url": f"{BASE}/api/v1/editions/25",
    }
    assert edition_summary(bundled_site, edition) == common
    assert edition_object(bundled_site, edition, ["the items"]) == {
        **common,
        "intro_html": edition.intro_html,
        "intro_text": edition.intro_text,
        "signoff": {
            "name": "Owen Pritchard",
            "role": "Head of Cyber, Digital and Technology",
            "organisation": "Local Government Association",
            "email": "owen.pritchard@local.gov.uk",
        },
        "items": ["the items"],
    }
    assert edition.intro_text.startswith("Dear colleague\n\nWelcome to the twenty-fifth edition")


def test_section_object_counts_items_and_names_feeds(bundled_site: Site) -> None:
    section = bundled_site.sections_by_slug["events"]
    assert section_object(bundled_site, section) == {
        "slug": "events",
        "title": "Events",
        "description": "Events, showcases and workshops for council officers and members.",
        "item_count": 3,
        "event_count": 3,
        "feeds": {
            "rss": f"{BASE}/feeds/events.rss",
            "atom": f"{BASE}/feeds/events.atom",
            "json": f"{BASE}/feeds/events.json",
        },
        "items_url": f"{BASE}/api/v1/items?section=events",
        "api_url": f"{BASE}/api/v1/sections/events",
    }
