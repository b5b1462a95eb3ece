"""A small populated app for the security tests: users of every role, a bank, a published
quiz with a rule, a tagged passage, a finished job and (once students can take quizzes) an
attempt, plus the values that fill each URL rule's arguments.

`fresh_objects()` makes new quiz, rule, tag and job rows, so a run of state-changing
requests (removing a rule, rejecting an item) never leaves the next run a missing row.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from flask import g
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Document, Item, Job, Passage
from quizapp.services import attempts, quizzes
from quizapp.services.passage_tags import tag_passages
from tests.helpers import csrf_token, make_bank, make_users, sign_in

ROLES = ("anonymous", "student", "other_student", "instructor", "admin")
EMAILS = {
    "student": "student@example.org",
    "other_student": "other@example.org",
    "instructor": "instructor@example.org",
    "admin": "admin@example.org",
}
ARGUMENT = re.compile(r"<(?:(\w+):)?(\w+)>")


@dataclass
class World:
    users: dict
    values: dict[str, str] = field(default_factory=dict)


def build_world(runner, folder: Path, monkeypatch, text: str | None = None) -> World:
    """Users, a bank (from `text` when given) with approved items, and fresh objects.

    The glossary the app saves to is a copy in `folder` for this test only: the routes
    run here save it (with whatever text they are sent) and re-tag the corpus.
    """
    app = runner.app
    glossary = folder / "glossary.yaml"
    shutil.copy(app.config["GLOSSARY_PATH"], glossary)
    monkeypatch.setitem(app.config, "GLOSSARY_PATH", glossary)
    if text is not None:
        path = folder / "history.txt"
        path.write_text(text)
        assert runner.invoke(args=["ingest", str(path)]).exit_code == 0
        result = runner.invoke(args=["generate"])
        assert result.exit_code == 0, result.output
    else:
        make_bank(runner, folder)
    world = World(users=make_users())
    items = list(db.session.scalars(select(Item).order_by(Item.id)))
    assert len(items) >= 4, "the bank needs a few items for the quiz and the item routes"
    for item in items[: len(items) // 2]:
        item.status = "approved"
    db.session.commit()
    world.values.update(fresh_objects(world, 0))
    return world


def fresh_objects(world: World, round_number: int) -> dict[str, str]:
    """A new published quiz with a rule, the student's open and submitted attempts at it,
    a new passage topic and a finished job."""
    instructor = world.users["instructor"]
    approved = list(db.session.scalars(select(Item).where(Item.status == "approved")))
    drafts = list(db.session.scalars(select(Item).where(Item.status == "draft")))
    document = db.session.scalar(select(Document).order_by(Document.id))
    quiz = quizzes.create_quiz(instructor, quizzes.QuizSettings(title=f"Quiz {round_number}"))
    quizzes.add_items(quiz, instructor, approved[:2])
    rule = quizzes.add_rule(quiz, instructor, 1, source=document.slug)
    quizzes.publish(quiz, instructor)
    passage = db.session.scalar(select(Passage).where(Passage.document_id == document.id))
    topic = f"topic{round_number}"
    tag_passages([passage], topic, instructor)
    student = world.users["student"]
    done = attempts.start(quiz, student)
    attempts.submit(done, student)
    open_attempt = attempts.start(quiz, student)
    job = Job(
        kind="upload", status="done", progress=1.0, message="Done.", payload={"slug": document.slug}
    )
    db.session.add(job)
    db.session.commit()
    draft = drafts[round_number % len(drafts)] if drafts else approved[0]
    return {
        "item": draft.uuid,
        "quiz_item": approved[0].uuid,
        "quiz": quiz.uuid,
        "rule": str(rule.id),
        "job": job.uuid,
        "slug": document.slug,
        "deck": f"source-{document.slug}",
        "tag": topic,
        "filename": "quizapp.css",
        "attempt": open_attempt.uuid,
        "done_attempt": done.uuid,
        "position": "1",
    }


def signed_in_client(app, role: str):
    """A test client signed in as `role` (anonymous: signed in as nobody)."""
    # The tests' app context is shared by every request, and Flask-WTF caches the CSRF
    # token in `g`: a new client would reuse the last client's token without a session.
    g.pop("csrf_token", None)
    client = app.test_client()
    if role != "anonymous":
        sign_in(client, EMAILS[role])
    return client


def token_for(client) -> str:
    return csrf_token(client, "/login")


def fill(rule, values: dict[str, str], names: dict[str, str]) -> str:
    """The rule's URL with each argument replaced by the value `names` maps it to."""

    def replace(match: re.Match) -> str:
        argument = match.group(2)
        key = names.get(argument)
        if key is None or key not in values:
            raise AssertionError(
                f"no value for <{argument}> of {rule.rule}: name the object it takes in the "
                "route's entry in tests/test_access_matrix.py (ROUTES) and, if it is new, "
                "make one in tests/security_world.py"
            )
        return values[key]

    return ARGUMENT.sub(replace, rule.rule)
