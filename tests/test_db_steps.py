"""Database steps from async code: a bounded set of shared threads, pooled connections that are
handed back after each step and replaced when the server dropped them."""

from __future__ import annotations

import asyncio
import threading

import psycopg
import pytest
from asgiref.sync import async_to_sync
from django.conf import settings
from django.db import connection

from tasks.models import Task
from todochat.db import db_step

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def thread_name() -> str:
    return threading.current_thread().name


def slow_thread_name() -> str:
    threading.Event().wait(0.01)
    return threading.current_thread().name


def test_steps_share_a_bounded_set_of_threads_whatever_the_number_of_requests():
    async def many():
        return await asyncio.gather(*(db_step(slow_thread_name) for _ in range(50)))

    names = set(asyncio.run(many()))

    assert all(name.startswith("todochat-db") for name in names)
    assert 1 <= len(names) <= settings.DB_THREADS


@pytest.mark.django_db
def test_a_synchronous_caller_runs_the_steps_itself_inside_its_transaction():
    Task.objects.create(user_id="alice", number=1, title="Uncommitted")

    async def step():
        return await db_step(lambda: (thread_name(), Task.objects.filter(user_id="alice").count()))

    name, count = async_to_sync(step)()

    assert name == threading.current_thread().name
    assert count == 1  # the caller's open transaction is visible


def backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


@pytest.mark.skipif(not ON_POSTGRES, reason="PostgreSQL's connection pool")
@pytest.mark.django_db(transaction=True)
def test_a_pooled_connection_the_server_dropped_is_replaced_before_a_step_uses_it():
    pids: list[int] = []

    async def steps():
        pids.append(await db_step(backend_pid))
        # The server ends that connection (a restart, a failover, an administrator) while it
        # waits in the pool. The pool hands its few connections out in turn: the next steps
        # would reach it.
        assert await asyncio.to_thread(_terminate, pids[0])
        await asyncio.sleep(0.2)
        return [await db_step(backend_pid) for _ in range(6)]

    later = asyncio.run(steps())

    assert pids[0] not in later


def _terminate(pid: int) -> bool:
    db = connection.settings_dict
    params = {"dbname": db["NAME"], "host": db["HOST"] or None, "port": db["PORT"] or None}
    params |= {"user": db["USER"] or None, "password": db["PASSWORD"] or None}
    with psycopg.connect(**params, autocommit=True) as admin:
        return admin.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone()[0]
