"""Plain-text rules shared by loading and validation: control characters, summaries, weekdays.

Pure functions over strings. Written by hand because each is a product rule, not a
general-purpose algorithm a library offers: which characters XML cannot carry, how
a summary is cut, and how a weekday named beside a date is checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

__all__ = [
    "SUMMARY_LIMIT",
    "WeekdayMismatch",
    "derive_summary",
    "strip_control",
    "weekday_mismatches",
]

# Characters XML 1.0 cannot carry (C0 controls but tab, LF and CR; surrogates; U+FFFE/F),
# plus C1 controls and DEL, which are legal but never meant in an edition.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def strip_control(value: str) -> tuple[str, int]:
    """The value without control characters, and how many were removed."""
    cleaned, count = _CONTROL.subn("", value)
    return cleaned, count


SUMMARY_LIMIT = 300


def derive_summary(body_text: str, title: str) -> str:
    """The summary of an item that has none: its body's first paragraph, cut to 300 characters.

    The cut falls on a word boundary and ends with an ellipsis. An item with no
    body (a title-only item) is summarised by its title.
    """
    for paragraph in body_text.split("\n\n"):
        flat = " ".join(paragraph.split())
        if flat:
            break
    else:
        return title
    if len(flat) <= SUMMARY_LIMIT:
        return flat
    cut = flat[: SUMMARY_LIMIT - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–—") + "…"


_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
_DAY = "|".join(_DAYS)
_MONTH = "|".join(_MONTHS)
# "Thursday 30 October", "Thursday, 7 November 2024", "Monday, December 2nd, 2024"
_WEEKDAY_DATE = re.compile(
    rf"\b(?P<weekday>{_DAY}),?\s+"
    rf"(?:(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month1>{_MONTH})"
    rf"|(?P<month2>{_MONTH})\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?)"
    rf"(?:,?\s+(?P<year>\d{{4}}))?\b"
)


@dataclass(frozen=True, slots=True)
class WeekdayMismatch:
    """A weekday named beside a date that falls on another day."""

    phrase: str
    actual: str
    year: int
    offset: int  # character offset of the phrase in the text


def weekday_mismatches(text: str, near: date) -> Iterator[WeekdayMismatch]:
    """Each weekday in `text` that contradicts its date; a date without a year is near `near`."""
    if "day" not in text or not any(day in text for day in _DAYS):
        return  # most text names no weekday; substring tests are far cheaper than the regex
    for match in _WEEKDAY_DATE.finditer(text):
        day = int(match["day1"] or match["day2"])
        month = _MONTHS.index(match["month1"] or match["month2"]) + 1
        if match["year"]:
            candidates = [int(match["year"])]
        else:
            candidates = [near.year - 1, near.year, near.year + 1]
        found = [_date_or_none(y, month, day) for y in candidates]
        dates = [d for d in found if d is not None]
        if not dates:
            continue  # an impossible day such as 31 June: not a weekday question
        when = min(dates, key=lambda d: abs((d - near).days))
        actual = _DAYS[when.weekday()]
        if actual != match["weekday"]:
            yield WeekdayMismatch(match.group(0), actual, when.year, match.start())


def _date_or_none(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
