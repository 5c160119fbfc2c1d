"""Reads of tasks, always scoped to one user at the query."""

from typing import Literal

from django.db.models import QuerySet

from todochat.errors import ApplicationError, NotFoundError

from .models import USER_ID_MAX_LENGTH, Task

TaskStatus = Literal["all", "pending", "completed"]
TASK_STATUSES: tuple[TaskStatus, ...] = ("all", "pending", "completed")


def reject_nul(value: str, field: str) -> str:
    """Refuse NUL characters (PostgreSQL cannot store them; nothing legitimate contains one)."""
    if "\x00" in value:
        raise ApplicationError(
            f"{field} must not contain NUL characters.", fields={field: ["NUL character."]}
        )
    return value


def clean_user_id(user_id: str) -> str:
    """A usable user id: a non-empty string of at most 255 characters, no NUL."""
    if not isinstance(user_id, str) or not user_id.strip():
        raise ApplicationError("user_id must not be empty.", fields={"user_id": ["Required."]})
    if len(user_id) > USER_ID_MAX_LENGTH:
        raise ApplicationError(
            f"user_id must be at most {USER_ID_MAX_LENGTH} characters.",
            fields={"user_id": ["Too long."]},
        )
    return reject_nul(user_id, "user_id")


def task_list(*, user_id: str, status: TaskStatus = "all") -> QuerySet[Task]:
    """The user's tasks in creation order, optionally only the pending or completed ones."""
    if status not in TASK_STATUSES:
        raise ApplicationError(
            f"Unknown status {status!r}: use one of {', '.join(TASK_STATUSES)}.",
            fields={"status": ["Must be all, pending or completed."]},
        )
    tasks = Task.objects.filter(user_id=clean_user_id(user_id))
    if status == "pending":
        tasks = tasks.filter(completed=False)
    elif status == "completed":
        tasks = tasks.filter(completed=True)
    return tasks.order_by("id")


def task_get(*, user_id: str, task_id: int) -> Task:
    """The user's task `task_id`; another user's task is reported exactly like a missing one."""
    task = Task.objects.filter(user_id=clean_user_id(user_id), id=task_id).first()
    if task is None:
        raise NotFoundError(f"Task {task_id} not found")
    return task
