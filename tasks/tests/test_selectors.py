"""The task selectors: what a user sees of their list, and only of theirs."""

import pytest

from tasks import selectors
from todochat.errors import ApplicationError, NotFoundError

from .factories import TaskFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice_tasks():
    """Alice's tasks in creation order, interleaved with Bob's."""
    first = TaskFactory(user_id="alice", title="first")
    TaskFactory(user_id="bob", title="bob pending")
    second = TaskFactory(user_id="alice", title="second", completed=True)
    TaskFactory(user_id="bob", title="bob done", completed=True)
    third = TaskFactory(user_id="alice", title="third")
    return [first, second, third]


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("all", ["first", "second", "third"]),
        ("pending", ["first", "third"]),
        ("completed", ["second"]),
    ],
)
def test_list_filters_by_status_in_creation_order(alice_tasks, status, expected):
    tasks = selectors.task_list(user_id="alice", status=status)

    assert [task.title for task in tasks] == expected
    assert {task.user_id for task in tasks} == {"alice"}


def test_list_defaults_to_all_tasks(alice_tasks):
    assert list(selectors.task_list(user_id="alice")) == alice_tasks


def test_list_for_a_user_without_tasks_is_empty(alice_tasks):
    assert list(selectors.task_list(user_id="carol")) == []


def test_list_order_is_creation_order_even_after_edits(alice_tasks):
    first = alice_tasks[0]
    first.title = "first, edited last"
    first.save()

    titles = [task.title for task in selectors.task_list(user_id="alice")]

    assert titles == ["first, edited last", "second", "third"]


@pytest.mark.parametrize("status", ["done", "ALL", "", "open"])
def test_list_refuses_an_unknown_status(status):
    with pytest.raises(ApplicationError) as exc_info:
        selectors.task_list(user_id="alice", status=status)

    assert exc_info.value.code == "invalid"
    assert "all, pending or completed" in exc_info.value.message
    assert "status" in exc_info.value.fields


def test_get_returns_the_users_task():
    task = TaskFactory(user_id="alice")

    assert selectors.task_get(user_id="alice", task_id=task.number) == task


def test_get_another_users_task_reads_exactly_like_a_missing_one():
    task = TaskFactory(user_id="alice")
    task_id = task.number

    with pytest.raises(NotFoundError) as foreign:
        selectors.task_get(user_id="bob", task_id=task_id)
    task.delete()
    with pytest.raises(NotFoundError) as missing:
        selectors.task_get(user_id="bob", task_id=task_id)

    assert foreign.value.message == missing.value.message == f"Task {task_id} not found."
    assert foreign.value.code == missing.value.code == "not_found"


@pytest.mark.parametrize("task_id", [0, -1, 2**63, 2**70])
def test_get_an_id_that_cannot_exist_is_not_found(task_id):
    TaskFactory(user_id="alice")

    with pytest.raises(NotFoundError, match=f"^Task {task_id} not found\\.$"):
        selectors.task_get(user_id="alice", task_id=task_id)
