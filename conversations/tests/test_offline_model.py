"""Tests for the deterministic offline model (no database, no network).

The model is driven directly through ``get_response`` the way the Agents SDK runner drives it:
the input grows by the model's own function call and the tool's output after every step.
The last tests run it through the real ``Runner`` with stub tools.
"""

from __future__ import annotations

import asyncio
import json
from types import SimpleNamespace
from typing import Any

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

from conversations.offline_model import OfflineModel, parse_intent

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


def respond(input: Any, tools: list[Any] | None = None) -> ModelResponse:
    """Call ``get_response`` synchronously."""
    return asyncio.run(
        OfflineModel().get_response(
            None,
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
    """The next input: the model's function call plus the tool's ``output``."""
    call = only_item(response)
    return [
        *input,
        *response.to_input_items(),
        {"type": "function_call_output", "call_id": call.call_id, "output": output},
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
# Adding
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "arguments"),
    [
        ("Add a task to buy groceries", {"title": "Buy groceries"}),
        ("add buy milk", {"title": "Buy milk"}),
        ("Please add buy milk to my list.", {"title": "Buy milk"}),
        ("create a task: call mom", {"title": "Call mom"}),
        ("Add a task called 'Call mom'", {"title": "Call mom"}),
        ("new task water the plants!", {"title": "Water the plants"}),
        ("remind me to call the dentist", {"title": "Call the dentist"}),
        ("I need to remember to pay bills", {"title": "Pay bills"}),
        ("Don't let me forget to feed the cat", {"title": "Feed the cat"}),
        (
            "Add buy milk with description 2 liters",
            {"title": "Buy milk", "description": "2 liters"},
        ),
        ("add buy milk (description: 2 liters)", {"title": "Buy milk", "description": "2 liters"}),
        (
            "add buy milk with note get the organic one",
            {"title": "Buy milk", "description": "get the organic one"},
        ),
        ("Add iPhone case", {"title": "iPhone case"}),
        ("Hi, add buy milk", {"title": "Buy milk"}),
        ("ADD A TASK TO BUY GROCERIES", {"title": "BUY GROCERIES"}),
    ],
)
def test_add_phrasings_call_add_task(text: str, arguments: dict[str, Any]) -> None:
    assert call_of(respond([user(text)])) == ("add_task", arguments)


def test_add_replies_from_tool_result() -> None:
    calls, reply = converse("Add a task to buy groceries", [ok("add_task", 5, "Buy groceries")])
    assert calls == [("add_task", {"title": "Buy groceries"})]
    assert reply == "Added “Buy groceries” (task #5)."


def test_add_with_description_mentions_it() -> None:
    _, reply = converse("add buy milk with description 2 liters", [ok("add_task", 7, "Buy milk")])
    assert reply == "Added “Buy milk” (task #7) with the description “2 liters”."


def test_add_without_title_asks_for_one() -> None:
    calls, reply = converse("add a task", [])
    assert calls == []
    assert "What should the task say" in reply


# ---------------------------------------------------------------------------------------------
# Listing
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Show me all my tasks", "all"),
        ("list my tasks", "all"),
        ("What are my tasks?", "all"),
        ("what's on my list", "all"),
        ("Could you list my tasks, please?", "all"),
        ("do I have any tasks?", "all"),
        ("What's pending?", "pending"),
        ("what do I still have to do", "pending"),
        ("show pending tasks", "pending"),
        ("What's left?", "pending"),
        ("What have I completed?", "completed"),
        ("show completed tasks", "completed"),
        ("Show done tasks.", "completed"),
        ("what did I finish", "completed"),
    ],
)
def test_list_phrasings_call_list_tasks(text: str, status: str) -> None:
    assert call_of(respond([user(text)])) == ("list_tasks", {"status": status})


def test_list_reply_shows_each_task_with_its_state() -> None:
    _, reply = converse("show me all my tasks", [listing(TASKS[:3])])
    assert reply == (
        "Here are all your tasks:\n"
        "1. [ ] Call mom (#1)\n"
        "2. [ ] Team meeting (#2) — Room 4\n"
        "3. [x] Report (#3)"
    )


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("What's pending?", "You have no pending tasks."),
        ("What have I completed?", "You have no completed tasks."),
        ("list my tasks", "You have no tasks yet. Try “Add a task to buy groceries”."),
    ],
)
def test_empty_list_replies(text: str, reply: str) -> None:
    assert converse(text, [listing([])])[1] == reply


