"""Assemble a document for reading: sections, passages, sentences and footnotes, in order."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import Document, Footnote, Passage, Section, Sentence


@dataclass
class Piece:
    """A run of passage text: a sentence (with its key) or the space between sentences."""

    text: str
    key: str | None = None


@dataclass
class NoteView:
    marker: str
    pieces: list[Piece]


@dataclass
class PassageView:
    id: int
    key: str
    kind: str
    pieces: list[Piece]
    notes: list[NoteView] = field(default_factory=list)


@dataclass
class SectionView:
    key: str
    title: str
    passages: list[PassageView] = field(default_factory=list)


@dataclass
class DocumentSummary:
    document: Document
    sections: int
    passages: int
    sentences: int
    footnotes: int


def document_summaries() -> list[DocumentSummary]:
    """Every document with its counts, in four grouped queries whatever the corpus size."""
    documents = db.session.scalars(select(Document).order_by(Document.title)).all()
    counts = {
        model: dict(
            db.session.execute(
                select(model.document_id, func.count())
                .where(~model.retired)
                .group_by(model.document_id)
            ).all()
        )
        for model in (Section, Passage, Sentence, Footnote)
    }
    return [
        DocumentSummary(
            d,
            counts[Section].get(d.id, 0),
            counts[Passage].get(d.id, 0),
            counts[Sentence].get(d.id, 0),
            counts[Footnote].get(d.id, 0),
        )
        for d in documents
    ]


def read_document(document: Document) -> list[SectionView]:
    """The document's current text laid out for the reader."""

    def rows(model):
        return db.session.scalars(
            select(model)
            .where(model.document_id == document.id, ~model.retired)
            .order_by(model.ordinal)
        ).all()

    sections = rows(Section)
    passages = rows(Passage)
    notes = rows(Footnote)
    sentences = rows(Sentence)
    by_passage: dict[int, list[Sentence]] = {}
    by_note: dict[int, list[Sentence]] = {}
    for sentence in sentences:
        if sentence.footnote_id is not None:
            by_note.setdefault(sentence.footnote_id, []).append(sentence)
        else:
            by_passage.setdefault(sentence.passage_id, []).append(sentence)
    notes_of: dict[int, list[Footnote]] = {}
    for note in notes:
        notes_of.setdefault(note.passage_id, []).append(note)

    text = document.text
    views = {s.id: SectionView(s.key, s.title) for s in sections}
    for passage in passages:
        view = PassageView(
            passage.id,
            passage.key,
            passage.kind,
            _pieces(text, passage.start, passage.end, by_passage.get(passage.id, [])),
        )
        view.notes = [
            NoteView(n.marker, _pieces(text, n.start, n.end, by_note.get(n.id, [])))
            for n in notes_of.get(passage.id, [])
        ]
        views[passage.section_id].passages.append(view)
    return [views[s.id] for s in sections if views[s.id].passages]


def _pieces(text: str, start: int, end: int, sentences: list[Sentence]) -> list[Piece]:
    pieces: list[Piece] = []
    cursor = start
    for sentence in sentences:
        if sentence.start > cursor:
            pieces.append(Piece(text[cursor : sentence.start]))
        pieces.append(Piece(text[sentence.start : sentence.end], sentence.key))
        cursor = sentence.end
    if cursor < end:
        pieces.append(Piece(text[cursor:end]))
    return pieces
