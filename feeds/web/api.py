"""The API's Starlette endpoints: lists computed from the API index, documents from the snapshot.

Takes the `ResourceSource`, an `ApiIndex`, a `ReportReader` and a clock; gives
the routes under /api/v1. Query-less documents are answered ahead of routing by
the fast path, so these endpoints see requests with a query string (validated,
and computed when the resource is a list), the paths the snapshot lacks (404),
and the link report. Every 200 carries a strong ETag of its bytes and
Last-Modified, and honours If-None-Match / If-Modified-Since.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime, time, timedelta
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from feeds.api.index import NEVER, ApiIndex
from feeds.api.objects import API_ROOT
from feeds.api.params import EDITIONS, EVENTS, ITEMS, Operation
from feeds.api.query import Page, edition_page, item_page, page_headers
from feeds.api.reports import ReportReader, report_document
from feeds.api.validate import Invalid, Query, parse_query
from feeds.exceptions import StoreError
from feeds.resource import API_CACHE
from feeds.snapshot import ResourceSource
from feeds.web.answers import Answer, PageCache, day_cache_control
from feeds.web.problems import NO_STORE, bad_parameters, problem_response
from feeds.web.types import Headers

__all__ = ["LINK_REPORT_CACHE", "ApiEndpoints"]

log = logging.getLogger("feeds.web")

LINK_REPORT_CACHE = "public, max-age=60, s-maxage=300"
NO_PARAMETERS = "unknown parameter; this resource takes no parameters"
Clock = Callable[[], datetime]


def _pairs(request: Request) -> list[tuple[str, str]]:
    query: bytes = request.scope["query_string"]
    return parse_qsl(query.decode("latin-1"), keep_blank_values=True) if query else []


def _problems(errors: Sequence[Invalid]) -> list[dict[str, str]]:
    return [{"parameter": e.parameter, "detail": e.detail} for e in errors]


def _page_headers(page: Page) -> Headers:
    return [(name.lower().encode(), value.encode()) for name, value in page_headers(page)]


class ApiEndpoints:
    """The endpoints of /api/v1 over one snapshot and one index."""

    def __init__(
        self, source: ResourceSource, index: ApiIndex, reports: ReportReader, clock: Clock
    ) -> None:
        self.source = source
        self.index = index
        self.reports = reports
        self.clock = clock
        self.modified = index.modified or NEVER
        self.pages = PageCache()

    def routes(self) -> list[BaseRoute]:
        """The API routes: the computed lists first, as they are the ones routing sees most."""
        get = ["GET"]  # Starlette adds HEAD to every GET route
        return [
            Route(ITEMS.path, self.items, methods=get),
            Route(EVENTS.path, self.events, methods=get),
            Route(EDITIONS.path, self.editions, methods=get),
            Route(f"{API_ROOT}/link-report", self.link_report, methods=get),
            Route(API_ROOT, self.document, methods=get),
            Route(f"{API_ROOT}/openapi.json", self.document, methods=get),
            Route(f"{API_ROOT}/sections", self.document, methods=get),
            Route(f"{API_ROOT}/sections/{{slug}}", self.document, methods=get),
            Route(f"{API_ROOT}/editions/latest", self.document, methods=get),
            Route(f"{API_ROOT}/editions/{{number}}", self.document, methods=get),
            Route(f"{API_ROOT}/items/{{id}}", self.document, methods=get),
        ]

    def _now(self) -> datetime:
        return self.clock().astimezone(self.index.zone)

    async def items(self, request: Request) -> Response:
        """/items: filtered, searched, sorted and paginated."""
        return self._list(request, ITEMS, lambda query: item_page(self.index, ITEMS, query))

    async def events(self, request: Request) -> Response:
        """/events: items with an event, by start."""
        return self._list(request, EVENTS, lambda query: item_page(self.index, EVENTS, query))

    async def editions(self, request: Request) -> Response:
        """/editions: a page of edition summaries, newest first."""
        return self._list(request, EDITIONS, lambda query: edition_page(self.index, query))

    def _list(
        self, request: Request, operation: Operation, compute: Callable[[Query], Page]
    ) -> Response:
        # Answers are kept by the raw query string: a repeated query (an embedded
        # widget's) is a lookup. One that depends on the day is kept for that day.
        key = (operation.path, request.scope["query_string"])
        answer = self.pages.get(key)
        now = None
        if answer is not None and answer.today is not None:
            now = self._now()
            if answer.today != now.date():
                answer = None
        if answer is None:
            now = now or self._now()
            index = self.index
            query = parse_query(
                operation,
                _pairs(request),
                sections=index.sections,
                zone=index.zone,
                today=now.date(),
            )
            if isinstance(query, list):
                return bad_parameters(_problems(query), request.scope["path"])
            answer = self._answer(query, compute(query))
            self.pages.put(key, answer)
        if answer.today is None:
            return answer.respond(request)
        assert now is not None
        next_day = datetime.combine(
            answer.today + timedelta(days=1), time(), tzinfo=self.index.zone
        )
        return answer.respond(request, day_cache_control(now, next_day))

    def _answer(self, query: Query, page: Page) -> Answer:
        if query.today is None:
            return Answer(
                page.body, self.modified, cache_control=API_CACHE, extra=_page_headers(page)
            )
        # The answer changes at midnight even when the content does not.
        midnight = datetime.combine(query.today, time(), tzinfo=self.index.zone)
        modified = max(self.modified, midnight)
        return Answer(page.body, modified, extra=_page_headers(page), today=query.today)

    async def document(self, request: Request) -> Response:
        """A query-less document asked for with a query (400), or one that does not exist (404)."""
        path: str = request.scope["path"]
        resource = self.source.get(path)
        if resource is None:
            return self._missing(request, path)
        pairs = _pairs(request)
        if pairs:
            errors = [{"parameter": name, "detail": NO_PARAMETERS} for name in dict(pairs)]
            return bad_parameters(errors, path)
        answer = Answer(
            resource.body,
            resource.modified,
            etag=resource.etag,
            cache_control=resource.cache_control,
        )
        return answer.respond(request)

    def _missing(self, request: Request, path: str) -> Response:
        params = request.path_params
        if "id" in params:
            detail = f"There is no item {params['id']!r}."
        elif "number" in params:
            detail = f"There is no edition {params['number']!r}."
        elif "slug" in params:
            detail = f"There is no section {params['slug']!r}; see {API_ROOT}/sections."
        elif path.endswith("/latest"):
            detail = "No edition has been published yet."
        else:
            detail = f"There is no API resource at {path}."
        return problem_response(404, detail, instance=path)

    async def link_report(self, request: Request) -> Response:
        """/link-report: the latest link check, in the envelope."""
        path: str = request.scope["path"]
        pairs = _pairs(request)
        if pairs:
            errors = [{"parameter": name, "detail": NO_PARAMETERS} for name in dict(pairs)]
            return bad_parameters(errors, path)
        try:
            report = self.reports.latest()
            if report is None:
                detail = "No link check has run yet: there is no report to show."
                return problem_response(404, detail, instance=path)
            body, generated = report_document(report, self.index.url(path))
        except StoreError:
            log.exception("cannot read the link report")
            detail = "The link report cannot be read just now; try again later."
            return problem_response(503, detail, instance=path, cache_control=NO_STORE)
        answer = Answer(body, generated or self.clock(), cache_control=LINK_REPORT_CACHE)
        return answer.respond(request)
