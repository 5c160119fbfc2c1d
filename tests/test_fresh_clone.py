"""The README's first hour, as a newcomer lives it: a clean clone, `bash scripts/run`, then each
command the README lists, each from a fresh shell (an environment with nothing but PATH and HOME).

The clone shares this checkout's `.venv` (installing is `scripts/bootstrap`'s job, tested by
using it); everything else — `.env`, the SQLite database — is the clone's own.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.processes import REPO_ROOT, Answer, Server
from tests.support.tcp_proxy import free_port

README = (REPO_ROOT / "README.md").read_text()
PYTHON = ".venv/bin/python"


def make_clone(directory: Path) -> Path:
    """The repository's files (tracked and new, as `git clone` of this tree would give) in
    `directory`, with a link to this checkout's virtual environment."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO_ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = REPO_ROOT / name
        if source.is_file():
            target = directory / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    (directory / ".venv").symlink_to(REPO_ROOT / ".venv")
    return directory


def fresh_shell(home: Path, **extra: str) -> dict[str, str]:
    """A new terminal's environment: no todochat setting at all."""
    return {"PATH": os.environ.get("PATH", ""), "HOME": str(home), "LANG": "C.UTF-8", **extra}


def run(clone: Path, command: str, env: dict[str, str], timeout: float = 120):
    """`command` as typed in a shell in the clone."""
    return subprocess.run(
        ["bash", "-c", command], cwd=clone, env=env, capture_output=True, text=True, timeout=timeout
    )


def readme_commands(prefix: str) -> list[str]:
    """The README's inline commands that start with `prefix`."""
    return re.findall(rf"`({re.escape(prefix)}[^`]*)`", README)


def readme_block(after: str) -> str:
    """The first fenced code block after the text `after`."""
    rest = README[README.index(after) :]
    return re.search(r"```\w*\n(.*?)```", rest, re.S).group(1)


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    return make_clone(tmp_path_factory.mktemp("clone"))


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return tmp_path_factory.mktemp("home")


def test_before_the_first_run_a_missing_setting_is_one_clear_line(clone, home):
    done = run(clone, f"{PYTHON} manage.py check", fresh_shell(home))

    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        "Configuration error: SECRET_KEY is not set. For development, run `bash scripts/run` "
        "once (it writes a .env with DEBUG=true and a random SECRET_KEY); in production, set "
        "SECRET_KEY."
    ]


@pytest.fixture(scope="module")
def running(clone, home):
    """`bash scripts/run` in the clone, as the quick start says; stopped afterwards."""
    port = free_port()
    log = clone / "run.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            ["bash", "scripts/run"],
            cwd=clone,
            env=fresh_shell(home, PORT=str(port)),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server([], {}, port, ready_path="/healthz", log_path=log)
    deadline = time.monotonic() + 120
    try:
        while not server._ready():
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        yield server
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


def test_scripts_run_writes_a_development_env_file(clone, running):
    settings = dict(
        line.split("=", 1)
        for line in (clone / ".env").read_text().splitlines()
        if line and not line.startswith("#")
    )

    assert settings["DEBUG"] == "true"
    assert len(settings["SECRET_KEY"]) >= 50
    assert len(settings["AUTH_JWT_SECRET"]) >= 48
    assert "lifespan" not in running.log().lower()


def test_the_printed_token_and_request_work(clone, running):
    token = re.search(r"export TOKEN=(\S+)", running.log()).group(1)

    answer = running.request(
        "POST", "/api/demo/chat", {"message": "Add a task to buy groceries"}, token
    )

    assert answer.status == 200, answer.text
    assert answer.json()["response"] == "Added “Buy groceries” (task #1)."


def test_every_readme_command_works_from_a_fresh_shell(clone, home, running):
    commands = {
        "check": f"{PYTHON} manage.py check",
        "chat": f'{PYTHON} manage.py chat demo -m "show my tasks"',
        "createsuperuser": f"{PYTHON} manage.py createsuperuser",
        "issue_token": f"{PYTHON} manage.py issue_token alice",
    }
    for name in ("chat demo", "createsuperuser", "issue_token alice", "runmcp"):
        assert readme_commands(f"{PYTHON} manage.py {name}"), name
    shell = fresh_shell(home)

    checked = run(clone, commands["check"], shell)
    chatted = run(clone, commands["chat"], shell)
    # createsuperuser asks its questions on a terminal; from a script, through its environment.
    superuser = run(
        clone,
        commands["createsuperuser"] + " --no-input --username admin --email admin@example.com",
        fresh_shell(home, DJANGO_SUPERUSER_PASSWORD="a long enough password"),
    )
    token = run(clone, commands["issue_token"], shell)
    # A token issued in another shell is accepted by the server scripts/run started.
    answer = running.request("GET", "/api/alice/conversations", token=token.stdout.strip())

    for done in (checked, chatted, superuser, token):
        assert done.returncode == 0, done.stdout + done.stderr
        assert "Traceback" not in done.stderr
    assert "System check identified no issues" in checked.stdout
    assert "assistant> " in chatted.stdout
    assert isinstance(answer, Answer) and answer.status == 200, answer.text


def test_the_readme_mcp_snippet_lists_the_tools_from_a_fresh_shell(clone, home, running):
    snippet = readme_block("List the tools from a shell")

    done = run(clone, snippet, fresh_shell(home), timeout=60)

    assert done.returncode == 0, done.stderr
    assert sorted(eval(done.stdout)) == [  # the snippet prints a Python list
        "add_task",
        "complete_task",
        "delete_task",
        "list_tasks",
        "update_task",
    ]


def test_scripts_run_never_rewrites_a_users_env_file(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("# mine\nSECRET_KEY=my-own-key\nOPENAI_API_KEY=sk-mine\n")

    subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "dev_env.py"), str(env_file)], check=True
    )
    again = env_file.read_text()
    subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "dev_env.py"), str(env_file)], check=True
    )

    assert again.startswith("# mine\nSECRET_KEY=my-own-key\nOPENAI_API_KEY=sk-mine\n")
    assert "\nDEBUG=true\n" in again
    assert "\nAUTH_JWT_SECRET=" in again
    assert re.findall(r"^SECRET_KEY=.*$", again, re.M) == ["SECRET_KEY=my-own-key"]
    assert env_file.read_text() == again
