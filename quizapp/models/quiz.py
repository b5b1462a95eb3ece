"""Quizzes instructors build: chosen items and rules that draw items, with their settings."""

from __future__ import annotations

import uuid as uuid_module
from datetime import UTC, datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp.extensions import db

FEEDBACK = ("immediate", "after_submission")


def _now() -> datetime:
    return datetime.now(UTC)


class Quiz(db.Model):
    __tablename__ = "quiz"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(
        String(36), unique=True, default=lambda: str(uuid_module.uuid4())
    )
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    time_limit_minutes: Mapped[int | None] = mapped_column(Integer)
    attempts_allowed: Mapped[int | None] = mapped_column(Integer)  # None: unlimited
    shuffle_questions: Mapped[bool] = mapped_column(Boolean, default=True)
    shuffle_choices: Mapped[bool] = mapped_column(Boolean, default=True)
    feedback: Mapped[str] = mapped_column(String(20), default="immediate")
    one_per_page: Mapped[bool] = mapped_column(Boolean, default=True)
    published: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)

    items: Mapped[list[QuizItem]] = relationship(
        back_populates="quiz", order_by="QuizItem.position", cascade="all, delete-orphan"
    )
    rules: Mapped[list[QuizRule]] = relationship(
        back_populates="quiz", order_by="QuizRule.id", cascade="all, delete-orphan"
    )


class QuizItem(db.Model):
    """An item the instructor chose for the quiz."""

    __tablename__ = "quiz_item"
    __table_args__ = (UniqueConstraint("quiz_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quiz.id"), index=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    quiz: Mapped[Quiz] = relationship(back_populates="items")


class QuizRule(db.Model):
    """Draw `count` approved items matching every filter given (source, section, tag, type)."""

    __tablename__ = "quiz_rule"

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quiz.id"), index=True)
    count: Mapped[int] = mapped_column(Integer)
    source: Mapped[str | None] = mapped_column(String(120))  # document slug
    section: Mapped[str | None] = mapped_column(String(500))  # section title
    tag: Mapped[str | None] = mapped_column(String(200))
    item_type: Mapped[str | None] = mapped_column(String(30))

    quiz: Mapped[Quiz] = relationship(back_populates="rules")
