"""`quizapp check --claims` on the development gold set and its traps."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "eval"


def run_claims(app, name: str) -> dict:
    result = app.test_cli_runner().invoke(args=["check", "--claims", str(DATA / name), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_every_gold_claim_is_supported(corpus_app):
    report = run_claims(corpus_app, "dev_gold.jsonl")
    problems = [r for r in report["results"] if r["verdict"] != "supported"]
    assert problems == []
    assert report["supported"] == report["total"] == 30


def test_every_trap_is_unsupported_with_a_reason(corpus_app):
    report = run_claims(corpus_app, "dev_traps.jsonl")
    assert report["supported"] == 0 and report["unsupported"] == report["total"] == 8
    reasons = {r["id"]: r["reasons"][0] for r in report["results"]}
    assert "110" in reasons["t005"]  # a number in the wrong role
    assert "40%" in reasons["t024"]
    assert "second" in reasons["t025"]  # a dropped qualifier
    assert "Mark Zborowski" in reasons["t008"]  # a swapped person


def test_a_claim_whose_sentence_is_not_in_the_corpus_is_unsupported(corpus_app, tmp_path):
    path = tmp_path / "claims.jsonl"
    path.write_text(
        json.dumps(
            {
                "id": "x",
                "sentence": "Lenin rode a bicycle to Paris in 1931.",
                "question": "Where did Lenin ride?",
                "answer": "Paris",
            }
        )
        + "\n"
    )
    result = corpus_app.test_cli_runner().invoke(args=["check", "--claims", str(path), "--json"])
    report = json.loads(result.output)
    assert report["results"][0]["verdict"] == "unsupported"
    assert "not in the corpus" in report["results"][0]["reasons"][0]
