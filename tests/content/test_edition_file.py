"""Rules of one edition file: sections, item ids, events, tags, weekdays, unsafe HTML."""

from __future__ import annotations

from datetime import date, datetime
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest

from feeds.content import load_content, load_site

LONDON = ZoneInfo("Europe/London")
HEAD = """\
number: 1
title: Edition 1
published: 2024-11-04
intro: Dear colleague
signoff: {name: Ada Example}
items:
"""


def edition(items: str) -> str:
    """An edition file whose items start at line 7."""
    return HEAD + items


def test_an_unknown_section_is_an_error_at_its_line(write_content, validate):
    root = write_content(
        {"001.yaml": edition("  - id: first\n    section: newz\n    title: First\n")}
    )
    result = validate(root)
    assert (result.exit_code, result.problems, result.summary) == (
        1,
        ["content/editions/001.yaml:8: error: unknown section 'newz' (sections: news, events)"],
        "content: not publishable; 1 error, 0 warnings",
    )


@pytest.mark.parametrize("item_id", ["First", "first_item", "-first", "first item"])
def test_an_item_id_must_be_a_slug(write_content, validate, item_id):
    root = write_content(
        {"001.yaml": edition(f"  - id: '{item_id}'\n    section: news\n    title: First\n")}
    )
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        1,
        [f"content/editions/001.yaml:7: error: item id {item_id!r} must be lower-case [a-z0-9-]"],
    )


def test_an_item_id_used_twice_in_one_file_names_both_lines(write_content, validate):
    root = write_content(
        {
            "001.yaml": edition(
                "  - id: first\n    section: news\n    title: First\n"
                "  - id: second\n    section: news\n    title: Second\n"
                "  - id: first\n    section: events\n    title: First again\n"
            )
        }
    )
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        1,
        ["content/editions/001.yaml:13: error: item id 'first' is used twice (first at line 7)"],
    )


EVENT = edition(
    "  - id: first\n    section: events\n    title: First\n    event:\n"
    "      start: START\n      end: END\n"
)


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (
            "2024-11-07T10:30:00+00:00",
            "2024-11-07T09:30:00+00:00",
            "event ends (2024-11-07 09:30:00+00:00) before it starts (2024-11-07 10:30:00+00:00)",
        ),
        ("2024-11-07", "2024-11-06", "event ends (2024-11-06) before it starts (2024-11-07)"),
        (
            # 10:00 in London is 10:00+00:00 in November, so 10:30+01:00 is earlier
            "2024-11-07T10:00:00Z",
            "2024-11-07T10:30:00+01:00",
            "event ends (2024-11-07 09:30:00+00:00) before it starts (2024-11-07 10:00:00+00:00)",
        ),
    ],
)
def test_an_event_that_ends_before_it_starts_is_an_error_at_its_end(
    write_content, validate, start, end, message
):
    root = write_content({"001.yaml": EVENT.replace("START", start).replace("END", end)})
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        1,
        [f"content/editions/001.yaml:12: error: {message}"],
    )


@pytest.mark.parametrize(
    ("start", "end"),
    [("2024-11-07", "2024-11-07T09:30:00+00:00"), ("2024-11-07T09:30:00+00:00", "2024-11-08")],
)
def test_event_start_and_end_of_mixed_kinds_is_an_error(write_content, validate, start, end):
    root = write_content({"001.yaml": EVENT.replace("START", start).replace("END", end)})
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        1,
        [
            "content/editions/001.yaml:12: error: "
            "event start and end must both be dates or both date-times"
        ],
    )


def test_an_event_without_a_start_is_an_error(write_content, validate):
    root = write_content(
        {"001.yaml": EVENT.replace("      start: START\n", "").replace("END", "2024-11-07")}
    )
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        1,
        ["content/editions/001.yaml:11: error: event: missing field 'start'"],
    )


def test_events_are_read_in_the_site_timezone(write_content):
    root = write_content(
        {
            "001.yaml": edition(
                "  - id: timed\n    section: events\n    title: Timed\n    event:\n"
                "      start: 2024-10-17T08:30:00Z\n      end: 2024-10-17T11:00:00+01:00\n"
                "      location: Online\n      online: true\n"
                "  - id: all-day\n    section: events\n    title: All day\n    event:\n"
                "      start: 2024-11-14\n      end: 2024-11-15\n"
            )
        }
    )
    site = load_site(root)
    timed, all_day = site.items_by_id["timed"].event, site.items_by_id["all-day"].event
    assert timed is not None
    assert all_day is not None
    assert (timed.start, timed.end, timed.location, timed.online, timed.all_day) == (
        datetime(2024, 10, 17, 9, 30, tzinfo=LONDON),
        datetime(2024, 10, 17, 11, 0, tzinfo=LONDON),
        "Online",
        True,
        False,
    )
    assert timed.start.utcoffset() == timed.end.utcoffset() != None  # noqa: E711 - BST, +01:00
    assert (all_day.start, all_day.end, all_day.location, all_day.online, all_day.all_day) == (
        date(2024, 11, 14),
        date(2024, 11, 15),
        None,
        None,
        True,
    )


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2024-11-04", datetime(2024, 11, 4, 9, 0, tzinfo=LONDON)),
        ("2024-07-01", datetime(2024, 7, 1, 9, 0, tzinfo=LONDON)),
        ("2024-11-04T10:00:00+00:00", datetime(2024, 11, 4, 10, 0, tzinfo=LONDON)),
        ("2024-07-01T10:00:00Z", datetime(2024, 7, 1, 11, 0, tzinfo=LONDON)),
    ],
)
def test_published_is_9am_site_time_for_a_date_and_local_time_for_a_date_time(
    write_content, published, expected
):
    root = write_content({"001.yaml": HEAD.replace("2024-11-04", published) + "  []\n"})
    edition_1 = load_site(root).editions[0]
    assert (edition_1.published, str(edition_1.published.tzinfo)) == (expected, "Europe/London")
    assert edition_1.published.utcoffset() == expected.utcoffset()


