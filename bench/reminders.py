"""Reminder lateness: N reminders due within one minute, fired by one worker and by two.

    python -m bench.reminders            # 1,000 reminders; SQLite and PostgreSQL; 1 and 2 workers
    python -m bench.reminders --dbs postgres --count 200 --workers 2

Its own command, so the default `python -m bench` run is no longer for it. For each
database and worker count: a fresh migrated database; the reminders armed through the product's
services (`tasks.reminders.reminder_set`), due at random instants within one minute starting
`--lead` seconds after they are armed; `manage.py runworker` processes with the product's
defaults (idle poll 1 s); then, per reminder, lateness = when its notification was written minus
when it was due. Reports p50/p95/p99/max, and how many fired early (none should). No webhook:
this measures the engine and the firing, not a receiver.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # `python bench/reminders.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg

from bench.procs import PYTHON, REPO, log_tail, run_checked
from bench.stats import percentile

PG_DATABASE = "bench_todochat_reminders"
RESULTS = REPO / "bench" / "results"


def _env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": "bench-only-secret-key",
            "AUTH_JWT_SECRET": "bench-only-signing-secret-0123456789abcdef",
            "DATABASE_URL": database_url,
            "REMINDER_WEBHOOK_URL": "",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def _fresh_database(db: str, run_dir: Path, pg_url: str) -> str:
    if db == "sqlite":
        path = run_dir / "reminders.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    else:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {PG_DATABASE}")
        url = pg_url.rsplit("/", 1)[0] + f"/{PG_DATABASE}"
    run_checked([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], env=_env(url))
    return url


def measure(
    *, db: str, workers: int, count: int, lead_s: float, run_dir: Path, pg_url: str
) -> dict[str, Any]:
    """One database and worker count: a fresh database, `count` reminders, lateness."""
    url = _fresh_database(db, run_dir, pg_url)
    args = [PYTHON, "-m", "bench.reminders", "_run", "--workers", str(workers)]
    args += ["--count", str(count), "--lead", str(lead_s), "--log-dir", str(run_dir)]
    done = run_checked(args, env=_env(url), timeout=900)
    row = json.loads(done.stdout.strip().splitlines()[-1])
    return {"db": db, "workers": workers, **row}


def _run_inside(*, workers: int, count: int, lead_s: float, log_dir: Path) -> dict[str, Any]:
    """In a process configured for the benchmark database: arm, fire, measure."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "todochat.settings")
    import django

    django.setup()
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    from django.db import transaction
    from django.utils import timezone

    from tasks import reminders, services
    from tasks.models import Notification

    tasks = [
        services.task_create(user_id=f"bench-{n % 50}", title=f"Reminder {n}") for n in range(count)
    ]
    started = timezone.now()
    start = started + timedelta(seconds=lead_s)
    rng = random.Random(1)
    utc = ZoneInfo("UTC")
    with transaction.atomic():
        for task in tasks:
            at = start + timedelta(seconds=rng.uniform(0, 60))
            reminders.reminder_set(task=task, text=at.isoformat(), zone=utc)
    armed_s = (timezone.now() - started).total_seconds()
    processes = []
    for index in range(workers):
        log = (log_dir / f"reminder-worker-{workers}-{index}.log").open("wb")
        processes.append(
            subprocess.Popen(
                [PYTHON, "manage.py", "runworker"],
                cwd=REPO,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
    try:
        deadline = time.monotonic() + lead_s + 60 + 600
        while Notification.objects.count() < count:
            for process in processes:
                if process.poll() is not None:
                    raise RuntimeError(f"a worker exited:\n{log_tail(Path(log.name))}")
            if time.monotonic() > deadline:
                raise RuntimeError("reminders still unfired after 10 minutes")
            time.sleep(0.5)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(10)
    rows = list(Notification.objects.values_list("reminder_at", "created_at"))
    late_ms = [(fired - due).total_seconds() * 1000 for due, fired in rows]
    first_due = min(due for due, _ in rows)
    last_fired = max(fired for _, fired in rows)
    return {
        "reminders": len(rows),
        "armed_s": round(armed_s, 2),
        "lateness_p50_ms": round(percentile(late_ms, 50), 1),
        "lateness_p95_ms": round(percentile(late_ms, 95), 1),
        "lateness_p99_ms": round(percentile(late_ms, 99), 1),
        "lateness_max_ms": round(max(late_ms), 1),
        "early": sum(1 for value in late_ms if value < 0),
        # From the first reminder due to the last one fired: the minute, plus any backlog.
        "span_s": round((last_fired - first_due).total_seconds(), 1),
    }


def run(
    *,
    dbs: Sequence[str],
    workers: Sequence[int],
    count: int,
    lead_s: float,
    run_dir: Path,
    pg_url: str,
) -> list[dict[str, Any]]:
    """Every database × worker count; PostgreSQL's database is dropped afterwards."""
    run_dir.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        for db in dbs:
            for n in workers:
                print(f"[reminders] {db}, {n} worker(s), {count} reminders", flush=True)
                rows.append(
                    measure(
                        db=db, workers=n, count=count, lead_s=lead_s, run_dir=run_dir, pg_url=pg_url
                    )
                )
    finally:
        if "postgres" in dbs:
            with psycopg.connect(pg_url, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
    return rows


COLUMNS = (
    "db",
    "workers",
    "reminders",
    "lateness_p50_ms",
    "lateness_p99_ms",
    "lateness_max_ms",
    "early",
    "span_s",
)


def table(rows: Sequence[dict[str, Any]]) -> str:
    """The rows as a Markdown table."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(str(row[c]) for c in COLUMNS) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reminders", description=__doc__)
    parser.add_argument("mode", nargs="?", default="bench", choices=["bench", "_run"])
    parser.add_argument("--dbs", default="sqlite,postgres")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument(
        "--lead", type=float, default=10.0, help="seconds from arming to the minute"
    )
    parser.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--log-dir", type=Path, default=RESULTS / "reminders")
    args = parser.parse_args(argv)
    if args.mode == "_run":
        row = _run_inside(
            workers=int(args.workers), count=args.count, lead_s=args.lead, log_dir=args.log_dir
        )
        print(json.dumps(row))
        return 0
    stamp = time.strftime("%Y%m%d-%H%M%S")
    rows = run(
        dbs=[d for d in args.dbs.split(",") if d],
        workers=[int(n) for n in args.workers.split(",") if n],
        count=args.count,
        lead_s=args.lead,
        run_dir=args.log_dir / stamp,
        pg_url=args.pg_url,
    )
    out = RESULTS / f"reminders-{stamp}.json"
    out.write_text(json.dumps({"count": args.count, "rows": rows}, indent=2))
    print(table(rows))
    print(f"\nJSON: {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
