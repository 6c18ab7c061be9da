"""The OpenAPI document is the contract: it matches the validator, its examples and the bodies."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from feeds.api.documents import entries, examples, site_index
from feeds.api.openapi import openapi_document
from feeds.api.params import OPERATIONS, SORTS
from feeds.api.validate import Invalid, Query, parse_query
from feeds.models import Site
from feeds.settings import Settings

_RFC3339 = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})"
)
FORMATS = FormatChecker()


@FORMATS.checks("date-time")
def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return bool(_RFC3339.fullmatch(value)) and datetime.fromisoformat(value).tzinfo is not None


@FORMATS.checks("uri")
def _is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@pytest.fixture(scope="module")
def document(bundled_site: Site) -> dict[str, Any]:
    return openapi_document(bundled_site, examples(bundled_site, site_index(bundled_site)))


def validator(document: dict[str, Any], schema: dict[str, Any]) -> Draft202012Validator:
    registry: Registry[Any] = Registry().with_resource(
        "urn:openapi", Resource.from_contents(document, default_specification=DRAFT202012)
    )
    return Draft202012Validator(schema, registry=registry, format_checker=FORMATS)


def check(document: dict[str, Any], schema: dict[str, Any], instance: Any) -> None:
    if "$ref" in schema:
        schema = {"$ref": "urn:openapi" + schema["$ref"]}
    errors = [e.message for e in validator(document, schema).iter_errors(instance)]
    assert errors == []


def test_document_is_openapi_3_1(document: dict[str, Any], bundled_site: Site) -> None:
    assert (document["openapi"], document["info"]["version"], document["servers"]) == (
        "3.1.1",
        "1.0.0",
        [{"url": "https://bulletin.example.org"}],
    )
    assert sorted(document["paths"]) == sorted(
        [
            "/api/v1",
            "/api/v1/openapi.json",
            "/api/v1/sections",
            "/api/v1/sections/{slug}",
            "/api/v1/editions",
            "/api/v1/editions/latest",
            "/api/v1/editions/{number}",
            "/api/v1/items",
            "/api/v1/items/{id}",
            "/api/v1/events",
            "/api/v1/link-report",
        ]
    )
    for path, item in document["paths"].items():
        operation = item["get"]
        assert set(item) == {"get"}, path
        assert {"200", "304", "400", "405"} <= set(operation["responses"]), path
        ok = operation["responses"]["200"]
        assert {"ETag", "Last-Modified", "Cache-Control", "Access-Control-Allow-Origin"} <= set(
            ok["headers"]
        ), path
    assert "/api/v1/sections/{slug}" in document["paths"]
    slug = document["paths"]["/api/v1/sections/{slug}"]["get"]["parameters"][0]
    assert slug["schema"]["enum"] == [s.slug for s in bundled_site.sections]


def test_list_parameters_match_the_validator(document: dict[str, Any], bundled_site: Site) -> None:
    sections = [s.slug for s in bundled_site.sections]
    for path, operation in OPERATIONS.items():
        documented = document["paths"][path]["get"]["parameters"]
        assert [p["name"] for p in documented] == [p.name for p in operation.params], path
        for param in documented:
            accepted, refused = _values_for(param["schema"], sections)
            for value in accepted:
                found = _parse(path, [(param["name"], value)], sections)
                assert isinstance(found, Query), (path, param["name"], value, found)
            for value in refused:
                found = _parse(path, [(param["name"], value)], sections)
                assert isinstance(found, list), (path, param["name"], value)
                assert [e.parameter for e in found] == [param["name"]]
            example = param["example"]
            pairs = [
                (param["name"], _text(v))
                for v in (example if isinstance(example, list) else [example])
            ]
            assert isinstance(_parse(path, pairs, sections), Query), (path, param)
        unknown = _parse(path, [("not-a-parameter", "1")], sections)
        assert isinstance(unknown, list)
        assert [e.parameter for e in unknown] == ["not-a-parameter"]


def _text(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _parse(path: str, pairs: list[tuple[str, str]], sections: list[str]) -> Query | list[Invalid]:
    zone = ZoneInfo("Europe/London")
    return parse_query(
        OPERATIONS[path], pairs, sections=sections, zone=zone, today=date(2024, 11, 15)
    )


def _values_for(schema: dict[str, Any], sections: list[str]) -> tuple[list[str], list[str]]:
    """Values the documented schema allows, and values it does not."""
    kind = schema["type"]
    if kind == "array":
        return list(schema["items"]["enum"]), ["not-a-section", ""]
    if kind == "integer":
        low, high = schema["minimum"], schema["maximum"]
        return [str(low), str(high)], [str(low - 1), str(high + 1), "1.5", "x"]
    if kind == "boolean":
        return ["true", "false"], ["yes", "1", ""]
    if "enum" in schema:
        assert schema["enum"] == list(SORTS)
        return list(schema["enum"]), ["nope", ""]
    if "anyOf" in schema:
        return ["2024-11-04", "2024-11-04T09:00:00Z"], ["2024-11-31", "yesterday"]
    longest = "a" * schema["maxLength"]
    refused = ["", longest + "a"]
    if "pattern" in schema:
        refused.append("Not-A-Slug")
    return ["a", longest], refused


def test_every_example_validates(document: dict[str, Any]) -> None:
    seen = 0
    for item in document["paths"].values():
        for response in item["get"]["responses"].values():
            if "$ref" in response:
                name = response["$ref"].rsplit("/", 1)[1]
                response = document["components"]["responses"][name]
            for media in response.get("content", {}).values():
                if "example" in media:
                    check(document, media["schema"], media["example"])
                    seen += 1
        for param in item["get"]["parameters"]:
            check(document, param["schema"], param["example"])
            seen += 1
    for response in document["components"]["responses"].values():
        for media in response.get("content", {}).values():
            check(document, media["schema"], media["example"])
            seen += 1
    assert seen > 40


def test_every_document_of_the_bundled_content_validates(
    document: dict[str, Any], bundled_site: Site
) -> None:
    schemas = {
        "/api/v1": "IndexDocument",
        "/api/v1/sections": "SectionList",
        "/api/v1/editions": "EditionList",
        "/api/v1/editions/latest": "EditionDocument",
        "/api/v1/items": "ItemList",
        "/api/v1/events": "ItemList",
    }
    checked = 0
    for entry in entries(bundled_site, Settings()):
        if entry.path == "/api/v1/openapi.json":
            continue
        name = schemas.get(entry.path) or _schema_of(entry.path)
        check(document, {"$ref": f"#/components/schemas/{name}"}, json.loads(entry.render().body))
        checked += 1
    assert checked == 30


def _schema_of(path: str) -> str:
    kind = path.split("/")[3]
    return {"sections": "SectionDocument", "editions": "EditionDocument", "items": "ItemDocument"}[
        kind
    ]


def test_object_schemas_list_exactly_the_keys_sent(
    document: dict[str, Any], bundled_site: Site
) -> None:
    index_doc = json.loads(next(e for e in entries(bundled_site, Settings())).render().body)
    edition_doc = examples(bundled_site, site_index(bundled_site))["EditionDocument"]
    schemas = document["components"]["schemas"]
    sent = {
        "Index": index_doc["data"],
        "Edition": edition_doc["data"],
        "Signoff": edition_doc["data"]["signoff"],
        "Item": edition_doc["data"]["items"][4],
        "Event": edition_doc["data"]["items"][4]["event"],
        "Link": edition_doc["data"]["items"][4]["links"][0],
        "IndexDocument": index_doc,
    }
    for name, value in sent.items():
        properties = schemas[name]["properties"]
        assert list(properties) == list(value), name
        assert schemas[name]["required"] == list(value), name


def test_problem_bodies_validate(document: dict[str, Any]) -> None:
    from feeds.web.problems import problem_body

    body = problem_body(
        400, "1 query parameter cannot be used: x.", instance="/api/v1/items",
        errors=[{"parameter": "x", "detail": "unknown parameter"}],
    )  # fmt: skip
    check(document, {"$ref": "#/components/schemas/Problem"}, json.loads(body))


def test_schemas_refuse_what_the_api_never_sends(
    document: dict[str, Any], bundled_site: Site
) -> None:
    item = examples(bundled_site, site_index(bundled_site))["ItemDocument"]
    broken = [
        {**item, "data": {k: v for k, v in item["data"].items() if k != "id"}},
        {**item, "data": {**item["data"], "section": "newz"}},
        {**item, "data": {**item["data"], "published_at": "4 November 2024"}},
        {**item, "data": {**item["data"], "event": {"start": "soon"}}},
        {k: v for k, v in item.items() if k != "meta"},
    ]
    ref = {"$ref": "urn:openapi#/components/schemas/ItemDocument"}
    for body in broken:
        assert list(validator(document, ref).iter_errors(body)) != []
