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

from sqlalchemy import String, and_, bindparam, cast, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased, contains_eager, joinedload

from quizapp.extensions import db
from quizapp.grading import Grade
from quizapp.models import (
    Attempt,
    AttemptQuestion,
    Item,
    ItemVersion,
    Quiz,
    Response,
    User,
)
from quizapp.services.answer_grading import entities_fingerprint, grade_answer, stored_grade
from quizapp.services.quizzes import draw_items

# tests/test_lexicon_cache.py reads the fingerprint here, where grading used to live
_entities_fingerprint = entities_fingerprint

GRACE = timedelta(seconds=5)  # an answer sent just before the deadline may arrive just after
GIVEN_CHARS = 300


class AttemptError(ValueError):
    """A request the attempt refuses; `status` is the HTTP status a view should answer."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


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


def question_at(attempt: Attempt, position: int) -> AttemptQuestion:
    """The attempt's question at `position`, with its version and response, in one query."""
    found = db.session.scalar(
        select(AttemptQuestion)
        .options(joinedload(AttemptQuestion.response))
        .where(AttemptQuestion.attempt_id == attempt.id, AttemptQuestion.position == position)
    )
    if found is None:
        raise no_question(position)
    return found


# The statements the question page and the answer POST run on every request, composed
# once: building a select anew each time cost about as much as running it.
#
# The attempt, its quiz, the question at a position, the version it shows and the
# signed-in user, in one statement. The user comes with it so that Flask-Login's loader
# finds the row in the identity map instead of asking for it (auth/session_user.py); an
# attempt that is not the user's gives no row at all.
QUESTION_OF_ATTEMPT = (
    select(Attempt, AttemptQuestion, ItemVersion, Item.uuid, Item.type, User)
    .join(Quiz, Quiz.id == Attempt.quiz_id)
    .join(User, User.id == Attempt.user_id)
    .outerjoin(
        AttemptQuestion,
        and_(
            AttemptQuestion.attempt_id == Attempt.id,
            AttemptQuestion.position == bindparam("position"),
        ),
    )
    .outerjoin(ItemVersion, ItemVersion.id == AttemptQuestion.version_id)
    .outerjoin(Item, Item.id == ItemVersion.item_id)
    .options(contains_eager(Attempt.quiz), joinedload(AttemptQuestion.response))
    .where(Attempt.uuid == bindparam("uuid"), Attempt.user_id == bindparam("user_id"))
)
_every_question = aliased(AttemptQuestion)
_answered_question = aliased(AttemptQuestion)
# The question page also shows every question's position and whether it is answered:
# two correlated aggregates in the same statement, so the page costs one statement.
QUESTION_PAGE = QUESTION_OF_ATTEMPT.add_columns(
    select(func.aggregate_strings(cast(_every_question.position, String), ","))
    .where(_every_question.attempt_id == Attempt.id)
    .scalar_subquery(),
    select(func.aggregate_strings(cast(_answered_question.position, String), ","))
    .select_from(Response)
    .join(_answered_question, _answered_question.id == Response.question_id)
    .where(Response.attempt_id == Attempt.id)
    .scalar_subquery(),
)
# The response is looked up by the attempt too: on PostgreSQL that keeps the join to the
# attempt's own responses even while the table's statistics lag behind its growth.
PROGRESS = (
    select(AttemptQuestion.position, Response.id.is_not(None))
    .outerjoin(
        Response,
        and_(
            Response.question_id == AttemptQuestion.id,
            Response.attempt_id == bindparam("attempt_id"),
        ),
    )
    .where(AttemptQuestion.attempt_id == bindparam("attempt_id"))
    .order_by(AttemptQuestion.position)
)


@dataclass(frozen=True)
class FoundQuestion:
    """What the question page and the answer POST load: the attempt (None when it is not
    the user's), the question at the position and the version it shows (None when the
    attempt has none there), and with `progress`, (position, answered) of every question.
    `user` holds the user's row for the request: the identity map keeps objects only
    while something refers to them, and Flask-Login's loader is to find it there."""

    attempt: Attempt | None
    question: AttemptQuestion | None = None
    version: ItemVersion | None = None
    progress: list[tuple[int, bool]] | None = None
    user: User | None = None


