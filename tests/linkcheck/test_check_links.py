"""`feeds check-links`: exit codes, formats, outputs and one-line failures.

Links point at a fault server on 127.0.0.1, run in a thread because the command
runs its own event loop; `--allow-private` lets the checker reach it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from faultserver import FaultServer, serve_in_thread

from feeds.cli import cli
from feeds.linkcheck.report import schema

EDITION = """\
number: 3
title: Edition 3
published: 2026-11-02
intro: "Dear colleague. See [our hub]({base}/ok)."
signoff: {{name: Ada, email: ada@example.org}}
items:
  - id: news
    section: news
    title: News
    body: "Read [the report]({base}/{path})."
"""


@pytest.fixture(scope="module")
def server() -> Iterator[FaultServer]:
    with serve_in_thread("127.0.0.1", lifetime=60) as running:
        yield running


@pytest.fixture
def content(write_content, server: FaultServer):
    def make(path: str = "ok") -> Path:
        base = f"http://127.0.0.1:{server.port}"
        return write_content({"003.yaml": EDITION.format(base=base, path=path)})

    return make


def invoke(args: list[str], reports: Path) -> tuple[int, str, str]:
    env = {
        "FEEDS_CONTENT_DIR": None,
        "FEEDS_BASE_URL": None,
        "FEEDS_REPORT_BUCKET": None,
        "FEEDS_REPORT_DIR": str(reports),
    }
    result = CliRunner().invoke(cli, ["check-links", *args], env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_all_ok_exits_0_and_prints_only_the_report(content, tmp_path: Path) -> None:
    code, out, err = invoke(["--content", str(content()), "--allow-private"], tmp_path / "r")

    assert (code, out, err) == (0, "2 links: 2 ok\n", "")
    assert sorted(p.name for p in (tmp_path / "r").iterdir()) == ["history.json", "latest.json"]


def test_broken_link_exits_1_with_a_json_report(
    content, tmp_path: Path, server: FaultServer
) -> None:
    code, out, err = invoke(
        ["--content", str(content("missing")), "--allow-private", "--format", "json"],
        tmp_path / "r",
    )

    report = json.loads(out)
    jsonschema.validate(report, schema())
    assert (code, err, report["summary"]) == (
        1,
        "",
        {
            "ok": 2,
            "redirected": 0,
            "broken": 1,
            "inconclusive": 0,
            "blocked": 0,
            "skipped": 0,
            "not_checked": 0,
        },
    )
    assert report["links"][0]["url"] == f"http://127.0.0.1:{server.port}/missing"
    assert report["links"][0]["occurrences"] == [{"edition": 3, "item": "news", "field": "body"}]
    assert json.loads((tmp_path / "r" / "latest.json").read_bytes()) == report


@pytest.mark.parametrize(("fmt", "start"), [("markdown", "# Link check of "), ("junit", "<?xml")])
def test_formats(content, tmp_path: Path, fmt: str, start: str) -> None:
    code, out, _ = invoke(
        ["--content", str(content("moved")), "--allow-private", "--format", fmt], tmp_path
    )

    assert code == 0
    assert out.startswith(start)
    assert "moved" in out


def test_output_is_written_atomically_to_the_file(content, tmp_path: Path) -> None:
    target = tmp_path / "out" / "links.md"

    code, out, err = invoke(
        [
            "--content",
            str(content()),
            "--allow-private",
            "--format",
            "markdown",
            "--output",
            str(target),
        ],
        tmp_path / "r",
    )

    assert (code, out, err) == (0, "", "")
    assert target.read_text().startswith("# Link check of https://bulletin.example.org")
    assert sorted(p.name for p in target.parent.iterdir()) == ["links.md"]


def test_guard_blocks_loopback_without_allow_private(
    content, tmp_path: Path, server: FaultServer
) -> None:
    hits = sum(server.hits.values())

    code, out, _ = invoke(["--content", str(content()), "--format", "json"], tmp_path)

    verdicts = {link["url"]: link["verdict"] for link in json.loads(out)["links"]}
    assert code == 0
    assert verdicts == {
        f"http://127.0.0.1:{server.port}/ok": "blocked",
        "mailto:ada@example.org": "ok",
    }
    assert sum(server.hits.values()) == hits


def test_exclude_and_cache_file(content, tmp_path: Path) -> None:
    cache = tmp_path / "links-history.json"

    code, out, _ = invoke(
        [
            "--content",
            str(content("missing")),
            "--allow-private",
            "--exclude",
            "/missing$",
            "--cache",
            str(cache),
            "--format",
            "json",
        ],
        tmp_path / "r",
    )

    summary = json.loads(out)["summary"]
    assert (code, summary["skipped"], summary["broken"]) == (0, 1, 0)
    assert sorted(json.loads(cache.read_bytes())["links"])[0].endswith("/missing")
    assert sorted(p.name for p in (tmp_path / "r").iterdir()) == ["latest.json"]


USAGE = "feeds: error: check-links: "


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--exclude", "("],
            "feeds: error: --exclude '(' is not a valid regular expression: "
            "missing ), unterminated subpattern at position 0",
        ),
        (
            ["--concurrency", "0"],
            USAGE + "Invalid value for '--concurrency': 0 is not in the range x>=1.",
        ),
        (
            ["--max-age", "soon"],
            USAGE + "Invalid value for '--max-age': "
            "'soon' is not a duration such as 90, 30s, 15m, 12h or 1d",
        ),
        (
            ["--format", "pdf"],
            USAGE + "Invalid value for '--format': "
            "'pdf' is not one of 'text', 'json', 'markdown', 'junit'.",
        ),
        (
            ["--max-age", "-1h"],
            USAGE + "Invalid value for '--max-age': '-1h' is not a duration of zero or more",
        ),
        (["--bogus"], USAGE + "No such option '--bogus'."),
    ],
)
def test_bad_arguments_exit_2_with_one_line(
    content, tmp_path: Path, args: list[str], message: str
) -> None:
    code, out, err = invoke(["--content", str(content()), *args], tmp_path)

    assert (code, out, err) == (2, "", message + "\n")


def test_missing_content_exits_2_with_one_line(tmp_path: Path) -> None:
    code, out, err = invoke(["--content", str(tmp_path / "nowhere")], tmp_path)

    assert (code, out) == (2, "")
    assert err == f"feeds: error: content directory {str(tmp_path / 'nowhere')!r} does not exist\n"


def test_unreadable_history_exits_2_with_one_line(content, tmp_path: Path) -> None:
    cache = tmp_path / "cache.json"
    cache.write_text("{not json")

    code, out, err = invoke(["--content", str(content()), "--cache", str(cache)], tmp_path)

    assert (code, out) == (2, "")
    assert err == (
        f"feeds: error: {cache} is not valid link-check history: "
        "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)\n"
    )


def test_progress_bar_on_a_terminal_counts_verdicts(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    from feeds.cli.check_links import _progress
    from feeds.linkcheck.verdicts import Verdict

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with _progress() as tell:
        assert tell is not None
        tell(Verdict.OK, 3)
        tell(Verdict.BROKEN, 3)
        tell(Verdict.OK, 3)

    shown = terminal.getvalue()  # the bar's last frame, before it clears itself
    assert "2 ok, 1 broken" in shown
    assert "3/3" in shown


def test_no_progress_on_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    from feeds.cli.check_links import _progress

    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with _progress() as tell:
        assert tell is None


def test_every_option_and_setting_is_documented() -> None:
    from dataclasses import fields

    from feeds.cli.check_links import check_links
    from feeds.settings import Settings

    docs = (Path(__file__).resolve().parents[2] / "docs" / "linkcheck.md").read_text()
    options = [opt for param in check_links.params for opt in param.opts if opt != "--content"]
    variables = [f"FEEDS_{f.name.upper()}" for f in fields(Settings) if f.name.startswith("link_")]

    assert [o for o in options if f"`{o}`" not in docs] == []
    assert [v for v in variables if f"`{v}`" not in docs] == []
    assert len(options) == 12
