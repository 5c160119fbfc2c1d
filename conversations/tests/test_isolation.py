"""One user can neither see nor touch another's data: conversations (listing, reading,
continuing) through the API, tasks through the agent — whatever the model asks for.

Deleting another's task by id (offline model) is in test_chat_offline.py; a model sending another
user's id for add/delete is in test_chat_llm.py.
"""

import pytest

from conversations.models import Conversation, Message
from tasks.models import Task
from tasks.tests.factories import TaskFactory
from tests.fakes.openai_server import FakeOpenAIServer, Text, ToolCall

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(api_as):
    return api_as("alice")


@pytest.fixture
def bob(api_as):
    return api_as("bob")


@pytest.fixture
def alices_conversation(alice) -> int:
    response = alice.post("/api/alice/chat", {"message": "Add a task to buy milk"}, format="json")
    assert response.status_code == 200
    return response.json()["conversation_id"]


def not_found(conversation_id: int) -> dict:
    return {"error": {"code": "not_found", "message": f"Conversation {conversation_id} not found"}}


def test_another_users_conversations_are_not_listed(bob, alices_conversation):
    response = bob.get("/api/bob/conversations")

    assert response.status_code == 200
    assert response.json()["results"] == []


def test_reading_another_users_conversation_is_404_as_if_it_did_not_exist(bob, alices_conversation):
    theirs = bob.get(f"/api/bob/conversations/{alices_conversation}/messages")
    missing = bob.get(f"/api/bob/conversations/{alices_conversation + 1000}/messages")

    assert (theirs.status_code, missing.status_code) == (404, 404)
    assert theirs.json() == not_found(alices_conversation)
    assert missing.json() == not_found(alices_conversation + 1000)


def test_continuing_another_users_conversation_is_404_and_changes_nothing(bob, alices_conversation):
    messages = Message.objects.count()

    response = bob.post(
        "/api/bob/chat",
        {"message": "Delete task 1", "conversation_id": alices_conversation},
        format="json",
    )

    assert response.status_code == 404
    assert response.json() == not_found(alices_conversation)
    assert Message.objects.count() == messages
    assert list(Conversation.objects.values_list("user_id", flat=True)) == ["alice"]
    assert Task.objects.filter(user_id="alice").count() == 1


@pytest.mark.parametrize(
    "message", ["Mark task {id} as complete", "Change task {id} to 'Hijacked'"]
)
def test_the_offline_model_cannot_change_another_users_task(bob, message):
    task = TaskFactory(user_id="alice", title="Alice's task")

    response = bob.post("/api/bob/chat", {"message": message.format(id=task.number)}, format="json")

    [call] = response.json()["tool_calls"]
    assert call["is_error"] is True
    assert call["result"]["error"] == f"Task {task.number} not found."
    task.refresh_from_db()
    assert (task.title, task.completed) == ("Alice's task", False)


@pytest.fixture
def llm(settings):
    """A fake OpenAI-compatible model server, configured as the product's model."""
    with FakeOpenAIServer(policy="no_tool") as server:
        settings.AGENT_MODEL = "gpt-4.1-mini"
        settings.OPENAI_API_KEY = "test-key"
        settings.OPENAI_BASE_URL = server.base_url
        settings.AGENT_MODEL_API = "chat_completions"
        settings.AGENT_MAX_RETRIES = 0
        server.path = "/chat/completions"
        yield server


def test_a_model_naming_another_user_reaches_only_the_requesters_tasks(bob, llm):
    TaskFactory(user_id="alice", title="Alice's first task")
    # Alice's task 2: Bob has no task 2, so naming it reaches nothing of his or hers.
    task = TaskFactory(user_id="alice", title="Alice's task")
    TaskFactory(user_id="bob", title="Bob's task")
    llm.script(
        [
            ToolCall("list_tasks", {"user_id": "alice"}),
            ToolCall("complete_task", {"user_id": "alice", "task_id": task.number}),
            ToolCall("update_task", {"user_id": "alice", "task_id": task.number, "title": "Mine"}),
            Text("Done."),
        ]
    )

    response = bob.post("/api/bob/chat", {"message": "do alice's things"}, format="json")

    listed, completed, updated = response.json()["tool_calls"]
    assert all(call["arguments"]["user_id"] == "bob" for call in (listed, completed, updated))
    assert [t["title"] for t in listed["result"]["tasks"]] == ["Bob's task"]
    assert completed["is_error"] is True and updated["is_error"] is True
    task.refresh_from_db()
    assert (task.title, task.completed) == ("Alice's task", False)
    assert llm.pending_steps == 0
