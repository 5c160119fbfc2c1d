"""Writing one row without the ORM's query compiler, for the rows every chat turn writes.

`Model.objects.create` builds and compiles its INSERT anew on each call; on a turn's path (a
conversation, the user's message, the reply, each tool call's record) that was several times
the database's own work. `insert_row` (and `upsert_row`, PostgreSQL's and SQLite's
`ON CONFLICT … DO UPDATE`) writes the same row (each field's default, `auto_now_add`
and conversion to the database's form, as `save` applies them) with an INSERT written once per
model and connection vendor. No model signals are sent; the models it serves have no receivers.
"""

from __future__ import annotations

import functools
from typing import Any, cast

from django.db import connection, models

# The largest id a row can have (a 64-bit key): past it, an id names no row, and SQLite's driver
# cannot even send it.
BIGINT_MAX = 2**63 - 1


@functools.cache
def row_fields(model: type[models.Model]) -> tuple[models.Field, ...]:
    """The fields `insert_row` writes, in its columns' order: every concrete field but the key."""
    return tuple(f for f in model._meta.concrete_fields if not f.primary_key)


@functools.cache
def _insert_sql(model: type[models.Model], vendor: str) -> tuple[str, tuple[models.Field, ...]]:
    quote = connection.ops.quote_name
    fields = row_fields(model)
    columns = ", ".join(quote(cast(str, f.column)) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"
    if connection.features.can_return_columns_from_insert:
        sql += f" RETURNING {quote(cast(str, model._meta.pk.column))}"
    return sql, fields


@functools.cache
def _upsert_sql(
    model: type[models.Model],
    vendor: str,
    unique: tuple[str, ...],
    update: tuple[str, ...],
    relaxed: bool = False,
) -> tuple[str, tuple[models.Field, ...]]:
    quote = connection.ops.quote_name
    fields = row_fields(model)
    columns = ", ".join(quote(cast(str, f.column)) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    by_name = {f.name: quote(cast(str, f.column)) for f in fields}
    conflict = ", ".join(by_name[name] for name in unique)
    updated = ", ".join(f"{by_name[name]} = excluded.{by_name[name]}" for name in update)
    # The setting is local to the statement's own transaction; a WITH query runs only when
    # read, hence the FROM.
    rows = f"SELECT {placeholders} FROM relaxed" if relaxed else f"VALUES ({placeholders})"
    sql = (
        (
            "WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true)) "
            if relaxed
            else ""
        )
        + f"INSERT INTO {quote(model._meta.db_table)} ({columns}) {rows} "
        f"ON CONFLICT ({conflict}) DO UPDATE SET {updated}"
    )
    return sql, fields


def row_params(
    model: type[models.Model], fields: tuple[models.Field, ...], values: Any
) -> list[Any]:
    """The database values of `fields` for a new `model` row with these field `values` (the
    rest: their defaults), as `save` would write them."""
    row = model(**values)
    return [field.get_db_prep_save(field.pre_save(row, True), connection) for field in fields]


def insert_row(model: type[models.Model], **values: Any) -> Any:
    """Insert one `model` row with these field values (the rest: their defaults) in one
    statement on the default connection; returns its primary key."""
    sql, fields = _insert_sql(model, connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, row_params(model, fields, values))
        if connection.features.can_return_columns_from_insert:
            return cursor.fetchone()[0]
        return cursor.lastrowid


def upsert_row(
    model: type[models.Model],
    *,
    unique: tuple[str, ...],
    update: tuple[str, ...],
    relaxed: bool = False,
    **values: Any,
) -> None:
    """Insert one `model` row, or, when one with the same `unique` fields (a unique constraint
    of the model) exists, set its `update` fields to these values: one statement.

    `relaxed`: outside a transaction on PostgreSQL, the statement commits without waiting for
    its disk flush, as `todochat.db.relax_commit` makes a transaction do (inside one, the
    transaction's commit decides)."""
    relaxed = relaxed and connection.vendor == "postgresql" and not connection.in_atomic_block
    sql, fields = _upsert_sql(model, connection.vendor, unique, update, relaxed)
    with connection.cursor() as cursor:
        cursor.execute(sql, row_params(model, fields, values))
