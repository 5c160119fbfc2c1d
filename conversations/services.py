"""The chat turn: stateless, rebuilt from the database on every request, and durable.

1. claim the request's Idempotency-Key, if it has one (or answer from what the key recorded);
2. load the conversation (or start one) and its recent history, and store the user message —
   committed before the model is called, so a failure later loses nothing;
3. run the agent in a task of its own: a caller that goes away (a client that disconnects, a
   view that is cancelled) never cancels it. Each tool call is recorded as it runs (`ToolCall`),
   so even a killed process leaves the record of what changed;
4. store the assistant's reply with its tool calls (and the key's answer). A turn that fails
   after a tool ran still stores a reply saying what was done.

`start_turn` is the one entry point every transport uses (`RunningTurn.events()` for those that
stream); `chat_turn` awaits the whole turn.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import json
import logging
import math
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any, cast

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Field, Model
from django.utils import timezone as django_timezone
from openai import APIStatusError, APITimeoutError

from mcp_bridge.adapter import ToolCallRecord
from mcp_bridge.recording import CallRecording
from tasks import schedule
from tasks.notifications import any_unmentioned_sql
from tasks.selectors import clean_user_id
from tasks.services import (
    remember_zone_sql,
    stored_zone_sql,
    timezone_remember,
    zone_or_default,
)
from todochat.db import db_step, relax_commit
from todochat.errors import (
    ApplicationError,
    ConflictError,
    NotFoundError,
    ServiceUnavailableError,
    UnprocessableError,
)
from todochat.rows import BIGINT_MAX, insert_row, row_fields, row_params, upsert_row
from todochat.storable import storable_text, storable_tool_call

from .agent import AgentReply, run_agent
from .context import message_tokens, replay_of
from .errors import ModelProviderError, ModelTimeoutError
from .events import (
    TextDelta,
    ToolCallFinished,
    ToolCallStarted,
    TurnEvent,
    TurnFailed,
    TurnFinished,
    TurnResult,
)
from .models import Conversation, IdempotencyKey, Message, ToolCall
from .providers import misconfigured_message
from .reminder_mentions import take_mention, with_mention
from .selectors import (
    recent_history,
    turn_reply,
    turn_tool_calls,
    turns_asked_before,
    turns_tool_calls,
)

__all__ = [
    "Idempotency",
    "RunningTurn",
    "TurnResult",
    "chat_turn",
    "start_turn",
]

logger = logging.getLogger("todochat.chat")


@dataclass(frozen=True)
class Idempotency:
    """A request's Idempotency-Key and the fingerprint of what it asked."""

    key: str
    request_hash: str

    @classmethod
    def for_request(
        cls, *, key: str, message: str, conversation_id: int | None, timezone: str | None = None
    ) -> Idempotency:
        asked: dict[str, object] = {"message": message, "conversation_id": conversation_id}
        if timezone is not None:
            # Only when given, so a request without one keeps the fingerprint it always had.
            asked["timezone"] = timezone
        payload = json.dumps(asked)
        return cls(key=key, request_hash=hashlib.sha256(payload.encode()).hexdigest())


@dataclass(frozen=True)
class Claim:
    """What claiming a key found: nothing (a new request), the answer it already gave, or a
    turn of an earlier attempt to take over (its process died, or it failed before any tool
    ran)."""

    stored: TurnResult | None = None
    conversation_id: int | None = None
    turn: int | None = None


def _lease_until() -> Any:
    return django_timezone.now() + timedelta(seconds=settings.IDEMPOTENCY_LEASE_S)


@transaction.atomic
def idempotency_claim(*, user_id: str, idempotency: Idempotency) -> Claim:
    """Claim the key for this request, or return the stored answer of the request that did.

    Raises `UnprocessableError` when the key was used for a different request, and
    `ConflictError` while the request holding the key is still within its lease.
    """
    # Made durable by the turn's own durable commits (a tool call, the reply) before anything
    # depends on it.
    relax_commit()
    now = django_timezone.now()
    IdempotencyKey.objects.filter(user_id=user_id, expires_at__lte=now).delete()
    record, created = IdempotencyKey.objects.get_or_create(
        user_id=user_id,
        key=idempotency.key,
        defaults={
            "request_hash": idempotency.request_hash,
            "expires_at": now + timedelta(seconds=settings.IDEMPOTENCY_KEY_TTL_S),
            "lease_expires_at": _lease_until(),
        },
    )
    if created:
        return Claim()
    if record.request_hash != idempotency.request_hash:
        raise UnprocessableError(
            "This Idempotency-Key was already used for a different request.",
            fields={"Idempotency-Key": ["Already used for a different request."]},
        )
    if record.state == IdempotencyKey.State.COMPLETED:
        return Claim(stored=TurnResult(**(record.response or {}), replayed=True))
    lease = record.lease_expires_at or record.created_at + timedelta(
        seconds=settings.IDEMPOTENCY_LEASE_S
    )
    if record.state == IdempotencyKey.State.IN_PROGRESS and lease > now:
        raise ConflictError("A request with this Idempotency-Key is still being processed.")
    # Failed before any tool ran, or its lease lapsed: this request takes the turn over. The
    # update is conditional on what was read, so of two retries racing, one wins.
    taken = IdempotencyKey.objects.filter(
        pk=record.pk, state=record.state, lease_expires_at=record.lease_expires_at
    ).update(state=IdempotencyKey.State.IN_PROGRESS, lease_expires_at=_lease_until())
    if not taken:
        raise ConflictError("A request with this Idempotency-Key is still being processed.")
    return Claim(conversation_id=record.conversation_id, turn=record.turn)


