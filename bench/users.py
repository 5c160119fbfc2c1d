"""Scenarios that look like users: big task lists, histories full of list results, a noisy
neighbour, CPU per turn under steady load, and the process's footprint.

Every figure is a ratio inside one run: to the zero-task (or 10-task) user, to a fresh
conversation, to the same user alone, or to the floor. The fake model answers with its
`user_like` policy (see `bench.fake_model`): it lists the tasks when a message says "my tasks",
then names the first 20; each series sends its own message text (a label in brackets), so the
fake can tell what each series sent it (`model_input_*`: request body bytes, and estimated
tokens = bytes / 4).
"""

from __future__ import annotations

import asyncio
import contextlib
import statistics
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx2

from bench import project as proj
from bench.load import ChatRequest, RequestFactory, Sample, burst, interleaved, new_client, send
from bench.procs import Service, ThreadPeak
from bench.scenarios import FLOOR, Context, UserSizes, floor_requests, probe
from bench.stats import percentile, ratio, summarize_ms

LIST = "Show my tasks"
FOLLOW_UP = "Thanks!"
BYTES_PER_TOKEN = 4
# The product's CHAT_HISTORY_TOKENS default; the run reads the setting from the product when it can.
DEFAULT_HISTORY_TOKENS = 8000
# Threads a worker may run beyond twice its database threads (the event loop, the MCP session,
# the interpreter's own): the "small constant".
THREAD_ALLOWANCE = 8


@dataclass
class Seeded:
    """Users given tasks in this run's databases, so scenarios share them."""

    users: set[tuple[str, str]] = field(default_factory=set)


SEEDED = Seeded()


def task_user(count: int) -> str:
    return f"bench-user-{count}-tasks"


def ensure_tasks(db: str, env: Mapping[str, str], counts: Sequence[int]) -> None:
    """Seed `task_user(n)` with n tasks for each n of `counts`, once per database."""
    missing = [n for n in counts if (db, task_user(n)) not in SEEDED.users]
    if missing:
        spec = ",".join(f"{task_user(n)}={n}" for n in missing)
        proj.run_json(["bench.seed", "tasks", "--users", spec], env)
        SEEDED.users.update((db, task_user(n)) for n in missing)


def product_settings(env: Mapping[str, str]) -> dict[str, Any]:
    """The project's settings the targets depend on (None when the product has none)."""
    found = proj.run_json(["bench.seed", "settings"], env)
    assert isinstance(found, dict)
    return found


def chat(
    project: Service,
    user_id: str,
    message: str,
    conversations: Sequence[int] | None = None,
) -> RequestFactory:
    """Turns of `user_id` saying `message`: in a new conversation each, or the i-th turn in
    `conversations[i]`."""
    url = f"{project.base_url}/api/{user_id}/chat"
    headers = {"authorization": f"Bearer {proj.token(user_id)}"}

    def request(i: int) -> ChatRequest:
        body: dict[str, Any] = {"message": message}
        if conversations is not None:
            body["conversation_id"] = conversations[i]
        return ChatRequest(url, body, headers)

    return request


def _latency(samples: list[Sample]) -> dict[str, Any]:
    ok = [s for s in samples if s.ok]
    stats = summarize_ms([s.seconds for s in ok])
    return {
        "ok": len(ok),
        "failed": len(samples) - len(ok),
        "p50_ms": stats["p50_ms"],
        "p95_ms": stats["p95_ms"],
        "response_kb": round(statistics.median(s.body_bytes for s in ok) / 1024, 1) if ok else 0,
    }


def _input(sizes: Mapping[str, Mapping[str, int]], message: str) -> dict[str, Any]:
    """Model input per turn and in the largest single model call, for one series' message
    (matched inside the text the model got, should the product add context around it);
    None when the fake saw no such message."""
    seen = [value for key, value in sizes.items() if message in key]
    turns = sum(value["turns"] for value in seen)
    if not turns:
        return {"model_input_kb_per_turn": None, "model_input_max_call_tokens": None}
    return {
        "model_input_kb_per_turn": round(sum(v["bytes_total"] for v in seen) / turns / 1024, 1),
        "model_input_max_call_tokens": max(v["bytes_max"] for v in seen) // BYTES_PER_TOKEN,
    }


