"""What students do: quiz attempts with their questions and responses, and flashcard reviews.

An attempt freezes the questions it shows: each row names the item version shown and the
order its choices were shown in, so a later edit of the item never changes a past attempt.
Flashcard scheduling state is kept per student and item as FSRS serialises it.
"""

from __future__ import annotations

import uuid as uuid_module
from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp.extensions import db
from quizapp.models.quiz import Quiz


def _now() -> datetime:
    return datetime.now(UTC)


def _uuid() -> str:
    return str(uuid_module.uuid4())


class Attempt(db.Model):
    """One student's attempt at one quiz; `number` counts their attempts at it from 1."""

    __tablename__ = "attempt"
    __table_args__ = (UniqueConstraint("quiz_id", "user_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=_uuid)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quiz.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    deadline: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    score: Mapped[float | None] = mapped_column(Float)  # sum of credit, set on submission
    max_score: Mapped[float] = mapped_column(Float, default=0.0)

    quiz: Mapped[Quiz] = relationship()
    questions: Mapped[list[AttemptQuestion]] = relationship(
        back_populates="attempt", order_by="AttemptQuestion.position", cascade="all, delete-orphan"
    )


class AttemptQuestion(db.Model):
    """A question as the attempt shows it: the item version and the order of its choices."""

    __tablename__ = "attempt_question"
    __table_args__ = (UniqueConstraint("attempt_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # 1-based, as the student sees it
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("item_version.id"), index=True)
    choices: Mapped[list] = mapped_column(JSON, default=list)  # as shown, when the type has any

    attempt: Mapped[Attempt] = relationship(back_populates="questions")
    response: Mapped[Response | None] = relationship(
        back_populates="question", uselist=False, cascade="all, delete-orphan"
    )


class Response(db.Model):
    """A student's answer to one question of an attempt, graded when given (one per question)."""

    __tablename__ = "response"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("attempt_question.id"), unique=True, index=True
    )
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id"), index=True)
    answer: Mapped[dict] = mapped_column(JSON, default=dict)  # what was given, as submitted
    # The answer as one line of text, so statistics can count equal wrong answers in SQL.
    given: Mapped[str] = mapped_column(String(300), default="")
    correct: Mapped[bool] = mapped_column(Boolean, default=False)
    credit: Mapped[float] = mapped_column(Float, default=0.0)  # 0..1; partial for orderings
    grading: Mapped[dict] = mapped_column(JSON, default=dict)  # how it was judged, for feedback
    answered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)

    question: Mapped[AttemptQuestion] = relationship(back_populates="response")


class CardState(db.Model):
    """A student's FSRS card for one item: when it is next due and its memory state."""

    __tablename__ = "card_state"
    __table_args__ = (UniqueConstraint("user_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"), index=True)
    due: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    card: Mapped[dict] = mapped_column(JSON, default=dict)  # fsrs.Card.to_dict()
    reviews: Mapped[int] = mapped_column(Integer, default=0)


class CardReview(db.Model):
    """One rating of a flashcard (1 Again, 2 Hard, 3 Good, 4 Easy) of the item version shown."""

    __tablename__ = "card_review"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("item_version.id"))
    rating: Mapped[int] = mapped_column(Integer)
    reviewed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, index=True)
    # Idempotency: a double-submitted rating carries the same token and is recorded once.
    token: Mapped[str] = mapped_column(String(64), unique=True)
    # The schedule this review gave (FSRS state name and next due), so a repeat of the
    # token answers as the first request did even after later reviews moved the card.
    due: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    state: Mapped[str] = mapped_column(String(20))
