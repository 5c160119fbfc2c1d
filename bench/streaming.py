"""The streaming scenario: the same one-tool turn as JSON and as Server-Sent Events.

- sequential (model delay 0, JSON and SSE turns taking turns): time to the first byte of the
  answer, to the first `text-delta` (SSE) and to the end;
- bursts: `STREAM_CLIENTS` simultaneous streamed turns and as many JSON turns against a model
  taking `model_delay_s` per call, alternating, in the same run; the streamed burst's wall time
  over the JSON one's is the ratio the target checks (<= 1.1). At least `MIN_BURSTS` of each
  (the median counts): on a small shared machine one burst's wall time swings by a second or
  more with what else runs. Each burst also records the server's CPU time per turn and how
  long its event loop's thread waited for a core (`/proc`), which tell the product's cost
  from the machine's noise: a burst's turns wait on that one thread.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx2

from bench import project as proj
from bench.load import ChatRequest, new_client
from bench.procs import Service
from bench.stats import ratio, summarize_ms

STREAM_CLIENTS = 100
MIN_BURSTS = 3
MODES = ("json", "sse")


@dataclass
class Timing:
    """One turn: seconds to the first byte, to the first text delta (SSE), to the end."""

    ok: bool
    first_byte_s: float
    total_s: float
    first_text_s: float | None = None
    error: str | None = None


def _request(service: Service, user_id: str) -> ChatRequest:
    url = f"{service.base_url}/api/{user_id}/chat"
    return ChatRequest(
        url, {"message": "What is on my list?"}, {"authorization": f"Bearer {proj.token(user_id)}"}
    )


async def timed_turn(client: httpx2.AsyncClient, request: ChatRequest, mode: str) -> Timing:
    """One turn, as JSON or streamed, timed; failures recorded, never raised."""
    headers = dict(request.headers)
    if mode == "sse":
        headers["accept"] = "text/event-stream"
    started = time.perf_counter()
    first_byte = first_text = None
    ok = False
    try:
        async with client.stream(
            "POST", request.url, json=dict(request.body), headers=headers
        ) as r:
            if mode == "json":
                async for _ in r.aiter_bytes():
                    first_byte = first_byte or time.perf_counter()
                ok = r.status_code == 200
            else:
                async for line in r.aiter_lines():
                    first_byte = first_byte or time.perf_counter()
                    if first_text is None and '"text-delta"' in line:
                        first_text = time.perf_counter()
                    if line == "data: [DONE]":
                        ok = r.status_code == 200 and first_text is not None
                    if '"type": "error"' in line:
                        ok = False
                        break
    except httpx2.HTTPError as exc:
        end = time.perf_counter()
        return Timing(False, end - started, end - started, error=type(exc).__name__)
    end = time.perf_counter()
    return Timing(
        ok,
        (first_byte or end) - started,
        end - started,
        None if first_text is None else first_text - started,
        None if ok else f"HTTP {r.status_code}",
    )


def _ms(values: list[float]) -> dict[str, Any]:
    return summarize_ms(values)


async def _sequential(service: Service, count: int, warmup: int) -> dict[str, list[Timing]]:
    timings: dict[str, list[Timing]] = {mode: [] for mode in MODES}
    async with new_client(1) as client:
        for i in range(warmup + count):
            for mode in MODES:
                timing = await timed_turn(client, _request(service, f"bench-stream-{mode}"), mode)
                if i >= warmup:
                    timings[mode].append(timing)
    return timings


def _loop_runqueue_s(service: Service) -> float:
    """Seconds the server's main thread (its event loop) has waited runnable for a core."""
    pid = service.process.pid
    try:
        return int(Path(f"/proc/{pid}/task/{pid}/schedstat").read_text().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return float("nan")


async def _burst(service: Service, mode: str, n: int, run: int) -> tuple[float, list[Timing]]:
    requests = [_request(service, f"bench-sb{run}-{mode}-{i}") for i in range(n)]
    async with new_client(n) as client:
        started = time.perf_counter()
        timings = await asyncio.gather(*(timed_turn(client, r, mode) for r in requests))
        return time.perf_counter() - started, list(timings)


def streaming(
    ctx: Any, *, db: str, project: Service, repeats: int | None = None
) -> list[dict[str, Any]]:
    """The scenario's rows (see the module docstring)."""
    rows: list[dict[str, Any]] = []
    proj.control(ctx.fake, policy="one_tool", delay=0.0)
    sequential = asyncio.run(_sequential(project, ctx.sizes.requests, ctx.sizes.warmup))
    for mode, timings in sequential.items():
        ok = [t for t in timings if t.ok]
        rows.append(
            {
                "scenario": "streaming",
                "phase": "sequential",
                "db": db,
                "mode": mode,
                "ok": len(ok),
                "failed": len(timings) - len(ok),
                "first_byte": _ms([t.first_byte_s for t in ok]),
                "first_text": _ms([t.first_text_s for t in ok if t.first_text_s is not None]),
                "total": _ms([t.total_s for t in ok]),
            }
        )
    proj.control(ctx.fake, policy="one_tool", delay=ctx.sizes.model_delay_s)
    walls: dict[str, list[float]] = {mode: [] for mode in MODES}
    cpu_ms: dict[str, list[float]] = {mode: [] for mode in MODES}
    waits: dict[str, list[float]] = {mode: [] for mode in MODES}
    outcomes: dict[str, list[Timing]] = {mode: [] for mode in MODES}
    try:
        asyncio.run(_burst(project, "json", 10, -1))  # warm-up
        asyncio.run(_burst(project, "sse", 10, -2))
        for run in range(max(repeats or ctx.sizes.repeats, MIN_BURSTS)):
            # Which mode goes first alternates, so a trend in the machine's load hits both.
            for mode in MODES if run % 2 == 0 else MODES[::-1]:
                cpu, wait = project.cpu_seconds(), _loop_runqueue_s(project)
                wall, timings = asyncio.run(_burst(project, mode, STREAM_CLIENTS, run))
                cpu_ms[mode].append((project.cpu_seconds() - cpu) * 1000 / STREAM_CLIENTS)
                waits[mode].append(_loop_runqueue_s(project) - wait)
                walls[mode].append(wall)
                outcomes[mode] += timings
    finally:
        proj.control(ctx.fake, delay=0.0)
    medians = {mode: statistics.median(values) for mode, values in walls.items()}
    for mode in MODES:
        ok = [t for t in outcomes[mode] if t.ok]
        errors: dict[str, int] = {}
        for t in outcomes[mode]:
            if not t.ok:
                errors[t.error or "?"] = errors.get(t.error or "?", 0) + 1
        rows.append(
            {
                "scenario": "streaming",
                "phase": "burst",
                "db": db,
                "mode": mode,
                "clients": STREAM_CLIENTS,
                "model_delay_s": ctx.sizes.model_delay_s,
                "ok": len(ok),
                "failed": len(outcomes[mode]) - len(ok),
                "errors": errors,
                "wall_s": round(medians[mode], 3),
                "wall_s_each": [round(w, 3) for w in walls[mode]],
                "server_cpu_ms_per_turn": round(statistics.median(cpu_ms[mode]), 2),
                "loop_runqueue_s": round(statistics.median(waits[mode]), 3),
                "first_byte": _ms([t.first_byte_s for t in ok]),
                "total": _ms([t.total_s for t in ok]),
                "wall_vs_json": ratio(medians[mode], medians["json"]),
            }
        )
    return rows


def flat(rows: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows for the report's table: the p50s of each timing side by side."""
    out = []
    for row in rows:
        out.append(
            {
                "phase": row["phase"],
                "db": row["db"],
                "mode": row["mode"],
                "ok": row["ok"],
                "failed": row["failed"],
                "first_byte_p50_ms": row["first_byte"].get("p50_ms"),
                "first_text_p50_ms": (row.get("first_text") or {}).get("p50_ms"),
                "total_p50_ms": row["total"].get("p50_ms"),
                "total_p99_ms": row["total"].get("p99_ms"),
                "wall_s": row.get("wall_s"),
                "cpu_ms_turn": row.get("server_cpu_ms_per_turn"),
                "loop_wait_s": row.get("loop_runqueue_s"),
                "wall_vs_json": row.get("wall_vs_json"),
            }
        )
    return out
