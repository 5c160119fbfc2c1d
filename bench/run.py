"""`python -m bench` (or `python bench/run.py`): the todochat benchmark.

Starts a fake OpenAI-compatible model, the floor app and the project (uvicorn, one worker each,
on loopback), runs the chosen scenarios over HTTP, prints tables and writes
`bench/results/<timestamp>.json` (logs and profile reports go to `bench/results/<timestamp>/`).
Every process it starts is stopped when it ends, whatever happens.

    python -m bench                    # full run, ~10 minutes
    python -m bench --quick            # smoke run, ~1-2 minutes
    python -m bench --scenarios overhead,history --dbs postgres --requests 100
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import platform
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # `python bench/run.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import project as proj
from bench import scenarios as sc
from bench import users
from bench.procs import REPO, Service, Services
from bench.report import annotate, render, targets
from bench.streaming import streaming

USER_SCENARIOS = ("task_counts", "list_history", "noisy_neighbour", "steady_cpu", "footprint")
SCENARIOS = (
    "overhead",
    "history",
    "concurrency",
    "tool_path",
    "profile",
    "model_call",
    "streaming",
    *USER_SCENARIOS,
)
# `--scenarios users` selects every scenario of `bench.users`.
SCENARIO_GROUPS = {"users": USER_SCENARIOS}
DBS = ("sqlite", "postgres")
RESULTS = REPO / "bench" / "results"

FULL = sc.Sizes(
    requests=200,
    warmup=20,
    history_sizes=(100, 1000, 10000),
    history_requests=100,
    concurrency=(50, 100, 200),
    repeats=1,
    model_delay_s=1.0,
    tool_calls=300,
    profile_turns=100,
    model_calls=50,
    users=sc.UserSizes(
        task_counts=(0, 10, 100, 1000, 10000),
        requests=40,
        warmup=2,
        history_lists=20,
        list_size=100,
        noisy_turns=20,
        steady_turns=400,
        steady_clients=8,
        steady_delay_s=0.05,
        burst=200,
        bursts=2,
        cold_starts=3,
    ),
)
QUICK = sc.Sizes(
    requests=30,
    warmup=5,
    history_sizes=(100, 10000),
    history_requests=20,
    concurrency=(50,),
    repeats=1,
    model_delay_s=1.0,
    tool_calls=50,
    profile_turns=20,
    model_calls=15,
    users=sc.UserSizes(
        task_counts=(0, 10, 10000),
        requests=3,
        warmup=1,
        history_lists=20,
        list_size=100,
        noisy_turns=10,
        steady_turns=60,
        steady_clients=4,
        steady_delay_s=0.05,
        burst=200,
        bursts=1,
        cold_starts=1,
    ),
)


def _csv(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def _ints(value: str) -> list[int]:
    return [int(item) for item in _csv(value)]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small sizes: a 1-2 minute smoke run")
    parser.add_argument(
        "--scenarios",
        type=_csv,
        default=list(SCENARIOS),
        help=",".join(SCENARIOS) + "\n(users = " + ",".join(USER_SCENARIOS) + ")",
    )
    parser.add_argument("--dbs", type=_csv, default=list(DBS), help="sqlite,postgres")
    parser.add_argument(
        "--concurrency-dbs",
        type=_csv,
        default=None,
        help="databases for the concurrency scenario (default: --dbs)",
    )
    parser.add_argument("--requests", type=int, help="sequential requests per target (200)")
    parser.add_argument("--warmup", type=int, help="warm-up requests per target (20)")
    parser.add_argument("--history-sizes", type=_ints, help="prior messages (100,1000,10000)")
    parser.add_argument("--history-requests", type=int, help="requests per history size (100)")
    parser.add_argument("--concurrency", type=_ints, help="simultaneous clients (50,100,200)")
    parser.add_argument(
        "--repeats", type=int, help="bursts per size and target; the median wall counts (1)"
    )
    parser.add_argument("--model-delay", type=float, help="seconds per model call in bursts (1.0)")
    parser.add_argument("--tool-calls", type=int, help="tools/call per tool-path mode (300)")
    parser.add_argument("--profile-turns", type=int, help="turns per profiling pass (100)")
    parser.add_argument(
        "--no-responses",
        action="store_true",
        help="skip the Responses-API overhead row (on by default, not in --quick)",
    )
    parser.add_argument(
        "--floor-mcp",
        choices=["shared", "per_turn"],
        default="shared",
        help="how the reference floor reaches its MCP tool: one session per process held by\n"
        "the lifespan task (shared, like the product since 8a20847) or one per turn",
    )
    parser.add_argument(
        "--no-floor-extras",
        action="store_true",
        help="skip the extra floors: the other MCP mode, and five tool schemas",
    )
    parser.add_argument(
        "--cache",
        choices=["db", "redis"],
        default="db",
        help="the project's CACHE_URL (rate limits): db (default) or redis",
    )
    parser.add_argument(
        "--uvicorn-args",
        default="",
        help='extra uvicorn flags for both apps, e.g. "--http httptools"',
    )
    parser.add_argument(
        "--variant",
        action="append",
        default=[],
        type=proj.Variant.parse,
        help="also measure the project with changes, in overhead and concurrency:\n"
        "NAME:KEY=VALUE[,KEY=VALUE...] (environment; UVICORN=extra uvicorn flags), e.g.\n"
        "redis:CACHE_URL=redis://127.0.0.1:6379/15  or  'h11:UVICORN=--http h11'",
    )
    parser.add_argument(
        "--fake-as-is",
        action="store_true",
        help="the test fake's own socket (Nagle on: ~40 ms per model call)",
    )
    parser.add_argument(
        "--pg-url",
        default="postgresql://postgres@127.0.0.1:5432/postgres",
        help="an admin URL; the run creates and drops database bench_todochat",
    )
    parser.add_argument(
        "--pg-database",
        default=proj.PG_DATABASE,
        help="the database the run drops and creates (default bench_todochat)",
    )
    parser.add_argument("--out", type=Path, help="JSON path (default bench/results/<ts>.json)")
    parser.add_argument(
        "--task-counts", type=_ints, help="tasks of the 'show my tasks' users (0,10,100,1000,10000)"
    )
    args = parser.parse_args(argv)
    args.scenarios = [
        name for chosen in args.scenarios for name in SCENARIO_GROUPS.get(chosen, (chosen,))
    ]
    unknown = set(args.scenarios) - set(SCENARIOS) | set(args.dbs) - set(DBS)
    if unknown:
        parser.error(f"unknown scenario or database: {', '.join(sorted(unknown))}")
    return args


def sizes_from(args: argparse.Namespace) -> sc.Sizes:
    base = QUICK if args.quick else FULL
    overrides = {
        "requests": args.requests,
        "warmup": args.warmup,
        "history_sizes": args.history_sizes,
        "history_requests": args.history_requests,
        "concurrency": args.concurrency,
        "repeats": args.repeats,
        "model_delay_s": args.model_delay,
        "tool_calls": args.tool_calls,
        "profile_turns": args.profile_turns,
    }
    values = {**base.__dict__, **{k: v for k, v in overrides.items() if v is not None}}
    if args.task_counts:
        values["users"] = dataclasses.replace(base.users, task_counts=tuple(args.task_counts))
    return sc.Sizes(**values)


def _git_head() -> str:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, timeout=10
        )
        return done.stdout.strip()
    except OSError:
        return ""


def _git_status() -> list[str]:
    """Uncommitted changes at run time (others edit the product while benchmarks run)."""
    try:
        done = subprocess.run(
            ["git", "--no-optional-locks", "status", "--porcelain"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=10,
        )
        return done.stdout.splitlines()
    except OSError:
        return []


def meta(args: argparse.Namespace, sizes: sc.Sizes, options: proj.RunOptions) -> dict[str, Any]:
    return {
        "started": dt.datetime.now().isoformat(timespec="seconds"),
        "git_head": _git_head(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "argv": sys.argv[1:],
        "sizes": dataclasses.asdict(sizes),
        "model_delay_s": sizes.model_delay_s,
        "cache": options.cache,
        "uvicorn_args": proj.describe_uvicorn_args(options),
        "fake_as_is": options.fake_as_is,
        "variants": [v.__dict__ for v in args.variant],
        "git_status": _git_status(),
        "floor_mcp": args.floor_mcp,
    }


def _log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def start_floors(ctx: sc.Context, args: argparse.Namespace) -> None:
    """The reference floor, and unless told otherwise the extra floors: the other MCP mode,
    and the reference with the product's five tool schemas."""
    start = proj.start_floor
    ctx.floors[sc.FLOOR] = start(
        ctx.services, ctx.options, ctx.fake, mcp=args.floor_mcp, api="chat_completions"
    )
    if args.no_floor_extras:
        return
    other = "per_turn" if args.floor_mcp == "shared" else "shared"
    ctx.floors[f"floor-{other.replace('_', '-')}-mcp"] = start(
        ctx.services, ctx.options, ctx.fake, mcp=other, api="chat_completions"
    )
    ctx.floors["floor-5-tools"] = start(
        ctx.services, ctx.options, ctx.fake, mcp=args.floor_mcp, api="chat_completions", tools=5
    )


