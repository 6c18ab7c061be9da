"""The ASGI application: one factory and a readable list of routes.

Takes a `ResourceSource` (the snapshot of rendered resources), `Settings`, and
for the API its index, report reader and clock; gives an ASGI app. Layers,
outermost first:

1. `ErrorGuard`: an unexpected exception becomes a 500 with no-store.
2. `StripHeadBody`: HEAD never carries a body, whatever the server (Mangum sends one).
3. `SnapshotFastPath`: GET/HEAD of every snapshot path, answered from memory with
   headers built once (a query-less API list carries its own Link and X-Total-Count).
4. `ApiCors`: CORS on every API response and the preflight answer.
5. Starlette: /healthz, API queries (`feeds.web.api`), and the 404, 405 and 500
   answers (its own 500 handler, since Starlette answers before `ErrorGuard` sees it).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from feeds.api.index import ApiIndex
from feeds.api.reports import LocalReportReader, ReportReader
from feeds.settings import Settings
from feeds.snapshot import ResourceSource
from feeds.web.api import ApiEndpoints
from feeds.web.cors import ApiCors, is_api
from feeds.web.fastpath import SnapshotFastPath
from feeds.web.problems import ALLOW, ErrorGuard, problem_response, server_error
from feeds.web.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["NOT_FOUND_PAGE", "StripHeadBody", "create_app"]

NOT_FOUND_PAGE = "/404.html"  # rendered with the pages; static hosts serve it the same way


class StripHeadBody:
    """ASGI: drop the body of every answer to HEAD, keeping its headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app(scope, receive, send_headers_only)


def _utc_now() -> datetime:
    return datetime.now(UTC)


def create_app(
    source: ResourceSource,
    settings: Settings,
    *,
    use_gzip: bool = True,
    api: ApiIndex | None = None,
    reports: ReportReader | None = None,
    clock: Callable[[], datetime] = _utc_now,
) -> ASGIApp:
    """The whole web app over one snapshot; `use_gzip=False` where a CDN compresses.

    `api` answers API queries (without it only the API's snapshot documents are
    served); `reports` defaults to `settings.report_dir`; `clock` says what day it is.
    """

    async def healthz(request: Request) -> Response:
        body = {"status": "ok", "content_version": source.content_version}
        return JSONResponse(body, headers={"Cache-Control": "no-store"})

    async def not_found(request: Request, exc: Exception) -> Response:
        path = request.url.path
        if is_api(path):
            detail = f"There is no API resource at {path}. See /api/v1 for what there is."
            return _problem(404, detail, path)
        page = source.get(NOT_FOUND_PAGE)
        if page is None:
            return Response("Not found\n", 404, media_type="text/plain")
        return Response(page.body, 404, media_type=page.media_type, headers=_short_cache())

    async def method_not_allowed(request: Request, exc: Exception) -> Response:
        detail = f"{request.method} is not allowed here; use GET or HEAD"
        headers = {"Allow": ALLOW.decode()}
        if is_api(request.url.path):
            return _problem(405, detail, request.url.path, headers)
        return Response(detail + "\n", 405, media_type="text/plain", headers=headers)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if exc.status_code == 404:
            return await not_found(request, exc)
        if exc.status_code == 405:
            return await method_not_allowed(request, exc)
        if is_api(request.url.path):
            return _problem(exc.status_code, str(exc.detail), request.url.path)
        return Response(str(exc.detail) + "\n", exc.status_code, media_type="text/plain")

    routes: list[BaseRoute] = [
        Route("/healthz", healthz, methods=["GET"]),
    ]
    if api is not None:
        reader = reports or LocalReportReader(settings.report_dir)
        routes += ApiEndpoints(source, api, reader, clock).routes()
    starlette = Starlette(
        routes=routes, exception_handlers={HTTPException: http_error, Exception: server_error}
    )
    # A redirect to the other slash form would be built from the Host header; 404 instead.
    starlette.router.redirect_slashes = False
    fast = SnapshotFastPath(source, ApiCors(starlette), use_gzip=use_gzip)
    return ErrorGuard(StripHeadBody(fast))


def _short_cache() -> dict[str, str]:
    return {"Cache-Control": "public, max-age=60"}


def _problem(
    status: int, detail: str, instance: str, headers: dict[str, str] | None = None
) -> Response:
    return problem_response(status, detail, instance=instance, headers=headers)
