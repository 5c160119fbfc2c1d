"""Finished work is deleted after `WORKER_KEEP_FINISHED_DAYS`: job rows that ran and webhook
deliveries that ended, never anything still to do — by `tasks.retention.prune`, which a
running worker's sweep thread calls."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tasks import retention, services
from tasks.management.commands import runworker
from tasks.models import Task, WebhookDelivery

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
OLD = NOW - timedelta(days=15)
RECENT = NOW - timedelta(days=13)
FAR = datetime(2030, 12, 20, 9, 0, tzinfo=UTC)


def _task_with_reminder(title: str) -> Task:
    return services.task_add(
        user_id="alice", title=title, tz=PARIS, at=NOW, reminder=FAR.isoformat()
    ).task


def _job(title: str, *, status: str, finished_at: datetime | None) -> int:
    """A real job row (the one arming a reminder), set to `status`."""
    before = set(DBTaskResult.objects.values_list("pk", flat=True))
    _task_with_reminder(title)
    (job,) = DBTaskResult.objects.exclude(pk__in=before)
    DBTaskResult.objects.filter(pk=job.pk).update(status=status, finished_at=finished_at)
    return job.pk


def _delivery(state: str, *, at: datetime) -> str:
    delivery = WebhookDelivery.objects.create(
        user_id="alice",
        kind=WebhookDelivery.Kind.REMINDER,
        body="{}",
        state=state,
        # A pending delivery is owed however old it is: its next attempt is still to come.
        next_attempt_at=FAR if state == WebhookDelivery.State.PENDING else at,
        created_at=at - timedelta(days=1),
        delivered_at=at if state == WebhookDelivery.State.DELIVERED else None,
    )
    return str(delivery.pk)


@pytest.fixture
def rows() -> dict[str, object]:
    return {
        "old succeeded": _job("a", status=TaskResultStatus.SUCCESSFUL, finished_at=OLD),
        "old failed": _job("b", status=TaskResultStatus.FAILED, finished_at=OLD),
        "recent succeeded": _job("c", status=TaskResultStatus.SUCCESSFUL, finished_at=RECENT),
        "waiting": _job("d", status=TaskResultStatus.READY, finished_at=None),
        "running": _job("e", status=TaskResultStatus.RUNNING, finished_at=None),
        "old delivered": _delivery(WebhookDelivery.State.DELIVERED, at=OLD),
        "old given up": _delivery(WebhookDelivery.State.GAVE_UP, at=OLD),
        "recent delivered": _delivery(WebhookDelivery.State.DELIVERED, at=RECENT),
        "old pending": _delivery(WebhookDelivery.State.PENDING, at=OLD),
    }


def _left(rows: dict[str, object]) -> set[str]:
    jobs = {str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)}
    deliveries = {str(pk) for pk in WebhookDelivery.objects.values_list("pk", flat=True)}
    return {name for name, pk in rows.items() if str(pk) in jobs | deliveries}


@pytest.mark.django_db
def test_finished_work_older_than_the_setting_is_deleted_and_nothing_still_to_do(rows, settings):
    settings.WORKER_KEEP_FINISHED_DAYS = 14

    pruned = retention.prune(now=NOW)

    assert pruned == retention.Pruned(jobs=2, deliveries=2)
    assert _left(rows) == {
        "recent succeeded",
        "waiting",
        "running",
        "recent delivered",
        "old pending",
    }
    # The users' own rows stay.
    assert Task.objects.filter(user_id="alice").count() == 5


@pytest.mark.django_db
def test_a_backlog_larger_than_a_batch_is_deleted_whole(rows, monkeypatch):
    monkeypatch.setattr(retention, "PRUNE_BATCH", 1)

    assert retention.prune(now=NOW, keep_days=14) == retention.Pruned(jobs=2, deliveries=2)


@pytest.mark.django_db
def test_zero_days_keeps_everything(rows, settings):
    settings.WORKER_KEEP_FINISHED_DAYS = 0

    assert retention.prune(now=NOW) == retention.Pruned(jobs=0, deliveries=0)
    assert _left(rows) == set(rows)


@pytest.mark.django_db(transaction=True)
def test_a_running_workers_sweep_thread_prunes(rows, settings, monkeypatch):
    settings.WORKER_KEEP_FINISHED_DAYS = (datetime.now(UTC) - OLD).days - 1
    pruned = threading.Event()

    def prune_and_tell() -> retention.Pruned:
        done = retention.prune()
        pruned.set()
        return done

    # The test waits for the sweep thread's prune instead of reading the tables meanwhile: on
    # SQLite's shared in-memory test database a read beside the thread's delete fails at once
    # ("database table is locked") instead of waiting.
    monkeypatch.setattr(runworker, "prune", prune_and_tell)
    stop = threading.Event()
    sweeper = threading.Thread(target=runworker._sweep_forever, args=(0.05, stop), daemon=True)
    sweeper.start()
    try:
        assert pruned.wait(timeout=30), "the sweep thread never pruned"
    finally:
        stop.set()
        sweeper.join(timeout=10)

    assert _left(rows) == {
        "recent succeeded",
        "waiting",
        "running",
        "recent delivered",
        "old pending",
    }


@pytest.mark.parametrize(
    "flags",
    [
        ("--interval", "-1"),
        ("--interval", "0"),
        ("--interval", "nan"),
        ("--interval", "inf"),
        ("--sweep-interval", "-5"),
    ],
)
def test_runworker_refuses_an_interval_that_is_no_wait_with_a_clear_error(flags):
    with pytest.raises(CommandError, match="must be a number of seconds above 0"):
        call_command("runworker", *flags)