def run_database(ctx: sc.Context, args: argparse.Namespace, db: str, out: dict[str, Any]) -> None:
    """Every scenario chosen for one database, against one project process."""
    env = proj.project_env(db, ctx.options, ctx.fake)
    _log(f"{db}: preparing a fresh database")
    proj.prepare_database(db, ctx.options, env)
    project = proj.start_project(ctx.services, ctx.options, env, f"project-{db}")
    variants = start_variants(ctx, args.variant, db, env)
    servers = {sc.PROJECT: project, **variants, **ctx.floors}
    chosen = set(args.scenarios)
    if "overhead" in chosen:
        _log(f"{db}: overhead ({ctx.sizes.requests} sequential requests per target)")
        out["overhead"] += sc.overhead(ctx, db=db, api="chat_completions", servers=servers)
        if not args.quick and not args.no_responses and db == args.dbs[-1]:
            out["overhead"] += responses_overhead(ctx, args, db, env)
    if "history" in chosen:
        _log(f"{db}: history scaling {list(ctx.sizes.history_sizes)}")
        out["history"] += sc.history(ctx, db=db, project=project, env=env)
    if "concurrency" in chosen and db in (args.concurrency_dbs or args.dbs):
        _log(f"{db}: concurrency {list(ctx.sizes.concurrency)}")
        out["concurrency"] += sc.concurrency(ctx, db=db, servers=servers)
    if "streaming" in chosen:
        _log(f"{db}: streaming (JSON vs SSE turns; bursts of 100 against a slow model)")
        out["streaming"] += streaming(ctx, db=db, project=project)
    if db == args.dbs[-1]:
        run_users(ctx, args, db, project, env, out)
    for service in (project, *variants.values()):
        ctx.services.stop(service)
    if db == args.dbs[-1]:
        if "tool_path" in chosen:
            _log(f"{db}: tool path")
            out["tool_path"].append(sc.tool_path(ctx, db=db, env=env))
        if "profile" in chosen:
            _log(f"{db}: profile ({ctx.sizes.profile_turns} turns per pass)")
            out["profile"] = sc.profile(ctx, db=db, env=env)


