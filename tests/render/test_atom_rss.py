"""Tests for feeds.render.atom_rss: RSS 2.0 and Atom 1.0 that round-trip through feedparser."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import feedparser
import pytest
from lxml import etree

from feeds.models import Site
from feeds.render.atom_rss import render_atom, render_rss
from feeds.render.facts import Channel, channel

RENDERERS: dict[str, Callable[[Channel], bytes]] = {"rss": render_rss, "atom": render_atom}
ATOM = "{http://www.w3.org/2005/Atom}"
Golden = Callable[[str, bytes], None]


def every_channel(site: Site, limit: int = 50) -> list[Channel]:
    """The `all` feed and each section's feed."""
    return [channel(site, name, limit) for name in ("all", *(s.slug for s in site.sections))]


def epoch_seconds(moment: datetime) -> int:
    return calendar.timegm(moment.astimezone(UTC).timetuple())


@pytest.mark.parametrize("form", ["rss", "atom"])
def test_every_feed_of_the_bundled_content_round_trips_through_feedparser(
    bundled_site: Site, form: str
) -> None:
    for feed in every_channel(bundled_site):
        parsed = feedparser.parse(RENDERERS[form](feed))

        assert parsed.bozo == 0, (feed.name, parsed.get("bozo_exception"))
        assert parsed.version == ("rss20" if form == "rss" else "atom10")
        assert parsed.feed.title == feed.title
        assert parsed.feed.link == "https://bulletin.example.org/"
        assert parsed.feed.language == "en-GB"
        selfs = [link.href for link in parsed.feed.links if link.rel == "self"]
        assert selfs == [f"https://bulletin.example.org/feeds/{feed.name}.{form}"]
        assert epoch_seconds(feed.updated) == calendar.timegm(parsed.feed.updated_parsed)
        assert len(parsed.entries) == len(feed.items) > 0
        for entry, facts in zip(parsed.entries, feed.items, strict=True):
            assert entry.title == facts.title
            assert entry.link == facts.url
            assert entry.id == facts.id
            assert calendar.timegm(entry.published_parsed) == epoch_seconds(facts.published)
            if form == "atom":  # RSS 2.0 has no updated date for an item
                assert calendar.timegm(entry.updated_parsed) == epoch_seconds(facts.updated)
            assert entry.summary == facts.summary
            assert [c.value for c in entry.content] == [facts.content_html]
            assert [tag.term for tag in entry.tags] == list(facts.categories)
            assert facts.author.name in entry.author


def test_the_bundled_all_feed_holds_every_item_newest_edition_first(bundled_site: Site) -> None:
    parsed = feedparser.parse(render_atom(channel(bundled_site, "all", 50)))
    ids = [entry.id.rsplit("/", 1)[1] for entry in parsed.entries]
    assert ids == [item.id for item in bundled_site.items]
    assert ids[:2] == ["local-government-centre-for-digital-technology", "budget-2024"]


def test_rss_closes_feedgen_traps(small_site: Site) -> None:
    feed = channel(small_site, "all", 50)
    root = etree.fromstring(render_rss(feed))
    chan = root.find("channel")
    assert chan is not None

    # <channel><link> is the last link added: the home page, not the self link.
    assert chan.findtext("link") == "https://bulletin.example.org/"
    assert chan.findtext("lastBuildDate") == "Wed, 06 Nov 2024 12:00:00 +0000"
    assert chan.findtext("managingEditor") == "team@example.org (Local Government Association)"
    items = chan.findall("item")
    assert [i.findtext("guid") for i in items] == [f.id for f in feed.items]
    assert {i.find("guid").get("isPermaLink") for i in items} == {"false"}  # type: ignore[union-attr]
    for item, facts in zip(items, feed.items, strict=True):
        # content:encoded is only written when a description is set too.
        assert item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded") == (
            facts.content_html
        )
        assert item.findtext("description") is not None
        assert item.findtext("author") == "ada@example.org (Ada Example)"


def test_atom_closes_feedgen_traps(small_site: Site) -> None:
    feed = channel(small_site, "all", 50)
    body = render_atom(feed)
    root = etree.fromstring(body)

    assert b"CDATA" not in body
    assert root.findtext(f"{ATOM}updated") == "2024-11-06T12:00:00+00:00"
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "Local Government Association"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}id") for e in entries] == [f.id for f in feed.items]
    for entry, facts in zip(entries, feed.items, strict=True):
        content = entry.find(f"{ATOM}content")
        assert content is not None
        assert content.get("type") == "html"
        assert content.text == facts.content_html
        assert entry.findtext(f"{ATOM}summary") == facts.summary
        links = entry.findall(f"{ATOM}link")
        # feedgen drops rel and type from entry links, so the permalink is the only one.
        assert [(link.get("href"), link.get("rel")) for link in links] == [(facts.url, None)]
        assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Ada Example"


_DATE_ELEMENTS = re.compile(rb"<(updated|published|lastBuildDate|pubDate)>([^<]*)</", re.MULTILINE)


@pytest.mark.parametrize("form", ["rss", "atom"])
def test_every_date_comes_from_the_content_never_from_now(small_site: Site, form: str) -> None:
    feed = channel(small_site, "all", 50)
    allowed = {feed.updated, *(f.published for f in feed.items), *(f.updated for f in feed.items)}
    stamps = [m.group(2).decode() for m in _DATE_ELEMENTS.finditer(RENDERERS[form](feed))]

    assert stamps
    for stamp in stamps:
        moment = parsedate_to_datetime(stamp) if form == "rss" else datetime.fromisoformat(stamp)
        assert moment in allowed, stamp


@pytest.mark.parametrize("form", ["rss", "atom"])
@pytest.mark.parametrize("name", ["all", "news", "events"])
def test_golden_files(small_site: Site, golden: Golden, form: str, name: str) -> None:
    golden(f"feeds/{name}.{form}", RENDERERS[form](channel(small_site, name, 50)))
