"""What the model is shown of a list: an earlier turn's replayed compactly, with what a
follow-up names a task by; a long one compacted without losing its reminders."""

import json

import pytest

from mcp_bridge.model_view import estimate_tokens, model_result, replayed_result


def item(number: int, title: str, **fields) -> dict:
    """A task as `list_tasks` shows it, nothing set unless given."""
    return {
        "id": number,
        "title": title,
        "description": "",
        "completed": False,
        "completed_at": None,
        "due": None,
        "priority": "none",
        "tags": [],
        "recurrence": None,
        "reminder_at": None,
        "created_at": "2026-11-29T09:00:00+01:00",
        "updated_at": "2026-11-29T09:00:00+01:00",
        **fields,
    }


def page(*tasks: dict) -> dict:
    return {"tasks": list(tasks), "count": len(tasks), "total": len(tasks), "next_cursor": None}


@pytest.mark.parametrize(
    ("task", "replayed"),
    [
        (item(1, "Buy milk"), {"id": 1, "title": "Buy milk", "completed": False}),
        (
            item(2, "Call mom", reminder_at="2026-11-30T08:00:00+01:00"),
            {
                "id": 2,
                "title": "Call mom",
                "completed": False,
                "reminder_at": "2026-11-30T08:00:00+01:00",
            },
        ),
        (
            item(
                3,
                "Team meeting",
                due="2026-11-30T10:00:00+01:00",
                reminder_at="2026-11-29T17:30:00+01:00",
                description="Agenda " * 50,
                tags=["work"],
                priority="high",
            ),
            {
                "id": 3,
                "title": "Team meeting",
                "completed": False,
                "due": "2026-11-30T10:00:00+01:00",
                "reminder_at": "2026-11-29T17:30:00+01:00",
            },
        ),
        (
            item(4, "Write report", due="2026-12-03", completed=True),
            {"id": 4, "title": "Write report", "completed": True, "due": "2026-12-03"},
        ),
    ],
)
def test_an_earlier_list_replays_each_tasks_due_date_and_reminder_when_set(task, replayed):
    view = replayed_result("list_tasks", page(task))

    assert view["tasks"] == [replayed]
    assert view["total"] == 1
    assert "call list_tasks again" in view["note"]


def test_the_second_reminder_of_an_earlier_list_can_be_named_from_history():
    listed = page(
        item(3, "Team meeting", reminder_at="2026-11-29T17:30:00+01:00"),
        item(1, "Call mom", reminder_at="2026-11-30T08:00:00+01:00"),
    )

    text = json.dumps(replayed_result("list_tasks", listed))

    second = json.loads(text)["tasks"][1]
    assert (second["id"], second["reminder_at"]) == (1, "2026-11-30T08:00:00+01:00")


def test_a_replayed_list_stays_compact():
    tasks = [
        item(
            n,
            f"Task number {n} to do",
            due="2026-11-30T10:00:00+01:00",
            reminder_at="2026-11-30T09:00:00+01:00",
            description="x" * 100,
        )
        for n in range(1, 31)
    ]

    replayed = json.dumps(replayed_result("list_tasks", page(*tasks)))

    # Each task in about 40 tokens: a third of the whole item, descriptions aside.
    assert estimate_tokens(replayed) <= 30 * 40
    assert "created_at" not in replayed and "xxx" not in replayed


@pytest.mark.parametrize("name", ["add_task", "update_task", "complete_task"])
def test_other_results_replay_as_they_were(name):
    result = {"task_id": 1, "status": "updated", "title": "Call mom", "task": item(1, "Call mom")}

    assert replayed_result(name, result) == result


def test_a_long_list_compacted_for_the_model_keeps_each_reminder():
    tasks = [
        item(n, f"Task {n}", description="d" * 1000, reminder_at="2026-11-30T09:00:00+01:00")
        for n in range(1, 31)
    ]

    view = model_result(page(*tasks))

    assert "Long list" in view["note"]
    assert view["tasks"][0]["reminder_at"] == "2026-11-30T09:00:00+01:00"
    assert "created_at" not in view["tasks"][0]
