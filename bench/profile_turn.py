"""Where the time of one one-tool chat turn goes, in the project (run with its environment).

`python -m bench.profile_turn --user U --turns 100 --out-dir DIR` drives `POST /api/U/chat`
through `todochat.asgi.application` in this process (no HTTP server: the same Django ASGI
handler, middleware, DRF view and turn; the fake model is a separate process) and prints JSON:

1. `phases`: median ms per turn of each phase, from timers wrapped around the product's
   functions at run time (the product's code is not changed), plus derived remainders;
2. `pyinstrument`: an async-aware wall-clock profile of the event loop thread — top functions
   and packages by self time (awaits excluded), and total await time; the full text reports
   (and with `--html` the HTML one) go to `--out-dir`;
3. `db_thread`: a cProfile of the database steps, which run in `sync_to_async` worker threads
   the event-loop profile cannot see — top functions by own time;
4. `sql_statements_per_turn`: SQL statements a turn sends, by verb and table (all threads).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import json
import pstats
import re
import statistics
import threading
import time
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from bench.seed import setup_django

Handler = Callable[[dict[str, Any], Any, Any], Awaitable[None]]


class PhaseTimer:
    """Inclusive durations of named phases, per turn."""

    def __init__(self) -> None:
        self.current: dict[str, float] = defaultdict(float)
        self.turns: list[dict[str, float]] = []

    def add(self, phase: str, seconds: float) -> None:
        self.current[phase] += seconds

    def end_turn(self) -> None:
        self.turns.append(dict(self.current))
        self.current.clear()

    def timed(self, phase: str | Callable[..., str], fn: Callable[..., Awaitable[Any]]) -> Any:
        """`fn` wrapped so that each call adds its duration to `phase` (or `phase(*args)`)."""

        async def wrapped(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return await fn(*args, **kwargs)
            finally:
                name = phase if isinstance(phase, str) else phase(*args)
                self.add(name, time.perf_counter() - started)

        return wrapped

    def medians_ms(self) -> dict[str, float]:
        phases = {name for turn in self.turns for name in turn}
        return {
            name: round(statistics.median(t.get(name, 0.0) for t in self.turns) * 1000, 2)
            for name in sorted(phases)
        }


def instrument(timer: PhaseTimer) -> None:
    """Wrap the turn's phases with timers (monkeypatching, in this process only)."""
    from agents import OpenAIChatCompletionsModel, OpenAIResponsesModel

    import conversations.agent as agent_module
    import conversations.api as api_module
    import conversations.services as services_module
    import mcp_bridge.server as server_module
    from mcp_bridge.adapter import ScopedTools

    api_module.start_turn = timer.timed("start_turn", api_module.start_turn)
    services_module._drive = timer.timed("drive", services_module._drive)
    services_module.db_step = timer.timed(
        lambda fn, *_: f"db_step:{fn.__name__}", services_module.db_step
    )
    services_module.run_agent = timer.timed("run_agent", services_module.run_agent)
    server_module.db_step = timer.timed("tool:db_step", server_module.db_step)
    ScopedTools.call_tool = timer.timed("tool:mcp_call_tool", ScopedTools.call_tool)
    for model in (OpenAIChatCompletionsModel, OpenAIResponsesModel):
        model.get_response = timer.timed("model:get_response", model.get_response)
    original_user_tools = agent_module.user_tools

    @asynccontextmanager
    async def timed_user_tools(**kwargs: Any) -> AsyncIterator[Any]:
        started = time.perf_counter()
        async with original_user_tools(**kwargs) as tools:
            timer.add("mcp:connect", time.perf_counter() - started)
            try:
                yield tools
            finally:
                closing = time.perf_counter()
        timer.add("mcp:close", time.perf_counter() - closing)

    agent_module.user_tools = timed_user_tools


