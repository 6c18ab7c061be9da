"""The snapshot the Lambda serves, written at package time (`make lambda-snapshot`).

Takes a loaded `Site` and `Settings`; renders every resource of its snapshot and
the API's item index, and writes them with `feeds.snapshot_disk` to a directory
that `DiskSnapshot` serves. All the rendering (YAML, Markdown, feed libraries)
happens here, on the build machine, so the Lambda's cold start does none of it.
"""

from __future__ import annotations

from pathlib import Path

from feeds.api.index import build_index
from feeds.models import Site
from feeds.settings import Settings
from feeds.snapshot import build_snapshot
from feeds.snapshot_disk import WrittenSnapshot, write_disk_snapshot

__all__ = ["write_lambda_snapshot"]


def write_lambda_snapshot(site: Site, settings: Settings, out: Path) -> WrittenSnapshot:
    """Render every resource and the API index of `site` into the snapshot directory `out`."""
    snapshot = build_snapshot(site, settings)
    index = build_index(site).to_json()
    return write_disk_snapshot(snapshot, out, base_url=site.base_url, api_index=index)
