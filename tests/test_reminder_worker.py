"""Reminders fired by real worker processes (`manage.py runworker`), never in-process.

The test arms reminders through the services on a database it shares with the workers, and
watches what the user and a webhook receiver get: each reminder once, signed, on time enough,
and still once when a worker dies mid-delivery, is down for a while, or has a sibling.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connections, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tasks import reminders, services
from tasks.models import Notification, Reminder, Task, WebhookDelivery
from tests.support.processes import manage
from tests.support.tcp_proxy import TcpProxy
from tests.support.worker import (
    WEBHOOK_SECRET,
    WebhookReceiver,
    WorkerProcess,
    shared_database,
    wait_for,
    worker_env,
)

ON_POSTGRES = connections["default"].settings_dict["ENGINE"].endswith("postgresql")
UTC = ZoneInfo("UTC")
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database(request, tmp_path):
    with shared_database(request, tmp_path) as url:
        yield url


def add_with_reminder(user_id: str, title: str, *, seconds_ahead: float, **fields) -> Task:
    """A task added as add_task adds it, whose reminder is due `seconds_ahead` from now."""
    at = timezone.now() + timedelta(seconds=seconds_ahead)
    return services.task_create(user_id=user_id, title=title, reminder=at.isoformat(), **fields)


def notifications(user_id: str | None = None) -> list[Notification]:
    rows = Notification.objects.all()
    return list(rows.filter(user_id=user_id) if user_id else rows)


def delivered(kind: str) -> list[WebhookDelivery]:
    return list(WebhookDelivery.objects.filter(kind=kind, state=WebhookDelivery.State.DELIVERED))


def delivered_count(kind: str) -> int:
    return WebhookDelivery.objects.filter(kind=kind, state=WebhookDelivery.State.DELIVERED).count()


def test_a_reminder_two_seconds_ahead_fires_once_on_the_page_and_the_signed_webhook(
    database, tmp_path
):
    with (
        WebhookReceiver() as receiver,
        WorkerProcess(
            worker_env(database, REMINDER_WEBHOOK_URL=receiver.url), tmp_path / "worker.log"
        ) as worker,
    ):
        task = add_with_reminder("alice", "Call the dentist", seconds_ahead=2)
        armed_at = Reminder.objects.get(task=task).fire_at

        wait_for(lambda: notifications("alice"), what=f"the notification\n{worker.log()}")
        posts = wait_for(lambda: receiver.of_type("reminder"), what="the reminder webhook")
        wait_for(lambda: receiver.of_type("task_event"), what="the reminder_fired event")

    (notification,) = notifications("alice")
    assert (notification.task_number, notification.title) == (task.number, "Call the dentist")
    assert notification.reminder_at == armed_at
    assert notification.created_at >= armed_at  # never early
    (post,) = posts
    body = post.json()
    assert body["delivery_id"] == str(notification.delivery_id)
    assert body["user_id"] == "alice"
    assert body["task"] == {"id": task.number, "title": "Call the dentist", "due": None}
    assert body["reminder_at"] == armed_at.isoformat(timespec="seconds")
    # The receiver's check: HMAC-SHA256 over "<t>.<raw body>" with the shared secret.
    t, v1 = (part.split("=", 1)[1] for part in post.headers["Todochat-Signature"].split(","))
    expected = hmac.new(WEBHOOK_SECRET.encode(), f"{t}.".encode() + post.body, hashlib.sha256)
    assert hmac.compare_digest(v1, expected.hexdigest())
    assert abs(time.time() - int(t)) < 300
    (event,) = receiver.of_type("task_event")
    assert event.json()["event"] == "reminder_fired"
    assert event.json()["task"]["id"] == task.number
    assert Reminder.objects.get(task=task).state == Reminder.State.FIRED


def test_completed_deleted_and_moved_tasks_do_not_fire_their_old_reminders(database, tmp_path):
    with WorkerProcess(worker_env(database), tmp_path / "worker.log") as worker:
        due = (timezone.now() + timedelta(seconds=3)).isoformat()
        fields = {"due": due, "reminder": "when it's due"}
        completed = services.task_create(user_id="alice", title="Completed", **fields)
        deleted = services.task_create(user_id="alice", title="Deleted", **fields)
        moved = services.task_create(user_id="alice", title="Moved", **fields)
        services.task_create(user_id="alice", title="Kept", **fields)
        services.task_complete(user_id="alice", task_id=completed.number)
        services.task_delete(user_id="alice", task_id=deleted.number)
        later = (timezone.now() + timedelta(hours=1)).isoformat()
        services.task_update(user_id="alice", task_id=moved.number, due=later)

        wait_for(lambda: notifications("alice"), what=f"the kept reminder\n{worker.log()}")
        # Every job due by now has run (fired, or found nothing to do).
        wait_for(
            lambda: (
                not DBTaskResult.objects.filter(
                    status__in=["READY", "RUNNING"], run_after__lte=timezone.now()
                ).exists()
            ),
            what="the jobs due so far",
        )

    assert [n.title for n in notifications("alice")] == ["Kept"]
    assert reminders.reminder_at(moved) == Reminder.objects.get(task=moved).fire_at
    assert Reminder.objects.get(task=moved).state == Reminder.State.PENDING


def test_a_worker_that_was_down_fires_what_it_missed_when_it_starts_once(database, tmp_path):
    task = add_with_reminder("alice", "Water the plants", seconds_ahead=0.5)
    missed = Reminder.objects.get(task=task).fire_at + timedelta(seconds=1)
    wait_for(lambda: timezone.now() > missed)

    with WorkerProcess(worker_env(database), tmp_path / "worker.log") as worker:
        wait_for(lambda: notifications("alice"), what=f"the missed reminder\n{worker.log()}")
        # A second sweep has run by now: still one.
        time.sleep(1)

    assert len(notifications("alice")) == 1


def test_a_worker_killed_mid_delivery_delivers_after_restart_and_fires_nothing_twice(
    database, tmp_path
):
    import threading

    hold = threading.Event()
    with WebhookReceiver(hold=hold) as receiver:
        env = worker_env(
            database,
            REMINDER_WEBHOOK_URL=receiver.url,
            REMINDER_WEBHOOK_TIMEOUT_S="1",
            TASK_EVENTS_WEBHOOK="false",
        )
        worker = WorkerProcess(env, tmp_path / "worker.log")
        with worker:
            add_with_reminder("alice", "Pay rent", seconds_ahead=1)
            wait_for(lambda: receiver.received, what=f"the first attempt\n{worker.log()}")
            # The receiver has the request; the worker dies before it hears back.
            worker.kill()
        receiver.hold = None
        hold.set()

        with WorkerProcess(env, tmp_path / "worker-2.log") as restarted:
            wait_for(lambda: delivered("reminder"), what=f"the delivery\n{restarted.log()}")

    (notification,) = notifications("alice")
    ids = {post.json()["delivery_id"] for post in receiver.received}
    assert ids == {str(notification.delivery_id)}  # one delivery, sent again after the kill
    assert len(receiver.received) == 2


def test_a_receiver_down_for_a_while_gets_the_reminder_once_it_is_back(database, tmp_path):
    receiver = WebhookReceiver()  # not listening yet: connections are refused
    env = worker_env(
        database,
        REMINDER_WEBHOOK_URL=receiver.url,
        REMINDER_WEBHOOK_RETRY_BASE_S="0.2",
        REMINDER_WEBHOOK_RETRY_MAX_S="0.5",
        TASK_EVENTS_WEBHOOK="false",
    )
    with WorkerProcess(env, tmp_path / "worker.log") as worker:
        add_with_reminder("alice", "Renew passport", seconds_ahead=0.5)
        wait_for(
            lambda: WebhookDelivery.objects.filter(attempts__gte=3).exists(),
            what=f"failed attempts\n{worker.log()}",
        )
        with receiver:
            wait_for(lambda: delivered("reminder"), what=f"the delivery\n{worker.log()}")

    (delivery,) = delivered("reminder")
    assert delivery.attempts >= 4
    assert [post.json()["delivery_id"] for post in receiver.received] == [str(delivery.id)]


@pytest.mark.skipif(not ON_POSTGRES, reason="several workers share a queue on PostgreSQL")
def test_two_workers_deliver_200_reminders_due_the_same_second_exactly_once(database, tmp_path):
    with WebhookReceiver() as receiver:
        env = worker_env(database, REMINDER_WEBHOOK_URL=receiver.url, TASK_EVENTS_WEBHOOK="false")
        with (
            WorkerProcess({**env}, tmp_path / "worker-1.log") as one,
            WorkerProcess({**env}, tmp_path / "worker-2.log") as two,
        ):
            tasks = [
                services.task_create(user_id=f"user-{n % 20}", title=f"Task {n}")
                for n in range(200)
            ]
            # One second for them all, far enough ahead to arm the 200 first.
            at = (timezone.now() + timedelta(seconds=5)).replace(microsecond=0)
            with transaction.atomic():
                for task in tasks:
                    reminders.reminder_set(task=task, text=at.isoformat(), zone=UTC)
            wait_for(
                lambda: delivered_count("reminder") == 200,
                what=f"200 deliveries\n{one.log()}\n{two.log()}",
            )

    assert Notification.objects.count() == 200
    ids = [post.json()["delivery_id"] for post in receiver.received]
    assert len(ids) == len(set(ids)) == 200
    runs = DBTaskResult.objects.values_list("worker_ids", flat=True)
    workers = {worker for worker_ids in runs for worker in worker_ids}
    assert len(workers) == 2  # both took their share


@pytest.mark.skipif(not ON_POSTGRES, reason="the database is unplugged through a TCP proxy")
def test_a_worker_outlives_a_database_outage_and_fires_what_came_due_meanwhile(database, tmp_path):
    db = connections["default"].settings_dict
    with TcpProxy(db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)) as proxy:
        through_proxy = database.replace(f":{db['PORT'] or 5432}/", f":{proxy.port}/").replace(
            f"@{db['HOST'] or '127.0.0.1'}:", "@127.0.0.1:"
        )
        env = worker_env(through_proxy, WORKER_DATABASE_RETRY_S="0.2", DB_POOL_TIMEOUT_S="1")
        with WorkerProcess(env, tmp_path / "worker.log") as worker:
            proxy.unplug()
            add_with_reminder("alice", "Stretch", seconds_ahead=1)
            wait_for(lambda: "database unavailable" in worker.log(), what=worker.log())
            proxy.plug_in()

            wait_for(lambda: notifications("alice"), what=f"the reminder\n{worker.log()}")
            assert worker.process is not None and worker.process.poll() is None

    assert len(notifications("alice")) == 1


@pytest.mark.parametrize("value", ["9am", "25:00"])
def test_an_all_day_reminder_time_that_does_not_parse_stops_the_worker_in_one_line(value, tmp_path):
    # It started, and then every reminder of an all-day task failed with a traceback.
    env = worker_env(f"sqlite:///{tmp_path / 'db.sqlite3'}", REMINDER_ALL_DAY_TIME=value)

    done = manage("runworker", env=env, timeout=60, check=False)

    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        "Configuration error: REMINDER_ALL_DAY_TIME must be a time of day such as 09:00 "
        f"(got '{value}')."
    ]
