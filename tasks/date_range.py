"""The years a due date, a list's date bound or a reminder may name: 1900 to 2999.

Python's dates end at year 9999 (and begin at year 1), so a task due at the edge of the calendar
could not be shown in every zone, nor a series stepped on from it: one such task would break
every list of its user. Refusing what falls outside these years, when it is given, keeps every
stored date far from both edges.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from todochat.errors import ApplicationError

from . import schedule
from .text import quoted

FIRST_YEAR = 1900
LAST_YEAR = 2999


class OutOfRange(ApplicationError):
    """A date outside FIRST_YEAR..LAST_YEAR."""


def within(moment: date | datetime) -> bool:
    """Whether `moment` (a day, or an instant read in UTC) falls in the years allowed."""
    if isinstance(moment, datetime) and moment.tzinfo is not None:
        try:
            moment = moment.astimezone(UTC)
        except OverflowError:
            return False
    return FIRST_YEAR <= moment.year <= LAST_YEAR


def out_of_range(what: str, value: str, field: str) -> OutOfRange:
    return OutOfRange(
        f"{what} {quoted(value)} is out of range: give a day from {FIRST_YEAR} to {LAST_YEAR}.",
        fields={field: ["Out of range."]},
    )


def parse_due(
    value: str,
    *,
    tz: ZoneInfo,
    at: datetime | None = None,
    what: str = "The due date",
    field: str = "due",
) -> schedule.Due:
    """`schedule.parse_due`, refusing a day or an instant outside the years allowed (one past
    the calendar's end included) with `OutOfRange`."""
    try:
        due = schedule.parse_due(value, tz=tz, at=at)
    except OverflowError:
        raise out_of_range(what, value, field) from None
    if any(not within(moment) for moment in (due.day, due.at) if moment is not None):
        raise out_of_range(what, value, field)
    return due
