"""The API index: every item pre-serialised, with the fields the API filters and sorts on.

Takes a `Site` (`build_index`) or the JSON of a dumped index (`ApiIndex.from_json`);
gives an `ApiIndex` that answers API queries without the model: each item's JSON
bytes and its filter fields (section, edition, tags, folded search text, times
as epoch microseconds), in bulletin order. Built once per content load. The
Lambda loads it from its snapshot directory, so this module and what it imports
stay free of YAML, Markdown and feed libraries.
"""

from __future__ import annotations

import json
import re
import threading
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from feeds.api.encode import dumps
from feeds.api.objects import edition_summary, item_object
from feeds.models import Item, Site

__all__ = [
    "FAR_FUTURE",
    "NEVER",
    "SORT_FIELDS",
    "ApiIndex",
    "EditionRow",
    "ItemRow",
    "build_index",
    "day_start",
    "fold",
    "item_row",
    "micros",
]

INDEX_FORMAT = 1
SORT_FIELDS = ("published_at", "title", "deadline", "event.start")
FAR_FUTURE = 2**62  # microseconds: later than any date Python can hold
NEVER = datetime(1970, 1, 1, tzinfo=UTC)  # Last-Modified of an empty archive
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
# Typographic quotes and dashes fold to their ASCII forms, so `LGA's` finds `LGA’s`.
_NON_ASCII = re.compile("[^\x00-\x7f]")
_PUNCTUATION = tuple(zip("‘’‚‛“”„‟–—‐‑", "''''\"\"\"\"----", strict=True))


def fold(text: str) -> str:
    """Text for matching: case-folded, accents stripped (NFKD), ASCII quotes and dashes."""
    folded = text.casefold()
    for typographic, plain in _PUNCTUATION:
        if typographic in folded:  # str.translate is slow on long text
            folded = folded.replace(typographic, plain)
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    return _NON_ASCII.sub(_drop_combining, decomposed)


def _drop_combining(match: re.Match[str]) -> str:
    return "" if unicodedata.combining(match[0]) else match[0]


def micros(moment: datetime) -> int:
    """Microseconds since the Unix epoch (no overflow for any aware datetime)."""
    return (moment - _EPOCH) // _MICROSECOND


def day_start(day: date, zone: ZoneInfo) -> int:
    """When a local day begins, in epoch microseconds; FAR_FUTURE after date.max."""
    return micros(datetime.combine(day, time(), tzinfo=zone))


def _day_end(day: date, zone: ZoneInfo) -> int:
    return FAR_FUTURE if day == date.max else day_start(day + timedelta(days=1), zone)


@dataclass(frozen=True, slots=True)
class ItemRow:
    """One item: its JSON bytes and what queries look at."""

    id: str
    section: str
    edition: int
    tags: tuple[str, ...]
    text: str  # folded title, summary and body, for `q`
    title_key: str  # folded title, for sort=title
    published: int  # epoch microseconds
    deadline: str | None  # ISO date; ISO dates compare as strings
    event_start: int | None  # epoch microseconds; a day's start for all-day events
    event_end: int | None  # exclusive: just after the last moment (or day) of the event
    json: bytes

    def dump(self) -> list[Any]:
        """The row as a JSON array (compact for the dumped index)."""
        return [
            self.id,
            self.section,
            self.edition,
            list(self.tags),
            self.text,
            self.title_key,
            self.published,
            self.deadline,
            self.event_start,
            self.event_end,
            self.json.decode(),
        ]

    @classmethod
    def load(cls, row: list[Any]) -> ItemRow:
        """A row from its JSON array."""
        (
            ident,
            section,
            edition,
            tags,
            text,
            title_key,
            published,
            deadline,
            start,
            end,
            fragment,
        ) = row
        return cls(
            ident,
            section,
            edition,
            tuple(tags),
            text,
            title_key,
            published,
            deadline,
            start,
            end,
            fragment.encode(),
        )


@dataclass(frozen=True, slots=True)
class EditionRow:
    """One edition as it appears in the list of editions."""

    number: int
    json: bytes


