"""A snapshot written to disk at package time, and read back lazily by the Lambda.

Takes any `ResourceSource` (normally the `Snapshot` of a content load) and gives a
directory that `DiskSnapshot` serves through the same protocol, with the same
bytes and validators, while importing nothing but the standard library and
`feeds.resource`: no YAML parsing, no Markdown, no feed library at cold start.

Layout (format 2; format 1 had no headers):

```
snapshot.json        {"format", "content_version", "base_url", "count", "shards", "api_index"}
shards/NNNN.json     {path: [order, media type, etag, modified, cache-control, offset, size,
                             headers]}
shards/NNNN.bin      the shard's bodies, each gzip-compressed, one after another
api-index.json.gz    the API's item index, when the API provides one
```

A path belongs to shard `crc32(path) % shards`, with about `PER_SHARD` paths in
each, so the first request reads one small index and one body whatever the size
of the archive. Bodies are stored compressed because Lambda's limit is on the
unzipped package. See docs/lambda-snapshot.md.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import tempfile
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from feeds.exceptions import BuildError, SnapshotError
from feeds.resource import Resource

if TYPE_CHECKING:
    from feeds.snapshot import ResourceSource

__all__ = ["FORMAT", "PER_SHARD", "DiskSnapshot", "WrittenSnapshot", "write_disk_snapshot"]

FORMAT = "bulletin-feeds-snapshot/2"
PER_SHARD = 128
INDEX = "snapshot.json"
API_INDEX = "api-index.json.gz"

# One shard entry: [order, media type, etag, modified (ISO 8601, UTC), cache-control, offset, size,
# the resource's own headers as [name, value] pairs]
_Row = list[Any]


def shard_of(path: str, shards: int) -> int:
    """The shard holding `path`: stable across processes, unlike `hash()`."""
    return zlib.crc32(path.encode("utf-8")) % shards


@dataclass(frozen=True, slots=True)
class WrittenSnapshot:
    """What `write_disk_snapshot` wrote: how many resources, shards and bytes."""

    directory: Path
    resources: int
    shards: int
    body_bytes: int
    stored_bytes: int


def write_disk_snapshot(
    source: ResourceSource,
    out: Path,
    *,
    base_url: str | None = None,
    api_index: bytes | None = None,
) -> WrittenSnapshot:
    """Render every resource of `source` into `out`, replacing an earlier snapshot there.

    `base_url` is the public URL the resources were rendered for, recorded so that a
    server configured for another URL can tell the snapshot is not its own.
    """
    if out.exists() and any(out.iterdir()) and not (out / INDEX).is_file():
        raise BuildError(f"{out} is not empty and holds no snapshot; choose another directory")
    paths = list(source.paths())
    shards = max(1, -(-len(paths) // PER_SHARD))
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        body_bytes, stored_bytes = _write_shards(source, paths, shards, work)
        if api_index is not None:
            (work / API_INDEX).write_bytes(gzip.compress(api_index, mtime=0))
        header = {
            "format": FORMAT,
            "content_version": source.content_version,
            "base_url": base_url,
            "count": len(paths),
            "shards": shards,
            "api_index": API_INDEX if api_index is not None else None,
        }
        (work / INDEX).write_text(json.dumps(header, indent=1) + "\n", encoding="utf-8")
        _replace(work, out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return WrittenSnapshot(out, len(paths), shards, body_bytes, stored_bytes)


def _write_shards(
    source: ResourceSource, paths: list[str], shards: int, work: Path
) -> tuple[int, int]:
    rows: list[dict[str, _Row]] = [{} for _ in range(shards)]
    (work / "shards").mkdir()
    files = [(work / "shards" / f"{n:04d}.bin").open("wb") for n in range(shards)]
    body_bytes = stored_bytes = 0
    try:
        for order, path in enumerate(paths):
            resource = source.get(path)
            if resource is None:
                raise BuildError(f"the snapshot lists {path} but has no resource for it")
            n = shard_of(path, shards)
            stored = gzip.compress(resource.body, compresslevel=6, mtime=0)
            offset = files[n].tell()
            files[n].write(stored)
            rows[n][path] = [
                order,
                resource.media_type,
                resource.etag,
                resource.modified.isoformat(),
                resource.cache_control,
                offset,
                len(stored),
                [list(pair) for pair in resource.headers],
            ]
            body_bytes += len(resource.body)
            stored_bytes += len(stored)
    finally:
        for file in files:
            file.close()
    for n, shard in enumerate(rows):
        text = json.dumps(shard, ensure_ascii=False, separators=(",", ":"))
        (work / "shards" / f"{n:04d}.json").write_text(text, encoding="utf-8")
    return body_bytes, stored_bytes


def _replace(work: Path, out: Path) -> None:
    # The new snapshot appears whole or not at all: packaging never picks up half of one.
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}-old-{os.getpid()}")
        out.rename(old)
    work.rename(out)
    if old is not None:
        shutil.rmtree(old)


class DiskSnapshot:
    """A `ResourceSource` over a snapshot directory; shards and bodies are read on first use."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        header = _read_json(directory / INDEX)
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            raise SnapshotError(f"{directory / INDEX}: not a snapshot in the format {FORMAT}")
        try:
            self.content_version: str = str(header["content_version"])
            self.base_url: str | None = header["base_url"]
            self._count = int(header["count"])
            self._shards = int(header["shards"])
            self._api_index_name: str | None = header["api_index"]
        except (KeyError, TypeError, ValueError) as exc:
            raise SnapshotError(f"{directory / INDEX}: missing or bad field {exc}") from None
        if self._shards < 1:
            raise SnapshotError(f"{directory / INDEX}: shards must be at least 1")
        self._rows: dict[int, dict[str, _Row]] = {}
        self._done: dict[str, Resource] = {}
        self._api_index: bytes | None = None
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return self._count

    def _shard(self, n: int) -> dict[str, _Row]:
        rows = self._rows.get(n)
        if rows is None:
            with self._lock:
                rows = self._rows.get(n)
                if rows is None:
                    loaded = _read_json(self.directory / "shards" / f"{n:04d}.json")
                    if not isinstance(loaded, dict):
                        raise SnapshotError(f"{self.directory}: shard {n} is not an object")
                    rows = self._rows[n] = loaded
        return rows

    def get(self, path: str) -> Resource | None:
        """The resource at `path`, read and decompressed on its first use."""
        found = self._done.get(path)
        if found is not None:
            return found
        n = shard_of(path, self._shards)
        row = self._shard(n).get(path)
        if row is None:
            return None
        try:
            _order, media_type, etag, modified, cache_control, offset, size, headers = row
            with (self.directory / "shards" / f"{n:04d}.bin").open("rb") as file:
                file.seek(offset)
                stored = file.read(size)
            if len(stored) != size:
                raise ValueError(f"{size} bytes expected at {offset}, {len(stored)} found")
            body = gzip.decompress(stored)
            found = Resource(
                path,
                media_type,
                body,
                datetime.fromisoformat(modified),
                cache_control,
                etag=etag,
                headers=tuple((str(name), str(value)) for name, value in headers),
            )
        except (OSError, ValueError, EOFError, zlib.error) as exc:
            raise SnapshotError(f"{self.directory}: cannot read {path}: {exc}") from exc
        self._done[path] = found
        return found

    def paths(self) -> Iterator[str]:
        """Every path, in the order the snapshot was written (reads every shard)."""
        rows = [(row[0], path) for n in range(self._shards) for path, row in self._shard(n).items()]
        return (path for _, path in sorted(rows))

    def __contains__(self, path: object) -> bool:
        if not isinstance(path, str):
            return False
        return path in self._shard(shard_of(path, self._shards))

    def api_index(self) -> bytes | None:
        """The API's item index as written at package time, read on first use; None if absent."""
        if self._api_index is None and self._api_index_name is not None:
            try:
                stored = (self.directory / self._api_index_name).read_bytes()
                self._api_index = gzip.decompress(stored)
            except (OSError, EOFError, zlib.error) as exc:
                raise SnapshotError(f"{self.directory}: cannot read the API index: {exc}") from exc
        return self._api_index


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_bytes())
    except FileNotFoundError:
        raise SnapshotError(f"{path}: no such file; run `make lambda-snapshot`") from None
    except (OSError, ValueError) as exc:
        raise SnapshotError(f"{path}: unreadable: {exc}") from None
