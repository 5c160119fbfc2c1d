"""Retries with an Idempotency-Key get the first answer and run no tool twice."""

import pytest

from conversations.models import IdempotencyKey, Message
from tasks.models import Task
from tests.fakes.openai_server import Fail, FakeOpenAIServer, Text

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(api_as):
    return api_as("alice")


def chat(client, body, key):
    return client.post("/api/alice/chat", body, format="json", HTTP_IDEMPOTENCY_KEY=key)


def test_a_retry_returns_the_stored_answer_and_adds_nothing(alice):
    body = {"message": "Add a task to buy groceries"}

    first = chat(alice, body, "key-1")
    retry = chat(alice, body, "key-1")

    assert first.status_code == retry.status_code == 200
    assert retry.json() == first.json()
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert Task.objects.count() == 1
    assert Message.objects.count() == 2


def test_a_new_key_runs_a_new_turn(alice):
    body = {"message": "Add a task to buy groceries"}

    chat(alice, body, "key-1")
    chat(alice, body, "key-2")

    assert Task.objects.count() == 2


@pytest.mark.parametrize(
    "other",
    [
        {"message": "Add a task to pay bills", "timezone": "UTC"},
        {"message": "Add a task to buy groceries tomorrow", "timezone": "Pacific/Auckland"},
        {"message": "Add a task to buy groceries tomorrow"},
    ],
    ids=["message", "timezone changed", "timezone left out"],
)
def test_the_same_key_with_another_body_is_refused(alice, other):
    chat(alice, {"message": "Add a task to buy groceries tomorrow", "timezone": "UTC"}, "key-1")

    response = chat(alice, other, "key-1")

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "unprocessable"
    assert Task.objects.count() == 1


def test_keys_belong_to_one_user(alice, api_as):
    body = {"message": "Add a task to buy groceries"}
    chat(alice, body, "shared-key")

    response = api_as("bob").post(
        "/api/bob/chat", body, format="json", HTTP_IDEMPOTENCY_KEY="shared-key"
    )

    assert response.status_code == 200
    assert "Idempotent-Replayed" not in response.headers
    assert Task.objects.filter(user_id="bob").count() == 1


def test_a_key_still_in_progress_gives_409(alice):
    body = {"message": "Add a task to buy groceries"}
    chat(alice, body, "key-1")
    IdempotencyKey.objects.update(state=IdempotencyKey.State.IN_PROGRESS, response=None)

    response = chat(alice, body, "key-1")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"


def test_an_expired_key_is_forgotten(alice):
    body = {"message": "Add a task to buy groceries"}
    chat(alice, body, "key-1")
    IdempotencyKey.objects.update(expires_at="2000-01-01T00:00:00Z")

    response = chat(alice, body, "key-1")

    assert "Idempotent-Replayed" not in response.headers
    assert Task.objects.count() == 2


def test_a_failed_request_can_be_retried_with_its_key(alice, settings):
    with FakeOpenAIServer(policy="no_tool") as llm:
        settings.AGENT_MODEL = "gpt-4.1-mini"
        settings.OPENAI_BASE_URL = llm.base_url
        settings.AGENT_MODEL_API = "chat_completions"
        settings.AGENT_MAX_RETRIES = 0
        llm.script([Fail(500), Text("Hello again.")])
        body = {"message": "hello"}

        failed = chat(alice, body, "key-1")
        retried = chat(alice, body, "key-1")

    assert failed.status_code == 502
    assert retried.status_code == 200
    assert retried.json()["response"] == "Hello again."


@pytest.mark.parametrize("key", ["", "x" * 256, "with space", "ünïcode"])
def test_a_malformed_key_is_a_400(alice, key):
    response = chat(alice, {"message": "hi"}, key)

    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["error"]["fields"]
    assert Message.objects.count() == 0
