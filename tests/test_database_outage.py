"""A database outage as a user sees it, on a real server process (PostgreSQL only).

The product runs as `uvicorn todochat.asgi:application` and reaches a database of its own through
a TCP proxy this module owns. "The database stops" is the proxy unplugged: new connections are
refused and open ones break. The shared PostgreSQL server is never touched.

While the database is down every API call answers 503 `database_unavailable` in the error shape,
quickly, `/readyz` 503 and `/healthz` 200; once it is back the same process serves again by itself.
A turn whose database dies while the model is thinking answers 503, never a 500, and the user's
message stored before the model was asked is still there.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import TypeVar
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings

from tests.fakes.openai_server import FakeOpenAIServer
from tests.support.errors import assert_error_shape
from tests.support.processes import Answer, Server, migrate, product_env
from tests.support.tcp_proxy import TcpProxy
from todochat.tokens import issue_token

DATABASE = settings.DATABASES["default"]
pytestmark = pytest.mark.skipif(
    not DATABASE["ENGINE"].endswith("postgresql"), reason="needs PostgreSQL"
)

# How long a request waits for a pooled connection (DB_POOL_TIMEOUT_S): low, so a down
# database is answered quickly.
POOL_TIMEOUT_S = 2
# How long the same process may take to serve again once the database is back.
RECOVERY_S = 30
T = TypeVar("T")


def postgres_url(port: int, name: str) -> str:
    user = quote(DATABASE["USER"] or "postgres", safe="")
    password = f":{quote(DATABASE['PASSWORD'], safe='')}" if DATABASE["PASSWORD"] else ""
    return f"postgres://{user}{password}@{DATABASE['HOST'] or '127.0.0.1'}:{port}/{name}"


def admin_connection() -> psycopg.Connection:
    return psycopg.connect(postgres_url(_pg_port(), "postgres"), autocommit=True)


def _pg_port() -> int:
    return int(DATABASE["PORT"] or 5432)


@pytest.fixture(scope="module")
def database() -> Iterator[str]:
    """A migrated database of our own (its direct URL); dropped at the end."""
    name = f"todochat_outage_{uuid.uuid4().hex[:12]}"
    with admin_connection() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = postgres_url(_pg_port(), name)
    try:
        migrate(url)
        yield url
    finally:
        with admin_connection() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def proxy() -> Iterator[TcpProxy]:
    with TcpProxy(DATABASE["HOST"] or "127.0.0.1", _pg_port()) as proxy:
        yield proxy


def server_env(database: str, proxy: TcpProxy, **overrides: str) -> dict[str, str]:
    """The product's environment on `database`, reached through `proxy`."""
    env = {
        "DEBUG": "true",
        "SECRET_KEY": "outage-test-secret-key",
        "AUTH_JWT_SECRET": settings.AUTH_JWT_SECRET,
        "AGENT_MODEL": "offline",
        "CHAT_RATE_LIMIT": "100000/min",
        "DB_POOL_TIMEOUT_S": str(POOL_TIMEOUT_S),
    }
    through_proxy = postgres_url(proxy.port, database.rsplit("/", 1)[1])
    return product_env(through_proxy, **{**env, **overrides})


@pytest.fixture(scope="module")
def server(database, proxy, tmp_path_factory) -> Iterator[Server]:
    """The product on the offline model."""
    log = tmp_path_factory.mktemp("outage") / "server.log"
    with Server.product(server_env(database, proxy), log) as server:
        yield server


@pytest.fixture(scope="module")
def model() -> Iterator[FakeOpenAIServer]:
    """An OpenAI-compatible model that answers `echo: …`, after `delay` seconds."""
    with FakeOpenAIServer(policy="echo") as model:
        yield model


@pytest.fixture(scope="module")
def slow_model_server(database, proxy, model, tmp_path_factory) -> Iterator[Server]:
    """The product on the fake model, so a turn can be held while the model "thinks"."""
    env = server_env(
        database,
        proxy,
        AGENT_MODEL="gpt-4o-mini",
        OPENAI_API_KEY="test",
        OPENAI_BASE_URL=model.base_url,
        AGENT_MAX_RETRIES="0",
    )
    log = tmp_path_factory.mktemp("outage") / "slow-model-server.log"
    with Server.product(env, log) as server:
        yield server


@contextmanager
def database_down(proxy: TcpProxy) -> Iterator[None]:
    proxy.unplug()
    try:
        yield
    finally:
        proxy.plug_in()


def eventually(
    call: Callable[[], T], done: Callable[[T], bool], timeout: float, every: float = 0.5
) -> list[T]:
    """`call()` every `every` seconds until `done(result)`; every result, the good one last."""
    deadline = time.monotonic() + timeout
    results = [call()]
    while not done(results[-1]):
        assert time.monotonic() < deadline, f"not done in {timeout} s: {results[-3:]}"
        time.sleep(every)
        results.append(call())
    return results


