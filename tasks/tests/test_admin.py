"""The task admin: staff can find any user's tasks."""

import pytest
from django.urls import reverse

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
