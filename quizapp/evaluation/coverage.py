"""`quizapp eval coverage`: how many gold facts does the bank teach?

A gold fact is covered when an item that is not rejected cites a sentence matching the
gold sentence (equal after normalisation, or similar at 0.9 or more) and keys the gold
answer: its answer or an accepted form equals the gold answer or an alias after
normalisation, or one contains the other as whole words ("Dzerzhinsky" in "Felix
Dzerzhinsky").
"""

from __future__ import annotations

from collections import Counter, defaultdict

from rapidfuzz import fuzz
from sqlalchemy import select

from quizapp.checking.normalize import normalize_answer, normalize_text
from quizapp.extensions import db
from quizapp.models import Sentence
from quizapp.services.verdicts import current_versions

SIMILARITY = 90.0


def evaluate_coverage(gold: list[dict]) -> dict:
    """Judge each gold fact against the bank; return the JSON-ready summary."""
    texts = dict(db.session.execute(select(Sentence.key, Sentence.text)).all())
    answers_by_key: dict[str, list[list[str]]] = defaultdict(list)
    for version in current_versions():
        if version.item.status == "rejected":
            continue
        forms = [version.answer, *(version.alternatives or [])]
        for citation in version.citations:
            answers_by_key[citation.sentence_key].append(forms)
    cited = {key: normalize_text(texts[key]) for key in answers_by_key if key in texts}
    covered, misses, by_type = 0, [], defaultdict(Counter)
    for record in gold:
        kind = record.get("answer_type", "other")
        hit = _covered(record, cited, answers_by_key)
        by_type[kind]["total"] += 1
        if hit:
            covered += 1
            by_type[kind]["covered"] += 1
        else:
            misses.append(record["id"])
    total = len(gold)
    return {
        "total": total,
        "covered": covered,
        "recall": covered / total if total else 0.0,
        "by_answer_type": {k: dict(v) for k, v in sorted(by_type.items())},
        "misses": misses,
    }


def _covered(record: dict, cited: dict[str, str], answers: dict[str, list[list[str]]]) -> bool:
    target = normalize_text(record["sentence"])
    gold = [normalize_answer(a) for a in [record.get("answer", ""), *record.get("aliases", [])]]
    gold = [g for g in gold if g]
    for key, text in cited.items():
        if text != target and fuzz.ratio(text, target) < SIMILARITY:
            continue
        for forms in answers[key]:
            if any(_same_answer(normalize_answer(f), g) for f in forms for g in gold):
                return True
    return False


def _same_answer(given: str, gold: str) -> bool:
    if not given:
        return False
    if given == gold:
        return True
    a, b = f" {given} ", f" {gold} "
    return a in b or b in a