def run_users(
    ctx: sc.Context,
    args: argparse.Namespace,
    db: str,
    project: Service,
    env: dict[str, str],
    out: dict[str, Any],
) -> None:
    """The user-like scenarios chosen (`bench.users`), on the last database only."""
    chosen = [name for name in USER_SCENARIOS if name in args.scenarios]
    if not chosen:
        return
    out["settings"] = users.product_settings(env)
    sizes = ctx.sizes.users
    if "task_counts" in chosen:
        _log(f"{db}: 'show my tasks' for users with {list(sizes.task_counts)} tasks")
        out["task_counts"] = users.task_counts(ctx, db=db, project=project, env=env)
    if "list_history" in chosen:
        _log(f"{db}: {sizes.history_lists} list results of {sizes.list_size} tasks in history")
        out["list_history"] = users.list_history(ctx, db=db, project=project, env=env)
    if "noisy_neighbour" in chosen:
        _log(f"{db}: noisy neighbour ({sizes.noisy_turns} turns alone and next to a lister)")
        out["noisy_neighbour"] = users.noisy_neighbour(ctx, db=db, project=project, env=env)
    if "steady_cpu" in chosen:
        _log(f"{db}: CPU per turn at steady load ({sizes.steady_clients} clients)")
        out["steady_cpu"] = users.steady_cpu(ctx, db=db, project=project)
    if "footprint" in chosen:
        _log(f"{db}: cold start, RSS and threads ({sizes.burst}-turn bursts)")
        out["footprint"] = users.footprint(ctx, db=db, env=env, floor_mcp=args.floor_mcp)


