"""Fault scenarios under load, each scripted and reported (figures and findings, no asserts).

1. worker-kill: during the quiz load on PostgreSQL, one gunicorn worker gets SIGKILL.
   Shown: requests that failed (no answer, 5xx), that the master started a new worker
   and the run went on, that every answer the students saw recorded is stored (stored
   >= recorded; an answer committed just before the kill may be stored unseen), and
   that no attempt is half-written (each holds its 20 questions).
2. postgres-restart: during the quiz load, `pg_ctlcluster ... main restart`. Shown: how
   long requests failed and with what (503 and its message), and that they recovered
   without restarting the app.
3. sqlite-read-only: the SQLite database on its own small filesystem, remounted
   read-only during the load (or, when the kernel refuses while files are open for
   writing, before the server starts), then read-write again. Shown: what pages and
   answers gave, the message, recovery, and PRAGMA integrity_check.

Merges the findings into bench/results.json under "faults".

    .venv/bin/python bench/faults.py [--quick]
        [--only worker-kill|postgres-restart|sqlite-read-only]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil
from ingest import RESULTS, save_section
from load import WORK, collect, database_url, drive, prepare, server, stored

USERS = 50  # enough to keep every worker busy; the faults, not the throughput, are studied
READ_ONLY_MOUNT = WORK / "ro-disk"


def failed(code: str) -> bool:
    """No answer at all (0: connection lost) or a server error."""
    return int(code) == 0 or int(code) >= 500


def outage(summary: dict) -> dict:
    """From the driver's timeline: the seconds with failures and what they were."""
    bad_seconds = sorted(
        int(second)
        for second, statuses in summary["timeline"].items()
        if any(failed(code) for code in statuses)
    )
    return {
        "failed_requests": {code: n for code, n in summary["by_status"].items() if failed(code)},
        "first_bad_second": bad_seconds[0] if bad_seconds else None,
        "last_bad_second": bad_seconds[-1] if bad_seconds else None,
        "bad_seconds": len(bad_seconds),
        "run_seconds": len(summary["timeline"]),
        "sample_5xx": summary["sample_5xx"][:400],
    }


def answers_after(summary: dict, second: int) -> int:
    """Answers recorded after `second` of the driver's run (the run went on)."""
    return sum(n for s, n in summary["answers_by_second"].items() if int(s) > second)


def worker_kill(seconds: float) -> dict:
    kind = "postgresql"
    seeded = prepare(kind)
    before = stored(kind)
    with server(kind, "fault-worker-kill") as process:
        load = drive(process.host, "quiz", seconds, seeded["quiz"], users=USERS, background=True)
        time.sleep(USERS / 50 + seconds / 3)
        master = psutil.Process(process.pid)
        workers = master.children()
        victim = workers[0].pid
        os.kill(victim, signal.SIGKILL)
        summary = collect(load)
        replaced = [w.pid for w in master.children() if w.pid not in {c.pid for c in workers}]
    after = stored(kind)
    stored_new = after["responses"] - before["responses"]
    recorded = summary["answers_recorded_new"]
    return {
        "scenario": "SIGKILL one of 4 gunicorn workers during the quiz load (PostgreSQL)",
        "killed_worker": victim,
        "new_workers_started": len(replaced),
        "outage": outage(summary),
        "answers_recorded": recorded,
        "responses_stored": stored_new,
        "no_recorded_answer_lost": stored_new >= recorded,
        "stored_but_unseen": stored_new - recorded,
        "attempts_not_whole": after["attempts_not_whole"],
        "responses_without_their_question": after["responses_beyond_questions"],
        "answers_after_kill": answers_after(summary, int(USERS / 50 + seconds / 3) + 1),
    }


def postgres_restart(seconds: float) -> dict:
    kind = "postgresql"
    seeded = prepare(kind)
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    with server(kind, "fault-postgres-restart") as process:
        load = drive(process.host, "quiz", seconds, seeded["quiz"], users=USERS, background=True)
        time.sleep(USERS / 50 + seconds / 3)
        started = time.monotonic()
        result = subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
            capture_output=True,
            text=True,
        )
        restart_seconds = time.monotonic() - started
        summary = collect(load)
        health = health_of(process.host)
    after = stored(kind)
    return {
        "scenario": "PostgreSQL restarted during the quiz load (pg_ctlcluster restart)",
        "restart_command_status": result.returncode,
        "restart_seconds": round(restart_seconds, 1),
        "outage": outage(summary),
        "healthz_after": health,
        "answers_recorded": summary["answers_recorded_new"],
        "attempts_not_whole": after["attempts_not_whole"],
        "app_restarted": False,
    }


