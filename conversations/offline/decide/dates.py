"""Due dates and reminders of a task being changed: a day or a time alone keeps the task's
other part, a span moves its own due date, "actually make that thursday" stays in the week
just set, a snooze counts from the reminder, a skip is for a repeating task's next one."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from .. import words
from ..intents import Intent
from ..parse import (
    names_only_a_day,
    names_only_a_time,
)
from .steps import Context

_WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _same_week(intent: Intent, ctx: Context) -> Intent:
    """ "actually make that thursday" right after a task was moved to Wed 9 Dec: the Thursday
    of that week (Thu 10 Dec) — the day just set is being corrected, not replaced by the
    next Thursday. A day already past is left to the tools' reading."""
    said = " ".join((intent.due or "").lower().split())
    named = re.fullmatch(r"(?:on\s+)?(mon|tue|wed|thu|fri|sat|sun)[a-z]*", said)
    if intent.kind != "reschedule" or named is None or ctx.changed is None:
        return intent
    tool, data = ctx.changed
    item = data.get("task")
    due = item.get("due") if isinstance(item, dict) else None
    if tool != "update_task" or data.get("task_id") != (ctx.last_task or {}).get("id"):
        return intent
    day = _DUE_DAY.match(due) if isinstance(due, str) else None
    now = words.NOW.get()
    if day is None or now is None:
        return intent
    set_day = date.fromisoformat(day[0])
    target = set_day + timedelta(days=_WEEKDAY_NAMES.index(named[1]) - set_day.weekday())
    if target <= now.date():
        return intent
    timed = _DUE_TIME.match(due or "")
    return replace(intent, due=f"{target.isoformat()} at {timed['time']}" if timed else str(target))


def _snoozed(intent: Intent, task: dict[str, Any] | None) -> str | None:
    """ "snooze the oven for 10 minutes" while its reminder is still to come: that reminder's
    time plus the span, as the tools read an instant ("in 10 minutes" would bring it forward)."""
    if not intent.snooze or task is None:
        return None
    pending = _reminder_time(task)
    now = words.NOW.get()
    if pending is None or (now is not None and pending <= now):
        return None
    return (pending + timedelta(minutes=intent.snooze)).isoformat(timespec="minutes")


# A due date-time as list_tasks shows it, in the user's zone: "2026-12-03T15:00:00+01:00".
_DUE_TIME = re.compile(r"^\d{4}-\d\d-\d\dT(?P<time>\d\d:\d\d)")


_DUE_DAY = re.compile(r"^\d{4}-\d\d-\d\d")


_AT = re.compile(r"^at\s+", re.IGNORECASE)


def _keeps_part(intent: Intent) -> bool:
    """Whether a move names a time alone or a day alone: the task's other part is kept."""
    due = intent.due or ""
    return intent.kind == "reschedule" and (names_only_a_time(due) or names_only_a_day(due))


_PART_OF_THE_DAY = re.compile(r"in\s+the\s+(morning|afternoon|evening)", re.IGNORECASE)


def _keeping_time(when: str, task: dict[str, Any] | None) -> str:
    """ "push the plumber to friday" for a task due tomorrow at 3 pm: "friday at 15:00" — a day
    alone moves the task, not its time of day; "move the meeting to 9am" for a task due friday:
    "2026-12-11 at 9am" — a time alone keeps its day (the tools would read "9am" as the next
    one). Only a task looked up has its due date here."""
    due = (task or {}).get("due")
    day = _DUE_DAY.match(due) if isinstance(due, str) else None
    if day is not None and names_only_a_time(when):
        return f"{day[0]} at {_AT.sub('', when.strip())}"
    part = _PART_OF_THE_DAY.fullmatch(when.strip())
    if day is not None and part is not None:
        # "change the meeting to the morning" for a task due friday: friday morning.
        return f"{day[0]} {part[1]}"
    timed = _DUE_TIME.match(due) if isinstance(due, str) else None
    if timed is None or not names_only_a_day(when):
        return when
    return f"{when} at {timed['time']}"


def _reminder_time(task: dict[str, Any]) -> datetime | None:
    """When the task's pending reminder fires (the tools show it with an offset), or None."""
    value = task.get("reminder_at")
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
    return moment if moment is not None and moment.tzinfo is not None else None


def _not_skipped(period: str, task: dict[str, Any]) -> str:
    """Why "skip this week's gym" leaves `task` alone ("" when it may be skipped): it does not
    repeat, or its next occurrence is after the period said."""
    if not task.get("recurrence"):
        return words.not_repeating(task)
    day = words.due_day(task)
    now = words.NOW.get()
    if not period or day is None or now is None:
        return ""
    today = now.date()
    last = {
        "today": today,
        "tomorrow": today + timedelta(days=1),
        "week": today + timedelta(days=6 - today.weekday()),
    }[period]
    if day > last:
        return words.not_due_then(task, period)
    return ""


def _shifted(task: dict[str, Any], minutes: int) -> str | None:
    """The task's due date moved by ``minutes``, as the tools read it: whole days keep its time
    of day ("2026-12-04 at 15:00") or stay all-day ("2026-12-04"); hours and minutes need a time
    of day (an instant). None when there is nothing to move."""
    due = task.get("due")
    if not isinstance(due, str) or not _DUE_DAY.match(due):
        return None
    timed = _DUE_TIME.match(due)
    if minutes % (24 * 60) == 0:
        day = date.fromisoformat(due[:10]) + timedelta(days=minutes // (24 * 60))
        return f"{day.isoformat()} at {timed['time']}" if timed else day.isoformat()
    if timed is None:
        return None
    moment = datetime.fromisoformat(due) + timedelta(minutes=minutes)
    return moment.isoformat(timespec="minutes")
