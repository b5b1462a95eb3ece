"""`quizapp users demo`: the demo accounts and a published demo quiz, made once."""

from __future__ import annotations

from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import AuditEvent, Item, Quiz
from quizapp.services.demo import DEMO_QUIZ, PER_TYPE
from tests.helpers import make_bank


def test_demo_accounts_and_quiz_are_made_once(app, runner, tmp_path):
    make_bank(runner, tmp_path)
    first = runner.invoke(args=["users", "demo"])
    assert first.exit_code == 0, first.output
    assert "demo instructor: instructor@quizapp.local / " in first.output
    assert "demo student: student@quizapp.local / " in first.output
    assert f"demo quiz: '{DEMO_QUIZ}'" in first.output

    quiz = db.session.scalar(select(Quiz).where(Quiz.title == DEMO_QUIZ))
    assert quiz.published
    items = [db.session.get(Item, qi.item_id) for qi in quiz.items]
    types = {item.type for item in items}
    assert types == {"cloze", "multiple_choice", "short_answer", "true_false"}
    assert all(sum(i.type == t for i in items) <= PER_TYPE for t in types)
    assert all(i.status == "approved" and i.current.verdict == "supported" for i in items)
    approvals = db.session.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "approve")
    )
    assert approvals == len(items)  # each approval audited, by the demo instructor

    second = runner.invoke(args=["users", "demo"])
    assert second.exit_code == 0, second.output
    assert db.session.scalar(select(func.count()).select_from(Quiz)) == 1
    assert "(set before; see demo-accounts.json)" not in second.output


def test_no_demo_quiz_without_a_bank(app, runner):
    result = runner.invoke(args=["users", "demo"])
    assert result.exit_code == 0, result.output
    assert "demo quiz" not in result.output
    assert db.session.scalar(select(func.count()).select_from(Quiz)) == 0
