"""Find sentences that another document already holds, and documents that are copies.

Two extractions of one article differ in quotes, spacing and a few spellings, so
sentences are compared in matching form with rapidfuzz. Candidates are found through
their rarest long words first, so a new document is not compared with every sentence.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from quizapp.checking.normalize import match_key

SIMILARITY = 90.0  # rapidfuzz ratio (0-100) above which two sentences are one
WITNESS_SHARE = 0.5  # share of a document's sentences found in another to call it a copy
MIN_FUZZY_LENGTH = 20
BLOCKING_WORDS = 3


@dataclass(frozen=True)
class KnownSentence:
    key: str
    cluster: str
    document_id: int
    text: str


class SentenceIndex:
    """Sentences already stored, in ingest order, searchable by exact and by near match."""

    def __init__(self, known: list[KnownSentence]) -> None:
        self.known = known
        self.forms = [match_key(s.text) for s in known]
        self.exact: dict[str, int] = {}
        self.by_word: dict[str, list[int]] = defaultdict(list)
        self.frequency: Counter[str] = Counter()
        for index, form in enumerate(self.forms):
            self.exact.setdefault(form, index)
            for word in set(form.split()):
                if len(word) >= 5:
                    self.by_word[word].append(index)
                    self.frequency[word] += 1

    def best_match(self, text: str) -> KnownSentence | None:
        form = match_key(text)
        if form in self.exact:
            return self.known[self.exact[form]]
        if len(form) < MIN_FUZZY_LENGTH:
            return None
        words = sorted(
            {w for w in form.split() if len(w) >= 5 and w in self.frequency},
            key=lambda w: self.frequency[w],
        )[:BLOCKING_WORDS]
        candidates = {i for w in words for i in self.by_word[w]}
        # Known sentences are in ingest order; on a tie the first-ingested one wins.
        best, best_score = None, 0.0
        for index in sorted(candidates):
            score = fuzz.ratio(form, self.forms[index], score_cutoff=SIMILARITY)
            if score > best_score:
                best, best_score = index, score
        return self.known[best] if best is not None else None


@dataclass
class Clustering:
    clusters: dict[str, str]  # new sentence key -> cluster key
    merged: int  # how many new sentences joined an existing cluster
    witness_of: int | None  # the document this one is a copy of


def cluster_sentences(new: list[tuple[str, str]], index: SentenceIndex) -> Clustering:
    """Assign each new (key, text) a cluster, and tell whether the document is a copy."""
    clusters: dict[str, str] = {}
    per_document: Counter[int] = Counter()
    for key, text in new:
        match = index.best_match(text)
        if match is None:
            clusters[key] = key
            continue
        clusters[key] = match.cluster
        per_document[match.document_id] += 1
    merged = sum(per_document.values())
    witness_of = None
    if per_document and new:
        document_id, count = per_document.most_common(1)[0]
        if count / len(new) >= WITNESS_SHARE:
            witness_of = document_id
    return Clustering(clusters, merged, witness_of)