# ----------------------------------------------------------------------------- task counts


def task_counts(ctx: Context, *, db: str, project: Service, env: Mapping[str, str]) -> list[Any]:
    """Users with each of `task_counts` tasks saying "show my tasks", interleaved: latency,
    answer size and model input per user, as ratios to the zero-task and 10-task users."""
    sizes: UserSizes = ctx.sizes.users
    counts = sorted(sizes.task_counts)
    ensure_tasks(db, env, counts)
    proj.control(ctx.fake, policy="user_like", delay=0.0)
    messages = {n: f"{LIST} [{n} tasks]" for n in counts}
    targets = {str(n): chat(project, task_user(n), messages[n]) for n in counts}
    for factory in targets.values():
        probe(factory(0), 1)
    proj.model_input(ctx.fake, reset=True)
    results = asyncio.run(interleaved(targets, count=sizes.requests, warmup=sizes.warmup))
    seen = proj.model_input(ctx.fake)
    rows = [
        {"scenario": "task_counts", "db": db, "tasks": n, **_latency(results[str(n)])}
        for n in counts
    ]
    by_count = {row["tasks"]: row for row in rows}
    for row in rows:
        row.update(_input(seen, messages[row["tasks"]]))
        for base in (0, 10):
            if base in by_count:
                row[f"p50_vs_{base}"] = ratio(row["p50_ms"], by_count[base]["p50_ms"])
    return rows


# ----------------------------------------------------------------------------- history of lists


def _long_conversation(project: Service, user_id: str, turns: int) -> int:
    """A conversation holding `turns` real "show my tasks" turns; its id."""
    factory = chat(project, user_id, f"{LIST} [seeding]")
    conversation: int | None = None
    with httpx2.Client(timeout=120) as client:
        for _ in range(turns):
            request = factory(0)
            body = {**request.body, "conversation_id": conversation}
            response = client.post(request.url, json=body, headers=request.headers)
            if response.status_code != 200:
                raise RuntimeError(f"seeding a list turn failed: {response.text[:500]}")
            conversation = int(response.json()["conversation_id"])
    assert conversation is not None
    return conversation


def list_history(ctx: Context, *, db: str, project: Service, env: Mapping[str, str]) -> list[Any]:
    """Turns in conversations whose history holds `history_lists` real list results of
    `list_size` tasks each, against the same turns in a fresh conversation: a one-word
    follow-up (no tool) and "show my tasks" again. Each recorded turn has its own copy of the
    long conversation, so every one of them sees the same history."""
    sizes: UserSizes = ctx.sizes.users
    user = task_user(sizes.list_size)
    ensure_tasks(db, env, [sizes.list_size])
    proj.control(ctx.fake, policy="user_like", delay=0.0)
    source = _long_conversation(project, user, sizes.history_lists)
    per_series = sizes.warmup + sizes.requests
    copies = proj.run_json(
        ["bench.seed", "clone", "--conversation", str(source), "--copies", str(2 * per_series)],
        env,
    )
    assert isinstance(copies, list)
    long_label = f"{sizes.history_lists} lists"
    series = {
        ("fresh", "follow-up"): chat(project, user, f"{FOLLOW_UP} [fresh]"),
        (long_label, "follow-up"): chat(
            project, user, f"{FOLLOW_UP} [{long_label}]", copies[:per_series]
        ),
        ("fresh", "show my tasks"): chat(project, user, f"{LIST} [fresh]"),
        (long_label, "show my tasks"): chat(
            project, user, f"{LIST} [{long_label}]", copies[per_series:]
        ),
    }
    targets = {f"{where}/{turn}": factory for (where, turn), factory in series.items()}
    probe(targets["fresh/follow-up"](0), 0)
    probe(targets["fresh/show my tasks"](0), 1)
    proj.model_input(ctx.fake, reset=True)
    results = asyncio.run(interleaved(targets, count=sizes.requests, warmup=sizes.warmup))
    seen = proj.model_input(ctx.fake)
    rows: list[dict[str, Any]] = []
    for (where, turn), factory in series.items():
        message = str(factory(0).body["message"])
        rows.append(
            {
                "scenario": "list_history",
                "db": db,
                "conversation": where,
                "turn": turn,
                **_latency(results[f"{where}/{turn}"]),
                **_input(seen, message),
            }
        )
    fresh = {row["turn"]: row for row in rows if row["conversation"] == "fresh"}
    for row in rows:
        base = fresh[row["turn"]]
        row["p50_vs_fresh"] = ratio(row["p50_ms"], base["p50_ms"])
        tokens = (row["model_input_max_call_tokens"], base["model_input_max_call_tokens"])
        row["history_tokens"] = None if None in tokens else tokens[0] - tokens[1]
    return rows


