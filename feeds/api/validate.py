"""Validating query parameters against the table in `feeds.api.params`.

Takes an `Operation` and the decoded query pairs of a request; gives a `Query`
(typed, normalised values, and the canonical pairs its links repeat) or every
`Invalid` parameter at once: unknown names, bad values, and single-valued
parameters given more than once. Pure: no I/O, no web framework.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from feeds.api.index import FAR_FUTURE, day_start, fold, micros
from feeds.api.params import DEFAULT_LIMIT, MAX_NUMBER, Q_MAX, SLUG_PATTERN, Operation, Param

__all__ = ["Invalid", "Query", "default_query", "parse_query"]

_DIGITS = re.compile(r"[0-9]{1,12}")
_SLUG = re.compile(SLUG_PATTERN)
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_DATE_TIME = re.compile(
    r"([0-9]{4}-[0-9]{2}-[0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]+))?"
    r"(?:([Zz])|([+-])([0-9]{2}):([0-9]{2}))"
)


@dataclass(frozen=True, slots=True)
class Invalid:
    """One parameter that cannot be used, and why."""

    parameter: str
    detail: str


@dataclass(frozen=True, slots=True)
class Query:
    """A validated query: typed filters, order, page, and the pairs its links repeat."""

    sections: tuple[str, ...] = ()
    edition: int | None = None
    tag: str | None = None
    words: tuple[str, ...] = ()
    published_since: int | None = None  # epoch microseconds, inclusive
    published_before: int | None = None  # exclusive
    open: bool | None = None
    upcoming: bool | None = None
    window_start: int | None = None  # events overlapping [start, end)
    window_end: int | None = None
    sort: str = "-published_at"
    limit: int = 20
    offset: int = 0
    today: date | None = None  # set when the answer depends on the day
    canonical: tuple[tuple[str, str], ...] = field(default=())


def _instant(text: str, zone: ZoneInfo) -> tuple[int, int] | None:
    """The span a date (whole local day) or an RFC 3339 date-time names, or None."""
    if (m := _DATE.fullmatch(text)) is not None:
        try:
            day = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
        end = FAR_FUTURE if day == date.max else day_start(day + timedelta(days=1), zone)
        return day_start(day, zone), end
    if (m := _DATE_TIME.fullmatch(text)) is None:
        return None
    day_text, hour, minute, second, fraction, zulu, sign, off_h, off_m = m.groups()
    try:
        offset = timedelta(0)
        if not zulu:
            if int(off_m) > 59:
                return None
            offset = timedelta(hours=int(off_h), minutes=int(off_m)) * (-1 if sign == "-" else 1)
        year, month, mday = (int(part) for part in day_text.split("-"))
        moment = datetime(
            year,
            month,
            mday,
            int(hour),
            int(minute),
            min(int(second), 59),  # a leap second (60) counts as the second before it
            int((fraction or "0")[:6].ljust(6, "0")),
            tzinfo=timezone(offset),
        )
    except ValueError:
        return None
    instant = micros(moment)
    return instant, instant + 1


class _Reader:
    """Collects the typed values of one request's parameters, and every problem."""

    def __init__(self, sections: Sequence[str], zone: ZoneInfo) -> None:
        self.sections = sections
        self.zone = zone
        self.errors: list[Invalid] = []

    def bad(self, param: Param, detail: str) -> None:
        self.errors.append(Invalid(param.name, detail))

    def integer(self, param: Param, text: str) -> int | None:
        low = param.minimum if param.minimum is not None else 0
        high = param.maximum if param.maximum is not None else MAX_NUMBER
        if _DIGITS.fullmatch(text) and low <= int(text) <= high:
            return int(text)
        self.bad(param, f"must be a whole number from {low} to {high}, not {text!r}")
        return None

    def boolean(self, param: Param, text: str) -> bool | None:
        if text in ("true", "false"):
            return text == "true"
        self.bad(param, f"must be true or false, not {text!r}")
        return None

    def text(self, param: Param, text: str) -> str | None:
        limit = param.max_length or Q_MAX
        if not text or len(text) > limit:
            self.bad(param, f"must be 1 to {limit} characters, not {len(text)}")
            return None
        if param.kind == "slug" and not _SLUG.fullmatch(text):
            self.bad(param, f"must be lower-case letters, digits and single hyphens, not {text!r}")
            return None
        return text

    def instant(self, param: Param, text: str) -> tuple[int, int] | None:
        span = _instant(text, self.zone)
        if span is None:
            self.bad(
                param,
                f"must be a date (2024-11-04) or an RFC 3339 date-time"
                f" (2024-11-04T09:00:00Z), not {text!r}",
            )
        return span

    def section(self, param: Param, values: Iterable[str]) -> tuple[str, ...]:
        found: list[str] = []
        for value in values:
            if value not in self.sections:
                self.bad(param, f"unknown section {value!r}; sections: {', '.join(self.sections)}")
            elif value not in found:
                found.append(value)
        return tuple(found)

    def sort(self, param: Param, text: str) -> str | None:
        if text in param.choices:
            return text
        self.bad(param, f"must be one of {', '.join(param.choices)}; not {text!r}")
        return None


