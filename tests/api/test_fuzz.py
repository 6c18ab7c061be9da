"""schemathesis against the app in-process: every phase, every check, zero failures.

Also checks that every 200 carries an ETag and answers 304 to it. The longer fuzz
against a live server is in docs/api.md.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, events, from_schema

from feeds.api.index import ApiIndex
from tests.api.conftest import MakeApp

EXAMPLES = 60


@schemathesis.check
def etag_answers_304(ctx: Any, response: Any, case: Any) -> bool | None:
    """A 200 has an ETag, and the same request with If-None-Match: that ETag gets 304."""
    if response.status_code != 200 or response.request.method != "GET":
        return None
    etag = response.headers.get("etag")
    assert etag, "a 200 without an ETag"
    tag = etag[0] if isinstance(etag, list) else etag
    again = case.call(headers={"If-None-Match": tag})
    assert again.status_code == 304, f"If-None-Match {tag} got {again.status_code}, not 304"
    assert not again.content, "a 304 with a body"
    return True


def fuzz(app: Any, examples: int = EXAMPLES) -> tuple[Counter[tuple[str, str]], list[str]]:
    """Run every phase; the count of each check by status, and each failure or error."""
    config = SchemathesisConfig.from_dict(
        {
            "seed": 25,
            "max-failures": 50,
            "generation": {"mode": "all", "max-examples": examples, "database": "none"},
            "checks": {"enabled": True},
            "phases": {"enabled": True},
        }
    )
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app, config=config)
    counts: Counter[tuple[str, str]] = Counter()
    problems: list[str] = []
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished | events.FuzzScenarioFinished):
            for checks in event.recorder.checks.values():
                for check in checks:
                    counts[(check.name, check.status.value)] += 1
                    if check.status == Status.FAILURE and check.failure_info is not None:
                        failure = check.failure_info.failure
                        problems.append(f"{event.recorder.label}: {check.name}: {failure.title}")
        elif isinstance(event, events.NonFatalError | events.FatalError):
            problems.append(f"{type(event).__name__}: {event.info}")
    return counts, sorted(set(problems))


@pytest.mark.slow
def test_schemathesis_finds_nothing(make_app: MakeApp) -> None:
    counts, problems = fuzz(make_app())
    assert problems == []
    names = {name for name, _ in counts}
    assert {
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
        "response_headers_conformance",
        "positive_data_acceptance",
        "negative_data_rejection",
        "unsupported_method",
        "missing_required_header",
        "use_after_free",
        "etag_answers_304",
    } <= names
    assert counts[("etag_answers_304", "success")] > 100
    assert counts[("negative_data_rejection", "success")] > 100


class BrokenIndex(ApiIndex):
    """An index that fails on one query, so the fuzzer has something to find."""

    def order(self, sort: str) -> tuple[list[int], list[int]]:
        if sort == "-title":
            raise RuntimeError("broken on purpose")
        return super().order(sort)


@pytest.mark.slow
def test_schemathesis_would_find_a_server_error(make_app: MakeApp, bundled_index: ApiIndex) -> None:
    broken = BrokenIndex.from_json(bundled_index.to_json())
    _, problems = fuzz(make_app(index=broken), examples=20)
    # In-process, the exception reaches schemathesis itself (as over HTTP the 500 would).
    assert any("broken on purpose" in p or "not_a_server_error" in p for p in problems), problems
