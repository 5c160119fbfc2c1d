"""Seeding a benchmark database directly through the ORM (run with the project's environment).

`python -m bench.seed history --user U --sizes 100,1000,10000` prints `{"100": <id>, ...}`
`python -m bench.seed tasks --user U --count 10` prints `{"tasks": 10}`
`python -m bench.seed tasks --users U1=100,U2=10000` prints `{"U1": 100, "U2": 10000}`
`python -m bench.seed clone --conversation C --copies 5` prints `[<id>, ...]`
`python -m bench.seed settings` prints the settings the targets depend on (null when absent)

Tasks are inserted in bulk (10,000 in about a second), not through the product's service; each
row gets what a task made by the product would have, including a per-user `number` (1, 2, 3…)
when the model has that field.
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


VERBS = ("Buy", "Call", "Email", "Fix", "Book", "Plan", "Pay", "Read", "Write", "Clean")
THINGS = (
    "milk and eggs",
    "the dentist about the check-up",
    "Sam about the quarterly report",
    "the leaking kitchen tap",
    "train tickets to Lyon",
    "the team offsite agenda",
    "the electricity bill",
    "chapter 4 of the design book",
    "a thank-you note to grandma",
    "the garage before winter",
)


def task_fields(index: int) -> dict[str, Any]:
    """What a user might have typed for their `index`-th task (0-based): varied titles, a
    description on every third task, every fourth one done."""
    verb, thing = VERBS[index % len(VERBS)], THINGS[index // len(VERBS) % len(THINGS)]
    fields: dict[str, Any] = {"title": f"{verb} {thing} ({index + 1})", "completed": index % 4 == 3}
    if index % 3 == 0:
        fields["description"] = f"Before Friday; see the note from {VERBS[index % 7].lower()}ing."
    return fields


def _task_field_names() -> set[str]:
    from tasks.models import Task

    return {field.name for field in Task._meta.concrete_fields}


def bulk_tasks(user_id: str, count: int) -> int:
    """Insert `count` tasks for `user_id` in bulk; with a per-user `number` field (task ids as
    users see them), numbered from 1. Returns how many were inserted."""
    from django.db import transaction
    from django.utils import timezone

    from tasks.models import Task

    names = _task_field_names()
    now = timezone.now()
    rows = []
    for index in range(count):
        fields = task_fields(index)
        if "number" in names:
            fields["number"] = index + 1
        if "completed_at" in names and fields["completed"]:
            fields["completed_at"] = now
        rows.append(Task(user_id=user_id, **fields))
    with transaction.atomic():
        Task.objects.bulk_create(rows, batch_size=BATCH)
    return count


def seed_tasks(counts: dict[str, int]) -> dict[str, int]:
    """Each user's tasks (users must have none yet), then fresh planner statistics."""
    from django.db import connection

    from tasks.models import Task

    done = {user_id: bulk_tasks(user_id, count) for user_id, count in counts.items()}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Task._meta.db_table}")
    return done


def clone_conversation(conversation_id: int, copies: int) -> list[int]:
    """`copies` new conversations of the same user holding copies of every message of
    `conversation_id`, whatever the product stores in them (a message's `turn` is mapped to
    the copy of its turn's user message). Ids in the order made."""
    from django.db import transaction
    from django.db.models import Max

    from conversations.models import Conversation, Message

    source = Conversation.objects.get(pk=conversation_id)
    originals = list(Message.objects.filter(conversation=source).order_by("id"))
    fields = [f for f in Message._meta.concrete_fields if not f.primary_key]
    with_turn = _has_turn()
    ids = []
    with transaction.atomic():
        next_id = (Message.objects.aggregate(top=Max("id"))["top"] or 0) + 1
        for _ in range(copies):
            conversation = Conversation.objects.create(user_id=source.user_id)
            new_ids: dict[int, int] = {}
            messages = []
            for original in originals:
                message = Message(**{f.attname: getattr(original, f.attname) for f in fields})
                message.id, message.conversation_id = next_id, conversation.id
                new_ids[original.id] = next_id
                next_id += 1
                if with_turn and original.turn is not None:
                    message.turn = new_ids.get(original.turn, message.id)
                messages.append(message)
            Message.objects.bulk_create(messages, batch_size=BATCH)
            ids.append(conversation.id)
        _reset_sequences()
    return ids


TARGET_SETTINGS = ("CHAT_HISTORY_LIMIT", "CHAT_HISTORY_TOKENS", "DB_THREADS")


def target_settings() -> dict[str, Any]:
    """The project's settings that the benchmark's targets are stated in."""
    from django.conf import settings

    return {name: getattr(settings, name, None) for name in TARGET_SETTINGS}


def _counts(spec: str) -> dict[str, int]:
    pairs = (item.split("=", 1) for item in spec.split(",") if item)
    return {user.strip(): int(count) for user, count in pairs}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.seed")
    sub = parser.add_subparsers(dest="what", required=True)
    history = sub.add_parser("history")
    history.add_argument("--user", required=True)
    history.add_argument("--sizes", required=True, help="comma-separated message counts")
    tasks = sub.add_parser("tasks")
    tasks.add_argument("--user")
    tasks.add_argument("--count", type=int, default=10)
    tasks.add_argument("--users", help="USER=COUNT,... (instead of --user and --count)")
    clone = sub.add_parser("clone")
    clone.add_argument("--conversation", type=int, required=True)
    clone.add_argument("--copies", type=int, required=True)
    sub.add_parser("settings")
    args = parser.parse_args(argv)
    if args.what == "tasks" and not (args.user or args.users):
        parser.error("tasks needs --user or --users")
    setup_django()
    if args.what == "history":
        sizes = [int(size) for size in args.sizes.split(",")]
        print(json.dumps(seed_history(args.user, sizes)))
    elif args.what == "settings":
        print(json.dumps(target_settings()))
    elif args.what == "clone":
        print(json.dumps(clone_conversation(args.conversation, args.copies)))
    elif args.users:
        print(json.dumps(seed_tasks(_counts(args.users))))
    else:
        seed_tasks({args.user: args.count})
        print(json.dumps({"tasks": args.count}))


if __name__ == "__main__":
    main()
