"""The offline model as an Agents SDK ``Model``: input shapes, tool-result shapes, call ids,
streaming and determinism (no database, no network). What it understands is tested phrasing by
phrasing, end to end, in ``test_offline_phrasings.py``.

The model is driven through ``get_response`` the way the runner drives it: the input grows by
the model's own function call and the tool's output after every step.
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from agents import Agent, ModelSettings, RunConfig, Runner, function_tool
from agents.items import ModelResponse
from agents.models.interface import ModelTracing
from openai.types.responses import (
    ResponseCompletedEvent,
    ResponseFunctionToolCall,
    ResponseOutputMessage,
    ResponseTextDeltaEvent,
)

from conversations.agent import instructions_for
from conversations.offline import OfflineModel

TOOL_NAMES = ["add_task", "list_tasks", "complete_task", "delete_task", "update_task"]
ALL_TOOLS = [SimpleNamespace(name=name) for name in TOOL_NAMES]

TASKS = [
    {"id": 1, "title": "Call mom", "description": "", "completed": False},
    {"id": 2, "title": "Team meeting", "description": "Room 4", "completed": False},
    {"id": 3, "title": "Report", "description": "", "completed": True},
    {"id": 5, "title": "Buy groceries", "description": "", "completed": False},
    {"id": 6, "title": "Meeting notes", "description": "", "completed": False},
]


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def user(text: str) -> dict[str, Any]:
    return {"role": "user", "content": text}


def respond(
    input: Any, tools: list[Any] | None = None, instructions: str | None = None
) -> ModelResponse:
    """Call ``get_response`` synchronously."""
    return asyncio.run(
        OfflineModel().get_response(
            instructions,
            input,
            ModelSettings(),
            ALL_TOOLS if tools is None else tools,
            None,
            [],
            ModelTracing.DISABLED,
            previous_response_id=None,
            conversation_id=None,
            prompt=None,
        )
    )


def only_item(response: ModelResponse) -> Any:
    assert len(response.output) == 1
    return response.output[0]


def calls_of(response: ModelResponse) -> list[tuple[str, dict[str, Any]]]:
    assert all(isinstance(item, ResponseFunctionToolCall) for item in response.output)
    return [(item.name, json.loads(item.arguments)) for item in response.output]


def call_of(response: ModelResponse) -> tuple[str, dict[str, Any]]:
    item = only_item(response)
    assert isinstance(item, ResponseFunctionToolCall), f"expected a tool call, got {item!r}"
    return item.name, json.loads(item.arguments)


def text_of(response: ModelResponse) -> str:
    item = only_item(response)
    assert isinstance(item, ResponseOutputMessage), f"expected a message, got {item!r}"
    assert item.role == "assistant" and item.status == "completed"
    return item.content[0].text


def with_output(input: list[Any], response: ModelResponse, output: Any) -> list[Any]:
    """The next input: the model's function call(s) plus the tool's ``output`` for each."""
    return [
        *input,
        *response.to_input_items(),
        *(
            {"type": "function_call_output", "call_id": call.call_id, "output": output}
            for call in response.output
        ),
    ]


def converse(
    text: str, outputs: list[Any], history: list[Any] | None = None, tools: list[Any] | None = None
) -> tuple[list[tuple[str, dict[str, Any]]], str]:
    """Run one turn, feeding ``outputs`` to the calls in order; return (calls, final reply)."""
    input: list[Any] = [*(history or []), user(text)]
    calls: list[tuple[str, dict[str, Any]]] = []
    pending = list(outputs)
    for _ in range(10):
        response = respond(input, tools)
        item = only_item(response)
        if isinstance(item, ResponseOutputMessage):
            assert not pending, f"unused tool outputs: {pending}"
            return calls, text_of(response)
        calls.append(call_of(response))
        assert pending, f"no output scripted for call {calls[-1]}"
        input = with_output(input, response, pending.pop(0))
    raise AssertionError("the model never produced a final answer")


def ok(tool: str, task_id: int, title: str) -> str:
    status = {"add_task": "created", "complete_task": "completed"}.get(tool)
    status = status or {"delete_task": "deleted", "update_task": "updated"}[tool]
    return json.dumps({"task_id": task_id, "status": status, "title": title})


def listing(tasks: list[dict[str, Any]]) -> str:
    rows = [
        {**task, "created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-01T00:00:00Z"}
        for task in tasks
    ]
    return json.dumps({"tasks": rows, "count": len(rows)})


def pending(tasks: list[dict[str, Any]] = TASKS) -> list[dict[str, Any]]:
    return [task for task in tasks if not task["completed"]]


# ---------------------------------------------------------------------------------------------
# Tool results in every shape the runner may hand back
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "output",
    [
        [
            {
                "type": "input_text",
                "text": '{"task_id": 5, "status": "created", "title": "Buy milk"}',
            }
        ],
        json.dumps({"type": "text", "text": ok("add_task", 5, "Buy milk")}),
        '{"result": {"task_id": 5, "status": "created", "title": "Buy milk"}}',
        "{'task_id': 5, 'status': 'created', 'title': 'Buy milk'}",
    ],
)
def test_success_outputs_in_other_shapes(output: Any) -> None:
    assert converse("add buy milk", [output])[1] == "Added “Buy milk” (task #5)."


@pytest.mark.parametrize(
    ("text", "output", "expected"),
    [
        (
            "complete task 9",
            "An error occurred while running the tool. Please try again. Error: Task 9 not found",
            "There's no task 9 on your list.",
        ),
        ("rename task 9 to x", '{"error": "Task 9 not found."}', "There's no task 9 on your list."),
        (
            "add buy milk",
            "1 validation error for add_taskArguments\ntitle\n  String should have at most 200 "
            "characters [type=string_too_long, input_value='x', input_type=str]",
            "I couldn't add “Buy milk”: the title is too long (at most 200 characters).",
        ),
        (
            "add buy milk",
            "Error executing tool add_task: 1 validation error for add_taskArguments",
            "I couldn't add “Buy milk”: something went wrong on my side. Please try again.",
        ),
        (
            "list my tasks",
            "Database unavailable",
            "I couldn't load your tasks: Database unavailable.",
        ),
        ("delete task 1", "", "I couldn't delete task 1: I got no answer. Please try again."),
        (
            "delete task 1",
            '{"task_id": 1, "status": "created", "title": "x"}',
            "I couldn't delete task 1: something went wrong on my side. Please try again.",
        ),
    ],
)
def test_errors_are_told_in_plain_words_never_as_success(
    text: str, output: str, expected: str
) -> None:
    assert converse(text, [output])[1] == expected


def test_complete_task_reporting_already_completed() -> None:
    output = json.dumps(
        {"task_id": 3, "status": "completed", "title": "Report", "already_completed": True}
    )
    assert converse("complete task 3", [output])[1] == "“Report” (#3) was already done."


def test_a_list_with_more_than_one_page_says_so_and_refuses_bulk() -> None:
    page = json.loads(listing(pending()))
    page.update(total=120, next_cursor="abc")
    _, reply = converse("show my tasks", [json.dumps(page)])
    assert reply.endswith("…and 116 more. Say “show more” to see them.")
    calls, reply = converse("mark all as done", [json.dumps(page)])
    assert calls == [("list_tasks", {"status": "pending"})]
    assert reply.startswith("That would touch 120 tasks") and "haven't changed anything" in reply


def test_a_reminder_list_of_one_page_of_more_says_it_may_be_incomplete() -> None:
    """The tools have no reminder filter: a page of pending tasks is narrowed, and when more
    pending tasks than it holds exist, the reply does not pretend to be the whole list."""
    timed = {**TASKS[0], "reminder_at": "2026-12-03T08:00:00+00:00"}
    page = json.loads(listing([timed, *pending()[1:]]))
    page.update(total=250, next_cursor="abc")
    calls, reply = converse("what reminders do I have?", [json.dumps(page)])
    assert calls == [("list_tasks", {"status": "pending", "limit": 200})]
    assert "#1 Call mom · reminder" in reply and "Team meeting" not in reply
    assert reply.endswith(
        "I only looked through your first 4 pending tasks, so there may be reminders this list "
        "is missing."
    )


def test_the_newest_tasks_are_asked_for_newest_first() -> None:
    """ "what did I add recently?": one page, newest first, however long the list."""
    newest = sorted(TASKS, key=lambda task: -task["id"])
    page = json.loads(listing(newest))
    page.update(total=900, next_cursor="more")
    calls, reply = converse("what did I add recently?", [json.dumps(page)])
    assert calls == [("list_tasks", {"status": "all", "sort": "newest", "limit": 5})]
    assert reply.startswith(
        "Your 5 most recently added tasks, newest first:\n- #6 Meeting notes\n- #5 Buy groceries"
    )
    calls, reply = converse("what did I add today?", [listing(newest[:2])])
    assert calls == [
        (
            "list_tasks",
            {"status": "all", "sort": "newest", "created_since": "today", "limit": 200},
        )
    ]
    assert reply == "Added today, newest first:\n- #6 Meeting notes\n- #5 Buy groceries"


# ---------------------------------------------------------------------------------------------
# Due dates in words, in the user's zone, against the moment the instructions state
# ---------------------------------------------------------------------------------------------

NEW_YORK_EVENING = instructions_for(
    ZoneInfo("America/New_York"), at=datetime(2026, 12, 3, 1, 30, tzinfo=UTC)
)  # Wednesday 2 December, 20:30 in New York; already Thursday in UTC


@pytest.mark.parametrize(
    ("due", "completed", "words"),
    [
        ("2026-12-02T22:00:00-05:00", False, "due today 10 pm"),
        ("2026-12-03T17:00:00-05:00", False, "due tomorrow 5 pm"),
        ("2026-12-03", False, "due tomorrow"),
        ("2026-12-04", False, "due Fri 4 Dec"),
        ("2026-11-30", False, "overdue since Mon 30 Nov"),
        ("2026-11-30", True, "due Mon 30 Nov"),
        ("2026-12-02T09:00:00-05:00", False, "due today 9 am (overdue)"),
        ("2027-01-05", False, "due Tue 5 Jan 2027"),
    ],
)
def test_due_dates_are_worded_in_the_users_zone(due: str, completed: bool, words: str) -> None:
    task = {"id": 1, "title": "Call mom", "description": "", "completed": completed, "due": due}
    input = [user("show my tasks")]
    first = respond(input, instructions=NEW_YORK_EVENING)
    output = json.dumps({"tasks": [task], "count": 1, "total": 1, "next_cursor": None})
    reply = text_of(respond(with_output(input, first, output), instructions=NEW_YORK_EVENING))
    assert f"#1 Call mom{' (done)' if completed else ''} · {words}" in reply


def test_without_the_moment_dates_are_worded_on_their_own() -> None:
    task = {"id": 1, "title": "Call mom", "description": "", "completed": False}
    output = json.dumps(
        {"tasks": [{**task, "due": "2026-12-04"}], "count": 1, "total": 1, "next_cursor": None}
    )
    _, reply = converse("show my tasks", [output])
    assert "#1 Call mom · due Fri 4 Dec" in reply


# ---------------------------------------------------------------------------------------------
# Tools that are not offered
# ---------------------------------------------------------------------------------------------


def test_missing_tool_is_not_called() -> None:
    tools = [tool for tool in ALL_TOOLS if tool.name != "delete_task"]
    calls, reply = converse("delete task 2", [], tools=tools)
    assert calls == []
    assert reply == "Sorry, I can't delete tasks right now."


def test_lookup_needs_list_tasks() -> None:
    tools = [tool for tool in ALL_TOOLS if tool.name != "list_tasks"]
    calls, reply = converse("delete the meeting task", [], tools=tools)
    assert calls == [] and reply.startswith("Sorry, I can't")


# ---------------------------------------------------------------------------------------------
# Input handling, history, call ids and determinism
# ---------------------------------------------------------------------------------------------


def test_string_input() -> None:
    assert call_of(respond("Delete task 2")) == ("delete_task", {"task_id": 2})


def test_pydantic_input_items_and_message_parts() -> None:
    first = respond([user("remove task 2")])
    call = only_item(first)
    input = [
        {
            "type": "message",
            "role": "user",
            "content": [{"type": "input_text", "text": "remove task 2"}],
        },
        call,  # the pydantic ResponseFunctionToolCall itself, not a dict
        {
            "type": "function_call_output",
            "call_id": call.call_id,
            "output": ok("delete_task", 2, "Team meeting"),
        },
    ]
    assert text_of(respond(input)) == "Deleted “Team meeting” (task #2)."


def finished_turn(input: list[Any], text: str, outputs: list[str]) -> list[Any]:
    """``input`` plus one whole turn: the request, its calls with ``outputs``, the reply."""
    input = [*input, user(text)]
    for output in outputs:
        input = with_output(input, respond(input), output)
    return [*input, *respond(input).to_input_items()]


def test_earlier_turns_are_context_never_steps_of_this_turn() -> None:
    history = finished_turn([], "Delete task 1", [ok("delete_task", 1, "Call mom")])
    calls, reply = converse("hi", [], history=history)
    assert calls == [] and reply.startswith("Hello!")
    calls, _ = converse("Delete task 2", [ok("delete_task", 2, "Team meeting")], history=history)
    assert calls == [("delete_task", {"task_id": 2})]


def test_a_confirmed_bulk_action_is_one_response_with_a_call_per_task() -> None:
    history = finished_turn([], "mark all as done", [listing(pending())])
    response = respond([*history, user("yes")])
    assert calls_of(response) == [("complete_task", {"task_id": task["id"]}) for task in pending()]
    assert len({item.call_id for item in response.output}) == len(pending())


def test_history_from_another_model_does_not_confuse_it() -> None:
    history = [
        {"role": "system", "content": "You manage todos."},
        {"role": "user", "content": "list my tasks"},
        {
            "type": "message",
            "role": "assistant",
            "content": [{"type": "output_text", "text": "Here..."}],
        },
    ]
    calls, _ = converse(
        "complete task 5", [ok("complete_task", 5, "Buy groceries")], history=history
    )
    assert calls == [("complete_task", {"task_id": 5})]


def test_same_input_gives_same_output() -> None:
    input = [user("Delete the meeting task")]
    first = respond(input)
    assert first.output[0].model_dump() == respond(input).output[0].model_dump()
    follow_up = with_output(input, first, listing(TASKS))
    assert respond(follow_up).output[0].model_dump() == respond(follow_up).output[0].model_dump()


def test_call_ids_are_unique_across_steps_and_turns() -> None:
    call_ids: list[str] = []
    input: list[Any] = []
    tasks = [task for task in TASKS if task["id"] != 6]
    for _ in range(3):  # the same request three turns in a row, with history replayed
        input = [*input, user("remove the groceries task")]
        response = respond(input)
        call_ids.append(only_item(response).call_id)
        input = with_output(input, response, listing(tasks))
        response = respond(input)
        call_ids.append(only_item(response).call_id)
        input = with_output(input, response, ok("delete_task", 5, "Buy groceries"))
        input = [*input, *respond(input).to_input_items()]
    assert len(set(call_ids)) == len(call_ids) == 6
    assert all(call_id.startswith("call_") for call_id in call_ids)


def test_usage_and_response_id() -> None:
    response = respond([user("hi")])
    assert response.response_id is None
    assert response.usage.input_tokens == response.usage.output_tokens == 0


def test_stream_response_matches_get_response() -> None:
    async def collect(input: list[Any]) -> list[Any]:
        stream = OfflineModel().stream_response(
            None,
            input,
            ModelSettings(),
            ALL_TOOLS,
            None,
            [],
            ModelTracing.DISABLED,
            previous_response_id=None,
            conversation_id=None,
            prompt=None,
        )
        return [event async for event in stream]

    for text in ("hi", "delete task 2"):
        events = asyncio.run(collect([user(text)]))
        assert isinstance(events[-1], ResponseCompletedEvent)
        assert [item.model_dump() for item in events[-1].response.output] == [
            item.model_dump() for item in respond([user(text)]).output
        ]
        assert [event.sequence_number for event in events] == list(range(len(events)))
    deltas = [
        event.delta
        for event in asyncio.run(collect([user("hi")]))
        if isinstance(event, ResponseTextDeltaEvent)
    ]
    assert deltas and deltas[0].startswith("Hello!")


def test_runner_streamed_with_tools() -> None:
    log: list[tuple[str, dict[str, Any]]] = []

    @function_tool
    def list_tasks(status: str = "all") -> str:
        """List tasks."""
        log.append(("list_tasks", {"status": status}))
        return listing(TASKS)

    @function_tool
    def complete_task(task_id: int) -> str:
        """Complete a task."""
        log.append(("complete_task", {"task_id": task_id}))
        return ok("complete_task", task_id, "Buy groceries")

    agent = Agent(name="t", model=OfflineModel(), tools=[list_tasks, complete_task])

    async def run() -> tuple[str, list[str]]:
        result = Runner.run_streamed(
            agent, "I bought the groceries", run_config=RunConfig(tracing_disabled=True)
        )
        deltas = [
            event.data.delta
            async for event in result.stream_events()
            if event.type == "raw_response_event" and isinstance(event.data, ResponseTextDeltaEvent)
        ]
        return str(result.final_output), deltas

    final_output, deltas = asyncio.run(run())
    assert final_output == "Marked “Buy groceries” as complete." == "".join(deltas)
    assert log == [("list_tasks", {"status": "all"}), ("complete_task", {"task_id": 5})]
