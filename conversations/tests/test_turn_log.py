"""One log line per turn: who, which conversation, how long, which model and tools, outcome —
never what was said, never the token."""

import json
import logging

import pytest

from todochat.logs import JsonFormatter

pytestmark = pytest.mark.django_db


def test_each_turn_logs_one_line_without_message_or_token(api_as, caplog):
    client = api_as("alice")
    token = client._credentials["HTTP_AUTHORIZATION"].split()[1]
    caplog.set_level(logging.INFO, logger="todochat")

    response = client.post(
        "/api/alice/chat", {"message": "Add a task to buy secret-gift"}, format="json"
    )

    [record] = [r for r in caplog.records if r.name == "todochat.chat"]
    assert record.user_id == "alice"
    assert record.conversation_id == response.json()["conversation_id"]
    assert record.model == "offline"
    assert record.tools == ["add_task"]
    assert record.outcome == "ok"
    assert record.duration_ms >= 0
    for line in (caplog.text, JsonFormatter().format(record)):
        assert "secret-gift" not in line.lower()
        assert token not in line


def test_the_json_format_carries_the_turn_fields():
    record = logging.LogRecord("todochat.chat", logging.INFO, __file__, 1, "chat turn", (), None)
    record.user_id, record.outcome = "alice", "ok"

    entry = json.loads(JsonFormatter().format(record))

    assert entry["message"] == "chat turn"
    assert entry["level"] == "INFO"
    assert (entry["user_id"], entry["outcome"]) == ("alice", "ok")


def test_a_failed_turn_logs_its_outcome(api_as, caplog):
    caplog.set_level(logging.INFO, logger="todochat")

    api_as("alice").post(
        "/api/alice/chat", {"message": "hi", "conversation_id": 999}, format="json"
    )

    [record] = [r for r in caplog.records if r.name == "todochat.chat"]
    assert record.outcome == "not_found"
