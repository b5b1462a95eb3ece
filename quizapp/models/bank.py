"""The question bank: items, their versions, citations and tags.

An item's content lives in versions; every edit adds one and the item points at its
current number. A version's verdict is what the citation checker last said of it.
"""

from __future__ import annotations

import uuid as uuid_module
from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp.extensions import db

STATUSES = ("draft", "approved", "rejected", "retired")
VERDICTS = ("supported", "stale", "unsupported", "drifted", "leaky", "ambiguous")


def _now() -> datetime:
    return datetime.now(UTC)


def _uuid() -> str:
    return str(uuid_module.uuid4())


class Item(db.Model):
    __tablename__ = "item"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=_uuid)
    type: Mapped[str] = mapped_column(String(30), index=True)
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    # Type, cited sentence clusters and answer: one item per fact, however often drafted.
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    current_version: Mapped[int] = mapped_column(Integer, default=1)
    status_reason: Mapped[str | None] = mapped_column(Text)  # why it was rejected or retired
    # Why an instructor approved it although its verdict is not "supported".
    override_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)

    versions: Mapped[list[ItemVersion]] = relationship(
        back_populates="item", order_by="ItemVersion.number", cascade="all, delete-orphan"
    )
    tags: Mapped[list[ItemTag]] = relationship(back_populates="item", cascade="all, delete-orphan")

    @property
    def current(self) -> ItemVersion:
        return next(v for v in self.versions if v.number == self.current_version)


class ItemVersion(db.Model):
    __tablename__ = "item_version"
    __table_args__ = (UniqueConstraint("item_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    stem: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    alternatives: Mapped[list] = mapped_column(JSON, default=list)
    distractors: Mapped[list] = mapped_column(JSON, default=list)
    explanation: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    author: Mapped[str] = mapped_column(String(120))  # "generator:cloze@1" or "user:<id>"
    score: Mapped[float] = mapped_column(Float, default=0.0)
    verdict: Mapped[str] = mapped_column(String(20), index=True)
    reasons: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)

    item: Mapped[Item] = relationship(back_populates="versions")
    citations: Mapped[list[CitationRecord]] = relationship(
        back_populates="version", order_by="CitationRecord.ordinal", cascade="all, delete-orphan"
    )


class CitationRecord(db.Model):
    __tablename__ = "citation"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("item_version.id"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    sentence_key: Mapped[str] = mapped_column(String(40), index=True)
    sentence_hash: Mapped[str] = mapped_column(String(64))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(30), default="answer")

    version: Mapped[ItemVersion] = relationship(back_populates="citations")


class ItemTag(db.Model):
    __tablename__ = "item_tag"
    __table_args__ = (UniqueConstraint("item_id", "tag"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"), index=True)
    tag: Mapped[str] = mapped_column(String(200), index=True)

    item: Mapped[Item] = relationship(back_populates="tags")


class GenerationMark(db.Model):
    """What the last full generation run drafted from, so an unchanged corpus is skipped."""

    __tablename__ = "generation_mark"

    id: Mapped[int] = mapped_column(primary_key=True)
    signature: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


class AuditEvent(db.Model):
    """Who changed what, when, and the values before and after."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    action: Mapped[str] = mapped_column(String(40), index=True)
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[str] = mapped_column(String(64), index=True)
    before: Mapped[dict] = mapped_column(JSON, default=dict)
    after: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, index=True)
