"""A small HTML reader for the page tests: structure, autodiscovery links, JSON-LD and text.

It also checks that every page is well formed: each element that is opened is
closed in order, except HTML's void elements.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

# Inline elements: their text runs on without a break; any other element separates words.
INLINE = frozenset({"a", "abbr", "b", "code", "em", "i", "span", "strong", "time"})
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


@dataclass
class Page:
    """What a test needs to know about a rendered page."""

    lang: str = ""
    title: str = ""
    description: str = ""
    canonical: str | None = None
    robots: str | None = None
    alternates: list[tuple[str, str, str]] = field(default_factory=list)  # type, title, href
    json_ld: list[Any] = field(default_factory=list)
    scripts: int = 0  # every <script> element, JSON-LD included
    feed_urls: list[str] = field(default_factory=list)  # text of <code class="feed-url">
    anchors: list[tuple[str, str]] = field(default_factory=list)  # href, text
    headings: list[tuple[str, str]] = field(default_factory=list)  # tag, text
    articles: list[str] = field(default_factory=list)  # id of each <article id=...>
    text: str = ""  # all visible text, whitespace collapsed

    def json_ld_nodes(self) -> list[dict[str, Any]]:
        """Every node of every JSON-LD script."""
        nodes: list[dict[str, Any]] = []
        for document in self.json_ld:
            assert document["@context"] == "https://schema.org"
            nodes.extend(document["@graph"])
        return nodes

    def node(self, kind: str) -> dict[str, Any]:
        """The one JSON-LD node of this @type."""
        found = [node for node in self.json_ld_nodes() if node["@type"] == kind]
        assert len(found) == 1, f"expected one {kind}, found {len(found)}"
        return found[0]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.stack: list[str] = []
        # Elements whose text is being collected: (depth, tag, attributes, text so far).
        self.captures: list[tuple[int, str, dict[str, str], list[str]]] = []
        self.texts: list[str] = []
        self.hidden = 0  # inside <style>, <script> or <title>: not visible text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag not in INLINE:
            self.texts.append(" ")
        if tag not in VOID:
            self.stack.append(tag)
        if tag == "html":
            self.page.lang = found.get("lang", "")
        elif tag == "meta" and found.get("name") == "description":
            self.page.description = found["content"]
        elif tag == "meta" and found.get("name") == "robots":
            self.page.robots = found["content"]
        elif tag == "link" and found.get("rel") == "canonical":
            self.page.canonical = found["href"]
        elif tag == "link" and found.get("rel") == "alternate":
            self.page.alternates.append((found["type"], found["title"], found["href"]))
        elif tag == "article" and "id" in found:
            self.page.articles.append(found["id"])
        if tag in ("script", "style", "title"):
            self.hidden += 1
        if tag == "script":
            self.page.scripts += 1
        wanted = (
            tag in ("title", "a", "h1", "h2", "h3", "h4")
            or (tag == "script" and found.get("type") == "application/ld+json")
            or (tag == "code" and found.get("class") == "feed-url")
        )
        if wanted:
            self.captures.append((len(self.stack), tag, found, []))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, f"</{tag}> closes nothing"
        assert self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1]}>"
        if self.captures and self.captures[-1][0] == len(self.stack):
            _, kind, attrs, parts = self.captures.pop()
            self._captured(kind, attrs, "".join(parts))
        self.stack.pop()
        if tag not in INLINE:
            self.texts.append(" ")
        if tag in ("script", "style", "title"):
            self.hidden -= 1

    def _captured(self, tag: str, attrs: dict[str, str], raw: str) -> None:
        text = " ".join(raw.split())
        if tag == "title":
            self.page.title = text
        elif tag == "script":
            self.page.json_ld.append(json.loads(raw))
        elif tag == "code":
            self.page.feed_urls.append(text)
        elif tag == "a":
            self.page.anchors.append((attrs["href"], text))
        else:
            self.page.headings.append((tag, text))

    def handle_data(self, data: str) -> None:
        for capture in self.captures:
            capture[3].append(data)
        if not self.hidden:
            self.texts.append(data)


def read_page(body: bytes) -> Page:
    """Parse a page, checking it is well formed UTF-8 HTML that closes what it opens."""
    text = body.decode("utf-8")
    assert text.startswith("<!doctype html>\n")
    reader = _Reader()
    reader.feed(text)
    reader.close()
    assert reader.stack == [], f"unclosed elements: {reader.stack}"
    reader.page.text = " ".join("".join(reader.texts).split())
    return reader.page
