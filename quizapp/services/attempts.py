"""Taking a quiz: start an attempt, record answers, submit it, read its results.

An attempt freezes what it shows when it starts: each question names the item version
shown and the order its choices were shown in, so an item edited later never changes a
past attempt, its grading or its score. The deadline is kept on the server: an answer
after it is refused, and an attempt found past it is submitted as it stands.

Recording an answer is idempotent: the same answer posted again records nothing and
gets the first result back. With immediate feedback an answer, once given, stands; with
feedback after submission it may be changed until the attempt is submitted. How an
answer is graded (its key, the corpus's names) is services/answer_grading.py.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import and_, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager

from quizapp.extensions import db
from quizapp.grading import Grade
from quizapp.models import (
    Attempt,
    AttemptQuestion,
    Item,
    ItemVersion,
    Quiz,
    Response,
)
from quizapp.services.answer_grading import entities_fingerprint, grade_answer, stored_grade
from quizapp.services.attempt_questions import AttemptError
from quizapp.services.quizzes import draw_items

# tests/test_lexicon_cache.py reads the fingerprint here, where grading used to live
_entities_fingerprint = entities_fingerprint

GRACE = timedelta(seconds=5)  # an answer sent just before the deadline may arrive just after
GIVEN_CHARS = 300


@dataclass(frozen=True)
class Given:
    """An answer as recorded: the structured form grading reads, and one line of text."""

    answer: dict
    text: str


@dataclass(frozen=True)
class Recorded:
    """What recording an answer did: the response (new or the earlier one) and its grade."""

    response: Response
    grade: Grade
    new: bool


def now() -> datetime:
    return datetime.now(UTC)


def may_take(quiz: Quiz, user) -> bool:
    """Students take published quizzes; instructors and admins may also preview others."""
    return quiz.published or user.is_instructor


def find_attempt(uuid: str, user) -> Attempt | None:
    """The user's own attempt by uuid, with its quiz; None for anyone else's (so a 404)."""
    return db.session.scalar(
        select(Attempt)
        .join(Quiz, Quiz.id == Attempt.quiz_id)
        .options(contains_eager(Attempt.quiz))
        .where(Attempt.uuid == uuid, Attempt.user_id == user.id)
    )


def start(quiz: Quiz, user, at: datetime | None = None, seed: int | None = None) -> Attempt:
    """The user's unfinished attempt at `quiz`, or a new one with its questions frozen."""
    at = _aware(at or now())
    if not may_take(quiz, user):
        raise AttemptError("This quiz is closed.", 403)
    unfinished = _unfinished(quiz, user, at)
    if unfinished is not None:
        return unfinished
    taken = db.session.scalar(
        select(func.count(Attempt.id)).where(Attempt.quiz_id == quiz.id, Attempt.user_id == user.id)
    )
    if quiz.attempts_allowed is not None and taken >= quiz.attempts_allowed:
        raise AttemptError(
            f"You have used all {quiz.attempts_allowed} attempt(s) this quiz allows.", 403
        )
    seed = seed if seed is not None else random.SystemRandom().randrange(2**31)
    # an item retired or rejected since the quiz was published is no longer shown to students
    drawn = [i for i in draw_items(quiz, seed) if i.status == "approved" or user.is_instructor]
    versions = _current_versions([i.id for i in drawn])
    if not versions:
        raise AttemptError("This quiz has no questions to show yet.", 409)
    attempt = Attempt(
        quiz_id=quiz.id,
        user_id=user.id,
        number=taken + 1,
        started_at=at,
        deadline=at + timedelta(minutes=quiz.time_limit_minutes)
        if quiz.time_limit_minutes
        else None,
        max_score=float(len(versions)),
    )
    rng = random.Random(seed)
    attempt.questions = [
        AttemptQuestion(
            position=n,
            item_id=v.item_id,
            version_id=v.id,
            choices=_shown_choices(v, quiz.shuffle_choices, rng),
        )
        for n, v in enumerate(versions, start=1)
    ]
    db.session.add(attempt)
    try:
        db.session.commit()
    except IntegrityError:  # a second start raced this one: resume the attempt it made
        db.session.rollback()
        raced = _unfinished(quiz, user, at)
        if raced is None:
            raise AttemptError("The attempt could not be started; please try again.", 409) from None
        return raced
    return attempt


