"""Property tests: arbitrary Unicode in items still gives valid feeds with no script left.

Items are built from the model's dataclasses, with text cleaned the way the
loader cleans it (`strip_control`) and bodies rendered by the loader's Markdown
renderer. Every feed must be well-formed XML or JSON, parse with feedparser with
bozo 0, keep its IDs, and carry no `<script` in any HTML it holds.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import feedparser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from lxml import etree

from feeds.content.markdown import render_markdown
from feeds.content.site_file import url_problem
from feeds.content.text import derive_summary, strip_control
from feeds.models import Edition, Event, Item, Link, Section, Signoff, Site
from feeds.render.atom_rss import render_atom, render_rss
from feeds.render.facts import channel
from feeds.render.ical import render_calendar
from feeds.render.jsonfeed import render_jsonfeed

LONDON = ZoneInfo("Europe/London")
BASE = "https://bulletin.example.org"
NASTY = [
    "]]>",
    "</script>",
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//x.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "[x](javascript:alert(1))",
    "\u202eRTL override\u202c",
    "שלום עולם",
    "مرحبا بالعالم",
    "👩🏽‍💻🇬🇧",
    "&amp; &lt; &#0; &#x1F;",
    "\x00\x01\x08\x0b\x0c\x1f\x7f\x85\x9f",
    "\ufeff\ufffe\uffff",
    "a\r\nb\rc",
    "; , \\ : \n",
]

raw_text = st.one_of(
    st.text(max_size=80),
    st.sampled_from(NASTY),
    st.lists(st.sampled_from(NASTY), min_size=1, max_size=4).map("".join),
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=16), st.integers(100, 250)),
)


def clean(value: str) -> str:
    return strip_control(value)[0]


nonblank = raw_text.map(clean).filter(lambda s: s.strip() != "")
EVENTS = [
    None,
    Event(date(2024, 11, 14), location="London and online", online=True),
    Event(
        datetime(2024, 11, 7, 9, 30, tzinfo=LONDON),
        datetime(2024, 11, 7, 10, 30, tzinfo=LONDON),
    ),
]


@st.composite
def items(draw: st.DrawFn, position: int) -> Item:
    title = draw(nonblank)
    body = render_markdown(draw(raw_text.map(clean)), BASE)
    tags = tuple(draw(st.lists(nonblank, max_size=3, unique=True)))
    links = []
    for link_title, path in draw(st.lists(st.tuples(nonblank, raw_text.map(clean)), max_size=2)):
        url = "https://example.org/" + "".join(path.split())
        if url_problem(url) is None:  # the loader rejects what url_problem names
            links.append(Link(link_title, url))
    return Item(
        id=f"item-{position}",
        edition=1,
        section="news",
        title=title,
        summary=derive_summary(body.text, title),
        body_html=body.html,
        body_text=body.text,
        published=datetime(2024, 11, 4, 9, 0, tzinfo=LONDON),
        links=tuple(links),
        tags=tags,
        event=draw(st.sampled_from(EVENTS)),
        deadline=draw(st.sampled_from([None, date(2024, 11, 20)])),
        position=position,
    )


@st.composite
def sites(draw: st.DrawFn) -> Site:
    count = draw(st.integers(1, 3))
    edition = Edition(
        number=1,
        title="Edition 1",
        published=datetime(2024, 11, 4, 9, 0, tzinfo=LONDON),
        intro_html="",
        intro_text="",
        signoff=Signoff(name=draw(nonblank), email="ada@example.org"),
        items=tuple(draw(items(n)) for n in range(count)),
    )
    return Site(
        title="Test Bulletin",
        description="A bulletin for tests.",
        base_url=BASE,
        language="en-GB",
        timezone="Europe/London",
        publisher="Test Publisher",
        contact="team@example.org",
        links=(),
        sections=(Section("news", "News"),),
        editions=(edition,),
    )


def no_script(html: str) -> bool:
    return "<script" not in html.lower()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sites())
def test_arbitrary_text_gives_valid_feeds_with_no_script(site: Site) -> None:
    feed = channel(site, "news", 50)
    ids = [facts.id for facts in feed.items]

    for body in (render_rss(feed), render_atom(feed)):
        etree.fromstring(body)  # well-formed, or this raises
        assert no_script(body.decode("utf-8"))
        parsed = feedparser.parse(body)
        assert parsed.bozo == 0, parsed.get("bozo_exception")
        assert [entry.id for entry in parsed.entries] == ids
        for entry in parsed.entries:
            assert all(no_script(c.value) for c in entry.content)
            if entry.summary_detail.type == "text/html":  # Atom's summary is plain text
                assert no_script(entry.summary)

    atom = etree.fromstring(render_atom(feed))
    titles = [t.text or "" for t in atom.iterfind("{*}entry/{*}title")]
    # lxml writes CR as a character reference, so even line ends come back as they went in.
    assert titles == [f.title for f in feed.items]

    document = json.loads(render_jsonfeed(feed))
    assert [item["id"] for item in document["items"]] == ids
    assert [item["title"] for item in document["items"]] == [f.title for f in feed.items]
    assert all(no_script(item["content_html"]) for item in document["items"])

    calendar = Calendar.from_ical(render_calendar(site))
    summaries = {str(e["UID"]): str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    # iCalendar text knows one line break, \n; and icalendar drops a byte-order mark
    # that starts a value. Nothing else is lost.
    expected = {
        f.id: f.title.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
        for f in feed.items
        if f.item.event
    }
    assert summaries == expected