def derived_ms(medians: dict[str, float]) -> dict[str, float]:
    """Remainders: what the named phases do not account for."""
    get = medians.get
    agent_known = (
        get("model:get_response", 0)
        + get("tool:mcp_call_tool", 0)
        + get("mcp:connect", 0)
        + get("mcp:close", 0)
    )
    return {
        "request - start_turn - drive (ASGI, middleware, auth, throttle, DRF)": round(
            get("request", 0) - get("start_turn", 0) - get("drive", 0), 2
        ),
        "start_turn - turn_begin (claim, spawn)": round(
            get("start_turn", 0) - get("db_step:turn_begin", 0), 2
        ),
        "drive - run_agent - turn_finish (records, events)": round(
            get("drive", 0) - get("run_agent", 0) - get("db_step:turn_finish", 0), 2
        ),
        "run_agent - model - tool - mcp connect/close (Agents SDK)": round(
            get("run_agent", 0) - agent_known, 2
        ),
        "tool:mcp_call_tool - tool:db_step (MCP protocol)": round(
            get("tool:mcp_call_tool", 0) - get("tool:db_step", 0), 2
        ),
    }


class AsgiCaller:
    """Calls a Django ASGI application with a POST, as a server would."""

    def __init__(self, application: Handler, path: str, token: str) -> None:
        self.application = application
        self.path = path
        self.headers = [
            (b"host", b"127.0.0.1"),
            (b"content-type", b"application/json"),
            (b"authorization", f"Bearer {token}".encode()),
        ]

    async def post(self, body: dict[str, Any]) -> int:
        """Send one request; return the response status."""
        raw = json.dumps(body).encode()
        done = asyncio.Event()
        status = 0
        sent_body = False

        async def receive() -> dict[str, Any]:
            nonlocal sent_body
            if not sent_body:
                sent_body = True
                return {"type": "http.request", "body": raw, "more_body": False}
            await done.wait()  # Django listens for a disconnect while it works
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body" and not message.get("more_body"):
                done.set()

        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "POST",
            "scheme": "http",
            "path": self.path,
            "raw_path": self.path.encode(),
            "query_string": b"",
            "root_path": "",
            "headers": [*self.headers, (b"content-length", str(len(raw)).encode())],
            "client": ("127.0.0.1", 50000),
            "server": ("127.0.0.1", 8000),
        }
        await self.application(scope, receive, send)
        return status


async def run_turns(
    caller: AsgiCaller,
    turns: int,
    timer: PhaseTimer | None = None,
    conversation_id: int | None = None,
) -> None:
    """`turns` sequential one-tool turns, in `conversation_id` or each in a new conversation."""
    body: dict[str, Any] = {"message": "What is on my list?"}
    if conversation_id is not None:
        body["conversation_id"] = conversation_id
    for _ in range(turns):
        started = time.perf_counter()
        status = await caller.post(body)
        if status != 200:
            raise RuntimeError(f"chat turn failed with HTTP {status}")
        if timer is not None:
            timer.add("request", time.perf_counter() - started)
            timer.end_turn()


