"""SQL statements per request for the main pages, at 1,000 and at 100,000 items.

A page whose statement count grows with the bank has an N+1 query in it; the count at
1,000 items is the baseline the count at 100,000 sits beside. Each page is requested
once to warm up and once counted (a listener on the engine counts every statement the
request sends), with the time it took as a side figure. Prints a table and merges the
figures into bench/results.json under "sql_counts". It asserts nothing.

    .venv/bin/python bench/sql_counts.py [--database sqlite|postgresql] [--quick]

--quick measures at 1,000 and 10,000 items.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa
from ingest import save_section
from seed import PASSWORD, bench_app, seed
from sqlalchemy import event, select

from quizapp.extensions import db
from quizapp.models import Document, Item, Quiz

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


class Counter:
    """Counts the statements an engine sends while `counting` is set."""

    def __init__(self, engine) -> None:
        self.count = 0
        self.counting = False
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, *args) -> None:
        if self.counting:
            self.count += 1

    def measure(self, call) -> tuple[int, float, int]:
        call()  # warm-up: caches, compiled templates, the pool's first connection
        self.count, self.counting = 0, True
        started = time.perf_counter()
        status = call()
        seconds = time.perf_counter() - started
        self.counting = False
        return self.count, seconds * 1000, status


def signed_in(app, email: str):
    client = app.test_client()
    token = TOKEN.search(client.get("/login").get_data(as_text=True)).group(1)
    response = client.post(
        "/login", data={"email": email, "password": PASSWORD, "csrf_token": token}
    )
    if response.status_code != 302:
        raise SystemExit(f"could not sign in as {email}")
    client.token = token
    return client


def page_calls(app, student_email: str) -> dict[str, object]:
    """Each page as a call returning its status, in the order a user would meet them."""
    with app.app_context():
        quiz = db.session.scalar(select(Quiz).where(Quiz.published))
        item = db.session.scalar(select(Item).order_by(Item.id.desc()).limit(1))
        slug = db.session.scalar(select(Document.slug).limit(1))
        quiz_uuid, item_uuid = quiz.uuid, item.uuid
    instructor = signed_in(app, "instructor@bench.example")
    student = signed_in(app, student_email)
    anonymous = app.test_client()
    started = student.post(f"/study/quizzes/{quiz_uuid}/start", data={"csrf_token": student.token})
    attempt = re.search(r"/study/attempts/([\w-]+)/", started.headers["Location"]).group(1)
    question = f"/study/attempts/{attempt}/q/1"
    answers = iter(range(2, 1000))

    def answer():
        # Each call answers a new question: the count is of a first answer, not a repeat.
        position = next(answers)
        return student.post(
            f"/study/attempts/{attempt}/q/{position}",
            data={"answer": "Moscow", "csrf_token": student.token},
        ).status_code

    def get(client, url):
        return lambda: client.get(url).status_code

    return {
        "/sources/ (visitor)": get(anonymous, "/sources/"),
        "/sources/<slug>": get(anonymous, f"/sources/{slug}"),
        "/bank": get(instructor, "/bank"),
        "/bank?q=Moscow": get(instructor, "/bank?q=Moscow"),
        "/bank/review": get(instructor, "/bank/review"),
        "/bank/items/<uuid>": get(instructor, f"/bank/items/{item_uuid}"),
        "/bank/quizzes/<uuid>": get(instructor, f"/bank/quizzes/{quiz_uuid}"),
        "/bank/stats": get(instructor, "/bank/stats"),
        "/study/": get(student, "/study/"),
        "question page": get(student, question),
        "answer POST": answer,
        "/study/attempts": get(student, "/study/attempts"),
    }


def measure_pages(url: str, instance: Path, student_email: str) -> dict[str, dict]:
    app = bench_app(url, instance)
    app.logger.disabled = True
    with app.app_context():
        counter = Counter(db.engine)
    results = {}
    for name, call in page_calls(app, student_email).items():
        count, ms, status = counter.measure(call)
        results[name] = {"statements": count, "ms": round(ms, 1), "status": status}
    with app.app_context():
        db.engine.dispose()
    return results


def prepare_postgres(schema: str) -> str:
    engine = sa.create_engine(POSTGRES)
    with engine.begin() as connection:
        connection.execute(sa.text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    return f"{POSTGRES}?options=-csearch_path%3D{schema}"


def database_url(database: str, work: Path, schema: str) -> str:
    """A fresh bench database: a schema of its own on PostgreSQL, a file in `work` else."""
    if database == "postgresql":
        return prepare_postgres(schema)
    return f"sqlite:///{work / 'bench.db'}"


def run(database: str, sizes: tuple[int, int]) -> dict:
    with tempfile.TemporaryDirectory(prefix="quizapp-sqlcounts-") as tmp:
        work = Path(tmp)
        url = database_url(database, work, "bench_sql_counts")
        measured = {}
        for number, size in enumerate(sizes):
            print(f"  seeding {size:,} items ...", flush=True)
            seed(url, work / "instance", size, 10)
            print(f"  measuring at {size:,} items ...", flush=True)
            measured[size] = measure_pages(url, work / "instance", f"student{number}@bench.example")
    return {"database": database, "sizes": list(sizes), "pages": measured}


def print_table(result: dict) -> None:
    small, large = result["sizes"]
    pages = result["pages"]
    print(f"\nSQL statements per request ({result['database']})")
    header = f"{'page':<24} {f'@{small:,}':>8} {f'@{large:,}':>9} {'ms@small':>9} {'ms@large':>9}"
    print(header)
    print("-" * len(header))
    for name, row in pages[small].items():
        big = pages[large][name]
        print(
            f"{name:<24} {row['statements']:>8} {big['statements']:>9} "
            f"{row['ms']:>9.1f} {big['ms']:>9.1f}"
            + (
                ""
                if row["status"] == big["status"]
                else f"  (status {row['status']}/{big['status']})"
            )
        )


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--quick", action="store_true", help="1,000 and 10,000 items")
    args = parser.parse_args(argv)
    sizes = (1_000, 10_000) if args.quick else (1_000, 100_000)
    result = run(args.database, sizes)
    print_table(result)
    save_section(f"sql_counts_{args.database}", result)
    return result


if __name__ == "__main__":
    sys.exit(main() and None)