def start_variants(
    ctx: sc.Context, variants: Sequence[proj.Variant], db: str, env: dict[str, str]
) -> dict[str, Service]:
    """The project's variants, on the same database."""
    return {
        f"{sc.PROJECT}+{variant.name}": proj.start_project(
            ctx.services,
            ctx.options,
            {**env, **variant.env},
            f"project-{db}-{variant.name}",
            variant.uvicorn_args,
        )
        for variant in variants
    }


def responses_overhead(
    ctx: sc.Context, args: argparse.Namespace, db: str, env: dict[str, str]
) -> list[dict[str, Any]]:
    """The one-tool overhead row again, with the Responses API on both sides."""
    _log(f"{db}: overhead with AGENT_MODEL_API=responses")
    floor = proj.start_floor(
        ctx.services, ctx.options, ctx.fake, mcp=args.floor_mcp, api="responses"
    )
    project = proj.start_project(
        ctx.services, ctx.options, {**env, "AGENT_MODEL_API": "responses"}, f"project-{db}-resp"
    )
    try:
        servers = {sc.PROJECT: project, sc.FLOOR: floor}
        return sc.overhead(ctx, db=db, api="responses", servers=servers, policies=("one_tool",))
    finally:
        ctx.services.stop(project)
        ctx.services.stop(floor)


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Start everything, run the scenarios, stop everything; the results."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    options = proj.RunOptions(
        run_dir=RESULTS / stamp,
        pg_url=args.pg_url,
        pg_database=args.pg_database,
        cache=args.cache,
        uvicorn_args=tuple(shlex.split(args.uvicorn_args)),
        fake_as_is=args.fake_as_is,
    )
    options.run_dir.mkdir(parents=True, exist_ok=True)
    sizes = sizes_from(args)
    out: dict[str, Any] = {
        "meta": meta(args, sizes, options),
        "overhead": [],
        "history": [],
        "concurrency": [],
        "streaming": [],
        "tool_path": [],
        "profile": None,
    }
    with Services(options.run_dir / "logs") as services:
        fake: Service = proj.start_fake(services, options)
        ctx = sc.Context(options, sizes, services, fake, floors={})
        start_floors(ctx, args)
        if "model_call" in args.scenarios:
            _log("model call: client-side cost of history, plain vs pass-through client")
            out["model_call"] = sc.model_calls(ctx)
        if set(args.scenarios) - {"model_call"}:
            for db in args.dbs:
                run_database(ctx, args, db, out)
    annotate(out)
    out["targets"] = targets(out)
    out["meta"]["json"] = str(args.out or RESULTS / f"{stamp}.json")
    return out


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds the `Services` stack: every process is stopped


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    started = time.monotonic()
    results = run(args)
    results["meta"]["duration_s"] = round(time.monotonic() - started, 1)
    path = Path(results["meta"]["json"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, default=str))
    print()
    print(render(results))
    print(f"\nJSON: {path}  ({results['meta']['duration_s']} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
