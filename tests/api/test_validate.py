"""Validating query parameters: every problem at once, typed values, canonical links."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feeds.api.index import FAR_FUTURE, day_start, micros
from feeds.api.params import EDITIONS, EVENTS, ITEMS, Operation
from feeds.api.validate import Invalid, Query, default_query, parse_query

LONDON = ZoneInfo("Europe/London")
SECTIONS = ("news", "events", "opportunities", "consultations", "resources")
TODAY = date(2024, 11, 15)


def parse(pairs: list[tuple[str, str]], operation: Operation = ITEMS) -> Query | list[Invalid]:
    return parse_query(operation, pairs, sections=SECTIONS, zone=LONDON, today=TODAY)


def test_no_parameters_is_the_default_query() -> None:
    assert parse([]) == default_query(ITEMS) == Query(sort="-published_at", limit=20, offset=0)
    assert default_query(EVENTS).sort == "event.start"
    assert default_query(EDITIONS) == Query(sort="-published_at")


def test_typed_values_and_canonical_pairs() -> None:
    found = parse(
        [
            ("limit", "5"),
            ("section", "events"),
            ("q", "Cyber  Café"),
            ("section", "news"),
            ("section", "events"),
            ("edition", "025"),
            ("tag", "ai"),
            ("sort", "-title"),
            ("offset", "0"),
        ]
    )
    assert found == Query(
        sections=("events", "news"),
        edition=25,
        tag="ai",
        words=("cyber", "cafe"),
        sort="-title",
        limit=5,
        offset=0,
        canonical=(
            ("section", "events"),
            ("section", "news"),
            ("edition", "25"),
            ("tag", "ai"),
            ("q", "Cyber  Café"),
            ("sort", "-title"),
            ("limit", "5"),
        ),
    )


def test_every_bad_parameter_is_named_once() -> None:
    found = parse(
        [
            ("colour", "red"),
            ("limit", "0"),
            ("limit", "5"),
            ("offset", "-1"),
            ("section", "newz"),
            ("open", "yes"),
            ("sort", "date"),
            ("published_since", "2024-13-01"),
            ("q", "x" * 201),
            ("tag", "Not A Tag"),
            ("edition", "1.5"),
            ("", "orphan"),
        ]
    )
    takes = "section, edition, tag, q, published_since, published_until, open, sort, limit, offset"
    assert found == [
        Invalid("colour", f"unknown parameter; this resource takes {takes}"),
        Invalid("", f"unknown parameter; this resource takes {takes}"),
        Invalid(
            "section",
            "unknown section 'newz';"
            " sections: news, events, opportunities, consultations, resources",
        ),
        Invalid("edition", "must be a whole number from 1 to 2147483647, not '1.5'"),
        Invalid("tag", "must be lower-case letters, digits and single hyphens, not 'Not A Tag'"),
        Invalid("q", "must be 1 to 200 characters, not 201"),
        Invalid(
            "published_since",
            "must be a date (2024-11-04) or an RFC 3339 date-time (2024-11-04T09:00:00Z),"
            " not '2024-13-01'",
        ),
        Invalid("open", "must be true or false, not 'yes'"),
        Invalid(
            "sort",
            "must be one of published_at, -published_at, title, -title, deadline, -deadline,"
            " event.start, -event.start; not 'date'",
        ),
        Invalid("limit", "given 2 times; it takes one value"),
        Invalid("offset", "must be a whole number from 0 to 2147483647, not '-1'"),
    ]


@pytest.mark.parametrize(
    "pairs",
    [
        [("limit", "101")],
        [("limit", "")],
        [("limit", " 5")],
        [("limit", "+5")],
        [("limit", "5_0")],
        [("limit", "٣")],  # an Arabic-Indic digit: int() takes it, the API does not
        [("offset", "2147483648")],
        [("offset", "9" * 5000)],
        [("q", "")],
        [("tag", "")],
        [("tag", "a--b")],
        [("open", "True")],
        [("open", "1")],
        [("section", "")],
        [("section", "news,events")],
        [("sort", "-")],
        [("edition", "0")],
        [("published_until", "2024-02-30")],
        [("published_until", "20241104")],
        [("published_until", "2024-W45-1")],
        [("published_until", "2024-11-04T09:00:00")],  # no offset
        [("published_until", "2024-11-04T25:00:00Z")],
        [("published_until", "2024-11-04T09:00:00+24:00")],
        [("published_until", "2024-11-04T09:00:00+01:60")],
        [("published_until", "2024-11-04 09:00:00Z")],
        [("q", "a"), ("q", "b")],
        [("from", "2024-11-01")],  # /events only
    ],
)
def test_bad_values_are_refused(pairs: list[tuple[str, str]]) -> None:
    found = parse(pairs)
    assert isinstance(found, list)
    assert [e.parameter for e in found] == [pairs[0][0]]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # A date is the whole local day: midnight to midnight in British Summer Time.
        (
            "2024-07-01",
            datetime(2024, 6, 30, 23, tzinfo=UTC),
            datetime(2024, 7, 1, 23, tzinfo=UTC),
        ),
        (
            "2024-11-04T09:00:00Z",
            datetime(2024, 11, 4, 9, tzinfo=UTC),
            datetime(2024, 11, 4, 9, 0, 0, 1, tzinfo=UTC),
        ),
        (
            "2024-11-04t10:00:00.5+01:00",
            datetime(2024, 11, 4, 9, 0, 0, 500000, tzinfo=UTC),
            datetime(2024, 11, 4, 9, 0, 0, 500001, tzinfo=UTC),
        ),
        (
            "2016-12-31T23:59:60z",  # a leap second counts as the second before it
            datetime(2016, 12, 31, 23, 59, 59, tzinfo=UTC),
            datetime(2016, 12, 31, 23, 59, 59, 1, tzinfo=UTC),
        ),
    ],
)
def test_dates_and_date_times(text: str, start: datetime, end: datetime) -> None:
    found = parse([("published_since", text), ("published_until", text)])
    assert isinstance(found, Query)
    assert (found.published_since, found.published_before) == (micros(start), micros(end))


def test_extreme_dates_do_not_overflow() -> None:
    found = parse(
        [("published_since", "0001-01-01T00:00:00+23:59"), ("published_until", "9999-12-31")]
    )
    assert isinstance(found, Query)
    assert found.published_before == FAR_FUTURE
    low = parse([("published_since", "0001-01-01")])
    assert isinstance(low, Query)
    assert low.published_since == day_start(date(1, 1, 1), LONDON)


def test_open_and_upcoming_make_the_query_depend_on_the_day() -> None:
    assert parse([("open", "true")]) == Query(open=True, today=TODAY, canonical=(("open", "true"),))
    found = parse([("upcoming", "false"), ("from", "2024-11-01"), ("to", "2024-11-30")], EVENTS)
    assert isinstance(found, Query)
    assert (found.upcoming, found.today, found.sort) == (False, TODAY, "event.start")
    assert (found.window_start, found.window_end) == (
        day_start(date(2024, 11, 1), LONDON),
        day_start(date(2024, 12, 1), LONDON),
    )
    assert parse([("q", "cyber")]) == Query(words=("cyber",), canonical=(("q", "cyber"),))


def test_editions_take_only_paging() -> None:
    assert parse([("limit", "2"), ("offset", "1")], EDITIONS) == Query(
        limit=2, offset=1, canonical=(("limit", "2"), ("offset", "1"))
    )
    found = parse([("section", "news")], EDITIONS)
    assert found == [Invalid("section", "unknown parameter; this resource takes limit, offset")]


def test_whitespace_only_q_matches_everything() -> None:
    assert parse([("q", "   ")]) == Query(canonical=(("q", "   "),))


@given(
    st.lists(
        st.tuples(
            st.sampled_from([*(p.name for p in EVENTS.params), "x", ""]),
            st.text(max_size=40) | st.sampled_from(["2024-11-04", "true", "5", "events", "-title"]),
        ),
        max_size=6,
    )
)
def test_any_pairs_give_a_query_or_named_errors(pairs: list[tuple[str, str]]) -> None:
    found = parse(pairs, EVENTS)
    if isinstance(found, list):
        assert found
        assert {e.parameter for e in found} <= {name for name, _ in pairs}
    else:
        assert 1 <= found.limit <= 100
        assert found.offset >= 0
