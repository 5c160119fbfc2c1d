"""What the worker keeps of finished work: job rows and webhook deliveries are deleted once they
have been finished for `WORKER_KEEP_FINISHED_DAYS` days, so the tables stay the size of recent
work instead of growing with every reminder ever fired.

Only rows nothing will read again are deleted: a job that succeeded or failed (never one that is
waiting or running), a delivery that was delivered or given up on (never one still owed).
Tasks, reminders, notifications and task events are the users' and are never pruned here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from .reminder_models import WebhookDelivery

logger = logging.getLogger("todochat.worker")

# Rows deleted per statement: a long backlog (a first prune of a big table) goes in short
# transactions, none holding its locks for long.
PRUNE_BATCH = 1000


@dataclass(frozen=True)
class Pruned:
    jobs: int
    deliveries: int


def _delete_in_batches(rows: QuerySet[Model], batch: int) -> int:
    deleted = 0
    while True:
        ids = list(rows.values_list("pk", flat=True)[:batch])
        if not ids:
            return deleted
        count, _ = rows.model._default_manager.filter(pk__in=ids).delete()
        deleted += count
        if len(ids) < batch:
            return deleted


def prune(*, now: datetime | None = None, keep_days: float | None = None) -> Pruned:
    """Delete job rows and webhook deliveries finished more than `keep_days` ago
    (`WORKER_KEEP_FINISHED_DAYS`; 0 keeps everything)."""
    keep_days = settings.WORKER_KEEP_FINISHED_DAYS if keep_days is None else keep_days
    if keep_days <= 0:
        return Pruned(jobs=0, deliveries=0)
    before = (now or timezone.now()) - timedelta(days=keep_days)
    jobs = _delete_in_batches(
        DBTaskResult.objects.finished().filter(finished_at__lt=before), PRUNE_BATCH
    )
    deliveries = _delete_in_batches(
        WebhookDelivery.objects.filter(
            Q(state=WebhookDelivery.State.DELIVERED, delivered_at__lt=before)
            | Q(state=WebhookDelivery.State.GAVE_UP, next_attempt_at__lt=before)
        ),
        PRUNE_BATCH,
    )
    if jobs or deliveries:
        logger.info(
            "pruned %d finished jobs and %d finished webhook deliveries older than %g days",
            jobs,
            deliveries,
            keep_days,
        )
    return Pruned(jobs=jobs, deliveries=deliveries)
