"""ChatKit turns against a real OpenAI-compatible HTTP server (the local fake, in both the
Responses and the Chat Completions wire formats): ids every provider gets right, and earlier
tool calls replayed to the model."""

from __future__ import annotations

import json

import pytest

from conversations.models import Message
from tasks.models import Task
from tests.fakes.openai_server import Cut, Fail, Text, ToolCall, use_as_model

from .support import add_message, create, items_of, list_items, post, retry

pytestmark = pytest.mark.django_db

WIRE_PATHS = {"responses": "/responses", "chat_completions": "/chat/completions"}


@pytest.fixture(params=["responses", "chat_completions"])
def llm(request, llm_server, settings):
    use_as_model(settings, llm_server, api=request.param)
    llm_server.path = WIRE_PATHS[request.param]
    yield llm_server
    assert llm_server.pending_steps == 0, "a scripted step was not consumed"


def test_three_replies_get_three_ids_that_stay_theirs(api_as, llm):
    alice = api_as("alice")
    llm.script([Text("One."), Text("Two."), Text("Three.")])

    first = post(alice, create("first"))
    thread_id = first.events[0]["thread"]["id"]
    streams = [first, post(alice, add_message(thread_id, "second"))]
    streams.append(post(alice, add_message(thread_id, "third")))

    replies = [items_of(stream.events)[-1] for stream in streams]
    assert [reply["content"][0]["text"] for reply in replies] == ["One.", "Two.", "Three."]
    reply_ids = [reply["id"] for reply in replies]
    assert len(set(reply_ids)) == 3
    assert "__fake_id__" not in json.dumps([stream.events for stream in streams])
    # Each id names its own reply on reload: none overwrote another.
    stored = post(alice, list_items(thread_id)).json()["data"]
    texts = {item["id"]: item["content"][0]["text"] for item in stored}
    assert [texts[reply_id] for reply_id in reply_ids] == ["One.", "Two.", "Three."]
    assert len({item["id"] for item in stored}) == len(stored) == 6


def test_a_later_turn_replays_the_earlier_tool_calls_so_it_can_delete_it(api_as, llm):
    alice = api_as("alice")
    llm.script(
        [ToolCall("add_task", {"title": "Buy milk"}, call_id="call_add"), Text("Added task.")]
    )
    first = post(alice, create("add buy milk"))
    thread_id = first.events[0]["thread"]["id"]
    task = Task.objects.get(user_id="alice")
    before = len(llm.requests)
    llm.script(
        [
            ToolCall("delete_task", {"task_id": task.number}, call_id="call_delete"),
            Text("Deleted it."),
        ]
    )

    second = post(alice, add_message(thread_id, "delete it"))

    first_request = [r for r in llm.requests[before:] if r.path.endswith(llm.path)][0]
    sent = json.dumps(first_request.body)
    # The model saw the earlier call, its arguments and its result (the task's number).
    assert "call_add" in sent and "Buy milk" in sent
    assert f'\\"task_id\\": {task.number}' in sent
    assert '"user_id"' not in sent and '\\"user_id\\"' not in sent
    assert not Task.objects.filter(user_id="alice").exists()
    _, tool, reply = items_of(second.events)
    assert tool["copy_text"] == f"Deleted task {task.number}: Buy milk"
    assert reply["content"][0]["text"] == "Deleted it."
    calls = [m.tool_calls for m in Message.objects.filter(role="assistant").order_by("id")]
    assert [[c["id"] for c in turn] for turn in calls] == [["call_add"], ["call_delete"]]


def test_a_retried_reply_replaces_the_old_one_under_a_new_id(api_as, llm):
    alice = api_as("alice")
    llm.script([Text("First try."), Text("Second try.")])
    first = post(alice, create("hello"))
    thread_id = first.events[0]["thread"]["id"]
    question, old_reply = items_of(first.events)

    again = post(alice, retry(thread_id, question["id"]))

    [new_reply] = items_of(again.events)
    assert new_reply["id"] != old_reply["id"]
    stored = post(alice, list_items(thread_id)).json()["data"]
    assert [(item["id"], item["type"]) for item in stored] == [
        (question["id"], "user_message"),
        (new_reply["id"], "assistant_message"),
    ]
    assert stored[1]["content"][0]["text"] == "Second try."
    assert Message.objects.filter(content="First try.").count() == 0


