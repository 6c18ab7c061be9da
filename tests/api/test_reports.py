"""The local report reader and the link report in the envelope."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from feeds.api.reports import LATEST_REPORT, LocalReportReader, report_document
from feeds.exceptions import StoreError

URL = "https://bulletin.example.org/api/v1/link-report"


def test_local_reader_reads_latest_json(tmp_path: Path) -> None:
    reader = LocalReportReader(tmp_path)
    assert (LATEST_REPORT, reader.latest()) == ("latest.json", None)
    (tmp_path / "latest.json").write_bytes(b'{"generated_at": "x"}')
    assert reader.latest() == b'{"generated_at": "x"}'


def test_local_reader_failure_is_a_store_error(tmp_path: Path) -> None:
    (tmp_path / "latest.json").mkdir()
    with pytest.raises(StoreError, match="cannot read"):
        LocalReportReader(tmp_path).latest()


def test_report_document_wraps_the_report() -> None:
    report = {"generated_at": "2024-11-05T03:00:00+00:00", "summary": {"ok": 1}, "links": []}
    body, generated = report_document(json.dumps(report).encode(), URL)
    assert (json.loads(body), generated) == (
        {"data": report, "links": {"self": URL}, "meta": {}},
        datetime(2024, 11, 5, 3, tzinfo=UTC),
    )


@pytest.mark.parametrize(
    "report",
    [{"summary": {}}, {"generated_at": "yesterday"}, {"generated_at": "2024-11-05T03:00:00"}],
)
def test_a_report_without_a_usable_time_has_none(report: dict[str, object]) -> None:
    _, generated = report_document(json.dumps(report).encode(), URL)
    assert generated is None


@pytest.mark.parametrize(("raw", "message"), [(b"{", "not JSON"), (b"[]", "not a JSON object")])
def test_a_broken_report_is_a_store_error(raw: bytes, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        report_document(raw, URL)
