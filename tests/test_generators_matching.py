"""matching: people paired with the appositions the corpus gives them."""

from __future__ import annotations

import dataclasses
from collections import Counter

from quizapp.generators import registry
from quizapp.generators.matching import STEM, Matching, all_pairs, pairs_of
from tests.qa_fixtures import make_context, tagged, tagged_sentences

# Sentences of the corpus, each describing one person.
TEXT = """\
Dzerzhinsky’s successor, Vyacheslav Menzhinsky, was not originally part of Stalin’s faction.

Marshal Blücher, commander of the special Far Eastern army, announces the opening of a strategic road.

Leonid Nikolayev, a young communist, fired the shot.

Walter Ulbricht, the future head of the German Democratic Republic, was in Moscow.
"""


def test_apposition_in_either_order():
    menzhinsky = tagged(TEXT.splitlines()[0])
    assert [(p.left, p.right) for p in pairs_of(menzhinsky)] == [
        ("Vyacheslav Menzhinsky", "Dzerzhinsky’s successor")
    ]


def test_description_of_a_name_inside_a_phrase_is_not_paired():
    text = (
        "The engineer Palchinsky, a former associate of Kerensky, one of the organizers of the"
        " Kropotkin museum in Moscow, was killed."
    )
    assert all(p.left != "Kerensky" for p in pairs_of(tagged(text)))


def test_item_pairs_cite_their_descriptions():
    found = tagged_sentences(TEXT)
    drafts = Matching().generate_all(found, make_context(found))
    by_key = {s.key: s for s in found}
    assert drafts
    for draft in drafts:
        pairs = draft.payload["pairs"]
        assert draft.stem == STEM.format(who="Serge") and len(pairs) == 3
        assert len({p["left"] for p in pairs}) == 3
        for n, pair in enumerate(pairs):
            citation = draft.citations[pair["citation"]]
            assert citation.role == f"pair:{n}"
            assert (
                by_key[citation.sentence_key].text[citation.start : citation.end] == pair["right"]
            )
        assert draft.answer == "; ".join(f"{p['left']}: {p['right']}" for p in pairs)
        assert "type:matching" in draft.tags and draft.version == "4"
    answers = " ".join(d.answer for d in drafts)
    assert "Marshal Blücher: commander of the special Far Eastern army" in answers


def test_too_few_people_give_no_item():
    found = tagged_sentences("\n\n".join(TEXT.splitlines()[:2]))
    assert Matching().generate_all(found, make_context(found)) == []


def test_registered_by_name():
    assert isinstance(registry()["matching"], Matching)


def test_spread_reuses_a_pair_in_at_most_uses_items_with_new_companions():
    from quizapp.generators.matching import USES, spread

    # twelve pairs whose names never show in each other's sentences
    pairs = all_pairs(tagged_sentences(TEXT))
    pool = [dataclasses.replace(p, left=f"Name{n}") for n, p in enumerate(pairs * 3)]
    made = spread(pool)
    uses = Counter(id(p) for group in made for p in group)
    assert made and max(uses.values()) <= USES
    keys = [frozenset(id(p) for p in group) for group in made]
    assert all(len(a & b) <= 1 for i, a in enumerate(keys) for b in keys[i + 1 :])


def test_pairs_from_different_accounts_make_different_items():
    found = tagged_sentences(TEXT)
    quoted = dataclasses.replace(found[0], quoted_by="Lenin")
    mixed = [quoted, *found[1:]]
    (draft,) = Matching().generate_all(mixed, make_context(mixed))
    assert draft.stem == STEM.format(who="Serge")  # Lenin's description is not Serge's
    assert quoted.key not in {c.sentence_key for c in draft.citations}
    assert len(draft.payload["pairs"]) == 3
    unsigned = [dataclasses.replace(s, author=None) for s in found]
    (draft,) = Matching().generate_all(unsigned, make_context(unsigned))
    assert draft.stem == STEM.format(who="the text")
