"""Where the API finds the latest link-check report, and how it wraps it.

Takes a `ReportReader` (anything with `latest() -> bytes | None`); the local one
reads `REPORT_DIR/latest.json`, the file the link checker writes last. Gives the
report inside the API envelope, with its time for Last-Modified.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Protocol

from feeds.api.encode import dumps
from feeds.exceptions import StoreError

__all__ = ["LATEST_REPORT", "LocalReportReader", "ReportReader", "report_document"]

LATEST_REPORT = "latest.json"


class ReportReader(Protocol):
    """Reads the latest link-check report (JSON bytes), or None when no check has run."""

    def latest(self) -> bytes | None:
        """The latest report's JSON, or None; raises StoreError when the store fails."""
        ...


class LocalReportReader:
    """Reads `latest.json` from the report directory."""

    def __init__(self, report_dir: Path) -> None:
        self.path = report_dir / LATEST_REPORT

    def latest(self) -> bytes | None:
        """The file's bytes, or None when it does not exist."""
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreError(f"cannot read {self.path}: {exc.strerror}") from exc


def report_document(report: bytes, self_url: str) -> tuple[bytes, datetime | None]:
    """The report in the envelope, and its `generated_at`; StoreError if it is not a report."""
    try:
        parsed = json.loads(report)
    except ValueError as exc:
        raise StoreError(f"the latest link report is not JSON: {exc}") from exc
    if not isinstance(parsed, dict):
        raise StoreError("the latest link report is not a JSON object")
    generated = None
    raw_time = parsed.get("generated_at")
    if isinstance(raw_time, str):
        try:
            generated = datetime.fromisoformat(raw_time)
        except ValueError:
            generated = None
        if generated is not None and generated.tzinfo is None:
            generated = None
    body = dumps({"data": parsed, "links": {"self": self_url}, "meta": {}})
    return body, generated
