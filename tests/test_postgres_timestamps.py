"""Times read from PostgreSQL are the instants stored, in UTC, however they are read: a plain
query, a server-side cursor (`iterator()`), inside a transaction. (The backend reads them with
psycopg's compiled loader instead of Django's.)"""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from django.db import connection, transaction

from tasks.models import Task
from tasks.tests.factories import TaskFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]

SHANGHAI = timezone(timedelta(hours=8))
DUE = datetime(2026, 12, 4, 17, 0, 30, 123456, tzinfo=SHANGHAI)


def read_back(how: str) -> datetime:
    if how == "query":
        return Task.objects.get().due_at
    if how == "iterator":
        with transaction.atomic():  # a named cursor lives in a transaction
            return next(Task.objects.all().iterator(chunk_size=10)).due_at
    if how == "values":
        return Task.objects.values_list("due_at", flat=True).get()
    raise AssertionError(how)


@pytest.mark.parametrize("how", ["query", "iterator", "values"])
def test_a_stored_instant_reads_back_as_the_same_instant_in_utc(how):
    TaskFactory(due_at=DUE)

    due = read_back(how)

    assert due == DUE
    assert due.tzinfo is UTC
    assert (due.hour, due.microsecond) == (9, 123456)
