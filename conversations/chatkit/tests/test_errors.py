"""What `POST /api/chatkit` refuses, and how: the chat API's statuses and error shape, and
another user's thread exactly like a missing one."""

from __future__ import annotations

import json
import re

import pytest
from chatkit.types import AttachmentCreateParams, AttachmentsCreateReq
from django.conf import settings
from rest_framework.test import APIClient

from conversations.models import Conversation, Message
from tests.fakes.openai_server import Fail, FakeOpenAIServer
from tests.jwks import hs256_token
from tests.support.errors import assert_error_shape

from .support import (
    URL,
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
def alices_thread(api_as) -> tuple[str, str, str]:
    """Alice's thread: its id, her message's item id and the reply's."""
    response = post(api_as("alice"), create("Add a task to buy milk"))
    question, _, reply = items_of(response.events)
    return response.events[0]["thread"]["id"], question["id"], reply["id"]


def _unnumbered(body: dict) -> str:
    """An error message without the conversation's number."""
    return re.sub(r"(Conversation|Thread) \S+", r"\1 N", body["error"]["message"])


def other_users_requests(thread_id: str, question: str, reply: str) -> list:
    return [
        get_thread(thread_id),
        list_items(thread_id),
        rename(thread_id, "mine now"),
        delete(thread_id),
        feedback(thread_id, [reply], "negative"),
        add_message(thread_id, "Delete task 1"),
        retry(thread_id, question),
    ]


def test_another_users_thread_is_exactly_a_missing_one(api_as, alices_thread):
    thread_id, question, reply = alices_thread
    bob = api_as("bob")
    missing = f"thr_{Conversation.objects.get().id + 1000}"
    before = list(Message.objects.values_list("id", "content", "feedback"))

    for theirs, nobodys in zip(
        other_users_requests(thread_id, question, reply),
        other_users_requests(missing, question, reply),
        strict=True,
    ):
        answer, expected = post(bob, theirs), post(bob, nobodys)
        assert answer.status_code == expected.status_code == 404, (theirs.type, answer.content)
        assert assert_error_shape(answer.json())["code"] == "not_found"
        assert _unnumbered(answer.json()) == _unnumbered(expected.json())
    assert post(bob, list_threads()).json()["data"] == []
    assert list(Message.objects.values_list("id", "content", "feedback")) == before
    assert Conversation.objects.get().title == ""
    # Nor is either a place to page from.
    post(bob, create("hello"))
    for after in (thread_id, missing):
        answer = post(bob, list_threads(after=after))
        assert answer.status_code == 404, answer.content
        assert assert_error_shape(answer.json())["code"] == "not_found"


@pytest.mark.parametrize("thread_id", ["7", "thr_x", "thr_99999999999999999999", "msg_1"])
def test_a_malformed_thread_id_is_a_missing_thread(api_as, thread_id):
    response = post(api_as("alice"), get_thread(thread_id))

    assert response.status_code == 404
    assert assert_error_shape(response.json())["code"] == "not_found"


def test_an_id_in_other_digits_is_a_missing_thread_or_item(api_as, alices_thread):
    thread_id, question, _ = alices_thread
    arabic = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    alice = api_as("alice")

    for request in (
        get_thread(thread_id.translate(arabic)),
        get_thread(thread_id + "\n"),
        # A leading zero names no thread: one thread, one id (it was answered, and echoed).
        get_thread(thread_id.replace("thr_", "thr_0")),
        rename(thread_id.replace("thr_", "thr_00"), "x"),
        list_items(thread_id, after=f"msg_0{Message.objects.first().id}"),
        list_items(thread_id, after=f"msg_{Message.objects.first().id}".translate(arabic)),
    ):
        response = post(alice, request)

        assert response.status_code == 404, (request, response.content)
        assert assert_error_shape(response.json())["code"] == "not_found"


@pytest.mark.parametrize("character", ["\\u0000", "\\ud800"], ids=["NUL", "lone surrogate"])
def test_a_title_or_an_id_the_database_cannot_store_reads_as_a_replacement(
    api_as, alices_thread, character
):
    thread_id, _, _ = alices_thread
    alice = api_as("alice")
    raw = '{"type": "%s", "params": {"thread_id": %s%s}}'

    renamed = alice.post(
        URL,
        raw % ("threads.update", json.dumps(thread_id), f', "title": "a{character}b"'),
        content_type="application/json",
    )
    missing = alice.post(
        URL,
        raw % ("threads.get_by_id", json.dumps(f"thr_{character}"), ""),
        content_type="application/json",
    )

    assert renamed.status_code == 200, renamed.content
    assert Conversation.objects.get().title == "a\ufffdb"
    assert missing.status_code == 404
    assert assert_error_shape(missing.json())["code"] == "not_found"


def test_no_token_is_401(alices_thread):
    response = APIClient().post(
        URL, list_threads().model_dump_json(), content_type="application/json"
    )

    assert response.status_code == 401
    assert assert_error_shape(response.json())["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize("subject", ["ali\x00ce", "ali\ud800ce", "\udc00"])
def test_a_token_whose_subject_the_database_cannot_hold_is_401(alices_thread, subject):
    # No path names the user here: the subject alone is the user, so it must be one the
    # database can store and compare (a lone surrogate was a 500 at the first query).
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Bearer {hs256_token(settings.AUTH_JWT_SECRET, subject)}"
    )

    for request in (list_threads(), create("Add a task to buy milk")):
        response = client.post(URL, request.model_dump_json(), content_type="application/json")

        assert response.status_code == 401, (request, response.content)
        assert assert_error_shape(response.json())["code"] == "not_authenticated"
    assert Conversation.objects.count() == 1


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_a_method_other_than_post_is_405(api_as, method):
    response = getattr(api_as("alice"), method)(URL)

    assert response.status_code == 405
    assert assert_error_shape(response.json())["code"] == "method_not_allowed"
    assert response["Allow"] == "POST, OPTIONS"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"type": "threads.fly"}, "body"),
        ({"type": "threads.create", "params": {}}, "threads.create.params.input"),
        ([1, 2], "body"),
    ],
)
def test_a_body_that_is_no_chatkit_request_is_400(api_as, body, field):
    response = api_as("alice").post(URL, body, format="json")

    assert response.status_code == 400
    error = assert_error_shape(response.json())
    assert error["code"] == "invalid"
    assert any(name.startswith(field) or name == field for name in error["fields"]), error


