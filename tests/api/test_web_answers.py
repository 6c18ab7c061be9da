"""Computed answers: day-bound Cache-Control, 200/304 from prebuilt headers, the page cache."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from starlette.requests import Request

from feeds.web.answers import Answer, PageCache, day_cache_control

LONDON = ZoneInfo("Europe/London")


def request(*headers: tuple[bytes, bytes]) -> Request:
    return Request({"type": "http", "method": "GET", "path": "/", "headers": list(headers)})


def test_day_cache_control_never_outlives_midnight() -> None:
    midnight = datetime(2024, 11, 16, tzinfo=LONDON)
    assert [
        day_cache_control(datetime(2024, 11, 15, 12, tzinfo=UTC), midnight),
        day_cache_control(datetime(2024, 11, 15, 23, 58, tzinfo=UTC), midnight),
        day_cache_control(datetime(2024, 11, 16, 0, 0, tzinfo=UTC), midnight),
    ] == [
        "public, max-age=300, s-maxage=43200",
        "public, max-age=120, s-maxage=120",
        "public, max-age=1, s-maxage=1",
    ]
    # The day the clocks go back is 25 hours long; s-maxage stays within a day.
    long_day = datetime(2024, 10, 28, tzinfo=LONDON)
    assert day_cache_control(datetime(2024, 10, 26, 23, 0, tzinfo=UTC), long_day) == (
        "public, max-age=300, s-maxage=86400"
    )


def test_answer_headers_for_200_and_304() -> None:
    answer = Answer(
        b'{"data":[]}',
        datetime(2024, 11, 4, 9, 0, 0, 123, tzinfo=UTC),
        cache_control="public, max-age=300",
        extra=[(b"x-total-count", b"0")],
    )
    ok = answer.respond(request())
    etag = answer.etags[0].encode()
    assert (ok.status_code, ok.body, ok.raw_headers) == (
        200,
        b'{"data":[]}',
        [
            (b"content-type", b"application/json"),
            (b"content-length", b"11"),
            (b"x-total-count", b"0"),
            (b"etag", etag),
            (b"last-modified", b"Mon, 04 Nov 2024 09:00:00 GMT"),
            (b"cache-control", b"public, max-age=300"),
        ],
    )
    unchanged = answer.respond(request((b"if-none-match", b"W/" + etag)), "extra")
    assert (unchanged.status_code, unchanged.body, unchanged.raw_headers) == (
        304,
        b"",
        [
            (b"etag", etag),
            (b"last-modified", b"Mon, 04 Nov 2024 09:00:00 GMT"),
            (b"cache-control", b"public, max-age=300"),
            (b"cache-control", b"extra"),
        ],
    )


def test_page_cache_is_bounded_in_count_and_bytes() -> None:
    when = datetime(2024, 11, 4, tzinfo=UTC)
    cache = PageCache(entries=2, size=10)
    a, b, c = (Answer(body, when) for body in (b"aaaa", b"bbbb", b"cccccccc"))
    cache.put("a", a)
    cache.put("b", b)
    assert cache.get("a") is a  # now the most recently used
    cache.put("c", c)  # 16 bytes: both older answers must go to fit 10
    assert (cache.get("a"), cache.get("b"), cache.get("c"), len(cache), cache.held) == (
        None,
        None,
        c,
        1,
        8,
    )
    cache.put("c", a)
    assert (len(cache), cache.held) == (1, 4)
