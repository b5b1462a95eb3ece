"""/bank/stats: facility and discrimination per item and per cited passage, the common
wrong answers, negative discrimination flagged; only students' submitted attempts count."""

from __future__ import annotations

import statistics

import pytest
from sqlalchemy import event

from quizapp.extensions import db
from quizapp.services import attempt_questions, attempts, item_stats
from quizapp.services.attempts import Given
from quizapp.services.users import create_user
from tests.helpers import PASSWORD, make_users, sign_in
from tests.quiz_helpers import as_user, bank_with_every_type, published_quiz

# Per student: the cloze answer typed, whether true/false and multiple choice are right.
# The strong students miss the cloze and the weak one gets it: its discrimination is negative.
ANSWERS = [
    ("Lenin", True, True),
    ("Lenin", True, True),
    ("Felix Dzerzhinsky", False, False),
    ("Stalin", True, False),
]


@pytest.fixture
def taken(app, runner, tmp_path):
    items = bank_with_every_type(runner, tmp_path)
    users = make_users()
    kinds = ("cloze", "true_false", "multiple_choice")
    quiz = published_quiz(users["instructor"], [items[k] for k in kinds])
    students = [create_user(f"s{n}@example.org", "student", PASSWORD)[0] for n in range(4)]
    for student, (typed, tf_right, mc_right) in zip(students, ANSWERS, strict=True):
        take(quiz, student, items, typed, tf_right, mc_right)
    # neither an instructor's preview nor an unsubmitted attempt counts
    take(quiz, users["instructor"], items, "Felix Dzerzhinsky", True, True)
    take(quiz, users["other_student"], items, "Kirov", True, True, submit=False)
    return items, users


def take(quiz, user, items, typed, tf_right, mc_right, submit=True):
    attempt = attempts.start(quiz, user)
    truth = items["true_false"].current.payload["truth"]
    mc = items["multiple_choice"].current
    choice = mc.answer if mc_right else mc.distractors[0]
    given = [
        Given({"text": typed}, typed),
        Given({"value": truth if tf_right else not truth}, "tf"),
        Given({"choice": choice}, choice),
    ]
    versions = attempt_questions.versions_of(attempt.questions)
    for question, answer in zip(attempt.questions, given, strict=True):
        attempts.record_answer(attempt, question, versions[question.version_id], answer, user)
    if submit:
        attempts.submit(attempt, user)


def expected(column: int) -> tuple[float, float | None]:
    """Facility and discrimination of one question, computed here from ANSWERS."""
    credits = [
        [1.0 if typed == "Felix Dzerzhinsky" else 0.0, float(tf), float(mc)]
        for typed, tf, mc in ANSWERS
    ]
    x = [row[column] for row in credits]
    y = [sum(row) - row[column] for row in credits]
    try:
        r = statistics.correlation(x, y)
    except statistics.StatisticsError:
        r = None
    return statistics.mean(x), r


def test_indices_per_item_match_a_direct_computation(taken):
    items, _ = taken
    found = {s.uuid: s for s in item_stats.item_stats()}
    assert set(found) == {items[k].uuid for k in ("cloze", "true_false", "multiple_choice")}
    for column, kind in enumerate(("cloze", "true_false", "multiple_choice")):
        stat = found[items[kind].uuid]
        facility, discrimination = expected(column)
        assert stat.indices.n == 4
        assert stat.indices.facility == pytest.approx(facility)
        if discrimination is None:
            assert stat.indices.discrimination is None
        else:
            assert stat.indices.discrimination == pytest.approx(discrimination)
    cloze = found[items["cloze"].uuid]
    assert cloze.indices.flagged and cloze.correct == 1
    assert cloze.wrong_answers == [("Lenin", 2), ("Stalin", 1)]
    assert item_stats.item_stats()[0].uuid == cloze.uuid  # flagged items come first


def test_passages_roll_up_the_items_citing_them(taken):
    items, _ = taken
    passages = item_stats.passage_stats()
    assert passages and all(p.slug == "history" for p in passages)
    assert sum(p.items for p in passages) == 3  # each item cites one sentence
    assert sum(p.indices.n for p in passages) == 12


def test_the_page_is_for_instructors_and_flags_negative_discrimination(taken, app):
    items, users = taken
    assert as_user(app, users["student"].email).get("/bank/stats").status_code == 403
    instructor = as_user(app, users["instructor"].email)
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        page = instructor.get("/bank/stats").get_data(as_text=True)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert "“Lenin” × 2" in page and 'class="flag">review' in page
    assert f"/bank/items/{items['cloze'].uuid}" in page and "/sources/history#p-" in page
    assert len(statements) <= 6, len(statements)


def test_an_empty_history_says_so(app, client):
    users = make_users()
    sign_in(client, users["instructor"].email)
    page = client.get("/bank/stats").get_data(as_text=True)
    assert "No student has submitted an attempt yet." in page
