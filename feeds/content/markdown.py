"""Markdown to sanitised HTML and plain text, once per content load.

Takes Markdown source and the site's base URL; gives `Rendered`: HTML that passed
an allow-list sanitiser (nh3, the binding to Rust's ammonia) and the plain text
of the same document. markdown-it-py parses CommonMark; its tokens give the
plain text directly, so no second HTML parse is needed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

__all__ = ["Rendered", "has_unsafe_html", "render_markdown"]

_md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])

# What survives sanitising: ammonia's default allow-list of formatting tags (no
# script, style, iframe, form or embed), no on* attributes, and only these schemes.
_SCHEMES = {"http", "https", "mailto"}

# Raw HTML an editor should hear about. It is stripped by the sanitiser in any case;
# this only decides whether to warn.
_UNSAFE = re.compile(
    r"<\s*(script|style|iframe|object|embed|form|input|button|link|meta|base|frame|svg|math)\b"
    r"|<[a-zA-Z][^>]*\son[a-zA-Z]+\s*="
    r"|(javascript|vbscript|data)\s*:",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Rendered:
    """A Markdown document as sanitised HTML and as plain text."""

    html: str
    text: str


def has_unsafe_html(source: str) -> bool:
    """True when the Markdown carries HTML or a URL scheme that sanitising removes."""
    return _UNSAFE.search(source) is not None


def render_markdown(source: str, base_url: str) -> Rendered:
    """Sanitised HTML and plain text; root-relative links become absolute against base_url."""
    if not source.strip():
        return Rendered("", "")
    tokens = _md.parse(source)
    html = _md.renderer.render(tokens, _md.options, {})
    base = base_url.rstrip("/")

    def absolute(tag: str, attribute: str, value: str) -> str | None:
        if attribute in ("href", "src") and value.startswith("/") and not value.startswith("//"):
            return base + value
        return value

    clean = nh3.clean(html, url_schemes=_SCHEMES, link_rel=None, attribute_filter=absolute)
    return Rendered(clean.strip(), _plain_text(tokens))


_BLOCK_END = {"paragraph_close", "heading_close", "blockquote_close", "table_close"}


def _plain_text(tokens: list[Token]) -> str:
    """The words of the document: paragraphs split by blank lines, list items as '- '."""
    out: list[str] = []
    for token in tokens:
        if token.type == "inline":
            out.append(_inline_text(token.children or []))
        elif token.type == "list_item_open":
            out.append("- ")
        elif token.type in ("fence", "code_block"):
            out.append(token.content.rstrip("\n") + "\n\n")
        elif token.type in _BLOCK_END:
            out.append("\n" if token.level > 0 and _in_list(token) else "\n\n")
        elif token.type in ("bullet_list_close", "ordered_list_close") and token.level == 0:
            out.append("\n")
        elif token.type in ("th_close", "td_close"):
            out.append(" ")
        elif token.type == "tr_close":
            out.append("\n")
    text = "".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _in_list(token: Token) -> bool:
    # markdown-it hides paragraphs inside tight list items; their level is > 0
    return token.hidden or token.level > 1


def _inline_text(children: list[Token]) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" " if child.type == "softbreak" else "\n")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts)
