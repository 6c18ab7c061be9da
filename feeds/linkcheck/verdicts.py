"""Verdicts: what a link check concludes about one URL, as data an editor acts on.

Takes nothing; gives the `Verdict` enum (a public contract, see docs/linkcheck.md)
and `Outcome`, the result of checking one URL once, before history is applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

__all__ = ["FIXES_FIRST", "Outcome", "Verdict"]


class Verdict(StrEnum):
    """The verdict on one link; each asks something different of an editor."""

    OK = "ok"
    REDIRECTED = "redirected"
    BROKEN = "broken"
    INCONCLUSIVE = "inconclusive"
    BLOCKED = "blocked"
    SKIPPED = "skipped"
    NOT_CHECKED = "not_checked"


# Report order: what needs fixing, then what needs a person to look, then the rest.
FIXES_FIRST: tuple[Verdict, ...] = (
    Verdict.BROKEN,
    Verdict.REDIRECTED,
    Verdict.INCONCLUSIVE,
    Verdict.BLOCKED,
    Verdict.NOT_CHECKED,
    Verdict.SKIPPED,
    Verdict.OK,
)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one check of one URL found: the verdict and the evidence for it."""

    verdict: Verdict
    http_status: int | None = None
    final_url: str | None = None
    error: str | None = None
    warnings: tuple[str, ...] = ()
    elapsed_ms: int | None = None
    checked_at: datetime | None = None
