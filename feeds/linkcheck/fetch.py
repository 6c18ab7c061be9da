"""Checking one http(s) URL: redirect hops, HEAD then GET, retries, deadlines.

Takes a URL and the run's shared client, pools, gates and clock; gives an
`Outcome`. Redirects are followed here, hop by hop, rather than by httpx, so each
hop is a fresh request through the SSRF guard and its status decides between
`redirected` and `ok`. A bad link is an outcome, never an exception.
"""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass
from urllib.parse import urljoin

import httpx

from feeds.exceptions import BlockedAddressError
from feeds.linkcheck.clock import Clock
from feeds.linkcheck.extract import normalise
from feeds.linkcheck.gates import HostGates
from feeds.linkcheck.policy import (
    HEAD_UNRELIABLE,
    REDIRECTS,
    CheckPolicy,
    error_verdict,
    is_permanent,
    is_soft_404,
    retry_after,
    retryable_status,
    status_verdict,
)
from feeds.linkcheck.transport import HostPools
from feeds.linkcheck.verdicts import Outcome, Verdict

__all__ = ["Fetcher", "web_url"]

_FAILURES = (httpx.HTTPError, httpx.InvalidURL, TimeoutError, BlockedAddressError)


def web_url(url: str) -> httpx.URL | None:
    """The http(s) URL parsed for requesting, or None when it cannot be requested."""
    if not url.startswith(("http://", "https://")):
        return None
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        return None
    port = parsed.port
    # httpx accepts any port number; one out of range is a broken link, not a request.
    return parsed if parsed.host and (port is None or 0 < port < 65536) else None


@dataclass(frozen=True, slots=True)
class _Answer:
    """One attempt's evidence: a status and the headers that matter, or an error."""

    status: int = 0
    location: str | None = None
    retry_after: str | None = None
    error: Exception | None = None


