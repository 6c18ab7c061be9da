"""The ASGI application: one factory and a readable list of routes.

Takes a `ResourceSource` (the snapshot of rendered resources) and `Settings`;
gives an ASGI app. Layers, outermost first:

1. `ErrorGuard`: an unexpected exception becomes a 500 with no-store.
2. `StripHeadBody`: HEAD never carries a body, whatever the server (Mangum sends one).
3. `SnapshotFastPath`: GET/HEAD of every snapshot path, answered from memory.
4. `ApiCors`: CORS on every API response and the preflight answer.
5. Starlette: /healthz, API queries, and the 404 and 405 answers.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from feeds.settings import Settings
from feeds.snapshot import ResourceSource
from feeds.web.cors import ApiCors, is_api
from feeds.web.fastpath import SnapshotFastPath
from feeds.web.problems import ALLOW, PROBLEM_JSON, ErrorGuard, problem_body
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


def create_app(
    source: ResourceSource,
    settings: Settings,
    *,
    use_gzip: bool = True,
) -> ASGIApp:
    """The whole web app over one snapshot; `use_gzip=False` where a CDN compresses."""

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
    starlette = Starlette(routes=routes, exception_handlers={HTTPException: http_error})
    fast = SnapshotFastPath(source, ApiCors(starlette), use_gzip=use_gzip)
    return ErrorGuard(StripHeadBody(fast))


def _short_cache() -> dict[str, str]:
    return {"Cache-Control": "public, max-age=60"}


def _problem(
    status: int, detail: str, instance: str, headers: dict[str, str] | None = None
) -> Response:
    body = problem_body(status, detail, instance=instance)
    merged = {**_short_cache(), **(headers or {})}
    return Response(body, status, media_type=PROBLEM_JSON, headers=merged)
