"""The processes of a run (fake model, floor app, project, runmcp), databases and tokens."""

from __future__ import annotations

import json
import os
import shlex
import time
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jwt
import psycopg

from bench.procs import PYTHON, Service, Services, free_port, run_checked

JWT_SECRET = "bench-only-signing-secret-0123456789abcdef"
PG_DATABASE = "bench_todochat"


@dataclass(frozen=True)
class RunOptions:
    """What the processes of a run are started with."""

    run_dir: Path
    pg_url: str
    pg_database: str = PG_DATABASE
    cache: str = "db"
    uvicorn_args: Sequence[str] = field(default_factory=tuple)
    fake_as_is: bool = False


def token(user_id: str, ttl_s: int = 4 * 3600) -> str:
    """A bearer token for `user_id`, shaped like `manage.py issue_token`'s (HS256, sub/iat/exp)."""
    now = int(time.time())
    return jwt.encode({"sub": user_id, "iat": now, "exp": now + ttl_s}, JWT_SECRET, "HS256")


def _base_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("MCP_SERVER_URL", None)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def database_url(db: str, options: RunOptions) -> str:
    """The `DATABASE_URL` of the benchmark database for `db` (`sqlite` or `postgres`)."""
    if db == "sqlite":
        return f"sqlite:///{options.run_dir / 'bench.sqlite3'}"
    return options.pg_url.rsplit("/", 1)[0] + f"/{options.pg_database}"


def project_env(
    db: str, options: RunOptions, fake: Service, api: str = "chat_completions"
) -> dict[str, str]:
    """The project's environment: production-like (DEBUG off, JWT auth), the fake model."""
    env = _base_env()
    env.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": "bench-only-secret-key",
            "AUTH_JWT_SECRET": JWT_SECRET,
            "AGENT_MODEL": "gpt-4.1-mini",
            "OPENAI_API_KEY": "x",
            "OPENAI_BASE_URL": f"{fake.base_url}/v1",
            "AGENT_MODEL_API": api,
            "CHAT_RATE_LIMIT": "1000000/min",
            "DATABASE_URL": database_url(db, options),
        }
    )
    if options.cache == "redis":
        env["CACHE_URL"] = "redis://127.0.0.1:6379/15"
    return env


def prepare_database(db: str, options: RunOptions, env: Mapping[str, str]) -> None:
    """A fresh, migrated benchmark database."""
    if db == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{options.run_dir / 'bench.sqlite3'}{suffix}").unlink(missing_ok=True)
    else:
        with psycopg.connect(options.pg_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {options.pg_database} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {options.pg_database}")
    run_checked([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], env=env)


def start_fake(services: Services, options: RunOptions) -> Service:
    """The fake model (one process for the whole run; policy and delay switched by `control`)."""
    port = free_port()
    args = [PYTHON, "-m", "bench.fake_model", "--port", str(port), "--policy", "one_tool"]
    if options.fake_as_is:
        args.append("--as-is")
    return services.start("fake-model", args, env=_base_env(), port=port, ready_path="/v1/models")


def control(fake: Service, *, policy: str | None = None, delay: float | None = None) -> None:
    """Switch the running fake model's policy and/or delay."""
    body = {k: v for k, v in {"policy": policy, "delay": delay}.items() if v is not None}
    request = urllib.request.Request(
        f"{fake.base_url}/bench/control",
        data=json.dumps(body).encode(),
        headers={"content-type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read()


def model_input(fake: Service, *, reset: bool = False) -> dict[str, dict[str, int]]:
    """What the fake model received, per last user message (see `bench.fake_model`): request
    and turn counts, body bytes in total and the largest; `reset` forgets it all."""
    url = f"{fake.base_url}/bench/input"
    request = urllib.request.Request(url, data=b"", method="POST") if reset else url
    with urllib.request.urlopen(request, timeout=10) as response:
        sizes: dict[str, dict[str, int]] = json.loads(response.read())
    return sizes


def _uvicorn(app: str, port: int, options: RunOptions) -> list[str]:
    return [
        PYTHON,
        "-m",
        "uvicorn",
        app,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        "1",
        "--no-access-log",
        "--log-level",
        "warning",
        *options.uvicorn_args,
    ]


def start_floor(
    services: Services,
    options: RunOptions,
    fake: Service,
    *,
    mcp: str,
    api: str,
    tools: int = 1,
    name: str | None = None,
    poll_s: float = 0.1,
) -> Service:
    """The floor app, in its own uvicorn process."""
    port = free_port()
    env = _base_env()
    env.update(
        {
            "AGENT_MODEL": "gpt-4.1-mini",
            "OPENAI_API_KEY": "x",
            "OPENAI_BASE_URL": f"{fake.base_url}/v1",
            "AGENT_MODEL_API": api,
            "FLOOR_MCP": mcp,
            "FLOOR_TOOLS": str(tools),
        }
    )
    name = name or f"floor-{mcp}-{api}-{tools}tools"
    args = _uvicorn("bench.floor_app:app", port, options)
    return services.start(name, args, env=env, port=port, ready_path="/healthz", poll_s=poll_s)


def start_project(
    services: Services,
    options: RunOptions,
    env: Mapping[str, str],
    name: str,
    extra_uvicorn_args: Sequence[str] = (),
    poll_s: float = 0.1,
) -> Service:
    """The project (`uvicorn todochat.asgi:application`, one worker)."""
    port = free_port()
    args = [*_uvicorn("todochat.asgi:application", port, options), *extra_uvicorn_args]
    return services.start(name, args, env=env, port=port, ready_path="/healthz", poll_s=poll_s)


@dataclass(frozen=True)
class Variant:
    """The project again, with some environment changed and/or extra uvicorn flags."""

    name: str
    env: Mapping[str, str]
    uvicorn_args: Sequence[str] = ()

    @classmethod
    def parse(cls, spec: str) -> Variant:
        """`NAME:KEY=VALUE[,KEY=VALUE...]`; the key UVICORN holds extra uvicorn flags."""
        name, _, assignments = spec.partition(":")
        env: dict[str, str] = {}
        uvicorn_args: list[str] = []
        for assignment in filter(None, assignments.split(",")):
            key, sep, value = assignment.partition("=")
            if not sep:
                raise ValueError(f"expected KEY=VALUE in variant {spec!r}, got {assignment!r}")
            if key.strip() == "UVICORN":
                uvicorn_args += shlex.split(value)
            else:
                env[key.strip()] = value
        if not name:
            raise ValueError(f"variant {spec!r} has no name")
        return cls(name, env, tuple(uvicorn_args))


def start_runmcp(services: Services, env: Mapping[str, str]) -> Service:
    """`manage.py runmcp --transport http --insecure` on loopback."""
    port = free_port()
    args = [PYTHON, "manage.py", "runmcp", "--transport", "http", "--insecure"]
    args += ["--host", "127.0.0.1", "--port", str(port)]
    return services.start("runmcp-http", args, env=env, port=port)


def run_json(args: Sequence[str], env: Mapping[str, str], timeout: float = 600) -> object:
    """Run a bench helper module and parse the JSON it prints last."""
    done = run_checked([PYTHON, "-m", *args], env=env, timeout=timeout)
    return json.loads(done.stdout.strip().splitlines()[-1])


def describe_uvicorn_args(options: RunOptions) -> str:
    return shlex.join(options.uvicorn_args) or "(defaults)"
