"""Entities the corpus names and their mentions in sentences, as the last tagging left them."""

from __future__ import annotations

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp.extensions import db
from quizapp.models.corpus import Sentence


class EntityRecord(db.Model):
    __tablename__ = "entity"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    canonical: Mapped[str] = mapped_column(String(300))
    type: Mapped[str] = mapped_column(String(20), index=True)
    aliases: Mapped[list] = mapped_column(JSON, default=list)
    description: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(20), default="glossary")


class MentionRecord(db.Model):
    __tablename__ = "mention"

    id: Mapped[int] = mapped_column(primary_key=True)
    sentence_id: Mapped[int] = mapped_column(ForeignKey("sentence.id"), index=True)
    entity_id: Mapped[int | None] = mapped_column(ForeignKey("entity.id"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(500))
    type: Mapped[str] = mapped_column(String(20))
    value: Mapped[str | None] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(String(20))

    sentence: Mapped[Sentence] = relationship()
    entity: Mapped[EntityRecord | None] = relationship()
