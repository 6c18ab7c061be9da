"""JSON Schemas (2020-12, as OpenAPI 3.1 takes them) of every body the API sends.

Takes nothing but the names of the sections; gives the `components.schemas` of the
OpenAPI document. Objects list every key the API sends and require all of them;
they do not forbid others, because within v1 new keys may be added (see
docs/api-stability.md). Tests check the keys against `feeds.api.objects`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["DATE_OR_TIME", "component_schemas", "ref"]

Schema = dict[str, Any]

DATE_OR_TIME = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"(T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2}))?$"
)


def ref(name: str) -> Schema:
    """A reference to a component schema."""
    return {"$ref": f"#/components/schemas/{name}"}


def _object(
    description: str, properties: dict[str, Schema], optional: Sequence[str] = ()
) -> Schema:
    return {
        "type": "object",
        "description": description,
        "required": [name for name in properties if name not in optional],
        "properties": properties,
    }


def _text(description: str, *, nullable: bool = False) -> Schema:
    return {"type": ["string", "null"] if nullable else "string", "description": description}


def _url(description: str) -> Schema:
    return {"type": "string", "format": "uri", "description": description}


def _timestamp(description: str, *, nullable: bool = False) -> Schema:
    kind = ["string", "null"] if nullable else "string"
    return {"type": kind, "format": "date-time", "description": description + " (RFC 3339)."}


def _count(description: str) -> Schema:
    return {"type": "integer", "minimum": 0, "description": description}


def _feeds() -> Schema:
    return _object(
        "The feeds of one section (or of `all`).",
        {fmt: _url(f"The {name} feed.") for fmt, name in _FEED_NAMES},
    )


_FEED_NAMES = (("rss", "RSS 2.0"), ("atom", "Atom 1.0"), ("json", "JSON Feed 1.1"))


def _models(sections: Sequence[str]) -> dict[str, Schema]:
    return {
        "Link": _object(
            "A call-to-action link.",
            {"title": _text("What the link offers."), "url": _text("Where it goes.")},
        ),
        "Event": _object(
            "When and where an event happens.",
            {
                "start": {
                    "type": "string",
                    "pattern": DATE_OR_TIME,
                    "description": "A date-time with offset, or a date when `all_day`.",
                },
                "end": {
                    "type": ["string", "null"],
                    "pattern": DATE_OR_TIME,
                    "description": "Like `start`; an all-day end date is inclusive.",
                },
                "all_day": {"type": "boolean", "description": "True when start and end are dates."},
                "timezone": _text("The IANA timezone of the event's local times."),
                "location": _text("Where it happens.", nullable=True),
                "online": {
                    "type": ["boolean", "null"],
                    "description": "Whether one can join online.",
                },
            },
        ),
        "Item": _object(
            "One bulletin item.",
            {
                "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
                "edition": {"type": "integer", "minimum": 1},
                "section": {"type": "string", "enum": list(sections)},
                "title": _text("The headline."),
                "summary": _text("Plain text: the given summary, or the body's opening."),
                "body_html": _text("The body as sanitised HTML (may be empty)."),
                "body_text": _text("The body as plain text (may be empty)."),
                "links": {"type": "array", "items": ref("Link")},
                "tags": {"type": "array", "items": {"type": "string"}},
                "event": {"anyOf": [ref("Event"), {"type": "null"}]},
                "deadline": {
                    "type": ["string", "null"],
                    "format": "date",
                    "description": "Closing date for applications or responses.",
                },
                "published_at": _timestamp("When the item was published"),
                "updated_at": _timestamp("When it last changed (its publication if never)"),
                "web_url": _url("The item's page."),
                "api_url": _url("This item in the API."),
            },
        ),
        "Signoff": _object(
            "Who signs the edition's letter.",
            {
                "name": _text("Name."),
                "role": _text("Role.", nullable=True),
                "organisation": _text("Organisation.", nullable=True),
                "email": _text("Email address.", nullable=True),
            },
        ),
        "EditionSummary": _object(
            "An edition in the list of editions.",
            {
                "number": {"type": "integer", "minimum": 1},
                "title": _text("Title."),
                "published_at": _timestamp("Publication time"),
                "updated_at": _timestamp("When it or any of its items last changed"),
                "item_count": _count("How many items it holds."),
                "web_url": _url("The edition's page."),
                "api_url": _url("The whole edition in the API."),
            },
        ),
        "Edition": _object(
            "A whole edition: the letter, the sign-off and every item in full.",
            {
                "number": {"type": "integer", "minimum": 1},
                "title": _text("Title."),
                "published_at": _timestamp("Publication time"),
                "updated_at": _timestamp("When it or any of its items last changed"),
                "intro_html": _text("The intro letter as sanitised HTML."),
                "intro_text": _text("The intro letter as plain text."),
                "signoff": ref("Signoff"),
                "item_count": _count("How many items it holds."),
                "items": {"type": "array", "items": ref("Item")},
                "web_url": _url("The edition's page."),
                "api_url": _url("This edition in the API."),
            },
        ),
        "Feeds": _feeds(),
        "Section": _object(
            "A section of the bulletin.",
            {
                "slug": {"type": "string", "enum": list(sections)},
                "title": _text("Title."),
                "description": _text("What it holds.", nullable=True),
                "item_count": _count("Items in the whole archive."),
                "event_count": _count("Of those, items with an event."),
                "feeds": ref("Feeds"),
                "items_url": _url("Its items in the API."),
                "api_url": _url("This section in the API."),
            },
        ),
        "SiteFeeds": {
            "allOf": [
                ref("Feeds"),
                _object(
                    "The feeds of a section, named.",
                    {"section": _text("A section slug, or `all`."), "title": _text("Title.")},
                ),
            ]
        },
        "Index": _object(
            "What the site is, with counts and feeds.",
            {
                "title": _text("The bulletin's title."),
                "description": _text("What it is."),
                "language": _text("Its language (BCP 47)."),
                "timezone": _text("The IANA timezone of its dates."),
                "publisher": _text("Who publishes it."),
                "contact": _text("Where to write."),
                "content_version": _text("A digest of the content: it changes when any file does."),
                "updated_at": _timestamp("When anything last changed", nullable=True),
                "edition_count": _count("Editions in the archive."),
                "item_count": _count("Items in the archive."),
                "latest_edition": {"type": ["integer", "null"], "minimum": 1},
                "feeds": {"type": "array", "items": ref("SiteFeeds")},
                "calendar": _url("The iCalendar feed of every event."),
            },
        ),
        "LinkReport": {
            **_object(
                "The latest link check as the checker wrote it; only these keys are promised.",
                {
                    "generated_at": _timestamp("When the check finished"),
                    "summary": {
                        "type": "object",
                        "description": "How many links got each verdict.",
                        "additionalProperties": {"type": "integer", "minimum": 0},
                    },
                    "links": {"type": "array", "items": {"type": "object"}},
                },
                optional=("links",),
            ),
        },
        "Problem": _object(
            "An error (RFC 9457).",
            {
                "type": _text("A URI naming the kind of problem."),
                "title": _text("The status phrase."),
                "status": {"type": "integer", "minimum": 400, "maximum": 599},
                "detail": _text("What went wrong, for a person."),
                "instance": _text("The path that was asked for."),
                "errors": {
                    "type": "array",
                    "description": "Each parameter that is wrong (400 only).",
                    "items": _object(
                        "One bad parameter.",
                        {"parameter": _text("Its name."), "detail": _text("What is wrong.")},
                    ),
                },
            },
            optional=("instance", "errors"),
        ),
    }


def _links(description: str, names: Sequence[str], optional: Sequence[str] = ()) -> Schema:
    return _object(description, {name: _url(f"The `{name}` link.") for name in names}, optional)


def _envelope(data: Schema, links: Schema, meta: Schema) -> Schema:
    return _object("The envelope of every answer.", {"data": data, "links": links, "meta": meta})


def _envelopes() -> dict[str, Schema]:
    page_meta = _object(
        "Counts of a paginated list.",
        {
            "total": _count("Results in the whole list."),
            "limit": {"type": "integer", "minimum": 1, "maximum": 100},
            "offset": _count("Results skipped before this page."),
        },
    )
    page_links = _links(
        "Pages of the list.", ("self", "first", "last", "prev", "next"), ("prev", "next")
    )
    empty = {"type": "object", "description": "Nothing yet; reserved for additions."}
    listed = ("self", "first", "last")
    return {
        "IndexDocument": _envelope(
            ref("Index"),
            _links(
                "Every collection.",
                (
                    "self",
                    "openapi",
                    "sections",
                    "editions",
                    "latest_edition",
                    "items",
                    "events",
                    "link_report",
                    "home",
                ),
            ),
            empty,
        ),
        "SectionList": _envelope(
            {"type": "array", "items": ref("Section")},
            _links("The list.", listed),
            _object("Counts.", {"total": _count("Sections.")}),
        ),
        "SectionDocument": _envelope(ref("Section"), _links("Related.", ("self", "items")), empty),
        "EditionList": _envelope(
            {"type": "array", "items": ref("EditionSummary")}, page_links, page_meta
        ),
        "EditionDocument": _envelope(ref("Edition"), _links("Related.", ("self", "web")), empty),
        "ItemList": _envelope({"type": "array", "items": ref("Item")}, page_links, page_meta),
        "ItemDocument": _envelope(
            ref("Item"), _links("Related.", ("self", "web", "edition", "section")), empty
        ),
        "LinkReportDocument": _envelope(ref("LinkReport"), _links("Related.", ("self",)), empty),
    }


def component_schemas(sections: Sequence[str]) -> dict[str, Schema]:
    """Every schema of the document, by name."""
    return {**_models(sections), **_envelopes()}