# ---------------------------------------------------------------------------------------------
# Completing, deleting and updating by number
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Mark task 3 as complete",
        "mark task 3 done",
        "complete task 3",
        "task 3 is done",
        "finish task #3!",
        "check off #3",
        "I finished task 3",
        "Please complete task 3.",
    ],
)
def test_complete_by_number(text: str) -> None:
    calls, reply = converse(text, [ok("complete_task", 3, "Report")])
    assert calls == [("complete_task", {"task_id": 3})]
    assert reply == "Marked “Report” as complete."


@pytest.mark.parametrize(
    "text", ["Delete task 2", "remove task 2", "delete #2", "get rid of task number 2"]
)
def test_delete_by_number(text: str) -> None:
    calls, reply = converse(text, [ok("delete_task", 2, "Team meeting")])
    assert calls == [("delete_task", {"task_id": 2})]
    assert reply == "Deleted “Team meeting” (task #2)."


@pytest.mark.parametrize(
    "text",
    [
        "Change task 1 to 'Call mom tonight'",
        "change task 1 to “Call mom tonight”",
        "update task 1 title to Call mom tonight",
        "rename task 1 to call mom tonight",
        "Change the title of task 1 to Call mom tonight",
    ],
)
def test_update_title_by_number(text: str) -> None:
    calls, reply = converse(text, [ok("update_task", 1, "Call mom tonight")])
    assert calls == [("update_task", {"task_id": 1, "title": "Call mom tonight"})]
    assert reply == "Updated task #1: “Call mom tonight”."


@pytest.mark.parametrize(
    "text",
    [
        "Change the description of task 1 to after 6pm",
        "update task 1's description to after 6pm",
        "add a note to task 1: after 6pm",
    ],
)
def test_update_description_by_number(text: str) -> None:
    calls, reply = converse(text, [ok("update_task", 1, "Call mom")])
    assert calls == [("update_task", {"task_id": 1, "description": "after 6pm"})]
    assert reply == "Updated the description of task #1 (“Call mom”)."


def test_change_task_to_done_completes_it() -> None:
    assert call_of(respond([user("change task 3 to done")])) == ("complete_task", {"task_id": 3})


# ---------------------------------------------------------------------------------------------
# Addressing a task by name: list first, then act on the single match
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "task_id", "title"),
    [
        ("Delete the meeting task", 2, "Team meeting"),
        ("remove the groceries task", 5, "Buy groceries"),
        ("get rid of the 'call mom' task", 1, "Call mom"),
    ],
)
def test_delete_by_name_with_one_match(text: str, task_id: int, title: str) -> None:
    tasks = [task for task in TASKS if task["id"] != 6]  # leave a single "meeting"
    calls, reply = converse(text, [listing(tasks), ok("delete_task", task_id, title)])
    assert calls == [("list_tasks", {"status": "all"}), ("delete_task", {"task_id": task_id})]
    assert reply == f"Deleted “{title}” (task #{task_id})."


def test_delete_by_name_with_several_matches_asks_which() -> None:
    calls, reply = converse("Delete the meeting task", [listing(TASKS)])
    assert calls == [("list_tasks", {"status": "all"})]
    assert "which one" in reply
    assert "- Team meeting (#2)" in reply and "- Meeting notes (#6)" in reply
    assert "Deleted" not in reply


def test_delete_by_name_without_match_says_so() -> None:
    calls, reply = converse("delete the dentist task", [listing(TASKS)])
    assert calls == [("list_tasks", {"status": "all"})]
    assert reply.startswith("I couldn't find a task matching “dentist”.")


def test_exact_title_breaks_a_tie() -> None:
    tasks = [
        {"id": 8, "title": "Groceries", "completed": False},
        {"id": 9, "title": "Weekly groceries", "completed": False},
    ]
    calls, _ = converse(
        "remove the groceries task", [listing(tasks), ok("delete_task", 8, "Groceries")]
    )
    assert calls[-1] == ("delete_task", {"task_id": 8})


def test_delete_without_a_reference_asks_which_task() -> None:
    calls, reply = converse("delete the task", [])
    assert calls == []
    assert reply.startswith("Which task do you mean?")


def test_bulk_delete_is_refused() -> None:
    calls, reply = converse("delete all my tasks", [])
    assert calls == []
    assert "one task at a time" in reply


@pytest.mark.parametrize(
    "text", ["Rename groceries to weekly groceries", "rename 'groceries' to 'weekly groceries'"]
)
def test_rename_by_name(text: str) -> None:
    calls, reply = converse(text, [listing(TASKS), ok("update_task", 5, "Weekly groceries")])
    assert calls == [
        ("list_tasks", {"status": "all"}),
        ("update_task", {"task_id": 5, "title": "Weekly groceries"}),
    ]
    assert reply == "Updated task #5: “Weekly groceries”."


