"""Term-like spans no name list holds: short quoted phrases and defining noun phrases.

- A quoted phrase ("Stalin means "made of steel"") is a short span in double quotes
  inside a sentence that is not itself a quotation: one to six words, not a sentence of
  its own, with a content word. Its mention has source "quote".
- A defining noun phrase is what a sentence says a thing owes itself or consists in
  ("owes its birth to the belatedness of the world revolution"): the object of "owe
  ... to", "consist of/in", "amount to", "reduce to", ending the sentence, a plain noun
  phrase of at most seven words. Its mention has source "phrase".

Both are of type "term" and give way to every other candidate (lowest priority).
"""

from __future__ import annotations

import re

from quizapp.ingest.analysis import DEP, HEAD, LEMMA, OFFSET, POS, TEXT

QUOTED = re.compile(r"[\"“]([^\"“”]{2,80})[\"”]")
SPEECH = {"say", "write", "declare", "tell", "cry", "shout", "reply", "answer", "exclaim"}
DEFINING = {
    "owe": {"to"},
    "consist": {"of", "in"},
    "amount": {"to"},
    "reduce": {"to"},
}
MAX_QUOTED_WORDS = 6
MAX_PHRASE_WORDS = 7
CONTENT = {"NOUN", "PROPN", "ADJ", "VERB"}


def quoted_phrases(text: str, analysis: dict) -> list[tuple[int, int]]:
    """(start, end) of each short quoted phrase in the sentence, its punctuation trimmed."""
    tokens = analysis.get("tokens", [])
    found = []
    for match in QUOTED.finditer(text):
        start, end = match.span(1)
        inner = match.group(1).rstrip(" ,;:")
        end = start + len(inner)
        words = inner.split()
        if not words or len(words) > MAX_QUOTED_WORDS or len(inner) > 0.5 * len(text):
            continue
        if inner[-1:] in ".!?" or _after_speech(tokens, start):
            continue  # a quoted sentence or someone's words, not a name or a phrase
        inside = [row for row in tokens if start <= row[OFFSET] < end]
        if any(row[POS] in CONTENT for row in inside):
            found.append((start, end))
    return found


def _after_speech(tokens: list, start: int) -> bool:
    """The quote follows a verb of saying ("he said, "..."")."""
    before = [row for row in tokens if row[OFFSET] < start][-3:]
    return any(row[POS] == "VERB" and row[LEMMA].lower() in SPEECH for row in before)


def defining_phrases(text: str, analysis: dict) -> list[tuple[int, int]]:
    """(start, end) of each noun phrase a defining verb points to, ending the sentence."""
    tokens = analysis.get("tokens", [])
    found = []
    for i, row in enumerate(tokens):
        preps = DEFINING.get(row[LEMMA].lower()) if row[POS] == "VERB" else None
        if not preps:
            continue
        for j, prep in enumerate(tokens):
            if prep[HEAD] != i or prep[DEP] != "prep" or prep[TEXT].lower() not in preps:
                continue
            span = _object_phrase(tokens, j)
            if span is not None and not text[span[1] :].strip(' .!"”’)'):
                found.append(span)
    return found


def _object_phrase(tokens: list, prep: int) -> tuple[int, int] | None:
    """The span of the preposition's object and everything under it, if a plain noun phrase."""
    objects = [k for k, row in enumerate(tokens) if row[HEAD] == prep and row[DEP] == "pobj"]
    if len(objects) != 1 or tokens[objects[0]][POS] != "NOUN":
        return None
    members = _subtree(tokens, objects[0])
    rows = [tokens[k] for k in members]
    if len(rows) > MAX_PHRASE_WORDS or members != list(range(members[0], members[-1] + 1)):
        return None
    if any(r[POS] in ("VERB", "AUX", "PRON", "PUNCT", "CCONJ", "NUM") for r in rows):
        return None
    first, last = rows[0], rows[-1]
    return first[OFFSET], last[OFFSET] + len(last[TEXT])


def _subtree(tokens: list, root: int) -> list[int]:
    members = {root}
    changed = True
    while changed:
        changed = False
        for k, row in enumerate(tokens):
            if k not in members and row[HEAD] in members and row[HEAD] != k:
                members.add(k)
                changed = True
    return sorted(members)
