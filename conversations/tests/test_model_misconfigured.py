"""A model server that is not what the settings say: a model name it does not know, or a URL
that is not an OpenAI-compatible API at all. The turn fails (502, the message kept) with an
error that says what is wrong and which setting to check, in the answer and in the log."""

import json
import logging

import pytest
from asgiref.sync import async_to_sync

from conversations.models import Message
from conversations.services import start_turn
from tests.fakes.openai_server import Fail, Raw, use_as_model

pytestmark = pytest.mark.django_db

HTML = "<!DOCTYPE html><html><head><title>Sign in</title></head><body>Proxy login</body></html>"


@pytest.fixture(params=["responses", "chat_completions"])
def llm(request, llm_server, settings):
    use_as_model(settings, llm_server, api=request.param, api_key="sk-secret-key-123")
    llm_server.reset()
    yield llm_server
    assert llm_server.pending_steps == 0


def chat(client, message="hello"):
    return client.post("/api/alice/chat", {"message": message}, format="json")


UNKNOWN_MODEL_ANSWERS = {
    "openai": Fail(
        404,
        body={
            "error": {
                "message": (
                    "The model `gpt-4.1-mini` does not exist or you do not have access to it."
                ),
                "type": "invalid_request_error",
                "param": None,
                "code": "model_not_found",
            }
        },
    ),
    "ollama": Fail(
        404,
        body={
            "error": {
                "message": 'model "gpt-4.1-mini" not found, try pulling it first',
                "type": "api_error",
                "param": None,
                "code": None,
            }
        },
    ),
    "vllm": Fail(
        404,
        body={
            "object": "error",
            "message": "The model `gpt-4.1-mini` does not exist.",
            "type": "NotFoundError",
            "param": None,
            "code": 404,
        },
    ),
    "ollama_400": Fail(400, message='model "gpt-4.1-mini" not found'),
    "gemini": Raw(
        status=404,
        body=json.dumps(
            [
                {
                    "error": {
                        "code": 404,
                        "message": (
                            "models/gpt-4.1-mini is not found for API version v1main, or is not "
                            "supported for generateContent. Call ListModels to see the list of "
                            "available models and their supported methods."
                        ),
                        "status": "NOT_FOUND",
                    }
                }
            ]
        ),
    ),
}


@pytest.mark.parametrize("server", UNKNOWN_MODEL_ANSWERS)
def test_a_model_name_the_server_does_not_know_says_so(api_as, llm, server, caplog):
    llm.script([UNKNOWN_MODEL_ANSWERS[server]])

    with caplog.at_level(logging.WARNING, logger="todochat.chat"):
        response = chat(api_as("alice"))

    assert response.status_code == 502
    error = response.json()["error"]
    assert error["code"] == "model_error"
    assert error["message"] == (
        "The model server does not know the model 'gpt-4.1-mini': check AGENT_MODEL."
    )
    assert "model 'gpt-4.1-mini'" in caplog.text and "AGENT_MODEL" in caplog.text
    assert "sk-secret-key-123" not in caplog.text + response.content.decode()
    assert Message.objects.get().content == "hello"


def test_another_400_is_not_taken_for_an_unknown_model(api_as, llm):
    llm.script([Fail(400, message="Invalid schema for function 'add_task'.")])

    response = chat(api_as("alice"))

    assert response.status_code == 502
    assert response.json()["error"]["message"] == (
        "The assistant is unavailable right now. Try again."
    )


def _not_an_api(llm, settings):
    headers = {"content-type": "text/html; charset=utf-8"}
    llm.script([Raw(body=HTML, events=[HTML], headers=headers, content_type="text/html")])
    return settings.OPENAI_BASE_URL


def test_an_html_page_instead_of_an_answer_names_the_url_to_check(api_as, llm, settings, caplog):
    url = _not_an_api(llm, settings)

    with caplog.at_level(logging.WARNING, logger="todochat.chat"):
        response = chat(api_as("alice"))

    assert response.status_code == 502
    expected = (
        f"The server at {url} did not answer as an OpenAI-compatible API: check OPENAI_BASE_URL."
    )
    assert response.json()["error"] == {"code": "model_error", "message": expected}
    assert expected in caplog.text
    assert "<html" not in caplog.text.lower()
    assert Message.objects.get().content == "hello"


async def _streamed_failure():
    running = await start_turn(user_id="alice", message="hello")
    async for _event in running.events():
        pass
    with pytest.raises(Exception) as failure:
        await running.result()
    return failure.value


def test_a_streamed_turn_given_an_html_page_fails_the_same_way(llm, settings):
    url = _not_an_api(llm, settings)

    error = async_to_sync(_streamed_failure)()

    assert error.message == (
        f"The server at {url} did not answer as an OpenAI-compatible API: check OPENAI_BASE_URL."
    )
    assert error.status_code == 502


def test_a_url_with_credentials_is_named_without_them(api_as, llm, settings):
    host = settings.OPENAI_BASE_URL.split("//", 1)[1]
    settings.OPENAI_BASE_URL = f"http://user:hunter2@{host}"
    _not_an_api(llm, settings)

    response = chat(api_as("alice"))

    message = response.json()["error"]["message"]
    assert "hunter2" not in message
    assert f"The server at http://{host} did not" in message


def test_a_key_the_server_refuses_says_which_setting_to_check_and_logs_no_part_of_it(
    api_as, llm, caplog
):
    # OpenAI's message repeats the key's first and last characters.
    llm.script([Fail(401, message="Incorrect API key provided: sk-secr********-123.")])

    with caplog.at_level(logging.WARNING, logger="todochat.chat"):
        response = chat(api_as("alice"))

    assert response.status_code == 502
    expected = "The model server refused the API key: check OPENAI_API_KEY."
    assert response.json()["error"] == {"code": "model_error", "message": expected}
    assert expected in caplog.text
    assert "sk-secr" not in caplog.text + response.content.decode()
    assert Message.objects.get().content == "hello"


@pytest.mark.parametrize(
    "body",
    [{"hello": "world"}, {"object": "list", "data": []}, {"choices": None, "output": None}],
    ids=["another-json", "a-list", "nulls"],
)
def test_json_that_is_not_a_model_answer_names_the_url_to_check(api_as, llm, settings, body):
    # A 200 JSON answer of another shape: another service at that URL (a path that is not the
    # API's root, an admin endpoint), not the model server.
    llm.script([Raw(body=body, events=[json.dumps(body)])])

    response = chat(api_as("alice"))

    assert response.status_code == 502
    assert response.json()["error"]["message"] == (
        f"The server at {settings.OPENAI_BASE_URL} did not answer as an OpenAI-compatible API: "
        "check OPENAI_BASE_URL."
    )
    assert Message.objects.get().content == "hello"


def test_a_streamed_turn_given_json_of_another_shape_fails_the_same_way(llm, settings):
    body = {"hello": "world"}
    llm.script([Raw(body=body, events=[json.dumps(body)], content_type="text/event-stream")])

    error = async_to_sync(_streamed_failure)()

    assert error.message == (
        f"The server at {settings.OPENAI_BASE_URL} did not answer as an OpenAI-compatible API: "
        "check OPENAI_BASE_URL."
    )
    assert error.status_code == 502
