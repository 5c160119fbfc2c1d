"""A tool call recorded in the same database transaction as the change it makes.

A chat turn keeps a durable record of each tool call, so that a turn cut short (a killed
process) is answered from what its tools did and never runs them again. Written apart from the
tool, the record needs two statements around it: `started` before the tool runs (a crash while
it runs leaves a call that may have changed something) and `finished` after. When the tool runs
in this process, the turn instead hands it a `CallRecording` (through `recorded_by`, seen by the
tool's code in the turn's task) and the tool writes the record in its own transaction: the call
is recorded exactly when its change is committed, with its result, in one step. A tool that
fails changes nothing and writes nothing; the turn then records the failure itself.

That step commits without waiting for its disk flush (PostgreSQL): the turn's reply, stored
after it, waits for its own, and PostgreSQL writes its log in order, so the change and its
record are on disk before the user is told of them. Killed in between, the web process loses
nothing (the commit is in the database's log, flushed by its log writer within a fraction of a
second); only a crash of the database server itself in that fraction of a second can lose the
change, together with its record, with the turn then answering an error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import connection, transaction

from todochat.db import relax_commit

R = TypeVar("R")


@dataclass
class CallRecording:
    """How one tool call is recorded from inside the tool's database step: `write` stores the
    finished call given its result (JSON-ready), in the caller's transaction."""

    write: Callable[[Any], None]
    written: bool = False

    def run(self, fn: Callable[..., R], /, **kwargs: Any) -> R:
        """`fn(**kwargs)` (a tool's synchronous database work) and the call's record, committed
        together."""
        with transaction.atomic():
            relax_commit()
            result = fn(**kwargs)
            self.write(result)
        self.written = True
        return result

    def run_read(self, fn: Callable[..., R], /, **kwargs: Any) -> R:
        """`run` for a tool that changes nothing (it only reads): its reads, then the call's
        record. On PostgreSQL without a transaction around them, whose BEGIN and COMMIT are two
        round trips more: there each statement reads from a snapshot of its own either way, and
        the record commits by itself (not waiting for its flush either). Elsewhere as `run`."""
        if connection.vendor != "postgresql":
            return self.run(fn, **kwargs)
        result = fn(**kwargs)
        self.write(result)
        self.written = True
        return result


_recording: ContextVar[CallRecording | None] = ContextVar("todochat_call_recording", default=None)


@contextmanager
def recorded_by(recording: CallRecording | None) -> Iterator[None]:
    """Make `recording` the one the tool called inside the block records itself with."""
    token = _recording.set(recording)
    try:
        yield
    finally:
        _recording.reset(token)


def current_recording() -> CallRecording | None:
    """The recording of the tool call being made, if the turn asked for one."""
    return _recording.get()
