"""`python manage.py chat USER_ID`: talk to the assistant in a terminal (the same turn as the API).

Interactive use behaves like a shell: line editing and history (readline; history kept in
`~/.todochat_history`), "thinking…" while the assistant works, and keys that do what people
expect:

- Ctrl-C while waiting stops waiting, not the turn: the turn runs on, its reply is stored and
  shown before the next message is sent (or when quitting);
- Ctrl-C at the prompt clears the line; a second one, or Ctrl-D, quits — never a traceback.

Logs stay out of the conversation unless `--verbose`; colours only on a terminal, and never with
`NO_COLOR` set (https://no-color.org) or `--no-color`.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import itertools
import json
import logging
import os
import queue
import re
import signal
import sys
import threading
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.management.color import no_style

from conversations.errors import ModelProviderError, ModelTimeoutError
from conversations.events import TextDelta, ToolCallFinished, ToolCallStarted, TurnEvent
from conversations.services import TurnResult, start_turn
from mcp_bridge.adapter import HIDDEN_PARAMS
from todochat.errors import ApplicationError
from todochat.tokens import issue_token

T = TypeVar("T")

HISTORY_FILE = Path.home() / ".todochat_history"
HISTORY_LENGTH = 1000
PROMPT = "you> "
SPINNER_FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
# Terminal escape sequences (arrow keys typed without line editing, pasted colours) and other
# control characters: never part of a message.
_CONTROL = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|[@-Z\\-_])|[\x00-\x08\x0b-\x1f\x7f]")


async def run_turn(
    *,
    user_id: str,
    message: str,
    conversation_id: int | None,
    bearer_token: str | None,
    on_event: Callable[[TurnEvent], None] | None = None,
) -> TurnResult:
    """The terminal's one call to the turn service: `on_event` gets the turn's events as they
    happen (text as it is written, tool calls as they run); returns the stored result."""
    running = await start_turn(
        user_id=user_id,
        message=message,
        conversation_id=conversation_id,
        bearer_token=bearer_token,
    )
    if on_event is not None:
        async for event in running.events():
            on_event(event)
    return await running.result()


def clean_message(text: str) -> str:
    """`text` without terminal escape sequences and control characters, stripped."""
    return _CONTROL.sub("", text).strip()


class EventLoopThread:
    """An event loop in a background thread, for the whole session.

    Turns run there while the main thread reads the keyboard: Ctrl-C reaches the main thread at
    once (an `asyncio.run` blocked in `input()` would only see it after Enter), and a turn the
    user stopped waiting for goes on undisturbed. One loop for the session also keeps the
    model's client and the in-process MCP session, which are bound to their loop, reusable.
    """

    def __enter__(self) -> EventLoopThread:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self._run, name="chat-turns", daemon=True)
        # Ctrl-C is for the main thread: delivered to this one (or to the threads it starts),
        # it would not wake the main thread's read of the keyboard until the next key. A thread
        # starts with its creator's signal mask, so it is blocked from its first instruction.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            self.thread.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        return self

    def _run(self) -> None:
        self.loop.run_forever()

    def submit(self, coroutine: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop)

    def __exit__(self, *exc_info: object) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=5)


@contextmanager
def quiet_console_logs(verbose: bool) -> Iterator[None]:
    """Console log handlers silenced for the command's duration, unless `verbose`."""
    if verbose:
        logging.getLogger("todochat").setLevel(logging.INFO)
        yield
        return
    handlers = [h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler]
    levels = [handler.level for handler in handlers]
    for handler in handlers:
        handler.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for handler, level in zip(handlers, levels, strict=True):
            handler.setLevel(level)


@contextmanager
def line_editing(enabled: bool) -> Iterator[None]:
    """readline for `input()` (arrow keys, Ctrl-A/E, history) with a history file."""
    if not enabled:
        yield
        return
    try:
        import readline
    except ImportError:  # not on every platform; plain input() still works
        yield
        return
    with suppress(OSError):
        readline.read_history_file(HISTORY_FILE)
    readline.set_history_length(HISTORY_LENGTH)
    try:
        yield
    finally:
        with suppress(OSError):
            readline.write_history_file(HISTORY_FILE)


def _unsendable(text: str) -> str | None:
    """Why the API would refuse `text` as a message (the same rule: not blank, at most
    CHAT_MESSAGE_MAX_LENGTH characters once stripped), or None."""
    if not text.strip():
        return "A message must not be blank."
    limit = settings.CHAT_MESSAGE_MAX_LENGTH
    if len(text.strip()) > limit:
        return f"A message is at most {limit} characters (this one is {len(text.strip())})."
    return None