# ----------------------------------------------------------------------------- noisy neighbour


async def _keep_busy(factory: RequestFactory, stop: asyncio.Event, done: list[Sample]) -> None:
    """Send `factory`'s turns back to back until `stop` is set (the one in flight finishes)."""
    async with new_client(1) as client:
        i = 0
        while not stop.is_set():
            done.append(await send(client, factory(i)))
            i += 1


async def _neighbours(
    small: RequestFactory, others: Sequence[RequestFactory], *, turns: int, block: int = 5
) -> tuple[list[Sample], list[list[Sample]], list[list[Sample]]]:
    """The small user's turns in alternating blocks: alone, then next to each of `others`
    listing without pause (blocks alternate so a shared machine's drift hits all alike)."""
    alone: list[Sample] = []
    noisy: list[list[Sample]] = [[] for _ in others]
    noise: list[list[Sample]] = [[] for _ in others]
    async with new_client(1) as client:
        await send(client, small(0))  # warm the connection
        while len(alone) < turns or any(len(samples) < turns for samples in noisy):
            for _ in range(min(block, turns - len(alone))):
                alone.append(await send(client, small(0)))
            for other, samples, done in zip(others, noisy, noise, strict=True):
                if len(samples) >= turns:
                    continue
                stop = asyncio.Event()
                busy = asyncio.create_task(_keep_busy(other, stop, done))
                await asyncio.sleep(0.05)  # the other's turn is under way
                for _ in range(min(block, turns - len(samples))):
                    samples.append(await send(client, small(0)))
                stop.set()
                await busy
    return alone, noisy, noise


def noisy_neighbour(
    ctx: Context, *, db: str, project: Service, env: Mapping[str, str]
) -> list[Any]:
    """A 10-task user's "show my tasks" p95, alone, while a 10,000-task user lists their tasks
    over and over (the largest of `task_counts`), and, as a control, while another 10-task
    user does: with a model that answers at once every turn is CPU work in one interpreter, so
    any neighbour taking turns back to back shares it; the control shows how much of the
    ratio is that sharing rather than the big list."""
    sizes: UserSizes = ctx.sizes.users
    big_count = max(sizes.task_counts)
    ensure_tasks(db, env, [10, big_count])
    proj.control(ctx.fake, policy="user_like", delay=0.0)
    small = chat(project, task_user(10), f"{LIST} [small user]")
    big = chat(project, task_user(big_count), f"{LIST} [big lister]")
    # Another user with 10 tasks: the same work as `small`.
    peer_user = f"{task_user(10)}-peer"
    if (db, peer_user) not in SEEDED.users:
        proj.run_json(["bench.seed", "tasks", "--users", f"{peer_user}=10"], env)
        SEEDED.users.add((db, peer_user))
    peer = chat(project, peer_user, f"{LIST} [10-task neighbour]")
    probe(small(0), 1)
    alone, noisy, noise = asyncio.run(_neighbours(small, [big, peer], turns=sizes.noisy_turns))
    conditions = (
        ("alone", alone, None),
        (f"next to {big_count}-task lister", noisy[0], noise[0]),
        ("next to 10-task lister (control)", noisy[1], noise[1]),
    )
    rows = []
    for condition, samples, neighbour in conditions:
        ok = [s.seconds for s in samples if s.ok]
        row: dict[str, Any] = {
            "scenario": "noisy_neighbour",
            "db": db,
            "small_user": condition,
            "ok": len(ok),
            "failed": len(samples) - len(ok),
            **{k: v for k, v in summarize_ms(ok).items() if k in ("p50_ms", "p95_ms")},
        }
        if neighbour is not None:
            neighbour_ok = [s.seconds * 1000 for s in neighbour if s.ok]
            row["neighbour_turns"] = len(neighbour)
            row["neighbour_p50_ms"] = round(percentile(neighbour_ok, 50), 2)
        rows.append(row)
    for row in rows:
        row["p95_vs_alone"] = ratio(row["p95_ms"], rows[0]["p95_ms"])
    return rows