def test_rename_by_name_ambiguous_and_missing() -> None:
    calls, reply = converse("rename meeting to standup", [listing(TASKS)])
    assert len(calls) == 1 and "which one" in reply and "Rename task 2 to Standup" in reply
    calls, reply = converse("rename dentist to doctor", [listing(TASKS)])
    assert len(calls) == 1 and "couldn't find a task matching “dentist”" in reply


def test_change_description_by_name() -> None:
    calls, _ = converse(
        "add a note to the groceries task: oat milk",
        [listing(TASKS), ok("update_task", 5, "Buy groceries")],
    )
    assert calls[-1] == ("update_task", {"task_id": 5, "description": "oat milk"})


@pytest.mark.parametrize(
    "text",
    [
        "I finished the report",
        "I'm done with the report",
        "I’m done with the report!",
        "I completed the report",
        "Mark the report as done",
        "the report is done",
    ],
)
def test_complete_by_name_looks_at_pending_tasks(text: str) -> None:
    tasks = [*pending(), {"id": 4, "title": "Quarterly report", "completed": False}]
    calls, reply = converse(text, [listing(tasks), ok("complete_task", 4, "Quarterly report")])
    assert calls == [("list_tasks", {"status": "pending"}), ("complete_task", {"task_id": 4})]
    assert reply == "Marked “Quarterly report” as complete."


def test_complete_by_name_without_pending_match() -> None:
    calls, reply = converse("I finished the report", [listing(pending())])
    assert calls == [("list_tasks", {"status": "pending"})]
    assert reply.startswith("I couldn't find a pending task matching “report”.")


def test_complete_by_name_with_several_matches() -> None:
    tasks = [
        {"id": 10, "title": "Write report", "completed": False},
        {"id": 11, "title": "Send report", "completed": False},
    ]
    calls, reply = converse("I'm done with the report", [listing(tasks)])
    assert len(calls) == 1
    assert "Several pending tasks match “report”" in reply and "Complete task 10" in reply


# ---------------------------------------------------------------------------------------------
# Tool errors are reported honestly
# ---------------------------------------------------------------------------------------------


def test_delete_error_is_reported() -> None:
    _, reply = converse("Delete task 42", ["Task 42 not found"])
    assert reply == "I couldn't delete task 42: Task 42 not found."


@pytest.mark.parametrize(
    ("text", "output", "expected"),
    [
        (
            "complete task 9",
            "An error occurred while running the tool. Please try again. Error: Task 9 not found",
            "I couldn't mark task 9 as complete: An error occurred while running the tool. "
            "Please try again. Error: Task 9 not found.",
        ),
        (
            "rename task 9 to x",
            '{"error": "Task 9 not found"}',
            "I couldn't update task 9: Task 9 not found.",
        ),
        (
            "add buy milk",
            "title: String should have at most 200 characters",
            "I couldn't add “Buy milk”:",
        ),
        (
            "list my tasks",
            "Database unavailable",
            "I couldn't load your tasks: Database unavailable.",
        ),
        ("delete task 1", "", "I couldn't delete task 1: the tool returned no result."),
        (
            "delete task 1",
            '{"task_id": 1, "status": "created", "title": "x"}',
            "I couldn't delete task 1:",
        ),
    ],
)
def test_error_outputs_never_claim_success(text: str, output: str, expected: str) -> None:
    _, reply = converse(text, [output])
    assert reply.startswith(expected)
    for claim in ("Added", "Deleted", "Marked", "Updated", "Here are"):
        assert not reply.startswith(claim)


def test_error_while_looking_up_by_name() -> None:
    calls, reply = converse("Delete the meeting task", ["Server error"])
    assert calls == [("list_tasks", {"status": "all"})]
    assert reply == "I couldn't look up your tasks: Server error."


def test_error_on_the_action_after_a_lookup() -> None:
    _, reply = converse(
        "I finished the report", [listing([TASKS[2] | {"completed": False}]), "Task 3 not found"]
    )
    assert reply == "I couldn't mark task 3 as complete: Task 3 not found."


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


def test_error_as_list_of_parts() -> None:
    _, reply = converse("delete task 42", [[{"type": "input_text", "text": "Task 42 not found"}]])
    assert reply == "I couldn't delete task 42: Task 42 not found."


# ---------------------------------------------------------------------------------------------
# Tools that are not offered
# ---------------------------------------------------------------------------------------------


