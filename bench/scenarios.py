"""The scenarios: overhead, history scaling, concurrency, tool path, profile.

Each takes the running services and returns JSON-ready rows. Sequential series are interleaved
across targets (see `load.interleaved`); bursts run one target at a time.
"""

from __future__ import annotations

import asyncio
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import httpx2

from bench import model_call
from bench import project as proj
from bench.load import BurstResult, ChatRequest, RequestFactory, Sample, burst, interleaved
from bench.procs import Service, Services, ThreadPeak
from bench.stats import ratio, summarize_ms

MESSAGE = "What is on my list?"
FLOOR = "floor"
PROJECT = "project"


@dataclass(frozen=True)
class UserSizes:
    """How much work the user-like scenarios (`bench.users`) do."""

    task_counts: Sequence[int]  # tasks of each "show my tasks" user
    requests: int  # recorded turns per series
    warmup: int  # unrecorded turns per series first
    history_lists: int  # earlier list results in the long conversation
    list_size: int  # tasks listed by each of them
    noisy_turns: int  # small-user turns alone, and again next to the big lister
    steady_turns: int  # turns per target at steady load
    steady_clients: int  # clients sending turns back to back
    steady_delay_s: float  # model delay at steady load (turns overlap, as in production)
    burst: int  # simultaneous turns per burst
    bursts: int  # bursts in a row (RSS after each)
    cold_starts: int  # fresh processes per target


@dataclass(frozen=True)
class Sizes:
    """How much work each scenario does."""

    requests: int
    warmup: int
    history_sizes: Sequence[int]
    history_requests: int
    concurrency: Sequence[int]
    repeats: int
    model_delay_s: float
    tool_calls: int
    profile_turns: int
    model_calls: int
    users: UserSizes


@dataclass
class Context:
    """What every scenario needs: the run's options and sizes, the fake model, the floors."""

    options: proj.RunOptions
    sizes: Sizes
    services: Services
    fake: Service
    floors: dict[str, Service]


# ----------------------------------------------------------------------------- requests


def project_requests(
    service: Service, user_id: str, conversation_id: int | None = None
) -> RequestFactory:
    """Chat turns for one user; a new conversation each time unless `conversation_id`."""
    url = f"{service.base_url}/api/{user_id}/chat"
    headers = {"authorization": f"Bearer {proj.token(user_id)}"}
    body: dict[str, Any] = {"message": MESSAGE}
    if conversation_id is not None:
        body["conversation_id"] = conversation_id
    request = ChatRequest(url, body, headers)
    return lambda _i: request


def floor_requests(service: Service) -> RequestFactory:
    request = ChatRequest(f"{service.base_url}/chat", {"message": MESSAGE})
    return lambda _i: request


def _tool_count(body: dict[str, Any]) -> int:
    calls = body.get("tool_calls")
    return len(calls) if isinstance(calls, list) else int(calls or 0)


def probe(request: ChatRequest, expected_tools: int) -> None:
    """One request that must succeed with the expected number of tool calls."""
    response = httpx2.post(
        request.url, json=dict(request.body), headers=request.headers, timeout=60
    )
    if response.status_code != 200 or _tool_count(response.json()) != expected_tools:
        raise RuntimeError(
            f"probe of {request.url} failed: HTTP {response.status_code} {response.text[:500]}"
        )


def _latency_row(samples: list[Sample]) -> dict[str, Any]:
    ok = [s.seconds for s in samples if s.ok]
    return {"ok": len(ok), "failed": len(samples) - len(ok), **summarize_ms(ok)}


def _cpu_ms(service: Service, before: float, turns: int) -> float:
    return round((service.cpu_seconds() - before) * 1000 / max(turns, 1), 2)


# ----------------------------------------------------------------------------- overhead


def is_project(name: str) -> bool:
    """Project targets are `project` and its variants (`project+<variant>`)."""
    return name.startswith(PROJECT)


def _requests_for(name: str, service: Service, user_id: str) -> RequestFactory:
    if is_project(name):
        return project_requests(service, user_id)
    return floor_requests(service)


