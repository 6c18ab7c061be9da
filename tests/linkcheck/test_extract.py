"""Extraction: every outbound URL once, with every place it appears."""

from __future__ import annotations

import pytest

from feeds.content import load_site
from feeds.linkcheck.extract import Occurrence, Target, extract, normalise

SITE = """\
title: Test Bulletin
description: A bulletin for tests.
base_url: https://bulletin.example.org
language: en-GB
timezone: Europe/London
publisher: Test Publisher
contact: team@example.org
links:
  - {title: Hub, url: "HTTPS://WWW.Example.ORG:443/hub#top"}
  - {title: Team, url: "mailto:Team@Example.ORG"}
sections:
  - {slug: news, title: News}
  - {slug: events, title: Events}
"""

EDITION_2 = """\
number: 2
title: Edition 2
published: 2024-11-04
intro: |
  Dear colleague. See [the hub](https://www.example.org/hub) and [our page](/about).
signoff: {name: Ada, email: ada@Example.org}
items:
  - id: second
    section: news
    title: Second
    body: |
      Read [the report](http://www.example.org:80/report?year=2024#summary), an
      ![chart](https://img.example.org/chart.png), [a section](#below) and
      [the report again](http://www.example.org/report?year=2024).
      Write to [us](mailto:one@example.org,two@example.org?subject=Hello).
    links:
      - {title: Register, url: "https://www.example.org/hub"}
"""

EDITION_1 = """\
number: 1
title: Edition 1
published: 2024-10-07
intro: Dear colleague.
signoff: {name: Ada, email: ada@example.org}
items:
  - id: first
    section: news
    title: First
    body: A [report](http://www.example.org/report?year=2024).
"""


def test_extract_deduplicates_and_lists_every_place(write_content) -> None:
    site = load_site(write_content({"001.yaml": EDITION_1, "002.yaml": EDITION_2}, site=SITE))

    targets = extract(site)

    assert targets == (
        Target(
            "https://www.example.org/hub",
            (
                Occurrence(2, None, "intro"),
                Occurrence(2, "second", "links"),
                Occurrence(None, None, "site"),
            ),
        ),
        Target("https://bulletin.example.org/about", (Occurrence(2, None, "intro"),)),
        Target(
            "http://www.example.org/report?year=2024",
            (Occurrence(2, "second", "body"), Occurrence(1, "first", "body")),
        ),
        Target("https://img.example.org/chart.png", (Occurrence(2, "second", "body"),)),
        Target("mailto:one@example.org", (Occurrence(2, "second", "body"),)),
        Target("mailto:two@example.org", (Occurrence(2, "second", "body"),)),
        Target(
            "mailto:ada@example.org",
            (Occurrence(2, None, "signoff"), Occurrence(1, None, "signoff")),
        ),
        Target("mailto:Team@example.org", (Occurrence(None, None, "site"),)),
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HTTP://Example.ORG", "http://example.org/"),
        ("https://example.org:443/a#frag", "https://example.org/a"),
        ("http://example.org:8080/a?b=1#c", "http://example.org:8080/a?b=1"),
        ("https://user@Example.org/", "https://user@example.org/"),
        ("http://[2001:DB8::1]:80/x", "http://[2001:db8::1]/x"),
        ("  https://example.org/a b  ", "https://example.org/a b"),
        ("http://example.org:99999/", "http://example.org:99999/"),
        ("MAILTO:Someone@Example.ORG", "mailto:Someone@example.org"),
        ("ftp://Files.example.org/x", "ftp://files.example.org/x"),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_target_scheme_and_host() -> None:
    assert (
        Target("https://example.org/x", ()).scheme,
        Target("https://example.org/x", ()).host,
    ) == (
        "https",
        "example.org",
    )
    assert Target("mailto:a@example.org", ()).host == "example.org"
    assert Target("mailto:nobody", ()).host == ""
    assert Target("http://[::1/", ()).host == ""


def test_occurrence_as_dict() -> None:
    assert Occurrence(25, "an-item", "links").as_dict() == {
        "edition": 25,
        "item": "an-item",
        "field": "links",
    }
