"""The quiz builder: create, choose items, add rules, publish only what students may take."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import AuditEvent, Item, Quiz
from quizapp.services import quizzes
from tests.helpers import csrf_token, make_bank, make_users, sign_in


@pytest.fixture
def instructor_client(app, client, runner, tmp_path):
    make_bank(runner, tmp_path, only="cloze,short_answer")
    users = make_users()
    sign_in(client, users["instructor"].email)
    client.users = users
    return client


def create(client, title: str = "Week 1") -> Quiz:
    token = csrf_token(client, "/bank/quizzes")
    response = client.post(
        "/bank/quizzes",
        data={
            "title": title,
            "feedback": "immediate",
            "shuffle_questions": "y",
            "csrf_token": token,
        },
    )
    assert response.status_code == 302
    return db.session.scalar(select(Quiz).where(Quiz.title == title))


def approve_some(count: int) -> list[Item]:
    items = [
        i
        for i in db.session.scalars(select(Item).order_by(Item.id))
        if i.current.verdict == "supported"
    ][:count]
    for item in items:
        item.status = "approved"
    db.session.commit()
    return items


def test_a_student_may_not_open_the_quiz_builder(app, client):
    users = make_users()
    sign_in(client, users["student"].email)
    assert client.get("/bank/quizzes").status_code == 403


def test_create_a_quiz_with_chosen_items_and_publish_it(instructor_client):
    client = instructor_client
    quiz = create(client)
    page = client.get(f"/bank/quizzes/{quiz.uuid}").get_data(as_text=True)
    assert "the quiz has no items and no rules" in page
    items = approve_some(3)
    token = csrf_token(client, f"/bank/quizzes/{quiz.uuid}")
    client.post(
        f"/bank/quizzes/{quiz.uuid}/items",
        data={"items": [i.uuid for i in items], "csrf_token": token},
    )
    db.session.refresh(quiz)
    assert len(quiz.items) == 3
    client.post(f"/bank/quizzes/{quiz.uuid}/publish", data={"csrf_token": token})
    db.session.refresh(quiz)
    assert quiz.published
    actions = set(
        db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_id == quiz.uuid))
    )
    assert {"create", "add_items", "publish"} <= actions


def test_a_rule_that_finds_too_few_approved_items_blocks_publishing(instructor_client):
    client = instructor_client
    quiz = create(client)
    token = csrf_token(client, f"/bank/quizzes/{quiz.uuid}")
    client.post(
        f"/bank/quizzes/{quiz.uuid}/rules",
        data={"count": "2", "source": "history", "item_type": "cloze", "csrf_token": token},
    )
    response = client.post(
        f"/bank/quizzes/{quiz.uuid}/publish", data={"csrf_token": token}, follow_redirects=True
    )
    assert "finds only 0 approved items" in response.get_data(as_text=True)
    db.session.refresh(quiz)
    assert not quiz.published
    approve_some(10)
    client.post(f"/bank/quizzes/{quiz.uuid}/publish", data={"csrf_token": token})
    db.session.refresh(quiz)
    assert quiz.published
    drawn = quizzes.draw_items(quiz, seed=7)
    assert len(drawn) == 2 and all(i.type == "cloze" and i.status == "approved" for i in drawn)
    assert [i.id for i in quizzes.draw_items(quiz, seed=7)] == [i.id for i in drawn]


def test_bad_settings_are_refused_beside_their_field(instructor_client):
    client = instructor_client
    quiz = create(client)
    token = csrf_token(client, f"/bank/quizzes/{quiz.uuid}")
    response = client.post(
        f"/bank/quizzes/{quiz.uuid}/settings",
        data={
            "title": "",
            "feedback": "immediate",
            "time_limit_minutes": "-5",
            "csrf_token": token,
        },
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'id="title-errors"' in page and 'id="time_limit_minutes-errors"' in page
    db.session.refresh(quiz)
    assert quiz.title == "Week 1"


def test_a_rule_needs_a_filter(instructor_client):
    client = instructor_client
    quiz = create(client)
    token = csrf_token(client, f"/bank/quizzes/{quiz.uuid}")
    response = client.post(
        f"/bank/quizzes/{quiz.uuid}/rules",
        data={"count": "2", "source": "", "item_type": "", "csrf_token": token},
    )
    assert response.status_code == 400
    assert re.search(r"needs a source, section, tag or type", response.get_data(as_text=True))
    db.session.refresh(quiz)
    assert quiz.rules == []
