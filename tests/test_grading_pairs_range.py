"""Matching credit stays within 0..1: a pair naming an index the item does not have, or
naming a left-hand entry twice, earns nothing (found by fuzzing: it gave credit 2.0)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from quizapp.grading import Key, grade
from quizapp.grading.structured import grade_pairs


def matching(size: int) -> Key:
    return Key("", payload={"pairs": [{"left": f"l{n}", "right": f"r{n}"} for n in range(size)]})


def test_out_of_range_pairs_earn_no_credit():
    assert grade_pairs({0: 0, 1: 1, 2: 2, 3: 3}, 2).credit == 1.0  # was 2.0
    assert grade_pairs({0: 5}, 2).credit == 0.0  # a right-hand index the item lacks
    assert grade_pairs({-1: -1, 7: 7}, 2).credit == 0.0 and not grade_pairs({7: 7}, 2).correct
    assert grade_pairs({0: "x", "y": 1}, 2).credit == 0.0  # no numbers: nothing matched


def test_a_left_entry_given_twice_counts_once_and_only_if_both_agree():
    assert grade_pairs({0: 0, "0": 0}, 2).credit == 0.5
    assert grade_pairs({0: 0, "0": 1, 1: 1}, 2).credit == 0.5


@given(
    st.integers(1, 6),
    st.dictionaries(st.one_of(st.integers(-3, 9), st.text(max_size=2)), st.integers(-3, 9)),
)
def test_any_pairing_gets_credit_within_0_and_1(size, pairs):
    result = grade("matching", matching(size), {"pairs": pairs})
    assert 0.0 <= result.credit <= 1.0
    assert result.correct == (result.credit == 1.0)
