"""A misbehaving HTTP/1.1 server on loopback, for fault-injection tests of the link checker.

Raw asyncio sockets, so it can do what a well-behaved framework would not: hang,
trickle, reset, loop, and send bodies without end. Bounded: it stops by itself
after `lifetime` seconds, closing every connection. Each path is one fault:

    /ok            200                       /missing       404
    /moved         301 -> /ok                /found         302 -> /ok
    /loop-a        301 -> /loop-b -> /loop-a /head-405      405 to HEAD, 200 to GET
    /hang          reads the request, never answers
    /trickle       a status line, then a header byte every 50 ms, never finished
    /trickle-body  405 to HEAD; 200 to GET with a 4 KB body sent a byte every 50 ms
    /reset         reads the request, then resets the connection
    /huge          405 to HEAD; 200 to GET with an endless chunked body
    /429           429 with Retry-After: 1 the first time, 200 after
    /503           503 the first time, 200 after
    /redirect-to?url=U   302 to U
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
import struct
import threading
from collections import Counter
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

__all__ = ["FaultServer", "serve_in_thread"]


class FaultServer:
    """The server; `hits` counts requests per (method, path), `connections` counts accepts."""

    def __init__(
        self, host: str = "127.0.0.1", lifetime: float = 30.0, tls: ssl.SSLContext | None = None
    ) -> None:
        self.host = host
        self.tls = tls
        self.port = 0
        self.lifetime = lifetime
        self.hits: Counter[tuple[str, str]] = Counter()
        self.connections = 0
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._writers: set[asyncio.StreamWriter] = set()
        self._stopper: asyncio.TimerHandle | None = None

    def url(self, path: str) -> str:
        """The absolute URL of a path on this server."""
        scheme = "https" if self.tls else "http"
        return f"{scheme}://{self.host}:{self.port}{path}"

    async def start(self) -> None:
        """Listen on an ephemeral port of `host`."""
        self._server = await asyncio.start_server(self._connection, self.host, 0, ssl=self.tls)
        self.port = self._server.sockets[0].getsockname()[1]
        loop = asyncio.get_running_loop()
        self._stopper = loop.call_later(self.lifetime, lambda: loop.create_task(self.stop()))

    async def stop(self) -> None:
        """Stop listening and close every connection."""
        if self._stopper is not None:
            self._stopper.cancel()
        if self._server is not None:
            self._server.close()
        # Aborting the connections ends every handler through its own I/O, so
        # no task has to be cancelled from outside.
        for writer in list(self._writers):
            writer.transport.abort()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()
            self._server = None

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        self._writers.add(writer)
        try:
            while await self._exchange(reader, writer):
                pass
        except (
            ConnectionError,
            ssl.SSLError,
            asyncio.IncompleteReadError,
            asyncio.LimitOverrunError,
        ):
            pass
        finally:
            self._writers.discard(writer)
            self._tasks.discard(task)
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()

    async def _exchange(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        """Answer one request; False when the connection should end."""
        head = await reader.readuntil(b"\r\n\r\n")
        method, target = head.split(b" ", 2)[:2]
        parts = urlsplit(target.decode())
        path, name = parts.path, method.decode()
        self.hits[(name, path)] += 1
        count = self.hits[("GET", path)] + self.hits[("HEAD", path)]
        head_only = name == "HEAD"
        if path == "/hang":
            await reader.read()  # until the client gives up
            return False
        if path == "/trickle":
            writer.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
            while True:
                await asyncio.sleep(0.05)
                writer.write(b"a")
                await writer.drain()
        if path == "/reset":
            sock = writer.get_extra_info("socket")
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            writer.transport.abort()
            return False
        if path in ("/huge", "/trickle-body") and head_only:
            return await _answer(writer, 405)
        if path == "/huge":
            writer.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
            chunk = b"%x\r\n%s\r\n" % (65536, b"x" * 65536)
            while True:
                writer.write(chunk)
                await writer.drain()
        if path == "/trickle-body":
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 4096\r\n\r\n")
            for _ in range(4096):
                await asyncio.sleep(0.05)
                writer.write(b"x")
                await writer.drain()
            return True
        if path == "/moved":
            return await _answer(writer, 301, location="/ok")
        if path == "/found":
            return await _answer(writer, 302, location="/ok")
        if path in ("/loop-a", "/loop-b"):
            return await _answer(
                writer, 301, location="/loop-b" if path == "/loop-a" else "/loop-a"
            )
        if path == "/redirect-to":
            return await _answer(writer, 302, location=parse_qs(parts.query)["url"][0])
        if path == "/head-405" and head_only:
            return await _answer(writer, 405)
        if path == "/429" and count == 1:
            return await _answer(writer, 429, retry_after="1")
        if path == "/503" and count == 1:
            return await _answer(writer, 503)
        if path == "/missing":
            return await _answer(writer, 404, body=not head_only)
        return await _answer(writer, 200, body=not head_only)


async def _answer(
    writer: asyncio.StreamWriter,
    status: int,
    *,
    location: str | None = None,
    retry_after: str | None = None,
    body: bool = False,
) -> bool:
    payload = b"fault server\n"
    lines = [f"HTTP/1.1 {status} Status", f"Content-Length: {len(payload)}"]
    if location is not None:
        lines.append(f"Location: {location}")
    if retry_after is not None:
        lines.append(f"Retry-After: {retry_after}")
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + (payload if body else b""))
    await writer.drain()
    return True


@contextlib.contextmanager
def serve_in_thread(host: str = "127.0.0.1", lifetime: float = 30.0) -> Iterator[FaultServer]:
    """Run a FaultServer on its own event loop in a thread, for synchronous callers."""
    server = FaultServer(host, lifetime)
    loop = asyncio.new_event_loop()
    started = threading.Event()

    def run() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(server.start())
        started.set()
        loop.run_forever()
        loop.run_until_complete(server.stop())
        loop.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    started.wait(5)
    try:
        yield server
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
