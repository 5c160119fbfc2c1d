"""Property-based fuzz of the five MCP tools' arguments, through one real MCP client session.

Any argument dict (right and wrong types, missing and extra keys, unicode, NUL, huge strings,
huge and negative numbers, nested objects) gets a result: a tool error with a short readable
message, or a structured result of the tool's shape. Nothing escapes the server, and the same
session keeps answering ordinary calls afterwards.

The session lives in an anyio blocking portal (its own event loop in a thread), so hypothesis,
which is synchronous, can drive it while it is entered and left in one task. The tools' ORM
steps run on asgiref's worker thread, outside any test transaction: hence `transaction=True`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from anyio.from_thread import BlockingPortal, start_blocking_portal
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mcp import Client

from mcp_bridge.server import TOOL_NAMES, server
from tasks.tests.factories import TaskFactory

pytestmark = pytest.mark.django_db(transaction=True)

USER = "fuzzer"
CHANGE_KEYS = {"task_id", "status", "title", "task"}
KEYS_OF = {
    "add_task": CHANGE_KEYS,
    "update_task": CHANGE_KEYS,
    "complete_task": CHANGE_KEYS | {"already_completed", "next_due", "previous_due"},
    "delete_task": {"task_id", "status", "title"},
}
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
STATUS_OF = {
    "add_task": "created",
    "complete_task": "completed",
    "delete_task": "deleted",
    "update_task": "updated",
}
# A tool error is read by a model or a person: short, whatever the size of the input.
MAX_ERROR_LENGTH = 2000

fuzz_settings = settings(
    max_examples=80,
    deadline=None,
    database=None,  # no .hypothesis/ directory in the work tree
    suppress_health_check=list(HealthCheck),
)


@contextmanager
def mcp_session() -> Iterator[tuple[BlockingPortal, Client]]:
    with (
        start_blocking_portal() as portal,
        portal.wrap_async_context_manager(Client(server)) as client,
    ):
        yield portal, client


# --- argument strategies -------------------------------------------------------------------------

hostile_text = st.one_of(
    st.text(),
    st.text(max_size=20).map(lambda s: f"{s}\x00{s}"),
    st.integers(min_value=201, max_value=120_000).map(lambda n: "x" * n),
    st.sampled_from(["", " ", "\n\t ", "\u200b", "\ufeff", "ＡＢＣ", "🙂" * 200, "null", "{}"]),
)
big_ints = st.one_of(
    st.integers(),
    st.integers(min_value=2**31 - 2, max_value=2**31 + 2),
    st.integers(min_value=2**63 - 2, max_value=2**63 + 2),
    st.integers(min_value=-(2**64), max_value=0),
    st.integers(min_value=2**64, max_value=2**200),
)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | big_ints
    | st.floats(allow_nan=False, allow_infinity=False)
    | hostile_text,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=10,
)


MISSING = object()


def arguments(
    good: dict[str, st.SearchStrategy], required: tuple[str, ...]
) -> st.SearchStrategy[dict]:
    """A third each: plausible calls; plausible calls with one argument dropped or replaced by
    anything at all, and unknown keys added; any argument absent or anything at all."""
    plausible = st.fixed_dictionaries(
        {name: good[name] for name in required},
        optional={name: good[name] for name in good if name not in required},
    )

    def one_off(args: dict, name: str, value: object, extra: dict) -> dict:
        args = {**extra, **args}
        if value is MISSING:
            args.pop(name, None)
        else:
            args[name] = value
        return args

    extra = st.dictionaries(st.text(max_size=12), json_values, max_size=3)
    nearly = st.builds(
        one_off, plausible, st.sampled_from(sorted(good)), st.just(MISSING) | json_values, extra
    )
    anything = st.builds(
        lambda extra, known: {**extra, **known},
        extra,
        st.fixed_dictionaries({}, optional={name: good[name] | json_values for name in good}),
    )
    return st.one_of(plausible, nearly, anything)


def tool_arguments(tool: str, task_ids: list[int]) -> st.SearchStrategy[dict]:
    good = {
        "user_id": st.just(USER),
        "task_id": st.sampled_from(task_ids),
        "title": st.text(min_size=1, max_size=200).filter(lambda t: t.strip() and "\x00" not in t),
        "description": st.text(max_size=300).filter(lambda t: "\x00" not in t),
        "status": st.sampled_from(["all", "pending", "completed"]),
        "due": st.sampled_from(
            ["", "2026-12-03", "2026-12-03T17:00", "tomorrow 5pm", "next friday", "2026-02-30"]
        )
        | hostile_text,
        "priority": st.sampled_from(["none", "low", "medium", "high"]),
        "tags": st.lists(st.text(min_size=1, max_size=30), max_size=10),
        "recurrence": st.sampled_from(["", "daily", "every monday", "FREQ=MONTHLY;BYMONTHDAY=31"])
        | hostile_text,
        "completed": st.booleans(),
        "timezone": st.sampled_from(["UTC", "Asia/Shanghai", "America/New_York"]) | hostile_text,
        "search": hostile_text,
        "tag": hostile_text,
        "due_filter": st.sampled_from(["today", "overdue", "this_week", "none"]),
        "sort": st.sampled_from(["created", "due", "priority", "title"]),
        "limit": st.integers(min_value=1, max_value=200),
        "recurring": st.booleans(),
    }
    good["due_before"] = good["due_after"] = good["due"]
    fields = ("due", "priority", "tags", "recurrence", "timezone")
    names = {
        "add_task": (("user_id", "title"), ("description", *fields)),
        "list_tasks": (
            ("user_id",),
            ("status", "search", "tag", "priority", "due_filter", "due_before", "due_after")
            + ("recurring", "sort", "limit", "timezone"),
        ),
        "complete_task": (("user_id", "task_id"), ("timezone",)),
        "delete_task": (("user_id", "task_id"), ()),
        "update_task": (("user_id", "task_id"), ("title", "description", "completed", *fields)),
    }[tool]
    required, optional = names
    # list_tasks's `due` is a filter, not a date.
    chosen = {
        ("due" if name == "due_filter" else name): good[name] for name in (*required, *optional)
    }
    return arguments(chosen, required)


# --- what every answer must be -------------------------------------------------------------------


def assert_tool_error(result) -> None:
    assert result.structured_content is None or "error" in str(result.structured_content)
    [content] = result.content
    assert content.type == "text" and content.text.strip(), result
    assert len(content.text) <= MAX_ERROR_LENGTH, content.text[:300]
    assert "Traceback" not in content.text, content.text
    # Short and human at the source, for any client: no SDK prefix, no validation dump.
    assert not content.text.startswith("Error executing tool"), content.text
    assert "pydantic" not in content.text, content.text


def assert_tool_result(tool: str, arguments: dict, result) -> None:
    """A structured result of the tool's shape, the same as its JSON text, and only for
    arguments that deserved one."""
    data = result.structured_content
    assert json.loads(result.content[0].text) == data
    user_id = arguments["user_id"]
    assert isinstance(user_id, str) and user_id.strip() and "\x00" not in user_id, arguments
    if tool == "list_tasks":
        assert set(data) == {"tasks", "count", "total", "next_cursor"}
        assert data["count"] == len(data["tasks"]) <= data["total"]
        assert all(set(item) == ITEM_KEYS for item in data["tasks"])
        wanted = arguments.get("status", "all")
        assert wanted in ("all", "pending", "completed"), arguments
        if wanted != "all":
            assert all(item["completed"] is (wanted == "completed") for item in data["tasks"])
        return
    assert set(data) == KEYS_OF[tool] and data["status"] == STATUS_OF[tool], data
    assert isinstance(data["task_id"], int) and data["task_id"] >= 1
    for field in ("title", "description"):
        if isinstance(arguments.get(field), str):
            assert "\x00" not in arguments[field], arguments
    if tool == "add_task" and isinstance(arguments.get("title"), str):
        # "exists": the title was added earlier in the same turn (none here: no turn given).
        assert data["title"] == arguments["title"].strip()
    if tool == "update_task" and isinstance(arguments.get("title"), str):
        assert data["title"] == arguments["title"].strip()


def assert_still_serving(portal: BlockingPortal, client: Client) -> None:
    added = portal.call(client.call_tool, "add_task", {"user_id": USER, "title": "Still here"})
    assert added.is_error is False, added.content
    listed = portal.call(client.call_tool, "list_tasks", {"user_id": USER})
    assert listed.is_error is False, listed.content
    assert "Still here" in [task["title"] for task in listed.structured_content["tasks"]]


@pytest.mark.parametrize("tool", TOOL_NAMES)
def test_any_arguments_get_a_result_or_a_tool_error(tool):
    task_ids = [
        TaskFactory(user_id=USER, title=f"Task {n}", completed=n % 2 == 0).number for n in range(3)
    ]
    # Another user's task, numbered like the fuzzer's first one.
    other = TaskFactory(user_id="someone-else", title="Not yours")

    with mcp_session() as (portal, client):

        @given(args=tool_arguments(tool, [*task_ids, task_ids[-1] + 1]))
        @fuzz_settings
        def call(args):
            result = portal.call(client.call_tool, tool, args)
            if result.is_error:
                assert_tool_error(result)
            else:
                assert_tool_result(tool, args, result)

        call()
        assert_still_serving(portal, client)

    other.refresh_from_db()
    # Somebody else's task is out of reach whatever the arguments.
    assert (other.user_id, other.title, other.completed) == ("someone-else", "Not yours", False)


def test_an_unknown_tool_is_a_tool_error_and_the_session_goes_on():
    with mcp_session() as (portal, client):

        @given(
            name=st.text(max_size=60).filter(lambda name: name not in TOOL_NAMES),
            args=st.dictionaries(st.text(max_size=12), json_values, max_size=4),
        )
        @fuzz_settings
        def call(name, args):
            result = portal.call(client.call_tool, name, args)
            assert result.is_error, result
            assert_tool_error(result)

        call()
        assert_still_serving(portal, client)
