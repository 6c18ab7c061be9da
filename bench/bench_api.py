"""Benchmark: the API against a bare Starlette app sending the same bytes, side by side.

Generates (or reuses) a content directory of N editions, starts the real server
the way `feeds serve` runs it (uvicorn, one process, access log off) and a
minimal Starlette app under the same uvicorn settings that answers the same
paths with the same bytes from memory. wrk then measures both, alternating
rounds, and the ratios (real / baseline, per round and their median) are printed for:

- `/api/v1/items?section=events`: a filtered list, computed per request (target >= 0.6);
- `/api/v1/editions/latest`: a whole document, a snapshot resource (target >= 0.8).

Usage:

    .venv/bin/python bench/bench_api.py [--content /tmp/bench-1000] [--editions 1000]
        [--rounds 3] [--duration 5] [--connections 32]

Both servers run under `timeout`, so they stop by themselves even if this script dies.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import urllib.request
from pathlib import Path

from loadtest import wait_ready, wrk

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PATHS = ("/api/v1/items?section=events", "/api/v1/editions/latest")
TARGETS = {PATHS[0]: 0.6, PATHS[1]: 0.8}
# Informational, no target: every request a different page of the same filter (offsets
# 0..4980), so the server's cache of recent answers (256) almost never holds it and each
# page is computed from the index. The bare app answers its one body whatever the query.
UNCACHED = "/api/v1/items?section=events&offset=(random)"
UNCACHED_SCRIPT = """
math.randomseed(25)
request = function()
  return wrk.format("GET", "/api/v1/items?section=events&offset=" .. math.random(0, 4980))
end
"""
HOST = "127.0.0.1"

BASELINE = """
import sys
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

bodies = {}
for spec in sys.argv[2:]:
    path, _, file = spec.partition("=")
    bodies[path] = Path(file).read_bytes()


def endpoint(body: bytes):
    async def answer(request: Request) -> Response:
        return Response(body, media_type="application/json")
    return answer


routes = [Route(path, endpoint(body)) for path, body in bodies.items()]
app = Starlette(routes=routes)
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="info", access_log=False)
"""


def fetch(url: str) -> bytes:
    """The body at `url` (identity encoding)."""
    with urllib.request.urlopen(url, timeout=30) as response:
        body: bytes = response.read()
        return body


def main() -> None:
    """Run the comparison and print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=Path("/tmp/bench-1000"))
    parser.add_argument("--editions", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--port", type=int, default=8731)
    parser.add_argument("--server-log", type=argparse.FileType("w"), default=subprocess.DEVNULL)
    args = parser.parse_args()
    if not (args.content / "site.yaml").exists():
        script = str(ROOT / "bench" / "make_content.py")
        subprocess.run([PYTHON, script, str(args.editions), str(args.content)], check=True)
    lifetime = str(600 + args.rounds * len(PATHS) * 2 * (args.duration + 5))
    real_port, base_port = args.port, args.port + 1
    feeds = [str(Path(PYTHON).with_name("feeds")), "serve", "--content", str(args.content)]
    real = subprocess.Popen(
        ["timeout", lifetime, *feeds, "--host", HOST, "--port", str(real_port)],
        stdout=subprocess.DEVNULL,
        stderr=args.server_log,
    )
    processes = [real]
    try:
        wait_ready(f"http://{HOST}:{real_port}/healthz", 300)
        bodies = args.content.parent / f".{args.content.name}-bench-bodies"
        bodies.mkdir(exist_ok=True)
        specs = []
        for number, path in enumerate(PATHS):
            file = bodies / f"{number}.json"
            file.write_bytes(fetch(f"http://{HOST}:{real_port}{path}"))
            specs.append(f"{path.partition('?')[0]}={file}")
        baseline = subprocess.Popen(
            ["timeout", lifetime, PYTHON, "-c", BASELINE, str(base_port), *specs],
            stdout=subprocess.DEVNULL,
            stderr=args.server_log,
        )
        processes.append(baseline)
        wait_ready(f"http://{HOST}:{base_port}{PATHS[1]}", 60)
        for path in PATHS:
            same = fetch(f"http://{HOST}:{base_port}{path}") == fetch(
                f"http://{HOST}:{real_port}{path}"
            )
            assert same, f"the baseline sends different bytes for {path}"
        script = bodies / "uncached.lua"
        script.write_text(UNCACHED_SCRIPT)
        rates: dict[tuple[str, str], list[float]] = {}
        ratios: dict[str, list[float]] = {path: [] for path in (*PATHS, UNCACHED)}
        for round_number in range(args.rounds):
            for path in (*PATHS, UNCACHED):
                # Each round measures both servers back to back, in alternating order, so
                # that other load on the machine weighs on both sides of each ratio.
                order = [("feeds", real_port), ("bare", base_port)]
                if round_number % 2:
                    order.reverse()
                measured = {}
                for name, port in order:
                    if path == UNCACHED:
                        url = f"http://{HOST}:{port}{PATHS[0]}"
                        rate = wrk(url, args.duration, args.connections, script=script)
                    else:
                        url = f"http://{HOST}:{port}{path}"
                        rate = wrk(url, args.duration, args.connections)
                    measured[name] = rate
                    rates.setdefault((name, path), []).append(rate)
                ratios[path].append(measured["feeds"] / measured["bare"])
                print(
                    f"round {round_number + 1} {path}: feeds {measured['feeds']:,.0f} req/s,"
                    f" bare {measured['bare']:,.0f} req/s, ratio {ratios[path][-1]:.2f}",
                    flush=True,
                )
        print()
        for path in (*PATHS, UNCACHED):
            ratio = statistics.median(ratios[path])
            target = TARGETS.get(path)
            if target is None:
                verdict = "(no target)"
            else:
                verdict = f"(target {target}) " + ("ok" if ratio >= target else "BELOW TARGET")
            print(
                f"{path}: median ratio {ratio:.2f} {verdict};"
                f" median feeds {statistics.median(rates[('feeds', path)]):,.0f} req/s,"
                f" bare {statistics.median(rates[('bare', path)]):,.0f} req/s;"
                f" ratios {', '.join(f'{r:.2f}' for r in ratios[path])}"
            )
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
