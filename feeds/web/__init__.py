"""The web edge: the ASGI app that serves the snapshot, the API and the error answers."""

from __future__ import annotations

from feeds.web.app import create_app

__all__ = ["create_app"]
