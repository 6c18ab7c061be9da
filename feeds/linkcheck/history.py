"""History: what earlier runs found for each URL, and the rules that use it.

Takes the stored history (JSON bytes) and each run's outcomes; gives the verdicts
to report and the history to store. The rules (docs/linkcheck.md):
- an `ok` younger than `max_age` is reused without a request; failures are always
  checked again;
- a link `inconclusive` in 3 runs in a row is reported `broken` ("persistently
  unreachable");
- links left `not_checked` by the budget are checked first in the next run.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from feeds.exceptions import StoreError
from feeds.linkcheck.verdicts import Outcome, Verdict

__all__ = ["ESCALATE_AFTER", "History", "Record", "iso"]

ESCALATE_AFTER = 3
_VERSION = 1
_FAILURES = (Verdict.BROKEN, Verdict.INCONCLUSIVE)


def iso(moment: datetime | None) -> str | None:
    """An aware datetime as ISO 8601 in UTC with a Z, to the second."""
    if moment is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _moment(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


@dataclass(frozen=True, slots=True)
class Record:
    """What is known about one URL from earlier runs."""

    last_verdict: Verdict
    last_checked: datetime | None = None
    last_ok: datetime | None = None
    first_failure: datetime | None = None
    consecutive_failures: int = 0
    inconclusive_runs: int = 0
    http_status: int | None = None
    final_url: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The record as stored."""
        return {
            "last_verdict": self.last_verdict.value,
            "last_checked": iso(self.last_checked),
            "last_ok": iso(self.last_ok),
            "first_failure": iso(self.first_failure),
            "consecutive_failures": self.consecutive_failures,
            "inconclusive_runs": self.inconclusive_runs,
            "http_status": self.http_status,
            "final_url": self.final_url,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Record:
        """A record from its stored form."""
        return cls(
            last_verdict=Verdict(data["last_verdict"]),
            last_checked=_moment(data.get("last_checked")),
            last_ok=_moment(data.get("last_ok")),
            first_failure=_moment(data.get("first_failure")),
            consecutive_failures=int(data.get("consecutive_failures", 0)),
            inconclusive_runs=int(data.get("inconclusive_runs", 0)),
            http_status=data.get("http_status"),
            final_url=data.get("final_url"),
        )


class History:
    """Every URL's record; read at the start of a run, updated, and stored at its end."""

    def __init__(self, records: dict[str, Record] | None = None) -> None:
        self.records: dict[str, Record] = dict(records or {})

    @classmethod
    def from_json(cls, data: bytes | None, where: str = "history") -> History:
        """History from stored bytes (None: no history yet); StoreError when unreadable."""
        if data is None:
            return cls()
        try:
            parsed = json.loads(data)
            if parsed.get("version") != _VERSION:
                raise ValueError(f"unknown version {parsed.get('version')!r}")
            links = parsed["links"]
            return cls({url: Record.from_json(record) for url, record in links.items()})
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise StoreError(f"{where} is not valid link-check history: {exc}") from None

    def to_json(self) -> bytes:
        """The history as stored: one URL per line, sorted, so unchanged history is unchanged."""
        lines = ",\n".join(
            f"{json.dumps(url)}: {json.dumps(self.records[url].as_json())}"
            for url in sorted(self.records)
        )
        links = f"{{\n{lines}\n}}" if lines else "{}"
        return f'{{"version": {_VERSION}, "links": {links}}}\n'.encode()

    def fresh_ok(self, url: str, now: datetime, max_age: float) -> Record | None:
        """The record of an ok result young enough to reuse, if there is one."""
        record = self.records.get(url)
        if record is None or record.last_verdict is not Verdict.OK or record.last_checked is None:
            return None
        return record if now - record.last_checked < timedelta(seconds=max_age) else None

    def priority(self, url: str) -> int:
        """Order of checking: not reached last time, then failing, then new, then the rest."""
        record = self.records.get(url)
        if record is None:
            return 2
        if record.last_verdict is Verdict.NOT_CHECKED:
            return 0
        return 1 if record.last_verdict in _FAILURES else 3

    def apply(self, url: str, outcome: Outcome, now: datetime) -> Outcome:
        """Record this run's outcome; returns it, escalated when persistently unreachable."""
        old = self.records.get(url) or Record(Verdict.NOT_CHECKED)
        verdict = outcome.verdict
        if verdict is Verdict.NOT_CHECKED:
            self.records[url] = replace(old, last_verdict=verdict)
            return outcome
        checked = outcome.checked_at or now
        if verdict in _FAILURES:
            runs = old.inconclusive_runs + 1 if verdict is Verdict.INCONCLUSIVE else 0
            if runs >= ESCALATE_AFTER:
                error = f"persistently unreachable: inconclusive in {runs} runs in a row"
                outcome = replace(
                    outcome, verdict=Verdict.BROKEN, error=f"{error} (this time: {outcome.error})"
                )
            last_ok, first_failure = old.last_ok, old.first_failure or checked
            failures = old.consecutive_failures + 1
        else:
            runs, failures, first_failure = 0, 0, None
            worked = verdict in (Verdict.OK, Verdict.REDIRECTED)
            last_ok = checked if worked else old.last_ok
        record = Record(
            last_verdict=outcome.verdict,
            last_checked=checked,
            last_ok=last_ok,
            first_failure=first_failure,
            consecutive_failures=failures,
            inconclusive_runs=runs,
            http_status=outcome.http_status,
            final_url=outcome.final_url,
        )
        self.records[url] = record
        return outcome

    def keep_only(self, urls: Iterable[str]) -> None:
        """Forget URLs that are no longer in the content."""
        wanted = set(urls)
        self.records = {url: r for url, r in self.records.items() if url in wanted}
