"""Several replicas behind a round-robin balancer, one killed (SIGKILL) mid-burst (PostgreSQL
only): every turn that got a 200 is stored once; every other turn, retried with its
Idempotency-Key, succeeds with no duplicate task; no key stays stuck (a key the dead replica
held is taken over once its lease lapses)."""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack

import psycopg
import pytest

from conversations.services import UNRECORDED_OUTCOME
from tests.support.processes import Server, product_env
from tests.support.tcp_proxy import RoundRobinProxy
from tests.test_database_outage import (
    DATABASE,
    database,  # noqa: F401  (fixture)
)
from todochat.tokens import issue_token

pytestmark = pytest.mark.skipif(
    not DATABASE["ENGINE"].endswith("postgresql"), reason="needs PostgreSQL"
)

TURNS = 200
KILL_AFTER = 60
# A short turn bound, so the dead replica's keys are taken over quickly (lease: 3 + 3 × 2 s).
ENV = {"AGENT_TIMEOUT_S": "3", "DB_STEP_TIMEOUT_S": "2", "CHAT_RATE_LIMIT": "100000/min"}


@pytest.fixture(scope="module")
def replicas(database, tmp_path_factory) -> Iterator[tuple[list[Server], RoundRobinProxy]]:  # noqa: F811
    from django.conf import settings

    env = product_env(database, AUTH_JWT_SECRET=settings.AUTH_JWT_SECRET, **ENV)
    directory = tmp_path_factory.mktemp("replicas")
    servers = [Server.product(env, directory / f"replica-{n}.log") for n in range(3)]
    with ExitStack() as stack:
        for server in servers:
            stack.enter_context(server)
        proxy = stack.enter_context(RoundRobinProxy([("127.0.0.1", s.port) for s in servers]))
        yield servers, proxy


def send(proxy: RoundRobinProxy, n: int) -> int | None:
    """Turn `n` through the balancer: its status, or None when the connection broke."""
    user = f"replica-user-{n % 20}"
    connection = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=60)
    try:
        connection.request(
            "POST",
            f"/api/{user}/chat",
            body=f'{{"message": "Add a task to do thing {n}"}}',
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {issue_token(user)}",
                "Idempotency-Key": f"burst-{n}",
            },
        )
        response = connection.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException):
        return None
    finally:
        connection.close()


def test_a_replica_killed_mid_burst_loses_nothing_and_doubles_nothing(replicas, database):  # noqa: F811
    servers, proxy = replicas
    done = 0
    lock = threading.Lock()
    killed = threading.Event()

    def turn(n: int) -> int | None:
        nonlocal done
        status = send(proxy, n)
        with lock:
            done += 1
            if done == KILL_AFTER and not killed.is_set():
                killed.set()
                servers[0].process.kill()  # SIGKILL: no cleanup, whatever it was doing
        return status

    with ThreadPoolExecutor(16) as pool:
        statuses = list(pool.map(turn, range(TURNS)))
    assert killed.is_set()
    assert statuses.count(200) >= TURNS // 2, statuses

    # Every turn that did not get its 200 is retried with its key until it does.
    deadline = time.monotonic() + 60
    pending = [n for n, status in enumerate(statuses) if status != 200]
    while pending:
        assert time.monotonic() < deadline, f"still failing: {pending[:10]}"
        pending = [n for n in pending if send(proxy, n) != 200]
        if pending:
            time.sleep(0.5)

    with psycopg.connect(database) as direct:
        titles = dict(
            direct.execute("SELECT title, count(*) FROM tasks_task GROUP BY title").fetchall()
        )
        questions = direct.execute(
            "SELECT count(*), count(DISTINCT content) FROM conversations_message "
            "WHERE role = 'user' AND content LIKE 'Add a task to do thing %%'"
        ).fetchone()
        replies = direct.execute(
            "SELECT count(*) FROM conversations_message WHERE role = 'assistant'"
        ).fetchone()[0]
        # A call the killed replica had started may or may not have run: its turn's answer
        # says so (never is it run a second time).
        unknown = {
            "D" + content.removeprefix("Add a task to d")
            for (content,) in direct.execute(
                "SELECT q.content FROM conversations_message q JOIN conversations_message r "
                "ON r.turn = q.id AND r.role = 'assistant' "
                "WHERE q.role = 'user' AND r.tool_calls::text LIKE %s",
                (f"%{UNRECORDED_OUTCOME[:40]}%",),
            ).fetchall()
        }
        keys = dict(
            direct.execute(
                "SELECT state, count(*) FROM conversations_idempotencykey GROUP BY state"
            ).fetchall()
        )
    assert {f"Do thing {n}" for n in range(TURNS)} - set(titles) <= unknown
    assert max(titles.values()) == 1, {t: c for t, c in titles.items() if c > 1}
    assert questions == (TURNS, TURNS)
    assert replies == TURNS
    assert keys == {"completed": TURNS}
