"""The tasks a user keeps on their todo list, their tags, and the little the list knows of its
user (the last task number given out, the last timezone they sent)."""

from django.core.validators import MaxLengthValidator
from django.db import models

from todochat import zones

TITLE_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 2000
USER_ID_MAX_LENGTH = 255
TAG_MAX_LENGTH = 30
TAGS_MAX = 10
RECURRENCE_MAX_LENGTH = 255
TIMEZONE_MAX_LENGTH: int = zones.NAME_MAX_LENGTH


class TaskOwner(models.Model):
    """One row per user who has ever had a task or sent a timezone.

    `last_number` is the last task number given out: numbers are taken by incrementing it under
    its row lock, so two concurrent adds never get the same one and a deleted task's number is
    never given out again. `timezone` is the IANA zone the user last sent with a chat request.
    """

    user_id = models.CharField(max_length=USER_ID_MAX_LENGTH, unique=True)
    last_number = models.PositiveBigIntegerField(default=0)
    timezone = models.CharField(max_length=TIMEZONE_MAX_LENGTH, blank=True, default="")

    def __str__(self) -> str:
        return self.user_id


class Task(models.Model):
    class Priority(models.TextChoices):
        NONE = "none"
        LOW = "low"
        MEDIUM = "medium"
        HIGH = "high"

    # The subject of the user's token; users live in the auth provider, not in this database.
    user_id = models.CharField(max_length=USER_ID_MAX_LENGTH)
    # What the user, the model and the tools call the task: 1, 2, 3… per user, never reused.
    number = models.PositiveBigIntegerField()
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    description = models.TextField(
        blank=True, default="", validators=[MaxLengthValidator(DESCRIPTION_MAX_LENGTH)]
    )
    completed = models.BooleanField(default=False)
    completed_at = models.DateTimeField(null=True, blank=True)
    # A task is due on a day (all-day: `due_date`, never shifted by timezones), at an instant
    # (`due_at`, UTC), or not at all; never both.
    due_date = models.DateField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    # One sortable instant for either kind (an all-day task sorts at the start of its day, UTC).
    due_key = models.DateTimeField(null=True, blank=True)
    # The local time of day `due_at` was set for: a repeating task keeps it on the day a change
    # of clocks skips it (02:30 stored as 03:30) and returns to it the day after.
    due_local_time = models.TimeField(null=True, blank=True)
    priority = models.CharField(max_length=6, choices=Priority.choices, default=Priority.NONE)
    # An RFC 5545 RRULE (no DTSTART: the series is anchored on the due date).
    recurrence = models.CharField(max_length=RECURRENCE_MAX_LENGTH, blank=True, default="")
    # Whether the rule's day was taken from the due date (a bare "monthly" due on the 15th is
    # stored as monthly on the 15th): it then follows the due date when that moves.
    recurrence_anchored = models.BooleanField(default=False)
    # The chat turn whose add_task created it: a repeated add in the same turn finds it.
    created_turn = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["user_id", "number"], name="task_user_number_uniq"),
            models.CheckConstraint(
                condition=models.Q(due_date__isnull=True) | models.Q(due_at__isnull=True),
                name="task_due_one_kind",
            ),
        ]
        indexes = [
            # Every query is scoped by user; listing also filters by completed state and due.
            models.Index(fields=["user_id", "completed"], name="task_user_completed_idx"),
            models.Index(fields=["user_id", "due_key"], name="task_user_due_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class Tag(models.Model):
    """A tag on a task: lower-case, 1..30 characters. `user_id` is copied from the task so a
    user's tag filter is one indexed lookup."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="tags")
    user_id = models.CharField(max_length=USER_ID_MAX_LENGTH)
    name = models.CharField(max_length=TAG_MAX_LENGTH)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["task", "name"], name="tag_task_name_uniq"),
        ]
        indexes = [models.Index(fields=["user_id", "name"], name="tag_user_name_idx")]

    def __str__(self) -> str:
        return self.name


from .reminder_models import Notification, Reminder, TaskEvent, WebhookDelivery  # noqa: E402, F401
