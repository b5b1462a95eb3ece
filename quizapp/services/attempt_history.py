"""A student's attempts across quizzes: the history page's rows and, for the quiz list,
each quiz's attempts, best score and open attempt.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import Attempt, Quiz


def history(user) -> list[tuple[Attempt, Quiz]]:
    """The user's attempts, newest first, each with its quiz."""
    return list(
        db.session.execute(
            select(Attempt, Quiz)
            .join(Quiz, Quiz.id == Attempt.quiz_id)
            .where(Attempt.user_id == user.id)
            .order_by(Attempt.started_at.desc(), Attempt.id.desc())
        ).all()
    )


@dataclass(frozen=True)
class QuizSummary:
    quiz: Quiz
    attempts: int
    best: float | None  # the best submitted score as a share of the maximum
    unfinished: str | None  # the uuid of an attempt still open


def quiz_summaries(user) -> list[QuizSummary]:
    """The quizzes the user may take (instructors also preview unpublished ones), with
    the user's attempts, best share and open attempt."""
    stats = (
        select(
            Attempt.quiz_id,
            func.count(Attempt.id).label("attempts"),
            func.max(Attempt.score / func.nullif(Attempt.max_score, 0)).label("best"),
        )
        .where(Attempt.user_id == user.id)
        .group_by(Attempt.quiz_id)
        .subquery()
    )
    open_ = (
        select(Attempt.quiz_id, func.max(Attempt.uuid).label("uuid"))
        .where(Attempt.user_id == user.id, Attempt.submitted_at.is_(None))
        .group_by(Attempt.quiz_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Quiz, stats.c.attempts, stats.c.best, open_.c.uuid)
        .outerjoin(stats, stats.c.quiz_id == Quiz.id)
        .outerjoin(open_, open_.c.quiz_id == Quiz.id)
        .where(Quiz.published if not user.is_instructor else Quiz.id.is_not(None))
        .order_by(Quiz.title, Quiz.id)
    ).all()
    return [QuizSummary(q, n or 0, best, uuid) for q, n, best, uuid in rows]
