"""Load stored sentences as tagging's input rows, in reading order."""

from __future__ import annotations

from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Document, Passage, Section, Sentence
from quizapp.tagging.tagger import SentenceRow


def sentence_rows(documents: list[Document]) -> list[SentenceRow]:
    """Every current sentence of `documents`, document by document, in reading order."""
    rows: list[SentenceRow] = []
    for document in documents:
        result = db.session.execute(
            select(Sentence, Passage.key, Passage.kind, Passage.start, Passage.end, Section.title)
            .join(Passage, Sentence.passage_id == Passage.id)
            .join(Section, Passage.section_id == Section.id)
            .where(Sentence.document_id == document.id, ~Sentence.retired)
            .order_by(Sentence.ordinal)
        )
        for sentence, passage_key, kind, start, end, section in result:
            rows.append(
                SentenceRow(
                    key=sentence.key,
                    text=sentence.text,
                    text_hash=sentence.text_hash,
                    document=document.slug,
                    document_title=document.title,
                    author=document.author,
                    year=document.year,
                    section=section,
                    passage_key=passage_key,
                    passage_text=document.text[start:end],
                    kind="footnote" if sentence.footnote_id is not None else kind,
                    ordinal=sentence.ordinal,
                    cluster=sentence.cluster,
                    analysis=sentence.analysis or {},
                )
            )
    return rows
