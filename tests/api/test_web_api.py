"""The API over HTTP: queries, errors, methods, CORS, validators and caching."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from feeds.api.index import ApiIndex
from feeds.content import load_site
from feeds.exceptions import StoreError
from feeds.models import Site
from feeds.resource import API_CACHE
from feeds.settings import Settings
from feeds.snapshot import build_snapshot
from feeds.web import create_app
from feeds.web.types import ASGIApp
from tests.api.conftest import MakeApp, MakeClient
from tests.conftest import BUNDLED

API = "https://bulletin.example.org/api/v1"
PROBLEM = "application/problem+json; charset=utf-8"
CORS = "access-control-allow-origin"


def data_ids(response: httpx.Response) -> list[str]:
    return [item["id"] for item in response.json()["data"]]


def problem(response: httpx.Response) -> dict[str, Any]:
    assert (response.headers["content-type"], response.headers[CORS]) == (PROBLEM, "*")
    found: dict[str, Any] = response.json()
    return found


def test_q_cyber_finds_the_st_helens_case_study(client: TestClient) -> None:
    response = client.get("/api/v1/items?q=cyber")
    assert (response.status_code, data_ids(response)) == (
        200,
        ["sector-led-consultancy", "st-helens-cyber-incident-case-study"],
    )
    assert data_ids(client.get("/api/v1/items?q=ST.%20HELENS")) == [
        "st-helens-cyber-incident-case-study"
    ]
    # Accents and typographic apostrophes fold: "LGA’s" in the content, "lgá's" asked.
    assert "gds-service-standard-research-update" in data_ids(
        client.get("/api/v1/items?q=lg%C3%A1's")
    )


def test_section_events_returns_only_events(client: TestClient) -> None:
    response = client.get("/api/v1/items?section=events")
    assert [item["section"] for item in response.json()["data"]] == ["events"] * 3
    assert data_ids(response) == [
        "technology-innovation-showcase",
        "ons-local-data-maturity-workshop",
        "ons-local-cloud-workshop",
    ]
    both = client.get("/api/v1/items?section=events&section=consultations")
    assert {item["section"] for item in both.json()["data"]} == {"events", "consultations"}
    assert both.headers["x-total-count"] == "6"


def test_edition_25_holds_all_18_items(client: TestClient) -> None:
    response = client.get("/api/v1/editions/25")
    assert (response.status_code, len(response.json()["data"]["items"])) == (200, 18)
    assert client.get("/api/v1/editions/latest").content == response.content


def test_open_and_upcoming_follow_the_injected_clock(make_client: MakeClient) -> None:
    friday = make_client(now=datetime(2024, 11, 15, 12, tzinfo=UTC))
    assert data_ids(friday.get("/api/v1/items?open=true")) == [
        "unlocking-digital-excellence-apolitical",
        "dfe-curriculum-assessment-review-call-for-evidence",
    ]
    assert data_ids(friday.get("/api/v1/items?open=false")) == ["techuk-procurement-survey"]
    assert data_ids(friday.get("/api/v1/events?upcoming=true")) == ["ons-local-cloud-workshop"]
    # November is GMT in London: 23:30 UTC on the 13th is still the 13th there.
    late = make_client(now=datetime(2024, 11, 13, 23, 30, tzinfo=UTC))
    assert data_ids(late.get("/api/v1/events?upcoming=true")) == [
        "technology-innovation-showcase",
        "ons-local-cloud-workshop",
    ]
    assert data_ids(late.get("/api/v1/items?open=true")) == [
        "unlocking-digital-excellence-apolitical",
        "dfe-curriculum-assessment-review-call-for-evidence",
    ]


def test_day_dependent_answers_expire_at_local_midnight(make_client: MakeClient) -> None:
    client = make_client(now=datetime(2024, 11, 15, 23, 50, tzinfo=UTC))
    response = client.get("/api/v1/items?open=true")
    assert (response.headers["cache-control"], response.headers["last-modified"]) == (
        "public, max-age=300, s-maxage=600",
        "Fri, 15 Nov 2024 00:00:00 GMT",
    )
    nearly = make_client(now=datetime(2024, 11, 15, 23, 59, 30, tzinfo=UTC))
    assert nearly.get("/api/v1/events?upcoming=false").headers["cache-control"] == (
        "public, max-age=30, s-maxage=30"
    )
    morning = make_client(now=datetime(2024, 11, 15, 6, tzinfo=UTC))
    assert morning.get("/api/v1/items?open=true").headers["cache-control"] == (
        "public, max-age=300, s-maxage=64800"
    )
    content = morning.get("/api/v1/items?q=data")
    assert (content.headers["cache-control"], content.headers["last-modified"]) == (
        API_CACHE,
        "Mon, 04 Nov 2024 09:00:00 GMT",
    )


def test_a_day_dependent_answer_is_recomputed_the_next_day(bundled_index: ApiIndex) -> None:
    now = [datetime(2024, 11, 13, 12, tzinfo=UTC)]
    site = load_site(BUNDLED)
    app = create_app(
        build_snapshot(site, Settings()), Settings(), api=bundled_index, clock=lambda: now[0]
    )
    client = TestClient(app)
    assert data_ids(client.get("/api/v1/events?upcoming=true")) == [
        "technology-innovation-showcase",
        "ons-local-cloud-workshop",
    ]
    now[0] = datetime(2024, 11, 22, 12, tzinfo=UTC)
    assert data_ids(client.get("/api/v1/events?upcoming=true")) == []


def test_sort_options_and_ties(client: TestClient) -> None:
    assert data_ids(client.get("/api/v1/items?sort=deadline&limit=4")) == [
        "techuk-procurement-survey",
        "unlocking-digital-excellence-apolitical",
        "dfe-curriculum-assessment-review-call-for-evidence",
        "local-government-centre-for-digital-technology",
    ]
    assert data_ids(client.get("/api/v1/items?sort=-deadline&limit=3")) == [
        "dfe-curriculum-assessment-review-call-for-evidence",
        "unlocking-digital-excellence-apolitical",
        "techuk-procurement-survey",
    ]
    # Every item of edition 25 was published at once: published_at keeps bulletin order.
    ascending = data_ids(client.get("/api/v1/items?sort=published_at&limit=100"))
    descending = data_ids(client.get("/api/v1/items?limit=100"))
    assert ascending == descending
    assert data_ids(client.get("/api/v1/items?sort=-event.start&limit=3")) == [
        "ons-local-cloud-workshop",
        "technology-innovation-showcase",
        "ons-local-data-maturity-workshop",
    ]
    titles = [i["title"] for i in client.get("/api/v1/items?sort=title&limit=3").json()["data"]]
    assert titles == [
        "Ada Lovelace: Local Government and AI Procurement Report",
        "AI@Cam: AI and the Missions for Government: insights from a public dialogue",
        "Budget 2024",
    ]


def test_limit_and_offset_bounds(client: TestClient) -> None:
    assert len(client.get("/api/v1/items?limit=1").json()["data"]) == 1
    assert len(client.get("/api/v1/items?limit=100").json()["data"]) == 18
    past = client.get("/api/v1/items?offset=18")
    assert (past.status_code, past.json()["data"], past.headers["x-total-count"]) == (200, [], "18")
    for bad in ("limit=0", "limit=101", "offset=-1", "limit=ten"):
        response = client.get(f"/api/v1/items?{bad}")
        name = bad.split("=")[0]
        assert (response.status_code, [e["parameter"] for e in problem(response)["errors"]]) == (
            400,
            [name],
        )


def test_duplicate_and_several_bad_parameters_are_all_named(client: TestClient) -> None:
    response = client.get("/api/v1/items?q=a&q=b")
    assert (response.status_code, problem(response)) == (
        400,
        {
            "type": "about:blank",
            "title": "Bad Request",
            "status": 400,
            "detail": "1 query parameter cannot be used: q.",
            "instance": "/api/v1/items",
            "errors": [{"parameter": "q", "detail": "given 2 times; it takes one value"}],
        },
    )
    several = client.get("/api/v1/events?colour=red&section=newz&upcoming=maybe&to=tomorrow")
    body = problem(several)
    assert [e["parameter"] for e in body["errors"]] == ["colour", "section", "to", "upcoming"]
    assert body["detail"] == "4 query parameters cannot be used: colour, section, to, upcoming."
    assert several.headers["cache-control"] == "public, max-age=60"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/editions/latest?x=1",
        "/api/v1/editions/25?limit=5",
        "/api/v1/items/budget-2024?fields=id",
        "/api/v1/sections?x",
        "/api/v1?x=1",
        "/api/v1/openapi.json?v=2",
        "/api/v1/link-report?x=1",
    ],
)
def test_documents_take_no_parameters(client: TestClient, path: str) -> None:
    response = client.get(path)
    name = path.split("?")[1].split("=")[0]
    assert (response.status_code, problem(response)["errors"]) == (
        400,
        [{"parameter": name, "detail": "unknown parameter; this resource takes no parameters"}],
    )


def test_a_document_with_an_empty_query_is_the_document(client: TestClient) -> None:
    response = client.get("/api/v1/editions/latest?&")
    assert (response.status_code, response.json()["data"]["number"]) == (200, 25)
    identity = {"Accept-Encoding": "identity"}
    plain = client.get("/api/v1/editions/25", headers=identity)
    assert (response.headers["etag"], response.content) == (plain.headers["etag"], plain.content)


@pytest.mark.parametrize(
    ("path", "detail"),
    [
        ("/api/v1/items/no-such-item", "There is no item 'no-such-item'."),
        ("/api/v1/editions/24", "There is no edition '24'."),
        ("/api/v1/editions/025", "There is no edition '025'."),
        ("/api/v1/editions/twenty", "There is no edition 'twenty'."),
        ("/api/v1/sections/newz", "There is no section 'newz'; see /api/v1/sections."),
        (
            "/api/v1/nothing",
            "There is no API resource at /api/v1/nothing. See /api/v1 for what there is.",
        ),
        (
            "/api/v1/items/",
            "There is no API resource at /api/v1/items/. See /api/v1 for what there is.",
        ),
    ],
)
def test_unknown_resources_are_404_problems(client: TestClient, path: str, detail: str) -> None:
    response = client.get(path, follow_redirects=False)
    assert (response.status_code, problem(response)) == (
        404,
        {
            "type": "about:blank",
            "title": "Not Found",
            "status": 404,
            "detail": detail,
            "instance": path,
        },
    )


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/items",
        "/api/v1/items?section=news",
        "/api/v1/link-report",
        "/api/v1/items/nope",
        "/api/v1/editions/25",
    ],
)
@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_wrong_methods_are_405_with_allow(client: TestClient, path: str, method: str) -> None:
    response = client.request(method, path)
    assert (response.status_code, response.headers["allow"], problem(response)["status"]) == (
        405,
        "GET, HEAD",
        405,
    )


def test_preflight(client: TestClient) -> None:
    response = client.options(
        "/api/v1/items?section=news",
        headers={
            "Origin": "https://intranet.example.gov.uk",
            "Access-Control-Request-Method": "GET",
        },
    )
    assert (response.status_code, response.content) == (204, b"")
    assert {k: v for k, v in response.headers.items() if k.startswith("access-control")} == {
        "access-control-allow-origin": "*",
        "access-control-expose-headers": "ETag, Last-Modified, Link, X-Total-Count",
        "access-control-allow-methods": "GET, HEAD, OPTIONS",
        "access-control-allow-headers": "If-None-Match, If-Modified-Since",
        "access-control-max-age": "86400",
    }


def test_cors_on_every_answer(client: TestClient) -> None:
    computed = client.get("/api/v1/items?section=news")
    answers = [
        computed,
        client.get(
            "/api/v1/items?section=news", headers={"If-None-Match": computed.headers["etag"]}
        ),
        client.get("/api/v1/items?section=nope"),
        client.get("/api/v1/items/nope"),
        client.post("/api/v1/items"),
        client.get("/api/v1/editions/25"),
    ]
    assert [(r.status_code, r.headers[CORS]) for r in answers] == [
        (200, "*"),
        (304, "*"),
        (400, "*"),
        (404, "*"),
        (405, "*"),
        (200, "*"),
    ]


class FailingIndex(ApiIndex):
    """An index that fails to sort by title, as a bug would."""

    def order(self, sort: str) -> tuple[list[int], list[int]]:
        if sort == "title":
            raise RuntimeError("broken on purpose")
        return super().order(sort)


def test_a_server_error_is_a_problem_with_cors_and_no_store(
    make_client: MakeClient, bundled_index: ApiIndex
) -> None:
    client = make_client(index=FailingIndex.from_json(bundled_index.to_json()))
    response = client.get("/api/v1/items?sort=title")
    assert (response.status_code, response.headers["cache-control"], problem(response)) == (
        500,
        "no-store",
        {
            "type": "about:blank",
            "title": "Internal Server Error",
            "status": 500,
            "detail": "An internal error occurred.",
            "instance": "/api/v1/items",
        },
    )


def test_computed_lists_have_validators_and_answer_304(client: TestClient) -> None:
    first = client.get("/api/v1/items?section=resources")
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert (etag.startswith('"'), modified) == (True, "Mon, 04 Nov 2024 09:00:00 GMT")
    for headers in (
        {"If-None-Match": etag},
        {"If-None-Match": f'"other", W/{etag}'},
        {"If-None-Match": "*"},
        {"If-Modified-Since": modified},
        {"If-Modified-Since": "Tue, 05 Nov 2024 00:00:00 GMT"},
    ):
        again = client.get("/api/v1/items?section=resources", headers=headers)
        assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", etag), (
            headers
        )
        assert (again.headers["last-modified"], again.headers["cache-control"]) == (
            modified,
            API_CACHE,
        )
    # If-None-Match wins over If-Modified-Since.
    stale = client.get(
        "/api/v1/items?section=resources",
        headers={"If-None-Match": '"other"', "If-Modified-Since": modified},
    )
    assert stale.status_code == 200
    other = client.get("/api/v1/items?section=news", headers={"If-None-Match": etag})
    assert other.status_code == 200


def test_link_header_and_total_on_lists(client: TestClient) -> None:
    response = client.get("/api/v1/items?section=resources&limit=2&offset=2")
    query = "section=resources&limit=2"
    assert (response.headers["link"], response.headers["x-total-count"]) == (
        f'<{API}/items?{query}&offset=2>; rel="self", <{API}/items?{query}>; rel="first", '
        f'<{API}/items?{query}&offset=4>; rel="last", <{API}/items?{query}>; rel="prev", '
        f'<{API}/items?{query}&offset=4>; rel="next"',
        "5",
    )
    assert response.json()["links"]["next"] == f"{API}/items?{query}&offset=4"
    plain = client.get("/api/v1/items")
    assert (plain.headers["link"], plain.headers["x-total-count"]) == (
        f'<{API}/items>; rel="self", <{API}/items>; rel="first", <{API}/items>; rel="last"',
        "18",
    )
    assert client.get("/api/v1/editions").headers["x-total-count"] == "1"
    assert client.get("/api/v1/events").headers["x-total-count"] == "3"
    assert "link" not in client.get("/api/v1/editions/25").headers


def test_head_has_the_headers_and_no_body(client: TestClient) -> None:
    get = client.get("/api/v1/items?section=news")
    head = client.head("/api/v1/items?section=news")
    assert (head.status_code, head.content) == (200, b"")
    assert {k: v for k, v in head.headers.items() if k != "date"} == {
        k: v for k, v in get.headers.items() if k != "date"
    }


def test_the_same_query_written_differently_is_the_same_answer(client: TestClient) -> None:
    first = client.get("/api/v1/items?tag=ai")
    assert [r.content for r in (client.get("/api/v1/items?tag=ai&limit=20&offset=0"),)] == [
        first.content
    ]
    assert client.get("/api/v1/items?tag=ai").headers["etag"] == first.headers["etag"]


def test_link_report_without_a_report(client: TestClient) -> None:
    response = client.get("/api/v1/link-report")
    assert (response.status_code, problem(response)["detail"]) == (
        404,
        "No link check has run yet: there is no report to show.",
    )


def test_link_report_in_the_envelope(make_client: MakeClient, tmp_path: Path) -> None:
    report = {
        "generated_at": "2024-11-05T03:00:00+00:00",
        "summary": {"ok": 2, "broken": 1},
        "links": [{"url": "https://www.example.org/gone", "verdict": "broken"}],
    }
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "latest.json").write_text(json.dumps(report))
    client = make_client()
    response = client.get("/api/v1/link-report")
    assert (response.status_code, response.json()) == (
        200,
        {"data": report, "links": {"self": f"{API}/link-report"}, "meta": {}},
    )
    assert (response.headers["cache-control"], response.headers["last-modified"]) == (
        "public, max-age=60, s-maxage=300",
        "Tue, 05 Nov 2024 03:00:00 GMT",
    )
    again = client.get("/api/v1/link-report", headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304


class BrokenStore:
    """A report store that cannot be read."""

    def latest(self) -> bytes | None:
        raise StoreError("the bucket is unreachable")


def test_link_report_store_failure_is_503_no_store(make_client: MakeClient) -> None:
    response = make_client(reports=BrokenStore()).get("/api/v1/link-report")
    assert (
        response.status_code,
        response.headers["cache-control"],
        problem(response)["detail"],
    ) == (
        503,
        "no-store",
        "The link report cannot be read just now; try again later.",
    )


@pytest.mark.parametrize("content", [b"not json", b"[1, 2]"])
def test_a_corrupt_report_is_503(make_client: MakeClient, tmp_path: Path, content: bytes) -> None:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "latest.json").write_bytes(content)
    assert make_client().get("/api/v1/link-report").status_code == 503


async def status_of(app: ASGIApp, path: str, query: bytes) -> tuple[int, dict[bytes, bytes]]:
    """Call the ASGI app with exactly these query bytes; the status and headers."""
    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query,
        "headers": [],
        "http_version": "1.1",
        "scheme": "http",
        "server": ("testserver", 80),
        "client": ("127.0.0.1", 1),
        "root_path": "",
    }
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    return sent[0]["status"], dict(sent[0]["headers"])


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    path=st.sampled_from(
        ["/api/v1/items", "/api/v1/events", "/api/v1/editions", "/api/v1/items/budget-2024"]
    ),
    query=st.binary(min_size=1, max_size=80)
    | st.lists(
        st.sampled_from(
            [b"section=events", b"q=%C3%A9", b"limit=5", b"open=true", b"%ff=%fe", b"&", b"="]
        )
    ).map(b"&".join),
)
def test_no_query_string_gives_a_server_error(make_app: MakeApp, path: str, query: bytes) -> None:
    status, headers = asyncio.run(status_of(make_app(), path, query))
    assert status in (200, 400), (path, query)
    assert headers[b"access-control-allow-origin"] == b"*"


def test_every_list_carries_its_page_headers_in_the_snapshot(bundled_site: Site) -> None:
    from feeds.api.params import LIST_PATHS
    from feeds.snapshot import build_snapshot

    snapshot = build_snapshot(bundled_site, Settings())
    for path in LIST_PATHS:
        resource = snapshot.get(path)
        assert resource is not None, path
        names = [name for name, _ in resource.headers]
        assert names == ["Link", "X-Total-Count"], path
        total = json.loads(resource.body)["meta"]["total"]
        assert dict(resource.headers)["X-Total-Count"] == str(total), path