def _model_calls(llm) -> int:
    return len([r for r in llm.requests if r.path.endswith(llm.path)])


def test_retrying_a_message_whose_tool_ran_adds_nothing_again(api_as, llm):
    alice = api_as("alice")
    llm.script([ToolCall("add_task", {"title": "Buy bread"}), Text("Added bread.")])
    first = post(alice, create("add bread"))
    thread_id = first.events[0]["thread"]["id"]
    asked = _model_calls(llm)

    again = post(alice, retry(thread_id, items_of(first.events)[0]["id"]))

    assert again.status_code == 200
    assert Task.objects.filter(user_id="alice").count() == 1
    assert _model_calls(llm) == asked  # the model was not asked again
    [notice] = [event for event in again.events if event["type"] == "notice"]
    assert "nothing was done again" in notice["message"]
    # The stored answer is shown again, under the same ids, and stays.
    assert items_of(again.events) == items_of(first.events)[1:]
    stored = post(alice, list_items(thread_id)).json()["data"]
    assert [item["id"] for item in stored] == [item["id"] for item in items_of(first.events)]
    assert stored[-1]["content"][0]["text"] == "Added bread."


@pytest.mark.parametrize(
    ("first_try", "tasks", "reply"),
    [
        # Nothing ran: the message is answered again.
        ([Fail(500)], 0, "Hello again."),
        # The tool ran, then the model failed: the retry says what was done, runs nothing.
        ([ToolCall("add_task", {"title": "Buy bread"}), Fail(500)], 1, "I was interrupted"),
    ],
    ids=["failed before any tool", "failed after a tool"],
)
def test_retrying_a_failed_turn_never_runs_a_tool_twice(api_as, llm, first_try, tasks, reply):
    alice = api_as("alice")
    llm.script(first_try)
    first = post(alice, create("add bread"))
    assert first.events[-1]["type"] == "error"
    thread_id = first.events[0]["thread"]["id"]
    question = items_of(first.events)[0]
    if not tasks:
        llm.script([Text("Hello again.")])

    again = post(alice, retry(thread_id, question["id"]))

    assert again.status_code == 200
    assert Task.objects.filter(user_id="alice").count() == tasks
    assert items_of(again.events)[-1]["content"][0]["text"].startswith(reply)
    stored = post(alice, list_items(thread_id)).json()["data"]
    assert [item["type"] for item in stored] == ["user_message"] + ["widget"] * tasks + [
        "assistant_message"
    ]
    assert stored[0]["id"] == question["id"]
    assert Message.objects.filter(role="user").count() == 1


@pytest.mark.parametrize(
    ("script", "stored"),
    [
        ([Cut("Here is half of")], ["user_message"]),
        (
            [ToolCall("add_task", {"title": "Buy bread"}), Cut("Added bre")],
            ["user_message", "widget", "assistant_message"],
        ),
    ],
    ids=["no tool", "after a tool"],
)
def test_a_reply_whose_stream_was_cut_is_an_error_never_stored_as_whole(
    api_as, llm, script, stored
):
    alice = api_as("alice")
    llm.script(script)

    response = post(alice, create("add bread"))

    assert response.events[-1] == {
        "type": "error",
        "code": "custom",
        "message": "The assistant is unavailable right now. Try again.",
        "allow_retry": True,
    }
    thread_id = response.events[0]["thread"]["id"]
    items = post(alice, list_items(thread_id)).json()["data"]
    assert [item["type"] for item in items] == stored
    assert not Message.objects.filter(content__startswith="Added bre").exists()
    if len(stored) > 1:  # what was done is said, and marked as cut short
        assert items[-1]["content"][0]["text"].startswith("I was interrupted")
