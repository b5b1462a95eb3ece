"""The citation checker: one verdict per failure mode, with readable reasons."""

from __future__ import annotations

import pytest

from quizapp.checking.citations import CitedSpan, ItemFacts, SentenceState, check
from quizapp.ingest.keys import content_hash

TEXT = (
    "Dzerzhinsky's successor, Vyacheslav Menzhinsky, was not originally part of Stalin's faction."
)
STATE = SentenceState("k1", TEXT, content_hash(TEXT), context="The GPU and the secret police.")
START = TEXT.index("Vyacheslav")
END = START + len("Vyacheslav Menzhinsky")


def facts(**changes) -> ItemFacts:
    base = dict(
        type="short_answer",
        stem="Who was Dzerzhinsky's successor?",
        answer="Vyacheslav Menzhinsky",
        citations=[CitedSpan("k1", STATE.text_hash, START, END)],
        alternatives=["Menzhinsky"],
    )
    base.update(changes)
    return ItemFacts(**base)


def test_a_sound_item_is_supported():
    verdict = check(facts(), {"k1": STATE})
    assert verdict.verdict == "supported"


@pytest.mark.parametrize(
    "states, reason",
    [
        ({}, "not in the corpus"),
        ({"k1": SentenceState("k1", TEXT, content_hash(TEXT), retired=True)}, "removed"),
        ({"k1": SentenceState("k1", TEXT + " Later.", content_hash(TEXT + " Later."))}, "changed"),
    ],
)
def test_stale_when_the_cited_sentence_is_gone_or_changed(states, reason):
    verdict = check(facts(), states)
    assert verdict.verdict == "stale"
    assert reason in verdict.reasons[0]


def test_unsupported_when_the_answer_is_not_at_its_span():
    verdict = check(facts(answer="Genrikh Yagoda", alternatives=[]), {"k1": STATE})
    assert verdict.verdict == "unsupported"
    assert "Vyacheslav Menzhinsky" in verdict.reasons[0]


def test_an_accepted_form_at_the_span_is_enough():
    start = TEXT.index("Menzhinsky")
    item = facts(
        answer="Iron Menzhinsky",
        alternatives=["Menzhinsky"],
        citations=[CitedSpan("k1", STATE.text_hash, start, start + 10)],
    )
    assert check(item, {"k1": STATE}).verdict == "supported"


def test_leaky_when_the_stem_contains_the_answer():
    item = facts(stem="Was Vyacheslav Menzhinsky Dzerzhinsky's successor?")
    verdict = check(item, {"k1": STATE})
    assert verdict.verdict == "leaky"


def test_drifted_when_the_stem_adds_facts_the_source_lacks():
    item = facts(stem="Who poisoned Maxim Gorky in Leningrad on orders from Yagoda in 1936?")
    verdict = check(item, {"k1": STATE})
    assert verdict.verdict == "drifted"
    assert "gorky" in verdict.reasons[0]


def test_ambiguous_when_a_distractor_is_named_in_the_sentence():
    item = facts(type="multiple_choice", distractors=["Stalin", "Yagoda", "Yezhov"])
    verdict = check(item, {"k1": STATE})
    assert verdict.verdict == "ambiguous"
    assert "Stalin" in verdict.reasons[0]


def test_true_false_statements():
    true_item = facts(
        type="true_false",
        answer="True",
        stem="True or false: ...",
        payload={"statement": "Menzhinsky was not originally part of Stalin's faction."},
        citations=[CitedSpan("k1", STATE.text_hash, 0, 0)],
    )
    assert check(true_item, {"k1": STATE}).verdict == "supported"
    dropped = facts(
        type="true_false",
        answer="True",
        stem="True or false: ...",
        payload={"statement": "Menzhinsky was originally part of Stalin's faction."},
        citations=[CitedSpan("k1", STATE.text_hash, 0, 0)],
    )
    verdict = check(dropped, {"k1": STATE})
    assert verdict.verdict == "unsupported" and '"not' in verdict.reasons[0]
    start = TEXT.index("Stalin")
    false_item = facts(
        type="true_false",
        answer="False",
        stem="True or false: ...",
        payload={
            "statement": TEXT.replace("Stalin", "Trotsky"),
            "original": "Stalin",
        },
        citations=[CitedSpan("k1", STATE.text_hash, start, start + 6)],
    )
    assert check(false_item, {"k1": STATE}).verdict == "supported"
    stated = facts(
        type="true_false",
        answer="False",
        stem="True or false: ...",
        payload={
            "statement": TEXT,
            "original": "Stalin",
        },
        citations=[CitedSpan("k1", STATE.text_hash, start, start + 6)],
    )
    assert check(stated, {"k1": STATE}).verdict == "ambiguous"


def test_a_false_statement_must_differ_from_the_sentence_only_at_its_span():
    start = TEXT.index("Stalin")
    item = facts(
        type="true_false",
        answer="False",
        stem="True or false: ...",
        payload={"statement": "Menzhinsky was part of Trotsky's faction."},
        citations=[CitedSpan("k1", STATE.text_hash, start, start + 6)],
    )
    verdict = check(item, {"k1": STATE})
    assert verdict.verdict == "unsupported"
    assert "beyond the changed span" in verdict.reasons[0]
