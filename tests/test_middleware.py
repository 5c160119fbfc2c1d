"""The middleware stack under ASGI: the API skips what only the admin needs, the admin keeps
sessions and CSRF protection."""

import pytest
from django.test import AsyncClient

from todochat.tokens import issue_token

pytestmark = pytest.mark.django_db(transaction=True)


async def test_the_api_answers_without_session_or_csrf_machinery():
    response = await AsyncClient().post(
        "/api/alice/chat",
        {"message": "hello"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {issue_token('alice')}"},
    )

    assert response.status_code == 200
    assert "sessionid" not in response.cookies and "csrftoken" not in response.cookies
    # Security headers are still set.
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


async def test_the_admin_keeps_csrf_protection_and_sessions():
    client = AsyncClient(enforce_csrf_checks=True)

    login_page = await client.get("/admin/login/")
    refused = await client.post("/admin/login/", {"username": "x", "password": "y"})

    assert login_page.status_code == 200
    assert "csrftoken" in login_page.cookies
    assert refused.status_code == 403


async def test_an_admin_page_needs_a_signed_in_staff_user():
    response = await AsyncClient().get("/admin/tasks/task/")

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/login/")
