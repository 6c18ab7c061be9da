"""Compact JSON with pre-serialised fragments."""

from __future__ import annotations

import json

import pytest

from feeds.api.encode import Raw, dumps, dumps_plain


def test_raw_fragments_are_copied_in_as_they_are() -> None:
    items = Raw.array([b'{"id":"a"}', b'{"id":"b"}'])
    value = {"data": items, "links": {"self": "https://x.example/é"}, "meta": {"n": [1, Raw(b"2")]}}
    assert (
        dumps(value)
        == (
            '{"data":[{"id":"a"},{"id":"b"}],"links":{"self":"https://x.example/é"},"meta":{"n":[1,2]}}'
        ).encode()
    )


def test_without_fragments_it_is_compact_utf8_json() -> None:
    value = {"title": "LGA’s “bulletin”", "n": None, "ok": True, "list": [1.5, "x"]}
    assert (
        dumps(value)
        == dumps_plain(value)
        == json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
    )
    assert dumps(Raw.array([])) == b"[]"


def test_nan_is_refused() -> None:
    with pytest.raises(ValueError, match="Out of range float"):
        dumps({"x": float("nan")})