class Command(BaseCommand):
    help = "Chat with the assistant as USER_ID; prints each reply and the tool calls it made."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("user_id")
        parser.add_argument(
            "--conversation",
            type=int,
            default=None,
            help="Continue this conversation (default: start a new one).",
        )
        parser.add_argument(
            "-m",
            "--message",
            action="append",
            default=[],
            help="Send this message and exit (repeatable); default: interactive.",
        )
        parser.add_argument(
            "--verbose", action="store_true", help="Show the server's log lines as well."
        )

    def handle(
        self,
        *args: Any,
        user_id: str,
        conversation: int | None,
        message: list[str],
        verbose: bool,
        **options: Any,
    ) -> None:
        if os.environ.get("NO_COLOR"):
            self.style = no_style()
        self.user_id = user_id
        self.conversation_id = conversation
        self.interactive = not message
        self.on_terminal = self.stdout.isatty()
        # A remote MCP server (MCP_SERVER_URL) wants the user's bearer token, as from the API.
        self.token = (
            issue_token(user_id) if settings.MCP_SERVER_URL and settings.AUTH_JWT_SECRET else None
        )
        with quiet_console_logs(verbose), EventLoopThread() as turns:
            self.turns = turns
            if self.interactive:
                with line_editing(sys.stdin.isatty()):
                    self._converse()
            else:
                try:
                    for text in message:
                        self._send_and_show(clean_message(text))
                except KeyboardInterrupt:
                    raise CommandError(
                        "Interrupted: your message is stored, its reply may be missing."
                    ) from None
        self.stdout.write(self.style.HTTP_INFO(f"(conversation {self.conversation_id})"))

    # --- non-interactive: -m ... ------------------------------------------------------------------

    def _send_and_show(self, text: str) -> None:
        if problem := _unsendable(text):
            raise CommandError(problem)
        try:
            self._wait(self._submit(text))
        except (ModelProviderError, ModelTimeoutError) as exc:
            self.stderr.write(f"The assistant could not answer: {exc} (your message is stored).")
            raise CommandError("The assistant could not answer.") from exc
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc

    # --- interactive ------------------------------------------------------------------------------

    def _converse(self) -> None:
        self.stdout.write(
            f"Chatting as {self.user_id!r} (model: {settings.AGENT_MODEL}). "
            "Ctrl-C stops waiting; Ctrl-D quits."
        )
        pending: Turn | None = None
        interrupted = False
        while True:
            try:
                text = clean_message(input(PROMPT))
            except KeyboardInterrupt:
                if interrupted:
                    self.stdout.write("")
                    break
                interrupted = True
                self.stdout.write("\n(Ctrl-C again or Ctrl-D to quit)")
                continue
            except EOFError:
                self.stdout.write("")
                break
            interrupted = False
            if not text:
                continue
            if problem := _unsendable(text):
                self.stdout.write(self.style.WARNING(problem))
                continue
            if pending is not None:
                # The next message belongs after the previous turn's reply (and in its
                # conversation): wait for it first.
                self._finish(pending, "the previous turn")
                pending = None
            turn = self._submit(text)
            try:
                self._wait(turn)
            except KeyboardInterrupt:
                self.stdout.write(
                    self.style.WARNING(
                        "Stopped waiting. The assistant goes on with this turn; its reply is "
                        "stored and shown before your next message."
                    )
                )
                pending = turn
            except ApplicationError as exc:
                self._show_error(exc)
        if pending is not None:
            self.stdout.write("Waiting for the last turn to finish (Ctrl-C to quit now)…")
            try:
                self._finish(pending, "the last turn")
            except KeyboardInterrupt:
                self.stdout.write(
                    self.style.WARNING(
                        "Quit before the reply arrived: your message is stored, its reply may "
                        "be missing."
                    )
                )

    def _finish(self, turn: Turn, what: str) -> None:
        self.stdout.write(self.style.HTTP_INFO(f"(reply to {what})"))
        try:
            # Shown whole: part of it may have gone by before the wait was stopped.
            self._show(self._wait(turn, live=False))
        except ApplicationError as exc:
            self._show_error(exc)

    def _show_error(self, exc: ApplicationError) -> None:
        if isinstance(exc, (ModelProviderError, ModelTimeoutError)):
            self.stdout.write(
                self.style.ERROR(
                    f"The assistant could not answer: {exc.message} Your message is stored; "
                    "try again."
                )
            )
        else:
            self.stdout.write(self.style.ERROR(exc.message))

    # --- shared -----------------------------------------------------------------------------------

    def _submit(self, text: str) -> Turn:
        events: queue.SimpleQueue[TurnEvent] = queue.SimpleQueue()
        future = self.turns.submit(
            run_turn(
                user_id=self.user_id,
                message=text,
                conversation_id=self.conversation_id,
                bearer_token=self.token,
                on_event=events.put,
            )
        )
        return Turn(future, events)

    def _wait(self, turn: Turn, *, live: bool = True) -> TurnResult:
        """Wait for the turn, showing its text as it is written and each tool call as it
        runs (a spinner meanwhile, on a terminal); Ctrl-C interrupts the wait only. Returns
        the result once all of it is shown (without `live`, nothing is shown)."""
        frames = itertools.cycle(SPINNER_FRAMES)
        reply = LiveReply(self)
        show = reply.show if live else lambda events: None
        try:
            while True:
                try:
                    result = turn.future.result(timeout=0.1)
                except concurrent.futures.TimeoutError:
                    show(turn.drain())
                    if self.on_terminal and not reply.writing:
                        self.stdout.write(f"\r{next(frames)} {reply.status}", ending="")
                        self.stdout.flush()
                    continue
                # Every event was queued before the result was set.
                show(turn.drain())
                if live:
                    reply.finish(result)
                self.conversation_id = result.conversation_id
                return result
        finally:
            reply.end_line()

    def _tool_line(self, call: dict[str, Any]) -> str:
        arguments = call["arguments"]
        if isinstance(arguments, dict):
            arguments = {k: v for k, v in arguments.items() if k not in HIDDEN_PARAMS}
        marker = "error" if call["is_error"] else "ok"
        return self.style.HTTP_INFO(
            f"  [{call['name']} {json.dumps(arguments, ensure_ascii=False)} → {marker}]"
        )

    def _show(self, result: TurnResult) -> None:
        for call in result.tool_calls:
            self.stdout.write(self._tool_line(call))
        self.stdout.write(f"{self.style.SUCCESS('assistant>')} {result.response}")


