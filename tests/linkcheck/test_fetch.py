"""One URL's checking, against pytest-httpx: redirects, HEAD then GET, retries, deadlines.

`assert_all_requests_were_expected` stays on (the default): an unexpected request
would raise a timeout that the retry loop could otherwise hide.
"""

from __future__ import annotations

import asyncio
import random
import socket

import httpx
import pytest
from pytest_httpx import HTTPXMock
from support import START, FakeClock

from feeds.linkcheck.policy import CheckPolicy
from feeds.linkcheck.verdicts import Outcome, Verdict

A = "https://old.example.org/reports/2024"
B = "https://new.example.org/reports/2024"
C = "https://www.example.org/reports/2024"


def _summary(outcome: Outcome) -> tuple[object, ...]:
    return (
        outcome.verdict,
        outcome.http_status,
        outcome.final_url,
        outcome.error,
        outcome.warnings,
    )


async def test_ok_records_time_and_elapsed(check, httpx_mock: HTTPXMock, clock: FakeClock) -> None:
    httpx_mock.add_response(url=A, method="HEAD")

    found = await check([A])

    assert found[A] == Outcome(Verdict.OK, 200, None, None, (), 0, START)
    request = httpx_mock.get_requests()[0]
    assert request.headers["user-agent"] == "BulletinFeeds-LinkCheck/0.1"


async def test_permanent_chain_is_redirected_to_its_end(check, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=A, method="HEAD", status_code=301, headers={"Location": B})
    httpx_mock.add_response(url=B, method="HEAD", status_code=308, headers={"Location": C + "#x"})
    httpx_mock.add_response(url=C, method="HEAD", status_code=200)

    found = await check([A])

    assert _summary(found[A]) == (Verdict.REDIRECTED, 200, C, None, ())


