"""The rules that turn HTTP evidence into verdicts."""

from __future__ import annotations

import socket
import ssl
from datetime import UTC, datetime

import httpx
import pytest

from feeds.exceptions import BlockedAddressError, SettingsError
from feeds.linkcheck.policy import (
    CheckPolicy,
    compile_excludes,
    error_verdict,
    is_soft_404,
    retry_after,
    retryable_status,
    status_text,
    status_verdict,
)
from feeds.linkcheck.verdicts import Verdict
from feeds.settings import Settings, parse_duration


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (200, (Verdict.OK, None)),
        (204, (Verdict.OK, None)),
        (404, (Verdict.BROKEN, "HTTP 404 Not Found")),
        (410, (Verdict.BROKEN, "HTTP 410 Gone")),
        (400, (Verdict.BROKEN, "HTTP 400 Bad Request")),
        (500, (Verdict.BROKEN, "HTTP 500 Internal Server Error after 3 attempts")),
        (
            401,
            (Verdict.INCONCLUSIVE, "HTTP 401 Unauthorized: refused to a checker, often a bot wall"),
        ),
        (403, (Verdict.INCONCLUSIVE, "HTTP 403 Forbidden: refused to a checker, often a bot wall")),
        (999, (Verdict.INCONCLUSIVE, "HTTP 999: refused to a checker, often a bot wall")),
        (
            429,
            (
                Verdict.INCONCLUSIVE,
                "HTTP 429 Too Many Requests: still rate limited after 3 attempts",
            ),
        ),
        (503, (Verdict.INCONCLUSIVE, "HTTP 503 Service Unavailable after 3 attempts")),
        (301, (Verdict.BROKEN, "HTTP 301 Moved Permanently without a Location header")),
    ],
)
def test_status_verdict(status: int, expected: tuple[Verdict, str | None]) -> None:
    assert status_verdict(status, attempts=3) == expected


def test_status_text_and_retryable() -> None:
    assert (status_text(418), status_text(599)) == ("HTTP 418 I'm a Teapot", "HTTP 599")
    assert [s for s in (200, 404, 429, 500, 503, 599) if retryable_status(s)] == [
        429,
        500,
        503,
        599,
    ]


def _caused(exc: Exception, cause: BaseException) -> Exception:
    exc.__cause__ = cause
    return exc


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (
            BlockedAddressError("h", "10.0.0.1", "private"),
            (Verdict.BLOCKED, "h resolves to 10.0.0.1 (private), which is not requested", False),
        ),
        (TimeoutError(), (Verdict.INCONCLUSIVE, "timed out", True)),
        (httpx.ReadTimeout("read"), (Verdict.INCONCLUSIVE, "timed out", True)),
        (
            _caused(
                httpx.ConnectError("x"),
                socket.gaierror(socket.EAI_NONAME, "Name or service not known"),
            ),
            (Verdict.BROKEN, "DNS: no such host", False),
        ),
        (
            _caused(
                httpx.ConnectError("x"), socket.gaierror(socket.EAI_AGAIN, "Temporary failure")
            ),
            (Verdict.INCONCLUSIVE, "DNS lookup failed for now", True),
        ),
        (
            _caused(
                httpx.ConnectError("x"),
                _caused(httpx.ConnectError("y"), ConnectionRefusedError(111, "refused")),
            ),
            (Verdict.BROKEN, "connection refused", False),
        ),
        (
            _caused(httpx.ReadError("x"), ConnectionResetError(104, "reset")),
            (Verdict.INCONCLUSIVE, "connection reset by the server", True),
        ),
        (
            _caused(
                httpx.ConnectError("x"),
                ssl.SSLError(1, "[SSL: WRONG_VERSION_NUMBER] wrong version number"),
            ),
            (
                Verdict.BROKEN,
                "TLS failure: [SSL: WRONG_VERSION_NUMBER] wrong version number",
                False,
            ),
        ),
        (
            httpx.RemoteProtocolError("Server disconnected without sending a response."),
            (
                Verdict.INCONCLUSIVE,
                "connection reset or closed: Server disconnected without sending a response.",
                True,
            ),
        ),
        (httpx.ConnectError(""), (Verdict.INCONCLUSIVE, "connection failed: ConnectError", True)),
        (httpx.InvalidURL("bad"), (Verdict.BROKEN, "not a valid URL: bad", False)),
        (httpx.DecodingError("odd"), (Verdict.INCONCLUSIVE, "request failed: odd", False)),
    ],
)
def test_error_verdict(exc: Exception, expected: tuple[Verdict, str, bool]) -> None:
    assert error_verdict(exc) == expected


