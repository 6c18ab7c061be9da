"""Rules checked while reading YAML nodes: syntax, fields, types, dates, empty text."""

from __future__ import annotations

import pytest

from feeds.content import load_content

NOT_PUBLISHABLE_1 = "content: not publishable; 1 error, 0 warnings"


def test_yaml_syntax_error_is_reported_at_its_line(write_content, validate):
    root = write_content(
        {
            "001.yaml": """\
            number: 1
            title: Edition 1: the first
            published: 2024-11-04
            intro: Dear colleague
            signoff: {name: Ada Example}
            items: []
            """
        }
    )
    result = validate(root)
    assert (result.exit_code, result.problems, result.summary, result.stderr) == (
        1,
        [
            "content/editions/001.yaml:2: error: "
            "YAML syntax: mapping values are not allowed in this context"
        ],
        NOT_PUBLISHABLE_1,
        "",
    )


@pytest.mark.parametrize(
    ("value", "detail"),
    [
        ("2024-02-30", "day is out of range for month"),
        ("2023-02-29", "day is out of range for month"),
        ("2024-13-01", "month must be in 1..12"),
    ],
)
def test_a_date_yaml_cannot_build_is_an_error_at_its_line(write_content, validate, value, detail):
    root = write_content(
        {
            "001.yaml": f"""\
            number: 1
            title: Edition 1
            published: {value}
            intro: Dear colleague
            signoff: {{name: Ada Example}}
            items: []
            """
        }
    )
    result = validate(root)
    assert (result.exit_code, result.problems, result.summary) == (
        1,
        [f"content/editions/001.yaml:3: error: published: impossible date '{value}' ({detail})"],
        NOT_PUBLISHABLE_1,
    )


def test_impossible_dates_inside_items_are_errors_at_their_lines(write_content, validate):
    root = write_content(
        {
            "001.yaml": """\
            number: 1
            title: Edition 1
            published: 2024-11-04
            intro: Dear colleague
            signoff: {name: Ada Example}
            items:
              - id: first
                section: events
                title: First
                deadline: 2024-11-31
                event:
                  start: 2024-02-30T09:00:00+00:00
                updated: 2024-11-06T24:30:00+00:00
            """
        }
    )
    result = validate(root)
    assert (result.exit_code, result.problems, result.summary) == (
        1,
        [
            "content/editions/001.yaml:10: error: "
            "deadline: impossible date '2024-11-31' (day is out of range for month)",
            "content/editions/001.yaml:12: error: event start: impossible date "
            "'2024-02-30T09:00:00+00:00' (day is out of range for month)",
            "content/editions/001.yaml:13: error: updated: impossible date "
            "'2024-11-06T24:30:00+00:00' (hour must be in 0..23)",
        ],
        "content: not publishable; 3 errors, 0 warnings",
    )


def test_a_missing_field_is_an_error_at_its_mapping(write_content, validate):
    root = write_content(
        {
            "001.yaml": """\
            number: 1
            published: 2024-11-04
            intro: Dear colleague
            signoff: {name: Ada Example}
            items:
              - id: first
                title: First
            """
        }
    )
    result = validate(root)
    assert (result.exit_code, result.problems, result.summary) == (
        1,
        [
            "content/editions/001.yaml:1: error: edition: missing field 'title'",
            "content/editions/001.yaml:6: error: item: missing field 'section'",
        ],
        "content: not publishable; 2 errors, 0 warnings",
    )


def test_an_unknown_field_is_an_error_at_its_key(write_content, validate):
    root = write_content(
        {
            "001.yaml": """\
            number: 1
            title: Edition 1
            published: 2024-11-04
            intro: Dear colleague
            signoff: {name: Ada Example}
            items:
              - id: first
                section: news
                title: First
                sumary: A typo must not vanish.
            """
        }
    )
    result = validate(root)
    assert (result.exit_code, result.problems, result.summary) == (
        1,
        [
            "content/editions/001.yaml:10: error: item: unknown field 'sumary' (allowed: body, "
            "deadline, event, id, links, section, summary, tags, title, updated)"
        ],
        NOT_PUBLISHABLE_1,
    )


def test_a_field_given_twice_is_an_error_at_the_second_key(write_content, validate):
    root = write_content(
        {
            "001.yaml": """\
            number: 1
            title: Edition 1
            published: 2024-11-04
            intro: Dear colleague
            signoff: {name: Ada Example}
            items:
              - id: first
                section: news
                title: First
                title: Second
            """
        }
    )
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        1,
        ["content/editions/001.yaml:10: error: item: field 'title' is given twice"],
    )


@pytest.mark.parametrize(
    ("line", "field", "message"),
    [
        (9, "title: [a, b]", "item title must be text, not a list"),
        (9, "title: {a: b}", "item title must be text, not a mapping"),
        (
            10,
            "links: {title: Register, url: 'https://example.org/'}",
            "links must be a list, not a mapping",
        ),
        (10, "tags: data", "tags must be a list, not 'data'"),
        (10, "event: [2024-11-07]", "event must be a mapping of fields, not a list"),
        (
            10,
            "event: {start: 2024-11-07, online: maybe}",
            "event online must be true or false, not 'maybe'",
        ),
    ],
)
def test_a_wrong_type_in_an_item_is_an_error_at_its_value(
    write_content, validate, line, field, message
):
    lines = ["id: first", "section: news", "title: First"]
    if field.startswith("title:"):
        lines[2] = field
    else:
        lines.append(field)
    item = "\n".join("    " + text for text in lines).replace("    id:", "  - id:", 1)
    root = write_content(
        {
            "001.yaml": "number: 1\ntitle: Edition 1\npublished: 2024-11-04\n"
            "intro: Dear colleague\nsignoff: {name: Ada Example}\nitems:\n" + item + "\n"
        }
    )
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        1,
        [f"content/editions/001.yaml:{line}: error: {message}"],
    )