async def test_permanent_then_temporary_names_the_permanent_target(
    check, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(url=A, method="HEAD", status_code=301, headers={"Location": B})
    httpx_mock.add_response(url=B, method="HEAD", status_code=302, headers={"Location": "/login"})
    httpx_mock.add_response(url="https://new.example.org/login", method="HEAD")

    found = await check([A])

    assert _summary(found[A]) == (Verdict.REDIRECTED, 200, B, None, ())


async def test_temporary_redirect_is_ok(check, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=A, method="HEAD", status_code=302, headers={"Location": B})
    httpx_mock.add_response(url=B, method="HEAD", status_code=200)

    found = await check([A])

    assert _summary(found[A]) == (Verdict.OK, 200, B, None, ())


async def test_deep_link_moved_to_home_page_is_a_likely_soft_404(
    check, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(
        url=A, method="HEAD", status_code=301, headers={"Location": "https://old.example.org/"}
    )
    httpx_mock.add_response(url="https://old.example.org/", method="HEAD")

    found = await check([A])

    assert _summary(found[A]) == (
        Verdict.REDIRECTED,
        200,
        "https://old.example.org/",
        None,
        ("likely soft 404",),
    )


async def test_redirect_to_a_missing_page_is_broken(check, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=A, method="HEAD", status_code=301, headers={"Location": B})
    httpx_mock.add_response(url=B, method="HEAD", status_code=404)
    httpx_mock.add_response(url=B, method="GET", status_code=404)

    found = await check([A])

    assert _summary(found[A]) == (Verdict.BROKEN, 404, B, "HTTP 404 Not Found", ())


async def test_redirect_loop_is_broken(check, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(url=A, method="HEAD", status_code=301, headers={"Location": B})
    httpx_mock.add_response(url=B, method="HEAD", status_code=308, headers={"Location": A})

    found = await check([A])

    assert _summary(found[A]) == (Verdict.BROKEN, 308, A, f"redirect loop at {A}", ())


async def test_redirect_to_another_scheme_is_broken(check, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        url=A, method="HEAD", status_code=302, headers={"Location": "ftp://files.example.org/x"}
    )

    found = await check([A])

    assert _summary(found[A]) == (
        Verdict.BROKEN,
        302,
        "ftp://files.example.org/x",
        "redirects to an unsupported URL: ftp://files.example.org/x",
        (),
    )


async def test_head_refused_then_get_and_the_host_remembered(check, httpx_mock: HTTPXMock) -> None:
    other = "https://old.example.org/other"
    httpx_mock.add_response(url=A, method="HEAD", status_code=405)
    httpx_mock.add_response(url=A, method="GET", status_code=200, content=b"x" * 100)
    httpx_mock.add_response(url=other, method="GET", status_code=200)

    found = await check([A, other], CheckPolicy(concurrency=1))

    assert [_summary(found[u]) for u in (A, other)] == [(Verdict.OK, 200, None, None, ())] * 2
    assert [(r.method, str(r.url)) for r in httpx_mock.get_requests()] == [
        ("HEAD", A),
        ("GET", A),
        ("GET", other),
    ]


async def test_head_404_confirmed_by_get_keeps_head_for_the_host(
    check, httpx_mock: HTTPXMock
) -> None:
    other = "https://old.example.org/other"
    httpx_mock.add_response(url=A, method="HEAD", status_code=404)
    httpx_mock.add_response(url=A, method="GET", status_code=404)
    httpx_mock.add_response(url=other, method="HEAD", status_code=200)

    found = await check([A, other], CheckPolicy(concurrency=1))

    assert _summary(found[A]) == (Verdict.BROKEN, 404, None, "HTTP 404 Not Found", ())
    assert found[other].verdict is Verdict.OK


@pytest.mark.parametrize(("header", "wait"), [("7", 7.0), ("Wed, 25 Nov 2026 09:00:20 GMT", 20.0)])
async def test_429_honours_retry_after(
    check, httpx_mock: HTTPXMock, clock: FakeClock, header: str, wait: float
) -> None:
    httpx_mock.add_response(url=A, method="HEAD", status_code=429, headers={"Retry-After": header})
    httpx_mock.add_response(url=A, method="HEAD", status_code=200)

    found = await check([A])

    assert (found[A].verdict, clock.waits) == (Verdict.OK, [wait])


async def test_429_asking_too_long_is_inconclusive_at_once(
    check, httpx_mock: HTTPXMock, clock: FakeClock
) -> None:
    httpx_mock.add_response(url=A, method="HEAD", status_code=429, headers={"Retry-After": "3600"})

    found = await check([A])

    assert _summary(found[A]) == (
        Verdict.INCONCLUSIVE,
        429,
        None,
        "HTTP 429 Too Many Requests: still rate limited after 1 attempt",
        (),
    )
    assert clock.waits == []


async def test_429_after_every_retry_is_inconclusive(
    check, httpx_mock: HTTPXMock, clock: FakeClock
) -> None:
    httpx_mock.add_response(
        url=A, method="HEAD", status_code=429, headers={"Retry-After": "2"}, is_reusable=True
    )

    found = await check([A])

    assert _summary(found[A]) == (
        Verdict.INCONCLUSIVE,
        429,
        None,
        "HTTP 429 Too Many Requests: still rate limited after 3 attempts",
        (),
    )
    assert (clock.waits, len(httpx_mock.get_requests())) == ([2.0, 2.0], 3)


async def test_503_then_200_is_ok_after_a_backoff(
    check, httpx_mock: HTTPXMock, clock: FakeClock
) -> None:
    httpx_mock.add_response(url=A, method="HEAD", status_code=503)
    httpx_mock.add_response(url=A, method="HEAD", status_code=200)

    found = await check([A])

    assert found[A].verdict is Verdict.OK
    assert len(clock.waits) == 1
    assert 0.25 <= clock.waits[0] <= 0.5


async def test_timeouts_are_retried_with_backoff_then_inconclusive(
    check, httpx_mock: HTTPXMock, clock: FakeClock
) -> None:
    for _ in range(3):
        httpx_mock.add_exception(httpx.ReadTimeout("read timed out"), url=A, method="HEAD")

    found = await check([A], rng=random.Random(5))

    assert _summary(found[A]) == (Verdict.INCONCLUSIVE, None, None, "timed out", ())
    first, second = clock.waits
    assert 0.25 <= first <= 0.5
    assert 0.5 <= second <= 1.0


async def test_no_such_host_is_broken_without_retries(
    check, httpx_mock: HTTPXMock, clock: FakeClock
) -> None:
    failure = httpx.ConnectError("cannot resolve")
    failure.__cause__ = socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    httpx_mock.add_exception(failure, url=A, method="HEAD")

    found = await check([A])

    assert _summary(found[A]) == (Verdict.BROKEN, None, None, "DNS: no such host", ())
    assert clock.waits == []


async def test_connection_reset_is_retried(check, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_exception(httpx.RemoteProtocolError("Server disconnected"), url=A, method="HEAD")
    httpx_mock.add_response(url=A, method="GET")

    found = await check([A])

    # A HEAD the server cannot take is asked again with GET straight away.
    assert _summary(found[A]) == (Verdict.OK, 200, None, None, ())


async def test_slow_answer_times_out_within_the_attempt(check, httpx_mock: HTTPXMock) -> None:
    async def slow(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(5)
        return httpx.Response(200)

    httpx_mock.add_callback(slow, url=A, method="HEAD")
    loop = asyncio.get_running_loop()
    started = loop.time()

    found = await check([A], CheckPolicy(timeout=0.05, retries=0))

    assert _summary(found[A]) == (Verdict.INCONCLUSIVE, None, None, "timed out", ())
    assert loop.time() - started < 3


async def test_link_deadline_stops_retries(check, httpx_mock: HTTPXMock, clock: FakeClock) -> None:
    httpx_mock.add_response(url=A, method="HEAD", status_code=503, is_reusable=True)

    found = await check([A], CheckPolicy(deadline=0.6, retries=5), rng=random.Random(1))

    assert _summary(found[A]) == (
        Verdict.INCONCLUSIVE,
        503,
        None,
        "HTTP 503 Service Unavailable after 2 attempts",
        (),
    )
    assert len(clock.waits) == 1
    assert len(httpx_mock.get_requests()) == 2


@pytest.mark.parametrize("location", ["http:///no-host", "https://example.org:99999/x"])
async def test_redirect_to_an_invalid_url_is_broken(
    check, httpx_mock: HTTPXMock, location: str
) -> None:
    httpx_mock.add_response(url=A, method="HEAD", status_code=301, headers={"Location": location})

    found = await check([A])

    assert _summary(found[A]) == (
        Verdict.BROKEN,
        301,
        location,
        f"redirects to an invalid URL: {location}",
        (),
    )
