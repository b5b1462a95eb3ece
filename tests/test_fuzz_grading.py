"""Fuzzing the answer grader: any answer of any shape gets a grade, never an exception.

Whatever is typed or chosen, the grade's credit lies in [0, 1], a correct grade has full
credit, and the key itself (or, for orderings and pairings, the right arrangement) is
always correct. (Pairings are drawn within the item's size, as the answer form reads
them.) Typed answers are judged against a lexicon of other entities' names, so
near misses and rival names are exercised too.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.checking.normalize import normalize_answer
from quizapp.grading.lexicon import Lexicon
from quizapp.grading.result import Grade, Key
from quizapp.grading.structured import grade

NAMES = ["Felix Dzerzhinsky", "Dzerzhinsky", "Iron Felix", "Genrikh Yagoda", "Yagoda", "Cheka"]
LEXICON = Lexicon.build(
    [("dzerzhinsky", NAMES[:3]), ("yagoda", NAMES[3:5]), ("cheka", ["Cheka", "the Cheka"])]
)
WORDS = st.one_of(st.sampled_from(NAMES), st.text(max_size=40))
FUZZ = settings(max_examples=300, deadline=None)


def sound(result: Grade) -> None:
    assert 0.0 <= result.credit <= 1.0
    assert result.correct == (result.credit == 1.0)
    assert result.reason


@FUZZ
@given(
    kind=st.sampled_from(["cloze", "short_answer"]),
    answer=WORDS,
    alternatives=st.lists(WORDS, max_size=3),
    typed=st.one_of(WORDS, WORDS.map(lambda w: w.upper()), WORDS.map(lambda w: w[1:])),
)
def test_typed_answers_always_get_a_sound_grade(kind, answer, alternatives, typed):
    key = Key(answer, tuple(alternatives))
    sound(grade(kind, key, {"text": typed}, LEXICON))
    if normalize_answer(answer):
        assert grade(kind, key, {"text": answer}, LEXICON).correct


@FUZZ
@given(answer=WORDS, choice=WORDS, truth=st.booleans(), value=st.none() | st.booleans())
def test_choices_and_truth_values_always_get_a_sound_grade(answer, choice, truth, value):
    sound(grade("multiple_choice", Key(answer), {"choice": choice}))
    if normalize_answer(answer):
        assert grade("multiple_choice", Key(answer), {"choice": answer}).correct
    key = Key("True" if truth else "False", payload={"truth": truth})
    sound(grade("true_false", key, {"value": value}))
    assert grade("true_false", key, {"value": truth}).correct


@st.composite
def arrangements(draw):
    """A size, any ordering of indices, and pairings within the size (as the answer form
    reads them: study/answers.py refuses a left-hand entry that was never shown)."""
    size = draw(st.integers(0, 8))
    order = draw(st.lists(st.integers(-2, 10), max_size=10))
    index = st.integers(0, max(size - 1, 0))
    pairs = draw(st.dictionaries(index, index, max_size=size)) if size else {}
    return size, order, pairs


@FUZZ
@given(arrangements())
def test_orderings_and_pairings_always_get_a_sound_grade(arrangement):
    size, order, pairs = arrangement
    events = Key("", payload={"events": [f"event {n}" for n in range(size)]})
    matching = Key("", payload={"pairs": [[f"left {n}", f"right {n}"] for n in range(size)]})
    sound(grade("chronology", events, {"order": order}))
    sound(grade("matching", matching, {"pairs": pairs}))
    if size >= 2:
        assert grade("chronology", events, {"order": list(range(size))}).correct
    if size >= 1:
        assert grade("matching", matching, {"pairs": {n: n for n in range(size)}}).correct