class Fetcher:
    """Checks http(s) URLs with the run's one client; shared by every link of a run."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        pools: HostPools,
        gates: HostGates,
        policy: CheckPolicy,
        clock: Clock,
        rng: random.Random,
    ) -> None:
        self._client, self._pools, self._gates = client, pools, gates
        self._policy, self._clock, self._rng = policy, clock, rng
        self._head_unreliable: set[str] = set()

    async def check(self, url: str, parsed: httpx.URL | None = None) -> Outcome:
        """Follow the URL (given parsed too, if the caller has it) to its end and judge it."""
        started = self._clock.monotonic()
        deadline = started + self._policy.deadline
        chain: list[tuple[str, int]] = []
        current, seen = url, {url}
        while True:
            answer, tries = await self._with_retries(current, deadline, parsed)
            if answer.error is not None:
                verdict, error, _ = error_verdict(answer.error)
                if chain:
                    error = f"after redirect to {current}: {error}"
                return self._outcome(started, verdict, None, current if chain else None, error)
            location = answer.location
            if answer.status in REDIRECTS and location:
                chain.append((current, answer.status))
                target = normalise(urljoin(current, location))
                parsed = web_url(target)
                problem = None
                if not target.startswith(("http://", "https://")):
                    problem = f"redirects to an unsupported URL: {target}"
                elif parsed is None:
                    problem = f"redirects to an invalid URL: {target}"
                elif target in seen:
                    problem = f"redirect loop at {target}"
                elif len(chain) > self._policy.max_redirects:
                    problem = f"more than {self._policy.max_redirects} redirects"
                if problem is not None:
                    return self._outcome(started, Verdict.BROKEN, answer.status, target, problem)
                seen.add(target)
                current = target
                continue
            return self._final(started, url, chain, current, answer.status, tries)

    def _final(
        self,
        started: float,
        url: str,
        chain: list[tuple[str, int]],
        end: str,
        status: int,
        tries: int,
    ) -> Outcome:
        verdict, error = status_verdict(status, tries)
        if verdict is not Verdict.OK or not chain:
            return self._outcome(started, verdict, status, end if chain else None, error)
        permanent = 0
        while permanent < len(chain) and is_permanent(chain[permanent][1]):
            permanent += 1
        warnings = ("likely soft 404",) if is_soft_404(url, end) else ()
        if permanent == 0:
            return self._outcome(started, Verdict.OK, status, end, None, warnings)
        # The content should name where the permanent hops lead, not where a
        # later temporary hop happens to point today.
        replacement = chain[permanent][0] if permanent < len(chain) else end
        return self._outcome(started, Verdict.REDIRECTED, status, replacement, None, warnings)

    def _outcome(
        self,
        started: float,
        verdict: Verdict,
        status: int | None,
        final_url: str | None,
        error: str | None,
        warnings: tuple[str, ...] = (),
    ) -> Outcome:
        elapsed = round((self._clock.monotonic() - started) * 1000)
        return Outcome(verdict, status, final_url, error, warnings, elapsed, self._clock.now())

    async def _with_retries(
        self, url: str, deadline: float, parsed: httpx.URL | None
    ) -> tuple[_Answer, int]:
        """One hop: attempts until an answer is final, retries run out, or the deadline."""
        request_url = parsed or httpx.URL(url)  # parsed once for every attempt of the hop
        host = request_url.host
        method = "GET" if host in self._head_unreliable else "HEAD"
        tries = 0
        while True:
            tries += 1
            # HEAD and the GET that may follow it share one slot, so a fallback
            # does not queue behind the host's other links.
            async with self._gates.slot(host):
                answer = await self._attempt(method, request_url, deadline)
                if method == "HEAD" and _head_refused(answer):
                    method = "GET"
                    retried = await self._attempt(method, request_url, deadline)
                    if retried.status != answer.status:
                        self._head_unreliable.add(host)
                    answer = retried
            delay = self._retry_delay(answer, tries, host)
            if delay is None or self._clock.monotonic() + delay >= deadline:
                return answer, tries
            await self._clock.sleep(delay)

    def _retry_delay(self, answer: _Answer, tries: int, host: str) -> float | None:
        """Seconds to wait before trying again, or None when this answer stands."""
        if tries > self._policy.retries:
            return None
        if answer.error is not None:
            if not error_verdict(answer.error)[2]:
                return None
        elif not retryable_status(answer.status):
            return None
        asked = retry_after(answer.retry_after, self._clock.now())
        if asked is not None:
            if asked > self._policy.retry_after_cap:
                return None  # honouring it would overrun the run; say inconclusive now
            self._gates.pause(host, asked)
            return asked
        base = self._policy.backoff * (1 << (tries - 1))
        return base / 2 + self._rng.uniform(0, base / 2)

    async def _attempt(self, method: str, url: httpx.URL, deadline: float) -> _Answer:
        """One request, bounded as a whole (connect, headers, body) by the timeout."""
        remaining = min(self._policy.timeout, deadline - self._clock.monotonic())
        if remaining <= 0:
            return _Answer(error=TimeoutError())
        response: httpx.Response | None = None
        async with self._pools.hop(url):
            try:
                async with asyncio.timeout(remaining):
                    response = await self._client.send(
                        self._client.build_request(method, url), stream=True
                    )
                    await self._drain(method, response)
            except _FAILURES as exc:
                if response is None:
                    return _Answer(error=exc)
                # The status is known: a body that fails or trickles past the
                # attempt's end costs only the connection, never the verdict.
            finally:
                if response is not None:
                    await response.aclose()
        assert response is not None
        location = retry = None
        for name, value in response.headers.raw:  # cheaper than two Headers lookups
            lowered = name.lower()
            if lowered == b"location":
                location = value.decode("latin-1")
            elif lowered == b"retry-after":
                retry = value.decode("latin-1")
        return _Answer(response.status_code, location, retry)

    async def _drain(self, method: str, response: httpx.Response) -> None:
        """Read an empty or small declared body so the connection can be reused.

        httpcore reuses a connection only once the response has been read to its
        end, even the empty body of a HEAD. A large or undeclared body is never
        read: closing drops the connection, which is cheaper.
        """
        if method != "HEAD":
            length = response.headers.get("content-length", "")
            if not length.isdigit() or int(length) > self._policy.drain_bytes:
                return
        async for _chunk in response.aiter_raw():
            pass


def _head_refused(answer: _Answer) -> bool:
    if answer.error is not None:
        return isinstance(answer.error, httpx.RemoteProtocolError)
    return answer.status in HEAD_UNRELIABLE
