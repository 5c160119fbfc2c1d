"""What reminders need to be kept: the reminder on a task, the task-event outbox, the
notifications shown to the user, and the webhook deliveries still owed to a receiver.

Every row carries `user_id`, so each read is scoped by user at the query. The logic lives in
`tasks.reminders`, `tasks.events`, `tasks.notifications` and `tasks.webhooks`.
"""

import uuid

from django.db import models

from .models import TIMEZONE_MAX_LENGTH, USER_ID_MAX_LENGTH


class Reminder(models.Model):
    """The one reminder of a task, armed for `fire_at`.

    A reminder is asked for either as an instant (`kind` "at") or as a distance before the due
    date (`kind` "before": `before` earlier than the due instant, or — with `at_time` — that
    many days before the due day, at that time of day in `timezone`). An offset reminder follows
    its task's due date; every arming bumps `version`, and the job that fires it carries the
    version it was armed with, so a job for an earlier arming does nothing.
    """

    class Kind(models.TextChoices):
        AT = "at"
        BEFORE = "before"

    class State(models.TextChoices):
        PENDING = "pending"
        FIRED = "fired"
        CANCELLED = "cancelled"

    task = models.OneToOneField("tasks.Task", on_delete=models.CASCADE, related_name="reminder")
    user_id = models.CharField(max_length=USER_ID_MAX_LENGTH)
    kind = models.CharField(max_length=6, choices=Kind.choices)
    before = models.DurationField(null=True, blank=True)
    at_time = models.TimeField(null=True, blank=True)
    # `before` was said in minutes or hours: time that passes, not days on the calendar ("24
    # hours before" stays 24 hours across a change of the clocks; "1 day before" keeps the time).
    elapsed = models.BooleanField(default=False)
    # The zone the reminder was read in: "the day before at 9" stays 9 o'clock there.
    timezone = models.CharField(max_length=TIMEZONE_MAX_LENGTH, default="UTC")
    fire_at = models.DateTimeField()
    state = models.CharField(max_length=9, choices=State.choices, default=State.PENDING)
    version = models.PositiveIntegerField(default=1)
    fired_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            # The worker's recovery sweep: pending reminders whose time has come.
            models.Index(fields=["state", "fire_at"], name="reminder_state_fire_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.fire_at.isoformat()} ({self.state})"


class TaskEvent(models.Model):
    """One change to a task, written in the transaction that made it: the outbox a publisher
    reads in `id` order (the webhook sink today; Kafka or Dapr later)."""

    class Type(models.TextChoices):
        CREATED = "created"
        UPDATED = "updated"
        COMPLETED = "completed"
        REOPENED = "reopened"
        DELETED = "deleted"
        REMINDER_FIRED = "reminder_fired"

    user_id = models.CharField(max_length=USER_ID_MAX_LENGTH)
    task_number = models.PositiveBigIntegerField()
    type = models.CharField(max_length=14, choices=Type.choices)
    # Names of the fields the change touched (empty for created/deleted/reminder_fired).
    changed = models.JSONField(default=list)
    # The task as it was after the change (before it, for `deleted`), as the tools show it.
    task = models.JSONField(default=dict)
    occurred_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["user_id", "id"], name="taskevent_user_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} #{self.task_number} {self.type}"


class Notification(models.Model):
    """A reminder that fired, as the user's page shows it until it is marked seen.

    `delivery_id` is the same on the page and on the webhook, so a receiver of both can drop
    repeats.
    """

    user_id = models.CharField(max_length=USER_ID_MAX_LENGTH)
    delivery_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    type = models.CharField(max_length=16, default="reminder")
    task_number = models.PositiveBigIntegerField()
    title = models.CharField(max_length=200)
    # The task's due date as the tools show it (a date or a date-time with offset); "" for none.
    due = models.CharField(max_length=40, blank=True, default="")
    reminder_at = models.DateTimeField()
    # Where the reminder was read; `reminder_at` is shown in it.
    timezone = models.CharField(max_length=TIMEZONE_MAX_LENGTH, default="UTC")
    created_at = models.DateTimeField()
    seen_at = models.DateTimeField(null=True, blank=True)
    # When the assistant told the user about it in the conversation (their next chat turn).
    mentioned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["user_id", "id"], name="notification_user_idx")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.title}"


class WebhookDelivery(models.Model):
    """A JSON body owed to the webhook receiver (`REMINDER_WEBHOOK_URL`), until it answers 2xx
    or the delivery is given up (`REMINDER_WEBHOOK_GIVE_UP_S` after it was created).

    `body` is fixed when the delivery is created: every attempt sends the same bytes, with the
    same `delivery_id`. A sender holds `lease_until` while its request is in flight; a sender
    that died leaves a lease that expires, and the delivery is tried again.
    """

    class Kind(models.TextChoices):
        REMINDER = "reminder"
        TASK_EVENT = "task_event"

    class State(models.TextChoices):
        PENDING = "pending"
        DELIVERED = "delivered"
        GAVE_UP = "gave_up"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user_id = models.CharField(max_length=USER_ID_MAX_LENGTH)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    body = models.TextField()
    state = models.CharField(max_length=9, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    lease_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True, default="")
    created_at = models.DateTimeField()
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            # The worker's recovery sweep: pending deliveries that are due.
            models.Index(fields=["state", "next_attempt_at"], name="webhook_state_next_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.id} ({self.state})"
