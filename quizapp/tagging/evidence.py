"""What the texts themselves say about the kind of a name, across the whole corpus.

The statistical model often calls a town a person ("Kiev", "Kazan") or a surname a place.
Every occurrence of a model name votes: the model's own label counts one, and the words
around it count three when they show the kind: "in X", "at X", "near X", "entered X"
(a place, unless "X's"); "X said", "X was arrested", "X, a member of ...", "by X" after
a passive verb (a person). A name's ending is a weak hint (half a vote): "-sk",
"-grad", "-gorod" for towns, "-ov", "-sky", "-enko" for Russian surnames.
`add_votes` gathers the votes a document at a time and `finish_votes` adds the endings;
tagger.py passes them to
linking.document_types.
"""

from __future__ import annotations

import re
from collections import Counter

from quizapp.ingest.analysis import DEP, HEAD, LEMMA, OFFSET, TAG, TEXT

LOCATIVE = {"in", "at", "near", "into", "outside", "towards", "toward", "throughout"}
SPEECH = {
    "say", "write", "declare", "reply", "tell", "answer", "think", "ask", "exclaim",
    "admit", "announce", "insist", "protest", "object", "retort",
}  # fmt: skip
PERSON_END = re.compile(r"[a-z](ov|ev|sky|ski|vich|enko|idze|adze|yan)$")
PLACE_END = re.compile(r"[a-z](sk|grad|gorod|burg|pol)$")
KINDS = ("person", "place", "organization")
MOTION = {"enter", "reach", "occupy", "capture", "besiege", "invade", "evacuate", "storm"}
HUMAN_VERBS = {
    "arrest", "shoot", "execute", "exile", "deport", "expel", "imprison", "sentence",
    "condemn", "kill", "murder", "assassinate", "torture", "poison", "appoint", "elect",
}  # fmt: skip
HUMAN_NOUNS = {
    "member", "leader", "head", "chief", "director", "secretary", "historian", "writer",
    "author", "worker", "co-worker", "commissar", "president", "minister", "ambassador",
    "agent", "officer", "general", "comrade", "wife", "son", "daughter", "brother",
    "friend", "founder", "editor", "theoretician", "victim", "man", "woman", "poet",
    "novelist", "journalist", "revolutionary", "militant", "engineer", "professor",
}  # fmt: skip
EVIDENCE = 3.0
ENDING = 0.5


def occurrence_kind(analysis: dict, start: int, end: int) -> str | None:
    """The kind the words around text[start:end] show, if any."""
    rows = analysis.get("tokens", [])
    inside = [i for i, row in enumerate(rows) if start <= row[OFFSET] < end]
    if not inside:
        return None
    first, last = inside[0], inside[-1]
    before = rows[first - 1] if first > 0 else None
    after = rows[last + 1] if last + 1 < len(rows) else None
    possessive = after is not None and after[TEXT] in ("'s", "’s", "'", "’")
    head = rows[last]
    if before and before[TEXT] in LOCATIVE and head[DEP] == "pobj" and not possessive:
        return "place"
    governor = rows[head[HEAD]] if 0 <= head[HEAD] < len(rows) else None
    dep = head[DEP]
    if governor and dep == "conj" and governor[DEP] in ("nsubj", "nsubjpass", "dobj"):
        dep, governor = governor[DEP], _head(rows, governor)  # "Chkheidze and Sukhanov answered"
    verb = governor[LEMMA].lower() if governor else ""
    if dep == "dobj" and verb in MOTION:
        return "place"
    if (dep == "nsubj" and verb in SPEECH) or (
        dep in ("nsubjpass", "dobj") and verb in HUMAN_VERBS
    ):
        return "person"
    if any(r[DEP] == "appos" and r[HEAD] == last and r[LEMMA].lower() in HUMAN_NOUNS for r in rows):
        return "person"  # "Sokolnikov, a member of the Central Committee"
    if before and before[TEXT] == "by" and before[DEP] == "agent":
        gov = rows[before[HEAD]] if 0 <= before[HEAD] < len(rows) else None
        if gov is not None and gov[TAG] == "VBN":
            return "person"
    return None


def _head(rows: list, row: list) -> list | None:
    return rows[row[HEAD]] if 0 <= row[HEAD] < len(rows) else None


def ending_kind(name: str) -> str | None:
    """The kind a one-word name's ending hints at."""
    if " " in name:
        return None
    if PLACE_END.search(name):
        return "place"
    if PERSON_END.search(name):
        return "person"
    return None


def add_votes(
    votes: dict[str, Counter], analyses: list[dict], model: list[list]
) -> dict[str, Counter]:
    """Count one batch of sentences' votes into `votes`: per cleaned model name (person,
    place or organisation), the votes for each kind."""
    for analysis, cands in zip(analyses, model, strict=True):
        for cand in cands:
            if cand.type not in KINDS or not cand.name:
                continue
            counter = votes.setdefault(cand.name, Counter())
            counter[cand.type] += 1
            shown = occurrence_kind(analysis, cand.start, cand.end)
            if shown:
                counter[shown] += EVIDENCE
    return votes


def finish_votes(votes: dict[str, Counter]) -> dict[str, Counter]:
    """Add each name's ending hint once every batch is counted."""
    for name, counter in votes.items():
        hint = ending_kind(name)
        if hint:
            counter[hint] += ENDING
    return votes
