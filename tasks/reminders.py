"""Reminders on tasks: arming, following the due date, cancelling and firing.

The reminder row is the truth; the job that fires it is only its trigger. Arming bumps the
reminder's `version` and enqueues a job for `fire_at` carrying that version, in the task
change's own transaction. Firing re-reads the reminder under its row lock (SQLite: the write
lock its IMMEDIATE transactions take) and goes ahead only if it is still pending at that
version, so a reminder fires once however many jobs or sweeps reach it. Firing writes, in one
transaction, the notification, the `reminder_fired` task event and the webhook delivery.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from todochat.errors import ApplicationError

from . import events, schedule, webhooks
from .jobs import fire_reminder
from .models import Task
from .reminder_models import Notification, Reminder, TaskEvent, WebhookDelivery
from .reminder_parsing import ReminderRule, due_instant, fire_time, parse_reminder
from .snapshots import format_due, format_instant, task_due, task_number
from .text import quoted

logger = logging.getLogger("todochat.reminders")


def _rule(reminder: Reminder) -> ReminderRule:
    if reminder.kind == Reminder.Kind.AT:
        return ReminderRule(kind="at", instant=reminder.fire_at)
    return ReminderRule(
        kind="before", before=reminder.before, at_time=reminder.at_time, elapsed=reminder.elapsed
    )


def _locked(task: Task) -> Reminder | None:
    return Reminder.objects.select_for_update().filter(task_id=task.pk).first()


def _arm(reminder: Reminder, fire_at: datetime) -> None:
    reminder.fire_at = fire_at
    reminder.state = Reminder.State.PENDING
    reminder.fired_at = None
    if reminder.pk is not None:
        reminder.version += 1
    reminder.save()
    fire_reminder.using(run_after=fire_at).enqueue(reminder.pk, reminder.version)


def _cancel(reminder: Reminder) -> None:
    if reminder.state == Reminder.State.PENDING:
        reminder.state = Reminder.State.CANCELLED
        reminder.version += 1
        reminder.save(update_fields=["state", "version", "updated_at"])


def reminder_set(
    *, task: Task, text: str, zone: ZoneInfo, now: datetime | None = None
) -> Reminder | None:
    """Set, replace or clear (`text` "", "none", "off"…) the reminder of `task`, read in `zone`.

    Call inside the transaction that changes the task, after its due date is set. A reminder in
    the past, or one before a due date the task does not have, is an ApplicationError — except
    that a repeating task's reminder tied to its due date ("when it's due") whose time has passed
    for this occurrence is armed for the next occurrence whose time is still to come.
    """
    now = now or timezone.now()
    rule = parse_reminder(text, zone=zone, now=now)
    existing = _locked(task)
    if rule is None:
        if existing is not None:
            _cancel(existing)
        return None
    if task.completed:
        # Completing a task cancels its reminder; one set afterwards would fire for a task done.
        raise ApplicationError(
            f"Task {task_number(task)} is completed: reopen it (completed=false) to set a "
            "reminder on it.",
            fields={"reminder": ["The task is completed."]},
        )
    due = task_due(task)
    if rule.kind == "before" and due is None:
        raise ApplicationError(
            f"A reminder like {quoted(text.strip())} needs a due date, and task "
            f"{task_number(task)} has none: give the due date too, or a time for the reminder.",
            fields={"reminder": ["Needs a due date."]},
        )
    fire_at = fire_time(rule, due=due, zone=zone)
    assert fire_at is not None  # an "at" rule, or a "before" rule with a due date
    if fire_at <= now and rule.kind == "before" and task.recurrence:
        fire_at = _next_fire(task, rule, zone, now) or fire_at
    if fire_at <= now:
        raise ApplicationError(
            f"The reminder time {format_instant(fire_at, zone)} is in the past: "
            "choose a time still to come.",
            fields={"reminder": ["In the past."]},
        )
    reminder = existing or Reminder(task=task, user_id=task.user_id)
    reminder.kind = rule.kind
    reminder.before = rule.before
    reminder.at_time = rule.at_time
    reminder.elapsed = rule.elapsed
    reminder.timezone = str(zone)
    _arm(reminder, fire_at)
    return reminder


# Occurrences tried for a repeating task's next reminder still to come (a daily task with a
# reminder a week before its due date needs eight).
_NEXT_FIRE_TRIES = 400


def _next_fire(task: Task, rule: ReminderRule, zone: ZoneInfo, now: datetime) -> datetime | None:
    """When `rule` fires for the first occurrence after the task's due date whose reminder is
    still to come; None when the series ends first. Completing the occurrence due now moves the
    due date there, and the reminder follows it (`reminder_follow_due`) to the same time."""
    occurrence: schedule.Due | None = schedule.due_of(day=task.due_date, at=task.due_at)
    kept = schedule.local_time(occurrence, zone, task.due_local_time) if occurrence else None
    for _ in range(_NEXT_FIRE_TRIES):
        if occurrence is None:
            return None
        occurrence = schedule.next_due(task.recurrence, occurrence, zone, kept)
        if occurrence is None:
            return None
        fire_at = fire_time(rule, due=occurrence.at or occurrence.day, zone=zone)
        if fire_at is not None and fire_at > now:
            return fire_at
    return None


def _wall(instant: datetime, zone: ZoneInfo) -> datetime:
    """`instant` as the zone's clock shows it (naive)."""
    return instant.astimezone(zone).replace(tzinfo=None)


