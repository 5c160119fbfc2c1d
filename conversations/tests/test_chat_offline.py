"""Full chat turns over HTTP with the offline model: the real Agents SDK runner, the real MCP
protocol (in-process), the real database. Each phrasing is checked by what it did to the tasks
and by what the assistant said."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from conversations.models import Conversation, Message
from tasks import schedule
from tasks.models import Task
from tasks.tests.factories import TaskFactory

pytestmark = pytest.mark.django_db


def chat(client, user_id, message, conversation_id=None):
    body = {"message": message}
    if conversation_id is not None:
        body["conversation_id"] = conversation_id
    response = client.post(f"/api/{user_id}/chat", body, format="json")
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def alice(api_as):
    return api_as("alice")


@pytest.mark.parametrize(
    ("message", "title", "description"),
    [
        ("Add a task to buy groceries", "Buy groceries", ""),
        ("I need to remember to pay bills", "Pay bills", ""),
        ("Add buy milk with description 2 liters", "Buy milk", "2 liters"),
    ],
)
def test_adding_a_task(alice, message, title, description):
    answer = chat(alice, "alice", message)

    task = Task.objects.get(user_id="alice")
    assert (task.title, task.description, task.completed) == (title, description, False)
    assert title in answer["response"]
    [call] = answer["tool_calls"]
    assert call["name"] == "add_task"
    assert call["arguments"]["user_id"] == "alice"
    result = call["result"]
    assert (result["task_id"], result["status"], result["title"]) == (task.number, "created", title)
    assert call["is_error"] is False
    assert call["id"].startswith("call_")


@pytest.mark.parametrize(
    ("message", "shown", "hidden", "lists"),
    [
        ("Show me all my tasks", ["Write report", "Buy milk"], [], 1),
        ("What's pending?", ["Write report"], ["Buy milk"], 1),
        # Then the repeating tasks completed before (pending again): none here.
        ("What have I completed?", ["Buy milk"], ["Write report"], 2),
    ],
)
def test_listing_tasks(alice, message, shown, hidden, lists):
    TaskFactory(user_id="alice", title="Write report")
    TaskFactory(user_id="alice", title="Buy milk", completed=True)
    TaskFactory(user_id="bob", title="Bob's secret plan")

    answer = chat(alice, "alice", message)

    for title in shown:
        assert title in answer["response"]
    for title in [*hidden, "Bob's secret plan"]:
        assert title not in answer["response"]
    assert [call["name"] for call in answer["tool_calls"]] == ["list_tasks"] * lists


def test_completing_by_id(alice):
    task = TaskFactory(user_id="alice", title="Report")

    answer = chat(alice, "alice", f"Mark task {task.number} as complete")

    task.refresh_from_db()
    assert task.completed
    assert "Report" in answer["response"]


def test_deleting_by_id(alice):
    task = TaskFactory(user_id="alice", title="Old thing")

    answer = chat(alice, "alice", f"Delete task {task.number}")

    assert not Task.objects.filter(id=task.id).exists()
    assert "Old thing" in answer["response"]


def test_deleting_by_title_lists_then_deletes_the_match(alice):
    keep = TaskFactory(user_id="alice", title="Buy milk")
    meeting = TaskFactory(user_id="alice", title="Team meeting")

    answer = chat(alice, "alice", "Delete the meeting task")

    assert [c["name"] for c in answer["tool_calls"]] == ["list_tasks", "delete_task"]
    assert answer["tool_calls"][1]["arguments"]["task_id"] == meeting.number
    assert list(Task.objects.values_list("id", flat=True)) == [keep.id]
    assert "Team meeting" in answer["response"]


def test_deleting_by_an_ambiguous_title_asks_and_changes_nothing(alice):
    TaskFactory(user_id="alice", title="Meeting with Ann")
    TaskFactory(user_id="alice", title="Meeting with Bo")

    answer = chat(alice, "alice", "Delete the meeting task")

    assert [c["name"] for c in answer["tool_calls"]] == ["list_tasks"]
    assert Task.objects.count() == 2
    assert "Meeting with Ann" in answer["response"] and "Meeting with Bo" in answer["response"]


def test_deleting_a_title_nobody_has_changes_nothing(alice):
    TaskFactory(user_id="alice", title="Buy milk")

    answer = chat(alice, "alice", "Delete the meeting task")

    assert Task.objects.count() == 1
    assert "meeting" in answer["response"].lower()


def test_changing_a_title_by_id(alice):
    task = TaskFactory(user_id="alice", title="Call mom")

    chat(alice, "alice", f"Change task {task.number} to 'Call mom tonight'")

    task.refresh_from_db()
    assert task.title == "Call mom tonight"


def test_renaming_by_title(alice):
    task = TaskFactory(user_id="alice", title="groceries")

    answer = chat(alice, "alice", "Rename groceries to weekly groceries")

    task.refresh_from_db()
    # The offline model capitalises titles it writes.
    assert task.title == "Weekly groceries"
    assert "Weekly groceries" in answer["response"]


def test_finishing_by_title(alice):
    report = TaskFactory(user_id="alice", title="Quarterly report")
    other = TaskFactory(user_id="alice", title="Buy milk")

    chat(alice, "alice", "I finished the report")

    report.refresh_from_db()
    other.refresh_from_db()
    assert report.completed and not other.completed


@pytest.mark.parametrize("message", ["Hello!", "help"])
def test_greetings_and_help_use_no_tools(alice, message):
    answer = chat(alice, "alice", message)

    assert answer["tool_calls"] == []
    assert answer["response"]


def test_a_tool_error_is_reported_not_claimed_as_success(alice):
    answer = chat(alice, "alice", "Delete task 999")

    [call] = answer["tool_calls"]
    assert call["is_error"] is True
    assert "Task 999 not found" in call["result"]["error"]
    assert "Deleted" not in answer["response"]
    assert "999" in answer["response"]


def test_the_turn_is_stored_user_message_then_reply_with_its_tool_calls(alice):
    answer = chat(alice, "alice", "Add a task to buy groceries")

    conversation = Conversation.objects.get(id=answer["conversation_id"])
    assert conversation.user_id == "alice"
    user_message, reply = conversation.messages.order_by("created_at", "id")
    assert (user_message.role, user_message.content, user_message.tool_calls) == (
        "user",
        "Add a task to buy groceries",
        None,
    )
    assert (reply.role, reply.content) == ("assistant", answer["response"])
    assert reply.tool_calls == answer["tool_calls"]


def test_a_conversation_continues_where_it_left_off(alice):
    first = chat(alice, "alice", "Add a task to buy groceries")
    second = chat(alice, "alice", "Show me all my tasks", first["conversation_id"])

    assert second["conversation_id"] == first["conversation_id"]
    assert "Buy groceries" in second["response"]
    assert Message.objects.filter(conversation_id=first["conversation_id"]).count() == 4
    assert Conversation.objects.count() == 1


def test_the_conversation_with_the_latest_turn_is_listed_first(alice):
    older = chat(alice, "alice", "hello")["conversation_id"]
    newer = chat(alice, "alice", "hello")["conversation_id"]
    assert [c["id"] for c in alice.get("/api/alice/conversations").json()["results"]] == [
        newer,
        older,
    ]

    chat(alice, "alice", "hello again", older)

    listed = alice.get("/api/alice/conversations").json()["results"]
    assert [c["id"] for c in listed] == [older, newer]
    assert listed[0]["updated_at"] > listed[0]["created_at"]


def test_conversations_are_listed_by_their_title_or_first_message(alice):
    # The list named none of them: the page could only show "Chat <global id>".
    short = chat(alice, "alice", "add buy milk")["conversation_id"]
    chat(alice, "alice", "show my tasks", short)
    long = chat(alice, "alice", "remember  this:\n" + "word " * 40)["conversation_id"]
    titled = chat(alice, "alice", "hello")["conversation_id"]
    Conversation.objects.filter(id=titled).update(title="Groceries")
    empty = Conversation.objects.create(user_id="alice").id

    listed = {c["id"]: c["title"] for c in alice.get("/api/alice/conversations").json()["results"]}

    assert listed[short] == "add buy milk"
    assert listed[long].startswith("remember this: word word")
    assert len(listed[long]) == 80 and listed[long].endswith("…")
    assert listed[titled] == "Groceries"
    assert listed[empty] == ""


def test_the_model_cannot_reach_another_users_tasks(alice):
    bobs = TaskFactory(user_id="bob", title="Bob's task")

    answer = chat(alice, "alice", f"Delete task {bobs.number}")

    assert Task.objects.filter(id=bobs.id).exists()
    assert answer["tool_calls"][0]["is_error"] is True
    assert "not found" in answer["tool_calls"][0]["result"]["error"]


@pytest.mark.parametrize(
    "query", ["page=", "page=0", "page=-1", "page=abc", "page=1.5", "page=last", "page_size=0"]
)
def test_page_parameters_that_are_not_whole_numbers_are_a_400(alice, query):
    conversation_id = chat(alice, "alice", "hello")["conversation_id"]

    for path in (
        "/api/alice/conversations",
        f"/api/alice/conversations/{conversation_id}/messages",
    ):
        response = alice.get(f"{path}?{query}")

        assert response.status_code == 400, response.content
        error = response.json()["error"]
        assert error["code"] == "invalid"
        assert list(error["fields"]) == [query.split("=")[0]]


def test_pages_are_numbered_from_1_and_a_page_past_the_end_is_a_404(alice):
    for _ in range(3):
        chat(alice, "alice", "hello")

    second = alice.get("/api/alice/conversations?page=2&page_size=2").json()
    past_the_end = alice.get("/api/alice/conversations?page=3&page_size=2")

    assert (second["count"], len(second["results"]), second["next"]) == (3, 1, None)
    assert past_the_end.status_code == 404
    assert past_the_end.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    ("timezone", "message", "said"),
    [
        # Said in December, due after the clocks go forward: shown at the time the user gave.
        ("Europe/Paris", "add dentist on april 10 at 9am", "9 am"),
        ("America/New_York", "add call mom july 1 at 6pm", "6 pm"),
        # And the other way round, in the southern hemisphere.
        ("Australia/Sydney", "add pay the rent on june 3 at 10am", "10 am"),
    ],
)
def test_times_across_a_daylight_saving_change_are_told_as_given(
    alice, monkeypatch, timezone, message, said
):
    moment = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
    monkeypatch.setattr(schedule, "now", lambda: moment)
    body = {"message": message, "timezone": timezone}
    added = alice.post("/api/alice/chat", body, format="json").json()
    listed = alice.post(
        "/api/alice/chat",
        {"message": "show my tasks", "conversation_id": added["conversation_id"]},
        format="json",
    ).json()

    [call] = added["tool_calls"]
    local = datetime.fromisoformat(call["result"]["task"]["due"])
    assert local.astimezone(ZoneInfo(timezone)).strftime("%H:%M") == local.strftime("%H:%M")
    assert said in added["response"], added["response"]
    assert said in listed["response"], listed["response"]