def _package(path: str | None) -> str:
    """A frame's file as a short owner: a site-package, a project app, or the stdlib module."""
    if not path:
        return "?"
    if "site-packages/" in path:
        return path.split("site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
    for app in ("conversations", "mcp_bridge", "tasks", "todochat", "bench"):
        if f"/{app}/" in path:
            return f"project:{app}"
    return "stdlib:" + path.rsplit("/", 1)[-1].removesuffix(".py")


def summarize_pyinstrument(root: Any, per: int, top: int = 15) -> dict[str, Any]:
    """Self time (awaits excluded) by function and by package, in ms per turn."""
    by_function: dict[str, float] = defaultdict(float)
    by_package: dict[str, float] = defaultdict(float)
    awaiting = 0.0
    stack = [root]
    while stack:
        frame = stack.pop()
        stack.extend(frame.children)
        if frame.is_synthetic:
            continue
        waited = sum(c.time for c in frame.children if c.identifier == "[await]")
        awaiting += waited
        own = frame.total_self_time - waited
        if own <= 0:
            continue
        by_function[f"{frame.function} ({frame.file_path_short}:{frame.line_no})"] += own
        by_package[_package(frame.file_path)] += own

    def ranked(table: dict[str, float]) -> list[list[Any]]:
        items = sorted(table.items(), key=lambda kv: -kv[1])[:top]
        return [[name, round(seconds * 1000 / per, 3)] for name, seconds in items]

    return {
        "wall_ms_per_turn": round(root.time * 1000 / per, 2),
        "await_ms_per_turn": round(awaiting * 1000 / per, 2),
        "top_functions_self_ms_per_turn": ranked(by_function),
        "top_packages_self_ms_per_turn": ranked(by_package),
    }


def profile_db_thread(per: int) -> tuple[Callable[[], dict[str, Any]], cProfile.Profile]:
    """Profile every database step inside its worker thread (wrapping `todochat.db._step`)."""
    import todochat.db as db_module

    profile = cProfile.Profile()
    original = db_module._step

    def profiled_step(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        profile.enable()
        try:
            return original(fn, *args, **kwargs)
        finally:
            profile.disable()

    db_module._step = profiled_step

    def report(top: int = 15) -> dict[str, Any]:
        db_module._step = original
        stats = pstats.Stats(profile, stream=io.StringIO())
        rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:top]  # type: ignore[attr-defined]
        total = sum(row[2] for row in stats.stats.values())  # type: ignore[attr-defined]
        return {
            "own_ms_per_turn_total": round(total * 1000 / per, 2),
            "top_functions_own_ms_per_turn": [
                [f"{func[2]} ({_package(func[0])}:{func[1]})", round(row[2] * 1000 / per, 3)]
                for func, row in rows
            ],
        }

    return report, profile


_TABLE = re.compile(r'(?:FROM|INTO|UPDATE)\s+"?(\w+)"?', re.IGNORECASE)


def count_queries() -> Callable[[int], dict[str, float]]:
    """Count SQL statements by verb and table, in every thread (wrapping Django's cursor)."""
    from django.db.backends.utils import CursorWrapper

    counts: Counter[str] = Counter()
    lock = threading.Lock()
    original = CursorWrapper._execute

    def counted(self: Any, sql: str, *args: Any, **kwargs: Any) -> Any:
        verb = sql.lstrip().split(" ", 1)[0].upper()
        table = _TABLE.search(sql)
        with lock:
            counts[f"{verb} {table.group(1)}" if table else verb] += 1
        return original(self, sql, *args, **kwargs)

    CursorWrapper._execute = counted

    def report(turns: int) -> dict[str, float]:
        CursorWrapper._execute = original
        total = sum(counts.values())
        per_turn = {k: round(v / turns, 2) for k, v in counts.most_common()}
        return {"total": round(total / turns, 2), **per_turn}

    return report


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    from pyinstrument import Profiler

    from todochat.asgi import application
    from todochat.tokens import issue_token

    caller = AsgiCaller(application, f"/api/{args.user}/chat", issue_token(args.user))
    conversation = args.conversation_id
    await run_turns(caller, args.warmup, conversation_id=conversation)

    timer = PhaseTimer()
    instrument(timer)
    await run_turns(caller, args.turns, timer, conversation)
    medians = timer.medians_ms()

    profiler = Profiler(interval=0.0005, async_mode="enabled")
    profiler.start()
    await run_turns(caller, args.turns, conversation_id=conversation)
    session = profiler.stop()
    out_dir = Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "profile.txt").write_text(profiler.output_text(unicode=False, color=False))
    flat = profiler.output_text(unicode=False, color=False, flat=True)
    (out_dir / "profile-flat.txt").write_text(flat)
    reports = ["profile.txt", "profile-flat.txt"]
    if args.html:
        (out_dir / "profile.html").write_text(profiler.output_html())
        reports.append("profile.html")
    py_summary = summarize_pyinstrument(session.root_frame(), args.turns)

    db_report, _ = profile_db_thread(args.turns)
    query_report = count_queries()
    await run_turns(caller, args.turns, conversation_id=conversation)
    return {
        "sql_statements_per_turn": query_report(args.turns),
        "turns": args.turns,
        "conversation_id": conversation,
        "phases_median_ms": medians,
        "derived_ms": derived_ms(medians),
        "pyinstrument": py_summary,
        "db_thread": db_report(),
        "reports": [str(out_dir / name) for name in reports],
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.profile_turn")
    parser.add_argument("--user", default="bench-profile")
    parser.add_argument("--turns", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--conversation-id", type=int, help="turns in this conversation")
    parser.add_argument("--out-dir", required=True)
    parser.add_argument("--html", action="store_true", help="also profile.html (tens of MB)")
    args = parser.parse_args()
    setup_django()
    print(json.dumps(asyncio.run(main_async(args))))


if __name__ == "__main__":
    main()
