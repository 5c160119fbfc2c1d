"""Reads of tasks, always scoped to one user at the query."""

from typing import Literal

from django.db.models import QuerySet

from todochat.errors import ApplicationError, NotFoundError

from .models import Task

TaskStatus = Literal["all", "pending", "completed"]
TASK_STATUSES: tuple[TaskStatus, ...] = ("all", "pending", "completed")


def task_list(*, user_id: str, status: TaskStatus = "all") -> QuerySet[Task]:
    """The user's tasks in creation order, optionally only the pending or completed ones."""
    if status not in TASK_STATUSES:
        raise ApplicationError(
            f"Unknown status {status!r}: use one of {', '.join(TASK_STATUSES)}.",
            fields={"status": ["Must be all, pending or completed."]},
        )
    tasks = Task.objects.filter(user_id=user_id)
    if status == "pending":
        tasks = tasks.filter(completed=False)
    elif status == "completed":
        tasks = tasks.filter(completed=True)
    return tasks.order_by("id")


def task_get(*, user_id: str, task_id: int) -> Task:
    """The user's task `task_id`; another user's task is reported exactly like a missing one."""
    task = Task.objects.filter(user_id=user_id, id=task_id).first()
    if task is None:
        raise NotFoundError(f"Task {task_id} not found")
    return task