def test_missing_tool_is_not_called() -> None:
    tools = [tool for tool in ALL_TOOLS if tool.name != "delete_task"]
    calls, reply = converse("delete task 2", [], tools=tools)
    assert calls == []
    assert reply == "Sorry, I can't delete tasks right now — that tool isn't available."


def test_lookup_needs_list_tasks() -> None:
    tools = [tool for tool in ALL_TOOLS if tool.name != "list_tasks"]
    calls, reply = converse("delete the meeting task", [], tools=tools)
    assert calls == [] and reply.startswith("Sorry, I can't")


def test_no_tools_at_all() -> None:
    calls, reply = converse("add buy milk", [], tools=[])
    assert calls == [] and "can't add tasks" in reply


# ---------------------------------------------------------------------------------------------
# Conversation
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["hi", "Hello!", "hey", "Good morning.", "hello there"])
def test_greetings(text: str) -> None:
    calls, reply = converse(text, [])
    assert calls == []
    assert reply.startswith("Hello!") and "help" in reply


@pytest.mark.parametrize("text", ["help", "Help!", "what can you do?", "What can you do"])
def test_help(text: str) -> None:
    calls, reply = converse(text, [])
    assert calls == []
    assert "Add a task to buy groceries" in reply and "Delete task 2" in reply


@pytest.mark.parametrize("text", ["asdf qwerty", "what's the weather like", "sing me a song", ""])
def test_unknown_requests_get_examples_and_no_tool_call(text: str) -> None:
    calls, reply = converse(text, [])
    assert calls == []
    assert "Add a task to buy groceries" in reply


def test_unknown_request_is_quoted() -> None:
    assert converse("sing me a song", [])[1].startswith(
        "Sorry, I didn't understand “sing me a song”."
    )


def test_thanks() -> None:
    assert converse("thanks!", [])[1] == "You're welcome! Anything else on your list?"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Add a task: call mom", {"kind": "add", "title": "Call mom"}),
        ("Add a todo called call mom", {"kind": "add", "title": "Call mom"}),
        ("Add call mom to my list", {"kind": "add", "title": "Call mom"}),
        ("Remember to call mom", {"kind": "add", "title": "Call mom"}),
        ("Add buy milk; description: 2 liters", {"kind": "add", "description": "2 liters"}),
        ("My tasks", {"kind": "list", "status": "all"}),
        ("Show open tasks", {"kind": "list", "status": "pending"}),
        ("show unfinished tasks", {"kind": "list", "status": "pending"}),
        ("What did I finish?", {"kind": "list", "status": "completed"}),
        ("Check off task 4", {"kind": "complete", "task_id": 4}),
        ("Get rid of #4", {"kind": "delete", "task_id": 4}),
        ("Complete the report task", {"kind": "complete", "ref": "report"}),
        ("great", {"kind": "thanks"}),
        (
            "Change the description of the groceries task to Y",
            {"kind": "update", "ref": "groceries"},
        ),
        ("hello, what can you do?", {"kind": "help"}),
    ],
)
def test_documented_phrasings(text: str, expected: dict[str, Any]) -> None:
    intent = parse_intent(text)
    assert {key: getattr(intent, key) for key in expected} == expected


def test_parse_intent_is_tolerant() -> None:
    assert parse_intent("  PLEASE   Delete   TASK #7 please!!  ").task_id == 7
    assert parse_intent("Can you show me my tasks?").kind == "list"


# ---------------------------------------------------------------------------------------------
# Input handling, history and determinism
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


def history_of_one_turn() -> list[Any]:
    """A finished earlier turn: "Delete task 1" -> delete_task -> reply."""
    input: list[Any] = [user("Delete task 1")]
    response = respond(input)
    input = with_output(input, response, ok("delete_task", 1, "Call mom"))
    return [*input, *respond(input).to_input_items()]


def test_history_is_never_acted_on() -> None:
    calls, reply = converse("hi", [], history=history_of_one_turn())
    assert calls == [] and reply.startswith("Hello!")


def test_earlier_turn_tool_calls_do_not_count_as_this_turns_steps() -> None:
    calls, reply = converse(
        "Delete task 2", [ok("delete_task", 2, "Team meeting")], history=history_of_one_turn()
    )
    assert calls == [("delete_task", {"task_id": 2})]
    assert reply == "Deleted “Team meeting” (task #2)."


def test_history_with_system_and_assistant_messages() -> None:
    history = [
        {"role": "system", "content": "You manage todos."},
        {"role": "user", "content": "list my tasks"},
        {
            "type": "message",
            "role": "assistant",
            "content": [{"type": "output_text", "text": "Here are..."}],
        },
    ]
    assert converse("complete task 5", [ok("complete_task", 5, "Buy groceries")], history=history)[
        0
    ] == [("complete_task", {"task_id": 5})]


