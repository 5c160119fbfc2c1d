"""Reminders through the real MCP protocol: `reminder` on add_task and update_task,
`reminder_at` on every task, and short human errors."""

import json
from datetime import UTC, datetime

import pytest
from mcp import Client

from mcp_bridge.server import server
from tasks import schedule

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    moment = datetime(2026, 12, 2, 15, 0, tzinfo=UTC)  # 16:00 in Paris
    monkeypatch.setattr(schedule, "now", lambda: moment)


async def call(client, name, **arguments):
    result = await client.call_tool(name, {"user_id": "alice", **arguments})
    if result.is_error:
        return result.content[0].text
    assert json.loads(result.content[0].text) == result.structured_content
    return result.structured_content


async def test_a_reminder_set_with_add_task_shows_as_reminder_at_in_the_users_zone():
    async with Client(server) as client:
        added = await call(
            client,
            "add_task",
            title="Dentist",
            due="2026-12-03T17:00",
            reminder="1 hour before",
            timezone="Europe/Paris",
        )
        listed = await call(client, "list_tasks", timezone="Europe/Paris")

    assert added["task"]["reminder_at"] == "2026-12-03T16:00:00+01:00"
    assert listed["tasks"][0]["reminder_at"] == "2026-12-03T16:00:00+01:00"


async def test_update_task_moves_and_clears_the_reminder():
    async with Client(server) as client:
        await call(client, "add_task", title="Dentist", due="2026-12-05T17:00", timezone="UTC")
        moved = await call(client, "update_task", task_id=1, reminder="the day before at 9")
        cleared = await call(client, "update_task", task_id=1, reminder="")
        none_yet = await call(client, "add_task", title="Other")

    # The user's zone is the one they last used (UTC here).
    assert moved["task"]["reminder_at"] == "2026-12-04T09:00:00+00:00"
    assert cleared["task"]["reminder_at"] is None
    assert none_yet["task"]["reminder_at"] is None


async def test_completing_the_task_clears_reminder_at():
    async with Client(server) as client:
        await call(client, "add_task", title="Dentist", reminder="tomorrow at 9")
        done = await call(client, "complete_task", task_id=1)

    assert done["task"]["reminder_at"] is None


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            {"reminder": "2026-12-01T09:00", "timezone": "Europe/Paris"},
            "The reminder time 2026-12-01T09:00:00+01:00 is in the past: "
            "choose a time still to come.",
        ),
        (
            {"reminder": "1 hour before"},
            "A reminder like '1 hour before' needs a due date, and task 1 has none: "
            "give the due date too, or a time for the reminder.",
        ),
        (
            {"due": "2027-01-01", "reminder": "99999999999 days before"},
            "A reminder can be at most 366 days before the due date "
            "(got '99999999999 days before').",
        ),
        (
            {"reminder": "9999-12-31T23:59", "timezone": "America/New_York"},
            "The reminder time '9999-12-31T23:59' is out of range: give a day from 1900 to 2999.",
        ),
        (
            {"reminder": "when pigs fly"},
            "Could not understand the reminder 'when pigs fly': give a time (\"9pm tonight\", "
            '"2026-12-03T09:00") or how long before the due date ("1 hour before").',
        ),
        # Echoed input is cut to 60 characters, as every tool error cuts it.
        (
            {"reminder": "q" * 99},
            "Could not understand the reminder '" + "q" * 59 + "…': give a time "
            '("9pm tonight", "2026-12-03T09:00") or how long before the due date '
            '("1 hour before").',
        ),
        (
            {"reminder": "1 hour" + " " * 80 + "before"},
            "A reminder like '1 hour" + " " * 53 + "…' needs a due date, and task 1 has none: "
            "give the due date too, or a time for the reminder.",
        ),
    ],
)
async def test_a_reminder_that_cannot_be_set_is_a_short_tool_error(arguments, message):
    async with Client(server) as client:
        text = await call(client, "add_task", title="Dentist", **arguments)
        listed = await call(client, "list_tasks")

    assert text == message
    assert listed["tasks"] == []
