"""Load: 200 simulated students take a 20-question quiz against gunicorn (4 workers) on
PostgreSQL and on SQLite (WAL), beside two bare routes measured in the same server run.

For each database: seed 100,000 items and 500 students (bench/seed.py, kept between runs
in /tmp/quizapp-bench), start `gunicorn -c gunicorn.conf.py "quizapp:create_app()"` on
127.0.0.1 with QUIZAPP_BENCH_ROUTES=1, and drive it with locust (bench/load_driver.py):
the quiz for --seconds (60), then for a third of that each (at least 10 s) and --rounds
(2) times in turn: the question page alone, the bare primary-key SELECT, the answer POST
alone and the bare INSERT.

Throughput is compared route by route, each driven alone as the bare routes are: in the
quiz the question page and the answer POST take turns, so each gets about half of what
the server serves, and the quiz's own figures (shown as "quiz mix") could not reach half
a bare route even if each page cost no more than it. Reported: requests per second and
p50/p95/p99 of each, the ratios, the 5xx count, and whether the responses stored in the
database equal the answer POSTs recorded as new (and every attempt holds its quiz's
questions). The answer POST alone is driven on the seed's 100-question quiz, its attempts
started before the measured window, so that starting an attempt (a heavier request of
its own) is not charged to it. Figures only; nothing is asserted.

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
    seeded: dict | None = None,
    sessions: Path | None = None,
):
    """Run the locust driver; its JSON summary (or the process, when `background`).

    `seeded` (the seed's summary) names the quizzes; `sessions` is a file in which the
    driver keeps the students' signed-in sessions for the next scenario on one server."""
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
        quiz or (seeded or {}).get("quiz", ""),
        "--students",
        str(STUDENTS),
        "--items",
        str(ITEMS),
    ]
    if seeded and seeded.get("answers_quiz"):
        command += [
            "--answers-quiz",
            seeded["answers_quiz"],
            "--answers-questions",
            str(seeded["answers_questions"]),
        ]
    if sessions is not None:
        command += ["--sessions", str(sessions)]
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
            # every attempt holds as many questions as its quiz has items
            "attempts_not_whole": scalar(
                "SELECT count(*) FROM (SELECT a.id, a.quiz_id, count(q.id) AS n FROM attempt a "
                "LEFT JOIN attempt_question q ON q.attempt_id = a.id GROUP BY a.id, a.quiz_id) "
                "AS held WHERE held.n <> (SELECT count(*) FROM quiz_item i "
                "WHERE i.quiz_id = held.quiz_id)"
            ),
            "responses_beyond_questions": scalar(
                "SELECT count(*) FROM response r LEFT JOIN attempt_question q "
                "ON q.id = r.question_id WHERE q.id IS NULL OR q.attempt_id <> r.attempt_id"
            ),
        }
    engine.dispose()
    return figures


ALONE = ("question", "select", "answer", "insert")


def merge(summaries: list[dict]) -> dict:
    """One summary of several rounds of a scenario: counts added, requests per second over
    the rounds' measured windows together, percentiles the mean of the rounds'."""
    seconds = sum(s["seconds"] for s in summaries)
    names: dict[str, dict] = {}
    for name in {n for s in summaries for n in s["requests"]}:
        rows = [s["requests"][name] for s in summaries if name in s["requests"]]
        window = sum(r["window_requests"] for r in rows)
        names[name] = {
            "requests": sum(r["requests"] for r in rows),
            "failures": sum(r["failures"] for r in rows),
            "window_requests": window,
            "rps": round(window / seconds, 1),
            "rps_per_round": [r["rps"] for r in rows],
        } | {p: round(sum(r[p] for r in rows) / len(rows)) for p in ("p50_ms", "p95_ms", "p99_ms")}
    added = ("5xx", "answers_recorded_new", "answers_recorded_again", "answers_unseen")
    return {"seconds": round(seconds, 1), "requests": names, "rounds": len(summaries)} | {
        key: sum(s[key] for s in summaries) for key in added
    }


def run_database(kind: str, seconds: float, rounds: int = 2) -> dict:
    print(f"[{kind}] seeding {ITEMS:,} items and {STUDENTS} students ...", flush=True)
    seeded = prepare(kind)
    before = stored(kind)
    print(f"[{kind}] seeded in {seeded['seconds']} s; starting gunicorn ...", flush=True)
    sessions = WORK / f"sessions-{kind}.json"
    sessions.unlink(missing_ok=True)  # sessions are kept for one server run only
    with server(kind, f"load-{kind}") as process:
        print(f"[{kind}] quiz: {USERS} students for {seconds:.0f} s ...", flush=True)
        quiz = drive(process.host, "quiz", seconds, seeded=seeded, sessions=sessions)
        alone = max(10.0, seconds / 3)
        print(
            f"[{kind}] question page, bare SELECT, answer POST, bare INSERT: {alone:.0f} s "
            f"each, {rounds} rounds",
            flush=True,
        )
        # Each page and its bare route in turn, round after round: whatever else the
        # machine is doing weighs on both alike.
        runs: dict[str, list[dict]] = {name: [] for name in ALONE}
        for _ in range(rounds):
            for name in ALONE:
                runs[name].append(
                    drive(process.host, name, alone, seeded=seeded, sessions=sessions)
                )
        question, select, answer, insert = (merge(runs[name]) for name in ALONE)
    after = stored(kind)
    new_responses = after["responses"] - before["responses"]
    recorded = quiz["answers_recorded_new"] + answer["answers_recorded_new"]
    unseen = quiz["answers_unseen"] + answer["answers_unseen"]
    return {
        "database": kind,
        "seeded": seeded,
        "quiz": quiz,
        "question_alone": question,
        "answer_alone": answer,
        "bare_select": select,
        "bare_insert": insert,
        "stored": after,
        "responses_stored_in_run": new_responses,
        "answers_recorded_new": recorded,
        "answers_unseen": unseen,
        "responses_match": new_responses == recorded,
        "5xx": sum(run["5xx"] for run in (quiz, question, answer, select, insert)),
    }


