"""What the model is sent stays within bounds, however much the conversation has listed; the
stored record of every call stays whole."""

import json

import pytest

from conversations.context import history_items
from conversations.models import Message
from conversations.selectors import recent_history
from mcp_bridge.model_view import TOOL_RESULT_MAX_TOKENS
from tasks.tests.factories import TaskFactory
from tests.fakes.openai_server import Text, ToolCall, use_as_model

pytestmark = pytest.mark.django_db


@pytest.fixture
def llm(llm_server, settings):
    use_as_model(settings, llm_server)
    llm_server.path = "/chat/completions"
    yield llm_server
    assert llm_server.pending_steps == 0, "a scripted step was not consumed"


def chat(client, message, conversation_id=None):
    body = {"message": message, "conversation_id": conversation_id}
    response = client.post("/api/alice/chat", body, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def last_request(server):
    return [r for r in server.requests if r.path.endswith(server.path)][-1]


def history_of(request):
    """The replayed conversation of a request: everything between the instructions and the
    new message."""
    messages = request.body["messages"]
    assert messages[0]["role"] == "system" and messages[-1]["role"] == "user"
    return messages[1:-1]


def test_twenty_lists_later_the_model_gets_history_within_the_budget(api_as, llm, settings):
    settings.CHAT_HISTORY_TOKENS = 2000
    for i in range(30):
        TaskFactory(user_id="alice", title=f"Task number {i} to do", description="x" * 100)
    client = api_as("alice")
    conversation_id = None
    for turn in range(20):
        llm.script([ToolCall("list_tasks", {}), Text(f"Here are your tasks ({turn}).")])
        conversation_id = chat(client, "show my tasks", conversation_id)["conversation_id"]

    llm.script([Text("You're welcome.")])
    chat(client, "thanks", conversation_id)

    history = history_of(last_request(llm))
    assert len(json.dumps(history, ensure_ascii=False)) / 4 <= settings.CHAT_HISTORY_TOKENS
    # The newest list is there, compacted (numbers and titles, no descriptions); the oldest is
    # not.
    replayed = [m["content"] for m in history if m["role"] == "tool"]
    assert replayed and len(replayed) < 20
    newest = json.loads(replayed[-1])
    assert newest["total"] == 30
    assert newest["tasks"][0] == {"id": 1, "title": "Task number 0 to do", "completed": False}
    assert history[-1] == {"role": "assistant", "content": "Here are your tasks (19)."}
    assert {"role": "assistant", "content": "Here are your tasks (0)."} not in history
    # The stored record keeps every list whole.
    replies = Message.objects.filter(
        conversation_id=conversation_id, role="assistant", content__startswith="Here are"
    )
    assert replies.count() == 20
    for reply in replies:
        [call] = reply.tool_calls
        assert len(call["result"]["tasks"]) == 30
        assert call["result"]["tasks"][0]["description"] == "x" * 100
        assert "created_at" in call["result"]["tasks"][0]


def test_a_long_list_reaches_the_model_capped_with_how_many_more(api_as, llm):
    for i in range(200):
        TaskFactory(user_id="alice", title=f"Task {i} " + "word " * 30, description="d" * 1000)
    llm.script([ToolCall("list_tasks", {"limit": 200}), Text("Here they are.")])

    answer = chat(api_as("alice"), "show all my tasks")

    [tool_message] = [m for m in last_request(llm).body["messages"] if m["role"] == "tool"]
    assert len(tool_message["content"]) / 4 <= TOOL_RESULT_MAX_TOKENS * 1.1
    shown = json.loads(tool_message["content"])
    left_out = 200 - len(shown["tasks"])
    assert 0 < left_out < 200
    assert shown["total"] == 200
    assert f"…and {left_out} more tasks" in shown["note"]
    assert f"limit={len(shown['tasks'])}" in shown["note"]
    # The answer and the record carry the whole page.
    [call] = answer["tool_calls"]
    assert len(call["result"]["tasks"]) == 200
    assert call["result"]["tasks"][199]["description"] == "d" * 1000


def test_a_short_list_reaches_the_model_whole(api_as, llm):
    TaskFactory(user_id="alice", title="Buy milk", description="Semi-skimmed")
    llm.script([ToolCall("list_tasks", {}), Text("One task.")])

    chat(api_as("alice"), "show my tasks")

    [tool_message] = [m for m in last_request(llm).body["messages"] if m["role"] == "tool"]
    [task] = json.loads(tool_message["content"])["tasks"]
    assert task["description"] == "Semi-skimmed" and "created_at" in task


@pytest.mark.parametrize("stored_as", ["text", "compacted calls", "record only"])
def test_an_earlier_list_replays_the_same_however_it_was_stored(api_as, llm, stored_as):
    # Replies stored by earlier versions keep their calls compacted but not yet as text, or
    # only as the whole record: the model must be given the same history for all of them.
    for i in range(3):
        TaskFactory(user_id="alice", title=f"Task {i}", description="long " * 20)
    client = api_as("alice")
    llm.script([ToolCall("list_tasks", {}), Text("Three tasks.")])
    conversation_id = chat(client, "show my tasks")["conversation_id"]
    reply = Message.objects.get(conversation_id=conversation_id, role="assistant")
    if stored_as == "compacted calls":
        [call] = reply.replay
        reply.replay = [
            {
                **call,
                "arguments": json.loads(call["arguments"]),
                "result": json.loads(call["result"]),
            }
        ]
    elif stored_as == "record only":
        reply.replay = None
    reply.save()

    llm.script([Text("You're welcome.")])
    chat(client, "thanks", conversation_id)

    history = history_of(last_request(llm))
    [call_message, output, answer] = history[1:]
    assert call_message["tool_calls"][0]["function"]["name"] == "list_tasks"
    assert "user_id" not in json.loads(call_message["tool_calls"][0]["function"]["arguments"])
    replayed = json.loads(output["content"])
    assert replayed["total"] == 3
    assert replayed["tasks"][0] == {"id": 1, "title": "Task 0", "completed": False}
    assert answer == {"role": "assistant", "content": "Three tasks."}


def test_history_is_read_only_as_far_as_the_budget_reaches_and_the_model_gets_the_same(
    api_as, llm, settings
):
    """Each message's size is stored with it, so a long history of lists is cut where the
    budget ends before it is read; the model gets exactly what measuring everything gives."""
    settings.CHAT_HISTORY_TOKENS = 2000
    for i in range(30):
        TaskFactory(user_id="alice", title=f"Task number {i} to do")
    client = api_as("alice")
    conversation_id = None
    for turn in range(12):
        llm.script([ToolCall("list_tasks", {}), Text(f"Here are your tasks ({turn}).")])
        conversation_id = chat(client, "show my tasks", conversation_id)["conversation_id"]
    budget = settings.CHAT_HISTORY_TOKENS

    read = recent_history(conversation_id=conversation_id, limit=50, max_tokens=budget)
    Message.objects.filter(conversation_id=conversation_id).update(tokens=None)
    unmeasured = recent_history(conversation_id=conversation_id, limit=50, max_tokens=budget)

    assert len(unmeasured) == 24
    assert 0 < len(read) < len(unmeasured)
    assert history_items(read, max_tokens=budget) == history_items(unmeasured, max_tokens=budget)
    for cut in (budget // 3, budget // 2):
        assert history_items(read, max_tokens=cut) == history_items(unmeasured, max_tokens=cut)
