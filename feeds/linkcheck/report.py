"""The link report: every checked URL with its verdict, evidence, places and history.

Takes the run's results; gives a `Report` and its JSON form, whose schema is
`report.schema.json` beside this module (documented in docs/linkcheck.md). The
JSON is what the store keeps as `latest.json` and what the API serves at
`/api/v1/link-report`. Renderings for people and CI are in `formats.py`.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from importlib.resources import files
from typing import Any

from feeds.linkcheck.extract import Occurrence
from feeds.linkcheck.history import Record, iso
from feeds.linkcheck.verdicts import FIXES_FIRST, Outcome, Verdict
from feeds.models import Site

__all__ = ["SCHEMA_VERSION", "LinkReport", "Place", "Report", "places_of", "schema"]

SCHEMA_VERSION = 1
Place = tuple[int | None, str | None]
"""Where links are grouped for editors: (edition, item id); (edition, None) is the
edition's intro and sign-off, (None, None) the site's own links."""


@dataclass(frozen=True, slots=True)
class LinkReport:
    """One URL's line in the report."""

    url: str
    outcome: Outcome
    occurrences: tuple[Occurrence, ...]
    record: Record | None = None
    from_cache: bool = False

    @property
    def verdict(self) -> Verdict:
        """The verdict reported for this URL."""
        return self.outcome.verdict

    def as_json(self) -> dict[str, Any]:
        """The link as it appears in the JSON report."""
        outcome, record = self.outcome, self.record
        return {
            "url": self.url,
            "verdict": outcome.verdict.value,
            "http_status": outcome.http_status,
            "final_url": outcome.final_url,
            "error": outcome.error,
            "warnings": list(outcome.warnings),
            "occurrences": [o.as_dict() for o in self.occurrences],
            "checked_at": iso(outcome.checked_at),
            "elapsed_ms": outcome.elapsed_ms,
            "history": {
                "last_ok": iso(record.last_ok) if record else None,
                "first_failure": iso(record.first_failure) if record else None,
                "consecutive_failures": record.consecutive_failures if record else 0,
                "from_cache": self.from_cache,
            },
        }


@dataclass(frozen=True)  # not slots: the JSON bytes are cached on the instance
class Report:
    """A whole run: when, for which site, and every link in the order editors meet them."""

    generated_at: datetime
    site_url: str
    links: tuple[LinkReport, ...]
    places: tuple[Place, ...] = ()

    @property
    def summary(self) -> dict[str, int]:
        """How many links got each verdict (every verdict present, zero included)."""
        counts = Counter(link.verdict for link in self.links)
        return {verdict.value: counts[verdict] for verdict in Verdict}

    @property
    def broken(self) -> int:
        """How many links are broken: the count that decides the exit code."""
        return sum(1 for link in self.links if link.verdict is Verdict.BROKEN)

    def ordered(self) -> list[LinkReport]:
        """The links, fixes first; within a verdict, in content order."""
        rank = {verdict: index for index, verdict in enumerate(FIXES_FIRST)}
        return sorted(self.links, key=lambda link: rank[link.verdict])

    def as_json(self) -> dict[str, Any]:
        """The report as JSON data, in the documented schema."""
        return {
            "version": SCHEMA_VERSION,
            "generated_at": iso(self.generated_at),
            "site": self.site_url,
            "summary": self.summary,
            "links": [link.as_json() for link in self.ordered()],
        }

    def to_json(self) -> bytes:
        """The JSON report as UTF-8 bytes: one link per line, readable and quick to write."""
        return self._json

    @cached_property
    def _json(self) -> bytes:
        # Rendered once: a run stores it as latest.json and may print it as well.
        data = self.as_json()
        links = data.pop("links")
        head = json.dumps(data, ensure_ascii=False)[:-1]
        lines = ",\n".join(json.dumps(link, ensure_ascii=False) for link in links)
        body = f'{head}, "links": [\n{lines}\n]}}\n' if links else f'{head}, "links": []}}\n'
        return body.encode("utf-8")


def places_of(site: Site) -> tuple[Place, ...]:
    """Every place a link can be, in the order an editor reads the site."""
    places: list[Place] = []
    for edition in site.editions:
        places.append((edition.number, None))
        places.extend((edition.number, item.id) for item in edition.items)
    places.append((None, None))
    return tuple(places)


def schema() -> dict[str, Any]:
    """The JSON Schema of the report."""
    text = files("feeds.linkcheck").joinpath("report.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded
