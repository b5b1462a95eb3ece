"""Store prepared documents: the only code that writes the corpus tables.

A document is written in one transaction. Rows are matched to what is stored by
their stable keys: unchanged rows keep their ids and keys, new rows are added and
rows the new text no longer has are retired, never deleted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.ingest import pipeline_version
from quizapp.ingest.dedupe import KnownSentence, SentenceIndex, cluster_sentences
from quizapp.ingest.load import SourceError, SourceText
from quizapp.ingest.manifest import DocumentMeta
from quizapp.ingest.prepare import PreparedDocument, prepare_document
from quizapp.models import Document, Footnote, Passage, Section, Sentence


@dataclass
class IngestReport:
    slug: str
    status: str  # created, updated or unchanged
    sentences: int = 0
    added: int = 0
    retired: int = 0
    merged: int = 0
    witness_of: str | None = None
    warnings: list[str] = field(default_factory=list)


def is_current(source: SourceText, meta: DocumentMeta, model: str) -> bool:
    """True when `meta.slug` is stored from this very text by this very pipeline."""
    document = db.session.scalar(select(Document).where(Document.slug == meta.slug))
    return _is_current(document, source, model)


def _is_current(document: Document | None, source: SourceText, model: str) -> bool:
    return (
        document is not None
        and document.checksum == source.checksum
        and document.pipeline == pipeline_version(model)
    )


def ingest_source(
    source: SourceText,
    meta: DocumentMeta,
    model: str,
    progress: Callable[[float], None] | None = None,
    prepared: PreparedDocument | None = None,
) -> IngestReport:
    """Store one source under `meta.slug` in one transaction; unchanged sources cost nothing.

    `prepared` is the source already run through ingest's pure stages (by a worker
    process); without it they run here.
    """
    document = db.session.scalar(select(Document).where(Document.slug == meta.slug))
    pipeline = pipeline_version(model)
    if _is_current(document, source, model):
        _update_metadata(document, meta)
        db.session.commit()
        return IngestReport(meta.slug, "unchanged", sentences=_active_sentences(document))
    if prepared is None:
        prepared = prepare_document(source.text, meta.slug, model, progress)
    if not any(any(ch.isalpha() for ch in s.text) for s in prepared.sentences):
        raise SourceError(source.path, "no sentences found: the file has no running text")
    try:
        report = _store(document, prepared, source, meta, pipeline)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    report.warnings = list(source.warnings)
    return report


def _store(
    document: Document | None,
    prepared: PreparedDocument,
    source: SourceText,
    meta: DocumentMeta,
    pipeline: str,
) -> IngestReport:
    status = "updated" if document is not None else "created"
    if document is None:
        document = Document(slug=meta.slug)
        db.session.add(document)
    _update_metadata(document, meta)
    if not document.title:
        document.title = prepared.first_heading or meta.slug.replace("-", " ").title()
    document.source_file = meta.origin or source.path
    document.checksum = source.checksum
    document.encoding = source.encoding
    document.text = prepared.text
    document.pipeline = pipeline
    document.updated_at = datetime.now(UTC)
    db.session.flush()

    sections = _upsert(
        Section, document, prepared.sections, lambda r: {"ordinal": r.ordinal, "title": r.title}
    )
    passages = _upsert(
        Passage,
        document,
        prepared.passages,
        lambda r: {
            "ordinal": r.ordinal,
            "kind": r.kind,
            "start": r.start,
            "end": r.end,
            "emphasis": [list(span) for span in r.emphasis],
            "section_id": sections[r.section].id,
        },
    )
    footnotes = _upsert(
        Footnote,
        document,
        prepared.footnotes,
        lambda r: {
            "ordinal": r.ordinal,
            "marker": r.marker,
            "start": r.start,
            "end": r.end,
            "passage_id": passages[r.passage].id,
        },
    )
    before = set(
        db.session.scalars(
            select(Sentence.key).where(Sentence.document_id == document.id, ~Sentence.retired)
        )
    )
    sentences = _upsert(
        Sentence,
        document,
        prepared.sentences,
        lambda r: {
            "ordinal": r.ordinal,
            "start": r.start,
            "end": r.end,
            "text": r.text,
            "text_hash": r.text_hash,
            "analysis": r.analysis,
            "passage_id": passages[r.passage].id,
            "cluster": r.key,
            "footnote_id": footnotes[r.footnote].id if r.footnote is not None else None,
        },
    )

    clustering = cluster_sentences(
        [(s.key, s.text) for s in sentences], _index_of_earlier_documents(document.id)
    )
    for sentence in sentences:
        sentence.cluster = clustering.clusters[sentence.key]
    witness = db.session.get(Document, clustering.witness_of) if clustering.witness_of else None
    document.witness_of_id = witness.id if witness else None
    db.session.flush()

    keys = {s.key for s in sentences}
    return IngestReport(
        meta.slug,
        status,
        sentences=len(sentences),
        added=len(keys - before),
        retired=len(before - keys),
        merged=clustering.merged,
        witness_of=witness.slug if witness else None,
    )


def _upsert(model, document: Document, records: list, values) -> list:
    """Match records to stored rows by key, update or add them, retire the rest."""
    stored = {
        row.key: row
        for row in db.session.scalars(select(model).where(model.document_id == document.id))
    }
    rows = []
    for record in records:
        row = stored.pop(record.key, None)
        if row is None:
            row = model(document_id=document.id, key=record.key)
            db.session.add(row)
        for name, value in values(record).items():
            setattr(row, name, value)
        row.retired = False
        rows.append(row)
    for row in stored.values():
        row.retired = True
    db.session.flush()
    return rows


def _index_of_earlier_documents(document_id: int) -> SentenceIndex:
    """Sentences of documents ingested before this one.

    A copy points at its original, never the other way round, however often the
    original is re-ingested; clusters are named after their first-ingested sentence.
    """
    rows = db.session.execute(
        select(Sentence.key, Sentence.cluster, Sentence.document_id, Sentence.text)
        .where(Sentence.document_id < document_id, ~Sentence.retired)
        .order_by(Sentence.document_id, Sentence.ordinal)
    )
    return SentenceIndex([KnownSentence(*row) for row in rows])


def _update_metadata(document: Document, meta: DocumentMeta) -> None:
    for name in ("title", "author", "year", "publication"):
        value = getattr(meta, name)
        if value is not None:
            setattr(document, name, value)


def _active_sentences(document: Document) -> int:
    return (
        db.session.scalar(
            select(func.count())
            .select_from(Sentence)
            .where(Sentence.document_id == document.id, ~Sentence.retired)
        )
        or 0
    )


@dataclass
class CorpusStats:
    documents: int
    sections: int
    passages: int
    sentences: int
    footnotes: int
    witnesses: int
    retired_sentences: int
    clusters_merged: int


def corpus_stats() -> CorpusStats:
    """Count what the corpus holds (retired rows are counted apart)."""

    def count(model, *where) -> int:
        return db.session.scalar(select(func.count()).select_from(model).where(*where)) or 0

    merged = (
        db.session.scalar(
            select(func.count()).select_from(
                select(Sentence.cluster)
                .where(~Sentence.retired)
                .group_by(Sentence.cluster)
                .having(func.count() > 1)
                .subquery()
            )
        )
        or 0
    )
    return CorpusStats(
        documents=count(Document),
        sections=count(Section, ~Section.retired),
        passages=count(Passage, ~Passage.retired),
        sentences=count(Sentence, ~Sentence.retired),
        footnotes=count(Footnote, ~Footnote.retired),
        witnesses=count(Document, Document.witness_of_id.is_not(None)),
        retired_sentences=count(Sentence, Sentence.retired),
        clusters_merged=merged,
    )
