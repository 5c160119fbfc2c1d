"""Reads and writes of the user's notifications (reminders that fired), scoped by user at the
query. Notifications are written by `tasks.reminders.fire`; users only read them and mark them
seen."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from todochat.errors import NotFoundError

from .reminder_models import Notification
from .selectors import clean_user_id
from .snapshots import format_instant


def notification_list(
    *, user_id: str, after: int | None = None, unseen: bool = False
) -> QuerySet[Notification]:
    """The user's notifications, oldest first; only those after id `after` (what a poller has
    not seen yet) and/or only those not marked seen."""
    rows = Notification.objects.filter(user_id=clean_user_id(user_id))
    if after is not None:
        rows = rows.filter(id__gt=after)
    if unseen:
        rows = rows.filter(seen_at__isnull=True)
    return rows.order_by("id")


def notification_mark_seen(*, user_id: str, notification_id: int) -> Notification:
    """Mark one of the user's notifications seen (again: unchanged); another user's is reported
    like a missing one."""
    notification = Notification.objects.filter(
        user_id=clean_user_id(user_id), id=notification_id
    ).first()
    if notification is None:
        raise NotFoundError(f"Notification {notification_id} not found")
    if notification.seen_at is None:
        notification.seen_at = timezone.now()
        notification.save(update_fields=["seen_at"])
    return notification


def notification_mark_all_seen(*, user_id: str, up_to: int | None = None) -> int:
    """Mark the user's unseen notifications seen (those up to id `up_to` when given); returns
    how many."""
    rows = Notification.objects.filter(user_id=clean_user_id(user_id), seen_at__isnull=True)
    if up_to is not None:
        rows = rows.filter(id__lte=up_to)
    return rows.update(seen_at=timezone.now())


def _unmentioned(user_id: str) -> QuerySet[Notification]:
    """The user's notifications the assistant has not told them about, nor they marked seen."""
    return Notification.objects.filter(
        user_id=clean_user_id(user_id), mentioned_at__isnull=True, seen_at__isnull=True
    )


# `_unmentioned(user_id).exists()` as SQL: every turn asks it, and compiling the ORM's query
# cost several times what the database takes to answer it.
_ANY_UNMENTIONED = (
    "SELECT 1 FROM {table} WHERE user_id = %s AND mentioned_at IS NULL AND seen_at IS NULL LIMIT 1"
)


def any_unmentioned_sql() -> str:
    """A query whose one row says the user (their id, checked with `clean_user_id`) has
    notifications the assistant has not told them about yet; no row if none: for a caller that
    asks it within a statement of its own."""
    return _ANY_UNMENTIONED.format(table=connection.ops.quote_name(Notification._meta.db_table))


def notification_take_unmentioned(*, user_id: str, limit: int = 10) -> list[Notification]:
    """The user's notifications the assistant has not told them about yet and that they have not
    marked seen (oldest first, at most `limit`), marked as told. Call inside a transaction."""
    rows = list(_unmentioned(user_id).select_for_update().order_by("id")[:limit])
    if rows:
        Notification.objects.filter(id__in=[row.id for row in rows]).update(
            mentioned_at=timezone.now()
        )
    return rows


def notification_item(notification: Notification) -> dict[str, Any]:
    """A notification as the API and the page show it (times in the zone of its reminder)."""
    zone = ZoneInfo(notification.timezone)
    return {
        "id": notification.id,
        "delivery_id": str(notification.delivery_id),
        "type": notification.type,
        "task": {
            "id": notification.task_number,
            "title": notification.title,
            "due": notification.due or None,
        },
        "reminder_at": format_instant(notification.reminder_at, zone),
        "fired_at": format_instant(notification.created_at, zone),
        "seen_at": notification.seen_at and format_instant(notification.seen_at, zone),
    }
