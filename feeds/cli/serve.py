"""`feeds serve`: load the content, build the snapshot and serve it under uvicorn."""

from __future__ import annotations

from pathlib import Path

import click

from feeds.cli.options import content_option, handle_errors, settings_from

__all__ = ["serve"]


@click.command()
@content_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--base-url", default=None, help="Public URL (default: $FEEDS_BASE_URL, else site.yaml)."
)
@handle_errors
def serve(content_dir: Path | None, host: str, port: int, base_url: str | None) -> None:
    """Serve the feeds, pages and API of the content directory."""
    # Imported here: every command imports this module, and only this one serves.
    import uvicorn

    from feeds.api import site_index
    from feeds.content import load_site
    from feeds.snapshot import build_snapshot
    from feeds.web import create_app

    settings = settings_from(content_dir=content_dir, base_url=base_url)
    site = load_site(settings.content_dir, settings.base_url)
    app = create_app(build_snapshot(site, settings), settings, api=site_index(site))
    click.echo(f"Serving {len(site.editions)} edition(s) on http://{host}:{port}", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=False)
