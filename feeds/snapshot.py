"""The snapshot: every query-less resource of a site, rendered at most once per content load.

Takes a `Site` and `Settings`; gives a `Snapshot` that maps each public URL path
(`/feeds/news.atom`, `/items/budget-2024`, `/api/v1/editions/25`) to a `Resource`
(`feeds.resource`): its bytes, media type, strong ETag, Last-Modified and
Cache-Control, with the gzip form and its own ETag beside them. Every resource
family (feeds, pages, API documents) registers its paths with a zero-argument
renderer; a resource is rendered on first use and kept, never per request. The
web app, the static build and the Lambda all read resources through the
`ResourceSource` protocol, so each serves the same bytes. See docs/snapshot.md.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Protocol

from feeds.models import Site
from feeds.resource import Entry, Resource
from feeds.settings import Settings

__all__ = ["ResourceSource", "Snapshot", "build_snapshot"]


class ResourceSource(Protocol):
    """Anything that serves rendered resources by path: a `Snapshot`, or one read from disk."""

    content_version: str

    def get(self, path: str) -> Resource | None:
        """The resource at this URL path, or None."""
        ...

    def paths(self) -> Iterable[str]:
        """Every path this source can serve."""
        ...

    def __contains__(self, path: object) -> bool:
        """True when this source has a resource at `path`."""
        ...


class Snapshot:
    """The rendered resources of one content load, each rendered once, on first use."""

    def __init__(self, entries: Iterable[Entry], content_version: str = "") -> None:
        self.content_version = content_version
        self._renderers: dict[str, Callable[[], Resource]] = {}
        for entry in entries:
            if entry.path in self._renderers:
                raise ValueError(f"two resources claim the path {entry.path}")
            self._renderers[entry.path] = entry.render
        self._done: dict[str, Resource] = {}
        self._lock = threading.Lock()

    def get(self, path: str) -> Resource | None:
        """The resource at `path`, rendered now if this is its first use."""
        found = self._done.get(path)
        if found is not None:
            return found
        render = self._renderers.get(path)
        if render is None:
            return None
        with self._lock:  # render each resource once, even with threads (uvicorn workers)
            found = self._done.get(path)
            if found is None:
                found = render()
                self._done[path] = found
        return found

    def paths(self) -> Iterator[str]:
        """Every path, in registration order."""
        return iter(self._renderers)

    def __contains__(self, path: object) -> bool:
        return path in self._renderers

    def __len__(self) -> int:
        return len(self._renderers)

    def render_all(self) -> Mapping[str, Resource]:
        """Every resource, rendered (for the static build and the Lambda snapshot)."""
        return {path: resource for path in self.paths() if (resource := self.get(path))}


def build_snapshot(site: Site, settings: Settings) -> Snapshot:
    """The snapshot of every resource family of this site; nothing is rendered yet."""
    # Imported here, not above: readers of a snapshot (the web app, the Lambda) must not
    # pay for importing renderers at start-up.
    from feeds.api import documents as api_documents
    from feeds.render import pages
    from feeds.render.feeds import entries as feed_entries

    families: list[Callable[[Site, Settings], Iterable[Entry]]] = [
        pages.entries,
        feed_entries,
        api_documents.entries,
    ]
    return Snapshot(
        (entry for family in families for entry in family(site, settings)),
        site.content_version,
    )
