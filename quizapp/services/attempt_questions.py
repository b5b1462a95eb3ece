"""Reading an attempt's questions: the question at a position and the version it shows,
every question with its response, which are answered, and the one statement the
question page and the answer POST run (`find_question`). services/attempts.py starts,
records and submits attempts.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import String, and_, bindparam, cast, func, select
from sqlalchemy.orm import aliased, contains_eager, joinedload

from quizapp.extensions import db
from quizapp.models import Attempt, AttemptQuestion, Item, ItemVersion, Quiz, Response, User


class AttemptError(ValueError):
    """A request the attempt refuses; `status` is the HTTP status a view should answer."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


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
