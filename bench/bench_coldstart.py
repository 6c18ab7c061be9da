"""Benchmark: Lambda cold start, from process start to the first response, side by side.

Each sample is a fresh Python process that imports a Lambda handler, answers one
synthetic HTTP API (payload 2.0) event for `/feeds/all.atom`, and prints the
answer; the figure is the wall time from spawning the process to reading that
line (interpreter start, imports, opening the snapshot or loading the content,
and the request; not the interpreter's exit). Variants run in turn, in a new
shuffled order each round, so that drift on the machine hits them alike:

- bare: a Starlette app with one route returning fixed bytes, under Mangum;
- bundled: `feeds.lambda_handler` over the Lambda snapshot of content/;
- 1,000 editions: the same over the snapshot of 1,000 synthetic editions;
- bundled, no snapshot: the handler's fallback, loading and rendering content/
  (for comparison: what the snapshot saves).

Targets: 1,000 editions within 1.5x of bundled (the archive does not drive cold
start) and bundled within 2x of bare.

Usage:

    .venv/bin/python bench/bench_coldstart.py [--runs 15] [--editions 1000]
        [--content /tmp/bench-1000] [--snapshot /tmp/bench-1000-snapshot]

Missing inputs are made first: the content by bench/make_content.py, the
snapshots by `make lambda-snapshot` (FEEDS_CONTENT_DIR, FEEDS_SNAPSHOT_DIR).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from feeds.snapshot_disk import FORMAT

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
EVENT_FIXTURE = ROOT / "tests" / "deploy" / "events" / "http-api-proxy.json"
PATH = "/feeds/all.atom"

FEEDS_HANDLER = """
import json, sys, time
started = time.perf_counter()
from feeds.lambda_handler import http
imported = time.perf_counter()
response = http(json.loads(sys.argv[1]), None)
done = time.perf_counter()
print(json.dumps([response["statusCode"], len(response["body"]), imported - started,
                  done - imported]), flush=True)
"""

BARE_HANDLER = """
import json, sys, time
started = time.perf_counter()
from mangum import Mangum
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route

BODY = b"<feed/>" * 4000

async def feed(request):
    return Response(BODY, media_type="application/atom+xml; charset=utf-8")

http = Mangum(Starlette(routes=[Route("/feeds/all.atom", feed)]), lifespan="off",
              text_mime_types=["text/", "+xml"])
imported = time.perf_counter()
response = http(json.loads(sys.argv[1]), None)
done = time.perf_counter()
print(json.dumps([response["statusCode"], len(response["body"]), imported - started,
                  done - imported]), flush=True)
"""


def event() -> str:
    """A GET of PATH in the shape `sam local generate-event apigateway http-api-proxy` gives."""
    data = json.loads(EVENT_FIXTURE.read_text())
    data.update(rawPath=PATH, rawQueryString="", body=None, isBase64Encoded=False, cookies=[])
    data["headers"] = {"host": data["requestContext"]["domainName"], "accept-encoding": "gzip"}
    data.pop("queryStringParameters", None)
    data["requestContext"]["http"].update(method="GET", path=PATH)
    return json.dumps(data)


def ensure_snapshot(content: Path, snapshot: Path) -> None:
    """Write the Lambda snapshot of `content` with `make lambda-snapshot` unless it is there.

    One written by an older version of the snapshot format is written again.
    """
    header = snapshot / "snapshot.json"
    if header.is_file() and json.loads(header.read_text()).get("format") == FORMAT:
        return
    print(f"writing the snapshot of {content} to {snapshot} (make lambda-snapshot)", flush=True)
    subprocess.run(
        ["make", "--no-print-directory", "lambda-snapshot",
         f"FEEDS_CONTENT_DIR={content}", f"FEEDS_SNAPSHOT_DIR={snapshot}"],
        cwd=ROOT, check=True,
    )  # fmt: skip


def sample(code: str, env: dict[str, str], payload: str) -> tuple[float, float, float]:
    """One cold start: wall seconds to the first response, and the child's import and request."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [PYTHON, "-c", code, payload], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - started
    child.wait(timeout=120)
    if not line:
        raise SystemExit(f"the handler process failed (exit {child.returncode})")
    status, size, imported, request = json.loads(line)
    if status != 200 or size < 1000:
        raise SystemExit(f"unexpected answer: status {status}, {size} bytes")
    return elapsed, imported, request


def main() -> int:
    """Run every variant in turn for --runs rounds and print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--editions", type=int, default=1000)
    parser.add_argument("--content", type=Path, default=Path("/tmp/bench-1000"))
    parser.add_argument("--snapshot", type=Path, default=Path("/tmp/bench-1000-snapshot"))
    args = parser.parse_args()

    if not (args.content / "site.yaml").is_file():
        subprocess.run(
            [
                PYTHON,
                str(ROOT / "bench" / "make_content.py"),
                str(args.editions),
                str(args.content),
            ],
            check=True,
        )
    bundled = Path(tempfile.mkdtemp(prefix="bench-coldstart-")) / "snapshot"
    ensure_snapshot(ROOT / "content", bundled)
    ensure_snapshot(args.content, args.snapshot)

    base = {k: v for k, v in os.environ.items() if not k.startswith("FEEDS_")}
    variants = {
        "bare Starlette + Mangum": (BARE_HANDLER, base),
        "bundled content": (FEEDS_HANDLER, {**base, "FEEDS_SNAPSHOT_DIR": str(bundled)}),
        f"{args.editions:,} editions": (
            FEEDS_HANDLER,
            {**base, "FEEDS_SNAPSHOT_DIR": str(args.snapshot)},
        ),
        "bundled, no snapshot": (FEEDS_HANDLER, {**base, "FEEDS_CONTENT_DIR": "content"}),
    }
    payload = event()
    for code, env in variants.values():  # warm the page cache and the bytecode caches
        sample(code, env, payload)
    results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in variants}
    order = list(variants)
    shuffle = random.Random(25).shuffle
    for _ in range(args.runs):
        shuffle(order)  # no variant always follows the same one
        for name in order:
            code, env = variants[name]
            results[name].append(sample(code, env, payload))

    medians = {name: statistics.median(s[0] for s in runs) for name, runs in results.items()}
    print(f"cold start to the first {PATH} response, median of {args.runs} fresh processes:")
    for name, runs in results.items():
        imports = statistics.median(s[1] for s in runs)
        request = statistics.median(s[2] for s in runs)
        print(
            f"  {name:<26} {medians[name] * 1000:7.1f} ms"
            f"   (handler import {imports * 1000:6.1f} ms, first request {request * 1000:5.1f} ms)"
        )
    bare, small = medians["bare Starlette + Mangum"], medians["bundled content"]
    large = medians[f"{args.editions:,} editions"]
    print(f"  {args.editions:,} editions / bundled: {large / small:.2f}x   (target <= 1.5x)")
    print(f"  bundled / bare:            {small / bare:.2f}x   (target <= 2x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