# ----------------------------------------------------------------------------- steady load


async def _closed_loop(
    factories: Sequence[RequestFactory], total: int
) -> tuple[list[Sample], float]:
    """`total` turns from `len(factories)` clients, each sending its next turn as soon as its
    last one is answered; the samples and the wall time."""
    samples: list[Sample] = []
    counter = iter(range(total))

    async def client_loop(factory: RequestFactory) -> None:
        async with new_client(1) as client:
            for i in counter:
                samples.append(await send(client, factory(i)))

    started = time.perf_counter()
    await asyncio.gather(*(client_loop(factory) for factory in factories))
    return samples, time.perf_counter() - started


def _steady_factories(name: str, service: Service, clients: int) -> list[RequestFactory]:
    if name == FLOOR:
        return [floor_requests(service)] * clients
    return [chat(service, f"bench-steady-{i}", f"{LIST} [steady]") for i in range(clients)]


def steady_cpu(ctx: Context, *, db: str, project: Service) -> list[Any]:
    """Server CPU time per one-tool turn (from /proc, not wall time) with `steady_clients`
    clients sending turns back to back, project vs floor, in two alternating rounds each."""
    sizes: UserSizes = ctx.sizes.users
    servers = {"project": project, FLOOR: ctx.floors[FLOOR]}
    factories = {
        name: _steady_factories(name, s, sizes.steady_clients) for name, s in servers.items()
    }
    proj.control(ctx.fake, policy="one_tool", delay=sizes.steady_delay_s)
    totals: dict[str, dict[str, Any]] = {
        name: {"cpu_s": 0.0, "wall_s": 0.0, "samples": [], "threads": 0} for name in servers
    }
    try:
        for name in servers:  # warm-up: pools, lazy imports
            asyncio.run(_closed_loop(factories[name], 2 * sizes.steady_clients))
        for _ in range(2):
            for name, service in servers.items():
                before = service.cpu_seconds()
                with ThreadPeak(service) as peak:
                    samples, wall = asyncio.run(
                        _closed_loop(factories[name], sizes.steady_turns // 2)
                    )
                total = totals[name]
                total["cpu_s"] += service.cpu_seconds() - before
                total["wall_s"] += wall
                total["samples"] += samples
                total["threads"] = max(total["threads"], peak.peak)
    finally:
        proj.control(ctx.fake, delay=0.0)
    rows = []
    for name, total in totals.items():
        samples = total["samples"]
        ok = [s.seconds for s in samples if s.ok]
        rows.append(
            {
                "scenario": "steady_cpu",
                "db": db,
                "target": name,
                "clients": sizes.steady_clients,
                "turns": len(samples),
                "failed": len(samples) - len(ok),
                "turns_per_s": round(len(ok) / total["wall_s"], 1),
                "p50_ms": summarize_ms(ok)["p50_ms"],
                "server_cpu_ms_per_turn": round(total["cpu_s"] * 1000 / max(len(samples), 1), 2),
                "server_threads_peak": total["threads"],
            }
        )
    floor = rows[-1]
    for row in rows:
        row["cpu_vs_floor"] = ratio(row["server_cpu_ms_per_turn"], floor["server_cpu_ms_per_turn"])
        row["turns_per_s_vs_floor"] = ratio(row["turns_per_s"], floor["turns_per_s"])
    return rows


# ----------------------------------------------------------------------------- footprint


@contextlib.contextmanager
def _fresh(
    ctx: Context, start: Callable[[str], Service], label: str
) -> Iterator[tuple[Service, float]]:
    """A new process, timed from its start until it answers `/healthz`; stopped after."""
    started = time.perf_counter()
    service = start(label)
    try:
        yield service, time.perf_counter() - started
    finally:
        ctx.services.stop(service)


def _first_turn(request: ChatRequest) -> float:
    started = time.perf_counter()
    probe(request, 1)
    return time.perf_counter() - started


def _bursts(ctx: Context, name: str, service: Service) -> dict[str, Any]:
    """RSS and threads idle (after a few turns), then during and after each burst."""
    sizes: UserSizes = ctx.sizes.users

    def factory(user: str) -> RequestFactory:
        return floor_requests(service) if name == FLOOR else chat(service, user, f"{LIST} [burst]")

    for i in range(5):
        probe(factory(f"bench-footprint-{i}")(0), 1)
    time.sleep(0.5)
    out: dict[str, Any] = {"rss_idle_mib": service.rss_mib(), "threads_idle": service.threads()}
    proj.control(ctx.fake, delay=ctx.sizes.model_delay_s)
    try:
        for b in range(1, sizes.bursts + 1):
            requests = [factory(f"bench-burst-{b}-{j}")(0) for j in range(sizes.burst)]
            with ThreadPeak(service) as peak:
                result = asyncio.run(burst(requests))
            out[f"burst_{b}_ok"] = len(result.ok)
            out[f"burst_{b}_threads_peak"] = peak.peak
            time.sleep(0.5)
            out[f"rss_after_burst_{b}_mib"] = service.rss_mib()
    finally:
        proj.control(ctx.fake, delay=0.0)
    out["threads_peak"] = max(out[f"burst_{b}_threads_peak"] for b in range(1, sizes.bursts + 1))
    return out


def footprint(
    ctx: Context, *, db: str, env: Mapping[str, str], floor_mcp: str
) -> list[dict[str, Any]]:
    """Fresh project and floor processes, taking turns: time from start to answering
    `/healthz` and to the end of the first one-tool turn (`cold_starts` times each, medians);
    the first of each then measures RSS idle, threads peak and RSS after `bursts` bursts of
    `burst` simultaneous turns (model delay `model_delay_s`)."""
    sizes: UserSizes = ctx.sizes.users
    proj.control(ctx.fake, policy="one_tool", delay=0.0)
    starters: dict[str, Callable[[str], Service]] = {
        "project": lambda label: proj.start_project(
            ctx.services, ctx.options, env, f"project-{db}-{label}", poll_s=0.01
        ),
        FLOOR: lambda label: proj.start_floor(
            ctx.services,
            ctx.options,
            ctx.fake,
            mcp=floor_mcp,
            api="chat_completions",
            name=f"floor-{label}",
            poll_s=0.01,
        ),
    }
    timings: dict[str, dict[str, list[float]]] = {n: {"ready": [], "first": []} for n in starters}
    extra: dict[str, dict[str, Any]] = {}
    for attempt in range(sizes.cold_starts):
        for name, start in starters.items():
            with _fresh(ctx, start, f"cold-{attempt}") as (service, ready_s):
                first = (
                    floor_requests(service)
                    if name == FLOOR
                    else chat(service, f"bench-cold-{attempt}", f"{LIST} [cold]")
                )
                turn_s = _first_turn(first(0))
                timings[name]["ready"].append(ready_s)
                timings[name]["first"].append(ready_s + turn_s)
                if attempt == 0:
                    extra[name] = _bursts(ctx, name, service)
    rows = []
    for name in starters:
        rows.append(
            {
                "scenario": "footprint",
                "db": db,
                "target": name,
                "ready_s": round(statistics.median(timings[name]["ready"]), 2),
                "cold_start_s": round(statistics.median(timings[name]["first"]), 2),
                **extra[name],
            }
        )
    floor = rows[-1]
    for row in rows:
        for key in ("cold_start_s", "rss_idle_mib", f"rss_after_burst_{sizes.bursts}_mib"):
            row[f"{key.removesuffix('_s').removesuffix('_mib')}_vs_floor"] = ratio(
                row[key], floor[key]
            )
    return rows
