"""The worker's recovery sweep: work whose job was lost is done here.

A job is lost when the worker running it dies mid-run (SIGKILL, a machine gone): the job engine
leaves it claimed forever. The state the job would have changed is still in its own rows — a
pending reminder past its time, a webhook delivery owed with no live lease — so every worker
sweeps for such rows at start and every `WORKER_SWEEP_INTERVAL_S`, and does the work itself.
Firing and delivering are safe to repeat (`tasks.reminders.fire`, `tasks.webhooks.deliver`), so
two workers sweeping together, or a sweep overtaking a slow job, fire nothing twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from . import reminders, webhooks

logger = logging.getLogger("todochat.worker")

# Rows taken per sweep: a long backlog is the job queue's, the sweep only mops up.
SWEEP_LIMIT = 200


@dataclass(frozen=True)
class Swept:
    fired: int
    delivered: int


def sweep(*, grace_s: float | None = None) -> Swept:
    """Fire reminders and send deliveries that are more than `grace_s` late
    (`WORKER_SWEEP_GRACE_S`) with nobody on them."""
    grace_s = settings.WORKER_SWEEP_GRACE_S if grace_s is None else grace_s
    now = timezone.now()
    fired = sum(
        reminders.fire(reminder_id=reminder_id, version=version) == "fired"
        for reminder_id, version in reminders.overdue(now=now, grace_s=grace_s, limit=SWEEP_LIMIT)
    )
    delivered = sum(
        webhooks.deliver(delivery_id) == "delivered"
        for delivery_id in webhooks.due_ids(now=now, grace_s=grace_s, limit=SWEEP_LIMIT)
    )
    if fired or delivered:
        # Lost jobs, or a backlog longer than the grace: either way worth knowing.
        logger.warning(
            "sweep: %d overdue reminders fired, %d overdue webhook deliveries sent",
            fired,
            delivered,
        )
    return Swept(fired=fired, delivered=delivered)
