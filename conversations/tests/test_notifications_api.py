"""The notifications API: a user sees, polls and marks seen their own fired reminders, and
nobody else's."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from rest_framework.test import APIClient

from tasks.models import Notification
from tests.support.errors import assert_error_shape

pytestmark = pytest.mark.django_db

FIRED = datetime(2026, 12, 3, 8, 0, 5, tzinfo=UTC)


def notify(user_id: str, title: str, *, number: int = 1, due: str = "") -> Notification:
    return Notification.objects.create(
        user_id=user_id,
        task_number=number,
        title=title,
        due=due,
        reminder_at=datetime(2026, 12, 3, 8, 0, tzinfo=UTC),
        timezone="Europe/Paris",
        created_at=FIRED,
    )


@pytest.fixture
def alice(api_as) -> APIClient:
    return api_as("alice")


def test_a_user_gets_their_fired_reminders_oldest_first_in_their_zone(alice):
    first = notify("alice", "Call the dentist", number=3, due="2026-12-03T10:00:00+01:00")
    notify("alice", "Pay rent", number=4)

    response = alice.get("/api/alice/notifications")

    assert response.status_code == 200
    body = response.json()
    assert [item["task"]["title"] for item in body["notifications"]] == [
        "Call the dentist",
        "Pay rent",
    ]
    assert body["notifications"][0] == {
        "id": first.id,
        "delivery_id": str(first.delivery_id),
        "type": "reminder",
        "task": {"id": 3, "title": "Call the dentist", "due": "2026-12-03T10:00:00+01:00"},
        "reminder_at": "2026-12-03T09:00:00+01:00",
        "fired_at": "2026-12-03T09:00:05+01:00",
        "seen_at": None,
    }
    assert body["notifications"][1]["task"]["due"] is None
    assert body["last_id"] == body["notifications"][1]["id"]


def test_polling_with_after_returns_only_what_fired_since(alice):
    notify("alice", "Old")
    last_id = alice.get("/api/alice/notifications").json()["last_id"]
    notify("alice", "New")

    body = alice.get(f"/api/alice/notifications?after={last_id}").json()

    assert [item["task"]["title"] for item in body["notifications"]] == ["New"]
    empty = alice.get(f"/api/alice/notifications?after={body['last_id']}").json()
    assert empty == {"notifications": [], "last_id": body["last_id"]}


def test_a_notification_marked_seen_leaves_the_unseen_list(alice):
    seen, other = notify("alice", "Seen"), notify("alice", "Not yet")

    response = alice.post(f"/api/alice/notifications/{seen.id}/seen")

    assert response.status_code == 200
    assert response.json()["seen_at"] is not None
    unseen = alice.get("/api/alice/notifications?unseen=true").json()["notifications"]
    assert [item["id"] for item in unseen] == [other.id]
    # Marking it again changes nothing.
    again = alice.post(f"/api/alice/notifications/{seen.id}/seen").json()
    assert again["seen_at"] == response.json()["seen_at"]


@pytest.mark.parametrize("path", ["{id}/seen", "seen"])
def test_a_body_that_is_not_json_is_a_415_and_marks_nothing(alice, path):
    notification = notify("alice", "Still unseen")

    response = alice.post(
        f"/api/alice/notifications/{path.format(id=notification.id)}",
        "x",
        content_type="text/plain",
    )

    assert response.status_code == 415
    assert assert_error_shape(response.json())["code"] == "unsupported_media_type"
    notification.refresh_from_db()
    assert notification.seen_at is None


def test_marking_all_seen_up_to_an_id(alice):
    one, two, three = (notify("alice", title) for title in ("One", "Two", "Three"))

    response = alice.post("/api/alice/notifications/seen", {"up_to": two.id}, format="json")

    assert response.json() == {"marked": 2}
    unseen = alice.get("/api/alice/notifications?unseen=true").json()["notifications"]
    assert [item["id"] for item in unseen] == [three.id]
    assert alice.post("/api/alice/notifications/seen").json() == {"marked": 1}


def test_one_user_never_sees_nor_marks_another_users_notifications(alice, api_as):
    bob = api_as("bob")
    alices = notify("alice", "Alice's secret")
    notify("bob", "Bob's")

    assert [
        n["task"]["title"] for n in bob.get("/api/bob/notifications").json()["notifications"]
    ] == ["Bob's"]
    refused = bob.get("/api/alice/notifications")
    assert refused.status_code == 403
    assert refused.json()["error"]["message"] == (
        "You can only access your own data: the path's user id must be yours."
    )
    marked = bob.post(f"/api/bob/notifications/{alices.id}/seen")
    assert marked.status_code == 404
    assert assert_error_shape(marked.json())["code"] == "not_found"
    assert bob.post("/api/alice/notifications/seen").status_code == 403
    assert bob.post("/api/bob/notifications/seen").json() == {"marked": 1}
    alices.refresh_from_db()
    assert alices.seen_at is None


@pytest.mark.parametrize(
    "query",
    ["after=-1", "after=x", "limit=0", "limit=101", "unseen=maybe", f"after={2**63}"]
    # Python's int() reads these, DRF's IntegerField too: no plain whole number, no guess.
    + ["after=1_0", "after=1.0", "after=%201", "after=%2B1", "after=%D9%A1", "limit=%EF%BC%95"]
    + ["limit=5.000", "after=" + "9" * 5000],
)
def test_bad_filters_are_a_400_in_the_error_shape(alice, query):
    response = alice.get(f"/api/alice/notifications?{query}")

    assert response.status_code == 400
    assert assert_error_shape(response.json())["code"] == "invalid"


def test_bad_up_to_is_a_400(alice):
    response = alice.post("/api/alice/notifications/seen", {"up_to": "7"}, format="json")

    assert response.status_code == 400
    assert assert_error_shape(response.json())["fields"]["up_to"]


def test_without_a_token_it_is_a_401():
    response = APIClient().get("/api/alice/notifications")

    assert response.status_code == 401
    assert assert_error_shape(response.json())["code"] == "not_authenticated"


@pytest.mark.parametrize("body", ["null", "[]", "5", '"all"'])
def test_a_body_that_is_no_object_marks_nothing(alice, body):
    # A JSON null was read as no body, marking every notification seen.
    notify("alice", "One")

    response = alice.generic(
        "POST", "/api/alice/notifications/seen", body, content_type="application/json"
    )

    assert response.status_code == 400
    assert assert_error_shape(response.json())["code"] == "invalid"
    assert alice.post("/api/alice/notifications/seen").json() == {"marked": 1}
