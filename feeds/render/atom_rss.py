"""RSS 2.0 and Atom 1.0 through feedgen, with its traps closed.

Takes a `Channel` (feeds.render.facts); gives the bytes of an RSS 2.0 or an
Atom 1.0 document, pretty-printed UTF-8 XML with a declaration. feedgen 1.0.0 is
pinned: its name and version appear in the output, and each of its traps is
handled here on purpose (docs/feeds.md):

- entries are prepended unless `order="append"`: always append, newest first;
- the feed's and each entry's `updated` default to now(): always set both;
- RSS `<channel><link>` is the last link added: the home page is added last;
- `content(type="CDATA")` is invalid Atom: content is escaped text, type html;
- `description()` replaces the Atom content: only `summary()` is used;
- RSS `content:encoded` needs a description: every entry has a summary;
- an Atom entry needs an alternate link or content: it has both;
- Atom entry links lose `rel` and `type`, so only the permalink is added;
- Atom without an author is invalid: the feed has the publisher, entries the sign-off.
"""

from __future__ import annotations

from html import escape
from typing import Any, Literal

from feedgen.feed import FeedGenerator

from feeds.render.facts import Channel, ItemFacts

__all__ = ["ATOM_TYPE", "RSS_TYPE", "render_atom", "render_rss"]

RSS_TYPE = "application/rss+xml; charset=utf-8"
ATOM_TYPE = "application/atom+xml; charset=utf-8"

Format = Literal["rss", "atom"]


def render_rss(channel: Channel) -> bytes:
    """The channel as an RSS 2.0 document."""
    generator = _generator(channel, "rss")
    body: bytes = generator.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)
    return body


def render_atom(channel: Channel) -> bytes:
    """The channel as an Atom 1.0 document."""
    generator = _generator(channel, "atom")
    body: bytes = generator.atom_str(pretty=True, encoding="UTF-8", xml_declaration=True)
    return body


def _generator(channel: Channel, form: Format) -> Any:
    generator = FeedGenerator()
    generator.id(channel.id)
    generator.title(channel.title)
    generator.description(channel.description)
    generator.language(channel.language)
    generator.author({"name": channel.publisher, "email": channel.contact})
    publisher = f"{channel.contact} ({channel.publisher})"
    generator.managingEditor(publisher)
    generator.webMaster(publisher)
    media = "application/rss+xml" if form == "rss" else "application/atom+xml"
    generator.link(href=f"{channel.feed_url}.{form}", rel="self", type=media)
    # Last, because RSS takes its <channel><link> from the last link added.
    generator.link(href=channel.home_url, rel="alternate", type="text/html")
    generator.updated(channel.updated)
    for facts in channel.items:
        _entry(generator.add_entry(order="append"), facts, form)
    return generator


def _entry(entry: Any, facts: ItemFacts, form: Format) -> None:
    entry.id(facts.id)  # also the RSS guid, with isPermaLink="false"
    entry.title(facts.title)
    entry.link(href=facts.url, rel="alternate")
    entry.published(facts.published)
    entry.updated(facts.updated)
    entry.author({"name": facts.author.name, "email": facts.author_email})
    # RSS description is HTML by definition, so plain text is escaped once more
    # there; Atom's summary is type text and carries the words as they are.
    entry.summary(escape(facts.summary, quote=False) if form == "rss" else facts.summary)
    entry.content(facts.content_html, type="html")
    entry.category([{"term": term} for term in facts.categories])
