"""Writes to tasks. Every service is scoped by `user_id` and validates before saving."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, cast
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F, Field, Max

from todochat.errors import ApplicationError

from . import date_range, events, reminders, schedule
from .models import (
    DESCRIPTION_MAX_LENGTH,
    TAG_MAX_LENGTH,
    TAGS_MAX,
    TITLE_MAX_LENGTH,
    Tag,
    Task,
    TaskEvent,
    TaskOwner,
)
from .selectors import (
    PRIORITIES,
    clean_tag,
    clean_user_id,
    reject_nul,
    task_due,
    task_get,
    today_in,
    user_zone,
)
from .text import quoted


def _clean_title(title: str) -> str:
    title = reject_nul(title, "title").strip()
    if not title:
        raise ApplicationError("The title must not be empty.", fields={"title": ["Required."]})
    if len(title) > TITLE_MAX_LENGTH:
        raise ApplicationError(
            f"The title is {len(title)} characters; the limit is {TITLE_MAX_LENGTH}.",
            fields={"title": [f"At most {TITLE_MAX_LENGTH} characters."]},
        )
    return title


def _clean_description(description: str) -> str:
    description = reject_nul(description, "description").strip()
    if len(description) > DESCRIPTION_MAX_LENGTH:
        raise ApplicationError(
            f"The description is {len(description)} characters; "
            f"the limit is {DESCRIPTION_MAX_LENGTH}.",
            fields={"description": [f"At most {DESCRIPTION_MAX_LENGTH} characters."]},
        )
    return description


def _clean_priority(priority: str) -> str:
    if priority not in PRIORITIES:
        raise ApplicationError(
            f"Unknown priority {quoted(priority)}: use none, low, medium or high.",
            fields={"priority": ["Must be none, low, medium or high."]},
        )
    return priority


def _clean_tags(tags: list[str]) -> list[str]:
    names: list[str] = []
    for tag in tags:
        name = clean_tag(tag)
        if not name:
            raise ApplicationError("A tag must not be empty.", fields={"tags": ["Empty tag."]})
        if len(name) > TAG_MAX_LENGTH:
            raise ApplicationError(
                f"The tag {quoted(name)} is {len(name)} characters; the limit is {TAG_MAX_LENGTH}.",
                fields={"tags": [f"At most {TAG_MAX_LENGTH} characters each."]},
            )
        if name not in names:
            names.append(name)
    if len(names) > TAGS_MAX:
        raise ApplicationError(
            f"A task can have at most {TAGS_MAX} tags (got {len(names)}).",
            fields={"tags": [f"At most {TAGS_MAX} tags."]},
        )
    return sorted(names)


def normalised_title(title: str) -> str:
    """A title as compared for duplicates: case and spacing ignored."""
    return " ".join(title.split()).casefold()


def _save(task: Task) -> Task:
    try:
        task.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        fields = exc.message_dict
        message = "; ".join(m for ms in fields.values() for m in ms)
        raise ApplicationError(message, fields=fields) from exc
    task.save()
    return task


def _local_day(due: date | datetime | schedule.Due, tz: ZoneInfo) -> date:
    """The day a due date falls on in the user's zone."""
    if isinstance(due, schedule.Due):
        due = due.at or due.day or date.min
    return due.astimezone(tz).date() if isinstance(due, datetime) else due


def _set_due(task: Task, due: schedule.Due, tz: ZoneInfo, *, local: time | None = None) -> None:
    """Set the task's due date; a timed one with the local time of day it is for (`local`, a
    repeating task's own time when a change of clocks skips it; else the instant's, in `tz`)."""
    task.due_date, task.due_at, task.due_key = due.day, due.at, due.key
    task.due_local_time = (local or schedule.local_time(due, tz)) if due.at else None


def _set_tags(task: Task, names: list[str], *, replace: bool) -> None:
    if replace:
        task.tags.all().delete()
    Tag.objects.bulk_create([Tag(task=task, user_id=task.user_id, name=name) for name in names])


