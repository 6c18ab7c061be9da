"""Reading one edition file (`editions/NNN.yaml`) into an `Edition`.

Takes the node tree of the file and the site header; gives the `Edition`, with its
Markdown rendered and sanitised, and the line of each item id (for the checks
across files), or None with a problem for every bad field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TypeVar
from zoneinfo import ZoneInfo

import yaml

from feeds.content.markdown import has_unsafe_html, render_markdown
from feeds.content.nodes import NodeReader
from feeds.content.site_file import SLUG, SiteHeader, read_links
from feeds.content.text import derive_summary, weekday_mismatches
from feeds.models import Edition, Event, Item, Signoff

__all__ = ["PUBLISH_TIME", "ReadEdition", "read_edition"]

PUBLISH_TIME = time(9, 0)  # an edition published on a date goes out at 09:00 site time

T = TypeVar("T")

_ITEM_FIELDS = ("summary", "body", "links", "tags", "event", "deadline", "updated")


@dataclass(frozen=True, slots=True)
class ReadEdition:
    """What one edition file holds: the edition (None when it has errors), and where its
    number and item ids stand, which the checks across files need either way."""

    edition: Edition | None
    number: int | None
    number_line: int
    id_lines: dict[str, int]


class _EditionReader:
    def __init__(self, reader: NodeReader, site: SiteHeader) -> None:
        self.r = reader
        self.site = site
        self.zone = ZoneInfo(site.timezone)
        self.near: date | None = None  # weekdays are checked near the publication date

    def markdown(self, node: yaml.Node, what: str) -> tuple[str, str]:
        source = self.r.text(node, what, allow_empty=True) or ""
        if has_unsafe_html(source):
            self.r.warning(node, f"{what}: unsafe HTML or URL removed (script, on* or javascript:)")
        self.weekdays(node, source)
        rendered = render_markdown(source, self.site.base_url)
        return rendered.html, rendered.text

    def weekdays(self, node: yaml.Node, source: str) -> None:
        if self.near is None:
            return
        for wrong in weekday_mismatches(source, self.near):
            named = wrong.phrase.split()[0].rstrip(",")
            line = self.r.line_of(node, named, source.count(named, 0, wrong.offset))
            self.r.at(
                line,
                "warning",
                f"{wrong.phrase!r}: the date is a {wrong.actual} in {wrong.year}, not a {named}",
            )

    def published(self, node: yaml.Node, what: str) -> datetime | None:
        value = self.r.temporal(node, what)
        if value is None or isinstance(value, datetime):
            return self.local(value)
        return datetime.combine(value, PUBLISH_TIME, tzinfo=self.zone)

    def local(self, value: T) -> T:
        """Date-times in the site's timezone, so every renderer shows local time."""
        if isinstance(value, datetime):
            return value.astimezone(self.zone)
        return value

    def edition(self, root: yaml.Node) -> ReadEdition | None:
        before = len(self.r.problems)
        f = self.r.fields(
            root,
            "edition",
            required=("number", "title", "published", "intro", "signoff", "items"),
        )
        if f is None:
            return None
        number = self.r.integer(f["number"], "number") if "number" in f else None
        if number is not None and number < 1:
            self.r.error(f["number"], f"number must be 1 or more, not {number}")
            number = None
        title = self.r.text(f["title"], "title") if "title" in f else None
        published = self.published(f["published"], "published") if "published" in f else None
        if published is not None:
            self.near = published.date()
        if title is not None:
            self.weekdays(f["title"], title)
        intro_html, intro_text = self.markdown(f["intro"], "intro") if "intro" in f else ("", "")
        signoff = self.signoff(f["signoff"]) if "signoff" in f else None
        items: list[Item] = []
        id_lines: dict[str, int] = {}
        entries = self.r.sequence(f["items"], "items") if "items" in f else []
        for position, entry in enumerate(entries):
            item_id = _item_id(entry)
            if item_id is not None:
                if item_id in id_lines:
                    first = id_lines[item_id]
                    self.r.error(
                        entry, f"item id {item_id!r} is used twice (first at line {first})"
                    )
                    continue
                id_lines[item_id] = entry.start_mark.line + 1
            item = self.item(entry, number or 0, published, position)
            if item is not None:
                items.append(item)
        number_line = f["number"].start_mark.line + 1 if "number" in f else root.start_mark.line + 1
        edition = None
        failed = any(p.severity == "error" for p in self.r.problems[before:])
        if not failed and number and title and published and signoff is not None:
            edition = Edition(
                number, title, published, intro_html, intro_text, signoff, tuple(items)
            )
        return ReadEdition(edition, number, number_line, id_lines)

    def signoff(self, node: yaml.Node) -> Signoff | None:
        f = self.r.fields(node, "signoff", ("name",), ("role", "organisation", "email"))
        if f is None or "name" not in f:
            return None
        values = {key: self.r.text(value, f"signoff {key}") or "" for key, value in f.items()}
        return Signoff(**values)

    def item(
        self, node: yaml.Node, edition: int, published: datetime | None, position: int
    ) -> Item | None:
        f = self.r.fields(node, "item", ("id", "section", "title"), _ITEM_FIELDS)
        if f is None:
            return None
        before = len(self.r.problems)
        item_id = self.r.text(f["id"], "item id") if "id" in f else None
        if item_id is not None and not SLUG.fullmatch(item_id):
            self.r.error(f["id"], f"item id {item_id!r} must be lower-case [a-z0-9-]")
        section = self.r.text(f["section"], "section") if "section" in f else None
        slugs = [s.slug for s in self.site.sections]
        # No sections means site.yaml could not give them; that is reported there.
        if section is not None and slugs and section not in slugs:
            self.r.error(
                f["section"], f"unknown section {section!r} (sections: {', '.join(slugs)})"
            )
        title = self.r.text(f["title"], "item title") if "title" in f else None
        if title is not None:
            self.weekdays(f["title"], title)
        body_html, body_text = self.markdown(f["body"], "body") if "body" in f else ("", "")
        summary = None
        if "summary" in f:
            summary = self.r.text(f["summary"], "summary", allow_empty=True)
            if summary:
                self.weekdays(f["summary"], summary)
        links = read_links(f["links"], self.r, "links") if "links" in f else ()
        tags = self.tags(f["tags"]) if "tags" in f else ()
        event = self.event(f["event"]) if "event" in f else None
        deadline = self.r.date(f["deadline"], "deadline") if "deadline" in f else None
        updated = self.published(f["updated"], "updated") if "updated" in f else None
        if any(p.severity == "error" for p in self.r.problems[before:]):
            return None
        if item_id is None or section is None or title is None or published is None:
            return None
        return Item(
            id=item_id,
            edition=edition,
            section=section,
            title=title,
            summary=summary.strip() if summary else derive_summary(body_text, title),
            body_html=body_html,
            body_text=body_text,
            published=published,
            links=links,
            tags=tags,
            event=event,
            deadline=deadline,
            updated=updated,
            position=position,
        )

    def tags(self, node: yaml.Node) -> tuple[str, ...]:
        tags: list[str] = []
        for entry in self.r.sequence(node, "tags"):
            tag = self.r.text(entry, "tag")
            if tag is None:
                continue
            if not SLUG.fullmatch(tag):
                self.r.error(entry, f"tag {tag!r} must be lower-case [a-z0-9-]")
            elif tag in tags:
                self.r.warning(entry, f"tag {tag!r} is given twice")
            else:
                tags.append(tag)
        return tuple(tags)

    def event(self, node: yaml.Node) -> Event | None:
        f = self.r.fields(node, "event", ("start",), ("end", "location", "online"))
        if f is None or "start" not in f:
            return None
        start = self.local(self.r.temporal(f["start"], "event start"))
        end = self.local(self.r.temporal(f["end"], "event end")) if "end" in f else None
        location = self.r.text(f["location"], "event location") if "location" in f else None
        online = self.r.boolean(f["online"], "event online") if "online" in f else None
        if start is None:
            return None
        if end is not None:
            if isinstance(start, datetime) != isinstance(end, datetime):
                self.r.error(f["end"], "event start and end must both be dates or both date-times")
                return None
            if end < start:
                self.r.error(f["end"], f"event ends ({end}) before it starts ({start})")
                return None
        return Event(start, end, location, online)


def _item_id(entry: yaml.Node) -> str | None:
    """The id an item entry declares, read before the entry is checked."""
    if isinstance(entry, yaml.MappingNode):
        for key, value in entry.value:
            if key.value == "id" and isinstance(value, yaml.ScalarNode):
                return str(value.value)  # the scalar's own text
    return None


def read_edition(root: yaml.Node, reader: NodeReader, site: SiteHeader) -> ReadEdition | None:
    """The edition in one file, or None when the file has errors."""
    return _EditionReader(reader, site).edition(root)
