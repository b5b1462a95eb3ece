"""Lead-ins on real corpus sentences: a sentence that points back is asked about behind the
sentence before it, only when that sentence serves, and the checker reads both."""

from __future__ import annotations

import dataclasses

from quizapp.checking.citations import check
from quizapp.checking.tagged import state_of_tagged
from quizapp.generators.cloze import BLANK, ClozeGenerator, usable
from quizapp.generators.lead_in import gives_away, lead_citation, lead_for, lead_text
from quizapp.generators.multiple_choice import MultipleChoiceGenerator
from quizapp.generators.ranking import Span
from quizapp.generators.references import is_self_contained
from quizapp.services.bank_drafts import facts_of_draft
from quizapp.tagging.types import Mention
from tests.generator_fixtures import SAMPLE, corpus


def _sentence(start: str):
    sentences, context = corpus(SAMPLE)
    return next(s for s in sentences if s.text.startswith(start)), context


def _states(*sentences):
    return {s.key: state_of_tagged(s) for s in sentences}


def test_a_sentence_pointing_back_is_asked_behind_the_sentence_before_it():
    sentence, context = _sentence("Following that there were mass purges in all the satellite")
    before = context.before[sentence.key]
    assert not is_self_contained(sentence) and lead_for(sentence, context) is before
    (draft,) = ClozeGenerator().generate(sentence, context)
    assert draft.stem == (  # one "According to" for both: Stein's account
        "According to Stein, in 1948 Stalin tried to purge Yugoslavia, a country of "
        "16,000,000 people. Following that there were mass purges in all the satellite "
        "countries of E_____ E_____."  # the blank shows the answer's first letters
    )
    assert draft.answer == "Eastern Europe"
    assert draft.citations[1:] == [lead_citation(before)]
    assert draft.citations[1].role == "context" and draft.citations[1].start == 0
    assert draft.explanation == f'The source says: "{before.text} {sentence.text}"'


def test_one_according_to_covers_a_lead_in_and_a_sentence_of_one_opinion():
    sentence, context = _sentence("The sole means of self-defense in these conditions")
    ready = usable(sentence, context)
    assert ready.before is context.before[sentence.key]
    assert ready.prefix == "According to Trotsky, "
    start = sentence.text.index("hunger strike")
    end = start + len("hunger strike")
    span = Span(start, end, "hunger strike", Mention(start, end, "hunger strike", "term"), 1.0)
    assert ready.stem(sentence, span) == (
        "According to Trotsky, mutual aid is punished as a conspiracy. "
        + sentence.text.replace("hunger strike", BLANK)
    )


def test_the_checker_reads_the_lead_in_and_a_changed_lead_in_makes_the_item_stale():
    sentence, context = _sentence("Following that there were mass purges in all the satellite")
    before = context.before[sentence.key]
    (draft,) = ClozeGenerator().generate(sentence, context)
    facts = facts_of_draft(draft)
    assert check(facts, _states(sentence, before)).verdict == "supported"
    changed = dataclasses.replace(before, text_hash="0" * 64)
    assert check(facts, _states(sentence, changed)).verdict == "stale"


def test_multiple_choice_options_are_not_named_by_the_lead_in():
    sentences, context = corpus(SAMPLE)
    led = 0
    for sentence in sentences:
        for draft in MultipleChoiceGenerator().generate(sentence, context):
            if len(draft.citations) == 1:
                continue
            led += 1
            lead = lead_text(context.before[sentence.key])
            assert not gives_away(context.before[sentence.key], draft.answer, *draft.distractors)
            assert draft.stem.startswith(lead) or draft.stem.startswith("According to ")
    assert led >= 3


def test_a_lead_in_that_names_the_answer_gives_it_away():
    sentence, context = _sentence("Following that there were mass purges in all the satellite")
    before = context.before[sentence.key]
    assert before.text.startswith("In 1948 Stalin tried to purge Yugoslavia")
    assert gives_away(before, "Yugoslavia") and gives_away(before, "yugoslavia.")
    assert not gives_away(before, "Eastern Europe") and not gives_away(None, "Yugoslavia")
    for draft in ClozeGenerator().generate(sentence, context):
        assert draft.answer != "Stalin"  # named in the lead-in


def test_no_lead_in_for_it_or_they_for_the_first_person_or_after_a_continuing_sentence():
    sentences, context = corpus(SAMPLE)
    they, _ = _sentence("However, they do provide a more detailed picture")
    assert context.before.get(they.key) is not None and lead_for(they, context) is None
    first_person = [
        s
        for s in sentences
        if {"we", "our", "i"} & {t.text.lower() for t in s.tokens} and s.key in context.before
    ]
    assert first_person and all(lead_for(s, context) is None for s in first_person)
    sentence, _ = _sentence("Following that there were mass purges in all the satellite")
    before = context.before[sentence.key]
    continuing = dataclasses.replace(before, text="But i" + before.text[1:])
    shifted = dataclasses.replace(context, before={**context.before, sentence.key: continuing})
    assert lead_for(sentence, shifted) is None


def test_a_self_contained_sentence_needs_no_lead_in():
    sentences, context = corpus(SAMPLE)
    contained = [s for s in sentences if is_self_contained(s)]
    assert contained and all(lead_for(s, context) is None for s in contained)