def idempotency_release(*, user_id: str, idempotency: Idempotency) -> None:
    """Forget a key whose request stored nothing (it was refused), so a retry starts afresh."""
    IdempotencyKey.objects.filter(
        user_id=user_id, key=idempotency.key, state=IdempotencyKey.State.IN_PROGRESS
    ).delete()


def idempotency_fail(*, user_id: str, idempotency: Idempotency) -> None:
    """Mark a key whose turn failed before any tool ran: a retry runs the same turn again."""
    IdempotencyKey.objects.filter(
        user_id=user_id, key=idempotency.key, state=IdempotencyKey.State.IN_PROGRESS
    ).update(state=IdempotencyKey.State.FAILED, lease_expires_at=None)


# Written as SQL, not through the ORM: every turn runs them, and compiling the ORM's UPDATE
# cost several times what the database takes to run it.
_NUMBER_TURN = "UPDATE {table} SET turn = %s WHERE id = %s"
_TOUCH_CONVERSATION = "UPDATE {table} SET updated_at = %s WHERE id = %s AND user_id = %s"


def _quoted_table(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def turn_begin(
    *,
    user_id: str,
    message: str,
    conversation_id: int | None,
    idempotency: Idempotency | None = None,
    timezone: str | None = None,
) -> tuple[int, int, list[dict[str, Any]], str]:
    """Find (and mark as active) or start the conversation, read its history, store the user's
    message (and tie it to the request's key), and settle the turn's timezone
    (`timezone_remember`: one database step for all of it).

    Returns the conversation id, the turn (the user message's id), the history before it and
    the user's timezone for the turn.
    """
    if conversation_id is None and idempotency is None and connection.vendor == "postgresql":
        return _begin_conversation(user_id=user_id, message=message, timezone=timezone or None)
    return _turn_begin(
        user_id=user_id,
        message=message,
        conversation_id=conversation_id,
        idempotency=idempotency,
        timezone=timezone,
    )


@functools.cache
def _begin_conversation_sql(
    relaxed: bool, remember_zone: bool
) -> tuple[str, tuple[Field, ...], tuple[Field, ...]]:
    quote = connection.ops.quote_name
    conversation_fields = row_fields(Conversation)
    question_fields = tuple(
        f for f in row_fields(Message) if f.name not in ("conversation", "turn")
    )
    message_pk = quote(cast(str, Message._meta.pk.column))
    conversation_pk = quote(cast(str, Conversation._meta.pk.column))
    conversation_id = quote(Message._meta.get_field("conversation").column)
    turn = quote(cast(str, Message._meta.get_field("turn").column))

    def columns(fields: tuple[Field, ...]) -> str:
        return ", ".join(quote(cast(str, f.column)) for f in fields)

    def placeholders(fields: tuple[Field, ...]) -> str:
        return ", ".join(["%s"] * len(fields))

    sql = (
        # As `relax_commit` does, in the statement's own transaction.
        (
            "WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true)), "
            if relaxed
            else "WITH "
        )
        + f"conversation AS (INSERT INTO {quote(Conversation._meta.db_table)} "
        f"({columns(conversation_fields)}) SELECT {placeholders(conversation_fields)}"
        + (" FROM relaxed" if relaxed else "")
        + f" RETURNING {conversation_pk}), "
        # The question is its own turn: numbered by the id it is given.
        f"question AS (INSERT INTO {quote(Message._meta.db_table)} ({message_pk}, "
        f"{conversation_id}, {turn}, "
        f"{columns(question_fields)}) SELECT asked.id, conversation.{conversation_pk}, asked.id, "
        f"{placeholders(question_fields)} FROM conversation, "
        f"(SELECT nextval(pg_get_serial_sequence(%s, %s)) AS id) AS asked "
        f"RETURNING {message_pk}, {conversation_id}) "
        # The zone sent is stored as the user's last (a WITH query that writes always runs);
        # with none sent, their last one is read.
        + (f", remembered AS ({remember_zone_sql()[0]}) " if remember_zone else " ")
        + f"SELECT question.{conversation_id}, question.{message_pk}, "
        + ("NULL " if remember_zone else f"({stored_zone_sql()}) ")
        + "FROM question"
    )
    return sql, conversation_fields, question_fields


def _begin_conversation(
    *, user_id: str, message: str, timezone: str | None
) -> tuple[int, int, list[dict[str, Any]], str]:
    """`turn_begin` for a new conversation on PostgreSQL: the conversation, the question
    (numbered as its own turn) and the turn's zone — the one sent, stored as the user's last,
    or else the last one stored — in one statement: its own transaction, with no BEGIN and
    COMMIT to send: one round trip to the database instead of seven, each a wait for the
    database thread."""
    user_id = clean_user_id(user_id)
    if timezone is not None:
        schedule.zone(timezone)  # an unknown zone is refused before anything is stored
    relaxed = not connection.in_atomic_block
    sql, conversation_fields, question_fields = _begin_conversation_sql(
        relaxed, timezone is not None
    )
    params = [
        *row_params(Conversation, conversation_fields, {"user_id": user_id}),
        *row_params(
            Message,
            question_fields,
            {
                "user_id": user_id,
                "role": Message.Role.USER,
                "content": message,
                "tokens": message_tokens(role=Message.Role.USER, content=message, calls=None),
            },
        ),
        Message._meta.db_table,
        Message._meta.pk.column,
    ]
    # The zone's statement: remember (user_id, timezone), or read by user_id.
    params += [user_id, timezone] if timezone is not None else [user_id]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        conversation_id, question_id, stored_zone = cursor.fetchone()
    return conversation_id, question_id, [], timezone or zone_or_default(stored_zone)


@transaction.atomic
def _turn_begin(
    *,
    user_id: str,
    message: str,
    conversation_id: int | None,
    idempotency: Idempotency | None,
    timezone: str | None,
) -> tuple[int, int, list[dict[str, Any]], str]:
    # Committed — visible to every process — before the model is called; on the disk at the
    # latest with the turn's first tool call or its reply, which wait for their flush.
    relax_commit()
    if conversation_id is None:
        conversation_id = insert_row(Conversation, user_id=user_id)
        history: list[dict[str, Any]] = []
    else:
        if not 1 <= conversation_id <= BIGINT_MAX:
            raise NotFoundError(f"Conversation {conversation_id} not found")
        # One statement finds the user's conversation (another user's is reported exactly like
        # a missing one) and marks it as the most recently active.
        with connection.cursor() as cursor:
            cursor.execute(
                _TOUCH_CONVERSATION.format(table=_quoted_table(Conversation)),
                [
                    Conversation._meta.get_field("updated_at").get_db_prep_save(
                        django_timezone.now(), connection
                    ),
                    conversation_id,
                    user_id,
                ],
            )
            touched = cursor.rowcount
        if not touched:
            raise NotFoundError(f"Conversation {conversation_id} not found")
        history = recent_history(
            conversation_id=conversation_id,
            limit=settings.CHAT_HISTORY_LIMIT,
            max_tokens=settings.CHAT_HISTORY_TOKENS,
        )
        history = _settle_abandoned(
            user_id=user_id, conversation_id=conversation_id, history=history
        )
    question_id = insert_row(
        Message,
        conversation_id=conversation_id,
        user_id=user_id,
        role=Message.Role.USER,
        content=message,
        tokens=message_tokens(role=Message.Role.USER, content=message, calls=None),
    )
    # A question is its own turn: numbered by its id, known once it is stored.
    with connection.cursor() as cursor:
        cursor.execute(
            _NUMBER_TURN.format(table=_quoted_table(Message)), [question_id, question_id]
        )
    if idempotency is not None:
        IdempotencyKey.objects.filter(user_id=user_id, key=idempotency.key).update(
            conversation_id=conversation_id, turn=question_id
        )
    return (
        conversation_id,
        question_id,
        history,
        timezone_remember(user_id=user_id, timezone=timezone),
    )


def turn_finish(
    *,
    user_id: str,
    turn: int,
    result: TurnResult,
    idempotency: Idempotency | None = None,
    mention: bool = True,
) -> TurnResult:
    """Store the assistant's reply (and, in the same transaction, the answer to its
    Idempotency-Key); returns the turn's result as stored.

    With `mention`, the reply starts with a line about the user's reminders that fired since
    they last heard of them, if any: taken in this transaction, so a turn whose reply is not
    stored mentions nothing."""
    # Nothing to take along with the reply (most turns): one statement, no transaction, which
    # stores the reply only if there is no reminder to mention (asked in the statement).
    if idempotency is None and _store_reply(
        user_id=user_id, turn=turn, result=result, unless_mention=mention
    ):
        return result
    with transaction.atomic():
        if mention and (line := take_mention(user_id=user_id)):
            result = replace(result, response=with_mention(line, result.response))
        _store_reply(user_id=user_id, turn=turn, result=result)
        if idempotency is not None:
            IdempotencyKey.objects.filter(user_id=user_id, key=idempotency.key).update(
                state=IdempotencyKey.State.COMPLETED, response=result.as_dict()
            )
    return result


def _store_reply(
    *, user_id: str, turn: int, result: TurnResult, unless_mention: bool = False
) -> bool:
    """Store the reply; with `unless_mention`, only if the user has no reminder to be told of
    (`tasks.notifications.any_unmentioned_sql`, asked in the same statement). Whether it was
    stored."""
    replay = replay_of(result.tool_calls, result.signatures)
    values = {
        "conversation_id": result.conversation_id,
        "user_id": user_id,
        "role": Message.Role.ASSISTANT,
        "content": result.response,
        "tool_calls": result.tool_calls,
        "replay": replay,
        "tokens": message_tokens(
            role=Message.Role.ASSISTANT, content=result.response, calls=replay
        ),
        "turn": turn,
    }
    if not unless_mention:
        insert_row(Message, **values)
        return True
    sql, fields = _reply_unless_mention_sql(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*row_params(Message, fields, values), clean_user_id(user_id)])
        return cursor.rowcount == 1


