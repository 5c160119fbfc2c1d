"""A task as the outbox, the notifications and the webhook show it: the fields of the tools'
task item that a receiver needs, in the user's zone."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from . import schedule
from .models import Task


def task_number(task: Task) -> int:
    """The number the user knows the task by."""
    return task.number


def task_due(task: Task) -> date | datetime | None:
    """The task's due date (a date for an all-day task, an instant otherwise), or None."""
    return task.due_at or task.due_date


def format_instant(value: datetime, zone: tzinfo) -> str:
    """ISO 8601 with the offset of `zone`, to the second."""
    return value.astimezone(zone).isoformat(timespec="seconds")


def format_due(due: date | datetime | None, zone: ZoneInfo) -> str | None:
    """A due date as the tools show it: "2026-12-03", or a date-time in the user's zone."""
    if isinstance(due, datetime):
        return schedule.show_due(schedule.Due(at=due), zone)
    return schedule.show_due(schedule.Due(day=due), zone)


def snapshot(task: Task, zone: ZoneInfo) -> dict[str, Any]:
    """The task's identity and state, for an event or a delivery."""
    return {
        "id": task_number(task),
        "title": task.title,
        "completed": task.completed,
        "due": format_due(task_due(task), zone),
    }
