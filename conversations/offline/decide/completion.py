"""Completing a repeating task twice: completing it again right after it moved on would
skip an occurrence, so that is asked first."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from .. import words
from ..intents import Intent
from .steps import Context

# How recent a repeating task's last completion makes completing it again a question.
_LATELY = timedelta(hours=12)


def _done_lately(task: dict[str, Any]) -> bool:
    """Whether `task` repeats and was completed (for an earlier occurrence) in the last hours."""
    value, now = task.get("completed_at"), words.NOW.get()
    if not task.get("recurrence") or not isinstance(value, str) or now is None:
        return False
    try:
        done = datetime.fromisoformat(value)
    except ValueError:
        return False
    return done.tzinfo is not None and now - done < _LATELY


def _completed_just_now(intent: Intent, ctx: Context) -> dict[str, Any] | None:
    """The repeating task a completion by number (or "it") names, when the turn before
    completed that very task and moved it on; else None."""
    if intent.kind != "complete" or intent.task_id is None or ctx.changed is None:
        return None
    tool, result = ctx.changed
    if tool != "complete_task" or result.get("task_id") != intent.task_id:
        return None
    if not result.get("next_due"):
        return None
    return {"id": intent.task_id, "title": result.get("title", ""), "due": result["next_due"]}
