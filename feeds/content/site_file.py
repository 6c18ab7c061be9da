"""Reading `site.yaml`: the site's title, URL, timezone, footer links and sections.

Takes the node tree of site.yaml; gives a `SiteHeader` (everything of a `Site` but
its editions) or None, with a problem for every bad field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from feeds.content.nodes import NodeReader
from feeds.models import Link, Section

__all__ = [
    "FALLBACK",
    "REQUIRED_SECTIONS",
    "RESERVED_SLUGS",
    "SLUG",
    "SiteHeader",
    "read_links",
    "read_site",
    "url_problem",
]

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
RESERVED_SLUGS = frozenset({"all"})
REQUIRED_SECTIONS = ("news", "events")
_SPACE = re.compile(r"\s")
_PLAIN_WEB_URL = re.compile(r"https?://[A-Za-z0-9][A-Za-z0-9.-]*(?:[/?#][^\s]*)?")
_EMAIL = re.compile(
    r"[^@\s<>()\[\]:;,\"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+"
)


@dataclass(frozen=True, slots=True)
class SiteHeader:
    """What site.yaml says: everything about the site except its editions."""

    title: str
    description: str
    base_url: str
    language: str
    timezone: str
    publisher: str
    contact: str
    links: tuple[Link, ...]
    sections: tuple[Section, ...]


# Stand-ins for values site.yaml got wrong: editions are still checked against them,
# so one mistake in site.yaml does not hide every mistake in the editions.
FALLBACK_BASE_URL = "https://invalid.invalid"
FALLBACK_TIMEZONE = "UTC"
FALLBACK = SiteHeader("", "", FALLBACK_BASE_URL, "", FALLBACK_TIMEZONE, "", "", (), ())


def read_site(root: yaml.Node, reader: NodeReader) -> SiteHeader | None:
    """What site.yaml says, with stand-ins for bad values; None when it is not a mapping.

    Whether it is publishable is decided by the errors recorded, not by the result.
    """
    f = reader.fields(
        root,
        "site",
        required=("title", "base_url", "language", "timezone", "publisher", "contact", "sections"),
        optional=("description", "links"),
    )
    if f is None:
        return None
    text = {
        key: reader.text(f[key], key) or ""
        for key in ("title", "language", "publisher", "contact", "base_url", "timezone")
        if key in f
    }
    description = ""
    if "description" in f:
        description = reader.text(f["description"], "description", allow_empty=True) or ""
    base_url = text.get("base_url", "")
    parts = urlsplit(base_url)
    if base_url and (parts.scheme not in ("http", "https") or not parts.hostname):
        reader.error(f["base_url"], f"base_url must be an absolute http(s) URL, not {base_url!r}")
        base_url = FALLBACK_BASE_URL
    timezone = text.get("timezone", "")
    if timezone:
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            reader.error(f["timezone"], f"unknown timezone {timezone!r} (e.g. Europe/London)")
            timezone = FALLBACK_TIMEZONE
    contact = text.get("contact", "")
    if contact and not _EMAIL.fullmatch(contact):
        reader.error(f["contact"], f"contact must be an email address, not {contact!r}")
    links = read_links(f["links"], reader, "links") if "links" in f else ()
    sections = _read_sections(f["sections"], reader) if "sections" in f else ()
    return SiteHeader(
        title=text.get("title", ""),
        description=description,
        base_url=(base_url or FALLBACK_BASE_URL).rstrip("/"),
        language=text.get("language", ""),
        timezone=timezone or FALLBACK_TIMEZONE,
        publisher=text.get("publisher", ""),
        contact=contact,
        links=links,
        sections=sections,
    )


def _read_sections(node: yaml.Node, reader: NodeReader) -> tuple[Section, ...]:
    sections: list[Section] = []
    seen: set[str] = set()
    for entry in reader.sequence(node, "sections"):
        f = reader.fields(entry, "section", required=("slug", "title"), optional=("description",))
        if f is None or "slug" not in f:
            continue
        slug = reader.text(f["slug"], "section slug")
        title = reader.text(f["title"], "section title") if "title" in f else None
        description = ""
        if "description" in f:
            description = reader.text(f["description"], "description", allow_empty=True) or ""
        if slug is None:
            continue
        if not SLUG.fullmatch(slug):
            reader.error(f["slug"], f"section slug {slug!r} must be lower-case [a-z0-9-]")
        elif slug in RESERVED_SLUGS:
            reader.error(f["slug"], f"section slug {slug!r} is reserved for the whole bulletin")
        elif slug in seen:
            reader.error(f["slug"], f"section {slug!r} is defined twice")
        elif title is not None:
            sections.append(Section(slug, title, description))
        seen.add(slug)
    for slug in REQUIRED_SECTIONS:
        if slug not in seen:
            reader.error(node, f"sections: the {slug!r} section must exist")
    return tuple(sections)


def read_links(node: yaml.Node, reader: NodeReader, what: str) -> tuple[Link, ...]:
    """A list of {title, url} links; each URL must be absolute http(s) or mailto."""
    links: list[Link] = []
    for entry in reader.sequence(node, what):
        f = reader.fields(entry, "link", required=("title", "url"))
        if f is None or "title" not in f or "url" not in f:
            continue
        title = reader.text(f["title"], "link title")
        url = reader.text(f["url"], "link url")
        if url is None or title is None:
            continue
        problem = url_problem(url)
        if problem:
            reader.error(f["url"], problem)
        else:
            links.append(Link(title, url.strip()))
    return tuple(links)


def url_problem(url: str) -> str | None:
    """Why a call-to-action URL is unusable, or None when it is fine."""
    url = url.strip()
    if _PLAIN_WEB_URL.fullmatch(url):
        return None  # the common case, without urlsplit's cost
    if _SPACE.search(url):
        return f"malformed URL {url!r}: it contains spaces"
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError for a port out of range or not a number
    except ValueError as exc:
        return f"malformed URL {url!r}: {exc}"
    if not parts.scheme:
        return f"relative URL {url!r}: links must be absolute (https://...)"
    if parts.scheme == "mailto":
        if not _EMAIL.fullmatch(parts.path):
            return f"malformed mailto URL {url!r}: no valid address"
        return None
    if parts.scheme not in ("http", "https"):
        return f"URL {url!r}: only http, https and mailto links are allowed"
    if not parts.hostname or port == 0:
        return f"malformed URL {url!r}: no host"
    return None