@functools.cache
def _reply_unless_mention_sql(vendor: str) -> tuple[str, tuple[Field, ...]]:
    quote = connection.ops.quote_name
    fields = row_fields(Message)
    columns = ", ".join(quote(cast(str, f.column)) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = (
        f"INSERT INTO {quote(Message._meta.db_table)} ({columns}) SELECT {placeholders} "
        f"WHERE NOT EXISTS ({any_unmentioned_sql()})"
    )
    return sql, fields


def tool_call_started(
    *, user_id: str, conversation_id: int, turn: int, call_id: str, name: str, arguments: Any
) -> None:
    """Record that a tool call is about to run (before it runs: a crash while it runs leaves
    a record that it may have). One statement, outside any transaction, for a new call id; a
    model that reuses a call id within a turn makes the record follow the latest call."""
    fields = {
        "conversation_id": conversation_id,
        "user_id": user_id,
        "name": name,
        "arguments": arguments,
        "state": ToolCall.State.STARTED,
        "result": None,
        "is_error": False,
    }
    # Inside a caller's transaction a failed insert must not spoil it: a savepoint then.
    guard = transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext()
    try:
        with guard:
            ToolCall.objects.create(turn=turn, call_id=call_id, **fields)
    except IntegrityError:
        ToolCall.objects.filter(turn=turn, call_id=call_id).update(**fields)


def tool_call_finished(
    *,
    user_id: str,
    conversation_id: int,
    turn: int,
    call: dict[str, Any],
    relaxed: bool = False,
) -> None:
    """Record what a tool call ran with and returned: one statement, whether or not its start
    was recorded (the record of a call the tool's own step recorded is never started).
    `relaxed`: committed without waiting for its disk flush (`upsert_row`)."""
    upsert_row(
        ToolCall,
        unique=("turn", "call_id"),
        update=("name", "arguments", "result", "is_error", "state"),
        relaxed=relaxed,
        conversation_id=conversation_id,
        user_id=user_id,
        turn=turn,
        call_id=call["id"],
        name=call["name"],
        arguments=call["arguments"],
        result=call["result"],
        is_error=call["is_error"],
        state=ToolCall.State.FINISHED,
    )


# --- A turn's record, when the turn could not finish ------------------------------------------

UNRECORDED_OUTCOME = "The turn was interrupted while this call ran; its outcome was not recorded."
_DONE = {
    "add_task": "added",
    "complete_task": "completed",
    "delete_task": "deleted",
    "update_task": "updated",
}


def _describe(call: dict[str, Any]) -> str:
    result = call.get("result")
    if call.get("state") == ToolCall.State.STARTED:
        return f"{call['name']} was started, but its outcome was not recorded"
    if call.get("is_error"):
        return f"{call['name']} failed"
    if call["name"] == "list_tasks":
        return "listed your tasks"
    if isinstance(result, dict) and "title" in result:
        number = f" (task #{result['task_id']})" if "task_id" in result else ""
        return f"{_DONE.get(call['name'], call['name'])} “{result['title']}”{number}"
    return f"ran {call['name']}"


def recorded_reply(calls: list[dict[str, Any]]) -> str:
    """The reply of a turn that was cut short after tools ran: what was done, plainly."""
    done = "; ".join(_describe(call) for call in calls)
    return (
        f"I was interrupted before I could finish answering. What I did: {done}. "
        "Ask me again to continue."
    )


def _recorded_call(call: dict[str, Any]) -> dict[str, Any]:
    """A recorded call as a `tool_calls` entry (one that may have run is marked as unknown)."""
    if call.get("state") == ToolCall.State.STARTED:
        return {
            "id": call["id"],
            "name": call["name"],
            "arguments": call["arguments"],
            "result": {"error": UNRECORDED_OUTCOME},
            "is_error": True,
        }
    return {key: call[key] for key in ("id", "name", "arguments", "result", "is_error")}


def turn_settle(
    *,
    user_id: str,
    conversation_id: int,
    turn: int,
    calls: list[dict[str, Any]],
    idempotency: Idempotency | None = None,
) -> TurnResult:
    """Store the reply of a turn that ran tools but could not finish, from its record, and
    make it the key's answer: a retry gets it instead of running those tools again."""
    result = TurnResult(
        conversation_id, recorded_reply(calls), [_recorded_call(call) for call in calls]
    )
    return turn_finish(
        user_id=user_id, turn=turn, result=result, idempotency=idempotency, mention=False
    )


def _as_recorded(call: ToolCall) -> dict[str, Any]:
    """A `ToolCall` row as the turn's recorder holds a call."""
    return {
        "id": call.call_id,
        "name": call.name,
        "arguments": call.arguments,
        "result": call.result,
        "is_error": call.is_error,
        "state": call.state,
    }


def _settle_abandoned(
    *, user_id: str, conversation_id: int, history: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """`history` with the turns a killed process left unanswered answered from their record.

    A turn whose question is older than the Idempotency-Key lease (longer than any turn can
    last) and has no reply was cut short; if tools ran in it, its reply saying what was done is
    stored now (as `turn_settle` stores it after a failure), so the conversation shows it and
    the model knows what already changed. A turn that ran no tool changed nothing: its question
    stays as it is. Found among the messages already read; the record is read only when one
    is unanswered (rare: a turn still running, failed or cut short), their times only when it
    holds calls."""
    answered = {m["turn"] for m in history if m["role"] == Message.Role.ASSISTANT}
    unanswered = [
        m["turn"]
        for m in history
        if m["role"] == Message.Role.USER and m["turn"] is not None and m["turn"] not in answered
    ]
    if not unanswered:
        return history
    # The record first: most unanswered turns ran no tool (a provider that failed), and then
    # there is nothing else to read.
    recorded: dict[int, list[dict[str, Any]]] = {}
    for call in turns_tool_calls(
        user_id=user_id, conversation_id=conversation_id, turns=unanswered
    ):
        recorded.setdefault(call.turn, []).append(_as_recorded(call))
    if not recorded:
        return history
    abandoned = turns_asked_before(
        conversation_id=conversation_id,
        turns=sorted(recorded),
        before=django_timezone.now() - timedelta(seconds=settings.IDEMPOTENCY_LEASE_S),
    )
    recorded = {turn: calls for turn, calls in recorded.items() if turn in abandoned}
    if not recorded:
        return history
    settled: list[dict[str, Any]] = []
    for message in history:
        settled.append(message)
        calls = recorded.get(message["turn"]) if message["role"] == Message.Role.USER else None
        if calls:
            result = TurnResult(
                conversation_id, recorded_reply(calls), [_recorded_call(c) for c in calls]
            )
            _store_reply(user_id=user_id, turn=message["turn"], result=result)
            settled.append(
                {
                    "role": Message.Role.ASSISTANT,
                    "content": result.response,
                    "tool_calls": replay_of(result.tool_calls),
                    "turn": message["turn"],
                }
            )
    return settled


@dataclass(frozen=True)
class Resumed:
    """An earlier attempt's turn, as the database has it."""

    reply: TurnResult | None
    calls: list[dict[str, Any]]
    history: list[dict[str, Any]]


def turn_resume(*, user_id: str, conversation_id: int, turn: int) -> Resumed:
    """What an earlier attempt at `turn` left: its reply if stored, the tool calls it recorded,
    and the history before it."""
    reply = turn_reply(user_id=user_id, turn=turn)
    calls = [_as_recorded(call) for call in turn_tool_calls(user_id=user_id, turn=turn)]
    history = recent_history(
        conversation_id=conversation_id,
        limit=settings.CHAT_HISTORY_LIMIT,
        max_tokens=settings.CHAT_HISTORY_TOKENS,
        before_turn=turn,
    )
    stored = (
        TurnResult(conversation_id, reply.content, reply.tool_calls or [], replayed=True)
        if reply is not None
        else None
    )
    return Resumed(stored, calls, history)


def idempotency_complete(*, user_id: str, idempotency: Idempotency, result: TurnResult) -> None:
    """Make `result` (already stored) the key's answer."""
    IdempotencyKey.objects.filter(user_id=user_id, key=idempotency.key).update(
        state=IdempotencyKey.State.COMPLETED, response=result.as_dict()
    )


# --- The running turn ------------------------------------------------------------------------

# Turns running in this process: a task only the event loop references could be collected
# mid-turn.
_running: set[asyncio.Task[Any]] = set()


def _spawn(coroutine: Any) -> asyncio.Task[Any]:
    task = asyncio.get_running_loop().create_task(coroutine)
    _running.add(task)
    task.add_done_callback(_running.discard)
    task.add_done_callback(_consume_outcome)
    return task


def _consume_outcome(future: asyncio.Future[Any]) -> None:
    # A failure nobody awaited (the client left) is logged by the turn, not by asyncio.
    if not future.cancelled():
        future.exception()


class RunningTurn:
    """A turn running in its own task: its conversation, its events, its result.

    `events()` yields every event from the start (each call its own iterator), ending with
    `TurnFinished` or `TurnFailed`; `result()` awaits the end. Neither cancels the turn when
    its caller is cancelled.
    """

    def __init__(self, *, conversation_id: int, turn: int | None) -> None:
        self.conversation_id = conversation_id
        self.turn = turn
        self._events: list[TurnEvent] = []
        self._new = asyncio.Event()
        self._outcome: asyncio.Future[TurnResult] = asyncio.get_running_loop().create_future()
        self._outcome.add_done_callback(_consume_outcome)

    @classmethod
    def finished(cls, result: TurnResult, *, turn: int | None = None) -> RunningTurn:
        """A turn that is already over (an answer stored earlier)."""
        running = cls(conversation_id=result.conversation_id, turn=turn)
        running._finish(result)
        return running

    @property
    def done(self) -> bool:
        return self._outcome.done()

    def _emit(self, event: TurnEvent) -> None:
        self._events.append(event)
        wake, self._new = self._new, asyncio.Event()
        wake.set()

    def _finish(self, result: TurnResult) -> None:
        self._emit(TurnFinished(result))
        self._outcome.set_result(result)

    def _fail(self, error: ApplicationError) -> None:
        self._emit(TurnFailed(error))
        self._outcome.set_exception(error)

    async def events(self) -> AsyncIterator[TurnEvent]:
        """The turn's events, from its first to its last (`TurnFinished` / `TurnFailed`)."""
        seen = 0
        while True:
            if seen < len(self._events):
                event = self._events[seen]
                seen += 1
                yield event
                if isinstance(event, (TurnFinished, TurnFailed)):
                    return
                continue
            await self._new.wait()

    def events_after(self, seen: int) -> list[TurnEvent]:
        """The events after the first `seen` that have happened so far (maybe none)."""
        return self._events[seen:]

    async def wait_after(self, seen: int) -> None:
        """Until there is an event after the first `seen` (cancelling this wait is harmless)."""
        while len(self._events) <= seen:
            await self._new.wait()

    async def result(self) -> TurnResult:
        """The turn's result; raises its `ApplicationError` if it failed."""
        return await asyncio.shield(self._outcome)


@dataclass
class _Recorder:
    """The turn's tool observer: records each call durably and relays it as events."""

    running: RunningTurn
    user_id: str
    # Calls of this attempt by call id, in order: started ones until they finish.
    calls: dict[str, dict[str, Any]] = field(default_factory=dict)
    # The record of a finished call, being written while the turn goes on (the model's next
    # answer need not wait for it); awaited before anything else of the turn is recorded.
    _writing: asyncio.Task[None] | None = None

    @property
    def _turn(self) -> int:
        # A recorder only exists for a turn whose user message is stored.
        return cast(int, self.running.turn)

    async def settled(self) -> None:
        """Once every record of this turn's calls has been written (or given up on)."""
        while self._writing is not None:
            writing, self._writing = self._writing, None
            await writing

    async def tool_started(
        self, *, call_id: str, name: str, arguments: dict[str, Any], in_step: bool
    ) -> CallRecording | None:
        stored = storable_tool_call({"id": call_id, "name": name, "arguments": arguments})[
            "arguments"
        ]
        await self.settled()
        recording = None
        if in_step:
            # The tool records the call in the transaction of its change: no `started` record
            # is needed, since a crash before that commit leaves neither.
            recording = CallRecording(
                functools.partial(
                    self._record_in_step, call_id=call_id, name=name, arguments=stored
                )
            )
        else:
            # Raising here (the database is gone) keeps the tool from running.
            await db_step(
                tool_call_started,
                user_id=self.user_id,
                conversation_id=self.running.conversation_id,
                turn=self._turn,
                call_id=call_id,
                name=name,
                arguments=stored,
            )
        self.calls[call_id] = {
            "id": call_id,
            "name": name,
            "arguments": stored,
            "state": ToolCall.State.STARTED,
        }
        self.running._emit(ToolCallStarted(call_id, name, stored))
        return recording

    def _record_in_step(self, result: Any, *, call_id: str, name: str, arguments: Any) -> None:
        # Runs in the tool's database step (`CallRecording`), inside its transaction or, for a
        # tool that only reads, after its reads: either way not waiting for the disk flush,
        # which the reply's commit waits for.
        call = {"id": call_id, "name": name, "arguments": arguments, "result": result}
        tool_call_finished(
            user_id=self.user_id,
            conversation_id=self.running.conversation_id,
            turn=self._turn,
            call=storable_tool_call({**call, "is_error": False}),
            relaxed=True,
        )

    async def tool_finished(self, record: ToolCallRecord, *, recorded: bool) -> None:
        call = storable_tool_call(record.as_dict())
        self.calls[record.id] = {**call, "state": ToolCall.State.FINISHED}
        if not recorded:
            await self.settled()
            self._writing = _spawn(self._record_finished(call))
        self.running._emit(ToolCallFinished(**call))

    async def _record_finished(self, call: dict[str, Any]) -> None:
        try:
            await db_step(
                tool_call_finished,
                user_id=self.user_id,
                conversation_id=self.running.conversation_id,
                turn=self._turn,
                call=call,
            )
        except (ApplicationError, DatabaseError) as exc:
            # The tool ran: the turn goes on (its reply stores the call), and the `started`
            # record keeps a takeover from running it again.
            logger.warning("tool call not recorded: %s", type(exc).__name__)


def _as_application_error(exc: Exception) -> ApplicationError:
    """A turn's failure as the error its caller gets: too slow, database gone, or failed."""
    if isinstance(exc, ApplicationError):
        return exc
    if isinstance(exc, (TimeoutError, APITimeoutError)):
        return ModelTimeoutError("The model did not answer in time.")
    if isinstance(exc, DatabaseError):
        return ServiceUnavailableError("The service is temporarily unavailable.")
    misconfigured = misconfigured_message(exc)
    if misconfigured is not None:
        # Settings that cannot work: the answer says which one to check (no secret in it).
        logger.warning("model call failed: %s: %s", type(exc).__name__, misconfigured)
        return ModelProviderError(misconfigured, message=misconfigured)
    # Provider HTTP errors, unreachable servers, unparseable answers, runaway tool loops.
    logger.warning("model call failed: %s: %s", type(exc).__name__, exc)
    error = ModelProviderError(str(exc))
    error.retry_after_s = _provider_retry_after(exc)
    return error


def _provider_retry_after(exc: Exception) -> int | None:
    """How long the provider asked to be left alone (its `Retry-After` in seconds, on a 429 or
    a 503 still failing after the client's retries), passed on to the caller; None if it did
    not say."""
    response = getattr(exc, "response", None)
    if not isinstance(exc, APIStatusError) or exc.status_code not in (429, 503):
        return None
    value = str(response.headers.get("retry-after", "")).strip() if response is not None else ""
    try:
        seconds = float(value)  # an HTTP date is not passed on
    except ValueError:
        return None
    return min(max(math.ceil(seconds), 1), 3600) if math.isfinite(seconds) else None


async def _run_agent(recorder: _Recorder, **kwargs: Any) -> AgentReply:
    try:
        return await run_agent(observer=recorder, **kwargs)
    except Exception as exc:
        raise _as_application_error(exc) from exc


async def _best_effort(fn: Any, /, **kwargs: Any) -> Any:
    """A database step whose failure leaves things to the key's lease (logged, not raised)."""
    try:
        return await db_step(fn, **kwargs)
    except (ApplicationError, DatabaseError) as exc:
        logger.warning("%s failed: %s", fn.__name__, type(exc).__name__)
        return None


async def _drive(
    running: RunningTurn,
    *,
    user_id: str,
    message: str,
    history: list[dict[str, Any]],
    zone_name: str,
    bearer_token: str | None,
    idempotency: Idempotency | None,
    stream_text: bool,
) -> None:
    """Run the agent for the turn and store its outcome, whoever is still listening."""
    started = time.monotonic()
    outcome = "error"
    recorder = _Recorder(running, user_id)
    streamed: list[str] = []

    def on_text(delta: str) -> None:
        streamed.append(delta)
        running._emit(TextDelta(delta))

    try:
        reply = await _run_agent(
            recorder,
            on_text=on_text if stream_text else None,
            user_id=user_id,
            history=history,
            message=message,
            bearer_token=bearer_token,
            timezone=zone_name,
        )
        result = TurnResult(
            running.conversation_id,
            storable_text(reply.text),
            [storable_tool_call(call) for call in reply.tool_calls],
            signatures=reply.signatures,
        )
        await recorder.settled()
        result = await db_step(
            turn_finish,
            user_id=user_id,
            turn=cast(int, running.turn),
            result=result,
            idempotency=idempotency,
        )
        if result.response and not streamed:
            # Not streamed (nobody asked for it), or a reply no model wrote (a runaway turn
            # cut off): it arrives whole.
            running._emit(TextDelta(result.response))
        outcome = "ok"
        running._finish(result)
    except Exception as exc:
        error = _as_application_error(exc)
        outcome = error.code
        await _settle_failure(running, recorder, user_id=user_id, idempotency=idempotency)
        running._fail(error)
    except BaseException as exc:  # the loop is shutting down: the key's lease covers it
        outcome = type(exc).__name__
        if not running.done:
            running._fail(ServiceUnavailableError("The service is shutting down."))
        raise
    finally:
        _log_turn(
            user_id=user_id,
            conversation_id=running.conversation_id,
            started=started,
            tools=[call["name"] for call in recorder.calls.values()],
            outcome=outcome,
        )


def _log_turn(
    *, user_id: str, conversation_id: int | None, started: float, tools: list[str], outcome: str
) -> None:
    # One line per turn; never the message or the token.
    fields = {
        "user_id": user_id,
        "conversation_id": conversation_id,
        "duration_ms": round((time.monotonic() - started) * 1000, 1),
        "model": settings.AGENT_MODEL,
        "tools": tools,
        "outcome": outcome,
    }
    logger.info(
        "chat turn user=%(user_id)s conversation=%(conversation_id)s "
        "duration_ms=%(duration_ms)s model=%(model)s tools=%(tools)s outcome=%(outcome)s",
        fields,
        extra=fields,
    )


async def _settle_failure(
    running: RunningTurn,
    recorder: _Recorder,
    *,
    user_id: str,
    idempotency: Idempotency | None,
) -> None:
    """After a failure: when tools ran, store a reply saying what was done (the key's answer,
    so a retry never runs them again); when none did, let a retry run the turn again. If the
    database is what failed, the key's lease lets a later retry do this instead."""
    await recorder.settled()
    if recorder.calls:
        await _best_effort(
            turn_settle,
            user_id=user_id,
            conversation_id=running.conversation_id,
            turn=running.turn,
            calls=list(recorder.calls.values()),
            idempotency=idempotency,
        )
    elif idempotency is not None:
        await _best_effort(idempotency_fail, user_id=user_id, idempotency=idempotency)


async def _start(
    *,
    user_id: str,
    message: str,
    conversation_id: int | None,
    timezone: str | None,
    bearer_token: str | None,
    idempotency: Idempotency | None,
    stream_text: bool,
) -> RunningTurn:
    history: list[dict[str, Any]] | None = None
    turn: int | None = None
    if idempotency is not None:
        claim = await db_step(idempotency_claim, user_id=user_id, idempotency=idempotency)
        if claim.stored is not None:
            return RunningTurn.finished(claim.stored)
        if claim.turn is not None and claim.conversation_id is not None:
            conversation_id, turn = claim.conversation_id, claim.turn
            resumed = await db_step(
                turn_resume, user_id=user_id, conversation_id=conversation_id, turn=turn
            )
            if resumed.reply is not None:
                await db_step(
                    idempotency_complete,
                    user_id=user_id,
                    idempotency=idempotency,
                    result=resumed.reply,
                )
                return RunningTurn.finished(resumed.reply, turn=turn)
            if resumed.calls:
                # Tools of the earlier attempt ran (or may have): answer with what they did,
                # never run them again.
                result = await db_step(
                    turn_settle,
                    user_id=user_id,
                    conversation_id=conversation_id,
                    turn=turn,
                    calls=resumed.calls,
                    idempotency=idempotency,
                )
                return RunningTurn.finished(
                    TurnResult(**result.as_dict(), replayed=True), turn=turn
                )
            history = resumed.history
            zone_name = await db_step(timezone_remember, user_id=user_id, timezone=timezone)
    if turn is None or history is None:
        started = time.monotonic()
        try:
            conversation_id, turn, history, zone_name = await db_step(
                turn_begin,
                user_id=user_id,
                message=message,
                conversation_id=conversation_id,
                idempotency=idempotency,
                timezone=timezone,
            )
        except BaseException as exc:
            if idempotency is not None:
                await _best_effort(idempotency_release, user_id=user_id, idempotency=idempotency)
            outcome = getattr(exc, "code", None) or type(exc).__name__
            _log_turn(
                user_id=user_id,
                conversation_id=conversation_id,
                started=started,
                tools=[],
                outcome=outcome,
            )
            raise
    assert conversation_id is not None and turn is not None and history is not None
    running = RunningTurn(conversation_id=conversation_id, turn=turn)
    _spawn(
        _drive(
            running,
            user_id=user_id,
            message=message,
            history=history,
            zone_name=zone_name,
            bearer_token=bearer_token,
            idempotency=idempotency,
            stream_text=stream_text,
        )
    )
    return running


async def start_turn(
    *,
    user_id: str,
    message: str,
    conversation_id: int | None = None,
    timezone: str | None = None,
    bearer_token: str | None = None,
    idempotency: Idempotency | None = None,
    stream_text: bool = True,
) -> RunningTurn:
    """Start one chat turn for `user_id`: claim the key, store the user message, and run the
    agent in its own task. Returns once the message is stored (or the key's earlier answer is
    found).

    Raises, before any event: `NotFoundError` for a conversation that is not theirs, the
    idempotency errors of `idempotency_claim`, `ServiceUnavailableError` when the database does
    not answer. The turn's own failures (`ModelProviderError`, `ModelTimeoutError`, …) come
    from `RunningTurn.result()` / `TurnFailed`, with the user message stored.

    `stream_text=False` when nobody reads the reply as it is written: the model is then asked
    for whole answers (cheaper) and the text arrives as one `TextDelta` at the end.
    """
    # Shielded: a caller cancelled while the message is being stored still gets its turn run.
    return await asyncio.shield(
        _spawn(
            _start(
                user_id=user_id,
                message=message,
                conversation_id=conversation_id,
                timezone=timezone,
                bearer_token=bearer_token,
                idempotency=idempotency,
                stream_text=stream_text,
            )
        )
    )


async def chat_turn(
    *,
    user_id: str,
    message: str,
    conversation_id: int | None = None,
    timezone: str | None = None,
    bearer_token: str | None = None,
    idempotency: Idempotency | None = None,
) -> TurnResult:
    """One whole chat turn for `user_id` (see `start_turn`); raises the turn's
    `ApplicationError` if it failed."""
    running = await start_turn(
        user_id=user_id,
        message=message,
        conversation_id=conversation_id,
        timezone=timezone,
        bearer_token=bearer_token,
        idempotency=idempotency,
        stream_text=False,
    )
    return await running.result()
