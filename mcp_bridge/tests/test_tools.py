"""The five MCP tools, through a real MCP client session with the in-process server.

The tools run the ORM in a worker thread, outside a test's transaction: hence `transaction=True`.
"""

import json
from datetime import datetime

import pytest
from django.db import InterfaceError, OperationalError, ProgrammingError
from mcp import Client

from mcp_bridge.adapter import model_facing_tool
from mcp_bridge.server import server

pytestmark = pytest.mark.django_db(transaction=True)

TOOLS = ["add_task", "complete_task", "delete_task", "list_tasks", "update_task"]
CHANGE_KEYS = {"task_id", "status", "title", "task"}
ITEM_KEYS = {
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
FIELDS = ["due", "priority", "tags", "recurrence", "reminder", "timezone"]
LIST_FILTERS = [
    "search",
    "tag",
    "priority",
    "due",
    "due_before",
    "due_after",
    "recurring",
    "created_since",
    "completed_since",
    "sort",
    "limit",
]
HUGE_ID = 2**70


async def ok(client, name, **arguments):
    """Call a tool that must succeed; its structured result, checked against its JSON text."""
    result = await client.call_tool(name, arguments)
    assert result.is_error is False, result.content
    assert json.loads(result.content[0].text) == result.structured_content
    return result.structured_content


async def error_text(client, name, arguments):
    """Call a tool that must fail as a tool error; its message."""
    result = await client.call_tool(name, arguments)
    assert result.is_error is True
    return result.content[0].text


async def assert_still_serving(client, user_id="alice"):
    listed = await ok(client, "list_tasks", user_id=user_id)
    assert listed["count"] == len(listed["tasks"])


async def titles(client, user_id, status="all"):
    listed = await ok(client, "list_tasks", user_id=user_id, status=status)
    return [task["title"] for task in listed["tasks"]]


# --- what the server offers ----------------------------------------------------------------------


@pytest.fixture
async def tools():
    # Entering and leaving a client must happen in one task, so a fixture cannot hold it open.
    async with Client(server) as client:
        return {tool.name: tool for tool in (await client.list_tools()).tools}


async def test_exactly_the_five_tools_are_offered(tools):
    assert sorted(tools) == TOOLS


@pytest.mark.parametrize(
    ("name", "required", "optional"),
    [
        ("add_task", ["user_id", "title"], ["description", *FIELDS, "turn"]),
        ("list_tasks", ["user_id"], ["status", *LIST_FILTERS, "cursor", "timezone"]),
        ("complete_task", ["user_id", "task_id"], ["timezone"]),
        ("delete_task", ["user_id", "task_id"], []),
        ("update_task", ["user_id", "task_id"], ["title", "description", "completed", *FIELDS]),
    ],
)
async def test_input_schema_names_required_and_optional_arguments(tools, name, required, optional):
    schema = tools[name].input_schema

    assert sorted(schema["required"]) == sorted(required)
    assert sorted(schema["properties"]) == sorted(required + optional)


@pytest.mark.parametrize("name", TOOLS)
async def test_every_argument_says_what_it_is_where_clients_read_it(tools, name):
    # An optional argument's description sat inside its `anyOf` branch: clients that show (or
    # hand a model) each argument's own `description` had none for most optional ones.
    properties = tools[name].input_schema["properties"]

    undescribed = [arg for arg, prop in properties.items() if not prop.get("description")]

    assert undescribed == []


def _string_schema(prop: dict) -> dict:
    """The string branch of a property (optional arguments are `anyOf: [string, null]`)."""
    if "anyOf" in prop:
        return next(branch for branch in prop["anyOf"] if branch.get("type") == "string")
    return prop


async def test_status_is_one_of_all_pending_completed_defaulting_to_all(tools):
    status = tools["list_tasks"].input_schema["properties"]["status"]

    # null (what models that send every parameter say for "not given") is the default too.
    [choice, null] = status["anyOf"]
    assert (choice["enum"], null) == (["all", "pending", "completed"], {"type": "null"})
    assert status["default"] == "all"


async def test_the_model_is_offered_each_defaulted_argument_as_its_type_with_its_default(tools):
    listed = model_facing_tool(tools["list_tasks"]).input_schema["properties"]
    added = model_facing_tool(tools["add_task"]).input_schema["properties"]

    assert (listed["status"]["enum"], listed["status"]["default"]) == (
        ["all", "pending", "completed"],
        "all",
    )
    assert (listed["sort"]["type"], listed["sort"]["default"]) == ("string", "created")
    assert (listed["limit"]["type"], listed["limit"]["default"]) == ("integer", 50)
    assert (added["description"]["type"], added["description"]["default"]) == ("string", "")
    assert (added["due"]["type"], "default" in added["due"]) == ("string", False)


@pytest.mark.parametrize("name", ["complete_task", "delete_task", "update_task"])
async def test_task_id_is_an_integer_of_at_least_one(tools, name):
    task_id = tools[name].input_schema["properties"]["task_id"]

    assert (task_id["type"], task_id["minimum"]) == ("integer", 1)


@pytest.mark.parametrize("name", ["add_task", "update_task"])
@pytest.mark.parametrize(("field", "max_length"), [("title", 200), ("description", 2000)])
async def test_text_arguments_carry_their_maximum_length(tools, name, field, max_length):
    prop = _string_schema(tools[name].input_schema["properties"][field])

    assert prop["maxLength"] == max_length


async def test_user_id_is_a_non_empty_string_on_every_tool(tools):
    for tool in tools.values():
        user_id = tool.input_schema["properties"]["user_id"]
        assert (user_id["type"], user_id["minLength"]) == ("string", 1), tool.name


async def test_annotations_tell_reads_deletes_and_repeatable_calls_apart(tools):
    hints = {
        name: (
            t.annotations.read_only_hint,
            t.annotations.destructive_hint,
            t.annotations.idempotent_hint,
        )
        for name, t in tools.items()
    }

    assert {name for name, (read_only, _, _) in hints.items() if read_only} == {"list_tasks"}
    assert {name for name, (_, destructive, _) in hints.items() if destructive} == {"delete_task"}
    # Completing a repeating task moves it on to its next occurrence each time: only reads are
    # safe to repeat.
    assert {name for name, (_, _, idem) in hints.items() if idem} == {"list_tasks"}


@pytest.mark.parametrize(
    ("name", "arguments"),
    [("complete_task", {"task_id": 1}), ("update_task", {"task_id": 1, "completed": True})],
)
async def test_a_call_that_changes_the_task_again_when_repeated_is_not_idempotent(name, arguments):
    async with Client(server) as client:
        tool = {t.name: t for t in (await client.list_tools()).tools}[name]
        await ok(client, "add_task", user_id="alice", title="Gym", due="today", recurrence="daily")
        first = await ok(client, name, user_id="alice", **arguments)
        again = await ok(client, name, user_id="alice", **arguments)

    assert first["task"]["due"] < again["task"]["due"]
    assert tool.annotations.idempotent_hint is False


@pytest.mark.parametrize(
    ("name", "keys"),
    [
        ("add_task", CHANGE_KEYS),
        ("complete_task", CHANGE_KEYS | {"already_completed", "next_due", "previous_due"}),
        ("delete_task", {"task_id", "status", "title"}),
        ("update_task", CHANGE_KEYS),
        ("list_tasks", {"tasks", "count", "total", "next_cursor"}),
    ],
)
async def test_every_tool_declares_its_output_schema(tools, name, keys):
    schema = tools[name].output_schema

    assert schema is not None
    assert set(schema["required"]) == keys


# --- results -------------------------------------------------------------------------------------


async def test_add_task_returns_the_created_task():
    async with Client(server) as client:
        result = await ok(
            client, "add_task", user_id="alice", title="  Buy milk ", description="2 l"
        )

        assert set(result) == CHANGE_KEYS
        assert result["task_id"] == result["task"]["id"] == 1
        assert (result["status"], result["title"]) == ("created", "Buy milk")
        assert set(result["task"]) == ITEM_KEYS


async def test_list_tasks_returns_the_users_tasks_in_creation_order():
    async with Client(server) as client:
        first = await ok(client, "add_task", user_id="alice", title="First", description="Details")
        await ok(client, "add_task", user_id="bob", title="Bob's")
        await ok(client, "add_task", user_id="alice", title="Second")

        result = await ok(client, "list_tasks", user_id="alice")

        assert result["count"] == 2
        assert [task["title"] for task in result["tasks"]] == ["First", "Second"]
        item = result["tasks"][0]
        assert set(item) == ITEM_KEYS
        assert (item["id"], item["description"], item["completed"]) == (
            first["task_id"],
            "Details",
            False,
        )
        datetime.fromisoformat(item["created_at"])
        datetime.fromisoformat(item["updated_at"])


async def test_list_tasks_filters_by_status():
    async with Client(server) as client:
        await ok(client, "add_task", user_id="alice", title="Open")
        done = await ok(client, "add_task", user_id="alice", title="Done")
        await ok(client, "complete_task", user_id="alice", task_id=done["task_id"])

        assert await titles(client, "alice", "pending") == ["Open"]
        assert await titles(client, "alice", "completed") == ["Done"]
        assert await titles(client, "alice", "all") == ["Open", "Done"]


async def test_list_tasks_of_a_user_without_tasks_is_empty():
    async with Client(server) as client:
        assert await ok(client, "list_tasks", user_id="nobody") == {
            "tasks": [],
            "count": 0,
            "total": 0,
            "next_cursor": None,
        }


async def test_complete_task_completes_it_and_can_be_repeated():
    async with Client(server) as client:
        added = await ok(client, "add_task", user_id="alice", title="Call mum")
        expected = {"task_id": added["task_id"], "status": "completed", "title": "Call mum"}

        first = await ok(client, "complete_task", user_id="alice", task_id=added["task_id"])
        again = await ok(client, "complete_task", user_id="alice", task_id=added["task_id"])

        for result in (first, again):
            assert {key: result[key] for key in expected} == expected
            assert result["task"]["completed"] is True and result["next_due"] is None
        assert (first["already_completed"], again["already_completed"]) == (False, True)
        assert first["task"]["completed_at"] == again["task"]["completed_at"] is not None
        assert await titles(client, "alice", "completed") == ["Call mum"]


async def test_update_task_changes_title_and_description():
    async with Client(server) as client:
        added = await ok(client, "add_task", user_id="alice", title="Old", description="Old text")

        result = await ok(
            client, "update_task", user_id="alice", task_id=added["task_id"], title=" New "
        )
        await ok(
            client, "update_task", user_id="alice", task_id=added["task_id"], description="New"
        )

        assert (result["task_id"], result["status"], result["title"]) == (
            added["task_id"],
            "updated",
            "New",
        )
        [task] = (await ok(client, "list_tasks", user_id="alice"))["tasks"]
        assert (task["title"], task["description"]) == ("New", "New")


async def test_delete_task_returns_what_was_deleted_and_removes_it():
    async with Client(server) as client:
        added = await ok(client, "add_task", user_id="alice", title="Old news")
        await ok(client, "add_task", user_id="alice", title="Keep")

        result = await ok(client, "delete_task", user_id="alice", task_id=added["task_id"])

        assert result == {"task_id": added["task_id"], "status": "deleted", "title": "Old news"}
        assert await titles(client, "alice") == ["Keep"]


# --- errors --------------------------------------------------------------------------------------

ID_TOOLS = {
    "complete_task": {},
    "delete_task": {},
    "update_task": {"title": "Hijacked"},
}


@pytest.mark.parametrize("name", ID_TOOLS)
async def test_another_users_task_reads_exactly_like_a_missing_one(name):
    async with Client(server) as client:
        bobs = await ok(client, "add_task", user_id="bob", title="Bob's secret")
        task_id = bobs["task_id"]

        foreign = await error_text(
            client, name, {"user_id": "alice", "task_id": task_id, **ID_TOOLS[name]}
        )
        listed = await ok(client, "list_tasks", user_id="bob")
        await ok(client, "delete_task", user_id="bob", task_id=task_id)
        missing = await error_text(
            client, name, {"user_id": "alice", "task_id": task_id, **ID_TOOLS[name]}
        )

        assert f"Task {task_id} not found" in foreign
        assert foreign == missing
        # Bob's task was untouched by Alice's attempt.
        [task] = listed["tasks"]
        assert (task["title"], task["completed"]) == ("Bob's secret", False)


@pytest.mark.parametrize("name", ID_TOOLS)
async def test_a_huge_task_id_is_not_found(name):
    async with Client(server) as client:
        text = await error_text(
            client, name, {"user_id": "alice", "task_id": HUGE_ID, **ID_TOOLS[name]}
        )

        assert f"Task {HUGE_ID} not found" in text
        await assert_still_serving(client)


@pytest.mark.parametrize("name", ID_TOOLS)
async def test_a_task_id_too_long_to_echo_is_cut_as_echoed_input_is(name):
    long_id = int("9" * 80)
    async with Client(server) as client:
        text = await error_text(
            client, name, {"user_id": "alice", "task_id": long_id, **ID_TOOLS[name]}
        )

        assert text == f"Task {'9' * 59}… not found."
        await assert_still_serving(client)


@pytest.mark.parametrize(
    ("name", "arguments", "expected"),
    [
        ("complete_task", {"user_id": "alice", "task_id": "abc"}, "task_id"),
        ("delete_task", {"user_id": "alice", "task_id": 0}, "task_id"),
        ("add_task", {"user_id": "alice", "title": 123}, "title"),
        ("add_task", {"user_id": "alice", "title": ""}, "title"),
        ("add_task", {"user_id": "alice", "title": "   "}, "title"),
        ("add_task", {"user_id": "", "title": "Buy milk"}, "user_id"),
        ("add_task", {"user_id": "alice", "title": "t" * 201}, "200"),
        ("add_task", {"user_id": "alice", "title": "t" * 10_000}, "200"),
        ("add_task", {"user_id": "alice", "title": "Ok", "description": "d" * 100_000}, "2000"),
        ("update_task", {"user_id": "alice", "task_id": 1, "title": "   "}, "title"),
        ("list_tasks", {"user_id": "alice", "status": "done"}, "pending"),
        ("add_task", {"user_id": "alice"}, "title"),
        ("list_tasks", {}, "user_id"),
        ("complete_task", {"user_id": "alice"}, "task_id"),
        ("update_task", {"user_id": "alice", "title": "New"}, "task_id"),
    ],
)
async def test_invalid_arguments_are_readable_tool_errors(name, arguments, expected):
    async with Client(server) as client:
        text = await error_text(client, name, arguments)

        assert expected in text.lower()
        # The message is for a model or a person to read, not an echo of the input.
        assert len(text) < 1000
        await assert_still_serving(client)
        assert await titles(client, "alice") == []


@pytest.mark.parametrize("name", ID_TOOLS)
async def test_true_is_no_task_number(name):
    async with Client(server) as client:
        await ok(client, "add_task", user_id="alice", title="Buy milk")
        text = await error_text(
            client, name, {"user_id": "alice", "task_id": True, **ID_TOOLS[name]}
        )

        assert text == "The task_id must be a whole number of at least 1 (got 'true')."
        listed = await ok(client, "list_tasks", user_id="alice")
        assert [(t["title"], t["completed"]) for t in listed["tasks"]] == [("Buy milk", False)]


@pytest.mark.parametrize(
    ("limit", "expected"),
    [
        (True, "The limit must be a whole number (got 'true')."),
        (201, "The limit must be at most 200 (got '201')."),
    ],
)
async def test_a_limit_list_tasks_refuses_is_named(limit, expected):
    async with Client(server) as client:
        text = await error_text(client, "list_tasks", {"user_id": "alice", "limit": limit})

        assert text == expected


async def test_update_task_without_title_or_description_is_refused():
    async with Client(server) as client:
        added = await ok(client, "add_task", user_id="alice", title="Keep")

        text = await error_text(
            client, "update_task", {"user_id": "alice", "task_id": added["task_id"]}
        )

        assert "Give at least one change" in text
        assert await titles(client, "alice") == ["Keep"]


async def test_an_unknown_tool_is_a_tool_error():
    async with Client(server) as client:
        text = await error_text(client, "drop_all_tasks", {"user_id": "alice"})

        assert "drop_all_tasks" in text
        await assert_still_serving(client)


@pytest.mark.parametrize(
    ("name", "arguments"),
    [
        ("add_task", {"title": "Buy milk"}),
        ("list_tasks", {}),
        ("complete_task", {"task_id": 1}),
        ("delete_task", {"task_id": 1}),
        ("update_task", {"task_id": 1, "title": "Buy bread"}),
    ],
)
async def test_a_user_id_with_whitespace_around_it_is_a_tool_error(name, arguments):
    # "alice " would be a second user who looks like alice: nothing is read or written for it.
    async with Client(server) as client:
        await ok(client, "add_task", user_id="alice", title="Buy milk")
        text = await error_text(client, name, {"user_id": "alice ", **arguments})
        after = await titles(client, "alice")

    assert text == "user_id must not begin or end with whitespace."
    assert after == ["Buy milk"]


# A database failure inside a tool is a tool error in a sentence, as every other one (the SDK
# answered "Error executing tool add_task"); a statement the code got wrong stays unexpected.
DATABASE_FAILURES = [
    (
        OperationalError("connection to server at 127.0.0.1 failed: Connection refused"),
        "The task database is unavailable right now. Try again shortly.",
    ),
    (
        InterfaceError("connection already closed"),
        "The task database is unavailable right now. Try again shortly.",
    ),
    (
        OperationalError("no such table: tasks_taskowner"),
        "The task database is not set up: run 'manage.py migrate', then try again.",
    ),
    (
        ProgrammingError('relation "tasks_taskowner" does not exist'),
        "The task database is not set up: run 'manage.py migrate', then try again.",
    ),
    (
        OperationalError('connection failed: FATAL:  database "todochat" does not exist'),
        "The task database is unavailable right now. Try again shortly.",
    ),
    (ProgrammingError('syntax error at or near "SELEC"'), "Error executing tool list_tasks"),
]


@pytest.mark.parametrize(("failure", "message"), DATABASE_FAILURES)
async def test_a_database_failure_is_one_sentence(monkeypatch, failure, message):
    def fail(**kwargs):
        raise failure

    monkeypatch.setattr("mcp_bridge.server.selectors.task_page", fail)
    async with Client(server) as client:
        text = await error_text(client, "list_tasks", {"user_id": "alice"})

    assert text == message


# An empty text filter is no filter, for each of them (as null is): a model that sends every
# parameter sends "" for the ones it does not set. An empty tag listed nothing.
# (A bound of spaces only is refused: "due_before must not be empty.")
EMPTY_FILTERS = [
    *(
        (name, "")
        for name in (
            "search",
            "tag",
            "due_before",
            "due_after",
            "created_since",
            "completed_since",
            "cursor",
        )
    ),
    ("search", "   "),
    ("tag", "   "),
    # "#" signs only: an empty tag once its "#" is dropped, as "#work" is work.
    ("tag", "#"),
    ("tag", " ## "),
]


@pytest.mark.parametrize(("name", "empty"), EMPTY_FILTERS)
async def test_an_empty_text_filter_is_no_filter(name, empty):
    async with Client(server) as client:
        await ok(client, "add_task", user_id="alice", title="Report", tags=["work"])
        await ok(client, "add_task", user_id="alice", title="Milk")
        listed = await ok(client, "list_tasks", user_id="alice", **{name: empty})

    assert [task["title"] for task in listed["tasks"]] == ["Report", "Milk"]
