"""The middleware stack under ASGI: the API skips what only the admin needs, the admin keeps
sessions and CSRF protection; HTTPS settings apply, and `check --deploy` reports on the stack as
installed."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import AsyncClient

from tests.support.processes import manage, product_env
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


HTTPS_ENV = {
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
    "SESSION_COOKIE_SECURE": "true",
    "CSRF_COOKIE_SECURE": "true",
}
# What `check --deploy` says about the middleware and HTTPS (not the secret key, DEBUG…).
_MIDDLEWARE_CHECK = re.compile(r"\((security\.W0(?:0[1-8]|1[0-9]|2[0-4])|todochat\.W00[234])\)")


def _middleware_warnings(output: str) -> list[str]:
    return sorted(_MIDDLEWARE_CHECK.findall(output))


@pytest.mark.parametrize(
    ("env", "warnings"),
    [
        # Only what is really not set: HSTS, the HTTPS redirect, the two secure cookies.
        ({}, ["security.W004", "security.W008", "security.W010", "security.W016"]),
        (HTTPS_ENV, []),
    ],
    ids=["defaults", "https"],
)
def test_check_deploy_reports_only_what_is_missing(tmp_path, env, warnings):
    # The security, clickjacking and CSRF middleware were reported missing (W001-W003).
    done = manage("check", "--deploy", env=product_env(tmp_path / "db.sqlite3", **env))

    assert _middleware_warnings(done.stderr) == warnings


@pytest.mark.parametrize(
    ("removed", "warning"),
    [
        ("todochat.middleware.InlineSecurityMiddleware", "todochat.W002"),
        ("todochat.middleware.InlineXFrameOptionsMiddleware", "todochat.W003"),
        ("todochat.middleware.AdminOnlyCsrfViewMiddleware", "todochat.W004"),
    ],
)
def test_check_deploy_reports_a_security_middleware_that_is_missing(settings, removed, warning):
    settings.MIDDLEWARE = [path for path in settings.MIDDLEWARE if path != removed]
    output = StringIO()

    call_command("check", "--deploy", stdout=output, stderr=output)

    assert warning in _middleware_warnings(output.getvalue())


async def test_https_settings_redirect_plain_http_and_send_hsts(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 3600
    client = AsyncClient()

    plain = await client.get("/api/alice/tasks")
    health = await client.get("/healthz")
    secure = await client.get("/healthz", secure=True)

    assert plain.status_code == 301
    assert plain.headers["Location"] == "https://testserver/api/alice/tasks"
    # Load balancers probe the health endpoints over plain HTTP.
    assert health.status_code == 200
    assert secure.headers["Strict-Transport-Security"] == "max-age=3600"
