"""Deployment fixtures: the Lambda snapshot of the bundled content, and API Gateway events.

The events start from the shapes `sam local generate-event apigateway http-api-proxy`
(HTTP API, payload 2.0) and `... aws-proxy` (REST API, payload 1.0) printed,
committed under events/, and change only the request line and headers.
"""

from __future__ import annotations

import asyncio
import copy
import importlib
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qsl

import pytest

from feeds.lambda_snapshot import write_lambda_snapshot
from feeds.settings import Settings

EVENTS = Path(__file__).resolve().parent / "events"
HTTP_API = json.loads((EVENTS / "http-api-proxy.json").read_text())
REST_API = json.loads((EVENTS / "aws-proxy.json").read_text())
FEEDS_VARIABLES = (
    "FEEDS_CONTENT_DIR",
    "FEEDS_BASE_URL",
    "FEEDS_SNAPSHOT_DIR",
    "FEEDS_REPORT_BUCKET",
    "FEEDS_REPORT_DIR",
)

Event = dict[str, Any]
MakeEvent = Callable[..., Event]


def http_api_event(
    method: str, path: str, query: str = "", headers: dict[str, str] | None = None
) -> Event:
    """An HTTP API (payload 2.0) event for this request."""
    event = copy.deepcopy(HTTP_API)
    pairs = parse_qsl(query, keep_blank_values=True)
    event.update(
        rawPath=path,
        rawQueryString=query,
        routeKey="ANY /{proxy+}",
        body=None,
        isBase64Encoded=False,
        cookies=[],
        pathParameters={"proxy": path.lstrip("/")},
        headers={
            "host": event["requestContext"]["domainName"],
            "x-forwarded-proto": "https",
            "x-forwarded-port": "443",
            **{name.lower(): value for name, value in (headers or {}).items()},
        },
    )
    if pairs:
        event["queryStringParameters"] = dict(pairs)
    else:
        event.pop("queryStringParameters")
    event["requestContext"]["http"].update(method=method, path=path)
    event["requestContext"]["routeKey"] = "ANY /{proxy+}"
    return event


def rest_api_event(
    method: str, path: str, query: str = "", headers: dict[str, str] | None = None
) -> Event:
    """A REST API (payload 1.0) event for this request."""
    event = copy.deepcopy(REST_API)
    pairs = parse_qsl(query, keep_blank_values=True)
    extra = headers or {}
    event.update(
        httpMethod=method,
        path=path,
        body=None,
        isBase64Encoded=False,
        pathParameters={"proxy": path.lstrip("/")},
        queryStringParameters=dict(pairs) or None,
        multiValueQueryStringParameters={name: [value] for name, value in pairs} or None,
        headers={**event["headers"], **extra},
        multiValueHeaders={**event["multiValueHeaders"], **{k: [v] for k, v in extra.items()}},
    )
    event["requestContext"].update(httpMethod=method, path=f"/prod{path}")
    return event


@pytest.fixture(params=["http-api-v2", "rest-api-v1"])
def make_event(request: pytest.FixtureRequest) -> MakeEvent:
    """Each test runs with both event shapes."""
    return http_api_event if request.param == "http-api-v2" else rest_api_event


@pytest.fixture
def http_event() -> MakeEvent:
    """Events of the HTTP API, which serverless.yml configures."""
    return http_api_event


@pytest.fixture(scope="session")
def snapshot_dir(tmp_path_factory: pytest.TempPathFactory, bundled_site: Any) -> Path:
    """The Lambda snapshot of the bundled content, written once."""
    out = tmp_path_factory.mktemp("lambda") / "snapshot"
    write_lambda_snapshot(bundled_site, Settings(), out)
    return out


ROOT = Path(__file__).resolve().parents[2]
WHEELS = ROOT / "build" / "lambda-wheels"


@pytest.fixture(scope="session")
def artifact_zip(tmp_path_factory: pytest.TempPathFactory, snapshot_dir: Path) -> Path:
    """The Lambda zip built from the aarch64 wheels and the bundled content's snapshot, once."""
    assert (WHEELS / "requirements.txt").exists(), "no aarch64 wheels: run `make lambda-wheels`"
    zip_path = tmp_path_factory.mktemp("artifact") / "bulletin-feeds.zip"
    subprocess.run(
        [sys.executable, "deploy/lambda_artifact.py", "build", "--wheels", str(WHEELS),
         "--snapshot", str(snapshot_dir), "--out", str(zip_path)],
        cwd=ROOT, check=True, timeout=300,
    )  # fmt: skip
    return zip_path


LoadHandler = Callable[..., ModuleType]


@pytest.fixture
def load_handler(monkeypatch: pytest.MonkeyPatch) -> Iterator[LoadHandler]:
    """Import feeds.lambda_handler afresh with these FEEDS_* variables (and no others).

    Mangum runs each request on the main thread's event loop, as in Lambda; the
    fixture gives it one for the test and closes it after, whatever ran before.
    """
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)

    def load(**environ: str) -> ModuleType:
        for name in FEEDS_VARIABLES:
            monkeypatch.delenv(name, raising=False)
        for name, value in environ.items():
            monkeypatch.setenv(name, value)
        loaded = sys.modules.get("feeds.lambda_handler")
        if loaded is None:
            return importlib.import_module("feeds.lambda_handler")
        return importlib.reload(loaded)

    yield load
    asyncio.set_event_loop(None)
    loop.close()