def _set_recurrence(
    task: Task,
    rule: str,
    tz: ZoneInfo,
    at: datetime,
    *,
    due_said: str | None = None,
    same_rule: bool = False,
) -> None:
    """Give `task` the rule; a recurring task without a due date becomes due on the first
    occurrence from today (in the user's zone), and one whose due date was said as a time alone
    (`due_said` "9am") on the first occurrence at that time: "every monday and friday" with
    "9am" said on a Wednesday is due Friday, not on the Thursday the series skips. A rule given
    without a due date (`due_said` None) to a task already due moves it to the rule's first
    occurrence from that date, its time of day kept."""
    due = task_due(task)
    if rule and due.day is None and due.at is None:
        first = schedule.first_occurrence(rule, today_in(tz, at))
        _set_due(task, schedule.Due(day=first), tz)
        due = task_due(task)
    elif rule and due_said and schedule.names_a_time_only(due_said):
        kept = schedule.local_time(due, tz, task.due_local_time)
        _set_due(task, schedule.first_due(rule, due, tz, kept), tz, local=kept)
        due = task_due(task)
    elif rule and due_said is None:
        # A new rule for a task already due ("make it repeat every tuesday" on a task due
        # Monday): due on the rule's first day from there, not on a day the series skips.
        kept = schedule.local_time(due, tz, task.due_local_time)
        _set_due(task, schedule.first_due(rule, due, tz, kept), tz, local=kept)
        due = task_due(task)
    start = due.day or (due.at.astimezone(tz).date() if due.at else today_in(tz, at))
    anchored = schedule.anchored_rule(rule, start)
    if not same_rule:
        # A rule given now: whether its day was taken from the due date (a bare "monthly"),
        # and so follows that date when it moves (`schedule.reanchored_rule`).
        task.recurrence_anchored = anchored != rule
    task.recurrence = anchored
    if task.recurrence and not schedule.series_occurs(task.recurrence, start):
        # "Every 4 years on 29 February" from 1 March 2027 steps through 2031, 2035…
        raise ApplicationError(
            f"Invalid recurrence {quoted(rule)}: it never occurs from {start.isoformat()}; "
            "give a due date on one of its days.",
            fields={"recurrence": ["It never occurs from its due date."]},
        )


def take_number(user_id: str) -> int:
    """The user's next task number. The counter row's lock (held until the transaction ends)
    makes concurrent adds for one user take turns; numbers are never given out twice. Tasks
    inserted without the counter (bulk loads) are stepped over."""
    TaskOwner.objects.get_or_create(user_id=user_id)
    TaskOwner.objects.filter(user_id=user_id).update(last_number=F("last_number") + 1)
    number = TaskOwner.objects.values_list("last_number", flat=True).get(user_id=user_id)
    highest = Task.objects.filter(user_id=user_id).aggregate(highest=Max("number"))["highest"]
    if highest is not None and highest >= number:
        number = highest + 1
        TaskOwner.objects.filter(user_id=user_id).update(last_number=number)
    return number


@dataclass(frozen=True)
class Added:
    """The task add_task returns, and whether it already existed (added earlier this turn)."""

    task: Task
    existed: bool


@transaction.atomic
def task_add(
    *,
    user_id: str,
    title: str,
    description: str = "",
    due: str | None = None,
    priority: str | None = None,
    tags: list[str] | None = None,
    recurrence: str | None = None,
    reminder: str | None = None,
    tz: ZoneInfo | None = None,
    turn: str = "",
    at: datetime | None = None,
) -> Added:
    """Add a pending task to the user's list, numbered after their last one, with its
    `reminder` (see `tasks.reminders.reminder_set`) and its `created` task event.

    Within one chat turn (`turn`), a second add with the same title (case and spacing aside)
    returns the task the first one added instead of adding another."""
    user_id = clean_user_id(user_id)
    tz = tz or schedule.zone(schedule.default_zone_name())
    at = at or schedule.now()
    task = Task(
        user_id=user_id,
        title=_clean_title(title),
        description=_clean_description(description),
        priority=_clean_priority(priority) if priority else Task.Priority.NONE,
    )
    names = _clean_tags(tags or [])
    _set_due(task, date_range.parse_due(due, tz=tz, at=at) if due else schedule.NO_DUE, tz)
    rule = schedule.parse_recurrence(recurrence) if recurrence else ""
    turn = reject_nul(turn or "", "turn")[:64]
    if turn:
        # Taking the counter's lock first makes concurrent adds of one turn see each other.
        TaskOwner.objects.get_or_create(user_id=user_id)
        list(TaskOwner.objects.select_for_update().filter(user_id=user_id))
        wanted = normalised_title(task.title)
        for earlier in Task.objects.filter(user_id=user_id, created_turn=turn):
            if normalised_title(earlier.title) == wanted:
                return Added(earlier, existed=True)
    task.number = take_number(user_id)
    task.created_turn = turn
    _set_recurrence(task, rule, tz, at, due_said=due)
    _save(task)
    _set_tags(task, names, replace=False)
    if reminder:
        reminders.reminder_set(task=task, text=reminder, zone=tz, now=at)
    events.record(task=task, type=TaskEvent.Type.CREATED, zone=tz, now=at)
    return Added(task, existed=False)


def task_create(*, user_id: str, title: str, description: str = "", **fields: Any) -> Task:
    """Add a pending task to the user's list (see `task_add`)."""
    return task_add(user_id=user_id, title=title, description=description, **fields).task


