"""`GET /api/{user_id}/tasks`, the task panel's read-only list: the user's own tasks only, the
history endpoints' auth, error shape and pages, and published in the OpenAPI schema."""

import pytest
from rest_framework.test import APIClient

from tasks.models import Task
from tasks.services import task_create
from tasks.tests.factories import TaskFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(api_as):
    return api_as("alice")


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [task["title"] for task in response.json()["results"]]


def test_lists_the_users_tasks_numbered_with_the_tools_fields(alice):
    TaskFactory(user_id="bob", title="Bob's first")
    task_create(
        user_id="alice",
        title="Send the report",
        description="Q3",
        due="2099-12-03T17:00:00+00:00",
        priority="high",
        tags=["Work", "q3"],
    )
    task_create(user_id="alice", title="Water plants", due="2099-12-04", recurrence="daily")

    response = alice.get("/api/alice/tasks?timezone=America/New_York")

    assert titles(response) == ["Send the report", "Water plants"]
    first, second = response.json()["results"]
    assert first["id"] == 1  # alice's own numbers, whatever bob has
    assert first["description"] == "Q3"
    assert first["completed"] is False and first["completed_at"] is None
    assert first["due"] == "2099-12-03T12:00:00-05:00"  # in the zone asked for
    assert first["priority"] == "high"
    assert first["tags"] == ["q3", "work"]
    assert second["id"] == 2
    assert second["due"] == "2099-12-04"
    assert second["recurrence"].startswith("FREQ=DAILY")
    assert set(first) == {
        "id",
        "title",
        "description",
        "completed",
        "completed_at",
        "due",
        "priority",
        "tags",
        "recurrence",
        "reminder_at",
        "created_at",
        "updated_at",
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tag=work", ["Send the report"]),
        ("tag=%23work", ["Send the report"]),  # "#work", as people write a tag
        ("priority=low", ["Buy milk"]),
        ("search=plants", ["Water plants"]),
        ("due=none", ["Buy milk"]),
        ("recurring=true", ["Water plants"]),
        ("recurring=false", ["Send the report", "Buy milk"]),
        ("sort=title", ["Buy milk", "Send the report", "Water plants"]),
        ("sort=due", ["Send the report", "Water plants", "Buy milk"]),
        ("sort=newest", ["Buy milk", "Send the report", "Water plants"]),
        ("created_since=today", ["Water plants", "Send the report", "Buy milk"]),
        ("completed_since=today", []),
    ],
)
def test_the_filters_and_sorts_of_list_tasks(alice, query, expected):
    task_create(user_id="alice", title="Water plants", due="2099-12-04", recurrence="daily")
    task_create(user_id="alice", title="Send the report", due="2099-12-03", tags=["work"])
    task_create(user_id="alice", title="Buy milk", priority="low")

    assert titles(alice.get(f"/api/alice/tasks?{query}")) == expected


@pytest.mark.parametrize(
    ("status", "expected"),
    [("all", ["Buy milk", "Call mom"]), ("pending", ["Buy milk"]), ("completed", ["Call mom"])],
)
def test_status_filter(alice, status, expected):
    TaskFactory(user_id="alice", title="Buy milk")
    TaskFactory(user_id="alice", title="Call mom", completed=True)

    assert titles(alice.get(f"/api/alice/tasks?status={status}")) == expected


def test_another_users_tasks_are_never_listed(alice, api_as):
    TaskFactory(user_id="bob", title="Bob's secret")
    TaskFactory(user_id="alice", title="Mine")

    assert titles(alice.get("/api/alice/tasks")) == ["Mine"]
    assert titles(api_as("bob").get("/api/bob/tasks")) == ["Bob's secret"]


@pytest.mark.parametrize(
    ("client", "path", "status", "code"),
    [
        ("anonymous", "/api/alice/tasks", 401, "not_authenticated"),
        ("alice", "/api/bob/tasks", 403, "forbidden"),
        ("alice", "/api/alice/tasks?status=done", 400, "invalid"),
        ("alice", "/api/alice/tasks?page=0", 400, "invalid"),
        ("alice", "/api/alice/tasks?page=9", 404, "not_found"),
        # Past any list there can be: the same 404 (it was the MCP tool's cursor error).
        ("alice", "/api/alice/tasks?page=9223372036854775808", 404, "not_found"),
        ("alice", "/api/alice/tasks?page=99999999999999999999999", 404, "not_found"),
        ("alice", "/api/alice/tasks?priority=urgentest", 400, "invalid"),
        ("alice", "/api/alice/tasks?timezone=Mars/Olympus", 400, "invalid"),
        ("alice", "/api/alice/tasks?sort=colour", 400, "invalid"),
        ("alice", "/api/alice/tasks?recurring=sometimes", 400, "invalid"),
        ("alice", "/api/alice/tasks?due_before=9999-12-31", 400, "invalid"),
        (
            "alice",
            "/api/alice/tasks?due_after=9999-12-31T23:59&timezone=Etc/GMT%2B12",
            400,
            "invalid",
        ),
    ],
)
def test_errors_have_the_api_shape(api_as, client, path, status, code):
    caller = APIClient() if client == "anonymous" else api_as(client)

    response = caller.get(path)

    assert response.status_code == status
    assert response.json()["error"]["code"] == code