def health_of(host: str) -> str:
    try:
        with urllib.request.urlopen(f"{host}/healthz", timeout=5) as response:
            return f"{response.status} {response.read().decode()[:80]}"
    except urllib.error.HTTPError as answer:
        return f"{answer.code} {answer.read().decode()[:80]}"
    except OSError as exc:
        return f"error: {exc}"


def mount_small_disk() -> Path:
    READ_ONLY_MOUNT.mkdir(parents=True, exist_ok=True)
    subprocess.run(["umount", str(READ_ONLY_MOUNT)], capture_output=True)
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512m", "tmpfs", str(READ_ONLY_MOUNT)], check=True
    )
    return READ_ONLY_MOUNT


def remount(mode: str) -> str:
    result = subprocess.run(
        ["mount", "-o", f"remount,{mode}", str(READ_ONLY_MOUNT)], capture_output=True, text=True
    )
    return "ok" if result.returncode == 0 else result.stderr.strip()


def sqlite_read_only(seconds: float) -> dict:
    kind = "sqlite"
    seeded = prepare(kind)
    source = Path(database_url(kind).removeprefix("sqlite:///"))
    connection = sqlite3.connect(source)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    disk = mount_small_disk()
    shutil.copy(source, disk / source.name)
    url = f"sqlite:///{disk / source.name}"
    findings: dict = {"scenario": "SQLite database on a disk remounted read-only under load"}
    try:
        with server(kind, "fault-sqlite-read-only", url=url) as process:
            load = drive(
                process.host, "quiz", seconds, seeded["quiz"], users=USERS, background=True
            )
            time.sleep(USERS / 50 + seconds / 3)
            findings["remount_read_only_under_load"] = remount("ro")
            if findings["remount_read_only_under_load"] == "ok":
                time.sleep(seconds / 3)
                findings["remount_read_write"] = remount("rw")
            summary = collect(load)
            findings["outage"] = outage(summary)
            findings["healthz_after"] = health_of(process.host)
        if findings["remount_read_only_under_load"] != "ok":
            # The kernel refuses while the server holds the file open for writing: the
            # disk is read-only from the start instead, and made writable mid-run.
            findings["remount_read_only_before_start"] = remount("ro")
            with server(kind, "fault-sqlite-read-only-2", url=url, unhealthy_ok=True) as process:
                findings["healthz_read_only"] = health_of(process.host)
                load = drive(
                    process.host, "quiz", seconds, seeded["quiz"], users=USERS, background=True
                )
                time.sleep(USERS / 50 + seconds / 2)
                findings["remount_read_write"] = remount("rw")
                summary = collect(load)
                findings["outage_read_only_start"] = outage(summary)
                findings["answers_after_read_write"] = answers_after(
                    summary, int(USERS / 50 + seconds / 2) + 1
                )
                findings["healthz_after"] = health_of(process.host)
        check = sqlite3.connect(disk / source.name)
        findings["integrity_check"] = check.execute("PRAGMA integrity_check").fetchone()[0]
        # every attempt holds as many questions as its quiz has items (as load.py counts)
        findings["attempts_not_whole"] = check.execute(
            "SELECT count(*) FROM (SELECT a.id, a.quiz_id, count(q.id) AS n FROM attempt a "
            "LEFT JOIN attempt_question q ON q.attempt_id = a.id GROUP BY a.id, a.quiz_id) "
            "AS held WHERE held.n <> (SELECT count(*) FROM quiz_item i "
            "WHERE i.quiz_id = held.quiz_id)"
        ).fetchone()[0]
        check.close()
    finally:
        remount("rw")
        subprocess.run(["umount", str(disk)], capture_output=True)
    return findings


SCENARIOS = {
    "worker-kill": worker_kill,
    "postgres-restart": postgres_restart,
    "sqlite-read-only": sqlite_read_only,
}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20-second runs (60 otherwise)")
    parser.add_argument("--only", choices=sorted(SCENARIOS))
    args = parser.parse_args(argv)
    seconds = 20.0 if args.quick else 45.0
    chosen = [args.only] if args.only else list(SCENARIOS)
    results = {}
    for name in chosen:
        print(f"[faults] {name} ...", flush=True)
        results[name] = SCENARIOS[name](seconds)
        for key, value in results[name].items():
            print(f"  {key}: {value}")
    earlier = json.loads(RESULTS.read_text()).get("faults", {}) if RESULTS.exists() else {}
    save_section("faults", earlier | results)  # a scenario run alone keeps the others
    return results


if __name__ == "__main__":
    main()
