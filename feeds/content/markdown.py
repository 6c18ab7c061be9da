"""Markdown to sanitised HTML and plain text, once per content load.

Takes Markdown source and the site's base URL; gives `Rendered`: HTML that passed
an allow-list sanitiser and the plain text of the same document. pyromark (the
binding to Rust's pulldown-cmark, a CommonMark parser) renders, and nh3 (the
binding to Rust's ammonia) sanitises. Both run in native code: on 1,000 editions
they take about a tenth of the time of a pure-Python parser (bench/README.md),
which keeps loading the whole archive within its budget.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import nh3
import pyromark

from feeds.content.text import strip_control

__all__ = ["Rendered", "has_unsafe_html", "render_markdown"]

_OPTIONS = pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_STRIKETHROUGH

# What survives sanitising: ammonia's default allow-list of formatting tags (no
# script, style, iframe, form or embed), no on* attributes, and only these schemes.
_SCHEMES = {"http", "https", "mailto"}

# Raw HTML and URL schemes an editor should hear about. They are stripped by the
# sanitiser in any case; these only decide whether to warn.
_UNSAFE_TAG = re.compile(
    r"<\s*(script|style|iframe|object|embed|form|input|button|link|meta|base|frame|svg|math)\b"
    r"|<[a-zA-Z][^>]*\son[a-zA-Z]+\s*=",
    re.IGNORECASE,
)
_UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
_ROOT_RELATIVE = re.compile(r'\b(href|src)="/(?!/)')
_UNSAFE_URL = re.compile(
    r"(\]\(\s*<?|<|(href|src)\s*=\s*[\"']?)\s*(javascript|vbscript|data):", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Rendered:
    """A Markdown document as sanitised HTML and as plain text."""

    html: str
    text: str


def has_unsafe_html(source: str) -> bool:
    """True when the Markdown carries HTML or a URL scheme that sanitising removes."""
    # Substring tests first: they are far cheaper than the regexes and almost always false.
    if "<" in source and _UNSAFE_TAG.search(source):
        return True
    lowered = source.lower()
    if any(scheme in lowered for scheme in _UNSAFE_SCHEMES):
        return _UNSAFE_URL.search(source) is not None
    return False


def render_markdown(source: str, base_url: str) -> Rendered:
    """Sanitised HTML and plain text; root-relative links become absolute against base_url."""
    if not source.strip():
        return Rendered("", "")
    raw = pyromark.html(source, options=_OPTIONS)
    clean = nh3.clean(raw, url_schemes=_SCHEMES, link_rel=None)
    if '="/' in clean:
        # nh3 writes every attribute double-quoted, so this finds each root-relative
        # URL; a per-attribute callback into Python would cost more than the sanitiser.
        clean = _ROOT_RELATIVE.sub(rf'\1="{base_url.rstrip("/")}/', clean)
    if "&#" in source:
        # pulldown-cmark decodes numeric character references, which can bring back
        # control characters the loader removed from the raw text; XML cannot carry them.
        clean = strip_control(clean)[0]
    return Rendered(clean.strip(), plain_text(clean))


_TAG = re.compile(r"<(/?)([a-zA-Z0-9]+)([^>]*)>")
_ALT = re.compile(r'\balt="([^"]*)"')
_BLANKS = re.compile(r"\n{3,}")
_LINE_END_SPACE = re.compile(r"[ \t]+\n")
_LISTS = frozenset({"ul", "ol"})
_BLOCK_ENDS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table"})


def plain_text(sanitised_html: str) -> str:
    """The words of sanitised HTML: blocks split by blank lines, list items as '- ', nested.

    Written by hand because no sanitiser or parser offers this text form. The HTML
    comes from nh3, so tags are well formed; whitespace-only text between block tags
    is the renderer's layout, not content, and is dropped (except inside <pre>).
    """
    out: list[str] = []
    depth = 0
    pre = False
    # split() with three groups gives text, closing slash, name, attributes, text, ...
    parts = _TAG.split(sanitised_html)
    for index in range(0, len(parts) - 1, 4):
        text = parts[index]
        if text and (pre or "\n" not in text or text.strip()):
            out.append(html.unescape(text) if "&" in text else text)
        closing, name, attributes = parts[index + 1], parts[index + 2].lower(), parts[index + 3]
        if name in _LISTS:
            depth += -1 if closing else 1
            if closing and depth == 0:
                out.append("\n\n")
        elif name == "li" and not closing:
            if out and out[-1].endswith("\n") and out[-1].strip():
                out[-1] = out[-1].rstrip("\n")  # a nested list starts on the next line
            out.append("\n" + "  " * max(depth - 1, 0) + "- ")
        elif name == "p" and not closing and depth:
            continue  # a loose list item's paragraph continues the item's line
        elif closing and name in _BLOCK_ENDS:
            out.append("\n\n")
            pre = pre and name != "pre"
        elif name == "pre":
            pre = True
        elif name == "tr" and closing:
            out.append("\n")
        elif name in ("td", "th") and closing:
            out.append(" ")
        elif name == "img" and (alt := _ALT.search(attributes)):
            out.append(html.unescape(alt.group(1)))
        # <br> needs nothing: the renderer follows it with a newline the next text keeps
    last = parts[-1]
    if last.strip():
        out.append(html.unescape(last) if "&" in last else last)
    text = "".join(out)
    if " \n" in text or "\t\n" in text:
        text = _LINE_END_SPACE.sub("\n", text)
    if "\n\n\n" in text:
        text = _BLANKS.sub("\n\n", text)
    return text.strip()