def overhead(
    ctx: Context,
    *,
    db: str,
    api: str,
    servers: Mapping[str, Service],
    policies: Sequence[str] = ("no_tool", "one_tool"),
) -> list[dict[str, Any]]:
    """Sequential turns, project(s) vs floor(s), per fake-model policy; zero model delay.
    `servers` maps target names to services; it must hold `project` and `floor`."""
    rows: list[dict[str, Any]] = []
    for policy in policies:
        proj.control(ctx.fake, policy=policy, delay=0.0)
        targets = {
            name: _requests_for(name, service, f"bench-seq-{name}")
            for name, service in servers.items()
        }
        for factory in targets.values():
            probe(factory(0), 1 if policy == "one_tool" else 0)
        cpu = {name: servers[name].cpu_seconds() for name in targets}
        results = asyncio.run(
            interleaved(targets, count=ctx.sizes.requests, warmup=ctx.sizes.warmup)
        )
        turns = ctx.sizes.requests + ctx.sizes.warmup
        series = {name: _latency_row(samples) for name, samples in results.items()}
        for name, row in series.items():
            floor_row = series[FLOOR]
            row.update(
                scenario="overhead",
                db=db,
                api=api,
                policy=policy,
                target=name,
                server_cpu_ms_per_turn=_cpu_ms(servers[name], cpu[name], turns),
                p50_vs_floor=ratio(row["p50_ms"], floor_row["p50_ms"]),
                p99_vs_floor=ratio(row["p99_ms"], floor_row["p99_ms"]),
            )
            rows.append(row)
    return rows


# ----------------------------------------------------------------------------- history


def history(
    ctx: Context, *, db: str, project: Service, env: Mapping[str, str]
) -> list[dict[str, Any]]:
    """One-tool turns in conversations holding each of `history_sizes` prior messages."""
    user = "bench-history"
    sizes = sorted(ctx.sizes.history_sizes)
    seeded = proj.run_json(
        ["bench.seed", "history", "--user", user, "--sizes", ",".join(map(str, sizes))], env
    )
    assert isinstance(seeded, dict)
    proj.control(ctx.fake, policy="one_tool", delay=0.0)
    targets = {str(size): project_requests(project, user, int(seeded[str(size)])) for size in sizes}
    probe(targets[str(sizes[0])](0), 1)
    results = asyncio.run(
        interleaved(targets, count=ctx.sizes.history_requests, warmup=ctx.sizes.warmup)
    )
    series = {size: _latency_row(samples) for size, samples in results.items()}
    base = series[str(sizes[0])]["p50_ms"]
    return [
        {
            "scenario": "history",
            "db": db,
            "prior_messages": int(size),
            **row,
            "p50_vs_smallest": ratio(row["p50_ms"], base),
        }
        for size, row in series.items()
    ]


# ----------------------------------------------------------------------------- concurrency


def _burst_requests(name: str, service: Service, n: int) -> list[ChatRequest]:
    # Every client is a different user (each with its own token and new conversation).
    return [_requests_for(name, service, f"bench-c{n}-{i}-{name}")(0) for i in range(n)]


def _burst_row(
    name: str, n: int, results: list[BurstResult], cpu_ms: list[float]
) -> dict[str, Any]:
    """One target's bursts of `n`: median wall time over repeats; latencies of all requests."""
    samples = [sample for result in results for sample in result.samples]
    ok = [s.seconds for s in samples if s.ok]
    walls = [result.wall_s for result in results]
    wall = statistics.median(walls)
    errors: dict[str, int] = {}
    for result in results:
        for kind, count in result.errors().items():
            errors[kind] = errors.get(kind, 0) + count
    stats = summarize_ms(ok)
    return {
        "scenario": "concurrency",
        "clients": n,
        "target": name,
        "repeats": len(results),
        "ok": len(ok),
        "failed": len(samples) - len(ok),
        "errors": errors,
        "wall_s": round(wall, 3),
        "wall_s_each": [round(w, 3) for w in walls],
        "throughput_rps": round(len(ok) / sum(walls), 2) if wall else 0.0,
        "p50_ms": stats["p50_ms"],
        "p99_ms": stats["p99_ms"],
        "server_cpu_ms_per_turn": round(statistics.median(cpu_ms), 2),
    }


