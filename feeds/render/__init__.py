"""Renderers: each turns the content model into the bytes of one resource format, purely."""

from __future__ import annotations

__all__: list[str] = []  # the formats live in the submodules
