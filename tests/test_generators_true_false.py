"""The true/false generator on real corpus sentences: true as stated, false by one swap."""

from __future__ import annotations

import dataclasses
import re

from quizapp.checking.tagged import state_of_tagged
from quizapp.generators.candidate_pool import squeeze
from quizapp.generators.true_false import NEGATION, TrueFalseGenerator
from tests.generator_fixtures import SAMPLE, corpus, run, states, swapped_value, without_lead

PREFIX = "True or false: "


def test_false_statements_swap_a_date_a_number_or_the_place_where():
    drafts = run(TrueFalseGenerator())
    assert len(drafts) >= 60
    falses = [(s, d) for s, d in drafts if d.answer == "False"]
    assert 0.1 * len(drafts) <= len(falses) <= 0.5 * len(drafts)
    for sentence, draft in falses:
        citation = draft.citations[0]
        (mention,) = [
            m for m in sentence.mentions if m.start <= citation.start and citation.end <= m.end
        ]
        assert mention.type in ("date", "number", "place")
        if mention.type == "place":  # the one place named, after "in" or "at"
            assert [m.type for m in sentence.mentions].count("place") == 1
            assert re.search(r"\b(in|at)( the)? $", sentence.text[: citation.start])


def test_payload_answer_and_stem_agree():
    for sentence, draft in run(TrueFalseGenerator()):
        assert set(draft.payload) == {"statement", "truth", "original"}
        assert draft.answer == ("True" if draft.payload["truth"] else "False")
        assert draft.stem == PREFIX + draft.payload["statement"]
        assert draft.payload["original"] == sentence.text
        assert draft.citations[0].sentence_key == sentence.key


def test_a_true_statement_is_the_sentence_and_cites_its_key_fact():
    led = 0
    for sentence, draft in run(TrueFalseGenerator()):
        if draft.payload["truth"]:
            # behind the sentence it leans on, when it cites that one for context
            statement = dataclasses.replace(draft, stem=draft.payload["statement"])
            own = without_lead(statement, sentence)
            led += own != draft.payload["statement"]
            assert states(own, sentence.text)
            citation = draft.citations[0]
            assert any(m.start <= citation.start < citation.end <= m.end for m in sentence.mentions)
    assert led  # "He led the Cheka until his death in 1926." behind the sentence naming him


def test_a_statement_read_behind_its_lead_in_is_true_and_checked_with_it():
    from quizapp.checking.citations import check
    from quizapp.services.bank_drafts import facts_of_draft

    _, context = corpus(SAMPLE)
    led = [
        (s, d)
        for s, d in run(TrueFalseGenerator())
        if len(d.citations) > 1 and d.citations[1].role == "context"
    ]
    assert led and all(d.answer == "True" for _, d in led)
    for sentence, draft in led:
        before = context.before[sentence.key]
        states_ = {s.key: state_of_tagged(s) for s in (sentence, before)}
        facts = facts_of_draft(draft)
        assert check(facts, states_).verdict == "supported", draft.stem
        # the sentence alone does not state what the lead-in adds
        alone = dataclasses.replace(facts, citations=facts.citations[:1])
        assert check(alone, states_).verdict == "unsupported", draft.stem


def test_a_false_statement_differs_by_exactly_the_swapped_span():
    drafts = [(s, d) for s, d in run(TrueFalseGenerator()) if not d.payload["truth"]]
    assert drafts
    for sentence, draft in drafts:
        citation = draft.citations[0]
        before, after = sentence.text[: citation.start], sentence.text[citation.end :]
        original = sentence.text[citation.start : citation.end]
        swapped = swapped_value(draft.payload["statement"], before, after)
        assert swapped, draft.payload["statement"]
        assert squeeze(swapped) not in squeeze(sentence.text)
        assert squeeze(swapped) != squeeze(original)
        assert swapped.lower() not in sentence.text.lower()


def test_a_negated_sentence_never_yields_a_false_statement():
    for sentence, draft in run(TrueFalseGenerator()):
        if NEGATION.search(sentence.text.lower()):
            assert draft.answer == "True"


def test_a_quotation_or_opinion_is_attributed():
    sentences, context = corpus(SAMPLE)
    generator = TrueFalseGenerator()
    sentence, _ = run(generator)[0]
    (quoted,) = generator.generate(dataclasses.replace(sentence, quoted_by="Beria"), context)
    assert quoted.stem.startswith(PREFIX + "According to Beria, ")
    drafts = run(generator)  # whose account: the speaker's, or else the author's
    for sentence, draft in drafts:
        named = "the text" if sentence.author == "Unattributed" else sentence.author.split()[-1]
        speaker = f"According to {sentence.quoted_by}, " if sentence.quoted_by else None
        assert draft.stem.startswith(speaker or f"{PREFIX}According to {named}, ") or (
            speaker and draft.stem.startswith(PREFIX + speaker)
        )


def test_a_place_is_never_swapped_for_one_around_or_inside_it():
    import re

    from quizapp.generators.distractors import candidates
    from quizapp.generators.ranking import answer_spans
    from quizapp.tagging.types import Mention
    from tests.generator_fixtures import settle, text_sentences

    text = (
        "He was condemned to death in Russia for his part in the rising.\n\n"
        "The deported peasants died in Siberia, in Russia, by the thousand.\n\n"
        "Many exiles lived in Siberia for years.\n\n"
        "The delegates met in France that summer.\n\n"
        "Refugees arrived in France every week.\n\n"
        "The party was banned in Germany and in Italy.\n\n"
        "The workers struck in Germany that spring.\n"
    )
    raw = text_sentences(text, "test-places")
    for sentence in raw:
        sentence.mentions = [
            Mention(m.start(), m.end(), m.group(), "place", source="rule")
            for m in re.finditer(r"Russia|Siberia|France|Germany|Italy", sentence.text)
        ]
    sentences, context = settle(raw)
    span = next(s for s in answer_spans(sentences[0], context) if s.text == "Russia")
    offered = {c.text for c in candidates(sentences[0], span, context, swap=True)}
    assert "Siberia" not in offered and offered & {"France", "Germany"}


def test_a_date_swap_keeps_the_sentences_order_and_form():
    from quizapp.generators.distractors import _date_words

    assert _date_words("the end of 1920") != _date_words("the winter of 1919")
    assert _date_words("November 23, 1936") == _date_words("December 2, 1936")


def test_every_statement_passes_the_checker_it_is_drafted_for():
    # A swap the checker would call drifted or unsupported gives way to the next wrong
    # value, and to a true statement when none is left.
    from quizapp.checking.citations import check
    from quizapp.checking.tagged import state_of_tagged
    from quizapp.services.bank_drafts import facts_of_draft

    sentences, _ = corpus(SAMPLE)
    states_ = {s.key: state_of_tagged(s) for s in sentences}
    for _, draft in run(TrueFalseGenerator()):
        verdict = check(facts_of_draft(draft), states_)
        assert verdict.verdict == "supported", (draft.stem, verdict.reasons)
