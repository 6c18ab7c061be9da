"""The static build: every query-less resource written to disk at its URL path.

Takes a `ResourceSource` (the snapshot of a content load); gives a directory any
static host (or S3 behind CloudFront) can serve, plus `_manifest.json` listing
each path's file, content type, ETag, Last-Modified and Cache-Control, so an
uploader can set the same headers the server sends. Paths map to files thus:

- `/` becomes `index.html`;
- a path whose last segment has an extension (`/feeds/news.atom`) keeps it;
- any other path `P` becomes `P/index.html` or `P/index.json`, by media type.

Everything is rendered and every file name checked before anything is written;
two paths that would land on one file (or on one file and a folder of the same
name, or differ only in letter case) stop the build. See docs/static-build.md.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from feeds.exceptions import BuildError
from feeds.resource import Resource
from feeds.snapshot import ResourceSource

__all__ = ["MANIFEST", "BuiltSite", "output_file", "plan_files", "write_static_build"]

MANIFEST = "_manifest.json"
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,8}$")
_INDEX_BY_TYPE = {"text/html": "index.html", "application/xhtml+xml": "index.html"}


@dataclass(frozen=True, slots=True)
class BuiltSite:
    """What the build wrote: the directory, the number of files and their total bytes."""

    directory: Path
    files: int
    bytes: int


def output_file(path: str, media_type: str) -> PurePosixPath:
    """The file (relative to the output directory) that holds the resource at `path`."""
    if not path.startswith("/"):
        raise BuildError(f"{path!r} is not an absolute URL path")
    segments = path[1:].split("/")
    trailing_slash = segments[-1] == ""
    if trailing_slash:
        segments.pop()
    for segment in segments:
        if segment in ("", ".", "..") or "\\" in segment or "\0" in segment:
            raise BuildError(f"{path!r} cannot be a file name (segment {segment!r})")
    if segments and not trailing_slash and _EXTENSION.search(segments[-1]):
        return PurePosixPath(*segments)
    return PurePosixPath(*segments, _index_name(path, media_type))


def _index_name(path: str, media_type: str) -> str:
    essence = media_type.split(";", 1)[0].strip().lower()
    if essence in _INDEX_BY_TYPE:
        return _INDEX_BY_TYPE[essence]
    if essence == "application/json" or essence.endswith("+json"):
        return "index.json"
    raise BuildError(f"{path} ({essence}) has no extension and no index file name for its type")


def plan_files(resources: Iterable[Resource]) -> dict[str, PurePosixPath]:
    """Each path's output file; BuildError when two paths would share a file or clash."""
    planned: dict[str, PurePosixPath] = {}
    owner: dict[str, str] = {MANIFEST.casefold(): "the build manifest"}
    folders: dict[str, str] = {}
    for resource in resources:
        file = output_file(resource.path, resource.media_type)
        key = str(file).casefold()
        if key in owner:
            raise BuildError(f"{resource.path} and {owner[key]} would both be written to {file}")
        if key in folders:
            raise BuildError(f"{file} ({resource.path}) is also a folder for {folders[key]}")
        for parent in file.parents:
            if str(parent) == ".":
                continue
            folder = str(parent).casefold()
            if folder in owner:
                raise BuildError(
                    f"{parent} is a file for {owner[folder]} and a folder for {resource.path}"
                )
            folders.setdefault(folder, resource.path)
        owner[key] = resource.path
        planned[resource.path] = file
    return planned


def write_static_build(source: ResourceSource, out: Path) -> BuiltSite:
    """Write every resource of `source` and the manifest into `out` (empty, or an earlier build)."""
    resources = [r for path in source.paths() if (r := source.get(path)) is not None]
    planned = plan_files(resources)
    _clear_earlier_build(out)
    total = 0
    manifest: dict[str, dict[str, str | int | dict[str, str]]] = {}
    for resource in resources:
        file = planned[resource.path]
        target = out.joinpath(*file.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(resource.body)
        total += len(resource.body)
        manifest[resource.path] = {
            "file": str(file),
            "content_type": resource.media_type,
            "etag": resource.etag,
            "last_modified": resource.last_modified,
            "cache_control": resource.cache_control,
            "length": len(resource.body),
        }
        if resource.headers:  # e.g. an API list's Link and X-Total-Count, for hosts that can
            manifest[resource.path]["headers"] = dict(resource.headers)
    document = {"content_version": source.content_version, "resources": manifest}
    text = json.dumps(document, indent=1, ensure_ascii=False) + "\n"
    (out / MANIFEST).write_text(text, encoding="utf-8")
    return BuiltSite(out, len(resources), total)


def _clear_earlier_build(out: Path) -> None:
    """Remove the files an earlier build listed; refuse a directory that holds anything else."""
    if not out.exists():
        out.mkdir(parents=True)
        return
    if not out.is_dir():
        raise BuildError(f"{out} exists and is not a directory")
    if not any(out.iterdir()):
        return
    earlier = _earlier_manifest(out)
    listed = {out / MANIFEST} | {out.joinpath(*PurePosixPath(f).parts) for f in earlier.values()}
    root = out.resolve()
    files = [p for p in out.rglob("*") if not p.is_dir() or p.is_symlink()]
    strangers = [
        p
        for p in files
        if p not in listed or p.is_symlink() or not p.resolve().is_relative_to(root)
    ]
    if strangers:
        raise BuildError(
            f"{out} holds {strangers[0].relative_to(out)}, which no earlier build wrote; "
            "choose an empty directory"
        )
    for file in files:  # only files found inside `out`, never a name the manifest made up
        file.unlink()
    for folder in sorted((p for p in out.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()


def _earlier_manifest(out: Path) -> Mapping[str, str]:
    try:
        document = json.loads((out / MANIFEST).read_bytes())
        return {path: str(entry["file"]) for path, entry in document["resources"].items()}
    except FileNotFoundError:
        raise BuildError(
            f"{out} is not empty and holds no {MANIFEST} of an earlier build; "
            "choose an empty directory"
        ) from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BuildError(
            f"{out / MANIFEST} is damaged ({exc}); choose an empty directory"
        ) from None
