"""Judge answers that are chosen rather than typed, and dispatch every type to its judge.

Multiple choice and true/false are right or wrong. A chronology earns the share of its
pairs of events put in the right relative order; a matching earns the share of its
left-hand entries matched to their own right-hand entry. Both are correct only when whole.
"""

from __future__ import annotations

from itertools import combinations

from quizapp.checking.normalize import normalize_answer
from quizapp.grading.lexicon import NO_NAMES, Lexicon
from quizapp.grading.result import Grade, Key
from quizapp.grading.typed import grade_typed

TYPED = ("cloze", "short_answer")


def grade(kind: str, key: Key, given: dict, lexicon: Lexicon = NO_NAMES) -> Grade:
    """Judge `given` (the answer as the attempt records it) for an item of type `kind`.

    given: {"text": str} for typed answers, {"choice": str} for multiple choice,
    {"value": bool} for true/false, {"order": [event index, ...]} earliest first for
    chronology, {"pairs": {left index: right index}} for matching (indices into the
    key's payload, which lists events in the right order and pairs as they belong).
    """
    if kind in TYPED:
        return grade_typed(given.get("text", ""), key.answer, key.alternatives, lexicon)
    if kind == "multiple_choice":
        return grade_choice(given.get("choice", ""), key.answer)
    if kind == "true_false":
        return grade_true_false(given.get("value"), key)
    if kind == "chronology":
        return grade_order(given.get("order", []), len(key.payload.get("events", [])))
    if kind == "matching":
        return grade_pairs(given.get("pairs", {}), len(key.payload.get("pairs", [])))
    raise ValueError(f"no grading for items of type {kind!r}")


def grade_choice(choice: str, answer: str) -> Grade:
    if not choice:
        return Grade(False, 0.0, "blank")
    right = normalize_answer(choice) == normalize_answer(answer)
    return Grade(right, float(right), "right" if right else "wrong")


def grade_true_false(value: bool | None, key: Key) -> Grade:
    if value is None:
        return Grade(False, 0.0, "blank")
    truth = key.payload.get("truth")
    if truth is None:
        truth = key.answer.strip().casefold() == "true"
    right = bool(value) == bool(truth)
    return Grade(right, float(right), "right" if right else "wrong")


def grade_order(order: list[int], size: int) -> Grade:
    """`order` lists event indices as the student ordered them; index i belongs at place i."""
    if size < 2 or sorted(order) != list(range(size)):
        return Grade(False, 0.0, "blank")
    pairs = list(combinations(order, 2))
    credit = sum(1 for a, b in pairs if a < b) / len(pairs)
    return _whole_or_partial(credit)


def grade_pairs(pairs: dict, size: int) -> Grade:
    """`pairs` maps each left index to the right index chosen; left i belongs with right i.

    A pair naming an index outside 0..size-1 (either side) or no number at all matches
    nothing, and a left index given twice (as 0 and "0") is matched only if both agree,
    so the credit never leaves 0..1."""
    if size < 1 or not pairs:
        return Grade(False, 0.0, "blank")
    verdicts: dict[int, bool] = {}
    for left, right in pairs.items():
        place = _index(left, size)
        if place is not None:
            verdicts[place] = verdicts.get(place, True) and _index(right, size) == place
    return _whole_or_partial(sum(verdicts.values()) / size)


def _index(value, size: int) -> int | None:
    """`value` as an index into 0..size-1, or None when it is no such index."""
    try:
        index = int(value)
    except (TypeError, ValueError):
        return None
    return index if 0 <= index < size else None


def _whole_or_partial(credit: float) -> Grade:
    if credit == 1.0:
        return Grade(True, 1.0, "right")
    return Grade(False, round(credit, 4), "partial" if credit > 0 else "wrong")
