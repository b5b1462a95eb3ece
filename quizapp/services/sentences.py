"""Load cited sentences in the form the citation checker reads."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from quizapp.checking.citations import SentenceState
from quizapp.extensions import db
from quizapp.models import Document, Passage, Sentence


def sentence_states(keys: Iterable[str]) -> dict[str, SentenceState]:
    """The current state of each sentence named in `keys` (missing keys are left out)."""
    wanted = sorted(set(keys))
    states: dict[str, SentenceState] = {}
    for chunk_start in range(0, len(wanted), 500):
        chunk = wanted[chunk_start : chunk_start + 500]
        rows = db.session.execute(
            select(Sentence, Passage.start, Passage.end, Document)
            .join(Passage, Sentence.passage_id == Passage.id)
            .join(Document, Sentence.document_id == Document.id)
            .where(Sentence.key.in_(chunk))
        ).all()
        for sentence, start, end, document in rows:
            source = f"{document.title} {document.author or ''}"
            states[sentence.key] = state_of(sentence, document.text[start:end], source)
    return states


def state_of(sentence: Sentence, context: str, source: str = "") -> SentenceState:
    analysis = sentence.analysis or {}
    lemmas = frozenset(row[3].lower() for row in analysis.get("tokens", []))
    return SentenceState(
        sentence.key,
        sentence.text,
        sentence.text_hash,
        sentence.retired,
        context,
        lemmas,
        source,
        analysis,
    )
