"""Fixtures shared by every app's tests."""

import pytest
from django.test.utils import override_settings
from rest_framework.test import APIClient

from tests.support.processes import migrate
from todochat.tokens import issue_token


@pytest.fixture
def api_as():
    """`api_as("alice")`: an API client carrying a valid bearer token for that user."""

    def make(user_id: str) -> APIClient:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_token(user_id)}")
        return client

    return make


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory):
    """A migrated SQLite file for servers run as subprocesses: copy it (`copy_database`), never
    write to it."""
    database = tmp_path_factory.mktemp("template") / "db.sqlite3"
    migrate(database)
    return database


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    """A cheap password hasher for users made in the test process (`admin_client`'s staff user):
    the default one is slow on purpose, about a second a user here. Subprocesses keep theirs."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield
