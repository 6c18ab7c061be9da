"""Settings, read once at the edge: flags, then FEEDS_* environment variables, then defaults.

Library code takes a `Settings` object and never reads the environment itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from feeds.exceptions import SettingsError

__all__ = ["DEFAULTS", "Settings"]


@dataclass(frozen=True, slots=True)
class Settings:
    """Every setting of the product, with its default."""

    content_dir: Path = Path("content")
    base_url: str | None = None  # overrides site.yaml's base_url for public URLs, never for IDs
    feed_limit: int = 50
    report_dir: Path = Path("var/reports")
    report_bucket: str | None = None
    snapshot_dir: Path | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str], **flags: Any) -> Settings:
        """Settings from flags (those not None) over FEEDS_* variables over the defaults."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = environ.get("FEEDS_" + f.name.upper())
            if raw not in (None, ""):
                values[f.name] = raw
        values.update({k: v for k, v in flags.items() if v is not None})
        return DEFAULTS.with_values(values)

    def with_values(self, values: Mapping[str, Any]) -> Settings:
        """A copy with `values` converted to each field's type and checked."""
        converted: dict[str, Any] = {}
        for name, value in values.items():
            if name in ("content_dir", "report_dir", "snapshot_dir"):
                converted[name] = Path(value)
            elif name == "feed_limit":
                converted[name] = _positive_int(name, value)
            elif name == "base_url":
                converted[name] = _base_url(str(value))
            elif name == "report_bucket":
                converted[name] = str(value)
            else:
                raise SettingsError(f"unknown setting {name!r}")
        return replace(self, **converted)


def _positive_int(name: str, value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise SettingsError(f"FEEDS_{name.upper()} must be a whole number, not {value!r}") from None
    if number < 1:
        raise SettingsError(f"FEEDS_{name.upper()} must be at least 1, not {number}")
    return number


def _base_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SettingsError(f"FEEDS_BASE_URL must be an absolute http(s) URL, not {value!r}")
    return value.rstrip("/")


DEFAULTS = Settings()
