"""`manage.py chat` in a real pseudo-terminal, as a person types into it: line editing, Ctrl-C
and Ctrl-D, the "thinking…" indicator, quiet logs and colours.

The command runs as a subprocess (pexpect) on a migrated SQLite file of its own; a slow model
is the local fake OpenAI server with a delay.
"""

from __future__ import annotations

import re
import signal
import sqlite3
import sys
import threading
from contextlib import closing

import pexpect
import pytest

from tests.fakes.openai_server import FakeOpenAIServer, Text, ToolCall
from tests.support.processes import REPO_ROOT, copy_database, product_env

TIMEOUT_S = 30
ANSI_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def database(tmp_path, migrated_sqlite):
    return copy_database(migrated_sqlite, tmp_path)


def start_chat(database, tmp_path, *args: str, **env: str) -> pexpect.spawn:
    environment = product_env(
        database, DEBUG="true", LOG_LEVEL="INFO", HOME=str(tmp_path), TERM="xterm", **env
    )
    chat = pexpect.spawn(
        sys.executable,
        ["manage.py", "chat", "alice", *args],
        cwd=str(REPO_ROOT),
        env=environment,
        encoding="utf-8",
        timeout=TIMEOUT_S,
        dimensions=(40, 200),
        # Ctrl-C reaches it as in a person's terminal, even when the tests were started where
        # SIGINT is ignored (a shell's background job), which a child would inherit.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    chat.expect_exact("you> ")
    return chat


def quit_with_ctrl_d(chat: pexpect.spawn) -> str:
    chat.sendeof()
    chat.expect(pexpect.EOF)
    chat.close()
    assert chat.exitstatus == 0, chat.before
    return chat.before


def messages(database) -> list[tuple[str, str]]:
    with closing(sqlite3.connect(database)) as db:
        rows = db.execute("SELECT role, content FROM conversations_message ORDER BY id")
        return list(rows)


def test_a_conversation_with_line_editing_and_no_log_lines(database, tmp_path):
    chat = start_chat(database, tmp_path)

    chat.sendline("Add a task to buy milk")
    chat.expect_exact("you> ")
    exchange = chat.before
    # "hello", left arrow, "X": readline edits the line, nothing of the key is stored.
    chat.send("hello\x1b[DX\r")
    chat.expect_exact("you> ")
    rest = quit_with_ctrl_d(chat)

    assert "Added “Buy milk”" in exchange
    assert ANSI_COLOUR.search(exchange)  # a terminal, no NO_COLOR: colours
    assert "[add_task" in exchange
    assert " INFO " not in exchange + rest
    assert ("user", "hellXo") in messages(database)
    assert "Traceback" not in rest
    assert (tmp_path / ".todochat_history").read_text().splitlines()[-1] == "hellXo"


def test_ctrl_c_at_the_prompt_then_ctrl_c_quits_cleanly(database, tmp_path):
    chat = start_chat(database, tmp_path)

    chat.send("half a thought")
    chat.expect_exact("half a thought")  # echoed: the line editor is reading the keyboard
    chat.sendintr()
    chat.expect_exact("(Ctrl-C again or Ctrl-D to quit)")
    chat.expect_exact("you> ")
    chat.sendintr()
    chat.expect(pexpect.EOF)
    chat.close()

    assert chat.exitstatus == 0
    assert "Traceback" not in chat.before
    assert messages(database) == []


def test_ctrl_d_after_ctrl_c_quits_cleanly(database, tmp_path):
    chat = start_chat(database, tmp_path)

    chat.sendintr()
    chat.expect_exact("you> ")
    rest = quit_with_ctrl_d(chat)

    assert "Traceback" not in rest
    assert messages(database) == []


def test_ctrl_c_while_thinking_stops_waiting_and_the_turn_still_completes(database, tmp_path):
    with FakeOpenAIServer(policy="no_tool", delay=2.0) as llm:
        chat = start_chat(
            database,
            tmp_path,
            AGENT_MODEL="gpt-4.1-mini",
            OPENAI_API_KEY="test",
            OPENAI_BASE_URL=llm.base_url,
            AGENT_MODEL_API="chat_completions",
        )

        chat.sendline("hello there")
        chat.expect_exact("thinking…")
        chat.sendintr()
        chat.expect_exact("Stopped waiting.")
        chat.expect_exact("you> ")
        llm.delay = 0.0
        chat.sendline("and again")
        chat.expect_exact("(reply to the previous turn)")
        chat.expect_exact("you> ")
        rest = quit_with_ctrl_d(chat)

    assert "Traceback" not in chat.before + rest
    roles = [role for role, _ in messages(database)]
    assert roles == ["user", "assistant", "user", "assistant"]


def test_the_reply_appears_as_it_is_written_and_tool_calls_as_they_run(database, tmp_path):
    hold = threading.Event()
    with FakeOpenAIServer(policy="no_tool") as llm:
        llm.script(
            [
                ToolCall("add_task", {"title": "Water the plants"}),
                Text("Added “Water the plants” to your list.", hold=hold),
            ]
        )
        chat = start_chat(
            database,
            tmp_path,
            "--no-color",
            AGENT_MODEL="gpt-4.1-mini",
            OPENAI_API_KEY="test",
            OPENAI_BASE_URL=llm.base_url,
            AGENT_MODEL_API="chat_completions",
        )
        try:
            chat.sendline("add water the plants")
            chat.expect_exact('[add_task {"title": "Water the plants"} → ok]')
            # The model has written one word and waits: it is on the screen already.
            chat.expect_exact("assistant> Added ")
            assert not hold.is_set()
        finally:
            hold.set()
        chat.expect_exact("to your list.")
        chat.expect_exact("you> ")
        rest = quit_with_ctrl_d(chat)

    assert "Traceback" not in rest
    assert messages(database)[-1] == ("assistant", "Added “Water the plants” to your list.")


def test_no_color_turns_colours_off(database, tmp_path):
    chat = start_chat(database, tmp_path, NO_COLOR="1")

    chat.sendline("Add a task to buy milk")
    chat.expect_exact("you> ")
    output = chat.before
    quit_with_ctrl_d(chat)

    assert "Added “Buy milk”" in output
    assert not ANSI_COLOUR.search(output)
