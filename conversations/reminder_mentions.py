"""Telling the user, in the conversation, about reminders that fired since their last turn.

The mention is a short line put before the assistant's reply, whatever the model: the offline
model and an LLM alike. Each fired reminder is mentioned once (then marked), unless the user
already marked it seen on the page.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from tasks.models import Notification
from tasks.notifications import notification_take_unmentioned


def _when(notification: Notification) -> str:
    local = notification.reminder_at.astimezone(ZoneInfo(notification.timezone))
    return local.strftime("%Y-%m-%d %H:%M")


def take_mention(*, user_id: str) -> str:
    """The line about reminders that fired since the user last heard of them ("" if none);
    they count as mentioned from now on. Call inside the transaction that stores the turn."""
    fired = notification_take_unmentioned(user_id=user_id)
    if not fired:
        return ""
    items = "; ".join(f"“{item.title}” (task #{item.task_number}, {_when(item)})" for item in fired)
    noun = "A reminder" if len(fired) == 1 else "Reminders"
    return f"⏰ {noun} went off while you were away: {items}."


def with_mention(mention: str, reply: str) -> str:
    """The reply with the mention before it."""
    return f"{mention}\n\n{reply}" if mention else reply
