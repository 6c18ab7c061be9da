"""Extraction: every outbound URL of a site, deduplicated, with every place it appears.

Takes a `Site`; gives `Target`s in the order an editor meets them (newest edition
first, the intro, then the items in bulletin order, then the sign-off, and the
site's own links last). Pure: no I/O. Bodies are read from the sanitised HTML, so
what readers see is what gets checked. URLs are normalised so each is requested
once however often it is cited: fragment dropped, scheme and host lower-cased,
default port dropped, an empty path made `/`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Literal
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

from feeds.models import Site

__all__ = ["Field", "Occurrence", "Target", "extract", "normalise"]

Field = Literal["body", "links", "intro", "signoff", "site"]

_DEFAULT_PORTS = {"http": 80, "https": 443}
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*")


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One place a URL appears: an edition (None for site links), an item, a field."""

    edition: int | None
    item: str | None
    field: Field

    def as_dict(self) -> dict[str, int | str | None]:
        """The occurrence as it appears in the JSON report."""
        return {"edition": self.edition, "item": self.item, "field": self.field}


@dataclass(frozen=True, slots=True)
class Target:
    """A distinct URL to check and every place it appears."""

    url: str
    occurrences: tuple[Occurrence, ...]

    @property
    def scheme(self) -> str:
        """The URL scheme, lower-case (`http`, `https`, `mailto`, ...); '' for none."""
        head, colon, _ = self.url.partition(":")
        return head if colon and _SCHEME.fullmatch(head) else ""

    @property
    def host(self) -> str:
        """The host name, or the domain of a mail address; '' when there is none."""
        if self.scheme == "mailto":
            return self.url.rpartition("@")[2] if "@" in self.url else ""
        try:
            return urlsplit(self.url).hostname or ""
        except ValueError:
            return ""


def normalise(url: str) -> str:
    """The URL in the form used to deduplicate; unparseable URLs come back unchanged."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme == "mailto":
        return "mailto:" + _mail_address(unquote(parts.path))
    if not parts.netloc:
        return urlunsplit((scheme, "", parts.path, parts.query, ""))
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    userinfo = parts.netloc.rpartition("@")[0]
    netloc = (userinfo + "@" if userinfo else "") + host
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        netloc += f":{port}"
    path = parts.path or ("/" if scheme in _DEFAULT_PORTS else "")
    return urlunsplit((scheme, netloc, path, parts.query, ""))


def _mail_address(address: str) -> str:
    local, at, domain = address.strip().rpartition("@")
    return f"{local}@{domain.lower()}" if at else address.strip()


def extract(site: Site) -> tuple[Target, ...]:
    """Every distinct outbound URL of the site, with all its occurrences."""
    found: dict[str, dict[Occurrence, None]] = {}
    base = site.base_url.rstrip("/") + "/"
    for raw, occurrence in _walk(site):
        for url in _expand(raw, base):
            found.setdefault(url, {})[occurrence] = None
    return tuple(Target(url, tuple(places)) for url, places in found.items())


def _walk(site: Site) -> Iterator[tuple[str, Occurrence]]:
    for edition in site.editions:
        number = edition.number
        for href in _hrefs(edition.intro_html):
            yield href, Occurrence(number, None, "intro")
        for item in edition.items:
            for href in _hrefs(item.body_html):
                yield href, Occurrence(number, item.id, "body")
            for link in item.links:
                yield link.url, Occurrence(number, item.id, "links")
        if edition.signoff.email:
            yield "mailto:" + edition.signoff.email, Occurrence(number, None, "signoff")
    for link in site.links:
        yield link.url, Occurrence(None, None, "site")


def _expand(raw: str, base: str) -> list[str]:
    """The normalised URLs behind one href: relative ones resolved, mailto lists split."""
    raw = raw.strip()
    if not raw or raw.startswith("#"):
        return []  # a link within the page is not an outbound link
    if raw[:7].lower() == "mailto:":
        addresses = unquote(raw[7:].partition("?")[0]).split(",")
        return [normalise("mailto:" + a.strip()) for a in addresses if a.strip()]
    if not urlsplit(raw).scheme:
        raw = urljoin(base, raw)
    return [normalise(raw)]


class _Hrefs(HTMLParser):
    """Collects link targets (`a href`) and image sources (`img src`) in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"a": "href", "img": "src"}.get(tag)
        if wanted is None:
            return
        for name, value in attrs:
            if name == wanted and value:
                self.found.append(value)


def _hrefs(html: str) -> list[str]:
    if "href" not in html and "src" not in html:
        return []
    parser = _Hrefs()
    parser.feed(html)
    parser.close()
    return parser.found
