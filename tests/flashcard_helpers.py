"""Helpers shared by the flashcard and progress tests: a small approved bank, a quiz deck."""

from __future__ import annotations

from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Item
from quizapp.services import bank, quizzes
from tests.helpers import make_bank, make_users


def approved_bank(runner, folder, only: str = "cloze,multiple_choice,short_answer,true_false"):
    """The small history bank with every supported item approved; returns (users, items)."""
    make_bank(runner, folder, only=only)
    users = make_users()
    items = list(db.session.scalars(select(Item).order_by(Item.id)))
    approved, _ = bank.bulk_approve(items, users["instructor"])
    assert approved >= 10, "the small bank should give at least ten supported items"
    return users, [i for i in items if i.status == "approved"]


def published_quiz(instructor, title: str, chosen: list[Item], rule_type: str | None = None):
    quiz = quizzes.create_quiz(instructor, quizzes.QuizSettings(title=title))
    if chosen:
        quizzes.add_items(quiz, instructor, chosen)
    if rule_type:
        quizzes.add_rule(quiz, instructor, 1, item_type=rule_type)
    quizzes.publish(quiz, instructor)
    return quiz
