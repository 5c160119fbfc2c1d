"""Upgrading keeps existing tasks and numbers them per user, in creation order."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("tasks", "0001_initial")]
AFTER = [("tasks", "0004_task_number_required")]


def test_existing_tasks_get_numbers_in_creation_order_and_counters_continue():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("tasks", "Task")
    # Created out of id order on purpose: numbers follow creation time.
    rows = [
        ("alice", "Second", 2),
        ("bob", "Bob's", 1),
        ("alice", "First", 1),
        ("alice", "Third", 3),
    ]
    for user_id, title, day in rows:
        task = old.objects.create(user_id=user_id, title=title)
        old.objects.filter(id=task.id).update(created_at=datetime(2026, 1, day, tzinfo=UTC))

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new_apps = executor.loader.project_state(AFTER).apps
    Task = new_apps.get_model("tasks", "Task")
    TaskOwner = new_apps.get_model("tasks", "TaskOwner")

    numbered = list(
        Task.objects.order_by("user_id", "number").values_list("user_id", "number", "title")
    )
    assert numbered == [
        ("alice", 1, "First"),
        ("alice", 2, "Second"),
        ("alice", 3, "Third"),
        ("bob", 1, "Bob's"),
    ]
    assert dict(TaskOwner.objects.values_list("user_id", "last_number")) == {"alice": 3, "bob": 1}

    # Leave the database as the other tests expect it.
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_stored_timezones_that_name_no_zone_are_forgotten_the_rest_kept():
    before = [("tasks", "0005_task_events_reminders")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("tasks", "TaskOwner")
    stored = {
        "alice": "localtime",
        "bob": "posix/Europe/Paris",
        "carol": "Europe/Paris",
        "dan": "",
        "erin": "Factory",
    }
    for user_id, zone in stored.items():
        old.objects.create(user_id=user_id, timezone=zone)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    TaskOwner = executor.loader.project_state(executor.loader.graph.leaf_nodes()).apps.get_model(
        "tasks", "TaskOwner"
    )

    assert dict(TaskOwner.objects.values_list("user_id", "timezone")) == {
        "alice": "",
        "bob": "",
        "carol": "Europe/Paris",
        "dan": "",
        "erin": "",
    }
