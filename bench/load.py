"""Load: 200 simulated students take a 20-question quiz against gunicorn (4 workers) on
PostgreSQL and on SQLite (WAL), beside two bare routes measured in the same server run.

For each database: seed 100,000 items and 500 students (bench/seed.py, kept between runs
in /tmp/quizapp-bench), start `gunicorn -c gunicorn.conf.py "quizapp:create_app()"` on
127.0.0.1 with QUIZAPP_BENCH_ROUTES=1, and drive it with locust (bench/load_driver.py):
the quiz for --seconds (60), then the bare primary-key SELECT and the bare INSERT for a
third of that each. Reported: requests per second and p50/p95/p99 of the question page
and the answer POST beside the bare SELECT and INSERT, the 5xx count, and whether the
responses stored in the database equal the answer POSTs that were recorded (and every
attempt has its 20 questions). Figures only; nothing is asserted.

    .venv/bin/python bench/load.py [--quick] [--database postgresql|sqlite|both]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from ingest import save_section

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
WORK = Path("/tmp/quizapp-bench")
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
ITEMS, STUDENTS, USERS, WORKERS = 100_000, 500, 200, 4


def database_url(kind: str) -> str:
    if kind == "postgresql":
        return f"{POSTGRES}?options=-csearch_path%3Dbench_load"
    return f"sqlite:///{WORK / 'load.db'}"


def prepare(kind: str) -> dict:
    """Seed the database (only what is missing) and return the seed's summary."""
    WORK.mkdir(parents=True, exist_ok=True)
    if kind == "postgresql":
        engine = sa.create_engine(POSTGRES)
        with engine.begin() as connection:
            connection.execute(sa.text("CREATE SCHEMA IF NOT EXISTS bench_load"))
        engine.dispose()
    command = [
        PYTHON,
        str(BENCH / "seed.py"),
        database_url(kind),
        "--items",
        str(ITEMS),
        "--students",
        str(STUDENTS),
        "--instance",
        str(WORK / "instance"),
    ]
    result = subprocess.run(command, capture_output=True, text=True, cwd=BENCH)
    if result.returncode != 0:
        raise SystemExit(f"seeding {kind} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_env(url: str, port: int) -> dict[str, str]:
    return os.environ | {
        "QUIZAPP_DATABASE_URL": url,
        "QUIZAPP_INSTANCE_PATH": str(WORK / "instance"),
        "QUIZAPP_SECRET_KEY": "bench secret key",
        "QUIZAPP_BIND": f"127.0.0.1:{port}",
        "QUIZAPP_WORKERS": str(WORKERS),
        "QUIZAPP_BENCH_ROUTES": "1",
        "QUIZAPP_LOGIN_RATE_LIMIT": "1000000 per minute",
    }


@contextmanager
def server(kind: str, log_name: str, url: str | None = None, unhealthy_ok: bool = False):
    """gunicorn on a free port, as in production but with the bench routes; yields it.

    With `unhealthy_ok`, a /healthz answering 503 counts as started (a fault scenario)."""
    port = free_port()
    log = open(WORK / f"{log_name}.log", "w")
    process = subprocess.Popen(
        [GUNICORN, "-c", str(ROOT / "gunicorn.conf.py"), "quizapp:create_app()"],
        env=server_env(url or database_url(kind), port),
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    process.host = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(process.host, process, unhealthy_ok=unhealthy_ok)
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def wait_healthy(host: str, process, seconds: float = 60, unhealthy_ok: bool = False) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with {process.returncode}; see {WORK}/*.log")
        try:
            with urllib.request.urlopen(f"{host}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except urllib.error.HTTPError as answer:
            if unhealthy_ok and answer.code == 503:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer /healthz within {seconds} s")


def drive(
    host: str,
    scenario: str,
    seconds: float,
    quiz: str = "",
    users: int = USERS,
    background: bool = False,
):
    """Run the locust driver; its JSON summary (or the process, when `background`)."""
    command = [
        PYTHON,
        str(BENCH / "load_driver.py"),
        "--host",
        host,
        "--scenario",
        scenario,
        "--users",
        str(users),
        "--seconds",
        str(seconds),
        "--quiz",
        quiz,
        "--students",
        str(STUDENTS),
        "--items",
        str(ITEMS),
    ]
    process = subprocess.Popen(
        command, cwd=BENCH, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    if background:
        return process
    return collect(process)


def collect(process) -> dict:
    out, err = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"the load driver failed:\n{err[-3000:]}")
    return json.loads(out.strip().splitlines()[-1])


def stored(kind: str) -> dict:
    """Rows the quiz leaves: responses, attempts, and attempts not holding 20 questions."""
    engine = sa.create_engine(database_url(kind))
    with engine.connect() as connection:
        scalar = lambda sql: connection.execute(sa.text(sql)).scalar()  # noqa: E731
        figures = {
            "responses": scalar("SELECT count(*) FROM response"),
            "attempts": scalar("SELECT count(*) FROM attempt"),
            "attempts_submitted": scalar(
                "SELECT count(*) FROM attempt WHERE submitted_at IS NOT NULL"
            ),
            "attempts_not_whole": scalar(
                "SELECT count(*) FROM (SELECT a.id FROM attempt a LEFT JOIN attempt_question q "
                "ON q.attempt_id = a.id GROUP BY a.id HAVING count(q.id) <> 20) AS broken"
            ),
            "responses_beyond_questions": scalar(
                "SELECT count(*) FROM response r LEFT JOIN attempt_question q "
                "ON q.id = r.question_id WHERE q.id IS NULL OR q.attempt_id <> r.attempt_id"
            ),
        }
    engine.dispose()
    return figures


def run_database(kind: str, seconds: float) -> dict:
    print(f"[{kind}] seeding {ITEMS:,} items and {STUDENTS} students ...", flush=True)
    seeded = prepare(kind)
    before = stored(kind)
    print(f"[{kind}] seeded in {seeded['seconds']} s; starting gunicorn ...", flush=True)
    with server(kind, f"load-{kind}") as process:
        print(f"[{kind}] quiz: {USERS} students for {seconds:.0f} s ...", flush=True)
        quiz = drive(process.host, "quiz", seconds, seeded["quiz"])
        bare_seconds = max(10.0, seconds / 3)
        print(f"[{kind}] bare SELECT and INSERT, {bare_seconds:.0f} s each ...", flush=True)
        select = drive(process.host, "select", bare_seconds)
        insert = drive(process.host, "insert", bare_seconds)
    after = stored(kind)
    new_responses = after["responses"] - before["responses"]
    return {
        "database": kind,
        "seeded": seeded,
        "quiz": quiz,
        "bare_select": select,
        "bare_insert": insert,
        "stored": after,
        "responses_stored_in_run": new_responses,
        "answers_recorded_new": quiz["answers_recorded_new"],
        "responses_match": new_responses == quiz["answers_recorded_new"],
        "5xx": quiz["5xx"] + select["5xx"] + insert["5xx"],
    }


def figures(run: dict) -> dict:
    """The headline numbers of one database's run."""

    def pick(summary: dict, name: str) -> dict:
        row = summary["requests"].get(name, {})
        return {
            k: row.get(k) for k in ("requests", "failures", "rps", "p50_ms", "p95_ms", "p99_ms")
        }

    return {
        "question page": pick(run["quiz"], "question page"),
        "answer POST": pick(run["quiz"], "answer POST"),
        "bare SELECT": pick(run["bare_select"], "bare SELECT"),
        "bare INSERT": pick(run["bare_insert"], "bare INSERT"),
    }


def print_report(runs: list[dict]) -> None:
    for run in runs:
        print(f"\nload on {run['database']}: {USERS} students, gunicorn {WORKERS} workers")
        print(
            f"{'request':<14} {'count':>7} {'fail':>5} {'rps':>7} {'p50':>6} {'p95':>6} {'p99':>6}"
        )
        for name, row in figures(run).items():
            print(
                f"{name:<14} {row['requests'] or 0:>7} {row['failures'] or 0:>5} "
                f"{row['rps'] or 0:>7.1f} {row['p50_ms'] or 0:>6.0f} {row['p95_ms'] or 0:>6.0f} "
                f"{row['p99_ms'] or 0:>6.0f}"
            )
        rows = figures(run)
        for page, bare in (("question page", "bare SELECT"), ("answer POST", "bare INSERT")):
            ratio = (rows[page]["rps"] or 0) / max(rows[bare]["rps"] or 1, 1e-9)
            print(f"  {page} throughput / {bare}: {ratio:.2f} (goal at least 0.5)")
        print(
            f"  5xx: {run['5xx']}; responses stored {run['responses_stored_in_run']} vs "
            f"answers recorded {run['answers_recorded_new']} -> "
            f"{'equal' if run['responses_match'] else 'DIFFERENT'}; attempts not holding 20 "
            f"questions: {run['stored']['attempts_not_whole']}"
        )


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20-second quiz runs")
    parser.add_argument("--seconds", type=float, help="length of the quiz run (60)")
    parser.add_argument("--database", choices=("postgresql", "sqlite", "both"), default="both")
    args = parser.parse_args(argv)
    seconds = args.seconds or (20.0 if args.quick else 60.0)
    kinds = ["postgresql", "sqlite"] if args.database == "both" else [args.database]
    runs = [run_database(kind, seconds) for kind in kinds]
    print_report(runs)
    result = {
        "users": USERS,
        "workers": WORKERS,
        "seconds": seconds,
        "runs": runs,
        "figures": {run["database"]: figures(run) for run in runs},
    }
    save_section("load", result)
    return result


if __name__ == "__main__":
    main()
