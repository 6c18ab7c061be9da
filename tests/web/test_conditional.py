"""If-None-Match and If-Modified-Since, as RFC 9110 section 13 decides them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from feeds.web.conditional import etag_matches, is_not_modified, modified_since

ETAG = '"abc"'
MODIFIED = datetime(2024, 11, 4, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ('"abc"', True),
        ('W/"abc"', True),  # weak comparison: a CDN that compresses makes ETags weak
        ('"x", W/"abc"', True),
        ('"x",W/"y"', False),
        ("*", True),
        ('"ABC"', False),
        ("", False),
    ],
)
def test_if_none_match_uses_weak_comparison_lists_and_star(header: str, expected: bool) -> None:
    assert etag_matches(header, [ETAG]) is expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Mon, 04 Nov 2024 09:00:00 GMT", False),  # the same second: not modified
        ("Mon, 04 Nov 2024 10:00:00 GMT", False),
        ("Mon, 04 Nov 2024 08:59:59 GMT", True),
        ("not a date", True),  # unparseable: send the resource
        ("Mon, 04 Nov 2024 09:00:00", True),  # no zone: not an HTTP date
    ],
)
def test_if_modified_since(header: str, expected: bool) -> None:
    assert modified_since(header, MODIFIED) is expected


def test_if_none_match_wins_over_if_modified_since() -> None:
    later = "Tue, 05 Nov 2024 09:00:00 GMT"
    assert is_not_modified('"other"', later, [ETAG], MODIFIED) is False
    assert is_not_modified(None, later, [ETAG], MODIFIED) is True
    assert is_not_modified(None, None, [ETAG], MODIFIED) is False
