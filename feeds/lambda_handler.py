"""AWS Lambda entry points: `http` (the web app through Mangum) and `check_links`.

An edge, like the CLI: settings are read once from the environment at import,
while Lambda initialises the container. `http` serves the snapshot written at
package time (`FEEDS_SNAPSHOT_DIR`, see `feeds.snapshot_disk`), so a cold start
parses no YAML and renders nothing; without one it falls back to loading the
content directory. The API's item index is loaded on the first request that
needs it (a query, the link report, an API error), not at cold start:
it grows with the archive, and most requests are for feeds and pages.
`check_links` runs the link check within the time the invocation has left,
writes the report and history to the report store (S3 when
`FEEDS_REPORT_BUCKET` is set) and leaves unchecked links to the next run.
This is the only module that imports Mangum. See docs/deployment.md.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, cast

from mangum import Mangum
from mangum.adapter import DEFAULT_TEXT_MIME_TYPES
from mangum.types import ASGI

from feeds.settings import Settings
from feeds.snapshot_disk import INDEX, DiskSnapshot
from feeds.web import create_app
from feeds.web.cors import is_api
from feeds.web.problems import ErrorGuard
from feeds.web.types import ASGIApp, Receive, Scope, Send

if TYPE_CHECKING:
    from feeds.api.index import ApiIndex
    from feeds.snapshot import ResourceSource

__all__ = [
    "TEXT_MIME_TYPES",
    "ApiOnDemand",
    "check_budget",
    "check_links",
    "http",
    "load_source",
    "make_app",
    "run_check",
    "settings",
]

log = logging.getLogger("feeds.lambda")

# Mangum matches these as substrings of Content-Type; a list given replaces its
# defaults, so the defaults are kept and feeds (`application/atom+xml`,
# `application/rss+xml`), JSON Feed and problem+json (`+json`) are added: anything
# else comes back base64-encoded. iCalendar is `text/calendar`, covered by `text/`.
TEXT_MIME_TYPES = [*DEFAULT_TEXT_MIME_TYPES, "+xml", "+json"]
WRITE_MARGIN_S = 15.0  # writing the report and the history to S3, with room to spare
MIN_BUDGET_S = 1.0

IndexLoader = Callable[[], "ApiIndex | None"]


def load_source(settings: Settings) -> tuple[ResourceSource, IndexLoader]:
    """The snapshot on disk when there is one, else the content loaded and rendered.

    Returns the source and a function that loads the API index (None when the
    snapshot was written without one).
    """
    directory = settings.snapshot_dir
    if directory is not None and (directory / INDEX).is_file():
        disk = DiskSnapshot(directory)
        if settings.base_url is None or settings.base_url == disk.base_url:
            return disk, lambda: _index_from(disk)
        # Feeds carry absolute URLs: a snapshot rendered for another URL would point
        # readers elsewhere, so serve correct bytes slowly rather than wrong ones fast.
        log.warning(
            "the snapshot at %s was rendered for %s, not FEEDS_BASE_URL %s; loading %s instead",
            directory,
            disk.base_url,
            settings.base_url,
            settings.content_dir,
        )
    elif directory is not None:
        log.warning("no snapshot at %s; loading %s instead", directory, settings.content_dir)
    # Only on this path: these imports parse YAML and load the feed libraries.
    from feeds.api.index import build_index
    from feeds.content import load_site
    from feeds.snapshot import build_snapshot

    site = load_site(settings.content_dir, settings.base_url)
    return build_snapshot(site, settings), lambda: build_index(site)


def _index_from(disk: DiskSnapshot) -> ApiIndex | None:
    from feeds.api.index import ApiIndex

    data = disk.api_index()
    return ApiIndex.from_json(data) if data is not None else None


class ApiOnDemand:
    """ASGI: the app without the API index, until a request needs it; then the full app.

    Snapshot resources (feeds, pages, API documents) are the same bytes in both;
    API queries, the link report and API errors need the
    index, so those requests build the full app, once.
    """

    def __init__(self, source: ResourceSource, plain: ASGIApp, full: Callable[[], ASGIApp]) -> None:
        self.source = source
        self.plain = plain
        self._build_full = full
        self._full: ASGIApp | None = None

    def needs_index(self, scope: Scope) -> bool:
        """True when the answer to this request depends on the API index."""
        path: str = scope["path"]
        if not is_api(path) or scope["method"] == "OPTIONS":
            return False
        if scope["method"] not in ("GET", "HEAD"):
            return path not in self.source
        return bool(scope["query_string"]) or path not in self.source

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.needs_index(scope):
            await self.plain(scope, receive, send)
            return
        if self._full is None:
            self._full = self._build_full()
        await self._full(scope, receive, send)


def make_app(settings: Settings) -> ASGIApp:
    """The web app as the Lambda serves it: no gzip, and the API index on demand."""
    source, load_index = load_source(settings)

    def full() -> ASGIApp:
        index = load_index()
        reports = None
        if settings.report_bucket:
            from feeds.linkcheck.store import open_store

            reports = open_store(settings)
        return create_app(source, settings, use_gzip=False, api=index, reports=reports)

    # No gzip: CloudFront compresses, and API Gateway would base64 a gzip body.
    # ErrorGuard: a failure to load the index is a 500 problem, not a crashed invocation.
    return ErrorGuard(ApiOnDemand(source, create_app(source, settings, use_gzip=False), full))


def check_budget(remaining_ms: int, settings: Settings) -> float:
    """Seconds the check may run: the invocation's remaining time less a safety margin.

    The margin lets links already in flight finish (each within the per-link
    deadline) and the report and history be written before Lambda stops the run.
    """
    margin = settings.link_deadline + WRITE_MARGIN_S
    return max(remaining_ms / 1000 - margin, MIN_BUDGET_S)


def run_check(settings: Settings, remaining_ms: Callable[[], int]) -> dict[str, Any]:
    """Load the content, check its links within the budget, store the report; a summary."""
    from feeds.content import load_site
    from feeds.linkcheck import CheckPolicy, open_store, run_link_check

    site = load_site(settings.content_dir, settings.base_url)
    # Measured after loading the content, which took some of the time left.
    budget = check_budget(remaining_ms(), settings)
    policy = CheckPolicy.from_settings(
        settings.with_values({"link_budget": budget}), site_url=site.base_url
    )
    report = run_link_check(site, policy, open_store(settings))
    summary = {
        "generated_at": report.generated_at.isoformat(),
        "budget_seconds": round(budget, 1),
        "links": len(report.links),
        "summary": report.summary,
    }
    log.info("link check done: %s", summary)
    return summary


settings = Settings.from_env(os.environ)
# Mangum's protocol wants a coroutine function; any ASGI callable returning an
# awaitable is one in practice.
http = Mangum(cast(ASGI, make_app(settings)), lifespan="off", text_mime_types=TEXT_MIME_TYPES)


def check_links(event: Mapping[str, Any], context: Any) -> dict[str, Any]:
    """Scheduled: check the links within the invocation's remaining time; store the report."""
    # In a thread of its own: the check's asyncio.run() clears the calling thread's
    # event loop when it ends, and Mangum (`http`, built at import) runs on this one.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="check-links") as pool:
        return pool.submit(run_check, settings, context.get_remaining_time_in_millis).result()
