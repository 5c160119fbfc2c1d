"""The reminder admin pages open, and staff find a user's fired reminders by user id."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from tasks.models import Notification

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["reminder", "notification", "webhookdelivery", "taskevent"])
def test_each_changelist_opens(admin_client, model):
    assert admin_client.get(reverse(f"admin:tasks_{model}_changelist")).status_code == 200


def test_notifications_are_searched_by_user(admin_client):
    at = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)
    for user_id, title in (("alice", "Alice's reminder"), ("bob", "Bob's reminder")):
        Notification.objects.create(
            user_id=user_id, task_number=1, title=title, reminder_at=at, created_at=at
        )

    response = admin_client.get(reverse("admin:tasks_notification_changelist"), {"q": "alice"})

    page = response.content.decode()
    assert "Alice&#x27;s reminder" in page and "Bob&#x27;s reminder" not in page
