"""Query parameters: one table that the validator and the OpenAPI document both read.

Takes nothing; gives each list resource (`Operation`) with its parameters
(`Param`): names, types, limits, defaults and descriptions. `feeds.api.validate`
checks requests against it and `feeds.api.responses` documents it, so the two
cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from feeds.api.index import SORT_FIELDS

__all__ = [
    "DATE_PARAM_NOTE",
    "DEFAULT_LIMIT",
    "EDITIONS",
    "EVENTS",
    "ITEMS",
    "LIST_PATHS",
    "MAX_NUMBER",
    "OPERATIONS",
    "Q_MAX",
    "SLUG_PATTERN",
    "SORTS",
    "Operation",
    "Param",
]

DEFAULT_LIMIT = 20
MAX_NUMBER = 2**31 - 1  # edition numbers and offsets: a bound that keeps parsing cheap
Q_MAX = 200
TAG_MAX = 100
SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
DATE_PARAM_NOTE = (
    "A date (`2024-11-04`) means whole days in the site timezone;"
    " a date-time (RFC 3339) needs an offset (`2024-11-04T09:00:00Z`)."
)
SORTS = tuple(f"{sign}{name}" for name in SORT_FIELDS for sign in ("", "-"))


@dataclass(frozen=True, slots=True)
class Param:
    """A query parameter: its name, type, limits and documentation."""

    name: str
    kind: str  # integer | boolean | text | slug | instant | section | sort
    description: str
    example: str | int | bool
    repeatable: bool = False
    minimum: int | None = None
    maximum: int | None = None
    max_length: int | None = None
    default: str | int | None = None
    choices: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Operation:
    """A list resource and the parameters it takes."""

    name: str
    path: str
    params: tuple[Param, ...]
    events_only: bool = False

    def param(self, name: str) -> Param | None:
        """The parameter of this name, if the operation takes it."""
        return next((p for p in self.params if p.name == name), None)


_LIMIT = Param(
    "limit",
    "integer",
    "How many results per page.",
    5,
    minimum=1,
    maximum=100,
    default=DEFAULT_LIMIT,
)


_OFFSET = Param(
    "offset", "integer", "How many results to skip.", 0, minimum=0, maximum=MAX_NUMBER, default=0
)


def _sort(default: str) -> Param:
    return Param(
        "sort",
        "sort",
        "Order of results; `-` reverses. Ties keep bulletin order (newest edition first).",
        "title",
        default=default,
        choices=SORTS,
    )


_FILTERS = (
    Param(
        "section",
        "section",
        "Only items of these sections (repeat the parameter for several).",
        "events",
        repeatable=True,
    ),
    Param("edition", "integer", "Only items of this edition.", 25, minimum=1, maximum=MAX_NUMBER),
    Param("tag", "slug", "Only items with this tag.", "cyber-security", max_length=TAG_MAX),
    Param(
        "q",
        "text",
        "Words that must all appear in the title, summary or body (case and accents ignored).",
        "cyber",
        max_length=Q_MAX,
    ),
    Param(
        "published_since",
        "instant",
        "Published at or after this time; a date means from the start of that day (site timezone).",
        "2024-11-01",
    ),
    Param(
        "published_until",
        "instant",
        "Published at or before this time; a date means to the end of that day (site timezone).",
        "2024-11-30",
    ),
    Param(
        "open",
        "boolean",
        "true: the deadline is today or later; false: the deadline has passed."
        " Items without a deadline are left out either way.",
        True,
    ),
)
_WINDOW = (
    Param(
        "from",
        "instant",
        "Events that end at or after this time; a date means from the start of that day.",
        "2024-11-01",
    ),
    Param(
        "to",
        "instant",
        "Events that start at or before this time; a date means to the end of that day.",
        "2024-11-30",
    ),
    Param(
        "upcoming",
        "boolean",
        "true: events that end today or later; false: events that ended before today.",
        True,
    ),
)

ITEMS = Operation(
    "listItems", "/api/v1/items", (*_FILTERS, _sort("-published_at"), _LIMIT, _OFFSET)
)
EVENTS = Operation(
    "listEvents",
    "/api/v1/events",
    (*_FILTERS, *_WINDOW, _sort("event.start"), _LIMIT, _OFFSET),
    events_only=True,
)
EDITIONS = Operation("listEditions", "/api/v1/editions", (_LIMIT, _OFFSET))
OPERATIONS = {op.path: op for op in (ITEMS, EVENTS, EDITIONS)}
# Every list, the sections too: their answers carry the `Link` and `X-Total-Count` headers
# (the query-less ones from the snapshot, `feeds.api.documents`).
LIST_PATHS = (*OPERATIONS, "/api/v1/sections")