@dataclass(frozen=True)
class Completed:
    """A completion: the task as it now is, whether it was already done, and, for a recurring
    task, the due date it moved to (it stays pending)."""

    task: Task
    already_completed: bool
    next_due: schedule.Due | None
    # The due date a recurring task had before it moved on ("undo" puts it back).
    previous_due: schedule.Due | None = None


def _complete(task: Task, tz: ZoneInfo, at: datetime) -> Completed:
    if task.completed:
        return Completed(task, already_completed=True, next_due=None)
    task.completed_at = at
    due = task_due(task)
    if task.recurrence and due.day is None and due.at is None:
        # A series whose due date was cleared continues from today.
        due = schedule.Due(day=today_in(tz, at))
    # A timed series steps from the time of day it was set for (02:30 on the day a change of
    # clocks skips it is stored as 03:30; the day after, it is 02:30 again).
    kept = schedule.local_time(due, tz, task.due_local_time)
    # Completed late, it moves on to its first occurrence still to come (missed ones skipped).
    following = (
        schedule.next_due(task.recurrence, due, tz, kept, now=at) if task.recurrence else None
    )
    previous_due = task.due_at or task.due_date
    if following is not None:
        _set_due(task, following, tz, local=kept)
    else:
        task.completed = True
    _save(task)
    if following is not None:
        # The next occurrence gets its reminder back, at the same distance from its due date.
        reminders.reminder_follow_due(task=task, previous_due=previous_due, recurrence=True, now=at)
    else:
        reminders.reminder_cancel(task=task)
    changed = ["completed_at", "due"] if following is not None else ["completed", "completed_at"]
    events.record(task=task, type=TaskEvent.Type.COMPLETED, changed=changed, zone=tz, now=at)
    return Completed(
        task,
        already_completed=False,
        next_due=following,
        previous_due=due if following is not None else None,
    )


@transaction.atomic
def task_complete(
    *, user_id: str, task_id: int, tz: ZoneInfo | None = None, at: datetime | None = None
) -> Completed:
    """Mark the user's task as completed (completing a completed task changes nothing). A
    recurring task records the completion and moves to its next occurrence, computed from its
    due date; it stays pending until its series ends."""
    tz = tz or schedule.zone(schedule.default_zone_name())
    task = task_get(user_id=user_id, task_id=task_id)
    return _complete(task, tz, at or schedule.now())


@transaction.atomic
def task_update(
    *,
    user_id: str,
    task_id: int,
    title: str | None = None,
    description: str | None = None,
    due: str | None = None,
    priority: str | None = None,
    tags: list[str] | None = None,
    recurrence: str | None = None,
    completed: bool | None = None,
    reminder: str | None = None,
    tz: ZoneInfo | None = None,
    at: datetime | None = None,
) -> Task:
    """Change any of the user's task's fields; `due=""`, `recurrence=""` and `reminder=""` clear
    them, `tags=[]` removes every tag, `completed=False` reopens it. Changing the due date keeps
    the rule and moves an offset reminder. Each change is also a task event."""
    changes = (title, description, due, priority, tags, recurrence, completed, reminder)
    if all(change is None for change in changes):
        raise ApplicationError(
            "Give at least one change: title, description, due, priority, tags, recurrence, "
            "reminder or completed.",
            fields={"title": ["At least one change required."]},
        )
    tz = tz or schedule.zone(schedule.default_zone_name())
    at = at or schedule.now()
    # Validate the input before looking the task up, so bad input reads the same for everyone.
    clean_title = _clean_title(title) if title is not None else None
    clean_description = _clean_description(description) if description is not None else None
    clean_priority = _clean_priority(priority) if priority is not None else None
    names = _clean_tags(tags) if tags is not None else None
    new_due = date_range.parse_due(due, tz=tz, at=at) if due is not None else None
    rule = schedule.parse_recurrence(recurrence) if recurrence is not None else None
    task = task_get(user_id=user_id, task_id=task_id)
    previous_due = task.due_at or task.due_date
    given = {
        "title": title,
        "description": description,
        "due": due,
        "priority": priority,
        "tags": tags,
        "recurrence": recurrence,
        "reminder": reminder,
    }
    changed = [name for name, value in given.items() if value is not None]
    reopened = completed is False and task.completed
    # A repeating task is never left completed: reopening it takes back its last completion's
    # record (the due date it moved on from is given back with `due`).
    repeat_reopened = completed is False and bool(task.recurrence) and task.completed_at is not None
    reopened = reopened or repeat_reopened
    if clean_title is not None:
        task.title = clean_title
    if clean_description is not None:
        task.description = clean_description
    if clean_priority is not None:
        task.priority = clean_priority
    if new_due is not None:
        _set_due(task, new_due, tz)
    if rule is not None:
        _set_recurrence(task, rule, tz, at, due_said=due)
    elif new_due is not None and task.recurrence and (new_due.day or new_due.at):
        # Keep the rule; a day it took from the due date (a bare "monthly") follows the new
        # day of the month, a day the user named stays. The day said stays the due date.
        rule_now = task.recurrence
        if previous_due is not None and task.recurrence_anchored:
            rule_now = schedule.reanchored_rule(
                rule_now, _local_day(previous_due, tz), _local_day(task_due(task), tz)
            )
        _set_recurrence(task, rule_now, tz, at, due_said=due, same_rule=True)
    if completed is False and (task.completed or repeat_reopened):
        task.completed, task.completed_at = False, None
    _save(task)
    if names is not None:
        _set_tags(task, names, replace=True)
    if new_due is not None or (task.due_at or task.due_date) != previous_due:
        # A new rule moves the due date to its first day too: the reminder follows either way.
        # Taking back a repeating task's completion gives back its occurrence, and the reminder
        # goes back with it as it moved on (an instant one too).
        reminders.reminder_follow_due(
            task=task, previous_due=previous_due, recurrence=repeat_reopened, now=at
        )
    if reminder is not None:
        reminders.reminder_set(task=task, text=reminder, zone=tz, now=at)
    if changed:
        events.record(task=task, type=TaskEvent.Type.UPDATED, changed=changed, zone=tz, now=at)
    if reopened:
        events.record(
            task=task, type=TaskEvent.Type.REOPENED, changed=["completed"], zone=tz, now=at
        )
    if completed:
        _complete(task, tz, at)
    return task


