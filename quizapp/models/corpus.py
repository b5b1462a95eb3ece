"""The corpus aggregate: documents, their sections, passages, footnotes and sentences.

Rows below Document are identified by stable keys derived from their normalised text,
so a re-ingest updates them in place. Rows are retired, never deleted, when a new
version of the document no longer contains them: items that cite them must be able
to say that their source is gone.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from quizapp.extensions import db


def _now() -> datetime:
    return datetime.now(UTC)


class Document(db.Model):
    __tablename__ = "document"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    author: Mapped[str | None] = mapped_column(String(300))
    year: Mapped[int | None] = mapped_column(Integer)
    publication: Mapped[str | None] = mapped_column(String(500))
    source_file: Mapped[str | None] = mapped_column(String(500))
    checksum: Mapped[str] = mapped_column(String(64))
    encoding: Mapped[str] = mapped_column(String(40), default="utf-8")
    # The ingest pipeline and model that made the rows (see quizapp.ingest.pipeline_version).
    pipeline: Mapped[str] = mapped_column(String(120), default="", server_default="")
    text: Mapped[str] = mapped_column(Text, default="")
    witness_of_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)

    witness_of: Mapped[Document | None] = relationship(remote_side=[id])
    sections: Mapped[list[Section]] = relationship(
        back_populates="document", order_by="Section.ordinal", cascade="all, delete-orphan"
    )
    passages: Mapped[list[Passage]] = relationship(
        back_populates="document", order_by="Passage.ordinal", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Document {self.slug}>"


class DocumentPart:
    """Columns shared by the rows below a document: a stable key, an order, a retired flag."""

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    key: Mapped[str] = mapped_column(String(40))
    ordinal: Mapped[int] = mapped_column(Integer)
    retired: Mapped[bool] = mapped_column(default=False)

    @declared_attr.directive
    def __table_args__(cls) -> tuple:
        return (UniqueConstraint("document_id", "key"),)


class Section(DocumentPart, db.Model):
    __tablename__ = "section"

    title: Mapped[str] = mapped_column(String(500))

    document: Mapped[Document] = relationship(back_populates="sections")
    passages: Mapped[list[Passage]] = relationship(
        back_populates="section", order_by="Passage.ordinal"
    )


class Passage(DocumentPart, db.Model):
    __tablename__ = "passage"

    section_id: Mapped[int] = mapped_column(ForeignKey("section.id"), index=True)
    # body, caption (a picture caption) or attribution (the source line under a quotation)
    kind: Mapped[str] = mapped_column(String(20), default="body")
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    # [start, end) spans of emphasised text within the passage, relative to `start`
    emphasis: Mapped[list] = mapped_column(JSON, default=list)

    document: Mapped[Document] = relationship(back_populates="passages")
    section: Mapped[Section] = relationship(back_populates="passages")
    sentences: Mapped[list[Sentence]] = relationship(
        back_populates="passage", order_by="Sentence.ordinal"
    )
    footnotes: Mapped[list[Footnote]] = relationship(
        back_populates="passage", order_by="Footnote.ordinal"
    )


class Footnote(DocumentPart, db.Model):
    __tablename__ = "footnote"

    passage_id: Mapped[int] = mapped_column(ForeignKey("passage.id"), index=True)
    marker: Mapped[str] = mapped_column(String(20))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

    passage: Mapped[Passage] = relationship(back_populates="footnotes")
    sentences: Mapped[list[Sentence]] = relationship(
        back_populates="footnote", order_by="Sentence.ordinal"
    )


class Sentence(db.Model):
    __tablename__ = "sentence"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    passage_id: Mapped[int] = mapped_column(ForeignKey("passage.id"), index=True)
    footnote_id: Mapped[int | None] = mapped_column(ForeignKey("footnote.id"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    text_hash: Mapped[str] = mapped_column(String(64))
    # The key of the first-ingested sentence this one duplicates (itself when unique).
    cluster: Mapped[str] = mapped_column(String(40), index=True)
    retired: Mapped[bool] = mapped_column(default=False, index=True)
    # spaCy's tokens, parse and entities for this sentence (quizapp/ingest/analysis.py)
    analysis: Mapped[dict] = mapped_column(JSON, default=dict, server_default=sql_text("'{}'"))

    document: Mapped[Document] = relationship()
    passage: Mapped[Passage] = relationship(back_populates="sentences")
    footnote: Mapped[Footnote | None] = relationship(back_populates="sentences")

    @property
    def is_footnote(self) -> bool:
        return self.footnote_id is not None


class PassageTag(db.Model):
    """A topic an instructor gave a passage ("purges", "cheka"); items drawn from it carry it."""

    __tablename__ = "passage_tag"
    __table_args__ = (UniqueConstraint("passage_id", "tag"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    passage_id: Mapped[int] = mapped_column(ForeignKey("passage.id"), index=True)
    tag: Mapped[str] = mapped_column(String(80), index=True)

    passage: Mapped[Passage] = relationship()
