"""The plain-text rules: control characters, the summary rule, weekdays beside dates."""

from __future__ import annotations

from datetime import date

import pytest

from feeds.content.text import (
    SUMMARY_LIMIT,
    WeekdayMismatch,
    derive_summary,
    strip_control,
    weekday_mismatches,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("plain text", ("plain text", 0)),
        ("tab\tnewline\ncarriage\r return", ("tab\tnewline\ncarriage\r return", 0)),
        ("bell\x07 nul\x00 escape\x1b", ("bell nul escape", 3)),
        ("vertical\x0b form\x0c feed", ("vertical form feed", 2)),
        ("del\x7f c1\x80\x85\x9f", ("del c1", 4)),
        ("non-characters \ufffe\uffff", ("non-characters ", 2)),
        ("surrogate \ud800", ("surrogate ", 1)),
        ("curly ‘quotes’ – dash … £ é 日本", ("curly ‘quotes’ – dash … £ é 日本", 0)),
    ],
)
def test_strip_control_removes_what_xml_cannot_carry(value, expected):
    assert strip_control(value) == expected


def test_the_summary_is_the_first_paragraph():
    body = "First paragraph\nover two lines.\n\nSecond paragraph."
    assert derive_summary(body, "Title") == "First paragraph over two lines."


def test_blank_leading_paragraphs_are_skipped():
    assert derive_summary("\n\n   \n\nThe words.\n\nMore.", "Title") == "The words."


@pytest.mark.parametrize("body", ["", "   ", "\n\n"])
def test_a_title_only_item_is_summarised_by_its_title(body):
    assert derive_summary(body, "Invest 2035: Industrial Strategy Green Paper") == (
        "Invest 2035: Industrial Strategy Green Paper"
    )


def test_a_first_paragraph_of_exactly_300_characters_is_kept_whole():
    body = ("abcd " * 60).strip() + "z"  # 300 characters
    assert (len(body), derive_summary(body, "T")) == (300, body)


def test_a_long_paragraph_is_cut_on_a_word_boundary_with_an_ellipsis():
    words = " ".join(f"word{n:03d}" for n in range(60))  # 7 + 1 characters a word
    summary = derive_summary(words, "T")
    # 37 whole words are 295 characters; the 38th would pass 299 before the ellipsis
    assert summary == " ".join(f"word{n:03d}" for n in range(37)) + "…"
    assert len(summary) == 296 <= SUMMARY_LIMIT


def test_the_cut_drops_trailing_punctuation_before_the_ellipsis():
    body = "x" * 290 + ", " + "y" * 20
    assert derive_summary(body, "T") == "x" * 290 + "…"


def test_a_single_word_longer_than_the_limit_is_cut_inside_it():
    summary = derive_summary("a" * 400, "T")
    assert summary == "a" * 299 + "…"
    assert len(summary) == SUMMARY_LIMIT


NOV_2024 = date(2024, 11, 4)


def test_a_weekday_contradicting_its_date_is_found():
    text = "On Thursday 30 October, Chancellor Rachel Reeves MP delivered the Budget."
    assert list(weekday_mismatches(text, NOV_2024)) == [
        WeekdayMismatch("Thursday 30 October", "Wednesday", 2024, 3)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Thursday 7 November",
        "Monday, December 2nd, 2024",
        "Thursday, 14 November 2024",
        "Thursday 21 November, 9:30-11am",
        "Friday 8th November",
        "thursday 30 october",  # not capitalised: not read as a weekday and date
        "Tuesday 31 June",  # no such date in any year: not a weekday question
        "Thursday the 30th of October",  # a phrasing the rule does not read
    ],
)
def test_correct_or_unreadable_weekdays_give_nothing(text):
    assert list(weekday_mismatches(text, NOV_2024)) == []


@pytest.mark.parametrize(
    ("text", "near", "expected"),
    [
        # December near a January edition is last year's December.
        ("Friday 27 December", date(2025, 1, 6), []),
        ("Saturday 27 December", date(2025, 1, 6), [("Friday", 2024)]),
        # January near a December edition is next year's January.
        ("Wednesday 1 January", date(2024, 12, 2), []),
        ("Monday 1 January", date(2024, 12, 2), [("Wednesday", 2025)]),
        # An explicit year wins over nearness.
        ("Monday 27 December 2021", NOV_2024, []),
        ("Monday 27 December 2024", NOV_2024, [("Friday", 2024)]),
        ("Thursday 29 February", NOV_2024, []),
        ("Thursday 29 February 2023", NOV_2024, []),  # no such day: nothing to say
    ],
)
def test_the_year_is_inferred_near_publication_unless_given(text, near, expected):
    found = [(m.actual, m.year) for m in weekday_mismatches(text, near)]
    assert found == expected


def test_every_mismatch_in_a_text_is_found_with_its_offset():
    text = "Tuesday 5 November and Friday 7 November, then Monday, November 10th."
    assert list(weekday_mismatches(text, NOV_2024)) == [
        WeekdayMismatch("Friday 7 November", "Thursday", 2024, text.index("Friday")),
        WeekdayMismatch("Monday, November 10th", "Sunday", 2024, text.index("Monday")),
    ]
