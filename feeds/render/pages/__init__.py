"""Web pages: the home page, edition and item pages and the 404 page, with feed autodiscovery.

Takes a `Site`; gives `text/html` resources for the snapshot through `entries`.
See docs/pages.md for the URLs and which feeds each page advertises.
"""

from __future__ import annotations

from feeds.render.pages.entries import entries

__all__ = ["entries"]
