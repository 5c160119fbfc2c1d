"""The background jobs, run by `manage.py runworker` through the django-tasks database backend.

They are enqueued in the transaction that makes them necessary (the database backend writes a
row there), so a job exists exactly when its cause was committed. Each is safe to run more than
once: it re-reads its state under the database's protection and does nothing when there is
nothing left to do.
"""

from __future__ import annotations

from django_tasks import task

# Firing goes ahead of webhook deliveries when both are due.
FIRE_PRIORITY = 10


@task(priority=FIRE_PRIORITY)
def fire_reminder(reminder_id: int, version: int) -> str:
    """Fire reminder `reminder_id` if it is still pending at `version`."""
    from .reminders import fire

    return fire(reminder_id=reminder_id, version=version)


@task()
def deliver_webhook(delivery_id: str) -> str:
    """One attempt at webhook delivery `delivery_id`."""
    from .webhooks import deliver

    return deliver(delivery_id)
