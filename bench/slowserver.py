"""A slow HTTP/1.1 server for link-checker benchmarks: every answer comes after a fixed delay.

Binds one port on each of several loopback addresses (default 127.0.0.2-127.0.0.21)
and answers every request, whatever its path, with 200 after `--delay` seconds
(100 ms), keeping connections alive. It counts what it sees, so a benchmark can
measure a checker from the server's side: requests, connections, the time from the
first request to the last answer, and the most requests in flight to one address
at once (the checker's real per-host concurrency).

Control, on 127.0.0.1 at the same port: `GET /__stats` returns the counts as JSON,
`GET /__reset` zeroes them. The server stops by itself after `--lifetime` seconds.

    python bench/slowserver.py --port 8099 [--hosts 127.0.0.2-127.0.0.21] [--delay 0.1]

It prints `ready PORT` on standard output once every address is listening.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ipaddress
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field

ANSWER = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\n"
BODY = b"ok\n"


@dataclass
class Stats:
    """What the server has seen since the last reset."""

    requests: int = 0
    answered: int = 0
    connections: int = 0
    first_request: float | None = None
    last_answer: float | None = None
    methods: Counter[str] = field(default_factory=Counter)
    in_flight: Counter[str] = field(default_factory=Counter)
    peak_in_flight: Counter[str] = field(default_factory=Counter)

    def as_json(self) -> dict[str, object]:
        span = None
        if self.first_request is not None and self.last_answer is not None:
            span = self.last_answer - self.first_request
        return {
            "requests": self.requests,
            "answered": self.answered,
            "connections": self.connections,
            "first_request": self.first_request,
            "last_answer": self.last_answer,
            "span": span,
            "methods": dict(self.methods),
            "peak_per_host": max(self.peak_in_flight.values(), default=0),
            "hosts": len(self.peak_in_flight),
        }


class SlowProtocol(asyncio.Protocol):
    """One connection: each request is answered `delay` seconds after it arrived."""

    def __init__(self, server: SlowServer) -> None:
        self.server = server
        self.buffer = b""
        self.transport: asyncio.Transport | None = None
        self.host = ""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.host = transport.get_extra_info("sockname")[0]
        self.server.stats.connections += 1

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head, self.buffer = self.buffer[:end], self.buffer[end + 4 :]
            method, _, rest = head.partition(b" ")
            path = rest.partition(b" ")[0]
            if self.host == "127.0.0.1" and path.startswith(b"/__"):
                self.control(path)
                continue
            self.server.request(self.host, method.decode("ascii", "replace"))
            loop = asyncio.get_running_loop()
            loop.call_later(self.server.delay, self.answer, method == b"HEAD")

    def answer(self, head_only: bool) -> None:
        self.server.answer(self.host)
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(ANSWER if head_only else ANSWER + BODY)

    def control(self, path: bytes) -> None:
        if path == b"/__reset":
            self.server.stats = Stats()
        body = json.dumps(self.server.stats.as_json()).encode()
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
        assert self.transport is not None
        self.transport.write(head % len(body) + body)


class SlowServer:
    """The listeners and the shared counts."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.stats = Stats()

    def request(self, host: str, method: str) -> None:
        stats = self.stats
        stats.requests += 1
        stats.methods[method] += 1
        if stats.first_request is None:
            stats.first_request = time.monotonic()
        stats.in_flight[host] += 1
        if stats.in_flight[host] > stats.peak_in_flight[host]:
            stats.peak_in_flight[host] = stats.in_flight[host]

    def answer(self, host: str) -> None:
        stats = self.stats
        stats.answered += 1
        stats.in_flight[host] -= 1
        stats.last_answer = time.monotonic()


def parse_hosts(text: str) -> list[str]:
    """An inclusive IPv4 range A-B, or a comma-separated list."""
    if "-" in text:
        first, last = (ipaddress.IPv4Address(part) for part in text.split("-", 1))
        return [str(ipaddress.IPv4Address(n)) for n in range(int(first), int(last) + 1)]
    return [part.strip() for part in text.split(",") if part.strip()]


async def serve(port: int, hosts: list[str], delay: float, lifetime: float) -> None:
    """Listen on every host (and 127.0.0.1 for control) until the lifetime ends."""
    server = SlowServer(delay)
    loop = asyncio.get_running_loop()
    listeners = []
    for host in dict.fromkeys(["127.0.0.1", *hosts]):
        listeners.append(
            await loop.create_server(lambda: SlowProtocol(server), host, port, backlog=1024)
        )
    print(f"ready {port}", flush=True)
    try:
        await asyncio.sleep(lifetime)
    finally:
        for listener in listeners:
            listener.close()


def main() -> int:
    """Parse arguments and serve."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--hosts", default="127.0.0.2-127.0.0.21")
    parser.add_argument("--delay", type=float, default=0.1)
    parser.add_argument("--lifetime", type=float, default=900.0)
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(args.port, parse_hosts(args.hosts), args.delay, args.lifetime))
    return 0


if __name__ == "__main__":
    sys.exit(main())
