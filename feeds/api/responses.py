"""OpenAPI components shared by every operation: parameters, headers and responses.

Takes the parameter table (`feeds.api.params`) and the section slugs; gives the
pieces `feeds.api.openapi` assembles. Parameter schemas are derived from the
same `Param` records the validator reads, so the two cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

from feeds.api.objects import API_ROOT
from feeds.api.params import DATE_PARAM_NOTE, SLUG_PATTERN, Operation, Param
from feeds.api.schemas import ref

__all__ = [
    "ERROR_RESPONSES",
    "HEADERS",
    "ok_response",
    "parameter_schema",
    "query_parameters",
    "response_components",
]

Schema = dict[str, Any]

HEADERS: dict[str, Schema] = {
    "ETag": {"description": "A strong validator: a hash of the body.", "type": "string"},
    "Last-Modified": {"description": "When what the answer shows last changed.", "type": "string"},
    "Cache-Control": {"description": "How long caches may keep the answer.", "type": "string"},
    "Access-Control-Allow-Origin": {
        "description": "Any origin may read every answer.",
        "type": "string",
        "const": "*",
    },
    "Link": {"description": "RFC 8288 links: self, first, last, prev, next.", "type": "string"},
    "X-Total-Count": {"description": "Results in the whole list.", "type": "integer", "minimum": 0},
    "Allow": {"description": "The methods the resource takes.", "type": "string"},
}
VALIDATORS = ("ETag", "Last-Modified", "Cache-Control", "Access-Control-Allow-Origin")
ERROR_RESPONSES = {
    "304": "NotModified",
    "400": "BadRequest",
    "404": "NotFound",
    "405": "MethodNotAllowed",
    "503": "Unavailable",
}


def _header(name: str) -> Schema:
    # Inline, not a $ref: OpenAPI 3.1 ignores `required` beside a reference.
    spec = HEADERS[name]
    schema = {k: v for k, v in spec.items() if k != "description"}
    return {"description": spec["description"], "required": True, "schema": schema}


def parameter_schema(param: Param, sections: Sequence[str]) -> Schema:
    """The JSON Schema of one query parameter."""
    if param.kind == "section":
        return {"type": "array", "items": {"type": "string", "enum": list(sections)}}
    if param.kind == "integer":
        schema: Schema = {"type": "integer", "minimum": param.minimum, "maximum": param.maximum}
    elif param.kind == "boolean":
        schema = {"type": "boolean"}
    elif param.kind == "instant":
        schema = {"type": "string", "anyOf": [{"format": "date"}, {"format": "date-time"}]}
    elif param.kind == "sort":
        schema = {"type": "string", "enum": list(param.choices)}
    else:
        schema = {"type": "string", "minLength": 1, "maxLength": param.max_length}
        if param.kind == "slug":
            schema["pattern"] = SLUG_PATTERN
    if param.default is not None:
        schema["default"] = param.default
    return schema


def _parameter(param: Param, sections: Sequence[str]) -> Schema:
    description = param.description
    if param.kind == "instant":
        description += " " + DATE_PARAM_NOTE
    found: Schema = {
        "name": param.name,
        "in": "query",
        "description": description,
        "required": False,
        "schema": parameter_schema(param, sections),
        "example": [param.example] if param.repeatable else param.example,
    }
    if param.repeatable:
        found.update(style="form", explode=True)
    return found


def query_parameters(operation: Operation, sections: Sequence[str]) -> list[Schema]:
    """The OpenAPI parameters of a list operation."""
    return [_parameter(param, sections) for param in operation.params]


def ok_response(description: str, schema: str, example: Any, *, listed: bool = False) -> Schema:
    """A 200 answer: its body schema, example and headers."""
    names = [*VALIDATORS, "Link", "X-Total-Count"] if listed else list(VALIDATORS)
    media: Schema = {"schema": ref(schema)}
    if example is not None:
        media["example"] = example
    return {
        "description": description,
        "headers": {name: _header(name) for name in names},
        "content": {"application/json": media},
    }


def _problem_example(status: int, detail: str, **extra: Any) -> Schema:
    phrase = HTTPStatus(status).phrase
    return {"type": "about:blank", "title": phrase, "status": status, "detail": detail, **extra}


def _problem(description: str, example: Schema, *extra_headers: str) -> Schema:
    names = ("Access-Control-Allow-Origin", "Cache-Control", *extra_headers)
    return {
        "description": description,
        "headers": {name: _header(name) for name in names},
        "content": {"application/problem+json": {"schema": ref("Problem"), "example": example}},
    }


def response_components() -> dict[str, Schema]:
    """The shared responses: 304 and each problem."""
    bad = _problem_example(
        400,
        "2 query parameters cannot be used.",
        instance=f"{API_ROOT}/items",
        errors=[
            {"parameter": "limit", "detail": "must be a whole number from 1 to 100, not '500'"},
            {"parameter": "colour", "detail": "unknown parameter"},
        ],
    )
    missing = f"{API_ROOT}/items/no-such-item"
    return {
        "NotModified": {
            "description": "The copy you hold (If-None-Match, If-Modified-Since) is current.",
            "headers": {name: _header(name) for name in VALIDATORS},
        },
        "BadRequest": _problem("Parameters that are unknown, bad, or given twice.", bad),
        "NotFound": _problem(
            "No such resource.",
            _problem_example(404, "There is no item 'no-such-item'.", instance=missing),
        ),
        "MethodNotAllowed": _problem(
            "The API is read-only: GET and HEAD only.",
            _problem_example(405, "POST is not allowed here; use GET or HEAD", instance=missing),
            "Allow",
        ),
        "Unavailable": _problem(
            "The link report store cannot be read just now; try again later.",
            _problem_example(503, "The link report cannot be read just now."),
        ),
    }
