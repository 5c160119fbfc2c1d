"""The user's timezone on a chat turn: validated, remembered, told to the model as the current
time, and given to the tools by the adapter (never by the model). Full turns against the local
fake OpenAI-compatible server, through the real Agents SDK runner and the real MCP tools."""

from datetime import UTC, datetime

import pytest

from tasks import schedule
from tasks.models import Task
from tests.fakes.openai_server import FakeOpenAIServer, Text, ToolCall

pytestmark = pytest.mark.django_db

HIDDEN = {"user_id", "timezone", "turn"}


@pytest.fixture
def llm(settings, monkeypatch):
    with FakeOpenAIServer(policy="no_tool") as server:
        settings.AGENT_MODEL = "gpt-4.1-mini"
        settings.OPENAI_API_KEY = "test-key"
        settings.OPENAI_BASE_URL = server.base_url
        settings.AGENT_MODEL_API = "chat_completions"
        settings.AGENT_MAX_RETRIES = 0
        server.path = "/chat/completions"
        # 23:30 UTC on Wednesday Dec 2 is 07:30 on Thursday Dec 3 in Shanghai.
        moment = datetime(2026, 12, 2, 23, 30, tzinfo=UTC)
        monkeypatch.setattr(schedule, "now", lambda: moment)
        yield server
        assert server.pending_steps == 0


def chat(client, message, **body):
    return client.post("/api/alice/chat", {"message": message, **body}, format="json")


def system_prompt(request) -> str:
    return request.body["messages"][0]["content"]


def test_the_model_gets_the_time_in_the_users_zone_and_no_hidden_parameters(api_as, llm):
    before = len(llm.requests)
    llm.script([Text("Hi!")])

    response = chat(api_as("alice"), "hello", timezone="Asia/Shanghai")

    assert response.status_code == 200
    [request] = [r for r in llm.requests[before:] if r.path.endswith(llm.path)]
    prompt = system_prompt(request)
    assert "Asia/Shanghai" in prompt
    assert "Thursday, December 3, 2026, 07:30" in prompt
    assert {"due", "priority", "tags", "recurrence"} <= set(request.tool_parameters("add_task"))
    assert {"search", "tag", "due", "sort", "limit", "cursor"} <= set(
        request.tool_parameters("list_tasks")
    )
    for name in request.tool_names:
        assert not HIDDEN & set(request.tool_parameters(name)), name
        required = request.tools[name].get("parameters", {}).get("required", [])
        assert not HIDDEN & set(required), name


def test_tools_read_dates_in_the_zone_of_the_request_whatever_the_model_sends(api_as, llm):
    llm.script(
        [
            ToolCall(
                "add_task",
                {"title": "Call mom", "due": "tomorrow 5pm", "timezone": "America/New_York"},
            ),
            Text("Added."),
        ]
    )

    response = chat(api_as("alice"), "call mom tomorrow at 5pm", timezone="Asia/Shanghai")

    [call] = response.json()["tool_calls"]
    assert call["arguments"]["timezone"] == "Asia/Shanghai"
    assert "turn" not in call["arguments"]
    assert call["result"]["task"]["due"] == "2026-12-04T17:00:00+08:00"


def test_without_a_timezone_the_users_last_one_is_used(api_as, llm):
    before = len(llm.requests)
    llm.script([Text("Hi!"), Text("Hi again!")])
    client = api_as("alice")

    chat(client, "hello", timezone="Asia/Shanghai")
    response = chat(client, "hello again")

    assert response.status_code == 200
    last = [r for r in llm.requests[before:] if r.path.endswith(llm.path)][-1]
    assert "Asia/Shanghai" in system_prompt(last)


def test_a_new_user_without_a_timezone_gets_the_default(api_as, llm, settings):
    settings.DEFAULT_TIMEZONE = "UTC"
    before = len(llm.requests)
    llm.script([Text("Hi!")])

    chat(api_as("alice"), "hello")

    [request] = [r for r in llm.requests[before:] if r.path.endswith(llm.path)]
    assert "The user's timezone is UTC. It is now Wednesday, December 2, 2026, 23:30" in (
        system_prompt(request)
    )


@pytest.mark.parametrize("timezone", ["Mars/Olympus_Mons", "", "../etc/passwd", 7])
def test_an_unknown_timezone_is_a_400_before_anything_runs(api_as, timezone):
    response = chat(api_as("alice"), "hello", timezone=timezone)

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert "timezone" in response.json()["error"]["fields"]


def test_a_model_adding_the_same_task_twice_in_one_turn_adds_it_once(api_as, llm):
    llm.script(
        [
            ToolCall("add_task", {"title": "Buy milk"}),
            ToolCall("add_task", {"title": "buy milk"}),
            Text("Added."),
        ]
    )

    response = chat(api_as("alice"), "add buy milk")

    first, second = response.json()["tool_calls"]
    assert (first["result"]["status"], second["result"]["status"]) == ("created", "exists")
    assert first["result"]["task_id"] == second["result"]["task_id"] == 1
    assert Task.objects.filter(user_id="alice").count() == 1


def test_the_history_shows_the_new_fields_in_tool_calls(api_as, llm):
    llm.script(
        [
            ToolCall("add_task", {"title": "Bins", "recurrence": "every monday", "tags": ["Home"]}),
            Text("Added."),
        ]
    )
    client = api_as("alice")
    conversation_id = chat(client, "bins every monday", timezone="Asia/Shanghai").json()[
        "conversation_id"
    ]

    history = client.get(f"/api/alice/conversations/{conversation_id}/messages").json()

    reply = [m for m in history["results"] if m["role"] == "assistant"][-1]
    [call] = reply["tool_calls"]
    assert call["arguments"]["recurrence"] == "every monday"
    task = call["result"]["task"]
    assert (task["due"], task["tags"], task["recurrence"]) == (
        "2026-12-07",
        ["home"],
        "FREQ=WEEKLY;BYDAY=MO",
    )


# --- ChatKit: the browser's zone in `X-Timezone` ------------------------------------------------


def chatkit_turn(client, text, **headers):
    from conversations.chatkit.tests.support import create, post

    return post(client, create(text), **headers)


def test_a_chatkit_turn_reads_dates_in_the_zone_of_its_x_timezone_header(api_as, llm):
    llm.script([ToolCall("add_task", {"title": "Call mom", "due": "tomorrow 5pm"}), Text("Ok.")])

    response = chatkit_turn(
        api_as("alice"), "call mom tomorrow at 5pm", HTTP_X_TIMEZONE="Asia/Shanghai"
    )

    assert response.status_code == 200
    task = Task.objects.get()
    assert task.due_at == datetime(2026, 12, 4, 9, 0, tzinfo=UTC)  # 17:00 in Shanghai
    assert "Asia/Shanghai" in system_prompt(llm.requests_for(llm.path)[0])
    # Remembered, as the chat API's `timezone` is: the next turn without it keeps the zone.
    llm.script([Text("Hi.")])
    chat(api_as("alice"), "hello")
    assert "Asia/Shanghai" in system_prompt(llm.requests_for(llm.path)[-1])


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "../etc/passwd"])
def test_a_chatkit_request_with_an_unknown_x_timezone_is_a_400_before_anything_runs(
    api_as, llm, zone
):
    response = chatkit_turn(api_as("alice"), "hello", HTTP_X_TIMEZONE=zone)

    assert response.status_code == 400
    assert "timezone" in response.json()["error"]["fields"]
    assert llm.requests_for(llm.path) == []
