"""Benchmark: a feed served by `feeds serve` against a bare Starlette app, side by side.

Generates (or reuses) a content directory of N editions and then, in one run:

1. renders every feed of the site in this process (`feeds.render.feeds.entries`),
   timing the content load and the render;
2. starts the real server exactly as `feeds serve` runs it (uvicorn, one process,
   access log off) and a minimal Starlette app under the same uvicorn settings
   that returns the same bytes of `/feeds/news.atom` from memory, with the same
   validator headers, and answers a matching If-None-Match with a 304;
3. measures both with wrk on loopback, back to back in each round and alternating
   which goes first: a plain GET (target: real >= 0.8 of the baseline) and a
   conditional GET that gets a 304 (target >= 0.9). The figure is the median of
   the per-round ratios, so load from elsewhere on the machine, which shifts both
   halves of a pair alike, moves it less than it moves the rates;
4. asks the real server for every feed once (each is rendered on first use) and
   reports how long that took and the server's resident memory then.

Servers are pinned to CPU 0 and wrk to CPU 1 with taskset (two cores), and run
under `timeout`, so they stop by themselves even if this script dies.

Usage:

    .venv/bin/python bench/bench_feeds.py [--content /tmp/bench-1000] [--editions 1000]
        [--rounds 10] [--duration 3] [--connections 32] [--port 8741]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from loadtest import wait_ready, wrk

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "127.0.0.1"
FEED = "/feeds/news.atom"
TARGETS = {"200": 0.8, "304": 0.9}
SERVER_CPU, WRK_CPU = "0", "1"

BASELINE = """
import sys
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

port, path, file, media, etag, modified, cache = sys.argv[1:8]
body = Path(file).read_bytes()
headers = {"etag": etag, "last-modified": modified, "cache-control": cache,
           "vary": "Accept-Encoding"}


async def feed(request: Request) -> Response:
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media, headers=headers)


