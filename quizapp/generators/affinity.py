"""How alike two names are by the company they keep in the corpus, so that a distractor
is one a student could mistake for the answer: Yagoda and Menzhinsky for Yezhov (named
among the secret police's chiefs), not Hitler.

Each candidate's profile is the words and names around its mentions, weighted by how
rare they are in the corpus (tf-idf); `affinity` is the cosine of two profiles. Built
once per generation context (values.derived).
"""

from __future__ import annotations

import math
from collections import Counter

from quizapp.generators.base import Context
from quizapp.generators.candidate_pool import Candidate, pool
from quizapp.generators.values import derived
from quizapp.tagging.types import TaggedSentence

CONTENT = {"NOUN", "PROPN", "VERB", "ADJ"}
WEAK = {"be", "have", "do", "say", "make", "take", "go", "come", "give", "other", "such"}


def affinity(context: Context, type_: str, answer_key: str, candidate: Candidate) -> float:
    """The cosine of the answer's and the candidate's profiles (0 when either has none)."""
    cache = derived(context, f"affinities:{type_}", lambda _: {})
    pair = (answer_key, candidate.key)
    if pair not in cache:
        profiles = _profiles(context, type_)
        own, other = profiles.get(answer_key), profiles.get(candidate.key)
        if not own or not other:
            cache[pair] = 0.0
        else:
            small, large = (own, other) if len(own) < len(other) else (other, own)
            dot = sum(weight * large.get(word, 0.0) for word, weight in small.items())
            cache[pair] = dot / (_norm(own) * _norm(other))
    return cache[pair]


def _norm(profile: dict[str, float]) -> float:
    return math.sqrt(sum(w * w for w in profile.values())) or 1.0


def _profiles(context: Context, type_: str) -> dict[str, dict[str, float]]:
    return derived(context, f"affinity:{type_}", lambda c: _build(c, type_))


def _build(context: Context, type_: str) -> dict[str, dict[str, float]]:
    counts: dict[str, Counter] = {}
    for cand in pool(context, type_):
        profile = counts.setdefault(cand.key, Counter())
        for sentence, (start, end) in zip(cand.sentences, cand.spans, strict=True):
            profile.update(_features(sentence, start, end))
    documents = Counter(word for profile in counts.values() for word in profile)
    total = len(counts) or 1
    return {
        key: {
            word: (1 + math.log(n)) * math.log(1 + total / documents[word])
            for word, n in profile.items()
        }
        for key, profile in counts.items()
    }


def _features(sentence: TaggedSentence, start: int, end: int) -> set[str]:
    """The content lemmas and the other names in a sentence, outside the mention itself;
    a sentence counts once however often it names the candidate."""
    words = {
        t.lemma.lower()
        for t in sentence.tokens
        if t.pos in CONTENT
        and not (start <= t.start < end)
        and len(t.text) > 2
        and t.lemma.lower() not in WEAK
    }
    names = {
        f"@{m.entity or m.text.lower()}"
        for m in sentence.mentions
        if not (m.start <= start < m.end) and m.type != "number"
    }
    return words | names