def test_a_recurring_value_list_tasks_refuses_is_refused_in_its_words(alice):
    response = alice.get("/api/alice/tasks?recurring=sometimes")

    assert response.status_code == 400
    assert response.json()["error"]["message"] == (
        "The recurring value must be true or false (got 'sometimes')."
    )


def test_pages(alice):
    TaskFactory.create_batch(5, user_id="alice")

    first = alice.get("/api/alice/tasks?page_size=2").json()
    last = alice.get("/api/alice/tasks?page_size=2&page=3").json()

    assert first["count"] == 5
    assert len(first["results"]) == 2
    assert first["next"].endswith("/api/alice/tasks?page=2&page_size=2")
    assert len(last["results"]) == 1
    assert last["next"] is None


def test_tasks_cannot_be_changed_here(alice):
    TaskFactory(user_id="alice", title="Buy milk")

    for method in ("post", "put", "patch", "delete"):
        response = getattr(alice, method)("/api/alice/tasks", {"title": "x"}, format="json")
        assert response.status_code == 405
        assert response.json()["error"]["code"] == "method_not_allowed"
    assert list(Task.objects.values_list("title", flat=True)) == ["Buy milk"]


def test_published_in_the_openapi_schema(alice):
    schema = APIClient().get("/api/schema/", HTTP_ACCEPT="application/json").json()

    operation = schema["paths"]["/api/{user_id}/tasks"]["get"]
    assert operation["operationId"] == "tasks_list"
    assert {p["name"] for p in operation["parameters"]} >= {
        "user_id",
        "status",
        "search",
        "tag",
        "priority",
        "due",
        "recurring",
        "sort",
        "timezone",
        "page",
    }
    assert "/api/dev/token" not in schema["paths"]


def test_the_schema_says_due_bounds_leave_their_own_day_out_as_list_tasks_does(alice):
    # It said "on or before" / "on or after": a task due on that very day was not listed.
    task_create(user_id="alice", title="Send the report", due="2099-12-03")
    schema = APIClient().get("/api/schema/", HTTP_ACCEPT="application/json").json()
    operation = schema["paths"]["/api/{user_id}/tasks"]["get"]
    parameters = {p["name"]: p.get("description", "") for p in operation["parameters"]}

    assert titles(alice.get("/api/alice/tasks?due_before=2099-12-03")) == []
    assert titles(alice.get("/api/alice/tasks?due_after=2099-12-03")) == []
    assert parameters["due_before"].startswith("Due before, not on")
    assert parameters["due_after"].startswith("Due after, not on")


def test_the_schema_says_pages_and_page_sizes_start_at_1():
    # A page or page size of 0 is a 400, but the schema allowed any integer.
    schema = APIClient().get("/api/schema/", HTTP_ACCEPT="application/json").json()

    for path in (
        "/api/{user_id}/tasks",
        "/api/{user_id}/conversations",
        "/api/{user_id}/conversations/{conversation_id}/messages",
    ):
        parameters = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
        for name in ("page", "page_size"):
            assert parameters[name]["schema"] == {"type": "integer", "minimum": 1}, (path, name)


def test_the_schema_lists_the_errors_any_operation_can_answer():
    # 406, and for a body 408, 413 and 415, were answered but documented on no operation.
    schema = APIClient().get("/api/schema/", HTTP_ACCEPT="application/json").json()

    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            expected = {"406"} | ({"400", "408", "413", "415"} if method == "post" else set())
            assert expected <= set(operation["responses"]), (method, path)
            error = operation["responses"]["406"]["content"]["application/json"]["schema"]
            assert error == {"$ref": "#/components/schemas/Error"}


def test_the_timezone_is_read_without_surrounding_spaces_as_the_chat_request_reads_it(alice):
    task_create(user_id="alice", title="Send the report", due="2099-12-03T17:00:00+00:00")

    response = alice.get("/api/alice/tasks", {"timezone": " America/New_York "})

    assert titles(response) == ["Send the report"]
    assert response.json()["results"][0]["due"] == "2099-12-03T12:00:00-05:00"
