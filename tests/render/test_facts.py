"""Tests for feeds.render.facts: IDs, readable event and deadline words, channels."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from feeds.models import Edition, Event, Item, Link, Section, Signoff, Site
from feeds.render.facts import (
    EPOCH,
    channel,
    deadline_text,
    event_text,
    feed_id,
    item_facts,
    item_id,
)

LONDON = ZoneInfo("Europe/London")
PUBLISHED = datetime(2024, 11, 4, 9, 0, tzinfo=LONDON)


def make_item(item_id: str = "budget-2024", **changes: object) -> Item:
    item = Item(
        id=item_id,
        edition=25,
        section="news",
        title="Budget 2024",
        summary="The budget, in short.",
        body_html="<p>The budget, in <em>short</em>.</p>",
        body_text="The budget, in short.",
        published=PUBLISHED,
    )
    return replace(item, **changes)  # type: ignore[arg-type]


def make_site(*items: Item, base_url: str = "https://bulletin.example.org", **site: str) -> Site:
    edition = Edition(
        number=25,
        title="Edition 25",
        published=PUBLISHED,
        intro_html="",
        intro_text="",
        signoff=Signoff(name="Owen Pritchard", email="owen@example.org"),
        items=items,
    )
    return Site(
        title=site.get("title", "Test Bulletin"),
        description="A bulletin for tests.",
        base_url=base_url,
        language="en-GB",
        timezone="Europe/London",
        publisher="Test Publisher",
        contact="team@example.org",
        links=(),
        sections=(Section("news", "News and policy", "News."), Section("events", "Events")),
        editions=(edition,),
        id_authority=site.get("id_authority", ""),
    )


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (
            Event(
                datetime(2024, 11, 7, 9, 30, tzinfo=LONDON),
                datetime(2024, 11, 7, 10, 30, tzinfo=LONDON),
                location="Online",
                online=True,
            ),
            "Event: Thursday 7 November 2024, 09:30–10:30 (Europe/London), Online.",
        ),
        (
            Event(datetime(2024, 11, 7, 9, 30, tzinfo=LONDON)),
            "Event: Thursday 7 November 2024, 09:30 (Europe/London).",
        ),
        (
            Event(
                datetime(2024, 11, 7, 9, 30, tzinfo=LONDON),
                datetime(2024, 11, 8, 17, 0, tzinfo=LONDON),
                online=True,
            ),
            "Event: Thursday 7 November 2024, 09:30 to Friday 8 November 2024, 17:00 "
            "(Europe/London), Online.",
        ),
        (
            Event(date(2024, 11, 14), location="London and online", online=True),
            "All-day event: Thursday 14 November 2024, London and online.",
        ),
        (
            Event(date(2024, 11, 14), date(2024, 11, 15), location="Leeds", online=True),
            "All-day event: Thursday 14 November 2024 to Friday 15 November 2024, "
            "Leeds, and online.",
        ),
        (
            Event(date(2024, 11, 14), date(2024, 11, 14), location="Town Hall, Leeds."),
            "All-day event: Thursday 14 November 2024, Town Hall, Leeds.",
        ),
    ],
)
def test_event_text_reads_the_same_way_for_every_kind_of_event(event: Event, expected: str) -> None:
    assert event_text(event) == expected


def test_deadline_text_names_the_weekday() -> None:
    assert deadline_text(date(2024, 11, 20)) == "Deadline: Wednesday 20 November 2024."


def test_ids_come_from_site_yaml_host_and_edition_year_never_the_public_url() -> None:
    item = make_item()
    site = make_site(item, base_url="https://other.example", id_authority="bulletin.example.org")

    assert item_id(site, item) == "tag:bulletin.example.org,2024:item/budget-2024"
    assert feed_id(site, "news") == "tag:bulletin.example.org,2024:feed/news"
    assert item_facts(site, item).url == "https://other.example/items/budget-2024"


def test_item_facts_append_the_same_sentences_to_summary_and_content() -> None:
    item = make_item(
        section="events",
        tags=("data", "workshop"),
        links=(Link("Book <now>", "https://example.org/a?b=1&c=2"),),
        event=Event(date(2024, 11, 14), location="London"),
        deadline=date(2024, 11, 8),
        updated=datetime(2024, 11, 6, 12, 0, 0, 999, tzinfo=UTC),
    )
    facts = item_facts(make_site(item), item)

    event = "All-day event: Thursday 14 November 2024, London."
    deadline = "Deadline: Friday 8 November 2024."
    assert facts.id == "tag:bulletin.example.org,2024:item/budget-2024"
    assert facts.summary == f"The budget, in short.\n\n{event} {deadline}"
    assert facts.content_html == (
        "<p>The budget, in <em>short</em>.</p>\n"
        '<ul><li><a href="https://example.org/a?b=1&amp;c=2">Book &lt;now&gt;</a></li></ul>\n'
        f"<p>{event}</p>\n<p>{deadline}</p>"
    )
    assert facts.sentences == (event, deadline)
    assert facts.categories == ("Events", "data", "workshop")
    assert facts.author == Signoff(name="Owen Pritchard", email="owen@example.org")
    assert facts.author_email == "owen@example.org"
    assert facts.published == PUBLISHED
    assert facts.updated == datetime(2024, 11, 6, 12, 0, 0, tzinfo=UTC)


def test_a_title_only_item_has_content_and_an_author_without_email_gets_the_contact() -> None:
    item = make_item(body_html="", body_text="", summary="Budget 2024")
    site = make_site(item)
    facts = item_facts(site, item)

    assert facts.content_html == "<p>Budget 2024</p>"
    assert facts.summary == "Budget 2024"
    signless = replace(site.editions[0], signoff=Signoff(name="Ada"))
    bare = replace(site, editions=(signless,))
    assert item_facts(bare, item).author_email == "team@example.org"


def test_channel_takes_the_newest_items_up_to_the_limit_and_its_updated_from_them() -> None:
    items = [
        make_item(f"item-{n}", position=n, updated=datetime(2024, 11, 5 + n, tzinfo=UTC))
        for n in range(4)
    ]
    site = make_site(*items)

    feed = channel(site, "news", 2)
    assert [f.item.id for f in feed.items] == ["item-0", "item-1"]
    assert feed.updated == datetime(2024, 11, 6, tzinfo=UTC)
    assert feed.title == "Test Bulletin: News and policy"
    assert feed.description == "News."
    assert feed.feed_url == "https://bulletin.example.org/feeds/news"
    assert feed.home_url == "https://bulletin.example.org/"
    assert feed.id == "tag:bulletin.example.org,2024:feed/news"

    everything = channel(site, "all", 50)
    assert everything.title == "Test Bulletin"
    assert everything.description == "A bulletin for tests."
    assert len(everything.items) == 4
    assert everything.updated == datetime(2024, 11, 8, tzinfo=UTC)


def test_an_empty_feed_is_dated_by_the_site_and_an_empty_archive_by_the_epoch() -> None:
    site = make_site(make_item())
    assert channel(site, "events", 50).updated == PUBLISHED
    empty = replace(site, editions=())
    assert channel(empty, "all", 50).updated == EPOCH
    assert channel(empty, "all", 50).id == "tag:bulletin.example.org,1970:feed/all"
