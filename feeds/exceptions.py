"""Every exception the product raises on purpose, in one tree.

```
FeedsError                 base class: an expected failure with a message for a person
 ├── ContentError          the content directory has errors; carries every Problem found
 ├── SettingsError         a setting (flag or FEEDS_* variable) has a bad value
 ├── StoreError            the report store could not be read or written
 ├── BuildError            the static build or the Lambda snapshot could not be written
 ├── SnapshotError         a snapshot written to disk is missing or unreadable
 └── BlockedAddressError   a link's host resolves to a non-public address; raised inside
                           the link checker's connection layer and reported as `blocked`
```

Failures that are expected as results (a content warning, a broken link) are
data, not exceptions: see `feeds.content.problems.Problem` and
`feeds.linkcheck` verdicts. Anything else that escapes is a bug.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from feeds.content.problems import Problem

__all__ = [
    "BlockedAddressError",
    "BuildError",
    "ContentError",
    "FeedsError",
    "SettingsError",
    "SnapshotError",
    "StoreError",
]


class FeedsError(Exception):
    """An expected failure, with a message meant for a person."""


class ContentError(FeedsError):
    """The content has errors; `problems` holds all of them, warnings included."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        first = str(errors[0]) if errors else "content has errors"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(first + more)


class SettingsError(FeedsError):
    """A setting has a value that cannot be used."""


class StoreError(FeedsError):
    """The report store failed."""


class BlockedAddressError(FeedsError):
    """A host resolves to an address the SSRF guard refuses to connect to."""

    def __init__(self, host: str, address: str, reason: str) -> None:
        self.host, self.address, self.reason = host, address, reason
        super().__init__(f"{host} resolves to {address} ({reason}), which is not requested")


class BuildError(FeedsError):
    """The static build or the Lambda snapshot could not be written."""


class SnapshotError(FeedsError):
    """A snapshot on disk is missing, from another format version, or damaged."""