@pytest.mark.parametrize(
    "text", ["", "   ", "x" * 4001], ids=["empty", "blank", "over 4,000 characters"]
)
def test_a_message_the_chat_api_refuses_is_refused_before_anything_is_stored(api_as, text):
    response = post(api_as("alice"), create(text), HTTP_ACCEPT="text/event-stream")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "message" in assert_error_shape(response.json())["fields"]
    assert not Conversation.objects.exists()


def test_attachments_are_refused(api_as):
    request = AttachmentsCreateReq(
        params=AttachmentCreateParams(name="a.png", size=3, mime_type="image/png")
    )

    response = post(api_as("alice"), request)

    assert response.status_code == 400
    assert "not supported" in assert_error_shape(response.json())["message"]


def test_retrying_after_a_reply_is_refused(api_as, alices_thread):
    thread_id, _, reply = alices_thread

    response = post(api_as("alice"), retry(thread_id, reply))

    assert response.status_code == 400
    assert Message.objects.count() == 2


def test_turns_share_the_chat_apis_rate_limit(api_as, settings):
    settings.CHAT_RATE_LIMIT = "2/min"
    alice = api_as("alice")
    chat = alice.post("/api/alice/chat", {"message": "hi"}, format="json")
    thread_id = post(alice, create("hi")).events[0]["thread"]["id"]

    limited = post(alice, add_message(thread_id, "hi again"))

    assert chat.status_code == 200
    assert limited.status_code == 429
    assert assert_error_shape(limited.json())["code"] == "rate_limited"
    assert int(limited["Retry-After"]) >= 1
    # Reading is not a turn.
    assert post(alice, list_items(thread_id)).status_code == 200
    assert Message.objects.filter(content="hi again").count() == 0


def test_a_failed_model_is_an_error_event_and_the_message_stays(api_as, settings):
    with FakeOpenAIServer(policy="no_tool") as llm:
        settings.AGENT_MODEL = "gpt-4.1-mini"
        settings.OPENAI_API_KEY = "test-key"
        settings.OPENAI_BASE_URL = llm.base_url
        settings.AGENT_MODEL_API = "chat_completions"
        settings.AGENT_MAX_RETRIES = 0
        llm.script([Fail(500)])

        response = post(api_as("alice"), create("Add a task to buy milk"))

    assert response.status_code == 200
    error = response.events[-1]
    assert error == {
        "type": "error",
        "code": "custom",
        "message": "The assistant is unavailable right now. Try again.",
        "allow_retry": True,
    }
    question = items_of(response.events)[0]
    stored = Message.objects.get()
    assert (stored.role, stored.content, stored.public_id) == (
        "user",
        "Add a task to buy milk",
        question["id"],
    )


def test_a_body_over_the_size_limit_is_refused_like_the_chat_apis(api_as, settings):
    settings.MAX_REQUEST_BODY_BYTES = 1000
    body = json.loads(create("x" * 2000).model_dump_json())

    response = api_as("alice").post(URL, body, format="json")

    assert response.status_code == 413
    assert assert_error_shape(response.json())["code"] == "too_large"
    assert not Conversation.objects.exists()


def test_a_missing_thread_is_named_by_its_thread_id_in_every_request(api_as, alices_thread):
    _, question, reply = alices_thread
    missing = f"thr_{Conversation.objects.get().id + 1000}"
    alice = api_as("alice")

    for request in [*other_users_requests(missing, question, reply), list_threads(after=missing)]:
        response = post(alice, request)

        assert response.status_code == 404, (request.type, response.content)
        assert response.json()["error"]["message"] == f"Thread {missing} not found", request.type


@pytest.mark.parametrize(
    ("request_for", "named"),
    [
        (lambda thread, long: get_thread("thr_" + "9" * 50_000), "Thread thr_999"),
        (lambda thread, long: rename("thr_" + "x" * 50_000, "t"), "Thread thr_xxx"),
        (lambda thread, long: retry(thread, long), "Item msg_aaa"),
        (lambda thread, long: list_items(thread, after=long), "Item msg_aaa"),
        (lambda thread, long: feedback(thread, [long], "positive"), "Item msg_aaa"),
        (lambda thread, long: retry(thread, f"{long}.tool0"), "Item msg_aaa"),
    ],
    ids=["get_by_id", "update", "retry", "items.list after", "feedback", "retry a tool call"],
)
def test_an_error_names_a_very_long_id_cut_short(api_as, alices_thread, request_for, named):
    thread_id, _, _ = alices_thread

    response = post(api_as("alice"), request_for(thread_id, "msg_" + "a" * 50_000))

    assert response.status_code == 404, response.content
    message = assert_error_shape(response.json())["message"]
    assert message.startswith(named) and message.endswith("… not found")
    assert len(message) < 120