@dataclass
class _Values:
    """The typed values read so far, by kind."""

    sections: tuple[str, ...] = ()
    numbers: dict[str, int] = field(default_factory=dict)
    flags: dict[str, bool] = field(default_factory=dict)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)

    def read(self, reader: _Reader, param: Param, text: str) -> str | None:
        """Read one value; its canonical text, or None when it is bad."""
        if param.kind == "integer":
            if (number := reader.integer(param, text)) is None:
                return None
            self.numbers[param.name] = number
            return str(number)
        if param.kind == "boolean":
            if (flag := reader.boolean(param, text)) is None:
                return None
            self.flags[param.name] = flag
        elif param.kind == "instant":
            if (span := reader.instant(param, text)) is None:
                return None
            self.spans[param.name] = span
        else:
            checked = reader.sort(param, text) if param.kind == "sort" else reader.text(param, text)
            if checked is None:
                return None
            self.texts[param.name] = checked
        return text


def parse_query(
    operation: Operation,
    pairs: Sequence[tuple[str, str]],
    *,
    sections: Sequence[str],
    zone: ZoneInfo,
    today: date,
) -> Query | list[Invalid]:
    """The typed query of these pairs, or every parameter that is wrong."""
    given: dict[str, list[str]] = {}
    for name, value in pairs:
        given.setdefault(name, []).append(value)
    reader = _Reader(sections, zone)
    takes = ", ".join(p.name for p in operation.params)
    for name in given:
        if operation.param(name) is None:
            reader.errors.append(Invalid(name, f"unknown parameter; this resource takes {takes}"))
    values = _Values()
    canonical: list[tuple[str, str]] = []
    for param in operation.params:
        texts = given.get(param.name)
        if texts is None:
            continue
        if param.repeatable:
            values.sections = reader.section(param, texts)
            canonical.extend((param.name, value) for value in values.sections)
        elif len(texts) > 1:
            reader.bad(param, f"given {len(texts)} times; it takes one value")
        elif (text := values.read(reader, param, texts[0])) is not None and text != str(
            param.default
        ):
            canonical.append((param.name, text))
    if reader.errors:
        return reader.errors
    return _query(operation, values, tuple(canonical), today)


def default_query(operation: Operation) -> Query:
    """The query of a request without parameters (the query-less document)."""
    return _query(operation, _Values(), (), None)


def _query(
    operation: Operation,
    values: _Values,
    canonical: tuple[tuple[str, str], ...],
    today: date | None,
) -> Query:
    def span(name: str, end: bool) -> int | None:
        found = values.spans.get(name)
        return found[1 if end else 0] if found is not None else None

    sort_param = operation.param("sort")
    q = values.texts.get("q")
    return Query(
        sections=values.sections,
        edition=values.numbers.get("edition"),
        tag=values.texts.get("tag"),
        words=tuple(fold(q).split()) if q is not None else (),
        published_since=span("published_since", end=False),
        published_before=span("published_until", end=True),
        open=values.flags.get("open"),
        upcoming=values.flags.get("upcoming"),
        window_start=span("from", end=False),
        window_end=span("to", end=True),
        sort=values.texts.get("sort", str(sort_param.default) if sort_param else "-published_at"),
        limit=values.numbers.get("limit", DEFAULT_LIMIT),
        offset=values.numbers.get("offset", 0),
        today=today if values.flags else None,
        canonical=canonical,
    )
