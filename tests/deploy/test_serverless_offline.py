"""serverless-offline serves serverless.yml's `http` function: one request per route family.

Slow: it starts `osls offline` on loopback ports, which runs the handler with the
Python of the virtual environment that VIRTUAL_ENV names (and only that way: the
test's PATH does not lead to it).
"""

from __future__ import annotations

import os
import selectors
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
OSLS = ROOT / "node_modules" / ".bin" / "osls"
STARTUP_SECONDS = 90

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def offline(snapshot_dir: Path, artifact_zip: Path) -> Iterator[str]:
    """The base URL of a running `osls offline`, stopped after the module's tests."""
    assert OSLS.exists(), "osls is not installed: run `make node-deps`"
    venv = Path(sys.executable).parent.parent
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "FEEDS_"))}
    env.update(
        VIRTUAL_ENV=str(venv),
        PATH=os.pathsep.join(
            p for p in env.get("PATH", "").split(os.pathsep) if not p.startswith(str(venv))
        ),
        AWS_ACCESS_KEY_ID="",
        AWS_SECRET_ACCESS_KEY="",
    )
    http_port, lambda_port = free_port(), free_port()
    process = subprocess.Popen(
        [str(OSLS), "offline", "start", "--stage", "test", "--host", "127.0.0.1",
         "--httpPort", str(http_port), "--lambdaPort", str(lambda_port),
         f"--param=snapshotDir={snapshot_dir}",  # it runs the source, not the artifact,
         f"--param=artifact={artifact_zip}"],  # but reads the artifact that package names
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    try:
        _wait_until_ready(process)
        yield f"http://127.0.0.1:{http_port}"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=20)
        assert process.stdout is not None
        process.stdout.close()


def _wait_until_ready(process: subprocess.Popen[bytes]) -> None:
    assert process.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    seen = b""
    deadline = time.monotonic() + STARTUP_SECONDS
    while b"Server ready" not in seen:
        left = deadline - time.monotonic()
        if left <= 0 or process.poll() is not None:
            raise AssertionError(f"osls offline did not start:\n{seen.decode(errors='replace')}")
        if selector.select(timeout=left):
            seen += os.read(process.stdout.fileno(), 65536)
    selector.close()


@pytest.mark.parametrize(
    ("path", "status", "media_type"),
    [
        ("/feeds/all.atom", 200, "application/atom+xml; charset=utf-8"),
        ("/feeds/events.ics", 200, "text/calendar; charset=utf-8"),
        ("/", 200, "text/html; charset=utf-8"),
        ("/items/budget-2024", 200, "text/html; charset=utf-8"),
        ("/api/v1", 200, "application/json"),
        ("/api/v1/items?section=news", 200, "application/json"),
        ("/api/v1/no-such-thing", 404, "application/problem+json"),
        ("/healthz", 200, "application/json"),
    ],
)
def test_each_route_family_answers(offline, path, status, media_type):
    response = httpx.get(offline + path, timeout=30)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(media_type)
    assert response.content


def test_etag_gives_304(offline):
    first = httpx.get(offline + "/feeds/news.rss", timeout=30)
    again = httpx.get(
        offline + "/feeds/news.rss", headers={"If-None-Match": first.headers["etag"]}, timeout=30
    )
    assert (first.status_code, again.status_code, again.content) == (200, 304, b"")
