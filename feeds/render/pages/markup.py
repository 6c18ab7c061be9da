"""The only place page text becomes HTML: escaping, JSON-LD scripts and short texts.

Takes strings and JSON-ready values; gives HTML fragments. Every page module
goes through `esc()` for text and attributes, so escaping is decided here once.
Sanitised HTML from the content (`Item.body_html`, `Edition.intro_html`) is the
only markup that bypasses it.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["clip", "esc", "json_ld", "link", "tag_list"]

# `<` alone is enough to stop `</script>` or `<!--` from ending the script element
# early; `>` and `&` go too so the JSON reads the same in any HTML parser state.
# U+2028/2029 are valid JSON but end lines in old JavaScript parsers.
_JSON_IN_HTML = str.maketrans(
    {
        "<": "\\u003c",
        ">": "\\u003e",
        "&": "\\u0026",
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
    }
)


def esc(text: object) -> str:
    """Text escaped for HTML element content and double-quoted attribute values."""
    return html.escape(str(text), quote=True)


def link(href: str, text: str, **attrs: str) -> str:
    """An `<a>` element with escaped href, text and extra attributes (`class_` for class)."""
    extra = "".join(f' {name.rstrip("_")}="{esc(value)}"' for name, value in attrs.items())
    return f'<a href="{esc(href)}"{extra}>{esc(text)}</a>'


def json_ld(data: Mapping[str, Any]) -> str:
    """A `<script type="application/ld+json">` element that content cannot break out of."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f'<script type="application/ld+json">{text.translate(_JSON_IN_HTML)}</script>'


def clip(text: str, limit: int = 200) -> str:
    """`text` on one line, cut at a word boundary to at most `limit` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.–-")
    return cut + "…"


def tag_list(tags: Iterable[str]) -> str:
    """Tags as a labelled list, or nothing when there are none."""
    items = "".join(f"<li>{esc(tag)}</li>" for tag in tags)
    if not items:
        return ""
    return f'<ul class="tags" aria-label="Tags">{items}</ul>'
