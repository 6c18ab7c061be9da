"""Shared by the throughput benchmarks: wait for a server, and measure it with wrk.

wrk (Debian's package; `make bench-deps`) generates the load from a second process
on loopback, so the Python server under test does not share its interpreter.
"""

from __future__ import annotations

import re
import subprocess
import time
import urllib.request
from pathlib import Path

__all__ = ["wait_ready", "wrk"]


def wait_ready(url: str, seconds: float) -> None:
    """Poll `url` until it answers 200."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"server at {url} did not start in {seconds:.0f}s")


def wrk(
    url: str,
    duration: int,
    connections: int,
    *,
    headers: dict[str, str] | None = None,
    script: Path | None = None,
    cpu: str | None = None,
) -> float:
    """Requests per second that wrk measures at `url`; any error or non-2xx/3xx answer fails."""
    command = ["taskset", "-c", cpu] if cpu is not None else []
    command += ["wrk", "-t1", f"-c{connections}", f"-d{duration}s"]
    command += [
        arg for name, value in (headers or {}).items() for arg in ("-H", f"{name}: {value}")
    ]
    command += ["-s", str(script)] if script is not None else []
    out = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=duration + 30
    ).stdout
    match = re.search(r"Requests/sec:\s+([0-9.]+)", out)
    if match is None or "Non-2xx" in out or "Socket errors" in out:
        raise SystemExit(f"wrk failed or saw errors at {url}:\n{out}")
    return float(match[1])
