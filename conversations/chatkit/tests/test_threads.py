"""ChatKit requests (the SDK's own types) posted to `POST /api/chatkit` with the offline model:
the real Agents SDK runner, the real MCP tools, the real database. Checked by the events a
ChatKit client sees and by the rows stored."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from conversations.models import Conversation, IdempotencyKey, Message
from tasks.models import Task
from tests.support.errors import assert_error_shape

from .support import (
    add_message,
    create,
    delete,
    feedback,
    get_thread,
    items_of,
    list_items,
    list_threads,
    post,
    rename,
    retry,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(api_as):
    return api_as("alice")


def start(client, text: str) -> tuple[str, list[dict]]:
    """A new thread from a first message: its id and the stream's events."""
    response = post(client, create(text))
    assert response.status_code == 200, response.content
    return response.events[0]["thread"]["id"], response.events


def say(client, thread_id: str, text: str) -> list[dict]:
    response = post(client, add_message(thread_id, text))
    assert response.status_code == 200, response.content
    return response.events


def all_items(client, thread_id: str, **params) -> list[dict]:
    response = post(client, list_items(thread_id, **params))
    assert response.status_code == 200, response.content
    return response.json()["data"]


def test_a_new_thread_streams_the_message_the_tool_call_and_the_reply(alice):
    response = post(alice, create("Add a task to buy milk"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/event-stream"
    events = response.events
    assert [event["type"] for event in events] == [
        "thread.created",
        "thread.item.done",  # the user's message
        "stream_options",
        "progress_update",
        "progress_update",  # the tool call runs…
        "progress_update",  # …and is done
        "thread.item.done",  # the tool call
        "thread.item.added",  # the reply…
        "thread.item.updated",
        "thread.item.done",
    ]
    question, tool, reply = items_of(events)
    task = Task.objects.get(user_id="alice")
    progress = [event["text"] for event in events if event["type"] == "progress_update"]
    assert progress == ["Working on it…", "Adding a task…", f"Added task {task.number}: Buy milk"]
    assert question["content"][0]["text"] == "Add a task to buy milk"
    assert tool["type"] == "widget"
    assert tool["copy_text"] == f"Added task {task.number}: Buy milk"
    assert reply["type"] == "assistant_message"
    assert reply["content"][0]["text"] == f"Added “Buy milk” (task #{task.number})."


def test_streamed_times_carry_their_zone_as_the_stored_ones_do(alice):
    # ChatKit's own stamps had none: a browser reads such a time as its local time.
    thread_id, events = start(alice, "Add a task to buy milk")

    [created] = [event["thread"] for event in events if event["type"] == "thread.created"]
    shown = [created["created_at"], *(item["created_at"] for item in items_of(events))]
    stored = post(alice, get_thread(thread_id)).json()

    for moment in [*shown, stored["created_at"]]:
        assert datetime.fromisoformat(moment).utcoffset() == timedelta(0), moment
    assert abs(
        datetime.fromisoformat(created["created_at"]) - datetime.fromisoformat(stored["created_at"])
    ) < timedelta(seconds=5)


def test_the_turn_is_stored_as_the_chat_api_stores_it_under_the_streamed_ids(alice):
    thread_id, events = start(alice, "Add a task to buy milk")

    conversation = Conversation.objects.get(user_id="alice")
    assert thread_id == f"thr_{conversation.id}"
    question, reply = Message.objects.filter(conversation=conversation).order_by("turn", "id")
    assert (question.role, question.content) == ("user", "Add a task to buy milk")
    assert reply.role == "assistant" and reply.turn == question.id
    [call] = reply.tool_calls
    assert call["name"] == "add_task" and call["arguments"]["user_id"] == "alice"
    # The ids the stream announced are the ids the rows answer to, on any later request.
    streamed = [item["id"] for item in items_of(events)]
    assert [item["id"] for item in all_items(alice, thread_id)] == streamed
    assert question.public_id == streamed[0]


def test_a_message_after_a_quote_is_understood_and_stored_with_the_quote(alice):
    # The offline model read the quote as part of the request and understood nothing.
    response = post(alice, create("add buy apples", quoted_text="from the email\nsecond line"))

    assert response.status_code == 200, response.content
    assert list(Task.objects.filter(user_id="alice").values_list("title", flat=True)) == [
        "Buy apples"
    ]
    stored = Message.objects.get(role="user")
    assert stored.content == "> from the email\n> second line\n\nadd buy apples"


def test_a_second_message_continues_the_same_conversation(alice):
    thread_id, _ = start(alice, "Add a task to buy milk")

    events = say(alice, thread_id, "Show me all my tasks")

    assert Conversation.objects.filter(user_id="alice").count() == 1
    *_, reply = items_of(events)
    assert "Buy milk" in reply["content"][0]["text"]
    assert Message.objects.filter(conversation__user_id="alice").count() == 4


def test_items_page_forwards_and_backwards_without_gaps_or_repeats(alice):
    thread_id, _ = start(alice, "Add a task to buy milk")
    say(alice, thread_id, "Add a task to call mom")
    say(alice, thread_id, "hi")
    everything = [item["id"] for item in all_items(alice, thread_id, limit=200)]
    assert len(everything) == 8  # 3 questions, 2 tool calls, 3 replies

    for order, expected in (("asc", everything), ("desc", everything[::-1])):
        seen, after = [], None
        while True:
            response = post(alice, list_items(thread_id, limit=3, after=after, order=order))
            page = response.json()
            seen += [item["id"] for item in page["data"]]
            if not page["has_more"]:
                break
            after = page["after"]
        assert seen == expected


def test_threads_list_pages_newest_first_and_shows_titles(alice, api_as):
    ids = [start(alice, f"Add a task to buy item {n}")[0] for n in range(3)]
    start(api_as("bob"), "Add a task to buy a boat")
    renamed = post(alice, rename(ids[0], "  Shopping  "))
    assert renamed.status_code == 200
    # The answer shows the title as stored, as a later read does.
    assert renamed.json()["title"] == "Shopping"

    answer = post(alice, list_threads(limit=2))
    assert answer["Content-Type"] == "application/json"
    first = answer.json()
    second = post(alice, list_threads(limit=2, after=first["after"])).json()

    assert [t["id"] for t in first["data"]] == [ids[2], ids[1]]
    assert first["has_more"] is True
    assert [(t["id"], t.get("title")) for t in second["data"]] == [(ids[0], "Shopping")]
    assert second["has_more"] is False
    assert post(alice, get_thread(ids[0])).json()["title"] == "Shopping"


@pytest.mark.parametrize("limit", [0, -100, 201, 1000])
def test_a_page_size_outside_1_to_200_is_a_400(alice, limit):
    thread_id, _ = start(alice, "hi")

    for request in (list_threads(limit=limit), list_items(thread_id, limit=limit)):
        response = post(alice, request)
        assert response.status_code == 400, (request.type, response.content)
        assert "params.limit" in assert_error_shape(response.json())["fields"]


def test_feedback_on_an_item_that_is_not_in_the_thread_is_a_404_and_stores_nothing(alice, api_as):
    thread_id, events = start(alice, "hi")
    reply = items_of(events)[-1]
    other_thread, other_events = start(alice, "hello")
    bobs_thread, bobs_events = start(api_as("bob"), "hey")

    for stranger in (
        "garbage",
        "msg_99999",
        items_of(other_events)[-1]["id"],
        items_of(bobs_events)[-1]["id"],
    ):
        response = post(alice, feedback(thread_id, [reply["id"], stranger], "negative"))
        assert response.status_code == 404, (stranger, response.content)
        assert assert_error_shape(response.json())["code"] == "not_found"
    assert not Message.objects.exclude(feedback="").exists()


def test_a_title_over_the_limit_is_refused(alice):
    thread_id, _ = start(alice, "hi")

    response = post(alice, rename(thread_id, "x" * 201))

    assert response.status_code == 400
    assert "title" in assert_error_shape(response.json())["fields"]


def test_deleting_a_thread_deletes_its_conversation(alice):
    thread_id, _ = start(alice, "Add a task to buy milk")

    assert post(alice, delete(thread_id)).status_code == 200

    assert not Conversation.objects.filter(user_id="alice").exists()
    assert not Message.objects.filter(user_id="alice").exists()
    assert Task.objects.filter(user_id="alice").count() == 1  # the tasks are not the chat's
    assert post(alice, get_thread(thread_id)).status_code == 404


def test_retrying_a_message_replaces_its_reply_and_keeps_its_id(alice):
    thread_id, events = start(alice, "hi")
    question = items_of(events)[0]
    say(alice, thread_id, "Add a task to buy milk")

    response = post(alice, retry(thread_id, question["id"]))

    assert response.status_code == 200
    [reply] = items_of(response.events)
    items = all_items(alice, thread_id)
    # Everything after the message is really deleted, and the message is answered again.
    assert [item["id"] for item in items] == [question["id"], reply["id"]]
    assert Message.objects.filter(user_id="alice").count() == 2
    assert Message.objects.get(user_id="alice", role="user").public_id == question["id"]


def test_feedback_is_stored_on_the_reply(alice):
    thread_id, events = start(alice, "hi")
    reply = items_of(events)[-1]

    response = post(alice, feedback(thread_id, [reply["id"]], "negative"))

    assert response.status_code == 200
    assert Message.objects.get(role="assistant").feedback == "negative"


def test_a_conversation_from_the_chat_api_reads_as_a_thread(alice):
    chat = alice.post("/api/alice/chat", {"message": "Add a task to buy milk"}, format="json")
    conversation_id = chat.json()["conversation_id"]
    task = Task.objects.get(user_id="alice")

    items = all_items(alice, f"thr_{conversation_id}")

    assert [item["type"] for item in items] == ["user_message", "widget", "assistant_message"]
    assert items[0]["content"][0]["text"] == "Add a task to buy milk"
    assert items[1]["copy_text"] == f"Added task {task.number}: Buy milk"
    assert items[2]["content"][0]["text"] == chat.json()["response"]
    [thread] = post(alice, list_threads()).json()["data"]
    assert thread["id"] == f"thr_{conversation_id}"


def test_a_thread_reads_and_continues_through_the_chat_api(alice):
    thread_id, events = start(alice, "Add a task to buy milk")
    conversation_id = int(thread_id.removeprefix("thr_"))

    history = alice.get(f"/api/alice/conversations/{conversation_id}/messages").json()["results"]
    chat = alice.post(
        "/api/alice/chat",
        {"message": "Show me all my tasks", "conversation_id": conversation_id},
        format="json",
    )

    streamed_reply = items_of(events)[-1]
    assert [(m["role"], m["content"]) for m in history] == [
        ("user", "Add a task to buy milk"),
        ("assistant", streamed_reply["content"][0]["text"]),
    ]
    assert history[1]["tool_calls"][0]["name"] == "add_task"
    assert chat.status_code == 200 and "Buy milk" in chat.json()["response"]
    texts = [item["content"][0]["text"] for item in all_items(alice, thread_id)[-3::2]]
    assert texts == ["Show me all my tasks", chat.json()["response"]]


def test_a_user_message_whose_stored_item_no_longer_parses_reads_as_its_text(alice):
    thread_id, _ = start(alice, "hi")
    Message.objects.filter(role="user").update(payload={"content": "not a list"})

    [question, _] = all_items(alice, thread_id)

    assert question["content"] == [{"type": "input_text", "text": "hi"}]


def _cut_short(*, lease_left: timedelta) -> None:
    """As if the process running the last turn were killed after its tool ran: no reply, the
    tool call recorded, the turn's key held for `lease_left` more."""
    Message.objects.filter(role="assistant").delete()
    IdempotencyKey.objects.update(
        state=IdempotencyKey.State.IN_PROGRESS,
        response=None,
        lease_expires_at=timezone.now() + lease_left,
    )


@pytest.mark.parametrize(
    ("lease_left", "shown"),
    [
        (timedelta(seconds=60), "This message is still being answered. Try again in a moment."),
        (timedelta(seconds=-1), "I was interrupted before I could finish answering."),
    ],
    ids=["while its turn may still run", "after its process died"],
)
def test_retrying_a_turn_cut_short_never_runs_its_tool_again(alice, lease_left, shown):
    thread_id, events = start(alice, "Add a task to buy bread")
    _cut_short(lease_left=lease_left)

    response = post(alice, retry(thread_id, items_of(events)[0]["id"]))

    assert response.status_code == 200
    assert Task.objects.filter(user_id="alice").count() == 1
    texts = [e.get("message") for e in response.events if e["type"] == "error"]
    texts += [item["content"][0]["text"] for item in items_of(response.events)[-1:]]
    assert any(text and text.startswith(shown) for text in texts), response.events


def test_retrying_a_message_sent_through_the_chat_api_adds_nothing_again(alice):
    chat = alice.post("/api/alice/chat", {"message": "Add a task to buy bread"}, format="json")
    thread_id = f"thr_{chat.json()['conversation_id']}"
    question = all_items(alice, thread_id)[0]

    response = post(alice, retry(thread_id, question["id"]))

    assert response.status_code == 200
    assert Task.objects.filter(user_id="alice").count() == 1
    assert items_of(response.events)[-1]["content"][0]["text"] == chat.json()["response"]
    assert [e["type"] for e in response.events].count("notice") == 1


@pytest.mark.parametrize(
    ("count", "distinct", "status"),
    [(4000, False, 200), (200, True, 404), (201, True, 400)],
    ids=["one id many times", "200 ids", "201 ids"],
)
def test_feedback_on_many_items_is_answered_at_once(alice, count, distinct, status):
    thread_id, events = start(alice, "hi")
    reply = items_of(events)[-1]["id"]
    item_ids = [f"tc_{n}" for n in range(count - 1)] + [reply] if distinct else [reply] * count

    response = post(alice, feedback(thread_id, item_ids, "positive"))

    assert response.status_code == status, response.content
    if status == 400:
        assert "params.item_ids" in assert_error_shape(response.json())["fields"]
    assert Message.objects.get(role="assistant").feedback == ("positive" if status == 200 else "")
