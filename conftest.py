"""Fixtures shared by every app's tests, and how `bash scripts/test` splits the run between
pytest-xdist workers."""

import warnings

import pytest
from django.db import DatabaseError, connections
from django.test.utils import override_settings
from rest_framework.test import APIClient

from tests.fakes.openai_server import FakeOpenAIServer
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


@pytest.fixture(scope="module")
def llm_server():
    """A fake OpenAI-compatible model server for one test module (`use_as_model` points the
    product at it); each test's `llm` fixture clears what the one before scripted."""
    with FakeOpenAIServer(policy="no_tool") as server:
        yield server


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


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test databases (one per xdist worker: `test_<name>_gw0`, …), and before
    they are dropped, on PostgreSQL, every other session still open on them closed: a server or
    worker process a test started, or a connection a thread of this one left, made `DROP
    DATABASE` fail ("being accessed by other users") and the database stay behind."""
    yield
    with django_db_blocker.unblock():
        for connection in connections.all():
            if connection.vendor != "postgresql":
                continue
            try:
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
            except DatabaseError as error:
                message = f"could not close the test database's other sessions: {error}"
                warnings.warn(message, stacklevel=1)


# The project's own packages: a fixture defined in one of them may be expensive to set up
# (servers, a browser, a migrated database), unlike the plugins' bookkeeping fixtures.
_OWN_MODULES = ("conftest", "tests", "tasks", "conversations", "mcp_bridge", "todochat")


def _shared_fixture_group(item: pytest.Item) -> str | None:
    """The xdist group of a test that uses one of our fixtures wider than a test: tests that
    share a session fixture (Chromium) run in one worker, so it is started once; tests that
    share a module or class fixture (servers, a migrated database) run in one worker with the
    rest of their module, so it is set up once. None for a test that shares nothing."""
    fixtureinfo = getattr(item, "_fixtureinfo", None)
    if fixtureinfo is None:
        return None
    module_wide = False
    for name in fixtureinfo.names_closure:
        for fixturedef in fixtureinfo.name2fixturedefs.get(name, ()):
            module = getattr(fixturedef.func, "__module__", None) or ""
            if module.split(".")[0] not in _OWN_MODULES:
                continue
            # This file's session fixtures are cheap, or needed by nearly every worker anyway.
            if fixturedef.scope == "session" and module != "conftest":
                return f"session-{name}"
            if fixturedef.scope in ("package", "module", "class"):
                module_wide = True
    return item.nodeid.split("::", 1)[0] if module_wide else None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With `--dist loadgroup` (`bash scripts/test`), keep the tests that share an expensive
    fixture in one worker; every other test goes to whichever worker is free."""
    if config.getoption("dist", "no") != "loadgroup":
        return
    for item in items:
        group = _shared_fixture_group(item)
        if group is not None:
            item.add_marker(pytest.mark.xdist_group(group))
