"""The attempts service: starting, freezing versions, recording answers once, deadlines,
submission and scores from the versions shown."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import Attempt, Response
from quizapp.services import attempt_history, attempt_questions, attempts, bank
from quizapp.services.attempts import AttemptError, Given
from quizapp.services.bank import ItemChanges
from tests.helpers import make_users
from tests.quiz_helpers import bank_with_every_type, published_quiz


@pytest.fixture
def setting(app, runner, tmp_path):
    items = bank_with_every_type(runner, tmp_path)
    users = make_users()
    return items, users


def answer(attempt, position, given: dict, text: str, user, at=None):
    question = attempt_questions.question_at(attempt, position)
    version = attempt_questions.versions_of([question])[question.version_id]
    return attempts.record_answer(attempt, question, version, Given(given, text), user, at)


def responses() -> int:
    return db.session.scalar(select(func.count(Response.id)))


def test_start_freezes_versions_and_resumes_the_open_attempt(setting):
    items, users = setting
    quiz = published_quiz(users["instructor"], [items["cloze"], items["chronology"]])
    attempt = attempts.start(quiz, users["student"], seed=1)
    assert [q.version_id for q in attempt.questions] == [
        items["cloze"].current.id,
        items["chronology"].current.id,
    ]
    # the events are never shown in the right order
    assert attempt.questions[1].choices != sorted(attempt.questions[1].choices)
    assert attempt.max_score == 2.0 and attempt.deadline is None
    assert attempts.start(quiz, users["student"]).id == attempt.id
    assert db.session.scalar(select(func.count(Attempt.id))) == 1


def test_an_answer_is_graded_once_and_the_same_answer_again_records_nothing(setting):
    items, users = setting
    item = items["cloze"]
    shown = item.current
    # without alternatives, "Iron Felix" counts through the corpus's names for the answer
    bank.edit(item, users["instructor"], ItemChanges(stem=shown.stem, answer=shown.answer))
    assert item.status == "approved" and item.current.alternatives == []
    quiz = published_quiz(users["instructor"], [item])
    student = users["student"]
    attempt = attempts.start(quiz, student)
    first = answer(attempt, 1, {"text": "Iron Felix"}, "Iron Felix", student)
    assert first.new and first.grade.correct and first.grade.reason == "alias"
    again = answer(attempt, 1, {"text": "Iron Felix"}, "Iron Felix", student)
    assert not again.new and again.grade == first.grade and responses() == 1
    with pytest.raises(AttemptError, match="first answer stands"):
        answer(attempt, 1, {"text": "Lenin"}, "Lenin", student)
    assert db.session.scalar(select(Response.given)) == "Iron Felix"


def test_after_submission_feedback_lets_an_answer_change_until_submitted(setting):
    items, users = setting
    quiz = published_quiz(users["instructor"], [items["cloze"]], feedback="after_submission")
    student = users["student"]
    attempt = attempts.start(quiz, student)
    answer(attempt, 1, {"text": "Menzhinsky"}, "Menzhinsky", student)
    changed = answer(attempt, 1, {"text": "Dzerzhinsky"}, "Dzerzhinsky", student)
    assert changed.grade.correct and responses() == 1
    attempts.submit(attempt, student)
    assert attempt.score == 1.0
    with pytest.raises(AttemptError, match="submitted"):
        answer(attempt, 1, {"text": "Lenin"}, "Lenin", student)


def test_a_later_edit_of_the_item_changes_neither_the_questions_nor_the_score(setting):
    items, users = setting
    item = items["cloze"]
    quiz = published_quiz(users["instructor"], [item])
    student = users["student"]
    attempt = attempts.start(quiz, student)
    shown = item.current
    answer(attempt, 1, {"text": shown.answer}, shown.answer, student)
    attempts.submit(attempt, student)
    bank.edit(
        item,
        users["instructor"],
        ItemChanges(stem=shown.stem, answer="Menzhinsky", explanation="Edited."),
    )
    assert item.current_version == 2
    db.session.expire_all()
    question = attempt_questions.question_at(attempt, 1)
    assert question.version_id == shown.id
    assert attempt_questions.versions_of([question])[shown.id].answer == shown.answer
    assert db.session.get(Attempt, attempt.id).score == 1.0


def test_the_deadline_is_kept_on_the_server(setting):
    items, users = setting
    quiz = published_quiz(users["instructor"], [items["true_false"]], time_limit_minutes=5)
    student = users["student"]
    attempt = attempts.start(quiz, student)
    late = attempt.started_at + timedelta(minutes=6)
    with pytest.raises(AttemptError, match="Time is up"):
        answer(attempt, 1, {"value": True}, "True", student, at=late)
    assert responses() == 0
    assert attempt.submitted_at is not None and attempt.score == 0.0


def test_closed_quizzes_and_used_up_attempts_are_refused(setting):
    items, users = setting
    instructor, student = users["instructor"], users["student"]
    quiz = published_quiz(instructor, [items["true_false"]], attempts_allowed=1)
    attempt = attempts.start(quiz, student)
    attempts.submit(attempt, student)
    with pytest.raises(AttemptError, match="used all 1 attempt"):
        attempts.start(quiz, student)
    other = published_quiz(instructor, [items["cloze"]], title="Other")
    open_attempt = attempts.start(other, student)
    from quizapp.services import quizzes

    quizzes.unpublish(other, instructor)
    with pytest.raises(AttemptError, match="closed"):
        answer(open_attempt, 1, {"text": "x"}, "x", student)
    with pytest.raises(AttemptError, match="closed"):
        attempts.start(other, users["other_student"])
    assert responses() == 0
    # an instructor may still preview the unpublished quiz
    assert attempts.start(other, instructor).user_id == instructor.id


def test_another_users_attempt_is_not_found_and_takes_no_answer(setting):
    items, users = setting
    quiz = published_quiz(users["instructor"], [items["true_false"]])
    attempt = attempts.start(quiz, users["student"])
    assert attempts.find_attempt(attempt.uuid, users["other_student"]) is None
    with pytest.raises(AttemptError, match="not yours"):
        answer(attempt, 1, {"value": True}, "True", users["other_student"])
    with pytest.raises(AttemptError, match="not in this attempt"):
        attempt_questions.question_at(attempt, 9)
    assert responses() == 0


def test_every_type_is_scored_from_its_frozen_version(setting):
    items, users = setting
    order = ["cloze", "multiple_choice", "short_answer", "true_false", "chronology", "matching"]
    quiz = published_quiz(users["instructor"], [items[k] for k in order])
    student = users["student"]
    attempt = attempts.start(quiz, student)
    mc = items["multiple_choice"].current
    truth = items["true_false"].current.payload["truth"]
    answer(attempt, 1, {"text": "Dzerzhinksy"}, "Dzerzhinksy", student)  # near miss: right
    answer(attempt, 2, {"choice": mc.distractors[0]}, mc.distractors[0], student)  # wrong
    answer(attempt, 4, {"value": truth}, str(truth), student)
    events = len(items["chronology"].current.payload["events"])
    answer(attempt, 5, {"order": list(range(events))}, "in order", student)
    answer(attempt, 6, {"pairs": {"0": 0, "1": 2, "2": 1}}, "one right", student)
    attempts.submit(attempt, student)
    assert attempt.max_score == 6.0
    assert attempt.score == pytest.approx(1 + 0 + 0 + 1 + 1 + 1 / 3, abs=1e-3)
    summary = attempt_history.quiz_summaries(student)[0]
    assert summary.attempts == 1 and summary.best == pytest.approx(attempt.score / 6)


def test_an_item_retired_after_publishing_is_not_drawn_for_students(setting):
    items, users = setting
    quiz = published_quiz(users["instructor"], [items["cloze"], items["true_false"]])
    bank.retire(items["true_false"], users["instructor"], "Outdated.")
    attempt = attempts.start(quiz, users["student"])
    assert [q.item_id for q in attempt.questions] == [items["cloze"].id]
    assert attempt.max_score == 1.0
