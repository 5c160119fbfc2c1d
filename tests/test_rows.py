"""`todochat.rows`: the turn's rows written without the ORM are the rows the ORM would write."""

from __future__ import annotations

import pytest
from django.forms.models import model_to_dict

from conversations.models import Conversation, Message, ToolCall
from todochat.rows import insert_row, upsert_row

pytestmark = pytest.mark.django_db


def test_an_inserted_row_is_the_row_create_writes_defaults_and_json_included():
    conversation_id = insert_row(Conversation, user_id="alice")
    values = {
        "conversation_id": conversation_id,
        "user_id": "alice",
        "role": Message.Role.ASSISTANT,
        "content": "Done — “quoted”, ünïcode.",
        "tool_calls": [{"id": "c1", "arguments": {"title": "x"}, "result": None}],
        "tokens": 12,
        "turn": 7,
    }

    inserted = Message.objects.get(id=insert_row(Message, **values))
    created = Message.objects.create(**values)

    fields = [f.name for f in Message._meta.fields if f.name not in ("id", "created_at")]
    assert model_to_dict(inserted, fields) == model_to_dict(created, fields)
    assert inserted.created_at is not None and inserted.created_at.tzinfo is not None
    assert Conversation.objects.get(id=conversation_id).title == ""


def test_an_upsert_inserts_then_updates_the_row_with_the_same_unique_fields():
    conversation_id = insert_row(Conversation, user_id="alice")
    call = {"conversation_id": conversation_id, "user_id": "alice", "turn": 1, "call_id": "c1"}
    update = ("name", "result", "state")

    upsert_row(ToolCall, unique=("turn", "call_id"), update=update, name="add_task", **call)
    upsert_row(
        ToolCall,
        unique=("turn", "call_id"),
        update=update,
        name="list_tasks",
        result={"count": 0},
        state=ToolCall.State.FINISHED,
        **call,
    )

    [row] = ToolCall.objects.all()
    assert (row.name, row.result, row.state) == ("list_tasks", {"count": 0}, "finished")
