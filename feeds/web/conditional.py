"""Conditional requests (RFC 9110 section 13): If-None-Match and If-Modified-Since.

Pure functions over header values. If-None-Match uses weak comparison, because a
CDN that compresses turns strong ETags weak (`W/"..."`); it accepts lists and
`*`, and when present it decides alone: If-Modified-Since is then ignored.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from email.utils import parsedate_to_datetime

__all__ = ["etag_matches", "is_not_modified", "modified_since"]


def _opaque(tag: str) -> str:
    tag = tag.strip()
    return tag[2:] if tag.startswith(("W/", "w/")) else tag


def etag_matches(if_none_match: str, etags: Iterable[str]) -> bool:
    """True when the header names any of `etags`, by weak comparison, or is `*`."""
    wanted = {_opaque(tag) for tag in if_none_match.split(",")}
    if "*" in wanted:
        return True
    return any(_opaque(etag) in wanted for etag in etags)


def modified_since(if_modified_since: str, modified: datetime) -> bool:
    """False when the resource has not changed since the given date; True if unparseable."""
    try:
        since = parsedate_to_datetime(if_modified_since)
    except (TypeError, ValueError, IndexError):
        return True
    if since.tzinfo is None:
        return True  # RFC 9110 dates are GMT; a date without a zone is not one of ours
    return modified.replace(microsecond=0) > since


def is_not_modified(
    if_none_match: str | None,
    if_modified_since: str | None,
    etags: Iterable[str],
    modified: datetime,
) -> bool:
    """Whether a GET or HEAD with these headers gets 304 Not Modified."""
    if if_none_match is not None:
        return etag_matches(if_none_match, etags)
    if if_modified_since is not None:
        return not modified_since(if_modified_since, modified)
    return False
