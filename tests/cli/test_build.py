"""`feeds build`: the static site, the Lambda snapshot, and one-line failures with exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from feeds.cli import cli
from feeds.snapshot_disk import DiskSnapshot

SMALL = Path(__file__).resolve().parents[1] / "fixtures" / "small"
NO_SETTINGS: dict[str, str | None] = {
    "FEEDS_CONTENT_DIR": None,
    "FEEDS_BASE_URL": None,
    "FEEDS_SNAPSHOT_DIR": None,
}


def invoke(args: list[str], env: dict[str, str | None] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        cli, args, env={**NO_SETTINGS, **(env or {})}, catch_exceptions=False
    )
    return result.exit_code, result.stdout, result.stderr


def test_static_build_writes_files_and_the_manifest(tmp_path):
    out = tmp_path / "site"
    code, stdout, stderr = invoke(["build", "--content", str(SMALL), "--out", str(out)])
    manifest = json.loads((out / "_manifest.json").read_text())["resources"]
    files = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()}
    assert files == {"_manifest.json"} | {entry["file"] for entry in manifest.values()}
    total = sum(entry["length"] for entry in manifest.values())
    assert (code, stdout, stderr) == (
        0,
        "",
        f"Wrote {len(manifest)} files ({total:,} bytes) and the manifest to {out}\n",
    )
    assert {"index.html", "feeds/all.atom", "api/v1/index.json"} <= files


def test_static_build_needs_out(tmp_path):
    assert invoke(["build", "--content", str(SMALL)]) == (
        2,
        "",
        "feeds: error: feeds build needs --out DIR (or --lambda)\n",
    )


def test_refuses_a_directory_it_did_not_write(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "notes.txt").write_text("mine")
    code, stdout, stderr = invoke(
        ["build", "--content", str(SMALL), "--out", str(tmp_path / "site")]
    )
    assert (code, stdout) == (2, "")
    assert stderr == (
        f"feeds: error: {tmp_path / 'site'} is not empty and holds no _manifest.json "
        "of an earlier build; choose an empty directory\n"
    )


def test_bad_content_is_one_line_and_exit_2(write_content, tmp_path):
    content = write_content({"001.yaml": "number: [\n"})
    code, stdout, stderr = invoke(
        ["build", "--content", str(content), "--out", str(tmp_path / "o")]
    )
    assert (code, stdout) == (2, "")
    assert stderr.startswith("feeds: error: ")
    assert stderr.count("\n") == 1
    assert "001.yaml" in stderr
    assert not (tmp_path / "o").exists()


def test_lambda_snapshot_goes_to_feeds_snapshot_dir(tmp_path):
    out = tmp_path / "snap"
    code, stdout, stderr = invoke(
        ["build", "--lambda"], {"FEEDS_CONTENT_DIR": str(SMALL), "FEEDS_SNAPSHOT_DIR": str(out)}
    )
    disk = DiskSnapshot(out)
    assert (code, stdout) == (0, "")
    assert stderr.startswith(f"Wrote the Lambda snapshot of 2 edition(s) to {out}: {len(disk)} ")
    assert "/feeds/all.atom" in disk
    assert disk.api_index() is not None


def test_lambda_snapshot_defaults_to_build_lambda_snapshot(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, _ = invoke(["build", "--lambda", "--content", str(SMALL)])
    assert code == 0
    assert "/" in DiskSnapshot(tmp_path / "build" / "lambda-snapshot")
