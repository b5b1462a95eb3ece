"""Peak memory of `quizapp generate` on the corpus, and on the corpus repeated 20 times.

generate must stream: it may hold one source's work at a time, so its peak memory on 20
copies of the corpus should stay near its peak on one (the stored results live in the
database, not in the process). The corpus is ingested once by `quizapp ingest`; the
20-copy database is that database with the ingested rows copied 19 more times in SQL
(documents, sections, passages, footnotes and sentences with new ids, slugs and keys;
each copy's sentences clustered with the first, as an ingest of copies clusters them),
which stores what ingesting 20 copies would without running spaCy 20 times. Then
`quizapp generate` runs as a subprocess on each, and its resident memory (with any
worker processes) is sampled every 20 ms with psutil. One corpus is the baseline.
Prints the figures and merges them into bench/results.json under "memory".

    .venv/bin/python bench/memory.py [--repeat N] [--workers N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
from ingest import CORPUS, save_section

ROOT = Path(__file__).resolve().parent.parent
QUIZAPP = str(Path(sys.executable).parent / "quizapp")
SAMPLE_SECONDS = 0.02


def environment(database: Path, instance: Path) -> dict[str, str]:
    return os.environ | {
        "QUIZAPP_DATABASE_URL": f"sqlite:///{database}",
        "QUIZAPP_INSTANCE_PATH": str(instance),
        "QUIZAPP_SECRET_KEY": "bench",
    }


def quizapp(env: dict[str, str], *args: str) -> None:
    result = subprocess.run([QUIZAPP, *args], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"quizapp {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")


def peak_rss(command: list[str], env: dict[str, str]) -> dict:
    """Run `command`; its peak resident memory (itself plus children) and its time."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    watched = psutil.Process(process.pid)
    peak = peak_main = 0
    while process.poll() is None:
        try:
            main = watched.memory_info().rss
            total = main + sum(c.memory_info().rss for c in watched.children(recursive=True))
        except psutil.Error:  # it, or a child, ended between the listing and the reading
            continue
        peak, peak_main = max(peak, total), max(peak_main, main)
        time.sleep(SAMPLE_SECONDS)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"{command} failed: {process.stderr.read().decode()[-2000:]}")
    return {
        "peak_rss_mb": round(peak / 2**20, 1),
        "peak_main_rss_mb": round(peak_main / 2**20, 1),
        "seconds": round(seconds, 1),
    }


# Each copied table: its id column is shifted, and these columns too (by whose shift).
COPIED = {
    "document": {},
    "section": {"document_id": "document"},
    "passage": {"document_id": "document", "section_id": "section"},
    "footnote": {"document_id": "document", "passage_id": "passage"},
    "sentence": {"document_id": "document", "passage_id": "passage", "footnote_id": "footnote"},
}


def copy_corpus(database: Path, copies: int) -> None:
    """Add `copies` copies of the ingested corpus to the SQLite `database`, in SQL."""
    connection = sqlite3.connect(database)
    shifts = {t: connection.execute(f"SELECT max(id) FROM {t}").fetchone()[0] or 0 for t in COPIED}
    for copy in range(1, copies + 1):
        for table, references in COPIED.items():
            columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
            values = []
            for column in columns:
                if column == "id":
                    values.append(f"id + {shifts[table] * copy}")
                elif column in references:
                    values.append(f"{column} + {shifts[references[column]] * copy}")
                elif (table, column) in (("document", "slug"), ("sentence", "key")):
                    values.append(f"{column} || '-c{copy}'")
                elif (table, column) == ("document", "witness_of_id"):
                    values.append("id")  # each copy is a witness of the original document
                else:
                    values.append(column)
            connection.execute(
                f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(values)} "
                f"FROM {table} WHERE id <= {shifts[table]}"
            )
    connection.commit()
    connection.close()


def prepare(work: Path) -> Path:
    """The corpus ingested once by quizapp itself, in a fresh SQLite database."""
    database = work / "corpus.db"
    env = environment(database, work / "instance")
    quizapp(env, "db", "upgrade")
    quizapp(env, "ingest", "--workers", "2", str(CORPUS))
    return database


def measure(label: str, database: Path, work: Path, workers: int) -> dict:
    env = environment(database, work / f"instance-{label}")
    print(f"  {label}: generating ...", flush=True)
    before = database.stat().st_size
    figures = peak_rss([QUIZAPP, "generate", "--workers", str(workers)], env)
    connection = sqlite3.connect(database)
    counts = {
        t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("document", "sentence", "item")
    }
    connection.close()
    figures |= {
        "workload": label,
        "stored": counts,
        "database_mb_before": round(before / 2**20, 1),
        "database_mb_after": round(database.stat().st_size / 2**20, 1),
    }
    print(f"  {label}: peak {figures['peak_rss_mb']} MB in {figures['seconds']} s; {counts}")
    return figures


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="copies of the corpus (20)")
    parser.add_argument("--workers", type=int, default=1, help="generate --workers (1)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="quizapp-memory-") as tmp:
        work = Path(tmp)
        print("  ingesting the corpus once ...", flush=True)
        started = time.perf_counter()
        once_db = prepare(work)
        print(f"  ingested in {time.perf_counter() - started:.0f} s", flush=True)
        repeated_db = work / f"corpus-x{args.repeat}.db"
        shutil.copy(once_db, repeated_db)
        copy_corpus(repeated_db, args.repeat - 1)
        once = measure("corpus x1", once_db, work, args.workers)
        repeated = measure(f"corpus x{args.repeat}", repeated_db, work, args.workers)
    ratio = repeated["peak_rss_mb"] / once["peak_rss_mb"]
    print(
        f"\npeak memory of quizapp generate: x1 {once['peak_rss_mb']} MB, "
        f"x{args.repeat} {repeated['peak_rss_mb']} MB (ratio {ratio:.2f})"
    )
    result = {
        "repeat": args.repeat,
        "workers": args.workers,
        "once": once,
        "repeated": repeated,
        "ratio": round(ratio, 3),
    }
    save_section("memory", result)
    return result


if __name__ == "__main__":
    main()
