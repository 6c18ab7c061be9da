"""Compact JSON bytes, with room for fragments that are already serialised.

Takes JSON values that may hold `Raw` fragments (an item serialised once per
content load); gives UTF-8 bytes. A page of items is then a join of fragments,
not a new serialisation of every item.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["Raw", "dumps", "dumps_plain"]

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


class Raw:
    """JSON bytes to be copied into the output as they are."""

    __slots__ = ("json",)

    def __init__(self, json: bytes) -> None:
        self.json = json

    @classmethod
    def array(cls, fragments: list[bytes]) -> Raw:
        """A JSON array of fragments."""
        return cls(b"[" + b",".join(fragments) + b"]")


def dumps(value: Any) -> bytes:
    """Compact JSON (UTF-8, no ASCII escaping); `Raw` values are copied in."""
    if isinstance(value, Raw):
        return value.json
    if isinstance(value, dict) and _holds_raw(value.values()):
        members = (_ENCODER.encode(str(k)).encode() + b":" + dumps(v) for k, v in value.items())
        return b"{" + b",".join(members) + b"}"
    if isinstance(value, list) and _holds_raw(value):
        return b"[" + b",".join(dumps(v) for v in value) + b"]"
    return _ENCODER.encode(value).encode()


def dumps_plain(value: Any) -> bytes:
    """Compact JSON of a value known to hold no `Raw`: no scan for fragments."""
    return _ENCODER.encode(value).encode()


def _holds_raw(values: Any) -> bool:
    return any(isinstance(v, Raw) or (isinstance(v, dict | list) and _deep(v)) for v in values)


def _deep(value: dict[str, Any] | list[Any]) -> bool:
    return _holds_raw(value.values() if isinstance(value, dict) else value)
