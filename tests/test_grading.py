"""Grading students' answers: a table of given answers and the verdicts they earn."""

from __future__ import annotations

import pytest

from quizapp.grading import Key, Lexicon, grade
from quizapp.grading.typed import max_edits

LEXICON = Lexicon.build(
    [
        ("felix-dzerzhinsky", ["Felix Dzerzhinsky", "Dzerzhinsky", "Iron Felix"]),
        # a name the tagger linked to him in the corpus, beside the glossary's
        ("felix-dzerzhinsky", ["Feliks Edmundovich"]),
        ("vyacheslav-menzhinsky", ["Vyacheslav Menzhinsky", "Menzhinsky"]),
        ("vladimir-lenin", ["Vladimir Lenin", "Lenin"]),
        ("bolsheviks", ["Bolsheviks"]),
        ("mensheviks", ["Mensheviks"]),
        ("cheka", ["Cheka"]),
        ("gpu", ["GPU", "State Political Administration"]),
        ("sergei-kirov", ["Sergei Kirov", "Kirov"]),
        ("kirovsk", ["Kirovsk"]),
        ("sevres", ["Sèvres"]),
    ]
)
FELIX = Key("Felix Dzerzhinsky", ("Dzerzhinsky",))

TYPED = [
    # given, key, correct, reason, corrected, named
    ("Felix Dzerzhinsky", FELIX, True, "exact", None, None),
    ("felix dzerzhinsky", FELIX, True, "exact", None, None),
    ("  Felix   Dzerzhinsky. ", FELIX, True, "exact", None, None),
    ("Dzerzhinsky", FELIX, True, "alternative", None, None),
    ("Iron Felix", FELIX, True, "alias", None, None),
    ("the Iron Felix", FELIX, True, "alias", None, None),
    ("Feliks Edmundovich", FELIX, True, "alias", None, None),
    ("Dzerzhinksy", FELIX, True, "near_miss", "Dzerzhinsky", None),
    ("Felix Dzerjinsky", FELIX, True, "near_miss", "Felix Dzerzhinsky", None),
    ("Dzierzynski", FELIX, False, "wrong", None, None),  # too far from any of his names
    ("Menzhinsky", FELIX, False, "other_entity", None, "Vyacheslav Menzhinsky"),
    ("Lenin", FELIX, False, "other_entity", None, "Vladimir Lenin"),
    ("Stalin", FELIX, False, "wrong", None, None),
    ("", FELIX, False, "blank", None, None),
    ("?!", FELIX, False, "blank", None, None),
    ("the Cheka", Key("Cheka"), True, "exact", None, None),
    ("A Cheka", Key("the Cheka"), True, "exact", None, None),
    ("Cheka", Key("GPU"), False, "other_entity", None, "Cheka"),
    ("State Political Administration", Key("GPU"), True, "alias", None, None),
    ("Sevres", Key("Sèvres"), True, "exact", None, None),
    ("SÈVRES", Key("Sevres"), True, "exact", None, None),
    # one letter from the key, but exactly another entity's name: never accepted
    ("Mensheviks", Key("Bolsheviks"), False, "other_entity", None, "Mensheviks"),
    # a near miss that is as near to another entity's name is no near miss of the key
    ("Kirovs", Key("Kirov"), False, "near_other", None, "Kirovsk"),
    ("Kirof", Key("Kirov"), True, "near_miss", "Kirov", None),
    ("GPV", Key("GPU"), False, "wrong", None, None),  # names under five letters are spelt exactly
    ("1927", Key("1926"), False, "wrong", None, None),  # a date one digit off is another date
    ("1,966", Key("1966"), True, "exact", None, None),
    ("December 1917", Key("December 1917"), True, "exact", None, None),
    ("December 1918", Key("December 1917"), False, "wrong", None, None),
]


