"""Load stored sentences as tagging's input rows, in reading order."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Document, Passage, Section, Sentence
from quizapp.tagging.tagger import SentenceRow


def sentence_rows(documents: list[Document]) -> list[SentenceRow]:
    """Every current sentence of `documents`, document by document, in reading order."""
    return [row for rows in rows_by_document(documents) for row in rows]


def rows_by_document(documents: list[Document]) -> Iterator[list[SentenceRow]]:
    """Each document's current sentences in reading order, one document at a time (a
    long corpus is never loaded whole). The sentences of a passage share its text."""
    for document in documents:
        result = db.session.execute(
            select(
                Sentence.key,
                Sentence.text,
                Sentence.text_hash,
                Sentence.ordinal,
                Sentence.cluster,
                Sentence.footnote_id,
                Sentence.analysis,
                Passage.key,
                Passage.kind,
                Passage.start,
                Passage.end,
                Section.title,
            )
            .join(Passage, Sentence.passage_id == Passage.id)
            .join(Section, Passage.section_id == Section.id)
            .where(Sentence.document_id == document.id, ~Sentence.retired)
            .order_by(Sentence.ordinal)
        )
        passages: dict[str, str] = {}
        rows = []
        for key, text, text_hash, ordinal, cluster, footnote, analysis, *passage in result:
            passage_key, kind, start, end, section = passage
            if passage_key not in passages:
                passages[passage_key] = document.text[start:end]
            rows.append(
                SentenceRow(
                    key=key,
                    text=text,
                    text_hash=text_hash,
                    document=document.slug,
                    document_title=document.title,
                    author=document.author,
                    year=document.year,
                    section=section,
                    passage_key=passage_key,
                    passage_text=passages[passage_key],
                    kind="footnote" if footnote is not None else kind,
                    ordinal=ordinal,
                    cluster=cluster,
                    analysis=analysis or {},
                )
            )
        yield rows