def reminder_follow_due(
    *,
    task: Task,
    previous_due: date | datetime | None,
    recurrence: bool = False,
    now: datetime | None = None,
) -> None:
    """Move the reminder of `task` after its due date changed from `previous_due`.

    An offset reminder ("1 hour before") follows the due date; an instant reminder stays where
    it is, except when a recurring task moves to its next occurrence (`recurrence`): then it
    keeps its distance from the due date. When a repeating task's reminder time for its new due
    date has passed (an overdue task completed late, or its due date moved into the past), it is
    set for the first occurrence whose time is still to come, as `reminder_set` does. A reminder
    the move puts in the past otherwise, or an offset reminder whose task lost its due date, is
    dropped, and so is any reminder of a completed task. Call inside the task's transaction.
    """
    reminder = _locked(task)
    if reminder is None or reminder.state == Reminder.State.CANCELLED:
        return
    if task.completed:
        # A done task is reminded of nothing: moving its due date brings no reminder back.
        _cancel(reminder)
        return
    now = now or timezone.now()
    zone = ZoneInfo(reminder.timezone)
    due = task_due(task)
    if reminder.kind == Reminder.Kind.BEFORE:
        rule = _rule(reminder)
        fire_at = fire_time(rule, due=due, zone=zone)
    elif recurrence and due is not None and previous_due is not None:
        # The same distance from every later occurrence, as an offset, counted on the zone's
        # clock: 9:30 the day before a 10:00 occurrence stays 9:30 the day before the next one,
        # also when the clocks change in between.
        rule = ReminderRule(
            kind="before",
            before=_wall(due_instant(previous_due, zone), zone) - _wall(reminder.fire_at, zone),
        )
        fire_at = fire_time(rule, due=due, zone=zone)
    else:
        return
    if fire_at is not None and fire_at <= now and task.recurrence:
        fire_at = _next_fire(task, rule, zone, now) or fire_at
    if fire_at is None or fire_at <= now:
        _cancel(reminder)
        return
    if reminder.state == Reminder.State.PENDING and fire_at == reminder.fire_at:
        return
    _arm(reminder, fire_at)


def reminder_cancel(*, task: Task) -> None:
    """Cancel the pending reminder of `task` (it was completed). Deleting a task deletes its
    reminder with it."""
    reminder = _locked(task)
    if reminder is not None:
        _cancel(reminder)


def reminder_at(task: Task) -> datetime | None:
    """When the pending reminder of `task` fires, or None."""
    return (
        Reminder.objects.filter(task_id=task.pk, state=Reminder.State.PENDING)
        .values_list("fire_at", flat=True)
        .first()
    )


def reminders_at(tasks: list[Task]) -> dict[int, datetime]:
    """`reminder_at` for many tasks in one query: task pk → instant (pending reminders only)."""
    if not tasks:
        return {}
    rows = Reminder.objects.filter(
        task_id__in=[task.pk for task in tasks], state=Reminder.State.PENDING
    ).values_list("task_id", "fire_at")
    return dict(rows)


def fire(*, reminder_id: int, version: int) -> str:
    """Fire the reminder if it is still pending at `version` and its time has come.

    Returns "fired", or why not: "gone" (its task was deleted), "stale" (re-armed, cancelled or
    fired since), "early" (re-enqueued for its time).
    """
    with transaction.atomic():
        reminder = (
            Reminder.objects.select_for_update().select_related("task").filter(id=reminder_id)
        ).first()
        if reminder is None:
            return "gone"
        if reminder.version != version or reminder.state != Reminder.State.PENDING:
            return "stale"
        now = timezone.now()
        if reminder.fire_at > now:
            fire_reminder.using(run_after=reminder.fire_at).enqueue(reminder.pk, version)
            return "early"
        reminder.state = Reminder.State.FIRED
        reminder.fired_at = now
        reminder.save(update_fields=["state", "fired_at", "updated_at"])
        task = reminder.task
        zone = ZoneInfo(reminder.timezone)
        due = format_due(task_due(task), zone)
        notification = Notification.objects.create(
            user_id=task.user_id,
            task_number=task_number(task),
            title=task.title,
            due=due or "",
            reminder_at=reminder.fire_at,
            timezone=reminder.timezone,
            created_at=now,
        )
        events.record(task=task, type=TaskEvent.Type.REMINDER_FIRED, zone=zone, now=now)
        webhooks.queue(
            user_id=task.user_id,
            kind=WebhookDelivery.Kind.REMINDER,
            delivery_id=notification.delivery_id,
            payload={
                "type": "reminder",
                "user_id": task.user_id,
                "task": {"id": task_number(task), "title": task.title, "due": due},
                "reminder_at": format_instant(reminder.fire_at, zone),
                "fired_at": format_instant(now, zone),
            },
            now=now,
        )
    logger.info(
        "reminder fired: user=%s task=%s late_ms=%d",
        task.user_id,
        task_number(task),
        (now - reminder.fire_at) / timedelta(milliseconds=1),
    )
    return "fired"


def overdue(*, now: datetime, grace_s: float, limit: int) -> list[tuple[int, int]]:
    """(id, version) of pending reminders more than `grace_s` late: their job was lost."""
    return list(
        Reminder.objects.filter(
            state=Reminder.State.PENDING, fire_at__lte=now - timedelta(seconds=grace_s)
        )
        .order_by("fire_at")
        .values_list("id", "version")[:limit]
    )
