"""Judge a typed answer (cloze, short answer) fairly.

Case, accents, punctuation and a leading article never matter (`normalize_answer`, the
form the citation checker compares answers in). An answer counts when it is the key, an
accepted alternative, or another name of the entity the key names. A misspelt name
counts when it is within a small edit distance of an accepted form and no nearer to any
other entity's name; the right spelling is reported. An answer that names another entity
of the corpus never counts, however close its spelling.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import process
from rapidfuzz.distance import OSA

from quizapp.checking.normalize import normalize_answer
from quizapp.grading.lexicon import NO_NAMES, Lexicon
from quizapp.grading.result import Grade

SHORTEST_NEAR_MISS = 5  # shorter names must be spelt exactly: one letter makes another name


def max_edits(form: str) -> int:
    """How many edits a misspelling of `form` may have (a transposition counts as one)."""
    if len(form) < SHORTEST_NEAR_MISS:
        return 0
    return 1 if len(form) < 8 else 2


def grade_typed(
    given: str, answer: str, alternatives: Sequence[str], lexicon: Lexicon = NO_NAMES
) -> Grade:
    """Judge `given` against the key `answer` and its accepted `alternatives`."""
    typed = normalize_answer(given or "")
    if not typed:
        return Grade(False, 0.0, "blank")
    accepted, own = _accepted_forms(answer, alternatives, lexicon)
    if typed in accepted:
        reason = "exact" if typed == normalize_answer(answer) else accepted[typed][1]
        return Grade(True, 1.0, reason)
    others = lexicon.owners.get(typed, frozenset()) - own
    if others:
        return Grade(False, 0.0, "other_entity", named=lexicon.display(min(others)))
    return _near_miss(typed, accepted, own, lexicon)


def _accepted_forms(
    answer: str, alternatives: Sequence[str], lexicon: Lexicon
) -> tuple[dict[str, tuple[str, str]], frozenset[str]]:
    """Comparable form -> (as written, why accepted); and the entities the key names."""
    accepted: dict[str, tuple[str, str]] = {}
    for n, written in enumerate([answer, *alternatives]):
        form = normalize_answer(written or "")
        if form:
            accepted.setdefault(form, (written, "exact" if n == 0 else "alternative"))
    own = frozenset().union(*(lexicon.owners.get(form, frozenset()) for form in list(accepted)))
    for key in sorted(own):
        for name in lexicon.names.get(key, ()):
            accepted.setdefault(normalize_answer(name), (name, "alias"))
    return accepted, own


def _near_miss(
    typed: str, accepted: dict[str, tuple[str, str]], own: frozenset[str], lexicon: Lexicon
) -> Grade:
    if _has_digit(typed):
        return Grade(False, 0.0, "wrong")  # a number or date one digit off is another value
    best = _nearest(typed, [f for f in accepted if not _has_digit(f)])
    if best is None:
        return Grade(False, 0.0, "wrong")
    form, edits = best
    rival = _rival(typed, edits, set(accepted), own, lexicon)
    if rival is not None:
        return Grade(False, 0.0, "near_other", named=rival)
    return Grade(True, 1.0, "near_miss", corrected=accepted[form][0])


def _nearest(typed: str, forms: list[str]) -> tuple[str, int] | None:
    """The accepted form nearest to `typed` within its allowed edits, with the edit count."""
    found = None
    for form in forms:
        edits = OSA.distance(typed, form, score_cutoff=max_edits(form))
        if edits <= max_edits(form) and max_edits(form) and (found is None or edits < found[1]):
            found = (form, edits)
    return found


def _rival(
    typed: str, edits: int, accepted: set[str], own: frozenset[str], lexicon: Lexicon
) -> str | None:
    """Another entity's name at most `edits` away from `typed`: then it is no near miss."""
    close = process.extract(
        typed, list(lexicon.owners), scorer=OSA.distance, score_cutoff=edits, limit=None
    )
    for form, _, _ in sorted(close, key=lambda hit: (hit[1], hit[0])):
        others = lexicon.owners[form] - own
        if form not in accepted and others:
            return lexicon.display(min(others))
    return None


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)
