"""The demo `make run` sets up: an instructor and a student, with passwords kept in the
instance folder, and a published demo quiz so the student has something to take.

The demo quiz is the one place quizapp approves items without an instructor looking at
them: the demo instructor approves (audited as such) the best-scored supported draft of
each type, two per type. A real course starts from the review queue instead.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path

from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Item, ItemVersion, Quiz
from quizapp.services import bank, quizzes
from quizapp.services.users import create_user, find_user

DEMO = (("instructor@quizapp.local", "instructor"), ("student@quizapp.local", "student"))
DEMO_QUIZ = "Demo quiz: the early Soviet state"
PER_TYPE = 2


def ensure_demo_accounts(instance: Path) -> list[tuple[str, str, str]]:
    """Create the demo accounts once; return (email, role, password) for each."""
    path = instance / "demo-accounts.json"
    known = json.loads(path.read_text()) if path.exists() else {}
    result = []
    for email, role in DEMO:
        if find_user(email) is None:
            known[email] = secrets.token_urlsafe(9)
            create_user(email, role, known[email])
        result.append((email, role, known.get(email, "(set before; see demo-accounts.json)")))
    instance.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(known, indent=2))
    path.chmod(0o600)
    return result


def ensure_demo_quiz() -> Quiz | None:
    """Publish the demo quiz once; None when the bank has no supported drafts to put in it."""
    existing = db.session.scalar(select(Quiz).where(Quiz.title == DEMO_QUIZ))
    if existing is not None:
        return existing
    instructor = find_user(DEMO[0][0])
    chosen = _demo_items()
    if instructor is None or not chosen:
        return None
    for item in chosen:
        if item.status == "draft":
            bank.approve(item, instructor)
    settings = quizzes.QuizSettings(
        title=DEMO_QUIZ,
        description="Two items of each type, approved for the demo without review.",
        feedback="immediate",
        one_per_page=True,
    )
    quiz = quizzes.create_quiz(instructor, settings)
    quizzes.add_items(quiz, instructor, chosen)
    quizzes.publish(quiz, instructor)
    return quiz


def _demo_items() -> list[Item]:
    """The best-scored supported drafts (or approved items) of each type."""
    rows = db.session.execute(
        select(Item, ItemVersion.score)
        .join(
            ItemVersion,
            (ItemVersion.item_id == Item.id) & (ItemVersion.number == Item.current_version),
        )
        .where(Item.status.in_(("draft", "approved")), ItemVersion.verdict == "supported")
        .order_by(ItemVersion.score.desc(), Item.id)
    ).all()
    taken: dict[str, list[Item]] = {}
    for item, _score in rows:
        group = taken.setdefault(item.type, [])
        if len(group) < PER_TYPE:
            group.append(item)
    return [item for group in taken.values() for item in group]
