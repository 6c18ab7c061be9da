"""Answering list queries from the API index: filter, sort, page, and assemble the JSON.

Takes an `ApiIndex` and a validated `Query`; gives a `Page`: the envelope's bytes
(joined from pre-serialised item fragments), the total, and the page links that
also go in the `Link` header. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from feeds.api.encode import dumps_plain
from feeds.api.index import ApiIndex, ItemRow, day_start
from feeds.api.params import EDITIONS, Operation
from feeds.api.validate import Query

__all__ = [
    "Page",
    "edition_page",
    "item_page",
    "list_envelope",
    "page_headers",
    "page_links",
    "select",
]


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a list: its JSON bytes, the total and its links by relation."""

    body: bytes
    total: int
    links: dict[str, str]


def page_headers(page: Page) -> tuple[tuple[str, str], ...]:
    """A page's RFC 8288 `Link` header and its `X-Total-Count`."""
    link = ", ".join(f'<{url}>; rel="{rel}"' for rel, url in page.links.items())
    return (("Link", link), ("X-Total-Count", str(page.total)))


def _candidates(index: ApiIndex, query: Query, events_only: bool) -> Sequence[int] | None:
    """Ranks that pass the posting-list filters, in bulletin order; None means every item."""
    lists: list[Sequence[int]] = []
    if events_only:
        lists.append(index.with_event)
    if query.sections:
        if len(query.sections) == 1:
            lists.append(index.by_section.get(query.sections[0], []))
        else:
            merged = {r for slug in query.sections for r in index.by_section.get(slug, [])}
            lists.append(sorted(merged))
    if query.edition is not None:
        lists.append(index.by_edition.get(query.edition, []))
    if query.tag is not None:
        lists.append(index.by_tag.get(query.tag, []))
    if not lists:
        return None
    lists.sort(key=len)
    if len(lists) == 1:
        return lists[0]
    keep = set(lists[0]).intersection(*lists[1:])
    return [rank for rank in lists[0] if rank in keep]


def _passes(row: ItemRow, query: Query, today: str | None, midnight: int | None) -> bool:
    if query.published_since is not None and row.published < query.published_since:
        return False
    if query.published_before is not None and row.published >= query.published_before:
        return False
    if query.open is not None and (
        row.deadline is None or (row.deadline >= (today or "")) != query.open
    ):
        return False
    if query.window_start is not None or query.window_end is not None or midnight is not None:
        if row.event_start is None or row.event_end is None:
            return False
        if query.window_start is not None and row.event_end <= query.window_start:
            return False
        if query.window_end is not None and row.event_start >= query.window_end:
            return False
        if midnight is not None and (row.event_end > midnight) != query.upcoming:
            return False
    return all(word in row.text for word in query.words)


def _filtered(query: Query) -> bool:
    return bool(query.words) or any(
        bound is not None
        for bound in (
            query.published_since,
            query.published_before,
            query.open,
            query.upcoming,
            query.window_start,
            query.window_end,
        )
    )


def select(index: ApiIndex, query: Query, *, events_only: bool = False) -> Sequence[int]:
    """The ranks of every item the query matches, in the query's order."""
    candidates = _candidates(index, query, events_only)
    ranks: Sequence[int] = range(len(index.items)) if candidates is None else candidates
    filtered = _filtered(query)
    if filtered:
        today = query.today.isoformat() if query.today is not None else None
        midnight = None
        if query.upcoming is not None and query.today is not None:
            midnight = day_start(query.today, index.zone)
        rows = index.items
        ranks = [r for r in ranks if _passes(rows[r], query, today, midnight)]
    if index.is_bulletin_order(query.sort):
        return ranks  # posting lists and filters keep bulletin order
    order, places = index.order(query.sort)
    if candidates is None and not filtered:
        return order
    return sorted(ranks, key=places.__getitem__)


def page_links(
    index: ApiIndex, path: str, canonical: Sequence[tuple[str, str]], query: Query, total: int
) -> dict[str, str]:
    """self, first, last, and prev/next where they exist: absolute URLs."""
    base = urlencode([(k, v) for k, v in canonical if k != "offset"], quote_via=quote, safe=":")
    start = index.url(path) + ("?" + base if base else "")
    joiner = "&" if base else "?"

    def url(offset: int) -> str:
        return f"{start}{joiner}offset={offset}" if offset else start

    last = max(0, (total - 1) // query.limit * query.limit)
    links = {"self": url(query.offset), "first": url(0), "last": url(last)}
    if query.offset > 0:
        links["prev"] = url(min(max(0, query.offset - query.limit), last))
    if query.offset + query.limit < total:
        links["next"] = url(query.offset + query.limit)
    return links


def list_envelope(data: list[bytes], links: dict[str, str], total: int, query: Query) -> bytes:
    """The envelope of one page of a list, around its items' JSON fragments."""
    meta = {"total": total, "limit": query.limit, "offset": query.offset}
    # The bytes `dumps` would give for the whole envelope, joined once: a page is big,
    # and every copy of it costs more than building the small parts around it.
    parts = [b'{"data":[']
    for number, fragment in enumerate(data):
        if number:
            parts.append(b",")
        parts.append(fragment)
    parts += (b'],"links":', dumps_plain(links), b',"meta":', dumps_plain(meta), b"}")
    return b"".join(parts)


def _page(index: ApiIndex, path: str, query: Query, total: int, chosen: list[bytes]) -> Page:
    links = page_links(index, path, query.canonical, query, total)
    return Page(list_envelope(chosen, links, total, query), total, links)


def item_page(index: ApiIndex, operation: Operation, query: Query) -> Page:
    """One page of /items or /events."""
    ranks = select(index, query, events_only=operation.events_only)
    rows = index.items
    chosen = [rows[r].json for r in ranks[query.offset : query.offset + query.limit]]
    return _page(index, operation.path, query, len(ranks), chosen)


def edition_page(index: ApiIndex, query: Query) -> Page:
    """One page of /editions, newest first."""
    chosen = [e.json for e in index.editions[query.offset : query.offset + query.limit]]
    return _page(index, EDITIONS.path, query, len(index.editions), chosen)
