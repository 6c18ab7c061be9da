"""The scheduled `check_links` handler against S3 emulated by moto, and its run budget."""

from __future__ import annotations

import json
from datetime import datetime

import boto3
import pytest
from moto import mock_aws

from feeds.settings import Settings

BUCKET = "bulletin-feeds-test-link-reports"
# Loopback links: the SSRF guard blocks them before any connection, so nothing is sent.
EDITION = """\
number: 1
title: Edition 1
published: 2024-11-04
intro: Dear colleague
signoff: {name: Ada Example}
items:
  - id: first
    section: news
    title: First
    body: See [the page](http://127.0.0.1:9/page).
    links:
      - {title: Register, url: "http://127.0.0.1:9/register"}
"""


class Context:
    """The part of the Lambda context the handler uses."""

    def __init__(self, remaining_ms: int) -> None:
        self.remaining_ms = remaining_ms
        self.asked = 0

    def get_remaining_time_in_millis(self) -> int:
        self.asked += 1
        return self.remaining_ms


@pytest.fixture
def s3(monkeypatch):
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": "eu-west-2",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    with mock_aws():
        client = boto3.client("s3", region_name="eu-west-2")
        client.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
        )
        yield client


def test_writes_report_and_history_that_the_http_handler_reads_back(
    s3, load_handler, write_content, snapshot_dir, http_event
):
    content = write_content({"001.yaml": EDITION})
    module = load_handler(
        FEEDS_CONTENT_DIR=str(content),
        FEEDS_SNAPSHOT_DIR=str(snapshot_dir),
        FEEDS_REPORT_BUCKET=BUCKET,
    )
    context = Context(remaining_ms=120_000)
    summary = module.check_links({}, context)
    assert context.asked == 1
    datetime.fromisoformat(summary.pop("generated_at"))
    assert summary == {
        "budget_seconds": 75.0,  # 120 s less the per-link deadline (30 s) and 15 s to write
        "links": 2,
        "summary": {
            "ok": 0,
            "redirected": 0,
            "broken": 0,
            "inconclusive": 0,
            "blocked": 2,
            "skipped": 0,
            "not_checked": 0,
        },
    }
    listing = s3.list_objects_v2(Bucket=BUCKET)["Contents"]
    assert sorted(o["Key"] for o in listing) == [
        "link-reports/history.json",
        "link-reports/latest.json",
    ]
    latest = json.loads(s3.get_object(Bucket=BUCKET, Key="link-reports/latest.json")["Body"].read())
    history = json.loads(
        s3.get_object(Bucket=BUCKET, Key="link-reports/history.json")["Body"].read()
    )
    assert sorted(link["url"] for link in latest["links"]) == [
        "http://127.0.0.1:9/page",
        "http://127.0.0.1:9/register",
    ]
    assert {link["verdict"] for link in latest["links"]} == {"blocked"}
    assert "http://127.0.0.1:9/page" in json.dumps(history)

    response = module.http(http_event("GET", "/api/v1/link-report"), None)
    assert (response["statusCode"], response["isBase64Encoded"]) == (200, False)
    assert response["headers"]["content-type"].startswith("application/json")
    assert json.loads(response["body"])["data"] == latest


def test_the_next_run_reads_the_stored_history(s3, load_handler, write_content):
    content = write_content({"001.yaml": EDITION})
    module = load_handler(FEEDS_CONTENT_DIR=str(content), FEEDS_REPORT_BUCKET=BUCKET)
    module.check_links({}, Context(remaining_ms=120_000))
    key = "link-reports/history.json"
    history = json.loads(s3.get_object(Bucket=BUCKET, Key=key)["Body"].read())
    # A recent ok result in the history is reused rather than checked again.
    history["links"]["http://127.0.0.1:9/page"]["last_verdict"] = "ok"
    s3.put_object(Bucket=BUCKET, Key=key, Body=json.dumps(history).encode())
    module.check_links({}, Context(remaining_ms=120_000))
    latest = json.loads(s3.get_object(Bucket=BUCKET, Key="link-reports/latest.json")["Body"].read())
    verdicts = {link["url"]: link["verdict"] for link in latest["links"]}
    assert verdicts == {"http://127.0.0.1:9/page": "ok", "http://127.0.0.1:9/register": "blocked"}


def test_no_link_report_before_the_first_run(s3, load_handler, snapshot_dir, http_event):
    module = load_handler(FEEDS_SNAPSHOT_DIR=str(snapshot_dir), FEEDS_REPORT_BUCKET=BUCKET)
    response = module.http(http_event("GET", "/api/v1/link-report"), None)
    assert response["statusCode"] == 404
    assert response["headers"]["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    ("remaining_ms", "budget"),
    [(900_000, 855.0), (120_000, 75.0), (45_000, 1.0), (1_000, 1.0)],
)
def test_budget_is_the_remaining_time_less_a_margin(load_handler, remaining_ms, budget):
    module = load_handler(FEEDS_CONTENT_DIR="content")
    assert module.check_budget(remaining_ms, Settings()) == budget