def _pick(summary: dict, name: str) -> dict:
    row = summary["requests"].get(name, {})
    return {k: row.get(k) for k in ("requests", "failures", "rps", "p50_ms", "p95_ms", "p99_ms")}


def figures(run: dict) -> dict:
    """The headline numbers of one database's run: each route driven alone."""
    return {
        "question page": _pick(run["question_alone"], "question page"),
        "answer POST": _pick(run["answer_alone"], "answer POST"),
        "bare SELECT": _pick(run["bare_select"], "bare SELECT"),
        "bare INSERT": _pick(run["bare_insert"], "bare INSERT"),
    }


def quiz_mix(run: dict) -> dict:
    """The question page and the answer POST as they came in the quiz, taking turns."""
    return {
        "question page": _pick(run["quiz"], "question page"),
        "answer POST": _pick(run["quiz"], "answer POST"),
    }


def ratios(run: dict) -> dict:
    """Throughput of each page over its bare route's, alone and in the quiz mix."""
    rows, mix = figures(run), quiz_mix(run)
    result = {}
    for page, bare in (("question page", "bare SELECT"), ("answer POST", "bare INSERT")):
        base = max(rows[bare]["rps"] or 0, 1e-9)
        result[page] = {
            "alone": round((rows[page]["rps"] or 0) / base, 2),
            "quiz_mix": round((mix[page]["rps"] or 0) / base, 2),
        }
    return result


def print_report(runs: list[dict]) -> None:
    for run in runs:
        print(f"\nload on {run['database']}: {USERS} students, gunicorn {WORKERS} workers")
        print(
            f"{'request':<26} {'count':>7} {'fail':>5} {'rps':>7} {'p50':>6} {'p95':>6} {'p99':>6}"
        )
        mix = {f"{name} (quiz mix)": row for name, row in quiz_mix(run).items()}
        for name, row in (figures(run) | mix).items():
            print(
                f"{name:<26} {row['requests'] or 0:>7} {row['failures'] or 0:>5} "
                f"{row['rps'] or 0:>7.1f} {row['p50_ms'] or 0:>6.0f} {row['p95_ms'] or 0:>6.0f} "
                f"{row['p99_ms'] or 0:>6.0f}"
            )
        per_round = {
            name: row.get("rps_per_round")
            for summary in (run["question_alone"], run["bare_select"])
            for name, row in summary["requests"].items()
        } | {
            name: row.get("rps_per_round")
            for summary in (run["answer_alone"], run["bare_insert"])
            for name, row in summary["requests"].items()
        }
        print(
            "  rps per round: "
            + "; ".join(f"{name} {rounds}" for name, rounds in per_round.items() if rounds)
        )
        for page, ratio in ratios(run).items():
            bare = "bare SELECT" if page == "question page" else "bare INSERT"
            print(
                f"  {page} throughput / {bare}: {ratio['alone']:.2f} alone (goal at least "
                f"0.5); {ratio['quiz_mix']:.2f} in the quiz mix"
            )
        print(
            f"  5xx: {run['5xx']}; responses stored {run['responses_stored_in_run']} vs "
            f"answers recorded {run['answers_recorded_new']} -> "
            f"{'equal' if run['responses_match'] else 'DIFFERENT'} (answer POSTs without a "
            f"reply: {run['answers_unseen']}); attempts not holding their quiz's "
            f"questions: {run['stored']['attempts_not_whole']}"
        )


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20-second quiz runs")
    parser.add_argument("--seconds", type=float, help="length of the quiz run (60)")
    parser.add_argument("--database", choices=("postgresql", "sqlite", "both"), default="both")
    parser.add_argument(
        "--rounds", type=int, default=2, help="rounds of each route driven alone (2)"
    )
    args = parser.parse_args(argv)
    seconds = args.seconds or (20.0 if args.quick else 60.0)
    kinds = ["postgresql", "sqlite"] if args.database == "both" else [args.database]
    runs = [run_database(kind, seconds, args.rounds) for kind in kinds]
    print_report(runs)
    result = {
        "users": USERS,
        "workers": WORKERS,
        "seconds": seconds,
        "rounds": args.rounds,
        "runs": runs,
        "figures": {run["database"]: figures(run) for run in runs},
        "quiz_mix": {run["database"]: quiz_mix(run) for run in runs},
        "ratios": {run["database"]: ratios(run) for run in runs},
    }
    save_section("load", result)
    return result


if __name__ == "__main__":
    main()
