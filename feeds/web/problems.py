"""Error answers, built in one place: problem+json (RFC 9457) under /api, HTML elsewhere.

Every error a client can cause gets a 4xx from here; an unexpected exception gets
a 500 from `ErrorGuard`, with `Cache-Control: no-store` so no cache keeps it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from feeds.web.cors import cors_headers, is_api
from feeds.web.types import ASGIApp, Headers, Message, Receive, Scope, Send

__all__ = [
    "NO_STORE",
    "PROBLEM_JSON",
    "ErrorGuard",
    "ParameterError",
    "bad_parameters",
    "method_not_allowed",
    "problem_body",
    "problem_response",
    "send_problem",
    "server_error",
]

log = logging.getLogger("feeds.web")

PROBLEM_JSON = "application/problem+json"
_PROBLEM_TYPE = PROBLEM_JSON + "; charset=utf-8"
ERROR_CACHE = b"public, max-age=60"
NO_STORE = b"no-store"
ALLOW = b"GET, HEAD"


ParameterError = Mapping[str, str]  # {"parameter": name, "detail": what is wrong}


def problem_body(
    status: int,
    detail: str,
    *,
    instance: str | None = None,
    errors: Sequence[ParameterError] = (),
) -> bytes:
    """The JSON body of a problem: type, title, status, detail, and `errors` when given."""
    problem: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if instance is not None:
        problem["instance"] = instance
    if errors:
        problem["errors"] = [dict(e) for e in errors]
    return json.dumps(problem, ensure_ascii=False, indent=2).encode() + b"\n"


def problem_response(
    status: int,
    detail: str,
    *,
    instance: str | None = None,
    errors: Sequence[ParameterError] = (),
    headers: Mapping[str, str] | None = None,
    cache_control: bytes = ERROR_CACHE,
) -> Response:
    """A problem+json Response, for Starlette endpoints and handlers."""
    body = problem_body(status, detail, instance=instance, errors=errors)
    merged = {"Cache-Control": cache_control.decode(), **(headers or {})}
    return Response(body, status, media_type=_PROBLEM_TYPE, headers=merged)


def bad_parameters(errors: Sequence[ParameterError], instance: str) -> Response:
    """400: every query parameter that cannot be used, each named in `errors`."""
    count = len(errors)
    detail = (
        f"{count} query parameter{'s' if count != 1 else ''} cannot be used:"
        f" {', '.join(dict.fromkeys(e['parameter'] for e in errors))}."
    )
    return problem_response(400, detail, instance=instance, errors=errors)


async def server_error(request: Request, exc: Exception) -> Response:
    """Starlette's 500 handler: a problem under /api, plain text elsewhere; cached nowhere."""
    path = request.scope["path"]
    if is_api(path):
        detail = "An internal error occurred."
        return problem_response(500, detail, instance=path, cache_control=NO_STORE)
    return Response(
        "Internal server error\n",
        500,
        media_type="text/plain",
        headers={"Cache-Control": NO_STORE.decode()},
    )


async def send_problem(
    send: Send,
    status: int,
    detail: str,
    *,
    instance: str | None = None,
    errors: Sequence[ParameterError] = (),
    headers: Sequence[tuple[bytes, bytes]] = (),
    cache_control: bytes = ERROR_CACHE,
    head: bool = False,
) -> None:
    """Send a problem+json response, with CORS (it is only used under /api)."""
    body = problem_body(status, detail, instance=instance, errors=errors)
    start: Message = {
        "type": "http.response.start",
        "status": status,
        "headers": [
            (b"content-type", _PROBLEM_TYPE.encode()),
            (b"content-length", str(len(body)).encode()),
            (b"cache-control", cache_control),
            *cors_headers(),
            *headers,
        ],
    }
    await send(start)
    await send({"type": "http.response.body", "body": b"" if head else body})


async def send_text(send: Send, status: int, text: str, headers: Headers, *, head: bool) -> None:
    """Send a short plain-text answer (errors outside the API)."""
    body = text.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": b"" if head else body})


async def method_not_allowed(scope: Scope, receive: Receive, send: Send) -> None:
    """405 with Allow: the product is read-only."""
    method, path = scope["method"], scope["path"]
    detail = f"{method} is not allowed here; use GET or HEAD"
    headers = [(b"allow", ALLOW)]
    if is_api(path):
        await send_problem(send, 405, detail, instance=path, headers=headers)
    else:
        await send_text(
            send, 405, detail + "\n", [*headers, (b"cache-control", ERROR_CACHE)], head=False
        )


class ErrorGuard:
    """ASGI: an exception before the response starts becomes a 500 that caches nowhere."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception:
            log.exception("unhandled error for %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            head = scope.get("method") == "HEAD"
            if is_api(scope["path"]):
                await send_problem(
                    send, 500, "An internal error occurred.", cache_control=NO_STORE, head=head
                )
            else:
                headers = [(b"cache-control", NO_STORE)]
                await send_text(send, 500, "Internal server error\n", headers, head=head)
