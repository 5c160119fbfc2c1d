"""The task services: what a user's writes do to their list, and how bad writes are refused."""

import pytest

from tasks import services
from tasks.models import Task
from todochat.errors import ApplicationError, NotFoundError

from .factories import TaskFactory

pytestmark = pytest.mark.django_db

HUGE_ID = 2**70  # beyond a 64-bit id column on every database


def _fresh(task: Task) -> Task:
    return Task.objects.get(pk=task.pk)


# --- task_create ---------------------------------------------------------------------------------


def test_create_stores_a_pending_task_for_the_user():
    task = services.task_create(user_id="alice", title="Buy milk", description="2 litres")

    stored = _fresh(task)
    assert (stored.user_id, stored.title, stored.description) == ("alice", "Buy milk", "2 litres")
    assert stored.completed is False


def test_create_strips_the_title():
    task = services.task_create(user_id="alice", title="  Buy milk \n")

    assert _fresh(task).title == "Buy milk"


def test_create_without_description_stores_an_empty_one():
    task = services.task_create(user_id="alice", title="Buy milk")

    assert _fresh(task).description == ""


@pytest.mark.parametrize("title", ["", "   ", "\n\t"])
def test_create_refuses_an_empty_title(title):
    with pytest.raises(ApplicationError) as exc_info:
        services.task_create(user_id="alice", title=title)

    assert exc_info.value.message == "The title must not be empty."
    assert "title" in exc_info.value.fields
    assert not Task.objects.exists()


def test_create_accepts_a_title_of_200_characters():
    task = services.task_create(user_id="alice", title="t" * 200)

    assert _fresh(task).title == "t" * 200


def test_create_refuses_a_title_of_201_characters():
    with pytest.raises(ApplicationError, match="is 201 characters; the limit is 200") as exc_info:
        services.task_create(user_id="alice", title="t" * 201)

    assert "title" in exc_info.value.fields
    assert not Task.objects.exists()


def test_create_accepts_a_description_of_2000_characters():
    task = services.task_create(user_id="alice", title="Read", description="d" * 2000)

    assert _fresh(task).description == "d" * 2000


def test_create_refuses_a_description_of_2001_characters():
    with pytest.raises(ApplicationError, match="is 2001 characters; the limit is 2000") as exc_info:
        services.task_create(user_id="alice", title="Read", description="d" * 2001)

    assert "description" in exc_info.value.fields
    assert not Task.objects.exists()


@pytest.mark.parametrize("user_id", ["", "   "])
def test_create_refuses_an_empty_user_id(user_id):
    with pytest.raises(ApplicationError, match="user_id must not be empty") as exc_info:
        services.task_create(user_id=user_id, title="Buy milk")

    assert "user_id" in exc_info.value.fields
    assert not Task.objects.exists()


def test_create_refuses_a_user_id_longer_than_255_characters():
    with pytest.raises(ApplicationError, match="at most 255 characters"):
        services.task_create(user_id="u" * 256, title="Buy milk")

    assert not Task.objects.exists()


@pytest.mark.parametrize("field", ["user_id", "title", "description"])
def test_create_refuses_nul_characters_on_every_database(field):
    arguments = {"user_id": "alice", "title": "Buy milk", "description": ""} | {field: "a\x00b"}

    with pytest.raises(ApplicationError):
        services.task_create(**arguments)


# --- task_complete -------------------------------------------------------------------------------


def test_complete_marks_the_task_completed():
    task = TaskFactory(user_id="alice")

    returned = services.task_complete(user_id="alice", task_id=task.number).task

    assert returned.id == task.id
    assert returned.completed is True
    assert _fresh(task).completed is True


def test_completing_a_completed_task_changes_nothing():
    task = TaskFactory(user_id="alice", completed=True)
    before = _fresh(task)

    returned = services.task_complete(user_id="alice", task_id=task.number).task

    after = _fresh(task)
    assert returned.completed is True
    assert after.completed is True
    assert after.updated_at == before.updated_at


# --- task_update ---------------------------------------------------------------------------------


def test_update_title_only_keeps_the_description():
    task = TaskFactory(user_id="alice", title="Old", description="Keep me")

    services.task_update(user_id="alice", task_id=task.number, title="  New  ")

    stored = _fresh(task)
    assert (stored.title, stored.description) == ("New", "Keep me")


def test_update_description_only_keeps_the_title():
    task = TaskFactory(user_id="alice", title="Keep me", description="Old")

    services.task_update(user_id="alice", task_id=task.number, description="New")

    stored = _fresh(task)
    assert (stored.title, stored.description) == ("Keep me", "New")


def test_update_can_clear_the_description():
    task = TaskFactory(user_id="alice", description="Old")

    services.task_update(user_id="alice", task_id=task.number, description="")

    assert _fresh(task).description == ""


