"""Seeding a benchmark database directly through the ORM (run with the project's environment).

`python -m bench.seed history --user U --sizes 100,1000,10000` prints `{"100": <id>, ...}`
`python -m bench.seed tasks --user U --count 10` prints `{"tasks": 10}`
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Sequence
from typing import Any

BATCH = 2000


def setup_django() -> None:
    """Configure Django from the environment, as `manage.py` does."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "todochat.settings")
    import django

    django.setup()


def _tool_call(user_id: str, index: int) -> dict[str, Any]:
    title = f"Buy item {index}"
    return {
        "id": f"call_seed_{index}",
        "name": "add_task",
        "arguments": {"user_id": user_id, "title": title},
        "result": {"task_id": index, "status": "created", "title": title},
        "is_error": False,
    }


def _messages(conversation: Any, user_id: str, size: int) -> list[Any]:
    """`size` alternating user/assistant messages; every other reply carries a tool call."""
    from conversations.models import Message

    messages = []
    for i in range(size):
        if i % 2 == 0:
            role, content, calls = Message.Role.USER, f"Add a task to buy item {i}", None
        else:
            role, content = Message.Role.ASSISTANT, f"Added “Buy item {i - 1}” (task #{i})."
            calls = [_tool_call(user_id, i)] if i % 4 == 1 else None
        messages.append(
            Message(
                conversation=conversation,
                user_id=user_id,
                role=role,
                content=content,
                tool_calls=calls,
            )
        )
    return messages


def _has_turn() -> bool:
    from django.core.exceptions import FieldDoesNotExist

    from conversations.models import Message

    try:
        Message._meta.get_field("turn")
    except FieldDoesNotExist:
        return False
    return True


def _number(messages: list[Any], first_id: int) -> None:
    """Give messages explicit ids from `first_id` and, where messages carry a `turn` (the id of
    the turn's user message), set it at insert as the product's turns end up: a question's own
    id, shared by the reply right after it. Set at insert, so that no update leaves dead index
    entries behind (a seeded database then looks like a vacuumed one)."""
    turn = first_id
    with_turn = _has_turn()
    for offset, message in enumerate(messages):
        message.id = first_id + offset
        if message.role == "user":
            turn = message.id
        if with_turn:
            message.turn = turn


def _reset_sequences() -> None:
    from django.core.management.color import no_style
    from django.db import connection

    from conversations.models import Message

    statements = connection.ops.sequence_reset_sql(no_style(), [Message])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {Message._meta.db_table}")


def seed_history(user_id: str, sizes: Sequence[int]) -> dict[str, int]:
    """One conversation per size, holding that many prior messages."""
    from django.db import transaction
    from django.db.models import Max

    from conversations.models import Conversation, Message

    ids: dict[str, int] = {}
    with transaction.atomic():
        next_id = (Message.objects.aggregate(top=Max("id"))["top"] or 0) + 1
        for size in sizes:
            conversation = Conversation.objects.create(user_id=user_id)
            messages = _messages(conversation, user_id, size)
            _number(messages, next_id)
            next_id += size
            Message.objects.bulk_create(messages, batch_size=BATCH)
            ids[str(size)] = conversation.id
        _reset_sequences()
    return ids


def seed_tasks(user_id: str, count: int) -> dict[str, int]:
    """`count` tasks for `user_id`, through the product's service."""
    from tasks.services import task_create

    for i in range(count):
        task_create(user_id=user_id, title=f"Task {i}", description="seeded by bench")
    return {"tasks": count}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.seed")
    sub = parser.add_subparsers(dest="what", required=True)
    history = sub.add_parser("history")
    history.add_argument("--user", required=True)
    history.add_argument("--sizes", required=True, help="comma-separated message counts")
    tasks = sub.add_parser("tasks")
    tasks.add_argument("--user", required=True)
    tasks.add_argument("--count", type=int, default=10)
    args = parser.parse_args(argv)
    setup_django()
    if args.what == "history":
        sizes = [int(size) for size in args.sizes.split(",")]
        print(json.dumps(seed_history(args.user, sizes)))
    else:
        print(json.dumps(seed_tasks(args.user, args.count)))


if __name__ == "__main__":
    main()
