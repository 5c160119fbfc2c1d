"""The product behind PgBouncer in transaction mode (PostgreSQL only): consecutive statements
may reach different server sessions, so the product must not rely on session state (psycopg's
prepared statements, startup options, server-side cursors). With `DB_POOLER=transaction` a
100-turn burst through it succeeds, every turn stored once."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest

from tests.support.pgbouncer import PgBouncer
from tests.support.processes import Server, product_env
from tests.test_database_outage import (
    DATABASE,
    _pg_port,
    database,  # noqa: F401  (fixture)
    postgres_url,
)
from todochat.tokens import issue_token

pytestmark = pytest.mark.skipif(
    not DATABASE["ENGINE"].endswith("postgresql"), reason="needs PostgreSQL"
)

TURNS = 100


@pytest.fixture(scope="module")
def bouncer() -> Iterator[PgBouncer]:
    host = DATABASE["HOST"] or "127.0.0.1"
    with PgBouncer(host, _pg_port(), DATABASE["USER"] or "postgres", DATABASE["PASSWORD"]) as b:
        yield b


@pytest.fixture(scope="module")
def server(database, bouncer, tmp_path_factory) -> Iterator[Server]:  # noqa: F811
    from django.conf import settings

    env = product_env(
        postgres_url(bouncer.port, database.rsplit("/", 1)[1]),
        AUTH_JWT_SECRET=settings.AUTH_JWT_SECRET,
        DB_POOLER="transaction",
        CHAT_RATE_LIMIT="100000/min",
    )
    log = tmp_path_factory.mktemp("pgbouncer") / "server.log"
    with Server.product(env, log) as server:
        yield server


def test_a_burst_of_turns_through_pgbouncer_in_transaction_mode_all_succeed(
    server,
    bouncer,
    database,  # noqa: F811
):
    def turn(n: int) -> int:
        user = f"bounced-{n % 10}"
        answer = server.request(
            "POST",
            f"/api/{user}/chat",
            {"message": f"Add a task to call person {n}"},
            token=issue_token(user),
            timeout=60,
        )
        assert answer.status == 200, (answer, server.log()[-2000:], bouncer.log()[-2000:])
        listed = server.request(
            "GET", f"/api/{user}/conversations?page_size=5", token=issue_token(user)
        )
        assert listed.status == 200, listed
        return answer.json()["conversation_id"]

    with ThreadPoolExecutor(20) as pool:
        conversations = list(pool.map(turn, range(TURNS)))

    assert len(set(conversations)) == TURNS
    with psycopg.connect(database) as direct:
        tasks = direct.execute("SELECT count(*) FROM tasks_task").fetchone()[0]
        replies = direct.execute(
            "SELECT count(*) FROM conversations_message WHERE role = 'assistant'"
        ).fetchone()[0]
    assert tasks == replies == TURNS