@pytest.mark.parametrize(
    ("line", "text", "message"),
    [
        (1, "number: one", "number must be a whole number, not 'one'"),
        (1, "number: 1.5", "number must be a whole number, not '1.5'"),
        (1, "number: 0", "number must be 1 or more, not 0"),
        (5, "signoff: Ada Example", "signoff must be a mapping of fields, not 'Ada Example'"),
        (6, "items: {id: first}", "items must be a list, not a mapping"),
        (6, "items: first", "items must be a list, not 'first'"),
    ],
)
def test_a_wrong_type_in_an_edition_is_an_error_at_its_value(
    write_content, validate, line, text, message
):
    fields = [
        "number: 1",
        "title: Edition 1",
        "published: 2024-11-04",
        "intro: Dear colleague",
        "signoff: {name: Ada Example}",
        "items: []",
    ]
    fields[line - 1] = text
    root = write_content({"001.yaml": "\n".join(fields) + "\n"})
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        1,
        [f"content/editions/001.yaml:{line}: error: {message}"],
    )


def test_a_root_that_is_not_a_mapping_is_an_error(write_content, validate):
    root = write_content({"001.yaml": "- number: 1\n- title: Edition 1\n"})
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        1,
        ["content/editions/001.yaml:1: error: edition must be a mapping of fields, not a list"],
    )


@pytest.mark.parametrize(
    ("line", "text", "message"),
    [
        (
            3,
            "published: 2024-11-04T09:00:00",
            "published: date-time '2024-11-04T09:00:00' has no UTC offset (add e.g. +00:00)",
        ),
        (
            11,
            "      start: 2024-11-07T09:30",
            "event start: date-time '2024-11-07T09:30' has no UTC offset (add e.g. +00:00)",
        ),
        (
            12,
            "      end: 2024-11-07 10:30:00",
            "event end: date-time '2024-11-07 10:30:00' has no UTC offset (add e.g. +00:00)",
        ),
    ],
)
def test_a_date_time_without_an_offset_is_an_error(write_content, validate, line, text, message):
    lines = [
        "number: 1",
        "title: Edition 1",
        "published: 2024-11-04",
        "intro: Dear colleague",
        "signoff: {name: Ada Example}",
        "items:",
        "  - id: first",
        "    section: events",
        "    title: First",
        "    event:",
        "      start: 2024-11-07T09:30:00+00:00",
        "      end: 2024-11-07T10:30:00+00:00",
    ]
    lines[line - 1] = text
    root = write_content({"001.yaml": "\n".join(lines) + "\n"})
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        1,
        [f"content/editions/001.yaml:{line}: error: {message}"],
    )


def test_a_date_in_another_format_is_an_error(write_content, validate):
    root = write_content(
        {
            "001.yaml": """\
            number: 1
            title: Edition 1
            published: 4 November 2024
            intro: Dear colleague
            signoff: {name: Ada Example}
            items: []
            """
        }
    )
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        1,
        [
            "content/editions/001.yaml:3: error: published: "
            "'4 November 2024' is not a date (YYYY-MM-DD) or ISO 8601 date-time"
        ],
    )


def test_a_deadline_must_be_a_date_not_a_date_time(write_content, validate):
    root = write_content(
        {
            "001.yaml": """\
            number: 1
            title: Edition 1
            published: 2024-11-04
            intro: Dear colleague
            signoff: {name: Ada Example}
            items:
              - id: first
                section: news
                title: First
                deadline: 2024-11-20T17:00:00+00:00
            """
        }
    )
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        1,
        [
            "content/editions/001.yaml:10: error: "
            "deadline must be a date (YYYY-MM-DD), not a date-time"
        ],
    )


@pytest.mark.parametrize(
    ("line", "text", "message"),
    [
        (9, "    title: ''", "item title is empty"),
        (9, "    title: '   '", "item title is empty"),
        (9, "    title:", "item: field 'title' is empty"),
        (2, "title: ''", "title is empty"),
    ],
)
def test_an_empty_title_is_an_error(write_content, validate, line, text, message):
    lines = [
        "number: 1",
        "title: Edition 1",
        "published: 2024-11-04",
        "intro: Dear colleague",
        "signoff: {name: Ada Example}",
        "items:",
        "  - id: first",
        "    section: news",
        "    title: First",
    ]
    lines[line - 1] = text
    root = write_content({"001.yaml": "\n".join(lines) + "\n"})
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        1,
        [f"content/editions/001.yaml:{line}: error: {message}"],
    )


def test_escaped_control_characters_are_a_warning_and_removed(write_content, validate):
    root = write_content(
        {
            "001.yaml": r"""
            number: 1
            title: "Edition\x00 1"
            published: 2024-11-04
            intro: Dear colleague
            signoff: {name: Ada Example}
            items:
              - id: first
                section: news
                title: "Fi\x07rst\e"
                summary: "A bell\a, a form feed\f and a tab\t stay apart."
            """.lstrip("\n")
        }
    )
    result = validate(root)
    assert (result.exit_code, result.problems, result.summary) == (
        0,
        [
            "content/editions/001.yaml:2: warning: title: removed 1 control character(s)",
            "content/editions/001.yaml:9: warning: item title: removed 2 control character(s)",
            "content/editions/001.yaml:10: warning: summary: removed 2 control character(s)",
        ],
        "content: 1 edition, 1 item; 0 errors, 3 warnings",
    )
    site = load_content(root).site
    assert site is not None
    item = site.items_by_id["first"]
    assert (site.editions[0].title, item.title, item.summary) == (
        "Edition 1",
        "First",
        "A bell, a form feed and a tab\t stay apart.",
    )
