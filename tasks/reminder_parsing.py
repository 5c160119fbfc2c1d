"""Reading what the user means by a reminder: an instant ("9pm tonight", an ISO 8601
date-time) or a distance before the due date ("1 hour before", "the day before at 9").

Pure functions of the text, the user's zone and the current time; `tasks.reminders` arms what
they return.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Literal
from zoneinfo import ZoneInfo

from django.conf import settings

from todochat.errors import ApplicationError

from . import date_range
from .relative_dates import PART_OF_DAY_TIMES, WORD_NUMBERS, afternoon_hour, clock_times, spans
from .text import quoted

# What clears a reminder (besides null, which the tools pass as "").
CLEAR_WORDS = frozenset({"", "none", "no", "off", "no reminder", "clear", "remove", "cancel"})

_UNITS = {
    "m": "minutes",
    "min": "minutes",
    "mins": "minutes",
    "minute": "minutes",
    "minutes": "minutes",
    "h": "hours",
    "hr": "hours",
    "hrs": "hours",
    "hour": "hours",
    "hours": "hours",
    "d": "days",
    "day": "days",
    "days": "days",
    "w": "weeks",
    "week": "weeks",
    "weeks": "weeks",
}
_DUE_TAIL = r"(?:\s+(?:it(?:'s|\s+is)?\s+)?(?:the\s+)?(?:due(?:\s+(?:date|time))?|deadline|it))?"
_AMOUNT = re.compile(
    r"^(?:remind\s+me\s+)?(?P<n>\d+|half\s+an?|" + "|".join(WORD_NUMBERS) + r")\s*"
    r"(?P<unit>" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")\s+"
    r"(?:before|earlier|early|ahead|prior)" + _DUE_TAIL + r"$"
)
# "the evening before", "the morning of", "that morning" ("morning of", "night before" too): a
# part of the due day (or of the day before), at the time a due date's part of the day is.
_PARTS = "|".join(PART_OF_DAY_TIMES)
_PART_OF_DUE_DAY = re.compile(
    rf"^(?:remind\s+me\s+)?(?:on\s+)?(?:(?:the\s+)?(?P<part>{_PARTS})\s+(?:(?P<before>before)|of)"
    rf"{_DUE_TAIL}|that\s+(?P<that_part>{_PARTS}))$"
)
_DAYS_BEFORE_AT = re.compile(
    r"^(?:remind\s+me\s+)?(?:(?:the|a)\s+)?(?:(?P<n>\d+|" + "|".join(WORD_NUMBERS) + r")\s+)?"
    r"(?P<unit>days?|weeks?)\s+before" + _DUE_TAIL + r"(?:\s+at\s+(?P<time>.+))?$"
)
_SAME_DAY_AT = re.compile(
    r"^(?:remind\s+me\s+)?(?:on\s+)?the\s+(?:same\s+)?day(?:\s+it(?:'s|\s+is)\s+due)?"
    r"\s+at\s+(?P<time>.+)$"
)
# The furthest a reminder may be set before its due date.
MAX_BEFORE = timedelta(days=366)
# "midnight the day before", "the night before at midnight": the midnight that ends that day.
_MIDNIGHT_BEFORE = re.compile(
    r"^(?:remind\s+me\s+)?(?:(?:at\s+)?midnight\s+(?:on\s+)?the\s+(?:day|night)\s+before"
    r"|(?:the\s+)?night\s+before\s+at\s+(?:12\s*(?:am|a\.m\.)|(?:12\s+)?midnight))"
    + _DUE_TAIL
    + r"$"
)
# A day's "midnight" is the one that ends it, as a due date's is; "12am" and "00:00" are read as
# clocks read them, that day's first minute.
_MIDNIGHT = re.compile(r"^(?:at\s+)?(?:12\s+)?midnight$")
_AT_DUE = re.compile(r"^(?:at\s+(?:the\s+)?due(?:\s+time)?|when\s+(?:it(?:'s|\s+is)\s+)?due)$")
_CLOCK = re.compile(r"^(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?$")
_ISO_START = re.compile(r"^\d{4}-\d{2}-\d{2}")
_REMIND_ME = re.compile(r"^remind\s+me\s+(?=\S)", re.IGNORECASE)


@dataclass(frozen=True)
class ReminderRule:
    """A reminder as asked for: at `instant`, or `before` the due instant — or, with `at_time`,
    `before.days` days before the due day at that time of day.

    `elapsed`: `before` was said in minutes or hours, time that passes ("24 hours before" a 10:00
    task is 09:00 the day before when the clocks went forward in between); said in days or
    weeks, it is days on the calendar (the same time of day)."""

    kind: Literal["at", "before"]
    instant: datetime | None = None
    before: timedelta | None = None
    at_time: time | None = None
    elapsed: bool = False


def all_day_time() -> time:
    """The time of day an all-day due date is taken to be at (`REMINDER_ALL_DAY_TIME`)."""
    return time.fromisoformat(settings.REMINDER_ALL_DAY_TIME)


def due_instant(due: date | datetime, zone: tzinfo) -> datetime:
    """The instant a due date stands for: a date-time as it is, a date at the all-day time."""
    if isinstance(due, datetime):
        return due
    return datetime.combine(due, all_day_time(), tzinfo=zone)


def fire_time(rule: ReminderRule, *, due: date | datetime | None, zone: tzinfo) -> datetime | None:
    """When `rule` fires for a task due `due` (None when it depends on a due date there is
    not)."""
    if rule.kind == "at":
        return rule.instant
    if due is None or rule.before is None:
        return None
    base = due_instant(due, zone)
    if rule.elapsed:
        return base.astimezone(UTC) - rule.before
    if rule.at_time is None:
        # Whole days are days on the calendar, at the same time of day in the zone ("the day
        # before" a 10:00 task is 10:00 the day before, also when the clocks change in between);
        # hours and minutes are time that passes.
        day_before = base.astimezone(zone) - timedelta(days=rule.before.days)
        return day_before.astimezone(UTC) - timedelta(
            seconds=rule.before.seconds, microseconds=rule.before.microseconds
        )
    day = base.astimezone(zone).date() - timedelta(days=rule.before.days)
    return datetime.combine(day, rule.at_time, tzinfo=zone)


def parse_reminder(text: str, *, zone: ZoneInfo, now: datetime) -> ReminderRule | None:
    """The reminder `text` asks for, read in `zone`; None when it clears the reminder.

    Raises ApplicationError naming what was not understood.
    """
    phrase = " ".join(text.strip().lower().split()).rstrip(".")
    if phrase in CLEAR_WORDS:
        return None
    # "an hour and a half before", "a couple of days before": counted as "90 minutes before".
    return _offset(spans(phrase)) or ReminderRule(
        kind="at", instant=_instant(_REMIND_ME.sub("", text.strip()), zone, now)
    )


def _offset(phrase: str) -> ReminderRule | None:
    if _AT_DUE.match(phrase):
        return ReminderRule(kind="before", before=timedelta(0))
    if match := _AMOUNT.match(phrase):
        raw = match["n"]
        if raw.startswith("half"):
            amount: float = 0.5
        else:
            amount = int(raw) if raw.isdigit() else WORD_NUMBERS[raw]
        unit = _UNITS[match["unit"]]
        before = _distance(phrase, unit, amount)
        return ReminderRule(kind="before", before=before, elapsed=unit in {"minutes", "hours"})
    if match := _DAYS_BEFORE_AT.match(phrase):
        raw = match["n"]
        count = 1 if raw is None else int(raw) if raw.isdigit() else WORD_NUMBERS[raw]
        days = count * (7 if match["unit"].startswith("week") else 1)
        before = _distance(phrase, "days", days)
        if match["time"] is None:
            return ReminderRule(kind="before", before=before)
        if _MIDNIGHT.match(match["time"].strip()):
            # The midnight that ends the day said ("the day before at midnight": as the due day
            # begins), not the one that begins it, a whole day earlier than meant.
            return ReminderRule(kind="before", before=before - timedelta(days=1), at_time=time(0))
        return ReminderRule(kind="before", before=before, at_time=_clock(match["time"]))
    if _MIDNIGHT_BEFORE.match(phrase):
        return ReminderRule(kind="before", before=timedelta(0), at_time=time(0))
    if match := _PART_OF_DUE_DAY.match(phrase):
        days = 1 if match["before"] else 0
        part = PART_OF_DAY_TIMES[match["part"] or match["that_part"]]
        return ReminderRule(kind="before", before=timedelta(days=days), at_time=part)
    if match := _SAME_DAY_AT.match(phrase):
        return ReminderRule(kind="before", before=timedelta(0), at_time=_clock(match["time"]))
    return None


def _distance(phrase: str, unit: str, amount: float) -> timedelta:
    """`amount` `unit`s before the due date, at most MAX_BEFORE."""
    try:
        before = timedelta(**{unit: amount})
    except OverflowError:
        before = MAX_BEFORE + timedelta(days=1)
    if before > MAX_BEFORE:
        raise ApplicationError(
            f"A reminder can be at most {MAX_BEFORE.days} days before the due date "
            f"(got {quoted(phrase)}).",
            fields={"reminder": ["Too long before the due date."]},
        )
    return before


def _clock(text: str) -> time:
    text = text.strip()
    # "half past 8", "17h30": as a due date's time is spelt ("at 8:30", "at 17:30").
    with contextlib.suppress(ValueError):  # a time on no clock is refused below, as said
        text = re.sub(r"^at\s+", "", clock_times(text))
    if text in {"noon", "midday"}:
        return time(12, 0)
    if text == "midnight":
        return time(0, 0)
    match = _CLOCK.match(text)
    if match is None:
        raise ApplicationError(
            f"Could not understand the time {quoted(text)} in the reminder.",
            fields={"reminder": ["Unknown time of day."]},
        )
    hour, minute = int(match["h"]), int(match["m"] or 0)
    ampm = (match["ampm"] or "").replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    elif not ampm and not match["h"].startswith("0"):
        # As a due date's "at 3" / "at 3:30" is: 1 to 6 without am/pm is in the afternoon.
        hour = afternoon_hour(hour)
    if hour > 23 or minute > 59:
        raise ApplicationError(
            f"Could not understand the time {quoted(text)} in the reminder.",
            fields={"reminder": ["Unknown time of day."]},
        )
    return time(hour, minute)


def _instant(text: str, zone: ZoneInfo, now: datetime) -> datetime:
    instant = _read_instant(text, zone, now)
    if not date_range.within(instant):
        raise date_range.out_of_range("The reminder time", text, "reminder")
    return instant


def _read_instant(text: str, zone: ZoneInfo, now: datetime) -> datetime:
    if _ISO_START.match(text):
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            pass
        else:
            if parsed.tzinfo is None:
                # A bare date from fromisoformat has no time: the all-day time of that day.
                if len(text) <= 10:
                    return datetime.combine(parsed.date(), all_day_time(), tzinfo=zone)
                return parsed.replace(tzinfo=zone)
            return parsed
    # Read as a due date is, so that a phrase names the same day in both and what a due date
    # refuses ("next week", "monday 9") is refused here too, not set for a day it guessed.
    try:
        due = date_range.parse_due(
            text, tz=zone, at=now, what="The reminder time", field="reminder"
        )
    except date_range.OutOfRange:
        raise
    except ApplicationError:
        raise _not_understood(text) from None
    if due.at is not None:
        return due.at
    if due.day is not None:
        return datetime.combine(due.day, all_day_time(), tzinfo=zone)
    raise _not_understood(text)


def _not_understood(text: str) -> ApplicationError:
    return ApplicationError(
        f'Could not understand the reminder {quoted(text)}: give a time ("9pm tonight", '
        f'"2026-12-03T09:00") or how long before the due date ("1 hour before").',
        fields={"reminder": ["Not understood."]},
    )