def test_tags_must_be_slugs_and_a_repeated_tag_is_a_warning(write_content, validate):
    root = write_content(
        {
            "001.yaml": edition(
                "  - id: first\n    section: news\n    title: First\n    tags:\n"
                "      - data\n      - Cyber Security\n      - ai\n      - data\n"
            )
        }
    )
    result = validate(root)
    assert (result.exit_code, result.problems, result.summary) == (
        1,
        [
            "content/editions/001.yaml:12: error: "
            "tag 'Cyber Security' must be lower-case [a-z0-9-]",
            "content/editions/001.yaml:14: warning: tag 'data' is given twice",
        ],
        "content: not publishable; 1 error, 1 warning",
    )


def test_a_repeated_tag_alone_is_a_warning_and_kept_once(write_content, validate):
    root = write_content(
        {
            "001.yaml": edition(
                "  - id: first\n    section: news\n    title: First\n    tags: [data, ai, data]\n"
            )
        }
    )
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        0,
        ["content/editions/001.yaml:10: warning: tag 'data' is given twice"],
    )
    assert load_site(root).items_by_id["first"].tags == ("data", "ai")


WEEKDAYS = edition(
    "  - id: first\n    section: events\n    title: First\n    body: |\n      BODY\n"
)


def test_a_weekday_contradicting_its_date_is_a_warning_at_its_line(write_content, validate):
    body = "The budget.\n\n      On Thursday 30 October, the Chancellor spoke."
    root = write_content({"001.yaml": WEEKDAYS.replace("BODY", body)})
    result = validate(root)
    assert (result.exit_code, result.problems, result.summary) == (
        0,
        [
            "content/editions/001.yaml:13: warning: "
            "'Thursday 30 October': the date is a Wednesday in 2024, not a Thursday"
        ],
        "content: 1 edition, 1 item; 0 errors, 1 warning",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Join us on Thursday 7 November.",
        "Join us on Monday, December 2nd, 2024.",
        "Join us on Thursday, 14 November 2024.",
        "Join us on Friday 27 December.",  # 2024-12-27, the nearest to publication
        "It opened on Monday 27 December 2021.",  # an explicit year wins over nearness
        "Not a date: Tuesday 31 June.",
    ],
)
def test_correct_weekdays_give_no_warning(write_content, validate, text):
    root = write_content({"001.yaml": WEEKDAYS.replace("BODY", text)})
    result = validate(root)
    assert (result.exit_code, result.problems) == (0, [])


@pytest.mark.parametrize(
    ("line", "yaml", "phrase", "actual"),
    [
        (2, "title: Edition 1, Tuesday 4 November", "Tuesday 4 November", "Monday"),
        (4, "intro: Meet us on Friday 14 November.", "Friday 14 November", "Thursday"),
        (9, "    title: Workshop, Friday 7 November", "Friday 7 November", "Thursday"),
        (10, "    summary: Workshop on Friday 7 November", "Friday 7 November", "Thursday"),
        (
            10,
            "    body: Held on Monday, December 3rd, 2024.",
            "Monday, December 3rd, 2024",
            "Tuesday",
        ),
    ],
)
def test_weekdays_are_checked_in_titles_intro_summaries_and_bodies(
    write_content, validate, line, yaml, phrase, actual
):
    lines = (HEAD + "  - id: first\n    section: news\n    title: First\n").splitlines()
    if line <= len(lines):
        lines[line - 1] = yaml
    else:
        lines.append(yaml)
    root = write_content({"001.yaml": "\n".join(lines) + "\n"})
    result = validate(root)
    named = phrase.split()[0].rstrip(",")
    assert (result.exit_code, result.problems) == (
        0,
        [
            f"content/editions/001.yaml:{line}: warning: "
            f"{phrase!r}: the date is a {actual} in 2024, not a {named}"
        ],
    )


def test_a_weekday_in_a_folded_body_is_reported_at_its_own_line(write_content, validate):
    # A folded scalar (>) joins lines, so the line cannot be counted in the joined value.
    root = write_content(
        {
            "001.yaml": edition(
                "  - id: first\n    section: news\n    title: First\n    body: >\n"
                "      The budget\n      was delivered.\n\n"
                "      On Thursday 30 October, the Chancellor spoke.\n"
            )
        }
    )
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        0,
        [
            "content/editions/001.yaml:14: warning: "
            "'Thursday 30 October': the date is a Wednesday in 2024, not a Thursday"
        ],
    )