def record_answer(
    attempt: Attempt,
    question: AttemptQuestion,
    version: ItemVersion,
    given: Given,
    user,
    at: datetime | None = None,
) -> Recorded:
    """Grade and record `given` for `question`; the same answer again records nothing."""
    at = _aware(at or now())
    _check_open(attempt, user, at)
    earlier = question.response
    if earlier is not None and earlier.answer == given.answer:
        return Recorded(earlier, stored_grade(earlier), new=False)
    if earlier is not None and attempt.quiz.feedback == "immediate":
        raise AttemptError(
            "You have answered this question already; your first answer stands.", 409
        )
    result = grade_answer(version, given.answer)
    response = earlier or Response(question_id=question.id, attempt_id=attempt.id)
    response.answer = given.answer
    response.given = given.text[:GIVEN_CHARS]
    response.correct = result.correct
    response.credit = result.credit
    response.grading = result.as_dict()
    response.answered_at = at
    db.session.add(response)
    try:
        db.session.commit()
    except IntegrityError:  # the same answer arrived twice at once: the first one stands
        db.session.rollback()
        stored = db.session.scalar(select(Response).where(Response.question_id == question.id))
        if stored is None or stored.answer != given.answer:
            raise AttemptError("This question was answered in another window.", 409) from None
        return Recorded(stored, stored_grade(stored), new=False)
    return Recorded(response, result, new=True)


def submit(attempt: Attempt, user, at: datetime | None = None) -> Attempt:
    """Close the attempt and score it from its recorded responses (twice is harmless)."""
    if attempt.user_id != user.id:
        raise AttemptError("This attempt is not yours.", 404)
    at = _aware(at or now())
    if attempt.submitted_at is None:
        _close(attempt, min(at, _aware(attempt.deadline)) if attempt.deadline else at)
    return attempt


def close_if_expired(attempt: Attempt, at: datetime | None = None) -> bool:
    """Submit an unfinished attempt whose deadline has passed; True if it did."""
    at = _aware(at or now())
    if attempt.submitted_at is None and _expired(attempt, at):
        _close(attempt, _aware(attempt.deadline))
        return True
    return False


def seconds_left(attempt: Attempt, at: datetime | None = None) -> int | None:
    if attempt.deadline is None:
        return None
    return max(0, int((_aware(attempt.deadline) - _aware(at or now())).total_seconds()))


def _current_versions(item_ids: list[int]) -> list[ItemVersion]:
    """The items' current versions, in the order of `item_ids`, in one query."""
    rows = db.session.scalars(
        select(ItemVersion)
        .join(
            Item, and_(Item.id == ItemVersion.item_id, Item.current_version == ItemVersion.number)
        )
        .where(Item.id.in_(item_ids or [-1]))
    ).all()
    by_item = {v.item_id: v for v in rows}
    return [by_item[i] for i in item_ids if i in by_item]


def _shown_choices(version: ItemVersion, shuffle: bool, rng: random.Random) -> list:
    """What the question shows to choose from, in the order shown.

    multiple choice: the choice texts; true/false: True, False; chronology: the events'
    indices; matching: the right-hand entries' indices. Events and right-hand entries are
    always shuffled (in order they would give the answer away); never left in key order.
    """
    kind = version.item.type
    if kind == "multiple_choice":
        options = list(dict.fromkeys([version.answer, *(version.distractors or [])]))
        if shuffle:
            rng.shuffle(options)
        return options
    if kind == "true_false":
        return ["True", "False"]
    if kind in ("chronology", "matching"):
        entries = (version.payload or {}).get("events" if kind == "chronology" else "pairs", [])
        return _derangement(len(entries), rng)
    return []


def _derangement(size: int, rng: random.Random) -> list[int]:
    order = list(range(size))
    rng.shuffle(order)
    if size > 1 and order == sorted(order):
        order = order[1:] + order[:1]
    return order


def _unfinished(quiz: Quiz, user, at: datetime) -> Attempt | None:
    found = db.session.scalar(
        select(Attempt)
        .where(
            Attempt.quiz_id == quiz.id,
            Attempt.user_id == user.id,
            Attempt.submitted_at.is_(None),
        )
        .order_by(Attempt.number.desc())
    )
    if found is None or close_if_expired(found, at):
        return None
    return found


def _check_open(attempt: Attempt, user, at: datetime) -> None:
    if attempt.user_id != user.id:
        raise AttemptError("This attempt is not yours.", 404)
    if attempt.submitted_at is not None:
        raise AttemptError("This attempt has been submitted; answers can no longer change.", 409)
    if _expired(attempt, at - GRACE):
        close_if_expired(attempt, at)
        raise AttemptError("Time is up: the answer came after the quiz's time limit.", 409)
    if not may_take(attempt.quiz, user):
        raise AttemptError("This quiz has been closed; answers are no longer recorded.", 403)


def _expired(attempt: Attempt, at: datetime) -> bool:
    return attempt.deadline is not None and at > _aware(attempt.deadline)


def _close(attempt: Attempt, at: datetime) -> None:
    score = db.session.scalar(
        select(func.coalesce(func.sum(Response.credit), 0.0)).where(
            Response.attempt_id == attempt.id
        )
    )
    attempt.score = float(score or 0.0)
    attempt.submitted_at = at
    db.session.commit()


def _aware(moment: datetime) -> datetime:
    """SQLite gives timestamps back without their zone; they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