class ApiIndex:
    """Every item and edition of a site, ready for API queries."""

    def __init__(
        self,
        *,
        base_url: str,
        timezone: str,
        modified: datetime | None,
        content_version: str,
        sections: tuple[str, ...],
        items: tuple[ItemRow, ...],
        editions: tuple[EditionRow, ...],
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timezone = timezone
        self.zone = ZoneInfo(timezone)
        self.modified = modified
        self.content_version = content_version
        self.sections = sections
        self.items = items
        self.editions = editions
        self.by_id = {row.id: rank for rank, row in enumerate(items)}
        self.by_section: dict[str, list[int]] = {slug: [] for slug in sections}
        self.by_edition: dict[int, list[int]] = {}
        self.by_tag: dict[str, list[int]] = {}
        self.with_event: list[int] = []
        for rank, row in enumerate(items):
            self.by_section.setdefault(row.section, []).append(rank)
            self.by_edition.setdefault(row.edition, []).append(rank)
            for tag in row.tags:
                self.by_tag.setdefault(tag, []).append(rank)
            if row.event_start is not None:
                self.with_event.append(rank)
        self._orders: dict[str, tuple[list[int], list[int]]] = {}
        self._bulletin: dict[str, bool] = {}
        self._lock = threading.Lock()

    def url(self, path: str) -> str:
        """The absolute public URL of a root-relative path."""
        return self.base_url + "/" + path.lstrip("/")

    def order(self, sort: str) -> tuple[list[int], list[int]]:
        """Ranks in `sort` order (`-` prefix: descending), and each rank's place in it."""
        found = self._orders.get(sort)
        if found is None:
            with self._lock:
                found = self._orders.get(sort) or self._sort(sort)
                self._orders[sort] = found
        return found

    def is_bulletin_order(self, sort: str) -> bool:
        """True when `sort` orders items exactly as the bulletin does (the usual default)."""
        found = self._bulletin.get(sort)
        if found is None:
            ranks, _ = self.order(sort)
            found = self._bulletin[sort] = all(rank == place for place, rank in enumerate(ranks))
        return found

    def _sort(self, sort: str) -> tuple[list[int], list[int]]:
        descending = sort.startswith("-")
        field = sort.lstrip("-")
        key = _SORT_KEYS[field]
        keyed = [(key(row), rank) for rank, row in enumerate(self.items)]
        present = [pair for pair in keyed if pair[0] is not None]
        # Stable sorts keep bulletin order (rank) among equal keys, even when reversed;
        # items without the key come last either way.
        present.sort(key=lambda pair: pair[0], reverse=descending)
        ranks = [rank for _, rank in present] + [rank for k, rank in keyed if k is None]
        places = [0] * len(ranks)
        for place, rank in enumerate(ranks):
            places[rank] = place
        return ranks, places

    def to_json(self) -> bytes:
        """The whole index as JSON, for a snapshot directory."""
        return json.dumps(
            {
                "format": INDEX_FORMAT,
                "base_url": self.base_url,
                "timezone": self.timezone,
                "modified": self.modified.isoformat() if self.modified else None,
                "content_version": self.content_version,
                "sections": list(self.sections),
                "editions": [[e.number, e.json.decode()] for e in self.editions],
                "items": [row.dump() for row in self.items],
            },
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode()

    @classmethod
    def from_json(cls, data: bytes | str) -> ApiIndex:
        """An index from `to_json` output; ValueError when it is not one."""
        raw = json.loads(data)
        if not isinstance(raw, dict) or raw.get("format") != INDEX_FORMAT:
            raise ValueError(f"not an API index of format {INDEX_FORMAT}")
        modified = raw["modified"]
        return cls(
            base_url=raw["base_url"],
            timezone=raw["timezone"],
            modified=datetime.fromisoformat(modified) if modified else None,
            content_version=raw["content_version"],
            sections=tuple(raw["sections"]),
            items=tuple(ItemRow.load(row) for row in raw["items"]),
            editions=tuple(EditionRow(number, text.encode()) for number, text in raw["editions"]),
        )


_SORT_KEYS: dict[str, Any] = {
    "published_at": lambda row: row.published,
    "title": lambda row: row.title_key,
    "deadline": lambda row: row.deadline,
    "event.start": lambda row: row.event_start,
}


def _event_span(item: Item, zone: ZoneInfo) -> tuple[int | None, int | None]:
    event = item.event
    if event is None:
        return None, None
    if isinstance(event.start, datetime):
        last = event.end if isinstance(event.end, datetime) else event.start
        return micros(event.start), micros(last) + 1
    last_day = event.end if event.end is not None else event.start
    return day_start(event.start, zone), _day_end(last_day, zone)


def item_row(site: Site, item: Item, zone: ZoneInfo) -> ItemRow:
    """The index row of one item."""
    start, end = _event_span(item, zone)
    return ItemRow(
        id=item.id,
        section=item.section,
        edition=item.edition,
        tags=item.tags,
        text=fold("\n".join((item.title, item.summary, item.body_text))),
        title_key=fold(item.title),
        published=micros(item.published),
        deadline=item.deadline.isoformat() if item.deadline is not None else None,
        event_start=start,
        event_end=end,
        json=dumps(item_object(site, item)),
    )


def build_index(site: Site) -> ApiIndex:
    """The index of a loaded site."""
    zone = ZoneInfo(site.timezone)
    return ApiIndex(
        base_url=site.base_url,
        timezone=site.timezone,
        modified=site.modified,
        content_version=site.content_version,
        sections=tuple(section.slug for section in site.sections),
        items=tuple(item_row(site, item, zone) for item in site.items),
        editions=tuple(
            EditionRow(e.number, dumps(edition_summary(site, e))) for e in site.editions
        ),
    )
