"""Parts of pages that show items: grouping by section, facts, calls to action, summaries.

Takes `Item`s and the `Site`; gives HTML fragments shared by the home, edition
and item pages, so an item reads the same wherever it appears.
"""

from __future__ import annotations

from collections.abc import Iterable

from feeds.models import Edition, Item, Section, Site
from feeds.render.pages.dates import attendance, time_element, when
from feeds.render.pages.markup import esc, link, tag_list

__all__ = [
    "actions",
    "by_section",
    "edition_url",
    "facts",
    "item_body",
    "item_url",
    "summary_list",
]


def item_url(site: Site, item: Item) -> str:
    """The absolute URL of an item's page, its permalink."""
    return site.url(f"/items/{item.id}")


def edition_url(site: Site, edition: Edition) -> str:
    """The absolute URL of an edition's page."""
    return site.url(f"/editions/{edition.number}")


def by_section(site: Site, items: Iterable[Item]) -> list[tuple[Section, tuple[Item, ...]]]:
    """Items grouped by section in site order, keeping their order within each; no empties."""
    grouped: dict[str, list[Item]] = {section.slug: [] for section in site.sections}
    for item in items:
        grouped.setdefault(item.section, []).append(item)
    return [
        (site.sections_by_slug.get(slug) or Section(slug, slug), tuple(found))
        for slug, found in grouped.items()
        if found
    ]


def facts(item: Item) -> str:
    """An item's event and deadline facts as a description list, or nothing."""
    rows: list[str] = []
    if item.event is not None:
        rows.append(f"<dt>When</dt><dd>{when(item.event)}</dd>")
        if item.event.location:
            rows.append(f"<dt>Where</dt><dd>{esc(item.event.location)}</dd>")
        how = attendance(item.event)
        # "Where: Online" already says it; a second "Attendance: Online" adds nothing.
        if how is not None and how.lower() != (item.event.location or "").strip().lower():
            rows.append(f"<dt>Attendance</dt><dd>{esc(how)}</dd>")
    if item.deadline is not None:
        rows.append(f"<dt>Deadline</dt><dd>{time_element(item.deadline)}</dd>")
    if not rows:
        return ""
    return '<dl class="facts">\n' + "\n".join(rows) + "\n</dl>"


def actions(item: Item) -> str:
    """An item's calls to action as a list of links, or nothing."""
    if not item.links:
        return ""
    rows = "".join(f"<li>{link(action.url, action.title)}</li>" for action in item.links)
    return f'<ul class="actions">{rows}</ul>'


def item_body(item: Item) -> str:
    """Facts, the sanitised body, calls to action and tags of one item."""
    parts = (facts(item), item.body_html, actions(item), tag_list(item.tags))
    return "\n".join(part for part in parts if part)


def _summary_row(site: Site, item: Item) -> str:
    parts = [f"<h4>{link(item_url(site, item), item.title)}</h4>"]
    if item.summary and item.summary != item.title:
        parts.append(f"<p>{esc(item.summary)}</p>")
    extra = facts(item)
    if extra:
        parts.append(extra)
    return "<li>" + "\n".join(parts) + "</li>"


def summary_list(site: Site, items: Iterable[Item]) -> str:
    """Items as a list of linked titles with summary and facts, grouped by section."""
    blocks = []
    for section, found in by_section(site, items):
        rows = "\n".join(_summary_row(site, item) for item in found)
        blocks.append(f'<h3>{esc(section.title)}</h3>\n<ul class="items">\n{rows}\n</ul>')
    return "\n".join(blocks)
