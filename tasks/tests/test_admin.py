"""The task admin: staff can find any user's tasks."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from tasks import schedule
from tasks.models import Tag, Task, TaskOwner

from .factories import TaskFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:tasks_task_changelist"


@pytest.fixture
def tasks():
    return [
        TaskFactory(user_id="alice", title="Alice pending"),
        TaskFactory(user_id="alice", title="Alice done", completed=True),
        TaskFactory(user_id="bob", title="Bob pending"),
    ]


def _titles_shown(response, candidates):
    return {title for title in candidates if title in response.content.decode()}


ALL_TITLES = {"Alice pending", "Alice done", "Bob pending"}


def test_changelist_lists_every_users_tasks(admin_client, tasks):
    response = admin_client.get(reverse(CHANGELIST))

    assert response.status_code == 200
    assert _titles_shown(response, ALL_TITLES) == ALL_TITLES


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"completed__exact": "1"}, {"Alice done"}),
        ({"completed__exact": "0"}, {"Alice pending", "Bob pending"}),
        ({"q": "bob"}, {"Bob pending"}),
        ({"q": "alice"}, {"Alice pending", "Alice done"}),
    ],
)
def test_changelist_filters_by_completed_and_searches_by_user(admin_client, tasks, query, expected):
    response = admin_client.get(reverse(CHANGELIST), query)

    assert response.status_code == 200
    assert _titles_shown(response, ALL_TITLES) == expected


@pytest.fixture
def featured():
    today = timezone.now().date()
    late = TaskFactory(user_id="alice", title="Late task", due_date=today - timedelta(days=1))
    TaskFactory(user_id="alice", title="Due-today task", due_date=today, priority="high")
    TaskFactory(user_id="bob", title="Undated task")
    Tag.objects.create(task=late, user_id="alice", name="work")


FEATURED = {"Late task", "Due-today task", "Undated task"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"priority__exact": "high"}, {"Due-today task"}),
        ({"tag": "work"}, {"Late task"}),
        ({"due": "overdue"}, {"Late task"}),
        ({"due": "today"}, {"Due-today task"}),
        ({"due": "none"}, {"Undated task"}),
    ],
)
def test_changelist_filters_by_priority_tag_and_due(admin_client, featured, query, expected):
    response = admin_client.get(reverse(CHANGELIST), query)

    assert response.status_code == 200
    assert _titles_shown(response, FEATURED) == expected


LOS_ANGELES = ZoneInfo("America/Los_Angeles")
KOLKATA = ZoneInfo("Asia/Kolkata")
# 10:00 on Wednesday 2 December in Los Angeles, 18:00 in UTC, 23:30 in Kolkata.
WEDNESDAY_18_UTC = datetime(2026, 12, 2, 18, 0, tzinfo=UTC)
# 21:00 on Wednesday 2 December in Los Angeles; already Thursday in UTC and Kolkata.
THURSDAY_05_UTC = datetime(2026, 12, 3, 5, 0, tzinfo=UTC)


def owned(user_id: str, zone: str | None, **fields):
    task = TaskFactory(user_id=user_id, title=f"{user_id} task", **fields)
    if zone is not None:
        TaskOwner.objects.filter(user_id=user_id).update(timezone=zone)
    return task


def shown_under(admin_client, due: str) -> set[str]:
    response = admin_client.get(reverse(CHANGELIST), {"due": due})
    assert response.status_code == 200
    titles = Task.objects.values_list("title", flat=True)
    return {title for title in titles if title in response.content.decode()}


@pytest.mark.parametrize(
    ("zone", "now", "due", "under"),
    [
        # 23:30 tonight in Los Angeles is Thursday in UTC: still today for its owner.
        (
            "America/Los_Angeles",
            WEDNESDAY_18_UTC,
            {"due_at": datetime(2026, 12, 2, 23, 30, tzinfo=LOS_ANGELES)},
            {"today"},
        ),
        # At 21:00 in Los Angeles, Wednesday is still today and Thursday tomorrow.
        ("America/Los_Angeles", THURSDAY_05_UTC, {"due_date": date(2026, 12, 2)}, {"today"}),
        ("America/Los_Angeles", THURSDAY_05_UTC, {"due_date": date(2026, 12, 3)}, set()),
        (
            "America/Los_Angeles",
            THURSDAY_05_UTC,
            {"due_at": datetime(2026, 12, 2, 9, 0, tzinfo=LOS_ANGELES)},
            {"today", "overdue"},
        ),
        # At 23:30 in Kolkata, Thursday 09:00 there is tomorrow, not today.
        (
            "Asia/Kolkata",
            WEDNESDAY_18_UTC,
            {"due_at": datetime(2026, 12, 3, 9, 0, tzinfo=KOLKATA)},
            set(),
        ),
        ("Asia/Kolkata", THURSDAY_05_UTC, {"due_date": date(2026, 12, 2)}, {"overdue"}),
        ("Asia/Kolkata", THURSDAY_05_UTC, {"due_date": date(2026, 12, 3)}, {"today"}),
        # No zone, or one no longer known: the default (UTC).
        (None, THURSDAY_05_UTC, {"due_date": date(2026, 12, 2)}, {"overdue"}),
        ("", WEDNESDAY_18_UTC, {"due_date": date(2026, 12, 2)}, {"today"}),
        ("Mars/Base", THURSDAY_05_UTC, {"due_date": date(2026, 12, 3)}, {"today"}),
    ],
)
def test_due_filters_read_days_in_the_owners_timezone(
    admin_client, monkeypatch, zone, now, due, under
):
    monkeypatch.setattr(schedule, "now", lambda: now)
    owned("lena", zone, **due)

    shown = {name for name in ("today", "overdue") if shown_under(admin_client, name)}

    assert shown == under


def test_due_filters_read_each_owners_tasks_in_their_own_zone_in_one_list(
    admin_client, monkeypatch
):
    monkeypatch.setattr(schedule, "now", lambda: THURSDAY_05_UTC)
    owned("lena", "America/Los_Angeles", due_date=date(2026, 12, 2))
    owned("ravi", "Asia/Kolkata", due_date=date(2026, 12, 2))
    owned("tom", "Europe/London", due_date=date(2026, 12, 3))
    owned("bob", None, due_date=date(2026, 12, 3))
    owned("kai", "America/Los_Angeles", due_date=date(2026, 12, 3))

    assert shown_under(admin_client, "today") == {"lena task", "tom task", "bob task"}
    assert shown_under(admin_client, "overdue") == {"ravi task"}
