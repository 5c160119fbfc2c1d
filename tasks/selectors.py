"""Reads of tasks, always scoped to one user at the query."""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal, cast
from zoneinfo import ZoneInfo

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Lower

from todochat.errors import ApplicationError, NotFoundError

from . import date_range, schedule
from .models import USER_ID_MAX_LENGTH, Tag, Task, TaskOwner
from .relative_dates import WEEKDAY_NUMBERS
from .text import cut, quoted

TaskStatus = Literal["all", "pending", "completed"]
TASK_STATUSES: tuple[TaskStatus, ...] = ("all", "pending", "completed")
DUE_FILTERS = ("today", "overdue", "this_week", "none")
SORTS = ("created", "newest", "due", "priority", "title", "recently_completed")
PRIORITIES = tuple(Task.Priority.values)
PAGE_DEFAULT = 50
PAGE_MAX = 200
OFFSET_MAX = 2**31 - 1
SEARCH_MAX_LENGTH = 200
# The "#" (one or more, with any spaces among them) people write before a tag.
_TAG_MARK = re.compile(r"^[\s#]+")


def reject_nul(value: str, field: str) -> str:
    """Refuse NUL characters (PostgreSQL cannot store them; nothing legitimate contains one)."""
    if "\x00" in value:
        raise ApplicationError(
            f"The {field} must not contain NUL characters.", fields={field: ["NUL character."]}
        )
    return value


def clean_user_id(user_id: str) -> str:
    """A usable user id: a non-empty string of at most 255 characters, no NUL or unpaired
    surrogate, nothing blank around it ("alice " would be a second user who looks like alice in
    every list). A token's `sub` is any JSON string: `"\\ud800"` reaches here as a lone
    surrogate, which no database can store or compare."""
    if not isinstance(user_id, str) or not user_id.strip():
        raise ApplicationError("user_id must not be empty.", fields={"user_id": ["Required."]})
    if user_id != user_id.strip():
        raise ApplicationError(
            "user_id must not begin or end with whitespace.", fields={"user_id": ["Whitespace."]}
        )
    if len(user_id) > USER_ID_MAX_LENGTH:
        raise ApplicationError(
            f"user_id must be at most {USER_ID_MAX_LENGTH} characters.",
            fields={"user_id": ["Too long."]},
        )
    if any("\ud800" <= char <= "\udfff" for char in user_id):
        raise ApplicationError(
            "The user_id must not contain unpaired surrogates.",
            fields={"user_id": ["Unpaired surrogate."]},
        )
    return reject_nul(user_id, "user_id")


def clean_tag(tag: str) -> str:
    """A tag as stored: trimmed, inner spaces collapsed, lower-case, without the "#" people
    write a tag with ("#work" is the tag work, as the offline model reads it); a tag that is
    only "#" signs is empty."""
    return " ".join(_TAG_MARK.sub("", reject_nul(tag, "tag")).split()).casefold()


def user_zone(*, user_id: str, timezone: str | None = None) -> ZoneInfo:
    """The zone to read and show the user's dates in: `timezone` when given, else the last one
    they sent, else `DEFAULT_TIMEZONE`."""
    if timezone:
        return schedule.zone(timezone)
    stored = (
        TaskOwner.objects.filter(user_id=clean_user_id(user_id))
        .values_list("timezone", flat=True)
        .first()
    )
    return schedule.zone(stored or schedule.default_zone_name())


def task_list(*, user_id: str, status: TaskStatus = "all") -> QuerySet[Task]:
    """The user's tasks in creation order, optionally only the pending or completed ones."""
    if status not in TASK_STATUSES:
        raise ApplicationError(
            f"Unknown status {quoted(status)}: use all, pending or completed.",
            fields={"status": ["Must be all, pending or completed."]},
        )
    tasks = Task.objects.filter(user_id=clean_user_id(user_id))
    if status == "pending":
        tasks = tasks.filter(completed=False)
    elif status == "completed":
        tasks = tasks.filter(completed=True)
    return tasks.order_by("number")


def task_get(*, user_id: str, task_id: int) -> Task:
    """The user's task number `task_id`; another user's task is reported like a missing one."""
    task = Task.objects.filter(user_id=clean_user_id(user_id), number=task_id).first()
    if task is None:
        raise NotFoundError(f"Task {cut(str(task_id))} not found.")
    return task


@dataclass(frozen=True)
class TaskPage:
    """One page of a filtered list: its tasks, their tags' names (by task pk, in name order),
    how many match in all, and the cursor of the next page (None on the last)."""

    tasks: list[Task]
    total: int
    next_cursor: str | None
    tags: dict[int, list[str]] = field(default_factory=dict)


def _cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"o": offset}).encode()).decode().rstrip("=")


def offset_cursor(offset: int) -> str:
    """The cursor of the page that starts `offset` tasks in (for clients that count pages)."""
    return _cursor(offset)


