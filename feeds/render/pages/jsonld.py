"""schema.org descriptions of pages, as JSON-LD-ready dictionaries.

Takes the model; gives plain dictionaries (`NewsArticle`, `Event`, `WebSite`,
`WebPage`) that `markup.json_ld` writes into a page. Every URL is absolute and
built from the site's base URL; every date is ISO 8601 with its offset.
"""

from __future__ import annotations

from typing import Any

from feeds.models import Edition, Event, Item, Signoff, Site
from feeds.render.pages.dates import attendance_mode, iso
from feeds.render.pages.markup import clip

__all__ = ["edition_article", "event", "graph", "item_article", "not_found_page", "website"]

_MODES = {
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "offline": "https://schema.org/OfflineEventAttendanceMode",
    "mixed": "https://schema.org/MixedEventAttendanceMode",
}

Node = dict[str, Any]


def graph(*nodes: Node) -> Node:
    """The JSON-LD document of a page: its nodes under one `@context`."""
    return {"@context": "https://schema.org", "@graph": list(nodes)}


def _publisher(site: Site) -> Node:
    node: Node = {"@type": "Organization", "name": site.publisher, "url": site.url("/")}
    if site.contact:
        node["email"] = site.contact
    return node


def _person(signoff: Signoff) -> Node:
    node: Node = {"@type": "Person", "name": signoff.name}
    if signoff.role:
        node["jobTitle"] = signoff.role
    if signoff.organisation:
        node["worksFor"] = {"@type": "Organization", "name": signoff.organisation}
    return node


def _issue(site: Site, edition: Edition) -> Node:
    return {
        "@type": "PublicationIssue",
        "issueNumber": str(edition.number),
        "name": edition.title,
        "url": site.url(f"/editions/{edition.number}"),
        "datePublished": iso(edition.published),
    }


def website(site: Site) -> Node:
    """The site itself, for the home page."""
    return {
        "@type": "WebSite",
        "name": site.title,
        "description": site.description,
        "url": site.url("/"),
        "inLanguage": site.language,
        "publisher": _publisher(site),
    }


def not_found_page(site: Site) -> Node:
    """The 404 page: a page of the site that is not the resource asked for."""
    return {
        "@type": "WebPage",
        "name": "Page not found",
        "inLanguage": site.language,
        "isPartOf": {"@type": "WebSite", "name": site.title, "url": site.url("/")},
    }


def edition_article(site: Site, edition: Edition, description: str) -> Node:
    """An edition's page as a NewsArticle: the intro letter and its items."""
    url = site.url(f"/editions/{edition.number}")
    return {
        "@type": "NewsArticle",
        "headline": edition.title,
        "description": description,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": iso(edition.published),
        "dateModified": iso(edition.modified),
        "inLanguage": site.language,
        "author": _person(edition.signoff),
        "publisher": _publisher(site),
        "isPartOf": _issue(site, edition),
        "hasPart": [site.url(f"/items/{item.id}") for item in edition.items],
    }


def item_article(site: Site, item: Item) -> Node:
    """An item's page as a NewsArticle."""
    url = site.url(f"/items/{item.id}")
    edition = site.editions_by_number[item.edition]
    section = site.sections_by_slug.get(item.section)
    node: Node = {
        "@type": "NewsArticle",
        "headline": item.title,
        "description": clip(item.summary, 300),
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": iso(item.published),
        "dateModified": iso(item.modified),
        "inLanguage": site.language,
        "articleSection": section.title if section else item.section,
        "author": _person(edition.signoff),
        "publisher": _publisher(site),
        "isPartOf": _issue(site, edition),
    }
    if item.tags:
        node["keywords"] = list(item.tags)
    return node


def _locations(site: Site, item: Item, happening: Event) -> list[Node]:
    mode = attendance_mode(happening)
    places: list[Node] = []
    if mode in ("offline", "mixed") and happening.location:
        places.append({"@type": "Place", "name": happening.location})
    if mode in ("online", "mixed"):
        # Where to join: the first call to action (usually registration), else the item.
        join = item.links[0].url if item.links else site.url(f"/items/{item.id}")
        places.append({"@type": "VirtualLocation", "url": join})
    if not places and happening.location:
        places.append({"@type": "Place", "name": happening.location})
    return places


def event(site: Site, item: Item, happening: Event) -> Node:
    """An event item as a schema.org Event."""
    url = site.url(f"/items/{item.id}")
    node: Node = {
        "@type": "Event",
        "name": item.title,
        "description": clip(item.summary, 300),
        "url": url,
        "startDate": iso(happening.start),
    }
    if happening.end is not None:
        node["endDate"] = iso(happening.end)
    elif happening.all_day:
        node["endDate"] = iso(happening.start)
    node["eventStatus"] = "https://schema.org/EventScheduled"
    mode = attendance_mode(happening)
    if mode is not None:
        node["eventAttendanceMode"] = _MODES[mode]
    places = _locations(site, item, happening)
    if places:
        node["location"] = places[0] if len(places) == 1 else places
    node["organizer"] = _publisher(site)
    node["mainEntityOfPage"] = url
    return node
