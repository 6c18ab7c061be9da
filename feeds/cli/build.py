"""`feeds build`: write the snapshot to disk, as a static site or for the Lambda."""

from __future__ import annotations

from pathlib import Path

import click

from feeds.cli.options import content_option, handle_errors, settings_from
from feeds.exceptions import SettingsError

__all__ = ["DEFAULT_SNAPSHOT_DIR", "build"]

DEFAULT_SNAPSHOT_DIR = Path("build/lambda-snapshot")


@click.command()
@content_option
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path),
    default=None,
    help="Output directory: empty, or an earlier build of the same kind, which is replaced. "
    "Required for a static build; with --lambda the default is $FEEDS_SNAPSHOT_DIR, "
    f"else {DEFAULT_SNAPSHOT_DIR}.",
)
@click.option(
    "--lambda",
    "for_lambda",
    is_flag=True,
    help="Write the snapshot the Lambda serves (compressed shards) instead of a static site.",
)
@click.option(
    "--base-url", default=None, help="Public URL (default: $FEEDS_BASE_URL, else site.yaml)."
)
@handle_errors
def build(
    content_dir: Path | None, out: Path | None, for_lambda: bool, base_url: str | None
) -> None:
    """Write every feed, page and API document of the content directory to disk."""
    # Imported here: every command imports this module, and only this one renders.
    from feeds.build import write_static_build
    from feeds.content import load_site
    from feeds.lambda_snapshot import write_lambda_snapshot
    from feeds.snapshot import build_snapshot

    settings = settings_from(content_dir=content_dir, base_url=base_url)
    if out is None:
        if not for_lambda:
            raise SettingsError("feeds build needs --out DIR (or --lambda)")
        out = settings.snapshot_dir or DEFAULT_SNAPSHOT_DIR
    site = load_site(settings.content_dir, settings.base_url)
    if for_lambda:
        written = write_lambda_snapshot(site, settings, out)
        click.echo(
            f"Wrote the Lambda snapshot of {len(site.editions)} edition(s) to {out}: "
            f"{written.resources} resources in {written.shards} shard(s), "
            f"{written.stored_bytes:,} bytes stored for {written.body_bytes:,}",
            err=True,
        )
        return
    built = write_static_build(build_snapshot(site, settings), out)
    click.echo(
        f"Wrote {built.files} files ({built.bytes:,} bytes) and the manifest to {out}", err=True
    )
