"""The checking policy: how hard and how politely to check, and what each answer means.

Takes settings and HTTP evidence (statuses, redirect chains, transport errors);
gives a `CheckPolicy` and verdicts. Pure: the rules live here so that the
concurrent stage (`check.py`) only gathers evidence. The rules are a public
contract, written out in docs/linkcheck.md.
"""

from __future__ import annotations

import re
import socket
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from urllib.parse import urlsplit

import httpx

from feeds.exceptions import BlockedAddressError, SettingsError
from feeds.linkcheck.verdicts import Verdict
from feeds.settings import Settings

__all__ = [
    "HEAD_UNRELIABLE",
    "REDIRECTS",
    "CheckPolicy",
    "compile_excludes",
    "error_verdict",
    "is_soft_404",
    "retry_after",
    "retryable_status",
    "status_text",
    "status_verdict",
]

REDIRECTS = frozenset({301, 302, 303, 307, 308})
PERMANENT = frozenset({301, 308})
# Statuses a server may give to HEAD but not to GET: ask again with GET.
HEAD_UNRELIABLE = frozenset({400, 403, 404, 405, 501})
_BOT_WALLS = frozenset({401, 403, 999})
_UNAVAILABLE = frozenset({502, 503, 504})


@dataclass(frozen=True, slots=True)
class CheckPolicy:
    """Limits and manners of one run; defaults are the product's politeness defaults."""

    concurrency: int = 32
    per_host: int = 4
    interval: float = 0.0
    timeout: float = 10.0
    deadline: float = 30.0
    budget: float | None = None
    max_age: float = 86400.0
    retries: int = 2
    backoff: float = 0.5
    retry_after_cap: float = 30.0
    max_redirects: int = 10
    drain_bytes: int = 64 * 1024
    exclude: tuple[re.Pattern[str], ...] = ()
    allow_private: bool = False
    check_mail_dns: bool = False
    user_agent: str = "BulletinFeeds-LinkCheck/0.1"

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        *,
        site_url: str,
        exclude: Sequence[str] = (),
        allow_private: bool = False,
        check_mail_dns: bool = False,
    ) -> CheckPolicy:
        """The policy from settings, the site's URL (named in the User-Agent) and flags."""
        return cls(
            concurrency=settings.link_concurrency,
            per_host=settings.link_per_host,
            interval=settings.link_interval,
            timeout=settings.link_timeout,
            deadline=settings.link_deadline,
            budget=settings.link_budget,
            max_age=settings.link_max_age,
            exclude=compile_excludes(exclude),
            allow_private=allow_private,
            check_mail_dns=check_mail_dns,
            user_agent=f"BulletinFeeds-LinkCheck/0.1 (+{site_url})",
        )

    def excluded(self, url: str) -> bool:
        """True when an --exclude pattern matches the URL."""
        return any(pattern.search(url) for pattern in self.exclude)


def compile_excludes(patterns: Sequence[str]) -> tuple[re.Pattern[str], ...]:
    """The patterns compiled; SettingsError names the first that is not a valid regex."""
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern))
        except re.error as exc:
            message = f"--exclude {pattern!r} is not a valid regular expression: {exc}"
            raise SettingsError(message) from None
    return tuple(compiled)


def status_text(status: int) -> str:
    """'HTTP 404 Not Found', or just the number for a status without a name."""
    try:
        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def retryable_status(status: int) -> bool:
    """Rate limits and server errors are worth another attempt."""
    return status == 429 or 500 <= status <= 599


def status_verdict(status: int, attempts: int) -> tuple[Verdict, str | None]:
    """The verdict on a final (non-redirect) status, with the error an editor reads."""
    text = status_text(status)
    tries = f"{attempts} attempt{'' if attempts == 1 else 's'}"
    if 200 <= status <= 299:
        return Verdict.OK, None
    if status in _BOT_WALLS:
        return Verdict.INCONCLUSIVE, f"{text}: refused to a checker, often a bot wall"
    if status == 429:
        return Verdict.INCONCLUSIVE, f"{text}: still rate limited after {tries}"
    if status in _UNAVAILABLE:
        return Verdict.INCONCLUSIVE, f"{text} after {tries}"
    if status in REDIRECTS:
        return Verdict.BROKEN, f"{text} without a Location header"
    if 500 <= status <= 599:
        return Verdict.BROKEN, f"{text} after {tries}"
    return Verdict.BROKEN, text


def is_soft_404(start: str, final: str) -> bool:
    """True when a deep link ends at the home page of a site: the page has likely gone."""
    before, after = urlsplit(start), urlsplit(final)
    deep = before.path not in ("", "/") or bool(before.query)
    return deep and after.path in ("", "/") and not after.query


def error_verdict(exc: Exception) -> tuple[Verdict, str, bool]:
    """The verdict on a failed attempt, the error text, and whether to retry."""
    if isinstance(exc, BlockedAddressError):
        return Verdict.BLOCKED, str(exc), False
    if isinstance(exc, TimeoutError | httpx.TimeoutException):
        return Verdict.INCONCLUSIVE, "timed out", True
    if isinstance(exc, httpx.InvalidURL | httpx.UnsupportedProtocol | httpx.LocalProtocolError):
        return Verdict.BROKEN, f"not a valid URL: {exc}", False
    for cause in _chain(exc):
        if isinstance(cause, socket.gaierror):
            if cause.errno == socket.EAI_AGAIN:
                return Verdict.INCONCLUSIVE, "DNS lookup failed for now", True
            if cause.errno in _NO_NAME:
                return Verdict.BROKEN, "DNS: no such host", False
            return Verdict.INCONCLUSIVE, f"DNS lookup failed: {cause.strerror}", False
        if isinstance(cause, ConnectionRefusedError):
            return Verdict.BROKEN, "connection refused", False
        if isinstance(cause, ConnectionResetError):
            return Verdict.INCONCLUSIVE, "connection reset by the server", True
        if isinstance(cause, ssl.SSLError):
            return Verdict.BROKEN, f"TLS failure: {_tls_reason(cause)}", False
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError | httpx.WriteError):
        return (
            Verdict.INCONCLUSIVE,
            f"connection reset or closed: {str(exc) or type(exc).__name__}",
            True,
        )
    if isinstance(exc, httpx.TransportError):
        return Verdict.INCONCLUSIVE, f"connection failed: {str(exc) or type(exc).__name__}", True
    return Verdict.INCONCLUSIVE, f"request failed: {str(exc) or type(exc).__name__}", False


def _tls_reason(error: ssl.SSLError) -> str:
    verify = getattr(error, "verify_message", None)
    if verify:
        return str(verify)
    text = str(error.args[1]) if len(error.args) > 1 else str(error)
    return re.sub(r" \(_ssl\.c:\d+\)$", "", text)


_NO_NAME = {socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)}


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), if it has one."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - now).total_seconds())


def is_permanent(status: int) -> bool:
    """301 and 308 are permanent: the content should name the new URL."""
    return status in PERMANENT
