"""`manage.py chat`: the same turn as the API, in a terminal."""

import io

import pytest
from django.core.management import CommandError, call_command

from conversations.models import Conversation
from tasks.models import Task
from tests.fakes.openai_server import Fail, FakeOpenAIServer

pytestmark = pytest.mark.django_db(transaction=True)


def run_chat(*args: str) -> str:
    out = io.StringIO()
    call_command("chat", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_messages_are_answered_with_their_tool_calls():
    output = run_chat("alice", "-m", "Add a task to buy milk", "-m", "Show me all my tasks")

    assert Task.objects.get().title == "Buy milk"
    assert '[add_task {"title": "Buy milk"} → ok]' in output
    assert "assistant> Added “Buy milk”" in output
    assert "[list_tasks" in output
    conversation = Conversation.objects.get()
    assert f"(conversation {conversation.id})" in output
    assert conversation.messages.count() == 4


def test_an_earlier_conversation_can_be_continued():
    run_chat("alice", "-m", "Add a task to buy milk")
    conversation = Conversation.objects.get()

    run_chat("alice", "--conversation", str(conversation.id), "-m", "What's pending?")

    assert Conversation.objects.count() == 1
    assert conversation.messages.count() == 4


def test_another_users_conversation_is_refused():
    run_chat("alice", "-m", "hello")
    conversation = Conversation.objects.get()

    with pytest.raises(CommandError, match="not found"):
        run_chat("bob", "--conversation", str(conversation.id), "-m", "hello")


@pytest.mark.parametrize("number", ["0", "-5", str(2**63), "9" * 30])
def test_a_conversation_number_no_row_can_have_is_not_found(number):
    # Past 2**63 - 1 it was a traceback on SQLite (OverflowError), not "not found".
    with pytest.raises(CommandError, match=f"Conversation {number} not found"):
        run_chat("alice", "--conversation", number, "-m", "hello")


def test_a_failing_model_is_reported_and_the_message_kept(settings):
    with FakeOpenAIServer() as llm:
        settings.AGENT_MODEL = "gpt-4.1-mini"
        settings.OPENAI_BASE_URL = llm.base_url
        settings.AGENT_MODEL_API = "chat_completions"
        settings.AGENT_MAX_RETRIES = 0
        llm.script([Fail(500)])

        with pytest.raises(CommandError, match="could not answer"):
            run_chat("alice", "-m", "hello")

    assert Conversation.objects.get().messages.get().content == "hello"


@pytest.mark.parametrize(
    ("message", "problem"),
    [("", "must not be blank"), ("   ", "must not be blank"), ("x" * 4001, "at most 4000")],
    ids=["empty", "blank", "too-long"],
)
def test_a_message_the_api_would_refuse_is_a_clear_error_and_stores_nothing(message, problem):
    with pytest.raises(CommandError, match=problem):
        run_chat("alice", "-m", message)

    assert not Conversation.objects.exists()
