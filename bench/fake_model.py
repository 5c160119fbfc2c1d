"""The fake OpenAI server of `tests/fakes/openai_server.py`, as a benchmark process.

`python -m bench.fake_model --port P --policy one_tool --delay 0`

Two additions to `python -m tests.fakes.openai_server`:

- `--as-is` listens on a socket created with protocol 0, as the test fake once did: asyncio then
  skips `TCP_NODELAY` on accepted sockets, and with Nagle on, uvicorn's separate header and body
  writes meet the client's delayed ACK, so every model call on a kept-alive connection takes
  ~40 ms instead of ~1 ms (measured). It shows how much such a detail weighs.
- `POST /bench/control` with `{"policy": "no_tool"|"one_tool"|"echo"|"user_like", "delay":
  seconds}` switches the policy and delay of the running server (the fake documents both as
  changeable at any time), so one fake process serves every scenario. `user_like` answers like
  a sensible model: it calls `list_tasks` only when the user's message says "my tasks", then
  names the first 20 tasks it got and how many more there are; anything else gets a short
  plain answer.
- It keeps no request bodies (the test fake logs every request, which a run of 10,000-task lists
  would turn into gigabytes); instead, `GET /bench/input` tells, per last user message, how
  many completion requests came in, how many of them started a turn (no tool result after the
  user message yet), and their body sizes in bytes (total and largest). `POST /bench/input`
  forgets them. A scenario gives each series its own message text to tell them apart.
"""

from __future__ import annotations

import argparse
import json
import socket
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route

from tests.fakes.openai_server import (
    POLICY_NAMES,
    FakeOpenAIServer,
    Policy,
    Step,
    Text,
    ToolCall,
    Transcript,
    chat_transcript,
    make_policy,
    responses_transcript,
)

BENCH_POLICY_NAMES = (*POLICY_NAMES, "user_like")
NAMED_TASKS = 20
# Distinct message texts tracked by `/bench/input` (new ones beyond this are not counted); a
# text is known by its last 200 characters.
MAX_INPUT_KEYS = 1000


def user_like_policy(transcript: Transcript) -> Step:
    """List the tasks when asked for "my tasks" and name the first few; else answer briefly."""
    if not transcript.tool_results:
        if "my tasks" in transcript.last_user_text.lower():
            return ToolCall("list_tasks", {})
        return Text("You're welcome! Anything else on your list?")
    try:
        listed = json.loads(transcript.tool_results[-1].output)
        tasks = listed["tasks"]
        total = int(listed.get("total", len(tasks)))
    except (ValueError, KeyError, TypeError):
        return Text("I could not read your list just now.")
    if not tasks:
        return Text("Your list is empty.")
    names = "; ".join(f"{task.get('id')}. {task.get('title')}" for task in tasks[:NAMED_TASKS])
    more = total - min(len(tasks), NAMED_TASKS)
    return Text(f"You have {total} tasks: {names}" + (f" …and {more} more." if more else "."))


def bench_policy(name: str) -> Policy:
    """A policy of the test fake, or `user_like`."""
    return user_like_policy if name == "user_like" else make_policy(name)


@dataclass
class InputSizes:
    """The completion requests that carried one last user message, and their sizes."""

    requests: int = 0
    turns: int = 0
    bytes_total: int = 0
    bytes_max: int = 0

    def add(self, size: int, *, starts_turn: bool) -> None:
        self.requests += 1
        self.turns += starts_turn
        self.bytes_total += size
        self.bytes_max = max(self.bytes_max, size)


class BenchFakeServer(FakeOpenAIServer):
    """The test fake with a control endpoint (and, `as_is`, the old socket without TCP_NODELAY)."""

    def __init__(self, *, policy: str, as_is: bool = False, **kwargs: object) -> None:
        self.policy_name = policy
        self._as_is = as_is
        self._inputs: dict[str, InputSizes] = {}
        self._inputs_lock = threading.Lock()
        super().__init__(policy=bench_policy(policy), **kwargs)  # type: ignore[arg-type]

    def _build_app(self) -> Starlette:
        fake_app = super()._build_app()
        return Starlette(
            routes=[
                Route("/bench/control", self._control, methods=["GET", "POST"]),
                Route("/bench/input", self._input, methods=["GET", "POST"]),
                Mount("/", app=fake_app),
            ]
        )

    async def _control(self, request: Request) -> Response:
        if request.method == "POST":
            body = await request.json()
            if "policy" in body:
                self.policy = bench_policy(body["policy"])
                self.policy_name = body["policy"]
            if "delay" in body:
                self.delay = float(body["delay"])
        return JSONResponse({"policy": self.policy_name, "delay": self.delay})

    async def _input(self, request: Request) -> Response:
        with self._inputs_lock:
            if request.method == "POST":
                self._inputs.clear()
            sizes = {key: vars(value) for key, value in self._inputs.items()}
        return JSONResponse(sizes)

    async def _complete(self, request: Request, wire: Any) -> Response:
        # The body is read (and cached by Starlette) here, for its size; the fake parses it.
        request.state.bench_bytes = len(await request.body())
        return await super()._complete(request, wire)

    def _record(self, request: Request, body: dict[str, Any]) -> None:
        """Count the request's size under its last user message, instead of keeping it."""
        if request.url.path.endswith("/responses"):
            transcript = responses_transcript(body)
        else:
            transcript = chat_transcript(body)
        key = transcript.last_user_text[-200:]
        with self._inputs_lock:
            sizes = self._inputs.get(key)
            if sizes is None:
                if len(self._inputs) >= MAX_INPUT_KEYS:
                    return
                sizes = self._inputs[key] = InputSizes()
            sizes.add(request.state.bench_bytes, starts_turn=not transcript.tool_results)

    def _listen(self) -> socket.socket:
        if not self._as_is:
            return super()._listen()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)  # protocol 0: no TCP_NODELAY
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        sock.listen(2048)
        self.port = sock.getsockname()[1]
        return sock


def main(argv: Sequence[str] | None = None) -> None:
    """Serve the benchmark fake until killed."""
    parser = argparse.ArgumentParser(prog="python -m bench.fake_model")
    parser.add_argument("--port", type=int, default=8900)
    parser.add_argument("--policy", choices=BENCH_POLICY_NAMES, default="one_tool")
    parser.add_argument("--delay", type=float, default=0.0)
    parser.add_argument("--as-is", action="store_true", help="the test fake's socket (Nagle on)")
    args = parser.parse_args(argv)
    BenchFakeServer(
        policy=args.policy, delay=args.delay, port=args.port, as_is=args.as_is
    ).serve_forever()


if __name__ == "__main__":
    main()
