"""A database that stops answering with its connections left open (a frozen primary, a network
partition: nothing is refused, nothing moves), on a real server process (PostgreSQL only).

Every request is answered 503 `database_unavailable` with `Retry-After` within the documented
bound (`DB_STEP_TIMEOUT_S`, each wait on the server bounded by `DB_QUERY_TIMEOUT_S`), never
left hanging; once the database moves again the same process serves by itself.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support.errors import assert_error_shape
from tests.support.processes import Server
from tests.support.tcp_proxy import TcpProxy
from tests.test_database_outage import (
    DATABASE,
    _pg_port,
    chat,
    database,  # noqa: F401  (fixture)
    server_env,
)

pytestmark = pytest.mark.skipif(
    not DATABASE["ENGINE"].endswith("postgresql"), reason="needs PostgreSQL"
)

QUERY_TIMEOUT_S = 2
STEP_TIMEOUT_S = 4
# The documented bound, with room for a loaded machine (no timing is asserted below it).
ANSWER_WITHIN_S = 30


@pytest.fixture(scope="module")
def frozen_proxy() -> Iterator[TcpProxy]:
    with TcpProxy(DATABASE["HOST"] or "127.0.0.1", _pg_port()) as proxy:
        yield proxy


@pytest.fixture(scope="module")
def server(database, frozen_proxy, tmp_path_factory) -> Iterator[Server]:  # noqa: F811
    env = server_env(
        database,
        frozen_proxy,
        DB_QUERY_TIMEOUT_S=str(QUERY_TIMEOUT_S),
        DB_STEP_TIMEOUT_S=str(STEP_TIMEOUT_S),
        DB_CONNECT_TIMEOUT_S="2",
        DB_POOL_TIMEOUT_S="2",
    )
    log = tmp_path_factory.mktemp("frozen") / "server.log"
    with Server.product(env, log) as server:
        yield server


def test_a_frozen_database_gives_503s_with_retry_after_then_recovers(server, frozen_proxy):
    assert chat(server, "frozen-warm-up", "Add a task to warm up").status == 200

    frozen_proxy.freeze()
    try:
        with ThreadPoolExecutor(10) as pool:
            answers = list(
                pool.map(
                    lambda n: server.request(
                        "POST",
                        f"/api/frozen-{n}/chat",
                        {"message": "Add a task to buy milk"},
                        token=_token(f"frozen-{n}"),
                        timeout=ANSWER_WITHIN_S,
                    ),
                    range(10),
                )
            )
        history = server.request(
            "GET", "/api/frozen-0/conversations", token=_token("frozen-0"), timeout=ANSWER_WITHIN_S
        )
    finally:
        frozen_proxy.thaw()

    for answer in [*answers, history]:
        assert answer.status == 503, (answer, server.log()[-3000:])
        assert answer.headers.get("Retry-After")
        assert assert_error_shape(answer.json())["code"] == "database_unavailable"

    deadline = time.monotonic() + ANSWER_WITHIN_S
    while (answer := chat(server, "frozen-after", "hello")).status != 200:
        assert time.monotonic() < deadline, (answer, server.log()[-3000:])
        time.sleep(0.5)


def _token(user_id: str) -> str:
    from todochat.tokens import issue_token

    return issue_token(user_id)
