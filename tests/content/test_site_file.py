"""Rules of site.yaml, and of links (footer links and items' call-to-action links)."""

from __future__ import annotations

import pytest

from feeds.content.site_file import url_problem

NOT_PUBLISHABLE_1 = "content: not publishable; 1 error, 0 warnings"

SITE_LINES = [
    "title: Test Bulletin",
    "description: A bulletin for tests.",
    "base_url: https://bulletin.example.org",
    "language: en-GB",
    "timezone: Europe/London",
    "publisher: Test Publisher",
    "contact: team@example.org",
    "sections:",
    "  - {slug: news, title: News}",
    "  - {slug: events, title: Events}",
]


def site_with(line: int, text: str | None) -> str:
    """site.yaml with one line replaced (or removed when text is None)."""
    lines = list(SITE_LINES)
    if text is None:
        del lines[line - 1]
    else:
        lines[line - 1] = text
    return "\n".join(lines) + "\n"


def test_a_missing_site_yaml_is_an_error(write_content, validate):
    root = write_content({}, site=None)
    result = validate(root)
    assert (result.exit_code, result.problems, result.summary) == (
        1,
        ["content/site.yaml:1: error: site.yaml is missing"],
        NOT_PUBLISHABLE_1,
    )


def test_an_empty_site_yaml_is_an_error(write_content, validate):
    root = write_content({}, site="# nothing yet\n")
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        1,
        ["content/site.yaml:1: error: site.yaml is empty"],
    )


@pytest.mark.parametrize(
    "value", ["bulletin.example.org", "ftp://bulletin.example.org", "https://", "/bulletin"]
)
def test_base_url_must_be_an_absolute_http_url(write_content, validate, value):
    root = write_content({}, site=site_with(3, f"base_url: {value}"))
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        1,
        [f"content/site.yaml:3: error: base_url must be an absolute http(s) URL, not {value!r}"],
    )


def test_an_unknown_timezone_is_an_error(write_content, validate):
    root = write_content({}, site=site_with(5, "timezone: Europe/Londn"))
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        1,
        ["content/site.yaml:5: error: unknown timezone 'Europe/Londn' (e.g. Europe/London)"],
    )


@pytest.mark.parametrize("value", ["team at example.org", "team@", "@example.org", "team@example"])
def test_contact_must_be_an_email_address(write_content, validate, value):
    root = write_content({}, site=site_with(7, f"contact: '{value}'"))
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        1,
        [f"content/site.yaml:7: error: contact must be an email address, not {value!r}"],
    )


def test_a_missing_site_field_is_an_error_at_line_1(write_content, validate):
    root = write_content({}, site=site_with(4, None))
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        1,
        ["content/site.yaml:1: error: site: missing field 'language'"],
    )


def test_description_and_links_are_optional(write_content, validate):
    root = write_content({}, site=site_with(2, None))
    result = validate(root)
    assert (result.exit_code, result.problems, result.summary) == (
        0,
        [],
        "content: 0 editions, 0 items; 0 errors, 0 warnings",
    )


def test_an_unknown_site_field_is_an_error_at_its_key(write_content, validate):
    root = write_content({}, site=site_with(6, "publsher: Test Publisher"))
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        1,
        [
            "content/site.yaml:1: error: site: missing field 'publisher'",
            "content/site.yaml:6: error: site: unknown field 'publsher' (allowed: base_url, "
            "contact, description, language, links, publisher, sections, timezone, title)",
        ],
    )


