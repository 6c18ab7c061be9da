"""Escaping, JSON-LD scripts and clipped text: the one place text becomes HTML."""

from __future__ import annotations

import json
import re

from hypothesis import given
from hypothesis import strategies as st

from feeds.render.pages.markup import clip, esc, json_ld, link, tag_list


def test_esc_escapes_text_and_attribute_quotes() -> None:
    assert esc("<a href=\"x\">Tom & 'Jerry'</a>") == (
        "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#x27;Jerry&#x27;&lt;/a&gt;"
    )
    assert esc(25) == "25"


def test_link_escapes_href_text_and_attributes() -> None:
    assert link('https://e.org/?a=1&b="2"', "<b>", type="application/rss+xml", class_="x") == (
        '<a href="https://e.org/?a=1&amp;b=&quot;2&quot;" type="application/rss+xml" '
        'class="x">&lt;b&gt;</a>'
    )


def test_json_ld_cannot_end_its_script() -> None:
    script = json_ld({"headline": "</script><script>alert(1)</script> <!-- & \u2028"})
    assert script == (
        '<script type="application/ld+json">{"headline":"\\u003c/script\\u003e'
        '\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u003c!-- \\u0026 \\u2028"}'
        "</script>"
    )


@given(st.text())
def test_json_ld_round_trips_any_text(text: str) -> None:
    script = json_ld({"name": text, "list": [text]})
    inner = re.fullmatch(r'<script type="application/ld\+json">(.*)</script>', script, re.S)
    assert inner is not None
    assert "<" not in inner.group(1)
    assert json.loads(inner.group(1)) == {"name": text, "list": [text]}


def test_clip() -> None:
    assert clip("  short\n text ") == "short text"
    assert clip("one two three four", 12) == "one two…"
    assert clip("one two, three", 10) == "one two…"
    assert len(clip("word " * 100)) <= 200


def test_tag_list() -> None:
    assert tag_list(()) == ""
    assert tag_list(("ai", "<x>")) == (
        '<ul class="tags" aria-label="Tags"><li>ai</li><li>&lt;x&gt;</li></ul>'
    )