def test_certificate_failure_names_the_reason() -> None:
    failure = ssl.SSLCertVerificationError(1, "certificate verify failed")
    failure.verify_message = "certificate has expired"
    exc = _caused(httpx.ConnectError("x"), failure)

    assert error_verdict(exc) == (Verdict.BROKEN, "TLS failure: certificate has expired", False)


NOW = datetime(2026, 11, 25, 9, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("120", 120.0),
        (" 5 ", 5.0),
        ("Wed, 25 Nov 2026 09:00:30 GMT", 30.0),
        ("Wed, 25 Nov 2026 08:00:00 GMT", 0.0),
        ("soon", None),
        ("-3", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after(value: str | None, expected: float | None) -> None:
    assert retry_after(value, NOW) == expected


@pytest.mark.parametrize(
    ("start", "final", "expected"),
    [
        ("https://example.org/reports/2024.pdf", "https://example.org/", True),
        ("https://example.org/page?id=4", "https://www.example.org", True),
        ("https://example.org/", "https://www.example.org/", False),
        ("https://example.org/old", "https://example.org/new", False),
        ("https://example.org/old", "https://example.org/?lang=en", False),
    ],
)
def test_is_soft_404(start: str, final: str, expected: bool) -> None:
    assert is_soft_404(start, final) is expected


def test_policy_from_settings() -> None:
    settings = Settings().with_values(
        {"link_concurrency": "80", "link_per_host": 2, "link_budget": "60", "link_max_age": "12h"}
    )

    policy = CheckPolicy.from_settings(
        settings, site_url="https://bulletin.example.org", exclude=[r"\.pdf$"], allow_private=True
    )

    assert (
        policy.concurrency,
        policy.per_host,
        policy.interval,
        policy.timeout,
        policy.deadline,
        policy.budget,
        policy.max_age,
        policy.allow_private,
        policy.check_mail_dns,
        policy.user_agent,
    ) == (
        80,
        2,
        0.0,
        10.0,
        30.0,
        60.0,
        43200.0,
        True,
        False,
        "BulletinFeeds-LinkCheck/0.1 (+https://bulletin.example.org)",
    )
    assert policy.excluded("https://example.org/a.pdf")
    assert not policy.excluded("https://example.org/a")


def test_bad_exclude_pattern_is_a_settings_error() -> None:
    with pytest.raises(SettingsError) as caught:
        compile_excludes(["ok", "(unclosed"])

    assert str(caught.value) == (
        "--exclude '(unclosed' is not a valid regular expression: "
        "missing ), unterminated subpattern at position 0"
    )


def test_link_settings_from_the_environment() -> None:
    environ = {
        "FEEDS_LINK_CONCURRENCY": "8",
        "FEEDS_LINK_PER_HOST": "2",
        "FEEDS_LINK_INTERVAL": "0.5",
        "FEEDS_LINK_TIMEOUT": "5",
        "FEEDS_LINK_DEADLINE": "12",
        "FEEDS_LINK_BUDGET": "600",
        "FEEDS_LINK_MAX_AGE": "2d",
    }

    settings = Settings.from_env(environ, link_timeout=3.0)

    assert (
        settings.link_concurrency,
        settings.link_per_host,
        settings.link_interval,
        settings.link_timeout,
        settings.link_deadline,
        settings.link_budget,
        settings.link_max_age,
    ) == (8, 2, 0.5, 3.0, 12.0, 600.0, 172800.0)
    assert Settings().link_budget is None


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("FEEDS_LINK_PER_HOST", "0", "FEEDS_LINK_PER_HOST must be at least 1, not 0"),
        ("FEEDS_LINK_TIMEOUT", "0", "FEEDS_LINK_TIMEOUT must be more than 0 and finite, not '0'"),
        ("FEEDS_LINK_BUDGET", "soon", "FEEDS_LINK_BUDGET must be a number of seconds, not 'soon'"),
        (
            "FEEDS_LINK_INTERVAL",
            "-1",
            "FEEDS_LINK_INTERVAL must be at least 0 and finite, not '-1'",
        ),
        (
            "FEEDS_LINK_DEADLINE",
            "inf",
            "FEEDS_LINK_DEADLINE must be more than 0 and finite, not 'inf'",
        ),
        ("FEEDS_LINK_MAX_AGE", "1y", "'1y' is not a duration such as 90, 30s, 15m, 12h or 1d"),
    ],
)
def test_bad_link_settings(name: str, value: str, message: str) -> None:
    with pytest.raises(SettingsError) as caught:
        Settings.from_env({name: value})

    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("90", 90.0),
        ("30s", 30.0),
        ("15m", 900.0),
        ("12h", 43200.0),
        ("1d", 86400.0),
        ("2w", 1209600.0),
        (" 1.5H ", 5400.0),
    ],
)
def test_parse_duration(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds
