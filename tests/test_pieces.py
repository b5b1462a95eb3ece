"""Halves of a sentence that cannot be asked about as a whole (generators/pieces.py)."""

from __future__ import annotations

import re

from quizapp.checking.citations import check
from quizapp.checking.tagged import state_of_tagged
from quizapp.generators.cloze import BLANK
from quizapp.generators.pieces import pieces
from quizapp.services.bank_drafts import facts_of_draft
from quizapp.services.drafting import draft_documents
from quizapp.tagging.types import Mention
from tests.generator_fixtures import settle, text_sentences

NOTES = (
    "Famine, cholera in Petrograd, plots, assassinations, revolts of the Social "
    "Revolutionaries—who shared the power; Dora Kaplan fired several bullets into Lenin's "
    "chest in August 1918 as he was leaving a factory meeting."
)
LIST = (
    "The first group to go included Trotsky, Karl Radek; Preobrazhensky and Serebriakov, the "
    "former secretaries of the Central Committee; Ivan Smirnov; Smilga, one of the best heads "
    "of the civil war."
)
PEOPLE = r"Dora Kaplan|Lenin|Trotsky|Karl Radek|Preobrazhensky|Serebriakov|Ivan Smirnov|Smilga"


def _sentences(*texts: str):
    raw = text_sentences("\n\n".join(texts) + "\n", "test-pieces", {"author": "Victor Serge"})
    for sentence in raw:  # tag the names by hand, as the glossary would
        sentence.mentions = [m for m in sentence.mentions if m.type == "date"] + [
            Mention(m.start(), m.end(), m.group(), "person", source="glossary")
            for m in re.finditer(PEOPLE, sentence.text)
        ]
    return settle(raw)


def test_a_sentence_opening_with_notes_is_asked_about_by_its_second_half():
    (sentence, *_), _ = _sentences(NOTES)
    (piece,) = pieces(sentence)
    assert piece.text.startswith("Dora Kaplan fired") and piece.text.endswith("meeting.")
    assert sentence.text[piece.offset :].startswith("Dora Kaplan fired")
    assert (piece.key, piece.text_hash, piece.whole) == (
        sentence.key,
        sentence.text_hash,
        sentence.text,
    )
    for mention in piece.mentions:  # mentions and tokens point into the piece's own text
        assert piece.text[mention.start : mention.end] == mention.text
    assert all(piece.text[t.start : t.end] == t.text for t in piece.tokens)


def test_a_list_set_off_by_semicolons_is_not_cut_into_pieces():
    (sentence, *_), _ = _sentences(LIST)
    assert pieces(sentence) == []


def test_drafts_from_a_piece_cite_the_whole_sentence_and_pass_the_checker():
    sentences, context = _sentences(NOTES, LIST)
    drafts = draft_documents({"test-pieces": sentences}, context, ["cloze", "true_false"])
    found = drafts["test-pieces"]
    whole = sentences[0]
    assert {d.type for d in found} == {"cloze", "true_false"}
    for draft in found:
        citation = draft.citations[0]
        assert citation.sentence_key == whole.key
        assert "Famine" not in draft.stem
        if draft.type == "cloze":
            assert whole.text[citation.start : citation.end] == draft.answer
            assert BLANK in draft.stem
        verdict = check(facts_of_draft(draft), {whole.key: state_of_tagged(whole)})
        assert verdict.verdict == "supported", verdict.reasons


def test_the_checker_judges_a_statement_by_the_clause_between_semicolons():
    from quizapp.checking.statements import (
        swapped_statement_problems,
        true_statement_problems,
    )

    sentence = (
        "At the time, the leaders were only the foremost of the militants; the Bolshevik "
        "party was the organization which best expressed the popular sentiment in 1917."
    )
    half = "True or false: According to Serge, the Bolshevik party was the organization which"
    assert (
        true_statement_problems(f"{half} best expressed the popular sentiment in 1917.", sentence)
        == []
    )
    start = sentence.index("1917")
    false = f"{half} best expressed the popular sentiment in 1919."
    assert swapped_statement_problems(false, sentence, start, start + 4) == []
    changed = f"{half} best expressed the workers' sentiment in 1919."
    assert swapped_statement_problems(changed, sentence, start, start + 4)
    dropped = "True or false: the leaders were the foremost of the militants."
    assert true_statement_problems(dropped, sentence)  # "only" belongs to that clause


def test_a_half_whose_pronoun_may_stand_for_a_name_in_the_other_half_is_no_piece():
    text = (
        "Dora Kaplan fired several bullets into Lenin's chest in August 1918; Lenin insisted "
        "that she should not be shot."
    )
    (sentence,), _ = _sentences(text)
    assert [p.text for p in pieces(sentence)] == [
        "Dora Kaplan fired several bullets into Lenin's chest in August 1918."
    ]
