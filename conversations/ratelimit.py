"""Rate limits counted where every replica sees them: in Redis when the shared cache is Redis
(`CACHE_URL=redis://…`), else in the database.

A limit of N per period counts a key's hits in windows of that period, each starting at the
first hit after the previous one ended; the (N+1)th hit inside a window is refused until it
ends. Counting a hit is one atomic operation (one SQL statement, or one Redis round trip), so
simultaneous requests can never slip past the limit together.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

_RATE = re.compile(r"^\s*(\d+)\s*/\s*(s|sec|second|m|min|minute|h|hour|d|day)s?\s*$", re.I)
_PERIOD_S = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    limit: int
    period_s: int


def parse_rate(text: str, setting: str = "CHAT_RATE_LIMIT") -> Rate:
    """`"30/min"` → `Rate(30, 60)`: `N/s`, `N/min`, `N/hour`, `N/day` (and their long forms).
    A value that is none of them is refused naming `setting`, the variable it came from."""
    match = _RATE.match(text)
    if match is None or int(match[1]) < 1:
        raise ImproperlyConfigured(
            f"{setting} must be N/s, N/min, N/hour or N/day with N a whole number from 1 "
            f"(got {text!r})."
        )
    return Rate(int(match[1]), _PERIOD_S[match[2][0].lower()])


@dataclass(frozen=True)
class Hit:
    """One counted hit: its number in the current window, and the seconds until the window ends."""

    count: int
    window_left_s: float


def _uses_redis() -> bool:
    return settings.CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache"


def _hit_redis(key: str, period_s: int) -> Hit:
    from django_redis import get_redis_connection

    redis_key = f"todochat:ratelimit:{key}"
    pipe = get_redis_connection("default").pipeline(transaction=True)
    pipe.set(redis_key, 0, ex=period_s, nx=True)  # a new window, if none is running
    pipe.incr(redis_key)
    pipe.pttl(redis_key)
    _, count, left_ms = pipe.execute()
    return Hit(count=count, window_left_s=max(left_ms, 0) / 1000)


_UPSERT = """
INSERT INTO {table} ("key", hits, ends_at_ms) VALUES (%s, 1, %s)
ON CONFLICT ("key") DO UPDATE SET
    hits = CASE WHEN {table}.ends_at_ms <= %s THEN 1 ELSE {table}.hits + 1 END,
    ends_at_ms = CASE WHEN {table}.ends_at_ms <= %s THEN excluded.ends_at_ms
                      ELSE {table}.ends_at_ms END
RETURNING hits, ends_at_ms
"""
# On PostgreSQL the same statement commits without waiting for its WAL to reach the disk (one
# flush less per chat request, about 3 ms on an fsync-bound disk): a count lost when the database
# server itself crashes only lets a few requests through early, whereas every other write of a
# turn stays fully durable. `set_config(..., true)` lasts until the statement's own transaction
# ends, and is read when it commits.
_RELAXED_UPSERT = (
    "\nWITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true))"
    + _UPSERT.replace("VALUES (%s, 1, %s)", "SELECT %s, 1, %s FROM relaxed")
)


def _hit_database(key: str, period_s: int) -> Hit:
    from .models import RateLimitWindow

    now_ms = int(time.time() * 1000)
    table = connection.ops.quote_name(RateLimitWindow._meta.db_table)
    # Only as a transaction of its own: inside a caller's transaction the setting would relax
    # the caller's commit too.
    relaxed = connection.vendor == "postgresql" and not connection.in_atomic_block
    statement = _RELAXED_UPSERT if relaxed else _UPSERT
    with connection.cursor() as cursor:
        cursor.execute(
            statement.format(table=table), [key, now_ms + period_s * 1000, now_ms, now_ms]
        )
        count, ends_at_ms = cursor.fetchone()
    return Hit(count=count, window_left_s=max(ends_at_ms - now_ms, 0) / 1000)


def hit(key: str, period_s: int) -> Hit:
    """Count one hit for `key` in its current window of `period_s` seconds."""
    if _uses_redis():
        return _hit_redis(key, period_s)
    return _hit_database(key, period_s)


def retry_after_s(window_left_s: float) -> int:
    """Whole seconds to wait (at least 1) before the window ends."""
    return max(1, math.ceil(window_left_s))