class Turn:
    """A submitted turn: its result to come, and its events so far."""

    def __init__(
        self, future: concurrent.futures.Future[TurnResult], events: queue.SimpleQueue[TurnEvent]
    ) -> None:
        self.future = future
        self.events = events

    def drain(self) -> list[TurnEvent]:
        """The events queued since the last call."""
        drained: list[TurnEvent] = []
        while True:
            try:
                drained.append(self.events.get_nowait())
            except queue.Empty:
                return drained


class LiveReply:
    """Writes a turn as it happens: each tool call when it has run, the reply as it is
    written; then whatever the events did not show (an answer stored earlier)."""

    def __init__(self, command: Command) -> None:
        self.command = command
        self.out = command.stdout
        self.writing = False  # in the middle of the reply's line
        self.wrote_text = False
        self.shown: set[str] = set()
        self.status = "thinking…"

    def _clear_spinner(self) -> None:
        if self.command.on_terminal and not self.writing:
            self.out.write("\r\x1b[K", ending="")

    def show(self, events: list[TurnEvent]) -> None:
        for event in events:
            if isinstance(event, TextDelta):
                if not self.writing:
                    self._clear_spinner()
                    self.out.write(f"{self.command.style.SUCCESS('assistant>')} ", ending="")
                    self.writing = self.wrote_text = True
                self.out.write(event.text, ending="")
            elif isinstance(event, ToolCallStarted):
                self.end_line()
                self.status = f"running {event.name}…"
            elif isinstance(event, ToolCallFinished):
                self.end_line()
                self._clear_spinner()
                self.out.write(self.command._tool_line(event.__dict__))
                self.shown.add(event.id)
                self.status = "thinking…"
        self.out.flush()

    def finish(self, result: TurnResult) -> None:
        calls = [call for call in result.tool_calls if call["id"] not in self.shown]
        if calls:
            self.end_line()
            self._clear_spinner()
        for call in calls:
            self.out.write(self.command._tool_line(call))
        if not self.wrote_text:
            self._clear_spinner()
            self.out.write(f"{self.command.style.SUCCESS('assistant>')} {result.response}")

    def end_line(self) -> None:
        """End the reply's line, if one is being written."""
        if self.writing:
            self.out.write("")
            self.writing = False
        elif self.command.on_terminal:
            # Erase the spinner's line.
            self.out.write("\r\x1b[K", ending="")
        self.out.flush()
