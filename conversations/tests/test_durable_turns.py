"""A turn does not depend on its caller: once the user message is stored it runs to its end and
stores its reply and every tool call; each tool call is recorded as it runs; a retry with the
same Idempotency-Key never runs a tool twice — after a client timeout, a provider failure, or a
process that died holding the key — and no key stays stuck."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from asgiref.sync import async_to_sync
from django.db import connection, transaction
from django.utils import timezone

from conversations import services
from conversations.events import TextDelta, ToolCallFinished, ToolCallStarted, TurnFinished
from conversations.models import IdempotencyKey, Message, ToolCall
from conversations.services import Idempotency, chat_turn, start_turn
from tasks import services as task_services
from tasks.models import Task
from tests.fakes.openai_server import Fail, Malformed, Text, use_as_model
from tests.fakes.openai_server import ToolCall as ScriptedCall
from todochat.storable import TOOL_ARGUMENT_MAX_CHARS


@pytest.fixture
def llm(llm_server, settings):
    use_as_model(settings, llm_server)
    llm_server.reset()
    llm_server.delay = 0
    yield llm_server
    llm_server.delay = 0


def chat(client, body, key):
    return client.post("/api/alice/chat", body, format="json", HTTP_IDEMPOTENCY_KEY=key)


async def cancelled_mid_tool_call(**turn) -> None:
    """Start a turn as a view does, and cancel that caller (what Django does to the view when
    the client disconnects) once the turn's first tool call has started. Told by the turn's
    events, not by reading the tables the turn is writing (on SQLite's shared in-memory test
    database a reader can make a writer fail)."""
    started = asyncio.Event()

    async def caller() -> None:
        running = await start_turn(**turn, stream_text=False)
        async for event in running.events():
            if isinstance(event, ToolCallStarted):
                started.set()
        await running.result()

    task = asyncio.create_task(caller())
    await asyncio.wait_for(started.wait(), 10)
    task.cancel()


async def turns_done() -> None:
    while services._running:
        await asyncio.sleep(0.02)


# --- A turn runs to its end whoever listens --------------------------------------------------


@pytest.mark.django_db(transaction=True)
async def test_a_turn_whose_caller_is_cancelled_mid_tool_call_still_stores_everything(llm):
    llm.delay = 0.3
    llm.script([ScriptedCall("add_task", {"title": "Buy milk"}), Text("Added Buy milk.")])

    await cancelled_mid_tool_call(user_id="alice", message="add buy milk")
    await turns_done()

    assert await Task.objects.acount() == 1
    reply = await Message.objects.aget(role="assistant")
    assert reply.content == "Added Buy milk."
    assert [call["name"] for call in reply.tool_calls] == ["add_task"]
    record = await ToolCall.objects.aget()
    assert record.state == ToolCall.State.FINISHED
    assert record.result["title"] == "Buy milk"


@pytest.mark.django_db(transaction=True)
async def test_a_retry_after_the_client_gave_up_gets_409_then_the_answer_never_a_second_task(
    llm,
):
    llm.delay = 0.3
    llm.script([ScriptedCall("add_task", {"title": "Buy milk"}), Text("Added Buy milk.")])
    key = Idempotency.for_request(key="k-1", message="add buy milk", conversation_id=None)

    await cancelled_mid_tool_call(user_id="alice", message="add buy milk", idempotency=key)
    with pytest.raises(services.ConflictError):
        await chat_turn(user_id="alice", message="add buy milk", idempotency=key)
    await turns_done()
    retried = await chat_turn(user_id="alice", message="add buy milk", idempotency=key)

    assert retried.replayed
    assert retried.response == "Added Buy milk."
    assert await Task.objects.acount() == 1
    assert await Message.objects.acount() == 2


@pytest.mark.django_db(transaction=True)
async def test_events_relay_the_turn_from_its_first_tool_call_to_its_result(llm):
    llm.script([ScriptedCall("add_task", {"title": "Buy milk"}), Text("Added Buy milk.")])

    running = await start_turn(user_id="alice", message="add buy milk")
    events = [event async for event in running.events()]
    result = await running.result()

    kinds = [type(event) for event in events]
    # The reply's text streams a word at a time, as the model writes it.
    assert kinds == [ToolCallStarted, ToolCallFinished, *[TextDelta] * 3, TurnFinished]
    assert [event.text for event in events[2:5]] == ["Added ", "Buy ", "milk."]
    assert events[0].name == events[1].name == "add_task"
    assert "user_id" in events[1].arguments and events[1].result["title"] == "Buy milk"
    assert events[-1].result == result
    assert running.conversation_id == result.conversation_id
    # Each call's events can be read again, from the start.
    assert [type(e) async for e in running.events()] == kinds


# --- The provider fails after a tool ran -----------------------------------------------------


@pytest.mark.django_db
def test_a_provider_failure_after_a_tool_ran_stores_what_was_done_and_a_retry_adds_nothing(
    llm, api_as
):
    alice = api_as("alice")
    llm.script([ScriptedCall("add_task", {"title": "Buy milk"}), Fail(500)])
    body = {"message": "add buy milk"}

    failed = chat(alice, body, "k-2")
    retried = chat(alice, body, "k-2")

    assert failed.status_code == 502
    assert retried.status_code == 200
    assert retried.headers["Idempotent-Replayed"] == "true"
    answer = retried.json()
    assert "Buy milk" in answer["response"] and "interrupted" in answer["response"]
    assert [call["name"] for call in answer["tool_calls"]] == ["add_task"]
    assert Task.objects.count() == 1
    # The history shows it too: the question, and a reply with its tool call.
    reply = Message.objects.get(role="assistant")
    assert reply.tool_calls[0]["result"]["title"] == "Buy milk"


@pytest.mark.django_db
def test_a_provider_failure_with_no_tool_run_lets_the_retry_run_the_same_turn(llm, api_as):
    alice = api_as("alice")
    llm.script([Fail(500), Text("Hello again.")])

    failed = chat(alice, {"message": "hello"}, "k-3")
    retried = chat(alice, {"message": "hello"}, "k-3")

    assert failed.status_code == 502
    assert retried.status_code == 200 and retried.json()["response"] == "Hello again."
    # One question, one answer: the retry answered the stored question.
    assert list(Message.objects.values_list("role", flat=True)) == ["user", "assistant"]


# --- A process that died holding the key -----------------------------------------------------


def added_milk(conversation_id: int, turn: int, *, finished: bool) -> None:
    """What a turn's `add_task` call leaves: its `started` record, the task, and (`finished`)
    the record of its result."""
    arguments = {"title": "Buy milk", "user_id": "alice"}
    services.tool_call_started(
        user_id="alice",
        conversation_id=conversation_id,
        turn=turn,
        call_id="call_1",
        name="add_task",
        arguments=arguments,
    )
    task = task_services.task_create(user_id="alice", title="Buy milk")
    if finished:
        result = {"task_id": task.number, "status": "created", "title": "Buy milk"}
        call = {"id": "call_1", "name": "add_task", "arguments": arguments, "result": result}
        services.tool_call_finished(
            user_id="alice",
            conversation_id=conversation_id,
            turn=turn,
            call={**call, "is_error": False},
        )


def crashed_turn(*, with_tool: str | None, lease_lapsed: bool = True) -> Idempotency:
    """What a process killed mid-turn leaves: a claimed key, the stored question, and (maybe)
    a tool call that ran and was recorded."""
    key = Idempotency.for_request(key="k-crash", message="add buy milk", conversation_id=None)
    services.idempotency_claim(user_id="alice", idempotency=key)
    conversation_id, turn, *_ = services.turn_begin(
        user_id="alice", message="add buy milk", conversation_id=None, idempotency=key
    )
    if with_tool is not None:
        added_milk(conversation_id, turn, finished=with_tool == "finished")
    if lease_lapsed:
        IdempotencyKey.objects.update(lease_expires_at=timezone.now() - timedelta(seconds=1))
    return key


@pytest.mark.django_db
def test_a_key_whose_process_died_is_409_until_its_lease_lapses(api_as):
    crashed_turn(with_tool="finished", lease_lapsed=False)

    response = chat(api_as("alice"), {"message": "add buy milk"}, "k-crash")

    assert response.status_code == 409


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["finished", "started"])
def test_after_the_lease_a_retry_answers_from_the_record_and_runs_no_tool_again(api_as, state):
    crashed_turn(with_tool=state)

    response = chat(api_as("alice"), {"message": "add buy milk"}, "k-crash")
    again = chat(api_as("alice"), {"message": "add buy milk"}, "k-crash")

    assert response.status_code == again.status_code == 200
    assert again.json() == response.json()
    answer = response.json()
    assert [call["name"] for call in answer["tool_calls"]] == ["add_task"]
    assert "interrupted" in answer["response"]
    assert Task.objects.count() == 1
    assert list(Message.objects.values_list("role", flat=True)) == ["user", "assistant"]
    assert IdempotencyKey.objects.get().state == IdempotencyKey.State.COMPLETED


@pytest.mark.django_db
def test_after_the_lease_a_turn_that_ran_no_tool_is_run_again_on_the_same_question(api_as):
    crashed_turn(with_tool=None)

    response = chat(api_as("alice"), {"message": "add buy milk"}, "k-crash")

    assert response.status_code == 200
    assert Task.objects.count() == 1
    assert list(Message.objects.values_list("role", flat=True)) == ["user", "assistant"]


# --- A turn a killed process cut short, sent without a key -----------------------------------


def cut_short(*, with_tool: bool, age_s: float) -> tuple[int, int]:
    """A conversation whose first turn ran (maybe) a tool, then its process died: no reply,
    no key; its question `age_s` old. Returns the conversation and the turn."""
    conversation_id, turn, *_ = services.turn_begin(
        user_id="alice", message="add buy milk", conversation_id=None
    )
    if with_tool:
        added_milk(conversation_id, turn, finished=True)
    Message.objects.filter(id=turn).update(created_at=timezone.now() - timedelta(seconds=age_s))
    return conversation_id, turn


@pytest.mark.django_db
def test_the_next_turn_answers_a_cut_short_turn_from_its_record(llm, api_as, settings):
    conversation_id, _ = cut_short(with_tool=True, age_s=settings.IDEMPOTENCY_LEASE_S + 1)
    alice = api_as("alice")

    response = alice.post(
        "/api/alice/chat",
        {"message": "did you add it?", "conversation_id": conversation_id},
        format="json",
    )
    shown = alice.get(f"/api/alice/conversations/{conversation_id}/messages").json()["results"]

    assert response.status_code == 200
    # The conversation shows what the cut-short turn did, right after its question.
    assert [m["role"] for m in shown] == ["user", "assistant", "user", "assistant"]
    settled = shown[1]
    assert "interrupted" in settled["content"] and "Buy milk" in settled["content"]
    assert [(c["name"], c["result"]["title"]) for c in settled["tool_calls"]] == [
        ("add_task", "Buy milk")
    ]
    # The model was told, as the calls it made and their results.
    sent = llm.requests_for("/chat/completions")[-1].body["messages"]
    (call,) = [c for m in sent for c in m.get("tool_calls") or []]
    assert call["function"]["name"] == "add_task"
    assert any(m["role"] == "tool" and "Buy milk" in m["content"] for m in sent)
    assert Task.objects.count() == 1
    # Answered once: a later turn finds it answered.
    alice.post(
        "/api/alice/chat", {"message": "thanks", "conversation_id": conversation_id}, format="json"
    )
    assert Message.objects.filter(role="assistant", content__contains="interrupted").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("with_tool", "age"),
    [(True, "within the lease: it may still be running"), (False, "past the lease")],
)
def test_an_unanswered_turn_is_left_alone_while_it_may_run_or_when_it_ran_no_tool(
    llm, api_as, settings, with_tool, age
):
    age_s = 1 if age.startswith("within") else settings.IDEMPOTENCY_LEASE_S + 1
    conversation_id, turn = cut_short(with_tool=with_tool, age_s=age_s)

    response = api_as("alice").post(
        "/api/alice/chat",
        {"message": "hello again", "conversation_id": conversation_id},
        format="json",
    )

    assert response.status_code == 200
    assert not Message.objects.filter(turn=turn, role="assistant").exists()


@pytest.mark.django_db
def test_a_reply_deleted_from_a_chatkit_thread_stays_deleted(settings):
    from conversations.chatkit import services as chatkit_services

    conversation_id, turn = cut_short(with_tool=True, age_s=settings.IDEMPOTENCY_LEASE_S + 1)
    services.turn_begin(user_id="alice", message="and?", conversation_id=conversation_id)
    reply = Message.objects.get(turn=turn, role="assistant")

    chatkit_services.item_delete(
        user_id="alice", conversation_id=conversation_id, item_id=f"msg_{reply.pk}"
    )
    services.turn_begin(user_id="alice", message="again?", conversation_id=conversation_id)

    assert not Message.objects.filter(turn=turn, role="assistant").exists()
    assert not ToolCall.objects.filter(turn=turn).exists()


def test_the_lease_outlasts_a_whole_turn(settings):
    from todochat import settings as product_settings

    assert product_settings.IDEMPOTENCY_LEASE_S > product_settings.AGENT_TIMEOUT_S


# --- Whatever the model sends, the turn completes and is stored ------------------------------


def reply_with(escaped_text: str) -> Malformed:
    """A well-formed Chat Completions answer whose text is `escaped_text` as JSON escapes (a
    lone surrogate cannot be sent any other way)."""
    body = (
        '{"id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "m", '
        '"choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", '
        f'"content": "{escaped_text}"}}}}]}}'
    )
    return Malformed(body=body)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("steps", "tasks_added"),
    [
        ([ScriptedCall("add_task", {"title": "Buy\x00milk"}), Text("Tried.")], 0),
        ([ScriptedCall("add_task", {"title": "Buy milk"}), reply_with(r"Added \u0000 \ud800.")], 1),
        (
            [
                ScriptedCall("add_task", {"title": "Buy milk"}),
                ScriptedCall("add_task", {"title": "a\x00b", "description": "\udfff"}),
                Text("Done."),
            ],
            1,
        ),
    ],
    ids=["nul-in-arguments", "nul-and-lone-surrogate-in-reply", "mixed"],
)
def test_unstorable_characters_from_the_model_never_fail_the_turn(llm, api_as, steps, tasks_added):
    llm.script(steps)

    response = api_as("alice").post("/api/alice/chat", {"message": "hi"}, format="json")

    assert response.status_code == 200, response.content
    reply = Message.objects.get(role="assistant")
    assert "\x00" not in reply.content
    assert len(reply.tool_calls) == len(steps) - 1
    assert Task.objects.filter(title="Buy milk").count() == tasks_added
    history = api_as("alice").get(f"/api/alice/conversations/{reply.conversation_id}/messages")
    assert history.status_code == 200


@pytest.mark.django_db
def test_a_huge_tool_argument_is_stored_and_replayed_cut_with_a_marker(llm, api_as):
    huge = "x" * 10_000_000
    llm.script([ScriptedCall("add_task", {"title": huge}), Text("Could not.")])

    first = api_as("alice").post("/api/alice/chat", {"message": "hi"}, format="json")
    llm.script([Text("Fine.")])
    api_as("alice").post(
        "/api/alice/chat",
        {"message": "again", "conversation_id": first.json()["conversation_id"]},
        format="json",
    )

    title = first.json()["tool_calls"][0]["arguments"]["title"]
    assert len(title) < TOOL_ARGUMENT_MAX_CHARS + 100
    assert title.endswith(f"[cut: {10_000_000 - TOOL_ARGUMENT_MAX_CHARS} more characters]")
    stored = Message.objects.get(role="assistant", content="Could not.").tool_calls[0]
    assert stored["arguments"]["title"] == title
    replayed = llm.last_request_for("/chat/completions")
    assert len(str(replayed.body)) < 100_000


@pytest.mark.parametrize("mode", ["in a transaction", "autocommit"])
def test_a_call_id_the_model_reuses_is_recorded_once_following_the_latest_call(request, mode):
    request.getfixturevalue("db" if mode == "in a transaction" else "transactional_db")
    conversation_id, turn, *_ = services.turn_begin(
        user_id="alice", message="add two things", conversation_id=None
    )
    for title in ("Buy milk", "Buy bread"):
        services.tool_call_started(
            user_id="alice",
            conversation_id=conversation_id,
            turn=turn,
            call_id="call_1",
            name="add_task",
            arguments={"title": title},
        )

    [call] = ToolCall.objects.filter(turn=turn)
    assert (call.call_id, call.arguments, call.state) == (
        "call_1",
        {"title": "Buy bread"},
        ToolCall.State.STARTED,
    )
    # The database is still usable after the refused insert (inside a transaction too).
    assert Message.objects.filter(turn=turn).count() == 1


@pytest.mark.django_db(transaction=True)
def test_every_tool_call_s_record_is_what_the_turn_answered_with_its_failures_too(llm, api_as):
    task_services.task_create(user_id="alice", title="Buy milk")
    llm.script(
        [
            ScriptedCall("add_task", {"title": "Call mom", "due": "2030-01-02", "tags": ["home"]}),
            ScriptedCall("list_tasks", {"status": "pending"}),
            ScriptedCall("update_task", {"task_id": 2, "priority": "high"}),
            ScriptedCall("complete_task", {"task_id": 1}),
            ScriptedCall("complete_task", {"task_id": 99}),  # no such task
            ScriptedCall("add_task", {"title": ""}),  # refused by the tool's schema
            ScriptedCall("delete_task", {"task_id": 5}),  # no such task
            ScriptedCall("delete_task", {"task_id": 2}),
            Text("Done."),
        ]
    )

    answer = api_as("alice").post("/api/alice/chat", {"message": "tidy up"}, format="json")

    assert answer.status_code == 200
    answered = answer.json()["tool_calls"]
    records = [
        {
            "id": r.call_id,
            "name": r.name,
            "arguments": r.arguments,
            "result": r.result,
            "is_error": r.is_error,
        }
        for r in ToolCall.objects.order_by("id")
    ]
    assert records == answered
    assert set(ToolCall.objects.values_list("state", flat=True)) == {ToolCall.State.FINISHED}
    assert [r["is_error"] for r in answered] == [
        False,
        False,
        False,
        False,
        True,
        True,
        True,
        False,
    ]
    assert not Task.objects.filter(number=2).exists()


ON_POSTGRES = connection.vendor == "postgresql"


@pytest.mark.skipif(not ON_POSTGRES, reason="WAL flushes are PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_only_the_reply_waits_for_a_disk_flush():
    # The question (and the key's claim), then a tool's change with its record, are made
    # durable by the reply's commit — PostgreSQL writes its log in order — so only that one
    # waits for the disk, before the user is told. Each statement is tagged with the setting
    # its transaction commits with.
    seen: list[tuple[str, str]] = []

    def record(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        setting = connection.connection.execute("SHOW synchronous_commit").fetchone()[0]
        seen.append((" ".join(sql.split()[:3]), setting))
        return result

    key = Idempotency.for_request(key="k-flush", message="add buy milk", conversation_id=None)
    with connection.execute_wrapper(record):
        async_to_sync(chat_turn)(user_id="alice", message="add buy milk", idempotency=key)

    def settings_of(prefix: str) -> list[str]:
        return [setting for sql, setting in seen if sql.startswith(prefix)]

    question, reply = settings_of('INSERT INTO "conversations_message"')
    assert question == "off"
    assert settings_of('INSERT INTO "conversations_idempotencykey"') == ["off"]
    assert set(settings_of('INSERT INTO "tasks_task"')) == {"off"}
    assert set(settings_of('INSERT INTO "conversations_toolcall"')) == {"off"}
    assert reply == "on"
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"  # the connection's own setting is left alone
    assert Task.objects.get().title == "Buy milk"


@pytest.mark.skipif(not ON_POSTGRES, reason="WAL flushes are PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_a_list_turn_records_its_call_without_a_flush_and_its_reply_with_one():
    # A tool that only reads records its call in a statement of its own (no transaction around
    # it), which turns the flush off for itself; the reply that follows waits for it.
    async_to_sync(chat_turn)(user_id="alice", message="add buy milk")
    statements: list[str] = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        result = async_to_sync(chat_turn)(user_id="alice", message="show my tasks")

    assert [c["name"] for c in result.tool_calls] == ["list_tasks"]
    (recorded,) = [sql for sql in statements if '"conversations_toolcall"' in sql]
    assert "set_config('synchronous_commit', 'off', true)" in recorded
    (reply,) = [
        sql for sql in statements if sql.lstrip().startswith('INSERT INTO "conversations_message"')
    ]
    assert "synchronous_commit" not in reply
    assert ToolCall.objects.filter(name="list_tasks").get().result["tasks"][0]["title"] == (
        "Buy milk"
    )
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"


@pytest.mark.skipif(not ON_POSTGRES, reason="WAL flushes are PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_inside_a_callers_transaction_the_callers_commit_is_left_waiting_for_its_flush():
    with transaction.atomic():
        services.turn_begin(user_id="alice", message="hello", conversation_id=None)
        setting = connection.connection.execute("SHOW synchronous_commit").fetchone()[0]

    assert setting == "on"
