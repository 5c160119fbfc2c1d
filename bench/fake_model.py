"""The fake OpenAI server of `tests/fakes/openai_server.py`, as a benchmark process.

`python -m bench.fake_model --port P --policy one_tool --delay 0`

Two additions to `python -m tests.fakes.openai_server`:

- `--as-is` listens on a socket created with protocol 0, as the test fake once did: asyncio then
  skips `TCP_NODELAY` on accepted sockets, and with Nagle on, uvicorn's separate header and body
  writes meet the client's delayed ACK, so every model call on a kept-alive connection takes
  ~40 ms instead of ~1 ms (measured). It shows how much such a detail weighs.
- `POST /bench/control` with `{"policy": "no_tool"|"one_tool"|"echo", "delay": seconds}`
  switches the policy and delay of the running server (the fake documents both as changeable
  at any time), so one fake process serves every scenario.
"""

from __future__ import annotations

import argparse
import socket
from collections.abc import Sequence

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route

from tests.fakes.openai_server import POLICY_NAMES, FakeOpenAIServer, make_policy


class BenchFakeServer(FakeOpenAIServer):
    """The test fake with a control endpoint (and, `as_is`, the old socket without TCP_NODELAY)."""

    def __init__(self, *, policy: str, as_is: bool = False, **kwargs: object) -> None:
        self.policy_name = policy
        self._as_is = as_is
        super().__init__(policy=policy, **kwargs)  # type: ignore[arg-type]

    def _build_app(self) -> Starlette:
        fake_app = super()._build_app()
        return Starlette(
            routes=[
                Route("/bench/control", self._control, methods=["GET", "POST"]),
                Mount("/", app=fake_app),
            ]
        )

    async def _control(self, request: Request) -> Response:
        if request.method == "POST":
            body = await request.json()
            if "policy" in body:
                self.policy = make_policy(body["policy"])
                self.policy_name = body["policy"]
            if "delay" in body:
                self.delay = float(body["delay"])
        return JSONResponse({"policy": self.policy_name, "delay": self.delay})

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
    parser.add_argument("--policy", choices=POLICY_NAMES, default="one_tool")
    parser.add_argument("--delay", type=float, default=0.0)
    parser.add_argument("--as-is", action="store_true", help="the test fake's socket (Nagle on)")
    args = parser.parse_args(argv)
    BenchFakeServer(
        policy=args.policy, delay=args.delay, port=args.port, as_is=args.as_is
    ).serve_forever()


if __name__ == "__main__":
    main()