@transaction.atomic
def task_delete(*, user_id: str, task_id: int, tz: ZoneInfo | None = None) -> Task:
    """Delete the user's task (a recurring one with its whole series); returns it as it was.
    Its `deleted` event shows it in `tz` (default: the user's zone), as every other event does."""
    task = task_get(user_id=user_id, task_id=task_id)
    # The event keeps the task as it was; its reminder goes with it.
    tz = tz or user_zone(user_id=user_id)
    events.record(task=task, type=TaskEvent.Type.DELETED, zone=tz)
    pk = task.pk
    task.delete()
    task.pk = pk
    return task


# The user's last zone, as SQL: every turn sent without a timezone reads it, and compiling the
# ORM's query cost several times what the database takes to answer it.
_STORED_ZONE = "SELECT timezone FROM {table} WHERE user_id = %s"


def stored_zone_sql() -> str:
    """A query for the user's last zone (None if they never sent one), given their id (checked
    with `clean_user_id`): for a caller that reads it within a statement of its own."""
    return _STORED_ZONE.format(table=connection.ops.quote_name(TaskOwner._meta.db_table))


def remember_zone_sql() -> tuple[str, list[str]]:
    """A statement storing a zone as the user's last, for a caller that runs it within a
    statement of its own (a WITH query), and its parameters' names in order: `user_id`
    (checked with `clean_user_id`) and `timezone` (checked with `schedule.zone`). What
    `timezone_remember` does given a zone, in one statement."""
    quote = connection.ops.quote_name
    table = quote(TaskOwner._meta.db_table)
    user_id, last_number, zone = (
        quote(cast(str, cast(Field, TaskOwner._meta.get_field(name)).column))
        for name in ("user_id", "last_number", "timezone")
    )
    sql = (
        f"INSERT INTO {table} ({user_id}, {last_number}, {zone}) VALUES (%s, 0, %s) "
        f"ON CONFLICT ({user_id}) DO UPDATE SET {zone} = excluded.{zone}"
    )
    return sql, ["user_id", "timezone"]


def zone_or_default(stored: str | None) -> str:
    """The zone of a turn sent without one: their last (`stored_zone_sql`), else the default."""
    return stored or schedule.default_zone_name()


def timezone_remember(*, user_id: str, timezone: str | None) -> str:
    """The zone for the user's chat turn: `timezone` when given (checked, and remembered as
    their last one), else the last one they sent, else `DEFAULT_TIMEZONE`."""
    user_id = clean_user_id(user_id)
    if not timezone:
        with connection.cursor() as cursor:
            cursor.execute(stored_zone_sql(), [user_id])
            stored = cursor.fetchone()
        return zone_or_default(stored[0] if stored else None)
    schedule.zone(timezone)
    # Part of the caller's transaction when there is one (the turn's first step), without a
    # savepoint of its own: two round trips fewer.
    with transaction.atomic(savepoint=False):
        updated = TaskOwner.objects.filter(user_id=user_id).update(timezone=timezone)
        if not updated:
            owner, _ = TaskOwner.objects.get_or_create(user_id=user_id)
            TaskOwner.objects.filter(pk=owner.pk).update(timezone=timezone)
    return timezone
