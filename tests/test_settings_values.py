"""Settings from the environment: a value that does not fit stops start-up with one line naming
the variable (README, Configuration), never a traceback or a silently different value."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tasks import schedule
from tests.support.processes import REPO_ROOT, manage, product_env
from todochat.errors import ApplicationError


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DB_STEP_TIMEOUT_S", "15s", "DB_STEP_TIMEOUT_S must be a number (got '15s')."),
        ("AGENT_TIMEOUT_S", "1e3x", "AGENT_TIMEOUT_S must be a number (got '1e3x')."),
        ("AGENT_TIMEOUT_S", "0", "AGENT_TIMEOUT_S must be a number above 0 (got '0')."),
        (
            "MAX_REQUEST_BODY_BYTES",
            "64k",
            "MAX_REQUEST_BODY_BYTES must be a whole number (got '64k').",
        ),
        ("CHAT_HISTORY_LIMIT", "-5", "CHAT_HISTORY_LIMIT must be a number from 0 (got '-5')."),
        (
            "LOG_LEVEL",
            "LOUD",
            "LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL (got 'LOUD').",
        ),
        ("LOG_FORMAT", "xml", "LOG_FORMAT must be 'text' or 'json' (got 'xml')."),
        ("DEBUG", "ture", "DEBUG must be true or false (got 'ture')."),
        # A KeyError's traceback; a password in the URL is never repeated.
        (
            "DATABASE_URL",
            "notaurl",
            "DATABASE_URL must be a postgres://… or sqlite:///… URL (got no URL scheme).",
        ),
        (
            "DATABASE_URL",
            "mysql://todo:s3cret@db/todo",
            "DATABASE_URL must be a postgres://… or sqlite:///… URL (got a mysql: URL).",
        ),
        # The server started, and every browser request from that origin was refused.
        (
            "CORS_ALLOWED_ORIGINS",
            "https://app.example.com,app.example.com",
            "CORS_ALLOWED_ORIGINS must list origins such as https://app.example.com, with no "
            "path (got 'app.example.com').",
        ),
        # Everything under it is served at /static/: the .env with its secrets was.
        (
            "STATIC_ROOT",
            ".",
            "STATIC_ROOT must be a directory of its own, not one holding the project (got '.').",
        ),
        (
            "SECURE_HSTS_SECONDS",
            "1y",
            "SECURE_HSTS_SECONDS must be a whole number (got '1y').",
        ),
        ("SECURE_SSL_REDIRECT", "yes!", "SECURE_SSL_REDIRECT must be true or false (got 'yes!')."),
        (
            "AUTH_TOKEN_URL",
            "app.example.com/api/auth/token",
            "AUTH_TOKEN_URL must be an http:// or https:// URL or a path such as "
            "/api/auth/token (got 'app.example.com/api/auth/token').",
        ),
        (
            "MCP_SERVER_URL",
            "mcp-host:8001/mcp",
            "MCP_SERVER_URL must be an http:// or https:// URL (got 'mcp-host:8001/mcp').",
        ),
        ("TASK_EVENTS_WEBHOOK", "nope", "TASK_EVENTS_WEBHOOK must be true or false (got 'nope')."),
        (
            "DEFAULT_TIMEZONE",
            "Mars/Base",
            "DEFAULT_TIMEZONE must be an IANA zone such as Europe/Paris (got 'Mars/Base').",
        ),
        (
            "DEFAULT_TIMEZONE",
            "localtime",
            "DEFAULT_TIMEZONE must be an IANA zone such as Europe/Paris (got 'localtime').",
        ),
        (
            "AGENT_MODEL_API",
            "grpc",
            "AGENT_MODEL_API must be 'responses' or 'chat_completions' (got 'grpc').",
        ),
        (
            "OPENAI_BASE_URL",
            "localhost:11434/v1",
            "OPENAI_BASE_URL must be an http:// or https:// URL (got 'localhost:11434/v1').",
        ),
        # A zero bounds nothing: libpq waited for ever to connect, the pool failed every
        # request that had to wait for a connection, SQLite every write that met another, and
        # a worker retried a database that was down in a busy loop.
        ("DB_CONNECT_TIMEOUT_S", "0", "DB_CONNECT_TIMEOUT_S must be a number above 0 (got '0')."),
        ("DB_POOL_TIMEOUT_S", "0", "DB_POOL_TIMEOUT_S must be a number above 0 (got '0')."),
        ("SQLITE_TIMEOUT_S", "0", "SQLITE_TIMEOUT_S must be a number above 0 (got '0')."),
        (
            "WORKER_DATABASE_RETRY_S",
            "0",
            "WORKER_DATABASE_RETRY_S must be a number above 0 (got '0').",
        ),
        # Read on SQLite too: it was ignored until the move to PostgreSQL.
        ("DB_POOL_MAX_SIZE", "lots", "DB_POOL_MAX_SIZE must be a whole number (got 'lots')."),
        # The value was not shown, and " transaction" (a space left in a .env) was refused.
        (
            "DB_POOLER",
            "pgbouncer",
            "DB_POOLER must be empty, 'session' or 'transaction' (got 'pgbouncer').",
        ),
        # "Invalid cache schema foo" did not say which setting.
        (
            "CACHE_URL",
            "memcachd://cache:11211",
            "CACHE_URL must be a cache URL such as redis://127.0.0.1:6379/1 or "
            "dbcache://todochat_cache (got a memcachd: URL).",
        ),
    ],
)
def test_a_value_that_does_not_fit_is_one_line(name, value, message, tmp_path):
    env = product_env(tmp_path / "db.sqlite3", **{name: value})

    done = manage("check", env=env, timeout=60, check=False)

    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [f"Configuration error: {message}"]


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (
            # Every turn went to OpenAI's own server without a key: 502, turn after turn.
            {"AGENT_MODEL": "gpt-4.1-mini"},
            "AGENT_MODEL=gpt-4.1-mini needs OPENAI_API_KEY (for OpenAI) or OPENAI_BASE_URL "
            "(for another OpenAI-compatible server).",
        ),
        (
            # The offline model answered, silently.
            {"AGENT_MODEL": "", "OPENAI_BASE_URL": "http://127.0.0.1:11434/v1"},
            "AGENT_MODEL must name the model OPENAI_BASE_URL serves (e.g. llama3.2), "
            "or be 'offline'.",
        ),
    ],
    ids=["a model with neither key nor server", "a server with no model"],
)
def test_a_model_that_cannot_be_reached_is_one_line(settings, message, tmp_path):
    env = product_env(tmp_path / "db.sqlite3", **settings)

    done = manage("check", env=env, timeout=60, check=False)

    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == [f"Configuration error: {message}"]


@pytest.mark.parametrize(
    ("settings", "model"),
    [
        ({"AGENT_MODEL": ""}, "offline"),
        ({"AGENT_MODEL": "", "OPENAI_API_KEY": "sk-test"}, "gpt-4.1-mini"),
        ({"AGENT_MODEL": " llama3.2 ", "OPENAI_BASE_URL": "http://127.0.0.1:11434"}, "llama3.2"),
        ({"AGENT_MODEL": "offline", "OPENAI_BASE_URL": "http://127.0.0.1:11434"}, "offline"),
    ],
)
def test_the_model_is_the_one_the_readme_says(settings, model, tmp_path):
    env = product_env(tmp_path / "db.sqlite3", **settings)

    done = manage(
        "shell", "-c", "from django.conf import settings; print(settings.AGENT_MODEL)", env=env
    )

    assert done.stdout.strip().splitlines()[-1] == model


# A setting set to an empty value (an `.env` or compose file's `NAME=`) is its default, as the
# README's Configuration table gives it. An empty STATIC_ROOT served the project directory,
# .env and all, at /static/; an empty ALLOWED_HOSTS answered every request 400; an empty
# DATABASE_URL was a traceback.
EMPTY_MEANS_DEFAULT = {
    "ALLOWED_HOSTS": ["localhost", "127.0.0.1", "[::1]"],
    "STATIC_ROOT": str(REPO_ROOT / "staticfiles"),
    "DATABASE_URL": str(REPO_ROOT / "db.sqlite3"),
    "CACHE_URL": "todochat_cache",
    "AGENT_MODEL": "offline",
    "CHAT_RATE_LIMIT": "30/min",
}
_PRINT_SETTINGS = (
    "from django.conf import settings; import json; print(json.dumps({"
    "'ALLOWED_HOSTS': settings.ALLOWED_HOSTS, 'STATIC_ROOT': str(settings.STATIC_ROOT), "
    "'DATABASE_URL': str(settings.DATABASES['default']['NAME']), "
    "'CACHE_URL': settings.CACHES['default']['LOCATION'], "
    "'AGENT_MODEL': settings.AGENT_MODEL, 'CHAT_RATE_LIMIT': settings.CHAT_RATE_LIMIT}))"
)


def test_an_empty_value_means_the_default(tmp_path):
    env = product_env(tmp_path / "db.sqlite3", **dict.fromkeys(EMPTY_MEANS_DEFAULT, ""))

    done = manage("shell", "-c", _PRINT_SETTINGS, env=env, timeout=60)

    assert json.loads(done.stdout.strip().splitlines()[-1]) == EMPTY_MEANS_DEFAULT


def test_lists_are_read_as_people_write_them(tmp_path):
    # " b.example.com" (the space after a comma) matched no Host and no Origin: every request
    # from there was answered 400, or refused by CORS.
    env = product_env(
        tmp_path / "db.sqlite3",
        ALLOWED_HOSTS="a.example.com, b.example.com ,",
        CORS_ALLOWED_ORIGINS="https://a.example.com, https://b.example.com",
    )

    done = manage(
        "shell",
        "-c",
        "from django.conf import settings; import json; "
        "print(json.dumps([settings.ALLOWED_HOSTS, settings.CORS_ALLOWED_ORIGINS]))",
        env=env,
    )

    assert json.loads(done.stdout.strip().splitlines()[-1]) == [
        ["a.example.com", "b.example.com"],
        ["https://a.example.com", "https://b.example.com"],
    ]


def test_spaces_around_a_value_are_not_part_of_it(tmp_path):
    # " https://auth.example.com" as the issuer refused every token with 401; a zone or a time
    # with a space around it stopped start-up.
    env = product_env(
        tmp_path / "db.sqlite3",
        AUTH_JWT_ISSUER=" https://auth.example.com ",
        AUTH_JWT_AUDIENCE=" todochat ",
        DEFAULT_TIMEZONE=" Europe/Paris ",
        REMINDER_ALL_DAY_TIME=" 08:30 ",
        AGENT_MODEL_API=" chat_completions ",
    )
    names = [
        "AUTH_JWT_ISSUER",
        "AUTH_JWT_AUDIENCE",
        "DEFAULT_TIMEZONE",
        "REMINDER_ALL_DAY_TIME",
        "AGENT_MODEL_API",
    ]

    done = manage(
        "shell",
        "-c",
        f"from django.conf import settings; import json; "
        f"print(json.dumps([str(getattr(settings, name)) for name in {names!r}]))",
        env=env,
    )

    assert json.loads(done.stdout.strip().splitlines()[-1]) == [
        "https://auth.example.com",
        "todochat",
        "Europe/Paris",
        "08:30",
        "chat_completions",
    ]


def test_a_pooler_is_read_as_people_write_it(tmp_path):
    env = product_env(tmp_path / "db.sqlite3", DB_POOLER=" Transaction ")

    done = manage(
        "shell", "-c", "from django.conf import settings; print(settings.DB_POOLER)", env=env
    )

    assert done.stdout.strip().splitlines()[-1] == "transaction"


def test_a_number_is_read_as_written(tmp_path):
    # "1e3" was read as 13 and "10s" as 10: digits picked out of the text.
    env = product_env(tmp_path / "db.sqlite3", AGENT_TIMEOUT_S="1e3", LOG_LEVEL="debug")

    done = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.AGENT_TIMEOUT_S, settings.LOG_LEVEL)",
        env=env,
        timeout=60,
    )

    assert done.stdout.strip().splitlines()[-1].split() == ["1000.0", "DEBUG"]


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("AGENT_TIMEOUT_S", "60s", "AGENT_TIMEOUT_S must be a number (got '60s')."),
        (
            "CHAT_RATE_LIMIT",
            "lots",
            "CHAT_RATE_LIMIT must be N/s, N/min, N/hour or N/day with N a whole number from 1 "
            "(got 'lots').",
        ),
    ],
)
def test_the_server_says_it_in_one_line_too(name, value, message, tmp_path):
    # `uvicorn todochat.asgi:application` imports the module: it printed a traceback.
    done = subprocess.run(
        [sys.executable, "-c", "import todochat.asgi"],
        cwd=REPO_ROOT,
        env=product_env(tmp_path / "db.sqlite3", **{name: value}),
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == [f"Configuration error: {message}"]


def test_a_pool_smaller_than_its_minimum_is_one_line(tmp_path):
    # psycopg refused it with a traceback on the first database step.
    env = product_env(
        "postgres://postgres@127.0.0.1:5432/unused", DB_POOL_MIN_SIZE="30", DB_POOL_MAX_SIZE="20"
    )

    done = manage("check", env=env, timeout=60, check=False)

    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == [
        "Configuration error: DB_POOL_MIN_SIZE (30) must not be above DB_POOL_MAX_SIZE (20)."
    ]


def test_the_token_url_may_be_a_path_on_this_origin(tmp_path):
    env = product_env(tmp_path / "db.sqlite3", AUTH_TOKEN_URL="/api/auth/token")

    done = manage("check", env=env, timeout=60, check=False)

    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    "zone", ["Europe/Paris", "Asia/Kathmandu", "posix/Europe/Paris", "Factory", "Etc/../UTC"]
)
def test_the_default_timezone_takes_the_zones_the_chat_api_takes(zone, tmp_path):
    # One rule for both (todochat.zones): the start-up check had its own copy of the list.
    try:
        schedule.zone(zone)
        taken = True
    except ApplicationError:
        taken = False

    done = manage(
        "check", env=product_env(tmp_path / "db.sqlite3", DEFAULT_TIMEZONE=zone), check=False
    )

    assert (done.returncode == 0) is taken, done.stderr
