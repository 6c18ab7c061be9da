"""The OpenAPI 3.1 document: the API's contract, generated from the code's own tables.

Takes a `Site` and example bodies (the real documents of that site); gives the
document as a dict. Parameters come from `feeds.api.params` (the table the
validator reads), schemas from `feeds.api.schemas`, and the section enum from
site.yaml, so the document cannot drift from what the code does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from feeds.api.objects import API_ROOT
from feeds.api.params import EDITIONS, EVENTS, ITEMS, MAX_NUMBER, SLUG_PATTERN
from feeds.api.responses import (
    ERROR_RESPONSES,
    ok_response,
    query_parameters,
    response_components,
)
from feeds.api.schemas import component_schemas
from feeds.models import Site

__all__ = ["OPENAPI_VERSION", "openapi_document"]

OPENAPI_VERSION = "3.1.1"
API_VERSION = "1.0.0"
Schema = dict[str, Any]

_DESCRIPTION = """\
Read-only JSON for the bulletin: sections, editions, items and events, with filters,
search and pagination. Every resource answers GET and HEAD, carries ETag and
Last-Modified (send If-None-Match to get 304), and may be read from any origin (CORS).
Answers are an envelope `{"data", "links", "meta"}`; lists add `meta.total` and
page links, repeated in the `Link` and `X-Total-Count` headers. Within v1 changes
are additive: ignore keys you do not know."""


def _errors(*statuses: str) -> Schema:
    return {s: {"$ref": f"#/components/responses/{ERROR_RESPONSES[s]}"} for s in statuses}


def _get(
    op_id: str,
    summary: str,
    ok: Schema,
    *,
    tag: str,
    params: list[Schema] | None = None,
    errors: tuple[str, ...] = ("304", "400", "405"),
) -> Schema:
    return {
        "get": {
            "operationId": op_id,
            "summary": summary,
            "tags": [tag],
            "parameters": params or [],
            "responses": {"200": ok, **_errors(*errors)},
        }
    }


def _path_param(name: str, schema: Schema, description: str, example: Any) -> Schema:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": schema,
        "example": example,
    }


def _paths(site: Site, examples: Mapping[str, Any]) -> Schema:
    sections = [s.slug for s in site.sections]
    first_item = site.items[0].id if site.items else "budget-2024"
    latest = site.latest.number if site.latest else 1
    slug = _path_param(
        "slug",
        {"type": "string", "enum": sections},
        "A section slug.",
        sections[0] if sections else "news",
    )
    number = _path_param(
        "number",
        {"type": "integer", "minimum": 1, "maximum": MAX_NUMBER},
        "An edition number.",
        latest,
    )
    item_id = _path_param(
        "id",
        {"type": "string", "pattern": SLUG_PATTERN, "maxLength": 200},
        "An item id.",
        first_item,
    )
    found = ("304", "400", "404", "405")

    def ok(schema: str, description: str, *, listed: bool = False) -> Schema:
        return ok_response(description, schema, examples.get(schema), listed=listed)

    return {
        API_ROOT: _get(
            "getIndex",
            "Links to everything, counts and feeds",
            ok("IndexDocument", "The index."),
            tag="index",
        ),
        f"{API_ROOT}/openapi.json": _get(
            "getOpenApi",
            "This document",
            {
                **ok_response("The OpenAPI document.", "Index", None),
                "content": {"application/json": {"schema": {"type": "object"}}},
            },
            tag="index",
        ),
        f"{API_ROOT}/sections": _get(
            "listSections",
            "Every section, in display order",
            ok("SectionList", "The sections.", listed=True),
            tag="sections",
        ),
        f"{API_ROOT}/sections/{{slug}}": _get(
            "getSection",
            "One section",
            ok("SectionDocument", "The section."),
            tag="sections",
            params=[slug],
            errors=found,
        ),
        f"{API_ROOT}/editions": _get(
            "listEditions",
            "Editions, newest first",
            ok("EditionList", "A page of editions.", listed=True),
            tag="editions",
            params=query_parameters(EDITIONS, sections),
        ),
        f"{API_ROOT}/editions/latest": _get(
            "getLatestEdition",
            "The newest edition, whole",
            ok("EditionDocument", "The edition."),
            tag="editions",
            errors=found,
        ),
        f"{API_ROOT}/editions/{{number}}": _get(
            "getEdition",
            "One edition, whole",
            ok("EditionDocument", "The edition."),
            tag="editions",
            params=[number],
            errors=found,
        ),
        f"{API_ROOT}/items": _get(
            "listItems",
            "Items, filtered, searched and paginated",
            ok("ItemList", "A page of items.", listed=True),
            tag="items",
            params=query_parameters(ITEMS, sections),
        ),
        f"{API_ROOT}/items/{{id}}": _get(
            "getItem",
            "One item",
            ok("ItemDocument", "The item."),
            tag="items",
            params=[item_id],
            errors=found,
        ),
        f"{API_ROOT}/events": _get(
            "listEvents",
            "Items that have an event, by start",
            ok("ItemList", "A page of events.", listed=True),
            tag="items",
            params=query_parameters(EVENTS, sections),
        ),
        f"{API_ROOT}/link-report": _get(
            "getLinkReport",
            "The latest link check",
            ok("LinkReportDocument", "The report."),
            tag="link-report",
            errors=("304", "400", "404", "405", "503"),
        ),
    }


def openapi_document(site: Site, examples: Mapping[str, Any]) -> Schema:
    """The whole OpenAPI document; `examples` maps a schema name to an example body."""
    sections = [s.slug for s in site.sections]
    return {
        "openapi": OPENAPI_VERSION,
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "info": {
            "title": f"{site.title} API",
            "version": API_VERSION,
            "description": _DESCRIPTION,
            "contact": {"email": site.contact},
        },
        "servers": [{"url": site.base_url}],
        "tags": [
            {"name": "index", "description": "Where to start."},
            {"name": "sections", "description": "Sections and their feeds."},
            {"name": "editions", "description": "Monthly editions, whole."},
            {"name": "items", "description": "Items and events."},
            {"name": "link-report", "description": "The outbound links' health."},
        ],
        "paths": _paths(site, examples),
        "components": {
            "schemas": component_schemas(sections),
            "responses": response_components(),
        },
    }
