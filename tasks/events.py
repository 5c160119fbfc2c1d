"""The task-event outbox: every change a tool makes to a task is also written here, in the same
transaction, so an event exists exactly when its change was committed.

A worker publishes each event to the webhook receiver (`type` "task_event") when one is
configured. The table is also what a Kafka or Dapr publisher would read: rows in `id` order,
remembering the last id it published (specs/plan.md).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from . import webhooks
from .models import Task
from .reminder_models import TaskEvent, WebhookDelivery
from .snapshots import format_instant, snapshot, task_number

EventType = TaskEvent.Type


def record(
    *,
    task: Task,
    type: str,
    zone: ZoneInfo,
    changed: Iterable[str] = (),
    now: datetime | None = None,
) -> TaskEvent:
    """Write the event of `type` for `task` (as it is now; for "deleted", as it was), and queue
    its publication. Call inside the transaction that changes the task; `zone` is the user's,
    which the snapshot's due date and `occurred_at` are shown in."""
    now = now or timezone.now()
    event = TaskEvent.objects.create(
        user_id=task.user_id,
        task_number=task_number(task),
        type=type,
        changed=sorted(set(changed)),
        task=snapshot(task, zone),
        occurred_at=now,
    )
    if settings.TASK_EVENTS_WEBHOOK:
        webhooks.queue(
            user_id=task.user_id,
            kind=WebhookDelivery.Kind.TASK_EVENT,
            payload=payload(event, zone),
            delivery_id=uuid.uuid4(),
            now=now,
        )
    return event


def payload(event: TaskEvent, zone: ZoneInfo) -> dict:
    """The event as the webhook receiver gets it."""
    return {
        "type": "task_event",
        "event": event.type,
        "event_id": event.id,
        "user_id": event.user_id,
        "task": event.task,
        "changed": event.changed,
        "occurred_at": format_instant(event.occurred_at, zone),
    }
