"""Back in the conversation, the assistant mentions the reminders that fired since the user
last heard of them — once, and not those already seen on the page."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from conversations.models import Message
from tasks.models import Notification

pytestmark = pytest.mark.django_db


def fired(user_id: str, title: str, number: int, *, seen: bool = False) -> Notification:
    at = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)
    return Notification.objects.create(
        user_id=user_id,
        task_number=number,
        title=title,
        reminder_at=at,
        timezone="Europe/Paris",
        created_at=at,
        seen_at=at if seen else None,
    )


def chat(client, user_id: str, message: str) -> str:
    response = client.post(f"/api/{user_id}/chat", {"message": message}, format="json")
    assert response.status_code == 200, response.content
    return response.json()["response"]


def test_the_next_reply_starts_with_the_reminders_that_fired_then_never_again(api_as):
    alice = api_as("alice")
    fired("alice", "Call the dentist", 3)
    fired("alice", "Pay rent", 4)
    fired("alice", "Already seen", 5, seen=True)
    fired("bob", "Bob's reminder", 1)

    first = chat(alice, "alice", "hi")
    second = chat(alice, "alice", "hi")

    mention, _, reply = first.partition("\n\n")
    assert mention == (
        "⏰ Reminders went off while you were away: “Call the dentist” (task #3, "
        "2026-12-03 09:00); “Pay rent” (task #4, 2026-12-03 09:00)."
    )
    assert reply == second
    assert "Bob" not in first and "Already seen" not in first
    # What the user read is what is stored.
    assert Message.objects.filter(role="assistant").first().content == first


def test_the_mention_gives_the_time_on_the_users_clock_of_this_turn(api_as):
    # Set in Paris, mentioned to a user now in Kolkata: it read 09:00, their clock said 13:30.
    alice = api_as("alice")
    fired("alice", "Call the dentist", 3)

    response = alice.post(
        "/api/alice/chat", {"message": "hi", "timezone": "Asia/Kolkata"}, format="json"
    )

    assert response.status_code == 200, response.content
    assert response.json()["response"].startswith(
        "⏰ A reminder went off while you were away: “Call the dentist” (task #3, "
        "2026-12-03 13:30)."
    )