def test_update_both_fields():
    task = TaskFactory(user_id="alice", title="Old", description="Old")

    returned = services.task_update(
        user_id="alice", task_id=task.number, title="New title", description="New description"
    )

    stored = _fresh(task)
    assert (returned.title, returned.description) == ("New title", "New description")
    assert (stored.title, stored.description) == ("New title", "New description")


def test_update_without_title_or_description_is_refused():
    task = TaskFactory(user_id="alice", title="Old")

    with pytest.raises(ApplicationError, match="Give at least one change"):
        services.task_update(user_id="alice", task_id=task.number)

    assert _fresh(task).title == "Old"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "The title must not be empty."),
        ({"title": "   "}, "The title must not be empty."),
        ({"title": "t" * 201}, "The title is 201 characters; the limit is 200."),
        ({"description": "d" * 2001}, "The description is 2001 characters; the limit is 2000."),
        ({"title": "", "description": "valid"}, "The title must not be empty."),
    ],
)
def test_update_with_invalid_values_changes_nothing(changes, message):
    task = TaskFactory(user_id="alice", title="Old", description="Old")

    with pytest.raises(ApplicationError) as exc_info:
        services.task_update(user_id="alice", task_id=task.number, **changes)

    assert exc_info.value.message == message
    stored = _fresh(task)
    assert (stored.title, stored.description) == ("Old", "Old")


# --- task_delete ---------------------------------------------------------------------------------


def test_delete_returns_the_task_with_its_id_and_removes_the_row():
    task = TaskFactory(user_id="alice", title="Old news")
    other = TaskFactory(user_id="alice")

    returned = services.task_delete(user_id="alice", task_id=task.number)

    assert (returned.id, returned.title) == (task.id, "Old news")
    assert not Task.objects.filter(pk=task.pk).exists()
    assert Task.objects.filter(pk=other.pk).exists()


def test_deleting_twice_reports_the_task_not_found():
    task = TaskFactory(user_id="alice")
    services.task_delete(user_id="alice", task_id=task.number)

    with pytest.raises(NotFoundError, match=f"^Task {task.number} not found\\.$"):
        services.task_delete(user_id="alice", task_id=task.number)


# --- another user's task, missing tasks ----------------------------------------------------------

CALLS = {
    "complete": lambda task_id: services.task_complete(user_id="mallory", task_id=task_id),
    "update": lambda task_id: services.task_update(user_id="mallory", task_id=task_id, title="X"),
    "delete": lambda task_id: services.task_delete(user_id="mallory", task_id=task_id),
}


@pytest.mark.parametrize("operation", CALLS)
def test_another_users_task_reads_exactly_like_a_missing_one(operation):
    victim = TaskFactory(user_id="alice", title="Private", description="Secret")

    with pytest.raises(NotFoundError) as foreign:
        CALLS[operation](victim.number)
    # The same id once nobody owns it.
    Task.objects.filter(pk=victim.pk).delete()
    with pytest.raises(NotFoundError) as missing:
        CALLS[operation](victim.number)

    assert foreign.value.message == missing.value.message == f"Task {victim.number} not found."
    assert foreign.value.code == missing.value.code == "not_found"


@pytest.mark.parametrize("operation", CALLS)
def test_another_user_cannot_change_the_owners_task(operation):
    victim = TaskFactory(user_id="alice", title="Private", description="Secret")
    before = _fresh(victim)

    with pytest.raises(NotFoundError):
        CALLS[operation](victim.number)

    after = _fresh(victim)
    assert (after.user_id, after.title, after.description, after.completed) == (
        "alice",
        "Private",
        "Secret",
        False,
    )
    assert after.updated_at == before.updated_at


def test_invalid_update_of_another_users_task_reads_like_an_invalid_update_of_ones_own():
    own = TaskFactory(user_id="mallory")
    foreign = TaskFactory(user_id="alice")

    with pytest.raises(ApplicationError) as on_own:
        services.task_update(user_id="mallory", task_id=own.number, title=" ")
    with pytest.raises(ApplicationError) as on_foreign:
        services.task_update(user_id="mallory", task_id=foreign.number, title=" ")

    assert type(on_own.value) is type(on_foreign.value) is ApplicationError
    assert on_own.value.message == on_foreign.value.message


@pytest.mark.parametrize("operation", CALLS)
@pytest.mark.parametrize("task_id", [0, -1, HUGE_ID])
def test_ids_that_cannot_exist_are_not_found(operation, task_id):
    TaskFactory(user_id="mallory")

    with pytest.raises(NotFoundError, match=f"^Task {task_id} not found\\.$"):
        CALLS[operation](task_id)