UNSAFE_BODY = """\
  - id: first
    section: news
    title: First
    body: |
      Read <a href="javascript:alert(1)" onclick="steal()">this</a>.
      <img src="/logo.png" onerror="alert(1)">

      <script>alert(1)</script>

      <style>p { display: none }</style>

      <iframe src="https://www.example.org/"></iframe>
"""


class _Tags(HTMLParser):
    """Every start tag and its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_unsafe_html_is_a_warning_and_is_stripped(write_content, validate):
    root = write_content({"001.yaml": edition(UNSAFE_BODY)})
    result = validate(root)
    assert (result.exit_code, result.problems, result.summary) == (
        0,
        [
            "content/editions/001.yaml:10: warning: "
            "body: unsafe HTML or URL removed (script, on* or javascript:)"
        ],
        "content: 1 edition, 1 item; 0 errors, 1 warning",
    )
    html = load_site(root).items_by_id["first"].body_html
    for needle in ("<script", "<style", "<iframe", "onerror", "onclick", "javascript:", "alert"):
        assert needle not in html
    parser = _Tags()
    parser.feed(html)
    assert parser.tags == [
        ("p", {}),
        ("a", {}),
        ("img", {"src": "https://bulletin.example.org/logo.png"}),
    ]


def test_unsafe_html_in_the_intro_is_a_warning_too(write_content, validate):
    root = write_content(
        {
            "001.yaml": HEAD.replace("intro: Dear colleague", "intro: Hi <script>x()</script>")
            + "  []\n"
        }
    )
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        0,
        [
            "content/editions/001.yaml:4: warning: "
            "intro: unsafe HTML or URL removed (script, on* or javascript:)"
        ],
    )
    assert load_site(root).editions[0].intro_html == "<p>Hi </p>"


@pytest.mark.parametrize(
    "body",
    [
        "Open data: what councils publish.",
        "The metadata: fields and formats.",
        "A <b>bold</b> <em>claim</em>, and [a link](https://www.example.org/).",
        "Turn the button on=off.",
    ],
)
def test_safe_text_and_html_give_no_unsafe_html_warning(write_content, validate, body):
    root = write_content(
        {
            "001.yaml": edition(
                f"  - id: first\n    section: news\n    title: First\n    body: '{body}'\n"
            )
        }
    )
    result = validate(root)
    assert (result.exit_code, result.problems) == (0, [])


def test_summary_is_given_or_derived_from_the_body_or_the_title(write_content):
    root = write_content(
        {
            "001.yaml": edition(
                "  - id: given\n    section: news\n    title: Given\n"
                "    summary: '  A summary of its own.  '\n    body: The body.\n"
                "  - id: derived\n    section: news\n    title: Derived\n    body: |\n"
                "      First *paragraph*\n      over two lines.\n\n      Second paragraph.\n"
                "  - id: title-only\n    section: news\n    title: Only a title\n"
            )
        }
    )
    items = load_site(root).items_by_id
    assert [items[i].summary for i in ("given", "derived", "title-only")] == [
        "A summary of its own.",
        "First paragraph over two lines.",
        "Only a title",
    ]
    assert (items["title-only"].body_html, items["title-only"].body_text) == ("", "")


def test_an_edition_is_read_whole_into_the_model(write_content):
    root = write_content(
        {
            "001.yaml": """\
            number: 1
            title: Edition 1
            published: 2024-11-04
            intro: |
              Dear colleague

              Welcome.
            signoff: {name: Ada Example, role: Head of Digital, email: ada@example.org}
            items:
              - id: first
                section: news
                title: First
                body: Read [the hub](/hub).
                links:
                  - {title: Register, url: 'https://www.example.org/register'}
                tags: [data]
                deadline: 2024-11-20
                updated: 2024-11-06T12:00:00+00:00
            """
        }
    )
    loaded = load_content(root)
    assert loaded.problems == ()
    assert loaded.site is not None
    first = loaded.site.editions[0]
    item = first.items[0]
    assert (first.number, first.title, first.intro_html, first.intro_text) == (
        1,
        "Edition 1",
        "<p>Dear colleague</p>\n<p>Welcome.</p>",
        "Dear colleague\n\nWelcome.",
    )
    assert (first.signoff.name, first.signoff.role, first.signoff.organisation) == (
        "Ada Example",
        "Head of Digital",
        "",
    )
    assert (
        item.id,
        item.edition,
        item.section,
        item.body_html,
        item.body_text,
        item.summary,
        [(link.title, link.url) for link in item.links],
        item.tags,
        item.deadline,
        item.updated,
        item.position,
    ) == (
        "first",
        1,
        "news",
        '<p>Read <a href="https://bulletin.example.org/hub">the hub</a>.</p>',
        "Read the hub.",
        "Read the hub.",
        [("Register", "https://www.example.org/register")],
        ("data",),
        date(2024, 11, 20),
        datetime(2024, 11, 6, 12, 0, tzinfo=LONDON),
        0,
    )