app = Starlette(routes=[Route(path, feed)])
uvicorn.run(app, host="127.0.0.1", port=int(port), log_level="info", access_log=False)
"""


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names) and body at `url`, identity encoding."""
    request = urllib.request.Request(
        url, headers={"Accept-Encoding": "identity", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return (
                response.status,
                {k.lower(): v for k, v in response.headers.items()},
                response.read(),
            )
    except urllib.error.HTTPError as error:  # urllib raises for 304
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def rss_mb(wrapper_pid: int) -> float:
    """Resident memory of the server: the child of the `timeout` wrapper."""
    children = Path(f"/proc/{wrapper_pid}/task/{wrapper_pid}/children").read_text().split()
    status = Path(f"/proc/{children[0]}/status").read_text()
    match = re.search(r"VmRSS:\s+(\d+) kB", status)
    assert match is not None
    return int(match[1]) / 1024


def render_in_process(content: Path) -> tuple[list[str], list[str]]:
    """Load the content and render every feed; the report lines and the feed paths."""
    sys.path.insert(0, str(ROOT))
    from feeds.content import load_site
    from feeds.render.feeds import entries
    from feeds.settings import Settings

    started = time.perf_counter()
    site = load_site(content)
    loaded = time.perf_counter()
    sizes: dict[str, tuple[float, int]] = {}
    for entry in entries(site, Settings()):
        begun = time.perf_counter()
        body = entry.render().body
        sizes[entry.path] = (time.perf_counter() - begun, len(body))
    rendered = time.perf_counter()
    slowest = max(sizes, key=lambda path: sizes[path][0])
    lines = [
        f"content: {len(site.editions)} editions, {len(site.items)} items,"
        f" loaded in {loaded - started:.2f}s",
        f"render: {len(sizes)} feeds in {rendered - loaded:.2f}s;"
        f" slowest {slowest} {sizes[slowest][0]:.2f}s ({sizes[slowest][1] / 1e6:.1f} MB),"
        f" the other {len(sizes) - 1} in {rendered - loaded - sizes[slowest][0]:.2f}s",
    ]
    return lines, list(sizes)


def main() -> None:
    """Run the comparison and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=Path("/tmp/bench-1000"))
    parser.add_argument("--editions", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--duration", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--port", type=int, default=8741)
    args = parser.parse_args()
    if not (args.content / "site.yaml").exists():
        script = str(ROOT / "bench" / "make_content.py")
        subprocess.run([PYTHON, script, str(args.editions), str(args.content)], check=True)
    report, paths = render_in_process(args.content)
    for line in report:
        print(line, flush=True)

    lifetime = str(900 + args.rounds * 4 * (args.duration + 5))
    real_port, base_port = args.port, args.port + 1
    pinned = ["timeout", lifetime, "taskset", "-c", SERVER_CPU]
    feeds = [str(Path(PYTHON).with_name("feeds")), "serve", "--content", str(args.content)]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    real = subprocess.Popen([*pinned, *feeds, "--host", HOST, "--port", str(real_port)], **quiet)
    processes = [real]
    try:
        wait_ready(f"http://{HOST}:{real_port}/healthz", 300)
        status, headers, body = fetch(f"http://{HOST}:{real_port}{FEED}")
        assert status == 200, status
        file = args.content.parent / f".{args.content.name}-bench-news.atom"
        file.write_bytes(body)
        etag = headers["etag"]
        baseline = subprocess.Popen(
            [
                *pinned,
                *(PYTHON, "-c", BASELINE, str(base_port), FEED, str(file)),
                *(headers["content-type"], etag, headers["last-modified"]),
                headers["cache-control"],
            ],
            **quiet,
        )
        processes.append(baseline)
        wait_ready(f"http://{HOST}:{base_port}{FEED}", 60)
        conditional = {"If-None-Match": etag}
        counts = []
        for request in ({}, conditional):
            mine = fetch(f"http://{HOST}:{real_port}{FEED}", request)
            bare = fetch(f"http://{HOST}:{base_port}{FEED}", request)
            if (mine[0], mine[2]) != (bare[0], bare[2]):
                raise SystemExit(f"the baseline answers {request or 'GET'} differently")
            counts.append(f"{mine[0]}: {sorted(mine[1])} / baseline {sorted(bare[1])}")
        print(f"{FEED}: {len(body):,} bytes; headers", *counts, sep="\n  ")
        print("load average before measuring: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))

        for port in (real_port, base_port):  # warm up both: connections, caches, branch predictors
            wrk(f"http://{HOST}:{port}{FEED}", 1, args.connections, cpu=WRK_CPU)
        rates: dict[tuple[str, str], list[float]] = {}
        ratios: dict[str, list[float]] = {}
        for round_number in range(args.rounds):
            order = [("feeds", real_port), ("bare", base_port)]
            if round_number % 2:
                order.reverse()
            for kind, request in (("200", {}), ("304", conditional)):
                pair = {}
                for name, port in order:
                    url = f"http://{HOST}:{port}{FEED}"
                    pair[name] = wrk(
                        url, args.duration, args.connections, headers=request, cpu=WRK_CPU
                    )
                    rates.setdefault((name, kind), []).append(pair[name])
                ratios.setdefault(kind, []).append(pair["feeds"] / pair["bare"])
                print(
                    f"round {round_number + 1} {kind}: feeds {pair['feeds']:,.0f} req/s,"
                    f" bare {pair['bare']:,.0f} req/s, ratio {ratios[kind][-1]:.2f}",
                    flush=True,
                )
        print("load average after measuring: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
        for kind in TARGETS:
            ratio = statistics.median(ratios[kind])
            verdict = "ok" if ratio >= TARGETS[kind] else "BELOW TARGET"
            print(
                f"{FEED} {kind}: median of {args.rounds} paired ratios {ratio:.2f}"
                f" (range {min(ratios[kind]):.2f}-{max(ratios[kind]):.2f},"
                f" target {TARGETS[kind]}) {verdict};"
                f" median feeds {statistics.median(rates[('feeds', kind)]):,.0f} req/s,"
                f" bare {statistics.median(rates[('bare', kind)]):,.0f} req/s"
            )

        before = rss_mb(real.pid)
        begun = time.perf_counter()
        for path in paths:
            assert fetch(f"http://{HOST}:{real_port}{path}")[0] == 200, path
        took = time.perf_counter() - begun
        print(
            f"server: every feed ({len(paths)}) rendered on first request in {took:.2f}s;"
            f" RSS {before:.0f} MB before, {rss_mb(real.pid):.0f} MB after"
        )
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    main()
