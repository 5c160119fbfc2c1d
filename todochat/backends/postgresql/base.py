"""Django's PostgreSQL backend, with a cheaper check of pooled connections, a bound on every
wait for the server, and timestamps read by psycopg's compiled loader.

Connections go back to the pool after every database step, so one is taken from the pool
several times per request. Django's `CONN_HEALTH_CHECKS` would make the pool try each one with a
round trip to the server first; `check_pooled_connection` makes that round trip only when the
connection's socket shows the server went away.

A server that stops answering while the connection stays open (a frozen primary, a partition,
a stalled proxy) is noticed by nothing on the client side: the kernel keeps the connection
alive and `statement_timeout` is the server's own. `BoundedConnection` gives up on any single
wait after `DB_QUERY_TIMEOUT_S`, closing the connection (its state is unknown) and raising
`OperationalError`, which the API answers with 503.

Django reads every `timestamptz` through a loader of its own written in Python (it sets the
datetimes' zone), about ten times slower than psycopg's compiled one: a page of 50 tasks spent
a millisecond there. On a UTC connection (Django's, with `USE_TZ`) the compiled loader already
gives datetimes in `datetime.timezone.utc`, the zone Django sets, so it is used instead.
"""

from __future__ import annotations

import datetime
import functools
import select
import time
from typing import Any

import psycopg
from django.conf import settings
from django.db.backends.base.base import NO_DB_ALIAS
from django.db.backends.postgresql import base
from django.utils.asyncio import async_unsafe
from psycopg import adapt, errors, waiting
from psycopg.types.datetime import TimestamptzLoader
from psycopg_pool import ConnectionPool, PoolTimeout


class BoundedConnection(psycopg.Connection):
    """A psycopg connection whose every wait on the server ends after `DB_QUERY_TIMEOUT_S`."""

    def wait(self, gen: Any, interval: float = 0.1, timeout: float | None = None) -> Any:
        bound = settings.DB_QUERY_TIMEOUT_S
        if timeout is not None or not bound:
            return super().wait(gen, interval=interval, timeout=timeout)
        try:
            return waiting.wait(gen, self.pgconn.socket, interval=interval, timeout=bound)
        except errors._WaitTimeout:
            # Whatever the server was doing, this connection cannot be trusted again.
            self.pgconn.finish()
            raise psycopg.OperationalError(
                f"The database did not answer within {bound:g} s."
            ) from None


def check_pooled_connection(conn: Any) -> None:
    """Raise if the connection is broken, so the pool replaces it.

    An idle, healthy connection has nothing to read. One whose server went away (restart,
    failover, terminated backend, dropped link) has: its socket is readable (end of stream,
    or the server's goodbye message). Only then is it tried with a round trip.
    """
    if conn.closed:
        raise ConnectionError("The connection is closed.")
    poller = select.poll()
    poller.register(conn.pgconn.socket, select.POLLIN | select.POLLERR | select.POLLHUP)
    if poller.poll(0):
        ConnectionPool.check_connection(conn)


class CheckingPool(ConnectionPool):
    """A pool whose `getconn` checks the connection it takes (`check_pooled_connection`) and,
    if it is broken, hands it back to be replaced and takes the next one at once.

    psycopg_pool's own `check` waits between one broken connection and the next (a second, then
    two, then four: a backoff meant for a server that refuses): after a database restart every
    idle connection in the pool is broken, and with two or more of them a request ran out of
    `DB_POOL_TIMEOUT_S` on those waits, answering 503 with the database back. Here a broken one
    costs only its check; the pool's own wait for a new connection still bounds the whole.
    """

    def getconn(self, timeout: float | None = None) -> Any:
        if timeout is None:
            timeout = self.timeout
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise PoolTimeout(f"couldn't get a connection after {timeout:.2f} sec")
            conn = super().getconn(left)
            try:
                check_pooled_connection(conn)
            except Exception:
                # Handed back closed, it is thrown away and a new one made in its place.
                conn.close()
                self.putconn(conn)
            else:
                return conn


@functools.cache
def _with_compiled_timestamps(template: adapt.AdaptersMap) -> adapt.AdaptersMap:
    """Django's adapters, reading `timestamptz` with psycopg's own loader (compiled, with
    psycopg[binary])."""
    adapters = adapt.AdaptersMap(template)
    adapters.register_loader("timestamptz", TimestamptzLoader)
    return adapters


class DatabaseWrapper(base.DatabaseWrapper):
    @functools.cached_property
    def _compiled_timestamps(self) -> bool:
        # The compiled loader answers in the connection's zone: UTC is `datetime.timezone.utc`,
        # exactly what Django's loader would set.
        return (
            settings.USE_TZ
            and self.timezone is datetime.UTC
            and self.timezone_name == "UTC"
            and psycopg.pq.__impl__ in ("binary", "c")
        )

    def get_connection_params(self) -> dict[str, Any]:
        if self.settings_dict["OPTIONS"].get("pool") and self.alias in self._connection_pools:  # type: ignore[attr-defined]
            # Django asks for them on every connect, only to hand them to `get_new_connection`,
            # which takes a connection from the pool instead (made with the parameters the pool
            # was created with): with a connection taken several times per request, building
            # them was a measurable part of each database step.
            return {}
        params = super().get_connection_params()
        if self._compiled_timestamps:
            params["context"] = _with_compiled_timestamps(params["context"])
        return params

    @async_unsafe
    def create_cursor(self, name: str | None = None) -> Any:
        if not self._compiled_timestamps:
            return super().create_cursor(name)
        # Django's, without its check of the cursor's timestamp loader against the connection's
        # zone: the loader is psycopg's, already in that zone.
        if name is None:
            return self.connection.cursor()
        withhold = self.connection.autocommit
        if self.settings_dict["OPTIONS"].get("server_side_binding") is not True:
            # Django's psycopg 3 cursor class (its stubs describe the psycopg2 one).
            server_side: Any = base.ServerSideCursor
            return server_side(self.connection, name=name, scrollable=False, withhold=withhold)
        return self.connection.cursor(name, scrollable=False, withhold=withhold)

    @property
    def pool(self) -> ConnectionPool | None:
        options = self.settings_dict["OPTIONS"].get("pool")
        # `_connection_pools` and `_configure_connection` are Django's own (not in its stubs).
        pools = self._connection_pools  # type: ignore[attr-defined]
        if options and self.alias not in pools and self.alias != NO_DB_ALIAS:
            if self.settings_dict.get("CONN_MAX_AGE", 0) != 0:
                return super().pool  # Django's own error for this configuration
            pool = CheckingPool(
                # Autocommit until Django sets what it wants, as Django's own pool does.
                kwargs={**self.get_connection_params(), "autocommit": True},
                connection_class=BoundedConnection,
                open=False,
                configure=self._configure_connection,  # type: ignore[attr-defined]
                **({} if options is True else options),
            )
            pools.setdefault(self.alias, pool)
        return super().pool
