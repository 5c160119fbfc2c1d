"""Chat turns are rate-limited per user (`CHAT_RATE_LIMIT`), counted in the shared cache (the
database by default, Redis with `CACHE_URL=redis://…`), never in process memory: the limit holds
across server processes."""

from __future__ import annotations

import socket
import uuid
from concurrent.futures import ThreadPoolExecutor

import environ
import httpx2
import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction

from conversations import ratelimit
from conversations.models import RateLimitWindow
from tests.jwks import hs256_token
from tests.support.processes import JWT_SECRET, Server, copy_database, product_env, serving

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/1"
ON_POSTGRES = django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def redis_available() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


def user() -> str:
    """A fresh user id: counts in a shared Redis outlive a test."""
    return f"user-{uuid.uuid4().hex[:12]}"


@pytest.fixture(
    params=[
        "database",
        pytest.param(
            "redis",
            marks=pytest.mark.skipif(not redis_available(), reason="no Redis on 127.0.0.1:6379"),
        ),
    ]
)
def counted_in(request, settings) -> str:
    """Where the rate limits are counted: the database (the default), or Redis."""
    if request.param == "redis":
        settings.CACHES = {"default": environ.Env.cache_url_config(REDIS_URL)}
    return request.param


@pytest.fixture
def three_per_minute(counted_in, settings):
    """CHAT_RATE_LIMIT=3/min, counted in the database or in Redis."""
    settings.CHAT_RATE_LIMIT = "3/min"


def chat(api_as, user_id: str):
    return api_as(user_id).post(f"/api/{user_id}/chat", {"message": "hello"}, format="json")


def assert_rate_limited(status: int, headers, body: dict) -> None:
    assert status == 429
    assert 1 <= int(headers["Retry-After"]) <= 60
    assert body["error"]["code"] == "rate_limited"
    assert body["error"]["message"]


@pytest.mark.usefixtures("three_per_minute")
def test_the_fourth_turn_in_a_minute_is_429_with_retry_after(api_as):
    alice, bob = user(), user()

    statuses = [chat(api_as, alice).status_code for _ in range(3)]
    limited = chat(api_as, alice)

    assert statuses == [200, 200, 200]
    assert_rate_limited(limited.status_code, limited, limited.json())
    # Per user: someone else is unaffected.
    assert chat(api_as, bob).status_code == 200


def test_the_limit_holds_across_processes_sharing_the_cache(migrated_sqlite, tmp_path):
    env = product_env(copy_database(migrated_sqlite, tmp_path), CHAT_RATE_LIMIT="3/min")

    with serving(Server.product(env), Server.product(env), log_dir=tmp_path) as (first, second):
        responses = [post_chat(server, "alice") for server in (first, second, first, second)]
        bobs = post_chat(first, "bob")

    assert [r.status_code for r in responses] == [200, 200, 200, 429]
    assert_rate_limited(429, responses[3].headers, responses[3].json())
    assert bobs.status_code == 200


def post_chat(server: Server, user_id: str) -> httpx2.Response:
    return httpx2.post(
        f"{server.base_url}/api/{user_id}/chat",
        json={"message": "hello"},
        headers={"Authorization": f"Bearer {hs256_token(JWT_SECRET, user_id)}"},
        timeout=20,
    )


def test_an_unreachable_cache_is_a_503_not_a_500(api_as, settings):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    settings.CACHES = {"default": environ.Env.cache_url_config(f"redis://127.0.0.1:{port}/1")}

    response = chat(api_as, user())

    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert response.json()["error"]["code"] == "service_unavailable"


@pytest.mark.parametrize(
    ("text", "limit", "period_s"),
    [("30/min", 30, 60), ("5/s", 5, 1), ("100/hour", 100, 3600), ("2 / day", 2, 86400)],
)
def test_rates_are_read_as_documented(text, limit, period_s):
    assert ratelimit.parse_rate(text) == ratelimit.Rate(limit, period_s)


@pytest.mark.parametrize("text", ["", "30", "0/min", "30/fortnight", "-1/s", "x/min"])
def test_a_rate_that_does_not_parse_is_a_configuration_error(text):
    with pytest.raises(ImproperlyConfigured) as refused:
        ratelimit.parse_rate(text)
    assert str(refused.value) == (
        "CHAT_RATE_LIMIT must be N/s, N/min, N/hour or N/day with N a whole number from 1 "
        f"(got {text!r})."
    )


@pytest.fixture
def store(counted_in):
    if counted_in == "database" and not ON_POSTGRES:
        pytest.skip("simultaneous writers: PostgreSQL (the in-memory test SQLite has table locks)")
    return counted_in


@pytest.mark.django_db(transaction=True)
def test_simultaneous_hits_are_each_counted_once(store):
    key = user()

    with ThreadPoolExecutor(max_workers=8) as pool:
        counts = list(pool.map(lambda _: _counted(key), range(40)))

    assert sorted(counts) == list(range(1, 41))


def _counted(key: str) -> int:
    try:
        return ratelimit.hit(key, 60).count
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_a_new_window_starts_after_the_last_one_ends():
    key = user()
    first = ratelimit.hit(key, 60)
    assert (first.count, ratelimit.hit(key, 60).count) == (1, 2)
    assert 59 <= first.window_left_s <= 60

    RateLimitWindow.objects.filter(key=key).update(ends_at_ms=0)  # the window is over

    assert ratelimit.hit(key, 60).count == 1


@pytest.mark.skipif(not ON_POSTGRES, reason="WAL flushes are PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_counting_a_request_does_not_wait_for_a_wal_flush_on_postgresql():
    # One disk flush per chat request only for a counter is most of a turn's wait on a slow
    # disk; the turn's own writes (message, tool calls, reply) still wait for theirs. What the
    # count sends turns `synchronous_commit` off for its own transaction: run again inside one,
    # the setting is seen there (a count of WAL syncs also sees the WAL writer's).
    sent: list[tuple[str, object]] = []

    def record(execute, sql, params, many, context):
        sent.append((sql, params))
        return execute(sql, params, many, context)

    key = user()
    with connection.execute_wrapper(record):
        ratelimit.hit(key, 60)
    [(sql, params)] = sent

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"
        cursor.execute(sql, params)
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "off"
    assert RateLimitWindow.objects.get(key=key).hits == 2
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "on"  # the connection's own setting is left alone