def _offset(cursor: str) -> int:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        offset = json.loads(base64.urlsafe_b64decode(padded.encode()))["o"]
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeError):
        offset = None
    # A cursor this module wrote holds an offset within the user's list; one past any list
    # (or past what the database's integers hold) was written by someone else.
    if not isinstance(offset, int) or isinstance(offset, bool) or not 0 <= offset <= OFFSET_MAX:
        raise ApplicationError(
            "That cursor is not one list_tasks gave: list again without it.",
            fields={"cursor": ["Invalid cursor."]},
        )
    return offset


def _choice(value: str, allowed: tuple[str, ...], field: str) -> str:
    if value not in allowed:
        raise ApplicationError(
            f"Unknown {field} {quoted(value)}: use {', '.join(allowed[:-1])} or {allowed[-1]}.",
            fields={field: [f"Must be one of {', '.join(allowed)}."]},
        )
    return value


def due_filter(due: str, *, tz: ZoneInfo, at: datetime) -> Q:
    """The tasks `due` ("today", "overdue", "this_week", "none") names, its days in zone `tz` at
    the moment `at`."""
    today = at.astimezone(tz).date()
    if due == "none":
        return Q(due_date__isnull=True, due_at__isnull=True)
    if due == "overdue":
        # Pending tasks whose day has passed in the user's zone, or whose instant has.
        return Q(completed=False) & (Q(due_date__lt=today) | Q(due_at__lt=at))
    if due == "today":
        first, last = today, today
    else:  # this_week: Monday to Sunday of the user's current week
        first = today - timedelta(days=today.weekday())
        last = first + timedelta(days=6)
    start, _ = schedule.day_bounds(first, tz)
    _, end = schedule.day_bounds(last, tz)
    return Q(due_date__gte=first, due_date__lte=last) | Q(due_at__gte=start, due_at__lt=end)


def _bound(value: str, field: str, *, tz: ZoneInfo, at: datetime) -> schedule.Due:
    try:
        bound = date_range.parse_due(value, tz=tz, at=at, what=field, field=field)
    except date_range.OutOfRange:
        raise
    except ApplicationError:
        raise ApplicationError(
            f"Could not understand {field} {quoted(value)}: give a date such as '2026-12-03'.",
            fields={field: ["Not understood."]},
        ) from None
    if bound.day is None and bound.at is None:
        raise ApplicationError(f"{field} must not be empty.", fields={field: ["Required."]})
    return bound


def _before(bound: schedule.Due, tz: ZoneInfo) -> Q:
    """Due strictly before `bound`: before its day (a date), or before its instant."""
    if bound.day is not None:
        start, _ = schedule.day_bounds(bound.day, tz)
        return Q(due_date__lt=bound.day) | Q(due_at__lt=start)
    assert bound.at is not None
    return Q(due_date__lt=bound.at.astimezone(tz).date()) | Q(due_at__lt=bound.at)


def _after(bound: schedule.Due, tz: ZoneInfo) -> Q:
    """Due strictly after `bound`: after its day (a date), or after its instant."""
    if bound.day is not None:
        _, end = schedule.day_bounds(bound.day, tz)
        return Q(due_date__gt=bound.day) | Q(due_at__gte=end)
    assert bound.at is not None
    return Q(due_date__gt=bound.at.astimezone(tz).date()) | Q(due_at__gt=bound.at)


