"""chronology: dated events from real sentences, ordered, each citing its own date."""

from __future__ import annotations

import dataclasses

from quizapp.generators import registry
from quizapp.generators.chronology import STEM, Chronology, event_text, events
from tests.qa_fixtures import make_context, tagged_sentences

# Sentences of the corpus (Serge, the secret police article, Stein), each a dated event.
TEXT = """\
On April 3, 1917, Lenin arrived at the Finland Station in Petrograd.

The Communist International was founded in 1919 in Moscow.

In March 1930, Stalin authorized a certain number of peasants to leave the kolkbozes.

After an extended period of ill health, Menzhinsky died under mysterious circumstances in 1934.

In July 1953 there was a general strike of a half-million slave laborers in Vorkuta.

He led the Cheka until his death in 1926.
"""


def sentences():
    return tagged_sentences(TEXT)


def test_event_is_the_main_clause_without_its_date():
    first = sentences()[0]
    date = next(m for m in first.mentions if m.type == "date")
    assert event_text(first, date) == "Lenin arrived at the Finland Station in Petrograd."


def test_events_with_a_dangling_pronoun_are_left_out():
    last = sentences()[-1]
    date = next(m for m in last.mentions if m.type == "date")
    assert event_text(last, date) is None


def test_items_order_events_and_cite_each_date():
    found = sentences()
    drafts = Chronology().generate_all(found, make_context(found))
    assert drafts
    by_key = {s.key: s for s in found}
    for draft in drafts:
        events = draft.payload["events"]
        assert draft.stem == STEM and 3 <= len(events) <= 4
        values = [e["value"] for e in events]
        assert values == sorted(values) and len({v[:4] for v in values}) == len(values)
        assert draft.answer == " → ".join(e["text"] for e in events)
        for n, event in enumerate(events):
            citation = draft.citations[event["citation"]]
            assert citation.role == f"event:{n}"
            cited = by_key[citation.sentence_key].text[citation.start : citation.end]
            assert event["value"][:4] in cited
        assert "type:chronology" in draft.tags and draft.version == "3"


def test_first_item_in_corpus_order():
    found = sentences()
    (first, *_) = Chronology().generate_all(found, make_context(found))
    assert [e["value"] for e in first.payload["events"]] == [
        "1917-04-03",
        "1919",
        "1930-03",
        "1934",
    ]
    assert first.answer.startswith("Lenin arrived at the Finland Station in Petrograd. → ")


def test_deterministic():
    found = sentences()
    context = make_context(found)
    first = [d.answer for d in Chronology().generate_all(found, context)]
    assert first == [d.answer for d in Chronology().generate_all(found, context)]


def test_registered_by_name():
    assert isinstance(registry()["chronology"], Chronology)


def test_nominalised_event_and_parenthetical_subject():
    text = (
        "The assassination of Sergei Kirov on 1 December 1934 provided a pretext for purges.\n\n"
        "Kirov, a member of the Politbureau, was assassinated in December 1934.\n\n"
        "Wrote Maxim Gorky in 1917.\n"
    )
    found = []
    for sentence in tagged_sentences(text):
        date = next(m for m in sentence.mentions if m.type == "date")
        found.append(event_text(sentence, date))
    assert found == ["Sergei Kirov was assassinated.", "Kirov was assassinated.", None]


def test_no_two_items_share_a_pair_of_events_and_each_event_is_used_at_most_uses_times():
    from collections import Counter

    from quizapp.generators.chronology import USES, Event, groups

    found = sentences()[0]
    date = next(m for m in found.mentions if m.type == "date")
    pool = []
    for year in range(1900, 1912):
        mention = dataclasses.replace(date, value=str(year))
        pool.append(Event(f"Event of {year}.", found, mention))
    made = groups(pool)
    assert len(made) >= 6 and all(3 <= len(g) <= 4 for g in made)
    uses = Counter(e.year for g in made for e in g)
    assert max(uses.values()) <= USES
    pairs = Counter(frozenset((a.year, b.year)) for g in made for a in g for b in g if a is not b)
    assert max(pairs.values()) == 2  # each unordered pair counted twice within its one group


def test_events_from_a_when_clause_and_a_dangling_shared_verb():
    text = (
        "When Stalin died in March 1953, another gigantic frame-up was in the making.\n\n"
        "In 1940, Ramon Mercader infiltrated the compound and struck him down.\n"
    )
    found = tagged_sentences(text)
    texts = [e.text for e in events(found, make_context(found))]
    assert texts == ["Stalin died.", "Ramon Mercader infiltrated the compound."]