def find_question(
    uuid: str, user_id: int | None, position: int, progress: bool = False
) -> FoundQuestion:
    """The user's attempt with its quiz, its question at `position` and the version it
    shows (and with `progress` what `progress()` gives), with the user's own row, in one
    query. `user_id` may come straight from the session (auth/session_user.py): the
    caller must still require a signed-in user, which then costs no query."""
    if user_id is None:
        return FoundQuestion(None)
    found = db.session.execute(
        QUESTION_PAGE if progress else QUESTION_OF_ATTEMPT,
        {"uuid": uuid, "user_id": user_id, "position": position},
    ).first()
    if found is None:
        return FoundQuestion(None)
    attempt, question, version, item_uuid, kind, user = found[:6]
    if version is not None:
        version.item_uuid, version.item_type = item_uuid, kind  # as versions_of sets them
    done = None
    if progress:
        every, answered = (_positions(text) for text in found[6:8])
        done = [(p, p in answered) for p in sorted(every)]
    return FoundQuestion(attempt, question, version, done, user)


def _positions(text: str | None) -> set[int]:
    return {int(p) for p in text.split(",")} if text else set()


def no_question(position: int) -> AttemptError:
    return AttemptError(f"Question {position} is not in this attempt.", 404)


def question_and_version(attempt: Attempt, position: int) -> tuple[AttemptQuestion, ItemVersion]:
    """`question_at` and the version it shows (as `versions_of` gives it), in one query."""
    found = db.session.execute(
        select(AttemptQuestion, ItemVersion, Item.uuid, Item.type)
        .join(ItemVersion, ItemVersion.id == AttemptQuestion.version_id)
        .join(Item, Item.id == ItemVersion.item_id)
        .options(joinedload(AttemptQuestion.response))
        .where(AttemptQuestion.attempt_id == attempt.id, AttemptQuestion.position == position)
    ).first()
    if found is None:
        raise no_question(position)
    question, version, uuid, kind = found
    version.item_uuid, version.item_type = uuid, kind
    return question, version


def versions_of(questions: list[AttemptQuestion]) -> dict[int, ItemVersion]:
    """The frozen versions the questions show, by version id, in one query."""
    ids = {q.version_id for q in questions}
    if not ids:
        return {}
    rows = db.session.execute(
        select(ItemVersion, Item.uuid, Item.type)
        .join(Item, Item.id == ItemVersion.item_id)
        .where(ItemVersion.id.in_(ids))
    ).all()
    found = {}
    for version, uuid, kind in rows:
        version.item_uuid, version.item_type = uuid, kind  # plain attributes for the views
        found[version.id] = version
    return found


def progress(attempt: Attempt) -> list[tuple[int, bool]]:
    """(position, answered) for every question of the attempt, in one query."""
    return list(db.session.execute(PROGRESS, {"attempt_id": attempt.id}).all())


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


def answered_questions(attempt: Attempt) -> list[AttemptQuestion]:
    """Every question of the attempt with its response, in order, in one query."""
    return list(
        db.session.scalars(
            select(AttemptQuestion)
            .options(joinedload(AttemptQuestion.response))
            .where(AttemptQuestion.attempt_id == attempt.id)
            .order_by(AttemptQuestion.position)
        ).unique()
    )


def history(user) -> list[tuple[Attempt, Quiz]]:
    """The user's attempts, newest first, each with its quiz."""
    return list(
        db.session.execute(
            select(Attempt, Quiz)
            .join(Quiz, Quiz.id == Attempt.quiz_id)
            .where(Attempt.user_id == user.id)
            .order_by(Attempt.started_at.desc(), Attempt.id.desc())
        ).all()
    )


@dataclass(frozen=True)
class QuizSummary:
    quiz: Quiz
    attempts: int
    best: float | None  # the best submitted score as a share of the maximum
    unfinished: str | None  # the uuid of an attempt still open


def quiz_summaries(user) -> list[QuizSummary]:
    """The quizzes the user may take (instructors also preview unpublished ones), with
    the user's attempts, best share and open attempt."""
    stats = (
        select(
            Attempt.quiz_id,
            func.count(Attempt.id).label("attempts"),
            func.max(Attempt.score / func.nullif(Attempt.max_score, 0)).label("best"),
        )
        .where(Attempt.user_id == user.id)
        .group_by(Attempt.quiz_id)
        .subquery()
    )
    open_ = (
        select(Attempt.quiz_id, func.max(Attempt.uuid).label("uuid"))
        .where(Attempt.user_id == user.id, Attempt.submitted_at.is_(None))
        .group_by(Attempt.quiz_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Quiz, stats.c.attempts, stats.c.best, open_.c.uuid)
        .outerjoin(stats, stats.c.quiz_id == Quiz.id)
        .outerjoin(open_, open_.c.quiz_id == Quiz.id)
        .where(Quiz.published if not user.is_instructor else Quiz.id.is_not(None))
        .order_by(Quiz.title, Quiz.id)
    ).all()
    return [QuizSummary(q, n or 0, best, uuid) for q, n, best, uuid in rows]


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
