"""Telling the user, in the conversation, about reminders that fired since their last turn.

The mention is a short line put before the assistant's reply, whatever the model: the offline
model and an LLM alike. Each fired reminder is mentioned once (then marked), unless the user
already marked it seen on the page.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from tasks import schedule
from tasks.models import Notification, TaskOwner
from tasks.notifications import notification_take_unmentioned
from todochat.errors import ApplicationError


def _zone(user_id: str) -> ZoneInfo | None:
    """The zone the user's turn is in (the one they last sent), if they ever sent one."""
    stored = TaskOwner.objects.filter(user_id=user_id).values_list("timezone", flat=True).first()
    try:
        return schedule.zone(stored) if stored else None
    except ApplicationError:
        return None


def _when(notification: Notification, zone: ZoneInfo | None) -> str:
    # On the clock the user reads now; the reminder's own zone for one who never sent theirs.
    local = notification.reminder_at.astimezone(zone or ZoneInfo(notification.timezone))
    return local.strftime("%Y-%m-%d %H:%M")


def take_mention(*, user_id: str) -> str:
    """The line about reminders that fired since the user last heard of them ("" if none);
    they count as mentioned from now on. Call inside the transaction that stores the turn."""
    fired = notification_take_unmentioned(user_id=user_id)
    if not fired:
        return ""
    zone = _zone(user_id)
    items = "; ".join(
        f"“{item.title}” (task #{item.task_number}, {_when(item, zone)})" for item in fired
    )
    noun = "A reminder" if len(fired) == 1 else "Reminders"
    return f"⏰ {noun} went off while you were away: {items}."


def with_mention(mention: str, reply: str) -> str:
    """The reply with the mention before it."""
    return f"{mention}\n\n{reply}" if mention else reply
