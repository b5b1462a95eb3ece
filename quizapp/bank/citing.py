"""Show a cited sentence inside its passage, with the cited answer span marked.

Shared by the bank's pages: `load_contexts` fetches the sentences a page cites in one
query (each with its passage's or footnote's text, cut out in SQL so a document's whole
text is never loaded), and `cited_passage` splits the context into the pieces a template
prints: text before, the sentence with the answer span in <mark>, text after. The
partial `bank/_cited.html` renders a CitedPassage.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import CitationRecord, Document, Footnote, Passage, Sentence

CONTEXT_CHARS = 400  # at most this much passage text is shown on each side of the sentence


@dataclass(frozen=True)
class SentenceContext:
    """A cited sentence and the passage (or footnote) text around it."""

    key: str
    text: str
    text_hash: str
    retired: bool
    slug: str
    context: str  # the passage's (or the footnote's) text
    offset: int  # where the sentence starts in `context`


@dataclass(frozen=True)
class CitedPassage:
    """The pieces of one citation as shown: before, [lead, answer, tail], after."""

    slug: str
    key: str
    role: str
    before: str
    lead: str
    answer: str
    tail: str
    after: str
    retired: bool = False
    changed: bool = False  # the sentence's text is no longer the text the item cited
    missing: bool = False  # no sentence has the cited key


def load_contexts(keys: Iterable[str]) -> dict[str, SentenceContext]:
    """The cited sentences named by `keys`, with their contexts, in one query."""
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    start = func.coalesce(Footnote.start, Passage.start)
    end = func.coalesce(Footnote.end, Passage.end)
    rows = db.session.execute(
        select(
            Sentence.key,
            Sentence.text,
            Sentence.text_hash,
            Sentence.retired,
            Sentence.start,
            Document.slug,
            start,
            func.substr(Document.text, start + 1, end - start),
        )
        .join(Passage, Passage.id == Sentence.passage_id)
        .outerjoin(Footnote, Footnote.id == Sentence.footnote_id)
        .join(Document, Document.id == Sentence.document_id)
        .where(Sentence.key.in_(wanted))
    ).all()
    return {
        key: SentenceContext(key, text, text_hash, retired, slug, context or "", s_start - c_start)
        for key, text, text_hash, retired, s_start, slug, c_start, context in rows
    }


def cited_passage(citation: CitationRecord, contexts: dict[str, SentenceContext]) -> CitedPassage:
    """Split `citation`'s sentence and its context into the pieces to show."""
    found = contexts.get(citation.sentence_key)
    if found is None:
        return CitedPassage("", citation.sentence_key, citation.role, *[""] * 5, missing=True)
    text = found.text
    start, end = _clamp(citation.start, citation.end, len(text))
    context = found.context
    offset = found.offset
    if context[offset : offset + len(text)] != text:  # the spans no longer agree: no context
        context, offset = text, 0
    before = context[:offset]
    after = context[offset + len(text) :]
    if len(before) > CONTEXT_CHARS:
        before = "…" + before[-CONTEXT_CHARS:].split(" ", 1)[-1]
    if len(after) > CONTEXT_CHARS:
        after = after[:CONTEXT_CHARS].rsplit(" ", 1)[0] + "…"
    return CitedPassage(
        found.slug,
        found.key,
        citation.role,
        before,
        text[:start],
        text[start:end],
        text[end:],
        after,
        retired=found.retired,
        changed=found.text_hash != citation.sentence_hash,
    )


def cited_passages(
    citations: Iterable[CitationRecord], contexts: dict[str, SentenceContext]
) -> list[CitedPassage]:
    return [cited_passage(c, contexts) for c in citations]


def _clamp(start: int, end: int, length: int) -> tuple[int, int]:
    start = min(max(0, start), length)
    return start, min(max(start, end), length)
