"""`quizapp check --claims`: judge question-answer claims against the corpus.

Each claim names a sentence; it is found among the stored sentences (exactly after
normalisation, or by near match), the answer is looked for in it, and the claim goes
through the same checker as the bank's items.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process
from sqlalchemy import select

from quizapp.checking.citations import CitedSpan, ItemFacts, Verdict, check
from quizapp.checking.normalize import normalize_text
from quizapp.checking.roles import role_problems
from quizapp.checking.spans import find_answer_span
from quizapp.extensions import db
from quizapp.models import Sentence
from quizapp.services.sentences import sentence_states

SENTENCE_SIMILARITY = 90.0


def check_claims(claims: list[dict], model: str) -> dict:
    """Judge every claim; return the JSON-ready summary."""
    rows = db.session.execute(
        select(Sentence.key, Sentence.text).where(~Sentence.retired).order_by(Sentence.id)
    ).all()
    keys = [key for key, _ in rows]
    forms = [normalize_text(text) for _, text in rows]
    exact = {form: key for form, key in zip(forms, keys, strict=True)}
    results = []
    for claim in claims:
        key = _locate(normalize_text(claim["sentence"]), exact, forms, keys)
        verdict = _judge(claim, key, model)
        results.append({"id": claim["id"], "verdict": verdict.verdict, "reasons": verdict.reasons})
    supported = sum(1 for r in results if r["verdict"] == "supported")
    return {
        "total": len(results),
        "supported": supported,
        "unsupported": len(results) - supported,
        "results": results,
    }


def _locate(form: str, exact: dict, forms: list[str], keys: list[str]) -> str | None:
    if form in exact:
        return exact[form]
    match = process.extractOne(form, forms, scorer=fuzz.ratio, score_cutoff=SENTENCE_SIMILARITY)
    return keys[match[2]] if match else None


def _judge(claim: dict, key: str | None, model: str) -> Verdict:
    if key is None:
        return Verdict("unsupported", ["the claim's sentence is not in the corpus"])
    states = sentence_states([key])
    sentence = states[key]
    question, answer = claim.get("question", ""), str(claim.get("answer", ""))
    aliases = [str(a) for a in claim.get("aliases", [])]
    if question.lower().startswith("true or false") or answer.lower() in ("true", "false"):
        facts = ItemFacts(
            "true_false",
            question,
            answer.capitalize(),
            [CitedSpan(key, sentence.text_hash, 0, 0)],
            payload={"statement": question},
        )
        return check(facts, states)
    span = find_answer_span(sentence.text, [answer, *aliases])
    if span is None:
        return Verdict("unsupported", [f'the sentence does not contain "{answer}" or an alias'])
    facts = ItemFacts(
        "short_answer",
        question,
        answer,
        [CitedSpan(key, sentence.text_hash, *span)],
        alternatives=aliases,
    )
    verdict = check(facts, states)
    if verdict.supported:
        problems = role_problems(question, sentence, span, model)
        if problems:
            return Verdict("unsupported", problems)
    return verdict