def test_same_input_gives_same_output() -> None:
    input = [user("Delete the meeting task")]
    first = respond(input)
    assert first.output[0].model_dump() == respond(input).output[0].model_dump()
    follow_up = with_output(input, first, listing(TASKS))
    assert respond(follow_up).output[0].model_dump() == respond(follow_up).output[0].model_dump()


def test_call_ids_are_unique_across_steps_and_turns() -> None:
    call_ids: list[str] = []
    input: list[Any] = []
    for _ in range(3):  # the same request three turns in a row, with history replayed
        input = [*input, user("remove the groceries task")]
        response = respond(input)
        call_ids.append(only_item(response).call_id)
        input = with_output(input, response, listing(TASKS))
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


# ---------------------------------------------------------------------------------------------
# Through the real Agents SDK runner (stub tools; the end-to-end tests use the real MCP server)
# ---------------------------------------------------------------------------------------------


def stub_tools(log: list[tuple[str, dict[str, Any]]]) -> list[Any]:
    @function_tool
    def add_task(title: str, description: str = "") -> str:
        """Add a task."""
        log.append(("add_task", {"title": title, "description": description}))
        return json.dumps({"task_id": 1, "status": "created", "title": title})

    @function_tool
    def list_tasks(status: str = "all") -> str:
        """List tasks."""
        log.append(("list_tasks", {"status": status}))
        return listing(TASKS)

    @function_tool
    def complete_task(task_id: int) -> str:
        """Complete a task."""
        log.append(("complete_task", {"task_id": task_id}))
        return json.dumps({"task_id": task_id, "status": "completed", "title": "Report"})

    @function_tool
    def delete_task(task_id: int) -> str:
        """Delete a task."""
        log.append(("delete_task", {"task_id": task_id}))
        title = next(task["title"] for task in TASKS if task["id"] == task_id)
        return json.dumps({"task_id": task_id, "status": "deleted", "title": title})

    @function_tool
    def update_task(task_id: int, title: str | None = None, description: str | None = None) -> str:
        """Update a task."""
        log.append(("update_task", {"task_id": task_id, "title": title}))
        return json.dumps({"task_id": task_id, "status": "updated", "title": title})

    return [add_task, list_tasks, complete_task, delete_task, update_task]


def test_runner_accepts_the_responses() -> None:
    log: list[tuple[str, dict[str, Any]]] = []
    agent = Agent(name="t", model=OfflineModel(), tools=stub_tools(log))
    result = asyncio.run(
        Runner.run(
            agent, "Add a task to buy groceries", run_config=RunConfig(tracing_disabled=True)
        )
    )
    assert log == [("add_task", {"title": "Buy groceries", "description": ""})]
    assert result.final_output == "Added “Buy groceries” (task #1)."


def test_runner_multi_step_lookup_with_history() -> None:
    log: list[tuple[str, dict[str, Any]]] = []
    agent = Agent(name="t", model=OfflineModel(), tools=stub_tools(log))
    config = RunConfig(tracing_disabled=True)
    first = asyncio.run(Runner.run(agent, "remove the groceries task", run_config=config))
    assert first.final_output == "Deleted “Buy groceries” (task #5)."
    second_input = [*first.to_input_list(), user("Delete task 2")]
    second = asyncio.run(Runner.run(agent, second_input, run_config=config))
    assert second.final_output == "Deleted “Team meeting” (task #2)."
    assert log == [
        ("list_tasks", {"status": "all"}),
        ("delete_task", {"task_id": 5}),
        ("delete_task", {"task_id": 2}),
    ]


def test_runner_streamed() -> None:
    log: list[tuple[str, dict[str, Any]]] = []
    agent = Agent(name="t", model=OfflineModel(), tools=stub_tools(log))

    async def run() -> tuple[str, list[str]]:
        result = Runner.run_streamed(
            agent, "I finished the report", run_config=RunConfig(tracing_disabled=True)
        )
        deltas = [
            event.data.delta
            async for event in result.stream_events()
            if event.type == "raw_response_event" and isinstance(event.data, ResponseTextDeltaEvent)
        ]
        return str(result.final_output), deltas

    final_output, deltas = asyncio.run(run())
    assert final_output == "Marked “Report” as complete." == "".join(deltas)
    assert log == [("list_tasks", {"status": "pending"}), ("complete_task", {"task_id": 3})]