@pytest.mark.parametrize("given,key,correct,reason,corrected,named", TYPED)
def test_typed_answers(given, key, correct, reason, corrected, named):
    for kind in ("cloze", "short_answer"):
        result = grade(kind, key, {"text": given}, LEXICON)
        assert (result.correct, result.reason, result.corrected, result.named) == (
            correct,
            reason,
            corrected,
            named,
        ), given
        assert result.credit == (1.0 if correct else 0.0)


def test_without_a_lexicon_aliases_are_unknown_but_near_misses_still_count():
    assert not grade("cloze", FELIX, {"text": "Iron Felix"}).correct
    assert grade("cloze", FELIX, {"text": "Dzerzhinksy"}).corrected == "Dzerzhinsky"


@pytest.mark.parametrize(
    "form,edits", [("gpu", 0), ("kirov", 1), ("trotsky", 1), ("menzhinsky", 2)]
)
def test_longer_names_allow_more_edits(form, edits):
    assert max_edits(form) == edits


@pytest.mark.parametrize(
    "choice,correct", [("Petrograd", True), ("petrograd.", True), ("Moscow", False), ("", False)]
)
def test_multiple_choice(choice, correct):
    result = grade("multiple_choice", Key("Petrograd"), {"choice": choice})
    assert result.correct is correct and result.credit == float(correct)


@pytest.mark.parametrize(
    "key,value,correct",
    [
        (Key("True", payload={"truth": True}), True, True),
        (Key("True", payload={"truth": True}), False, False),
        (Key("False", payload={"truth": False}), False, True),
        (Key("False"), True, False),  # no payload: the key's text decides
        (Key("False"), None, False),
    ],
)
def test_true_false(key, value, correct):
    assert grade("true_false", key, {"value": value}).correct is correct


CHRONOLOGY = Key("a → b → c → d", payload={"events": [{"text": t} for t in "abcd"]})


@pytest.mark.parametrize(
    "order,credit,correct,reason",
    [
        ([0, 1, 2, 3], 1.0, True, "right"),
        ([1, 0, 2, 3], 0.8333, False, "partial"),  # one pair of six swapped
        ([3, 2, 1, 0], 0.0, False, "wrong"),
        ([0, 1, 2], 0.0, False, "blank"),  # an event left out
        ([0, 0, 1, 2], 0.0, False, "blank"),
    ],
)
def test_chronology_earns_the_share_of_pairs_in_order(order, credit, correct, reason):
    result = grade("chronology", CHRONOLOGY, {"order": order})
    assert (result.credit, result.correct, result.reason) == (credit, correct, reason)


MATCHING = Key("", payload={"pairs": [{"left": x, "right": y} for x, y in ("ab", "cd", "ef")]})


@pytest.mark.parametrize(
    "pairs,credit,correct",
    [
        ({"0": 0, "1": 1, "2": 2}, 1.0, True),
        ({"0": 1, "1": 0, "2": 2}, 0.3333, False),
        ({"0": 1, "1": 2, "2": 0}, 0.0, False),
        ({}, 0.0, False),
    ],
)
def test_matching_earns_the_share_of_right_pairs(pairs, credit, correct):
    result = grade("matching", MATCHING, {"pairs": pairs})
    assert (result.credit, result.correct) == (credit, correct)


def test_an_unknown_type_is_an_error_naming_it():
    with pytest.raises(ValueError, match="essay"):
        grade("essay", Key("x"), {})


def test_a_lexicon_extended_with_linked_names_accepts_them_and_keeps_the_original():
    linked = LEXICON.extended([("felix-dzerzhinsky", ["Feliks Dzierżyński"])])
    assert grade("cloze", FELIX, {"text": "Feliks Dzierzynski"}, linked).reason == "alias"
    assert grade("cloze", FELIX, {"text": "Feliks Dzierzynski"}, LEXICON).reason == "wrong"
    assert linked.entities_named("Iron Felix") == {"felix-dzerzhinsky"}
