"""The corpus's values of each type as distractor candidates, and what each sentence
states: a candidate's mentions, its names squeezed for comparison, and whether it stands
with the stem's other entities under the same verb elsewhere (`also_true`: it might be
another true answer). Built once per generation context (values.derived).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from quizapp.generators.base import Context
from quizapp.generators.ranking import Span, clean_span
from quizapp.generators.values import (
    common_words,
    derived,
)
from quizapp.tagging.types import TaggedSentence, Token

NAMED = ("person", "organization", "place", "event", "term")


@dataclass
class Candidate:
    text: str
    key: str  # entity key, or type:value
    count: int = 0
    documents: set = field(default_factory=set)
    sentences: list = field(default_factory=list)
    proper: bool = True  # every capitalised word a singular proper noun where mentioned
    sources: set = field(default_factory=set)  # the mention sources (glossary, quote, ...)
    spans: list = field(default_factory=list)  # (start, end) in each of `sentences`
    shown: Counter | None = None  # the kinds the words around its mentions show


def pool(context: Context, type_: str) -> list[Candidate]:
    """The corpus's distinct values of a type, each with where it is mentioned."""
    return derived(context, f"pool:{type_}", lambda c: _build_pool(c, type_))


def _build_pool(context: Context, type_: str) -> list[Candidate]:
    found: dict[tuple[str, str], Candidate] = {}
    for sentence, mention in context.mentions_by_type.get(type_, []):
        start, end = clean_span(sentence, mention)
        text = sentence.text[start:end]
        key = mention.entity or f"{type_}:{mention.value or text.lower()}"
        item = found.setdefault((key, text), Candidate(text, key))
        item.count += 1
        item.sources.add(mention.source)
        item.documents.add(sentence.document)
        item.sentences.append(sentence)
        item.spans.append((start, end))
        inside = [t for t in sentence.tokens if start <= t.start < end and t.text[:1].isupper()]
        item.proper &= all(t.pos == "PROPN" and t.tag != "NNPS" for t in inside)
    return sorted(found.values(), key=lambda c: (c.key, c.text))


@lru_cache(maxsize=65536)
def long_words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in re.findall(r"\w+", text) if len(w) > 3)


@lru_cache(maxsize=65536)
def squeeze(text: str) -> str:
    """A name without case, dots, spaces or a leading "the" ("U.S.S.R." is "ussr")."""
    return re.sub(r"[^a-z0-9]", "", re.sub(r"^the\s+", "", text.lower()))


def answer_forms(span: Span, context: Context) -> set[str]:
    """The answer and every name its entity goes by, squeezed."""
    forms = {span.text}
    entity = context.entities.get(span.mention.entity or "")
    if entity:
        forms |= {entity.canonical, *entity.aliases}
    return {squeeze(f) for f in forms}


def _verbs(sentence: TaggedSentence) -> frozenset[str]:
    return frozenset(t.lemma.lower() for t in sentence.tokens if t.pos == "VERB") - {"be", "have"}


def _keys(sentence: TaggedSentence) -> frozenset[str]:
    return frozenset(m.entity or f"{m.type}:{m.value or m.text.lower()}" for m in sentence.mentions)


def _facts(sentence: TaggedSentence, context: Context) -> tuple[frozenset, frozenset]:
    """The sentence's entity keys and verbs, computed once per sentence and context."""
    cache = derived(context, "facts", lambda _: {})
    ident = (sentence.key, sentence.text, len(sentence.mentions))
    if ident not in cache:
        cache[ident] = (_keys(sentence), _verbs(sentence))
    return cache[ident]


def also_true(candidate: Candidate, sentence: TaggedSentence, span: Span, ctx: Context) -> bool:
    """The candidate stands with the stem's other entities under the same verb elsewhere,
    or is listed elsewhere with a name the stem lists with the answer ("against ___ and
    Uglanov": Rykov, listed with Uglanov elsewhere, may well be meant too)."""
    m = span.mention
    partners = coordinated(sentence, span.start, span.end)
    if partners and any(
        partners & coordinated(other, start, end)
        for other, (start, end) in zip(candidate.sentences, candidate.spans, strict=True)
    ):
        return True
    keys, verbs = _facts(sentence, ctx)
    others = keys - {m.entity or f"{m.type}:{m.value or m.text.lower()}"}
    elsewhere = ctx.sentences_by_entity.get(candidate.key) or candidate.sentences
    for other in elsewhere:
        if other.key == sentence.key or other.text == sentence.text:
            return True
        other_keys, other_verbs = _facts(other, ctx)
        if others & other_keys and verbs & other_verbs:
            return True
    return False


def coordinated(sentence: TaggedSentence, start: int, end: int) -> frozenset[str]:
    """The keys of the names listed with the one at start:end ("Bukharin, Rykov and
    Tomsky"): mentions whose head word is in the same chain of conjuncts."""
    tokens = sentence.tokens
    head = head_token(sentence, start, end)
    if head is None:
        return frozenset()
    root = head
    while root.dep == "conj" and 0 <= root.head < len(tokens):
        root = tokens[root.head]
    chain, todo = {root.i}, [root.i]
    while todo:
        i = todo.pop()
        for t in tokens:
            if t.head == i and t.dep == "conj" and t.i not in chain:
                chain.add(t.i)
                todo.append(t.i)
    if len(chain) < 2:
        return frozenset()
    keys = set()
    for mention in sentence.mentions:
        other = head_token(sentence, mention.start, mention.end)
        if other is not None and other.i in chain and other.i != head.i:
            keys.add(mention.entity or f"{mention.type}:{mention.text.lower()}")
    return frozenset(keys)


def head_token(sentence: TaggedSentence, start: int, end: int) -> Token | None:
    """The token of start:end whose head lies outside it."""
    tokens = sentence.tokens

    def outside(t: Token) -> bool:
        return not (0 <= t.head < len(tokens) and start <= tokens[t.head].start < end)

    return next((t for t in tokens if start <= t.start < end and outside(t)), None)


def is_common_word(word: str, context: Context) -> bool:
    """The corpus writes the word, its singular or its plural in lower case."""
    low, words = word.lower(), common_words(context)
    return low in words or low + "s" in words or (low.endswith("s") and low[:-1] in words)


def first_names(context: Context) -> set[str]:
    """The first words of people's full names in the corpus ("Leon", "Margarete")."""
    return derived(context, "first names", _first_words)


def _first_words(context: Context) -> set[str]:
    return {c.text.split()[0] for c in pool(context, "person") if len(c.text.split()) > 1}


def types_of(context: Context) -> dict[str, set[str]]:
    """Every named text, lowered, with the types it is tagged as somewhere (once per context)."""
    return derived(context, "types", _find_types)


def _find_types(context: Context) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for type_ in NAMED:
        for cand in pool(context, type_):
            found.setdefault(cand.text.lower(), set()).add(type_)
    return found