def served_again(server: Server, user_id: str) -> list[Answer]:
    """Chat until a turn succeeds; every answer on the way (503s while the pool reconnects)."""
    answers = eventually(lambda: chat(server, user_id, "hello"), lambda a: a.status != 503, 30)
    assert answers[-1].status == 200, (answers[-1], server.log()[-4000:])
    return answers


def model_asked(model: FakeOpenAIServer, before: int) -> None:
    """Wait until the model got a request: the user's message is committed before that."""
    eventually(lambda: len(model.requests), lambda n: n > before, timeout=15, every=0.02)


def chat(server: Server, user_id: str, message: str) -> Answer:
    body = {"message": message}
    return server.request("POST", f"/api/{user_id}/chat", body, token=issue_token(user_id))


@contextmanager
def model_thinking(
    server: Server, model: FakeOpenAIServer, user_id: str, message: str
) -> Iterator[Future[Answer]]:
    """A turn of `user_id`'s, under way inside: the model has been asked (so the message is
    stored) and "thinks" for 3 s before it answers."""
    served_again(server, "outage-warm-up")
    model.delay = 3.0
    asked = len(model.requests)
    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            turn = pool.submit(chat, server, user_id, message)
            model_asked(model, asked)
            yield turn
    finally:
        model.delay = 0.0


def stored_messages(database: str, user_id: str) -> list[tuple[str, str]]:
    with psycopg.connect(database) as connection:
        rows = connection.execute(
            "SELECT role, content FROM conversations_message WHERE user_id = %s ORDER BY id",
            (user_id,),
        )
        return list(rows)


def assert_unavailable(answer: Answer, server: Server) -> None:
    assert answer.status == 503, (answer, server.log()[-4000:])
    assert assert_error_shape(answer.json())["code"] == "database_unavailable"
    assert answer.headers.get("Retry-After"), answer.headers


def test_while_the_database_is_down_every_api_call_is_a_quick_503(server, proxy):
    user = "outage-ann"
    token = issue_token(user)
    served_again(server, user)  # the pool is connected

    with database_down(proxy):
        for method, path, body in [
            ("POST", f"/api/{user}/chat", {"message": "Add a task to buy bread"}),
            ("GET", f"/api/{user}/conversations", None),
            ("GET", f"/api/{user}/conversations/1/messages", None),
            ("POST", f"/api/{user}/chat", {"message": "Show my tasks"}),
        ]:
            started = time.monotonic()
            answer = server.request(method, path, body, token=token)
            elapsed = time.monotonic() - started

            assert_unavailable(answer, server)
            assert elapsed < POOL_TIMEOUT_S + 3, (method, path, elapsed)


def test_while_the_database_is_down_readyz_is_503_and_healthz_200(server, proxy):
    with database_down(proxy):
        ready = server.request("GET", "/readyz")
        healthy = server.request("GET", "/healthz")

    assert (ready.status, ready.json()["status"]) == (503, "unavailable")
    assert "Traceback" not in ready.text
    assert (healthy.status, healthy.json()) == (200, {"status": "ok"})


def test_when_the_database_is_back_the_same_process_serves_again(server, proxy):
    user = "outage-bob"
    pid = server.process.pid
    with database_down(proxy):
        assert_unavailable(chat(server, user, "Add a task to call mum"), server)

    started = time.monotonic()
    answers = served_again(server, user)
    recovered_in = time.monotonic() - started

    assert "Call mum" not in chat(server, user, "Show my tasks").json()["response"]
    assert server.request("GET", "/readyz").status == 200
    assert (server.running, server.process.pid) == (True, pid)
    print(f"served again after {len(answers) - 1} more 503(s), {recovered_in:.1f} s")


def test_a_turn_whose_database_dies_while_the_model_thinks_is_a_503(
    slow_model_server, model, proxy, database
):
    user = "outage-cy"
    with (
        model_thinking(slow_model_server, model, user, "Remember the milk") as turn,
        database_down(proxy),
    ):
        answer = turn.result(timeout=60)

    assert_unavailable(answer, slow_model_server)
    assert stored_messages(database, user) == [("user", "Remember the milk")]


def test_a_turn_whose_database_blips_while_the_model_thinks_is_answered(
    slow_model_server, model, proxy, database
):
    user = "outage-dee"
    with model_thinking(slow_model_server, model, user, "Remember the eggs") as turn:
        with database_down(proxy):
            time.sleep(0.5)
        answer = turn.result(timeout=60)

    assert answer.status == 200, (answer, slow_model_server.log()[-4000:])
    assert answer.json()["response"] == "echo: Remember the eggs"
    assert stored_messages(database, user) == [
        ("user", "Remember the eggs"),
        ("assistant", "echo: Remember the eggs"),
    ]
