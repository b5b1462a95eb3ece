"""Who a subject "he" is (tagging/antecedents.py), and items that name him in brackets."""

from __future__ import annotations

from functools import cache

import pytest

from quizapp.checking.citations import CitedSpan, ItemFacts, SentenceState, check
from quizapp.checking.tagged import state_of_tagged
from quizapp.generators.cloze import BLANK, ClozeGenerator
from quizapp.generators.short_answer import ShortAnswer
from quizapp.generators.true_false import TrueFalseGenerator
from quizapp.ingest.keys import content_hash
from quizapp.ingest.prepare import prepare_document
from quizapp.services.bank_drafts import facts_of_draft
from tests.generator_fixtures import CORPUS, MODEL

tagger = pytest.importorskip("quizapp.tagging.tagger")
glossary = pytest.importorskip("quizapp.tagging.glossary")

PORTRAIT = (
    "Lenin was good-natured and unassuming, and he spoke with extreme simplicity.\n\n"
    "Trotsky, on the other hand, would nowhere have passed unnoticed, with his shock of "
    "hair and the intensity of his blue-gray eyes. He had about him something "
    "authoritative and compelling. He arrived in the capital on May 5, 1917, and his first "
    "speech demanded the seizure of power. "
    "His written style is consummately skillful. Obscure "
    "and devoted in 1905, he played a conspicuous part in the defense of Tsaritsyn along "
    "with Voroshilov and Yegorov. Lenin appreciated him sufficiently to mistrust him a "
    "little. He lacked the most elementary patience with the Mensheviks in Petrograd.\n\n"
    "He was arrested in Moscow in 1923 by the police of the new state.\n\n"
    "Lenin and Trotsky saw this plainly in Petrograd in 1917. He organized the "
    "insurrection before the actual uprising in the capital.\n\n"
    "Zinoviev was asked about the trial in Moscow in 1936. A market woman was arrested for "
    "saying that he was the misfortune of the people of Moscow.\n\n"
    "Radek was gifted with an unusual flexibility of mind in Moscow in 1920.\n\n"
    "He possessed an absolute devotion to the party in Berlin in 1919.\n\n"
    "The Trials of the Old Guard\n\n"
    "He was shot in the cellar of the Lubyanka in Moscow in 1936.\n"
)


@cache
def tagged():
    prepared = prepare_document(PORTRAIT, "portrait", MODEL)
    rows = tagger.rows_from_prepared(prepared, "portrait", "Portraits", "Victor Serge", 1937)
    result = tagger.tag_sentences(rows, glossary.load_glossary(CORPUS / "glossary.yaml"))
    return result.sentences, tagger.build_context(result)


def sentence(start: str):
    return next(s for s in tagged()[0] if s.text.startswith(start))


def test_he_after_a_named_subject_is_that_person_through_the_passage():
    for start in ("He had about him", "Obscure and devoted"):
        antecedent = sentence(start).antecedent
        assert antecedent is not None and antecedent.name == "Trotsky", start
    # an opening "His" on the subject is his too, written "His [Trotsky's]"
    possessive = sentence("His written style").antecedent
    assert possessive is not None and possessive.bracketed == "[Trotsky's]"


def test_the_topic_carries_into_the_next_paragraph_but_not_past_a_heading():
    antecedent = sentence("He possessed an absolute devotion").antecedent
    assert antecedent is not None and antecedent.name == "Radek"
    assert sentence("He was shot in the cellar").antecedent is None


@pytest.mark.parametrize(
    "start",
    [
        "He lacked the most elementary patience",  # after "Lenin appreciated him": who?
        "He was arrested in Moscow",  # a new passage starts with nobody named
        "He organized the insurrection",  # after "Lenin and Trotsky": which one?
        "A market woman was arrested",  # "saying that he was": reported, may be anyone
        "Lenin was good-natured",  # a name before the pronoun: he is not resolved
    ],
)
def test_he_stays_unresolved_where_the_passage_leaves_a_doubt(start):
    assert sentence(start).antecedent is None


def test_cloze_names_the_referent_in_brackets_and_never_asks_for_him():
    found, context = sentence("Obscure and devoted"), tagged()[1]
    drafts = ClozeGenerator().generate(found, context)
    assert drafts, "a resolved sentence yields clozes"
    for draft in drafts:
        assert "he [Trotsky] played" in draft.stem
        assert BLANK in draft.stem and draft.answer != "Trotsky"
        verdict = check(facts_of_draft(draft), {found.key: state_of_tagged(found)})
        assert verdict.verdict == "supported", verdict.reasons


def test_true_false_with_a_bracketed_name_is_checked_against_the_sentence():
    found, context = sentence("Obscure and devoted"), tagged()[1]
    (draft,) = TrueFalseGenerator().generate(found, context)
    assert "he [Trotsky] played" in draft.stem
    verdict = check(facts_of_draft(draft), {found.key: state_of_tagged(found)})
    assert verdict.verdict == "supported", verdict.reasons


TEXT = "Obscure and devoted in 1917, he played a part in the defense of Tsaritsyn."
STATE = SentenceState(
    "k1", TEXT, content_hash(TEXT), context=f"Stalin means 'made of steel.' {TEXT}"
)


def statement(stem: str, answer: str = "True") -> ItemFacts:
    return ItemFacts(
        type="true_false",
        stem=f"True or false: {stem}",
        answer=answer,
        citations=[CitedSpan("k1", STATE.text_hash, TEXT.index("1917"), TEXT.index("1917") + 4)],
        payload={"statement": stem},
    )


def test_a_bracketed_name_the_passage_gives_is_supported():
    stem = "Obscure and devoted in 1917, he [Stalin] played a part in the defense of Tsaritsyn."
    assert check(statement(stem), {"k1": STATE}).verdict == "supported"


def test_a_bracketed_name_the_passage_does_not_give_is_drifted():
    stem = "Obscure and devoted in 1917, he [Bukharin] played a part in the defense of Tsaritsyn."
    verdict = check(statement(stem), {"k1": STATE})
    assert verdict.verdict == "drifted"
    assert any("[Bukharin]" in reason for reason in verdict.reasons)


def test_a_false_statement_with_a_bracketed_name_is_checked_beside_it():
    stem = "Obscure and devoted in 1918, he [Stalin] played a part in the defense of Tsaritsyn."
    assert check(statement(stem, "False"), {"k1": STATE}).verdict == "supported"


def test_short_answer_asks_about_him_with_his_name_in_brackets():
    found, context = sentence("He arrived in the capital"), tagged()[1]
    drafts = ShortAnswer().generate(found, context)
    assert drafts, "a resolved sentence yields short-answer questions"
    for draft in drafts:
        assert "he [Trotsky]" in draft.stem and draft.answer != "Trotsky"
        verdict = check(facts_of_draft(draft), {found.key: state_of_tagged(found)})
        assert verdict.verdict == "supported", verdict.reasons
