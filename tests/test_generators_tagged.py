"""The three sentence generators on sentences the real tagger tagged (tagging/tagger.py)."""

from __future__ import annotations

import dataclasses
from functools import cache

import pytest

from quizapp.checking.blanks import BLANK_PATTERN
from quizapp.generators.candidate_pool import squeeze
from quizapp.generators.cloze import ClozeGenerator
from quizapp.generators.multiple_choice import MultipleChoiceGenerator
from quizapp.generators.true_false import TrueFalseGenerator
from quizapp.ingest.prepare import prepare_document
from tests.generator_fixtures import (
    CORPUS,
    MODEL,
    SAMPLE,
    documents,
    states,
    swapped_value,
    without_lead,
)

tagger = pytest.importorskip("quizapp.tagging.tagger")
glossary = pytest.importorskip("quizapp.tagging.glossary")
GLOSSARY = CORPUS / "glossary.yaml"
pytestmark = pytest.mark.skipif(not GLOSSARY.exists(), reason="no corpus/glossary.yaml yet")


@cache
def tagged():
    rows = []
    for slug in SAMPLE:
        meta = documents()[slug]
        prepared = prepare_document((CORPUS / meta["file"]).read_text(), slug, MODEL)
        rows += tagger.rows_from_prepared(
            prepared, slug, meta["title"], meta.get("author"), meta.get("year")
        )
    result = tagger.tag_sentences(rows, glossary.load_glossary(GLOSSARY))
    return result.sentences, tagger.build_context(result)


def _drafts(generator):
    sentences, context = tagged()
    return [(s, d) for s in sentences for d in generator.generate(s, context)]


def test_cloze_and_multiple_choice_cite_the_blanked_span():
    context = tagged()[1]
    for generator in (ClozeGenerator(), MultipleChoiceGenerator()):
        drafts = _drafts(generator)
        assert len(drafts) >= 40
        for sentence, draft in drafts:
            citation = draft.citations[0]
            assert sentence.text[citation.start : citation.end] == draft.answer
            own = without_lead(draft, sentence, context)  # the lead-in is cited second
            assert states(BLANK_PATTERN.sub(draft.answer, own, count=1), sentence.text)
            for distractor in draft.distractors:
                assert squeeze(distractor) not in squeeze(sentence.text)
                assert squeeze(distractor) not in {squeeze(a) for a in draft.alternatives}


def test_true_false_statements_are_the_sentence_or_one_swap():
    context = tagged()[1]
    drafts = _drafts(TrueFalseGenerator())
    assert {d.answer for _, d in drafts} == {"True", "False"}
    for sentence, draft in drafts:
        citation = draft.citations[0]
        statement = draft.payload["statement"]
        if draft.payload["truth"]:  # behind its lead-in, when it cites one
            own = without_lead(dataclasses.replace(draft, stem=statement), sentence, context)
            assert states(own, sentence.text)
        else:
            before, after = sentence.text[: citation.start], sentence.text[citation.end :]
            swapped = swapped_value(statement, before, after)
            assert swapped and squeeze(swapped) not in squeeze(sentence.text)
