"""A turn's database work does not grow with the conversation's length."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from asgiref.sync import async_to_sync
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conversations.models import Message, ToolCall
from conversations.services import chat_turn
from conversations.tests.factories import ConversationFactory
from tasks.models import Task, TaskOwner
from tasks.tests.factories import TaskFactory
from todochat.errors import ApplicationError

pytestmark = pytest.mark.django_db


def conversation_with(prior_messages: int) -> int:
    conversation = ConversationFactory(user_id="alice")
    Message.objects.bulk_create(
        Message(
            conversation=conversation,
            user_id="alice",
            role="user" if i % 2 == 0 else "assistant",
            content=f"message {i}",
            tool_calls=None if i % 2 == 0 else [],
        )
        for i in range(prior_messages)
    )
    return conversation.id


def queries_for_one_turn(prior_messages: int, message: str) -> int:
    conversation_id = conversation_with(prior_messages)
    # Everything the turn does in the database runs on this thread's connection (the
    # thread-sensitive steps of an async_to_sync call come back here), so all of it is counted.
    with CaptureQueriesContext(connection) as captured:
        result = async_to_sync(chat_turn)(
            user_id="alice", message=message, conversation_id=conversation_id
        )
    assert result.conversation_id == conversation_id
    # Savepoints stand in for the transactions a real request commits; they are not queries.
    return sum(1 for q in captured if "SAVEPOINT" not in q["sql"])


@pytest.mark.parametrize("message", ["hello", "Show me all my tasks", "Delete the milk task"])
def test_queries_per_turn_are_the_same_at_10_and_500_prior_messages(message):
    TaskFactory(user_id="alice", title="Buy milk")
    TaskFactory(user_id="alice", title="Write report")

    short = queries_for_one_turn(10, message)
    TaskFactory(user_id="alice", title="Buy milk")  # the delete case needs its task back
    long = queries_for_one_turn(500, message)

    assert short == long
    # 5 to begin (with the user's timezone), 1 to finish (the reply, unless a reminder is to be
    # mentioned with it), at
    # most 9 for the tools (a list is its page, the page's tags and reminders, and its count
    # when the page is full; a
    # delete finds the task, writes its event, finds and removes its reminder, removes itself),
    # 1 for each tool call's record (a delete by name is a list, then the delete).
    assert long <= 18


@pytest.mark.parametrize(
    "message, calls",
    [("Show me all my tasks", 1), ("add buy bread", 1), ("Delete the milk task", 2)],
)
def test_each_tool_call_is_recorded_by_one_statement_in_the_tool_s_own_step(message, calls):
    # In the transaction of the change it makes: no `started` record before it, no update
    # after it.
    TaskFactory(user_id="alice", title="Buy milk")
    conversation_id = conversation_with(4)
    with CaptureQueriesContext(connection) as captured:
        async_to_sync(chat_turn)(user_id="alice", message=message, conversation_id=conversation_id)

    records = [q["sql"] for q in captured if "conversations_toolcall" in q["sql"]]
    assert len(records) == calls
    assert all(sql.startswith("INSERT") for sql in records)
    assert ToolCall.objects.filter(state=ToolCall.State.FINISHED).count() == calls


def test_a_turn_with_no_tools_costs_six_queries():
    # Find the conversation and mark it active, read its history, store the message and number
    # its turn; read the user's timezone; store the reply, unless there are reminders to
    # mention (asked by the same statement).
    assert queries_for_one_turn(500, "hi") == 6


def test_a_turn_that_starts_a_conversation_costs_two_statements_on_postgresql():
    # On PostgreSQL the conversation, the question numbered as its turn and the read of the
    # user's timezone are one statement (no transaction to begin and commit around them);
    # elsewhere four. Then the reply.
    with CaptureQueriesContext(connection) as captured:
        result = async_to_sync(chat_turn)(user_id="alice", message="hi")
    statements = [q["sql"] for q in captured if "SAVEPOINT" not in q["sql"]]
    assert len(statements) == (2 if connection.vendor == "postgresql" else 5)

    question, reply = Message.objects.filter(conversation_id=result.conversation_id).order_by("id")
    assert (question.role, question.content, question.turn) == ("user", "hi", question.id)
    assert (reply.role, reply.turn) == ("assistant", question.id)
    assert question.conversation.user_id == "alice"


@pytest.mark.parametrize("stored", [None, "", "Asia/Tokyo"], ids=["new-user", "none", "other"])
def test_a_turn_that_starts_a_conversation_with_a_zone_remembers_it_in_the_same_statement(
    stored,
):
    # The chat page and ChatKit send the browser's zone with every turn: on PostgreSQL it is
    # stored as the user's last in the statement that starts the conversation.
    if stored is not None:
        TaskOwner.objects.create(user_id="alice", timezone=stored)
    with CaptureQueriesContext(connection) as captured:
        result = async_to_sync(chat_turn)(
            user_id="alice", message="hi", timezone="America/New_York"
        )
    statements = [q["sql"] for q in captured if "SAVEPOINT" not in q["sql"]]
    if connection.vendor == "postgresql":
        assert len(statements) == 2
    assert TaskOwner.objects.get(user_id="alice").timezone == "America/New_York"
    assert result.conversation_id
    # The next turn, sent without one, is in that zone.
    async_to_sync(chat_turn)(user_id="alice", message="add dentist tomorrow at 9am")
    due = Task.objects.get(user_id="alice").due_at.astimezone(ZoneInfo("America/New_York"))
    assert (due.hour, due.minute) == (9, 0)


def test_a_new_conversation_with_an_unknown_zone_is_refused_and_stores_nothing():
    with pytest.raises(ApplicationError):
        async_to_sync(chat_turn)(user_id="alice", message="hi", timezone="Mars/Olympus")
    assert not Message.objects.exists()
    assert not TaskOwner.objects.exists()


def test_an_earlier_turn_that_failed_before_any_tool_costs_one_look_at_the_record(settings):
    conversation_id = conversation_with(10)
    failed = Message.objects.create(
        conversation_id=conversation_id, user_id="alice", role="user", content="hi?"
    )
    long_ago = timezone.now() - timedelta(seconds=settings.IDEMPOTENCY_LEASE_S + 60)
    Message.objects.filter(id=failed.id).update(turn=failed.id, created_at=long_ago)

    with CaptureQueriesContext(connection) as captured:
        async_to_sync(chat_turn)(user_id="alice", message="hi", conversation_id=conversation_id)

    # The six of a turn with no tools (`test_a_turn_with_no_tools_costs_six_queries`), and one.
    assert sum(1 for q in captured if "SAVEPOINT" not in q["sql"]) == 7
    assert not Message.objects.filter(turn=failed.id, role="assistant").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's round trips")
def test_a_list_is_recorded_without_a_transaction_around_it_on_postgresql():
    # A list changes nothing: its read and its record need no BEGIN and COMMIT around them (in
    # a test's transaction, a savepoint would stand for them). Nor does the rest of a turn that
    # starts a conversation.
    TaskFactory(user_id="alice", title="Buy milk")
    with CaptureQueriesContext(connection) as captured:
        result = async_to_sync(chat_turn)(user_id="alice", message="Show me all my tasks")

    assert [call["name"] for call in result.tool_calls] == ["list_tasks"]
    assert not [q["sql"] for q in captured if "SAVEPOINT" in q["sql"]]
    record = ToolCall.objects.get(turn=Message.objects.get(role="user").id)
    assert (record.name, record.state, record.result["count"]) == ("list_tasks", "finished", 1)
