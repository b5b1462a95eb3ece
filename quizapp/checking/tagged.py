"""The checker's view of a sentence as tagging hands it to the generators."""

from __future__ import annotations

from quizapp.checking.citations import SentenceState
from quizapp.tagging.types import TaggedSentence


def state_of_tagged(sentence: TaggedSentence) -> SentenceState:
    """A live (not retired) SentenceState with the sentence's passage and lemmas."""
    lemmas = frozenset(t.lemma.lower() for t in sentence.tokens)
    source = f"{sentence.document_title} {sentence.author or ''}"
    return SentenceState(
        sentence.key,
        sentence.text,
        sentence.text_hash,
        False,
        sentence.passage_text,
        lemmas,
        source,
    )