@pytest.mark.parametrize(("line", "slug"), [(9, "news"), (10, "events")])
def test_the_news_and_events_sections_must_exist(write_content, validate, line, slug):
    root = write_content({}, site=site_with(line, None))
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        1,
        [f"content/site.yaml:9: error: sections: the {slug!r} section must exist"],
    )


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("{slug: all, title: Everything}", "section slug 'all' is reserved for the whole bulletin"),
        (
            "{slug: Big_News, title: Big news}",
            "section slug 'Big_News' must be lower-case [a-z0-9-]",
        ),
        ("{slug: -news, title: Dashes}", "section slug '-news' must be lower-case [a-z0-9-]"),
        ("{slug: news, title: More news}", "section 'news' is defined twice"),
    ],
)
def test_a_bad_section_slug_is_an_error_at_its_line(write_content, validate, entry, message):
    root = write_content({}, site="\n".join([*SITE_LINES, f"  - {entry}"]) + "\n")
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        1,
        [f"content/site.yaml:11: error: {message}"],
    )


def test_a_section_without_a_title_is_an_error(write_content, validate):
    root = write_content({}, site="\n".join([*SITE_LINES, "  - slug: resources"]) + "\n")
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        1,
        ["content/site.yaml:11: error: section: missing field 'title'"],
    )


def test_footer_links_follow_the_link_rules(write_content, validate):
    site = "\n".join(
        [
            *SITE_LINES[:7],
            "links:",
            "  - {title: Hub, url: 'https://www.example.org/hub'}",
            "  - {title: Team, url: 'mailto:team@example.org'}",
            "  - {title: Old hub, url: /hub}",
            *SITE_LINES[7:],
        ]
    )
    root = write_content({}, site=site + "\n")
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        1,
        ["content/site.yaml:11: error: relative URL '/hub': links must be absolute (https://...)"],
    )


EDITION_WITH_LINK = """\
number: 1
title: Edition 1
published: 2024-11-04
intro: Dear colleague
signoff: {name: Ada Example}
items:
  - id: first
    section: news
    title: First
    links:
      - title: Register
        url: 'URL'
"""


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/register", "relative URL '/register': links must be absolute (https://...)"),
        (
            "www.example.org/register",
            "relative URL 'www.example.org/register': links must be absolute (https://...)",
        ),
        (
            "ftp://files.example.org/form.pdf",
            "URL 'ftp://files.example.org/form.pdf': only http, https and mailto links are allowed",
        ),
        (
            "javascript:alert(1)",
            "URL 'javascript:alert(1)': only http, https and mailto links are allowed",
        ),
        (
            "https://www.example.org/sign up",
            "malformed URL 'https://www.example.org/sign up': it contains spaces",
        ),
        (
            "https://www.example.org:99999/",
            "malformed URL 'https://www.example.org:99999/': Port out of range 0-65535",
        ),
        (
            "https://www.example.org:web/",
            "malformed URL 'https://www.example.org:web/': "
            "Port could not be cast to integer value as 'web'",
        ),
        ("https://", "malformed URL 'https://': no host"),
        ("mailto:", "malformed mailto URL 'mailto:': no valid address"),
        ("mailto:team", "malformed mailto URL 'mailto:team': no valid address"),
    ],
)
def test_a_bad_link_url_is_an_error_at_its_line(write_content, validate, url, message):
    root = write_content({"001.yaml": EDITION_WITH_LINK.replace("URL", url)})
    result = validate(root)
    assert (result.exit_code, result.problems, result.summary) == (
        1,
        [f"content/editions/001.yaml:12: error: {message}"],
        NOT_PUBLISHABLE_1,
    )


def test_a_link_without_a_url_is_an_error_at_the_link(write_content, validate):
    root = write_content(
        {"001.yaml": EDITION_WITH_LINK.replace("        url: 'URL'\n", "        href: x\n")}
    )
    result = validate(root)
    assert (result.exit_code, result.problems) == (
        1,
        [
            "content/editions/001.yaml:11: error: link: missing field 'url'",
            "content/editions/001.yaml:12: error: link: unknown field 'href' (allowed: title, url)",
        ],
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://www.local.gov.uk/our-support/cyber-digital-and-technology",
        "http://www.example.org:8080/a?b=c#d",
        "mailto:cyberanddigital@local.gov.uk",
        "  https://www.example.org/  ",
    ],
)
def test_good_urls_have_no_problem(url):
    assert url_problem(url) is None
