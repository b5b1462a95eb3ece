"""Time the bank's search at 100,000 items beside a bare primary-key SELECT in the same run.

Seeds a bank (bench/seed.py: real items of the smallest corpus text cloned in bulk), signs
in as the instructor and requests each page once to warm up and then `--repeat` times,
timing each request in the process (Flask's test client, no network). The baseline is
GET /bench/select/<id> (quizapp/benchroutes.py: one item by primary key through a small
template), so each figure is also printed as a multiple of it. The pages: /bank with no
search, /bank?q= with a whole word, a word prefix and two words, and the item editor's
sentence search. On PostgreSQL the tables are ANALYZEd after seeding, as autovacuum
would soon do on a live server after a bulk load (the planner has no statistics before;
SQLite's never has any, the app does not run ANALYZE). Prints a table (median, min and
max ms, statements per request) and merges the figures into bench/results.json under
"search_<database>" (--no-save: not).

    .venv/bin/python bench/search.py [--database sqlite|postgresql] [--items N] [--repeat N]

--quick: 10,000 items.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ["QUIZAPP_BENCH_ROUTES"] = "1"  # the bare SELECT route the pages are compared with

from ingest import save_section  # noqa: E402
from seed import bench_app, seed  # noqa: E402
from sql_counts import Counter, database_url, signed_in  # noqa: E402
from sqlalchemy import select, text  # noqa: E402

from quizapp.extensions import db  # noqa: E402
from quizapp.models import Item  # noqa: E402

BASELINE = "bare SELECT (baseline)"


def pages(item_id: int, item_uuid: str) -> dict[str, str]:
    return {
        BASELINE: f"/bench/select/{item_id}",
        "/bank": "/bank",
        "/bank?q=Moscow": "/bank?q=Moscow",
        "/bank?q=Dzerzh (prefix)": "/bank?q=Dzerzh",
        "/bank?q=Moscow+Cheka": "/bank?q=Moscow+Cheka",
        "/bank?q=Moscow&type=cloze": "/bank?q=Moscow&type=cloze",
        "editor sentence search": f"/bank/items/{item_uuid}?q=Moscow",
    }


def measure(url: str, instance: Path, repeat: int) -> dict[str, dict]:
    app = bench_app(url, instance)
    app.logger.disabled = True
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("ANALYZE"))
            db.session.commit()
        counter = Counter(db.engine)
        item_id, item_uuid = db.session.execute(
            select(Item.id, Item.uuid).order_by(Item.id.desc()).limit(1)
        ).one()
        db.session.remove()
    client = signed_in(app, "instructor@bench.example")
    results = {}
    for name, path in pages(item_id, item_uuid).items():
        status = client.get(path).status_code  # warm-up
        times, statements = [], 0
        for _ in range(repeat):
            counter.count, counter.counting = 0, True
            started = time.perf_counter()
            status = client.get(path).status_code
            times.append((time.perf_counter() - started) * 1000)
            counter.counting = False
            statements = counter.count
        results[name] = {
            "median_ms": round(statistics.median(times), 1),
            "min_ms": round(min(times), 1),
            "max_ms": round(max(times), 1),
            "statements": statements,
            "status": status,
        }
    with app.app_context():
        db.engine.dispose()
    return results


def run(database: str, items: int, repeat: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="quizapp-search-") as tmp:
        work = Path(tmp)
        url = database_url(database, work, "bench_search")
        print(f"  seeding {items:,} items ...", flush=True)
        seeded = seed(url, work / "instance", items, 10)
        print(f"  seeded in {seeded['seconds']} s; measuring ...", flush=True)
        measured = measure(url, work / "instance", repeat)
    return {"database": database, "items": items, "repeat": repeat, "pages": measured}


def print_table(result: dict) -> None:
    pages_ = result["pages"]
    base = pages_[BASELINE]["median_ms"]
    runs = f"{result['database']}, {result['repeat']} runs"
    print(f"\nBank search at {result['items']:,} items ({runs})")
    header = f"{'page':<28} {'median ms':>10} {'min-max ms':>17} {'x baseline':>11} {'SQL':>4}"
    print(header)
    print("-" * len(header))
    for name, row in pages_.items():
        spread = f"{row['min_ms']:.1f}-{row['max_ms']:.1f}"
        ratio = row["median_ms"] / base if base else 0
        status = "" if row["status"] == 200 else f"  (status {row['status']})"
        print(
            f"{name:<28} {row['median_ms']:>10.1f} {spread:>17} {ratio:>11.1f} "
            f"{row['statements']:>4}{status}"
        )


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="10,000 items")
    parser.add_argument("--no-save", action="store_true", help="leave bench/results.json")
    args = parser.parse_args(argv)
    result = run(args.database, 10_000 if args.quick else args.items, args.repeat)
    print_table(result)
    if not args.no_save:
        save_section(f"search_{args.database}", result)
    return result


if __name__ == "__main__":
    sys.exit(main() and None)
