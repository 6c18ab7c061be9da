"""The content model: what a loaded site is, with no I/O and no third-party imports.

Takes nothing; gives frozen dataclasses that every later stage (renderers, the API,
the link checker) reads. A `Site` is built once per content load by
`feeds.content.loader` and is immutable and ordered: editions newest first by
number, items in bulletin order within an edition. It carries indexes so that
every later stage is a lookup, not a scan.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType
from urllib.parse import urlsplit

__all__ = [
    "Edition",
    "Event",
    "Item",
    "Link",
    "Section",
    "Signoff",
    "Site",
]


@dataclass(frozen=True, slots=True)
class Link:
    """A titled outbound link: a call to action, or a footer link of the site."""

    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Signoff:
    """Who signs an edition's intro letter; also the author of its items in feeds."""

    name: str
    role: str = ""
    organisation: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    """A section of the bulletin, in display order; each has its own feeds."""

    slug: str
    title: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    """When and where an event item happens.

    `start` and `end` are both aware datetimes (a timed event) or both dates (an
    all-day event, `end` inclusive). `end` may be absent.
    """

    start: datetime | date
    end: datetime | date | None = None
    location: str | None = None
    online: bool | None = None

    @property
    def all_day(self) -> bool:
        """True when the event is given as dates rather than times."""
        return not isinstance(self.start, datetime)


@dataclass(frozen=True, slots=True)
class Item:
    """One bulletin item, with its Markdown body already rendered and sanitised."""

    id: str
    edition: int
    section: str
    title: str
    summary: str
    body_html: str
    body_text: str
    published: datetime
    links: tuple[Link, ...] = ()
    tags: tuple[str, ...] = ()
    event: Event | None = None
    deadline: date | None = None
    updated: datetime | None = None
    position: int = 0  # index in the edition, for bulletin order

    @property
    def modified(self) -> datetime:
        """The latest of published and updated: when this item last changed."""
        if self.updated is not None and self.updated > self.published:
            return self.updated
        return self.published


@dataclass(frozen=True, slots=True)
class Edition:
    """One monthly edition: the intro letter, the sign-off and the items in bulletin order."""

    number: int
    title: str
    published: datetime
    intro_html: str
    intro_text: str
    signoff: Signoff
    items: tuple[Item, ...]

    @property
    def modified(self) -> datetime:
        """When the edition or any of its items last changed."""
        return max([self.published, *(item.modified for item in self.items)])


def _by_section(
    sections: tuple[Section, ...], items: tuple[Item, ...]
) -> Mapping[str, tuple[Item, ...]]:
    grouped: dict[str, list[Item]] = {section.slug: [] for section in sections}
    for item in items:
        grouped.setdefault(item.section, []).append(item)
    return MappingProxyType({slug: tuple(found) for slug, found in grouped.items()})


@dataclass(frozen=True, slots=True)
class Site:
    """The whole loaded bulletin: settings from site.yaml, sections and every edition.

    `base_url` is the public URL for links (site.yaml's, or the deployment's
    override). `id_authority` is the host of site.yaml's own `base_url`: feed
    entry IDs are built from it, so a deployment override never changes them.
    """

    title: str
    description: str
    base_url: str
    language: str
    timezone: str
    publisher: str
    contact: str
    links: tuple[Link, ...]
    sections: tuple[Section, ...]
    editions: tuple[Edition, ...]
    id_authority: str = ""
    content_version: str = ""
    items: tuple[Item, ...] = field(init=False)
    sections_by_slug: Mapping[str, Section] = field(init=False)
    editions_by_number: Mapping[int, Edition] = field(init=False)
    items_by_id: Mapping[str, Item] = field(init=False)
    items_by_section: Mapping[str, tuple[Item, ...]] = field(init=False)

    def __post_init__(self) -> None:
        editions = tuple(sorted(self.editions, key=lambda e: e.number, reverse=True))
        items = tuple(item for edition in editions for item in edition.items)
        # object.__setattr__ because the dataclass is frozen: these indexes are
        # derived once here so that nothing downstream has to scan.
        object.__setattr__(self, "editions", editions)
        object.__setattr__(self, "items", items)
        object.__setattr__(
            self, "sections_by_slug", MappingProxyType({s.slug: s for s in self.sections})
        )
        object.__setattr__(
            self, "editions_by_number", MappingProxyType({e.number: e for e in editions})
        )
        object.__setattr__(self, "items_by_id", MappingProxyType({i.id: i for i in items}))
        object.__setattr__(self, "items_by_section", _by_section(self.sections, items))
        if not self.id_authority:
            object.__setattr__(self, "id_authority", urlsplit(self.base_url).hostname or "")

    @property
    def latest(self) -> Edition | None:
        """The newest edition, or None for an empty archive."""
        return self.editions[0] if self.editions else None

    @property
    def modified(self) -> datetime | None:
        """When anything in the archive last changed; None for an empty archive."""
        return max((e.modified for e in self.editions), default=None)

    def url(self, path: str) -> str:
        """The absolute public URL of a root-relative path."""
        return self.base_url.rstrip("/") + "/" + path.lstrip("/")
