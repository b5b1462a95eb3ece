"""POST /api/items/<uuid>/verdict: the editor's live verdict, CSRF-checked, saving nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Item
from tests.helpers import csrf_token, make_bank, make_users, sign_in


@pytest.fixture
def item(app, runner, tmp_path) -> Item:
    make_users()
    make_bank(runner, tmp_path)
    items = db.session.scalars(select(Item).where(Item.type == "cloze")).all()
    return next(i for i in items if i.current.verdict == "supported")


def fields(item: Item, **overrides) -> dict:
    version = item.current
    data = {
        "stem": version.stem,
        "answer": version.answer,
        "alternatives": "\n".join(version.alternatives),
        "distractors": "\n".join(version.distractors),
        "explanation": version.explanation,
        "tags": "",
        "sentence_key": version.citations[0].sentence_key,
    }
    data.update(overrides)
    return data


def test_the_verdict_of_the_typed_fields_comes_back_and_nothing_is_saved(client, item):
    sign_in(client, "instructor@example.org")
    token = csrf_token(client)
    url = f"/api/items/{item.uuid}/verdict"
    response = client.post(url, data=fields(item), headers={"X-CSRFToken": token})
    assert response.status_code == 200
    assert response.json["verdict"] == "supported" and response.json["reasons"]
    wrong = fields(item, answer="Napoleon Bonaparte", csrf_token=token)
    response = client.post(url, data=wrong)  # the token in the form works too
    assert response.json["verdict"] == "unsupported"
    assert any("Napoleon" in r or "answer" in r for r in response.json["reasons"])
    db.session.expire_all()
    assert len(db.session.get(Item, item.id).versions) == 1


def test_missing_fields_are_reported_as_invalid(client, item):
    sign_in(client, "instructor@example.org")
    headers = {"X-CSRFToken": csrf_token(client)}
    url = f"/api/items/{item.uuid}/verdict"
    response = client.post(url, data=fields(item, stem=""), headers=headers)
    assert response.status_code == 422 and response.json["verdict"] == "invalid"
    assert client.post("/api/items/nope/verdict", data={}, headers=headers).status_code == 404


def test_the_endpoint_needs_a_csrf_token_and_an_instructor(client, item):
    url = f"/api/items/{item.uuid}/verdict"
    response = client.post(url, data=fields(item))
    assert response.status_code in (302, 400)
    sign_in(client, "instructor@example.org")
    assert client.post(url, data=fields(item)).status_code == 400
    client.post("/logout", data={"csrf_token": csrf_token(client)})
    sign_in(client, "student@example.org")
    response = client.post(url, data=fields(item), headers={"X-CSRFToken": csrf_token(client)})
    assert response.status_code == 403


def test_an_anonymous_caller_is_sent_to_login(client, item):
    token = csrf_token(client)
    response = client.post(
        f"/api/items/{item.uuid}/verdict", data=fields(item), headers={"X-CSRFToken": token}
    )
    assert response.status_code == 302 and "/login" in response.headers["Location"]