def concurrency(ctx: Context, *, db: str, servers: Mapping[str, Service]) -> list[dict[str, Any]]:
    """N simultaneous one-tool turns against a model that takes `model_delay_s` per call;
    one target at a time, targets taking turns within each repeat."""
    proj.control(ctx.fake, policy="one_tool", delay=ctx.sizes.model_delay_s)
    rows: list[dict[str, Any]] = []
    try:
        for name, service in servers.items():  # warm-up: pools, lazy imports, first clients
            asyncio.run(burst(_burst_requests(name, service, 10)))
        for n in ctx.sizes.concurrency:
            results: dict[str, list[BurstResult]] = {name: [] for name in servers}
            cpu: dict[str, list[float]] = {name: [] for name in servers}
            threads: dict[str, int] = dict.fromkeys(servers, 0)
            for _ in range(ctx.sizes.repeats):
                for name, service in servers.items():
                    requests = _burst_requests(name, service, n)
                    before = service.cpu_seconds()
                    with ThreadPeak(service) as peak:
                        results[name].append(asyncio.run(burst(requests)))
                    cpu[name].append(_cpu_ms(service, before, n))
                    threads[name] = max(threads[name], peak.peak)
            burst_rows = {name: _burst_row(name, n, results[name], cpu[name]) for name in servers}
            for name, row in burst_rows.items():
                row["server_threads_peak"] = threads[name]
            for row in burst_rows.values():
                row["db"] = db
                row["wall_vs_floor"] = ratio(row["wall_s"], burst_rows[FLOOR]["wall_s"])
                rows.append(row)
    finally:
        proj.control(ctx.fake, delay=0.0)
    return rows


# ----------------------------------------------------------------------------- model call


def model_calls(ctx: Context, history_limit: int = 50) -> list[dict[str, Any]]:
    """Client-side cost of one model call with 0 and CHAT_HISTORY_LIMIT prior messages."""
    proj.control(ctx.fake, policy="no_tool", delay=0.0)
    return asyncio.run(
        model_call.measure(
            f"{ctx.fake.base_url}/v1", sizes=(0, history_limit), calls=ctx.sizes.model_calls
        )
    )


# ----------------------------------------------------------------------------- tool path


def tool_path(ctx: Context, *, db: str, env: Mapping[str, str]) -> dict[str, Any]:
    """Median `tools/call` of `list_tasks`: in-process vs Streamable HTTP (`runmcp`)."""
    user = "bench-tools"
    proj.run_json(["bench.seed", "tasks", "--user", user, "--count", "10"], env)
    runmcp = proj.start_runmcp(ctx.services, env)
    try:
        url = f"{runmcp.base_url}/mcp"
        args = ["bench.tool_path", "--url", url, "--user", user]
        medians = proj.run_json([*args, "--calls", str(ctx.sizes.tool_calls)], env)
    finally:
        ctx.services.stop(runmcp)
    assert isinstance(medians, dict)
    return {"scenario": "tool_path", "db": db, "tasks": 10, **medians}


# ----------------------------------------------------------------------------- profile


def profile(ctx: Context, *, db: str, env: Mapping[str, str]) -> dict[str, Any]:
    """Phase timings and profiles of one-tool turns in the project (see `profile_turn`): in a
    new conversation, and in one with 100 prior messages (the model then sees
    CHAT_HISTORY_LIMIT of them)."""
    user = "bench-profile"
    proj.control(ctx.fake, policy="one_tool", delay=0.0)
    seeded = proj.run_json(["bench.seed", "history", "--user", user, "--sizes", "100"], env)
    assert isinstance(seeded, dict)
    runs: dict[str, Any] = {"scenario": "profile", "db": db}
    for name, conversation in (("new_conversation", None), ("history_100", seeded["100"])):
        args = ["bench.profile_turn", "--user", user, "--turns", str(ctx.sizes.profile_turns)]
        args += ["--out-dir", str(ctx.options.run_dir / f"profile-{name}")]
        if conversation is not None:
            args += ["--conversation-id", str(conversation)]
        result = proj.run_json(args, env)
        assert isinstance(result, dict)
        runs[name] = result
    return runs
