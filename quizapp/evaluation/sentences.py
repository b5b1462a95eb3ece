"""`quizapp eval sentences`: is each gold sentence exactly one stored sentence?"""

from __future__ import annotations

from rapidfuzz import fuzz, process
from sqlalchemy import select

from quizapp.checking.normalize import normalize_text
from quizapp.extensions import db
from quizapp.models import Sentence

__all__ = ["evaluate_sentences", "verdict_for"]

SPLIT_COVERAGE = 0.8


def evaluate_sentences(gold: list[dict]) -> dict:
    """Judge every gold sentence against the stored (unretired) sentences."""
    rows = (
        db.session.execute(select(Sentence.text).where(~Sentence.retired).order_by(Sentence.id))
        .scalars()
        .all()
    )
    stored = [normalize_text(text) for text in rows]
    exact = set(stored)
    problems = []
    for record in gold:
        verdict, evidence = verdict_for(normalize_text(record["sentence"]), stored, exact)
        if verdict != "exact":
            problems.append({"id": record["id"], "verdict": verdict, "stored": evidence})
    total = len(gold)
    hits = total - len(problems)
    return {
        "total": total,
        "exact": hits,
        "ratio": hits / total if total else 0.0,
        "problems": problems,
    }


def verdict_for(target: str, stored: list[str], exact: set[str]) -> tuple[str, list[str]]:
    """Return exact, merged, split or missing, with the stored sentences that show why."""
    if target in exact:
        return "exact", [target]
    longer = [s for s in stored if target in s]
    if longer:
        return "merged", longer[:3]
    parts = [s for s in stored if len(s) >= 8 and s in target]
    if len(parts) >= 2 and sum(len(p) for p in parts) >= SPLIT_COVERAGE * len(target):
        return "split", parts
    nearest = process.extract(target, stored, scorer=fuzz.ratio, limit=2)
    return "missing", [text for text, _score, _index in nearest]
