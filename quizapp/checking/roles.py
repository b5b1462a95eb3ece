"""Is the answer the sentence's answer to this question, or does another value fill that role?

"Of the 139 members elected, 110 were shot": 139 is in the sentence, but the question
"how many were shot" asks about 110. Each candidate of the answer's kind gets the part of
the sentence it belongs to (the subtree of the word it attaches to); the question's
content words are counted in each part. A competitor whose part covers more of the
question than the answer's part does is the sentence's answer.
"""

from __future__ import annotations

from quizapp.checking.normalize import content_words, stem_of
from quizapp.tagging.types import Token, tokens_of

# Kinds of value where one sentence often holds several of the kind in different roles.
FAMILIES = {
    "CARDINAL": "number",
    "PERCENT": "number",
    "QUANTITY": "number",
    "MONEY": "number",
    "DATE": "date",
    "PERSON": "person",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
MIN_OVERLAP = 0.8  # the entity must be (nearly) the answer, not a word inside it
ATTACHING = {"NOUN", "PROPN", "VERB", "AUX", "ADJ"}


def role_problems(
    question: str, sentence, span: tuple[int, int], model: str | None = None
) -> list[str]:
    """Reasons the answer at `span` does not fill the role the question asks about."""
    tokens = tokens_of(sentence.analysis)
    entities = sentence.analysis.get("entities", [])
    answer = _entity_at(entities, span)
    if not tokens or answer is None:
        return []
    family = FAMILIES.get(answer[2])
    rivals = [
        e
        for e in entities
        if FAMILIES.get(e[2]) == family
        and e is not answer
        and sentence.text[e[0] : e[1]] != sentence.text[answer[0] : answer[1]]
    ]
    if not family or not rivals:
        return []
    wanted = {stem_of(w) for w in content_words(question)}
    spans = [answer, *rivals]
    scores = [_coverage(tokens, e, spans, wanted) for e in spans]
    best = max(range(len(spans)), key=lambda i: scores[i])
    if scores[best] > scores[0]:
        rival = sentence.text[spans[best][0] : spans[best][1]]
        return [
            f'the sentence gives "{rival}" for what the question asks, not '
            f'"{sentence.text[answer[0] : answer[1]]}"'
        ]
    return []


def _entity_at(entities: list, span: tuple[int, int]) -> list | None:
    length = max(span[1] - span[0], 1)
    for entity in entities:
        overlap = min(entity[1], span[1]) - max(entity[0], span[0])
        longest = max(entity[1] - entity[0], length)
        if overlap > 0 and overlap / longest >= MIN_OVERLAP:
            return entity
    return None


def _coverage(tokens: list[Token], entity: list, spans: list, wanted: set[str]) -> int:
    inside = [t for t in tokens if entity[0] <= t.start < entity[1]]
    if not inside:
        return 0
    head = _attachment(tokens, inside)
    part = _subtree(tokens, head)
    found = set()
    for token in part:
        if any(s[0] <= token.start < s[1] for s in spans):
            continue  # a candidate's own words say nothing about its role
        for form in (token.text.lower(), token.lemma.lower()):
            if stem_of(form) in wanted:
                found.add(stem_of(form))
    return len(found)


def _attachment(tokens: list[Token], inside: list[Token]) -> int:
    """The first word outside the entity, up its head chain, that is a noun, verb or adjective."""
    members = {t.i for t in inside}
    current = inside[-1].i
    for _ in range(len(tokens)):
        head = tokens[current].head
        if head < 0 or head == current:
            return current
        if head not in members and tokens[head].pos in ATTACHING:
            return head
        current = head
    return current


def _subtree(tokens: list[Token], root: int) -> list[Token]:
    children: dict[int, list[int]] = {}
    for token in tokens:
        if token.head >= 0 and token.head != token.i:
            children.setdefault(token.head, []).append(token.i)
    stack, seen = [root], set()
    while stack:
        index = stack.pop()
        if index in seen:
            continue
        seen.add(index)
        stack.extend(children.get(index, []))
    return [tokens[i] for i in sorted(seen)]