_PRIORITY_RANK = Case(
    When(priority="high", then=Value(0)),
    When(priority="medium", then=Value(1)),
    When(priority="low", then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)


def _since(value: str, field: str, *, tz: ZoneInfo, at: datetime) -> datetime:
    """The instant `value` ("today", "yesterday", "monday", "2026-12-01", "2026-12-01T09:00")
    starts: a day from its first moment in zone `tz`. Phrases are read as due dates are,
    preferring the future, except a weekday, which is the one just gone ("since monday" said on
    a Wednesday); a bound still ahead is refused."""
    bound = _bound(value, field, tz=tz, at=at)
    if bound.day is not None:
        day = bound.day
        if _names_a_weekday(value) and day > today_in(tz, at):
            day -= timedelta(days=7)
        start, _ = schedule.day_bounds(day, tz)
    else:
        assert bound.at is not None
        start = bound.at
    if start > at:
        raise ApplicationError(
            f"{field} {quoted(value)} is in the future: give a day or time that has begun.",
            fields={field: ["In the future."]},
        )
    return start


def _names_a_weekday(value: str) -> bool:
    """ "monday", "on fri": a weekday alone, as the due date phrases name one."""
    words = value.lower().split()
    if words[:1] == ["on"]:
        words = words[1:]
    return len(words) == 1 and words[0] in WEEKDAY_NUMBERS


def _ordered(tasks: QuerySet[Task], sort: str) -> QuerySet[Task]:
    due_first = F("due_key").asc(nulls_last=True)
    if sort == "newest":
        return tasks.order_by("-number")
    if sort == "recently_completed":
        return tasks.order_by(F("completed_at").desc(nulls_last=True), "-number")
    if sort == "due":
        return tasks.order_by(due_first, "number")
    if sort == "priority":
        return tasks.order_by(_PRIORITY_RANK.asc(), due_first, "number")
    if sort == "title":
        return tasks.order_by(Lower("title"), "number")
    return tasks.order_by("number")


def task_page(
    *,
    user_id: str,
    tz: ZoneInfo,
    status: str = "all",
    search: str | None = None,
    tag: str | None = None,
    priority: str | None = None,
    due: str | None = None,
    due_before: str | None = None,
    due_after: str | None = None,
    recurring: bool | None = None,
    created_since: str | None = None,
    completed_since: str | None = None,
    sort: str = "created",
    limit: int = PAGE_DEFAULT,
    cursor: str | None = None,
    at: datetime | None = None,
) -> TaskPage:
    """One page of the user's tasks matching every given filter, in `sort` order; `recurring`
    True keeps the tasks that repeat, False the one-off ones; `created_since` and
    `completed_since` keep those added, or last completed, from that day or instant on (a
    repeating task's last completion counts, though it is pending again).

    "today", "overdue" and "this_week" are days in zone `tz` at the moment `at` (default: now).
    At most three queries whatever the number of tasks: the page, the page's tags, and the
    count (only when the first page may not hold them all)."""
    at = at or schedule.now()
    tasks = task_list(
        user_id=user_id, status=cast(TaskStatus, _choice(status, TASK_STATUSES, "status"))
    )
    sort = _choice(sort, SORTS, "sort")
    if not 1 <= limit <= PAGE_MAX:
        raise ApplicationError(
            f"limit must be 1 to {PAGE_MAX} (got {limit}).", fields={"limit": ["Out of range."]}
        )
    offset = _offset(cursor) if cursor else 0
    if search:
        words = reject_nul(search, "search").strip()[:SEARCH_MAX_LENGTH]
        if words:
            tasks = tasks.filter(Q(title__icontains=words) | Q(description__icontains=words))
    # An empty tag is no filter, as an empty search or bound is (models that send every
    # parameter send "" for the ones they do not set): it listed nothing, "you have no tasks".
    name = clean_tag(tag) if tag is not None else ""
    if name:
        # Tags carry their user: the lookup is one index probe on (user_id, name).
        tasks = tasks.filter(
            id__in=Tag.objects.filter(user_id=clean_user_id(user_id), name=name).values("task_id")
        )
    if priority is not None:
        tasks = tasks.filter(priority=_choice(priority, PRIORITIES, "priority"))
    if due is not None:
        tasks = tasks.filter(due_filter(_choice(due, DUE_FILTERS, "due"), tz=tz, at=at))
    if due_before:
        tasks = tasks.filter(_before(_bound(due_before, "due_before", tz=tz, at=at), tz))
    if due_after:
        tasks = tasks.filter(_after(_bound(due_after, "due_after", tz=tz, at=at), tz))
    if created_since:
        tasks = tasks.filter(created_at__gte=_since(created_since, "created_since", tz=tz, at=at))
    if completed_since:
        tasks = tasks.filter(
            completed_at__gte=_since(completed_since, "completed_since", tz=tz, at=at)
        )
    if recurring is not None:
        # A task repeats when it has a rule; "" is a one-off (the column is never null).
        tasks = tasks.exclude(recurrence="") if recurring else tasks.filter(recurrence="")
    page = list(_ordered(tasks, sort)[offset : offset + limit])
    # A first page that is not full holds every match: no count needed (most lists).
    total = len(page) if offset == 0 and len(page) < limit else tasks.count()
    following = offset + limit
    return TaskPage(page, total, _cursor(following) if following < total else None, tag_names(page))


def tag_names(tasks: list[Task]) -> dict[int, list[str]]:
    """The tags of many tasks in one query: task pk → names, in name order. (Django's
    `prefetch_related` would make a manager and a queryset per task: most of a page's cost.)"""
    if not tasks:
        return {}
    names: dict[int, list[str]] = {}
    rows = Tag.objects.filter(task_id__in=[task.pk for task in tasks]).order_by("name", "id")
    for task_id, name in rows.values_list("task_id", "name"):
        names.setdefault(task_id, []).append(name)
    return names


def task_due(task: Task) -> schedule.Due:
    """A task's due date as a `Due`."""
    return schedule.due_of(day=task.due_date, at=task.due_at)


def today_in(tz: ZoneInfo, at: datetime | None = None) -> date:
    """Today's date in zone `tz`."""
    return (at or schedule.now()).astimezone(tz).date()
