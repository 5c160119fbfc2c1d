"""The task admin: staff can find any user's tasks."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tasks.models import Tag

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
