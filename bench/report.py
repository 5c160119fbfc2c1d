"""Printing results as tables, and judging them against the issue's targets."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

Row = dict[str, Any]

OVERHEAD_COLUMNS = [
    "db",
    "api",
    "policy",
    "target",
    "ok",
    "p50_ms",
    "p95_ms",
    "p99_ms",
    "p50_vs_floor",
    "p99_vs_floor",
    "server_cpu_ms_per_turn",
]
HISTORY_COLUMNS = ["db", "prior_messages", "ok", "p50_ms", "p95_ms", "p99_ms", "p50_vs_smallest"]
CONCURRENCY_COLUMNS = [
    "db",
    "clients",
    "target",
    "ok",
    "failed",
    "wall_s",
    "wall_vs_floor",
    "throughput_rps",
    "p50_ms",
    "p99_ms",
    "server_cpu_ms_per_turn",
    "server_threads_peak",
]
TOOL_COLUMNS = [
    "db",
    "direct_ms",
    "inprocess_ms",
    "inprocess_connect_ms",
    "inprocess_connect_close_ms",
    "http_ms",
    "http_connect_ms",
    "http_connect_shared_client_ms",
]
MODEL_COLUMNS = ["api", "prior_messages", "plain_ms", "pass_through_ms", "saved_ms"]

# The targets.
OVERHEAD_MAX = 2.0
HISTORY_MAX = 1.2
CONCURRENCY_MAX = 1.35
CONCURRENCY_SIZES = (100, 200)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return "nan" if math.isnan(value) else f"{value:.2f}"
    return str(value)


def table(title: str, rows: Sequence[Row], columns: Sequence[str]) -> str:
    """A fixed-width text table of `columns` of `rows`."""
    if not rows:
        return ""
    cells = [[_cell(row.get(column, "")) for column in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    lines = [f"== {title}", "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))]
    lines += ["  ".join(v.rjust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(lines)


def profile_text(profile: Row, name: str, db: str) -> str:
    """One profile's phases and top items, as text."""
    lines = [f"== profile {name} ({db}, {profile['turns']} one-tool turns in-process)"]
    lines.append("phase medians (ms per turn, inclusive):")
    lines += [f"  {k:<28} {v:8.2f}" for k, v in profile["phases_median_ms"].items()]
    lines.append("remainders (ms per turn):")
    lines += [f"  {k:<62} {v:8.2f}" for k, v in profile["derived_ms"].items()]
    py = profile["pyinstrument"]
    lines.append(
        f"event-loop thread (pyinstrument, inflated by sampling): wall {py['wall_ms_per_turn']} "
        f"ms/turn, awaiting {py['await_ms_per_turn']} ms/turn; self time by package:"
    )
    lines += [f"  {name:<40} {ms:8.2f}" for name, ms in py["top_packages_self_ms_per_turn"][:10]]
    lines.append("top functions by self time (ms per turn):")
    lines += [f"  {name[:80]:<80} {ms:7.2f}" for name, ms in py["top_functions_self_ms_per_turn"]]
    db = profile["db_thread"]
    lines.append(f"database worker thread (cProfile): {db['own_ms_per_turn_total']} ms/turn")
    lines += [
        f"  {name[:80]:<80} {ms:7.3f}" for name, ms in db["top_functions_own_ms_per_turn"][:8]
    ]
    sql = profile.get("sql_statements_per_turn", {})
    if sql:
        lines.append(f"SQL statements per turn: {sql['total']}")
        lines += [f"  {name:<60} {n:6.2f}" for name, n in sql.items() if name != "total"]
    lines.append("full reports: " + ", ".join(profile["reports"]))
    return "\n".join(lines)


def _verdict(measured: float, limit: float) -> bool | None:
    return None if math.isnan(measured) else measured <= limit


def targets(results: Row) -> list[Row]:
    """Each of the issue's targets, measured: value, limit, met (None when not measured)."""
    out: list[Row] = []
    for row in results.get("overhead", []):
        if row["target"] == "project" and row["policy"] == "one_tool" and row["db"] == "postgres":
            out.append(
                {
                    "target": f"one-tool turn p50 <= {OVERHEAD_MAX}x floor "
                    f"(postgres, {row['api']})",
                    "measured": row["p50_vs_floor"],
                    "met": _verdict(row["p50_vs_floor"], OVERHEAD_MAX),
                }
            )
    for row in results.get("history", []):
        if row["prior_messages"] == max(r["prior_messages"] for r in results["history"]):
            out.append(
                {
                    "target": f"p50 at {row['prior_messages']} messages <= {HISTORY_MAX}x "
                    f"smallest ({row['db']})",
                    "measured": row["p50_vs_smallest"],
                    "met": _verdict(row["p50_vs_smallest"], HISTORY_MAX),
                }
            )
    for row in results.get("concurrency", []):
        if row["target"] == "project" and row["clients"] in CONCURRENCY_SIZES:
            met = _verdict(row["wall_vs_floor"], CONCURRENCY_MAX)
            out.append(
                {
                    "target": f"{row['clients']} concurrent: all ok and wall <= "
                    f"{CONCURRENCY_MAX}x floor ({row['db']})",
                    "measured": f"{row['ok']}/{row['ok'] + row['failed']} ok, "
                    f"{row['wall_vs_floor']}x",
                    "met": bool(met) and row["failed"] == 0,
                }
            )
    return out


def render(results: Row) -> str:
    """Every table of a run, and the targets."""
    parts = [
        table(
            "overhead: sequential turns, model delay 0",
            results.get("overhead", []),
            OVERHEAD_COLUMNS,
        ),
        table("history scaling: one-tool turn", results.get("history", []), HISTORY_COLUMNS),
        table(
            f"concurrency: one-tool turns, model delay {results['meta']['model_delay_s']} s",
            results.get("concurrency", []),
            CONCURRENCY_COLUMNS,
        ),
        table(
            "tool path: median tools/call list_tasks (ms)",
            results.get("tool_path", []),
            TOOL_COLUMNS,
        ),
    ]
    parts.append(
        table(
            "model call: one Runner.run, one model call (client side)",
            results.get("model_call", []),
            MODEL_COLUMNS,
        )
    )
    profile = results.get("profile") or {}
    for name in ("new_conversation", "history_100"):
        if name in profile:
            parts.append(profile_text(profile[name], name, profile["db"]))
    goals = results.get("targets", [])
    if goals:
        parts.append(table("targets", goals, ["target", "measured", "met"]))
    return "\n\n".join(part for part in parts if part)
