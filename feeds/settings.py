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

__all__ = ["DEFAULTS", "Settings", "parse_duration"]


@dataclass(frozen=True, slots=True)
class Settings:
    """Every setting of the product, with its default."""

    content_dir: Path = Path("content")
    base_url: str | None = None  # overrides site.yaml's base_url for public URLs, never for IDs
    feed_limit: int = 50
    report_dir: Path = Path("var/reports")
    report_bucket: str | None = None
    snapshot_dir: Path | None = None
    # The link checker (feeds check-links, the scheduled check); times in seconds.
    link_concurrency: int = 32  # requests in flight at once, over all hosts
    link_per_host: int = 4  # requests in flight to one host (and its pool size)
    link_interval: float = 0.0  # least time between two requests to one host
    link_timeout: float = 10.0  # one attempt: connect, headers and body together
    link_deadline: float = 30.0  # one link, across its retries and redirects
    link_budget: float | None = None  # the whole run; links not reached are not_checked
    link_max_age: float = 86400.0  # an ok result younger than this is reused

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
            elif name in ("link_concurrency", "link_per_host"):
                converted[name] = _positive_int(name, value)
            elif name in ("link_interval", "link_timeout", "link_deadline", "link_budget"):
                converted[name] = _seconds(name, value, zero=name == "link_interval")
            elif name == "link_max_age":
                converted[name] = _seconds(name, parse_duration(value), zero=True)
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


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_duration(value: Any) -> float:
    """Seconds in a duration such as `90`, `30s`, `15m`, `12h`, `1d` or `2w`."""
    text = str(value).strip().lower()
    unit = _UNITS.get(text[-1:], 0)
    try:
        number = float(text[:-1] if unit else text)
    except ValueError:
        raise SettingsError(
            f"{value!r} is not a duration such as 90, 30s, 15m, 12h or 1d"
        ) from None
    return number * (unit or 1)


def _seconds(name: str, value: Any, *, zero: bool) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise SettingsError(
            f"FEEDS_{name.upper()} must be a number of seconds, not {value!r}"
        ) from None
    if not (number >= 0 if zero else number > 0) or number == float("inf"):
        least = "at least 0" if zero else "more than 0"
        raise SettingsError(f"FEEDS_{name.upper()} must be {least} and finite, not {value!r}")
    return number


def _base_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SettingsError(f"FEEDS_BASE_URL must be an absolute http(s) URL, not {value!r}")
    return value.rstrip("/")


DEFAULTS = Settings()
