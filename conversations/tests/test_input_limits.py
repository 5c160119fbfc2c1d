"""What the chat endpoint accepts: a bounded body, a non-blank message of at most 4,000
characters (stored stripped), and a conversation id that is a positive 64-bit integer —
everything else is a 400 with the error shape, before anything is stored."""

import json

import pytest
from jsonschema import Draft7Validator
from rest_framework.test import APIClient

from conversations.models import Conversation, Message

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(api_as):
    return api_as("alice")


def post(client, body):
    return client.post("/api/alice/chat", body, format="json")


def assert_invalid(response, field: str | None = None) -> dict:
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["message"]
    if field is not None:
        assert error["fields"][field]
    assert not Message.objects.exists()
    assert not Conversation.objects.exists()
    return error


def test_a_body_over_the_size_limit_is_a_413_that_says_so(alice, settings):
    body = json.dumps({"message": "x" * settings.MAX_REQUEST_BODY_BYTES})

    response = alice.post("/api/alice/chat", body, content_type="application/json")

    assert response.status_code == 413
    error = response.json()["error"]
    assert error["code"] == "too_large"
    assert f"larger than the limit of {settings.MAX_REQUEST_BODY_BYTES} bytes" in error["message"]
    assert not Message.objects.exists()


def test_json_nested_thousands_deep_is_a_400_not_a_500(alice):
    body = "[" * 20000 + "]" * 20000  # 40 KB: under the size limit

    response = alice.post("/api/alice/chat", body, content_type="application/json")

    error = assert_invalid(response)
    assert "nested too deeply" in error["message"]


@pytest.mark.parametrize("message", [r"buy\u0000milk", r"buy \ud800 milk", r"\udfff"])
def test_a_message_with_characters_that_cannot_be_stored_is_a_400(alice, message):
    body = '{"message": "' + message + '"}'

    response = alice.post("/api/alice/chat", body, content_type="application/json")

    assert_invalid(response, "message")


def test_a_body_that_is_not_json_is_a_400(alice):
    response = alice.post("/api/alice/chat", "{not json", content_type="application/json")

    assert_invalid(response)


def test_a_message_of_4000_characters_is_accepted_and_stored_stripped(alice):
    response = post(alice, {"message": " " + "x" * 3998 + "\n"})

    assert response.status_code == 200
    assert Message.objects.filter(role="user").get().content == "x" * 3998


def test_the_length_limit_counts_what_is_left_after_stripping(alice):
    assert_invalid(post(alice, {"message": " " + "y" * 4001 + " "}), "message")

    response = post(alice, {"message": "   " + "y" * 4000 + "   "})

    assert response.status_code == 200
    assert Message.objects.filter(role="user").get().content == "y" * 4000


@pytest.mark.parametrize(
    "body",
    [{}, {"message": ""}, {"message": "   \n\t"}, {"message": "x" * 4001}, {"message": 42}],
    ids=["missing", "empty", "blank", "too-long", "not-a-string"],
)
def test_a_bad_message_is_a_400(alice, body):
    assert_invalid(post(alice, body), "message")


@pytest.mark.parametrize(
    "conversation_id",
    ["abc", "7", 1.5, True, -1, 0, 2**63, [1], {"id": 1}],
    ids=["text", "numeric-text", "float", "bool", "negative", "zero", "over-bigint", "list", "obj"],
)
def test_a_bad_conversation_id_is_a_400(alice, conversation_id):
    response = post(alice, {"message": "hello", "conversation_id": conversation_id})

    assert_invalid(response, "conversation_id")


def test_the_largest_conversation_id_is_valid_and_simply_not_found(alice):
    response = post(alice, {"message": "hello", "conversation_id": 2**63 - 1})

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def published_chat_request() -> dict:
    schema = APIClient().get("/api/schema/", HTTP_ACCEPT="application/json").json()
    return schema["components"]["schemas"]["ChatRequestRequest"]


@pytest.mark.parametrize(
    ("body", "accepted"),
    [
        ({"message": "x"}, True),
        ({"message": "x" * 4000 + "   "}, True),
        ({"message": "\n\t " + "x" * 4000 + " \n"}, True),
        ({"message": "x" * 2000 + "\n\n" + "x" * 1998}, True),
        ({"message": "x" * 4001}, False),
        ({"message": " " + "x" * 4001 + " "}, False),
        ({"message": ""}, False),
        ({"message": "  \n\t "}, False),
        ({"message": "hi", "timezone": "Europe/Paris" + " " * 60}, True),
        ({"message": "hi", "timezone": "   "}, False),
    ],
    ids=[
        "one",
        "4000-then-spaces",
        "4000-inside-whitespace",
        "4000-with-inner-newlines",
        "4001",
        "4001-inside-spaces",
        "empty",
        "blank",
        "zone-then-spaces",
        "blank-zone",
    ],
)
def test_the_published_schema_accepts_exactly_what_the_server_accepts(alice, body, accepted):
    # A client (or a checker) validating against the OpenAPI schema must predict the answer:
    # whitespace around the message is not counted, so a maxLength on the raw string would lie.
    verdict = Draft7Validator(published_chat_request()).is_valid(body)

    response = post(alice, body)

    assert (verdict, response.status_code) == (accepted, 200 if accepted else 400)
