"""Writes to tasks. Every service is scoped by `user_id` and validates before saving."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from todochat.errors import ApplicationError

from .models import DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH, Task
from .selectors import clean_user_id, reject_nul, task_get


def _clean_title(title: str) -> str:
    title = reject_nul(title, "title").strip()
    if not title:
        raise ApplicationError("Title must not be empty.", fields={"title": ["Required."]})
    if len(title) > TITLE_MAX_LENGTH:
        raise ApplicationError(
            f"Title must be at most {TITLE_MAX_LENGTH} characters (got {len(title)}).",
            fields={"title": [f"At most {TITLE_MAX_LENGTH} characters."]},
        )
    return title


def _clean_description(description: str) -> str:
    description = reject_nul(description, "description").strip()
    if len(description) > DESCRIPTION_MAX_LENGTH:
        raise ApplicationError(
            f"Description must be at most {DESCRIPTION_MAX_LENGTH} characters "
            f"(got {len(description)}).",
            fields={"description": [f"At most {DESCRIPTION_MAX_LENGTH} characters."]},
        )
    return description


def _save(task: Task) -> Task:
    try:
        task.full_clean()
    except ValidationError as exc:
        fields = exc.message_dict
        message = "; ".join(m for ms in fields.values() for m in ms)
        raise ApplicationError(message, fields=fields) from exc
    task.save()
    return task


def task_create(*, user_id: str, title: str, description: str = "") -> Task:
    """Add a pending task to the user's list."""
    task = Task(
        user_id=clean_user_id(user_id),
        title=_clean_title(title),
        description=_clean_description(description),
    )
    return _save(task)


@transaction.atomic
def task_complete(*, user_id: str, task_id: int) -> Task:
    """Mark the user's task as completed (completing a completed task changes nothing)."""
    task = task_get(user_id=user_id, task_id=task_id)
    if not task.completed:
        task.completed = True
        _save(task)
    return task


@transaction.atomic
def task_update(
    *, user_id: str, task_id: int, title: str | None = None, description: str | None = None
) -> Task:
    """Change the title and/or the description of the user's task."""
    if title is None and description is None:
        raise ApplicationError(
            "Give a new title or a new description (or both).",
            fields={"title": ["Title or description required."]},
        )
    # Validate the input before looking the task up, so bad input reads the same for everyone.
    clean_title = _clean_title(title) if title is not None else None
    clean_description = _clean_description(description) if description is not None else None
    task = task_get(user_id=user_id, task_id=task_id)
    if clean_title is not None:
        task.title = clean_title
    if clean_description is not None:
        task.description = clean_description
    return _save(task)


@transaction.atomic
def task_delete(*, user_id: str, task_id: int) -> Task:
    """Delete the user's task; returns it as it was (with its id) for confirmation."""
    task = task_get(user_id=user_id, task_id=task_id)
    deleted_id = task.id
    task.delete()
    task.id = deleted_id
    return task
