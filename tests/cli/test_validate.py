"""`feeds validate`: output, summary line, exit codes, usage errors and settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from feeds.cli import cli

ROOT = Path(__file__).resolve().parents[2]
NO_SETTINGS: dict[str, str | None] = {"FEEDS_CONTENT_DIR": None, "FEEDS_BASE_URL": None}

GOOD = """\
number: 1
title: Edition 1
published: 2024-11-04
intro: Dear colleague
signoff: {name: Ada Example}
items:
  - id: first
    section: news
    title: First
"""
TYPO = GOOD + "    sumary: typo\n"
TYPO_LINE = (
    "editions/001.yaml:10: error: item: unknown field 'sumary' (allowed: body, deadline, "
    "event, id, links, section, summary, tags, title, updated)"
)


def invoke(args: list[str], env: dict[str, str | None] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        cli, args, env={**NO_SETTINGS, **(env or {})}, catch_exceptions=False
    )
    return result.exit_code, result.stdout, result.stderr


def test_no_problems_exits_0_with_a_summary(write_content, monkeypatch, tmp_path):
    write_content({"001.yaml": GOOD})
    monkeypatch.chdir(tmp_path)
    assert invoke(["validate", "--content", "content"]) == (
        0,
        "content: 1 edition, 1 item; 0 errors, 0 warnings\n",
        "",
    )


def test_errors_exit_1_with_every_line_and_a_summary(write_content, monkeypatch, tmp_path):
    second = GOOD.replace("number: 1", "number: 2").replace("section: news", "section: newz")
    write_content({"001.yaml": TYPO, "002.yaml": second.replace("first", "second")})
    monkeypatch.chdir(tmp_path)
    assert invoke(["validate", "--content", "content"]) == (
        1,
        f"content/{TYPO_LINE}\n"
        "content/editions/002.yaml:8: error: unknown section 'newz' (sections: news, events)\n"
        "content: not publishable; 2 errors, 0 warnings\n",
        "",
    )


def test_the_content_directory_defaults_to_content(write_content, monkeypatch, tmp_path):
    write_content({"001.yaml": TYPO})
    monkeypatch.chdir(tmp_path)
    assert invoke(["validate"]) == (
        1,
        f"content/{TYPO_LINE}\ncontent: not publishable; 1 error, 0 warnings\n",
        "",
    )


def test_feeds_content_dir_is_honoured(write_content, monkeypatch, tmp_path):
    root = write_content({"001.yaml": TYPO})
    monkeypatch.chdir(ROOT)  # where ./content is the bundled content
    code, out, err = invoke(["validate"], env={"FEEDS_CONTENT_DIR": str(root)})
    assert (code, out, err) == (
        1,
        f"{root}/{TYPO_LINE}\n{root}: not publishable; 1 error, 0 warnings\n",
        "",
    )


def test_the_content_flag_wins_over_the_environment(write_content, monkeypatch, tmp_path):
    write_content({"001.yaml": GOOD})
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke(
        ["validate", "--content", "content"], env={"FEEDS_CONTENT_DIR": str(tmp_path / "none")}
    )
    assert (code, out) == (0, "content: 1 edition, 1 item; 0 errors, 0 warnings\n")


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (
            ["validate", "--content", "missing"],
            {},
            "feeds: error: content directory 'missing' does not exist\n",
        ),
        (
            ["validate"],
            {"FEEDS_CONTENT_DIR": "elsewhere"},
            "feeds: error: content directory 'elsewhere' does not exist\n",
        ),
        (
            ["validate", "--content", "content"],
            {"FEEDS_BASE_URL": "bulletin.example.org"},
            "feeds: error: FEEDS_BASE_URL must be an absolute http(s) URL, "
            "not 'bulletin.example.org'\n",
        ),
    ],
)
def test_a_setting_that_cannot_be_used_exits_2_with_one_line(
    write_content, monkeypatch, tmp_path, args, env, message
):
    write_content({"001.yaml": GOOD})
    monkeypatch.chdir(tmp_path)
    assert invoke(args, env) == (2, "", message)


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["validate", "--bogus"], "Error: No such option '--bogus'."),
        (["validate", "--content"], "Error: Option '--content' requires an argument."),
        (
            ["validate", "--content", "content/site.yaml"],
            "Error: Invalid value for '--content': Directory 'content/site.yaml' is a file.",
        ),
        (["validate", "extra"], "Error: Got unexpected extra argument (extra)"),
    ],
)
def test_usage_errors_exit_2_without_a_traceback(write_content, monkeypatch, tmp_path, args, error):
    write_content({"001.yaml": GOOD})
    monkeypatch.chdir(tmp_path)
    code, out, err = invoke(args)
    assert (code, out, err.splitlines()[-1]) == (2, "", error)
    assert "Traceback" not in err


def test_help_names_the_exit_codes():
    code, out, _ = invoke(["validate", "--help"])
    assert code == 0
    assert "Exits 0 when there are no errors (warnings allowed), 1 when there are." in out


def run_module(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FEEDS_")}
    return subprocess.run(
        [sys.executable, "-m", "feeds", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_python_m_feeds_validate_reports_and_exits_1(write_content, tmp_path):
    write_content({"001.yaml": TYPO})
    done = run_module("validate", "--content", "content", cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (
        1,
        f"content/{TYPO_LINE}\ncontent: not publishable; 1 error, 0 warnings\n",
        "",
    )


def test_python_m_feeds_validate_on_the_bundled_content_exits_0():
    done = run_module("validate", cwd=ROOT)
    assert (done.returncode, done.stdout.splitlines()[-1], done.stderr) == (
        0,
        "content: 1 edition, 18 items; 0 errors, 1 warning",
        "",
    )


def test_python_m_feeds_usage_error_exits_2_without_a_traceback(tmp_path):
    done = run_module("validate", "--content", "nowhere", cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        "feeds: error: content directory 'nowhere' does not exist\n",
    )
