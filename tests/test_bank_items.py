"""The item editor, /bank/items/<uuid>: view, check, save, bad input, history, decisions."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import AuditEvent, Item, Sentence
from tests.helpers import counted_statements, csrf_token, make_bank, make_users, sign_in


@pytest.fixture
def bank(app, runner, tmp_path):
    users = make_users()
    make_bank(runner, tmp_path)
    return users


@pytest.fixture
def instructor(client, bank):
    sign_in(client, "instructor@example.org")
    return client


def supported_item() -> Item:
    items = db.session.scalars(select(Item).order_by(Item.id)).all()
    return next(i for i in items if i.current.verdict == "supported" and i.type == "cloze")


def form_of(item: Item, **overrides) -> dict:
    version = item.current
    data = {
        "stem": version.stem,
        "answer": version.answer,
        "alternatives": "\n".join(version.alternatives),
        "distractors": "\n".join(version.distractors),
        "explanation": version.explanation,
        "tags": ", ".join(t.tag for t in item.tags),
        "sentence_key": version.citations[0].sentence_key,
        "action": "save",
    }
    data.update(overrides)
    return data


def post(client, url, data, token=None):
    data = {**data, "csrf_token": token or csrf_token(client)}
    return client.post(url, data=data)


def fresh(item: Item) -> Item:
    db.session.expire_all()
    return db.session.get(Item, item.id)


def test_anonymous_is_sent_to_login_and_a_student_is_refused(client, bank):
    item = supported_item()
    response = client.get(f"/bank/items/{item.uuid}")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    sign_in(client, "student@example.org")
    token = csrf_token(client)
    assert client.get(f"/bank/items/{item.uuid}").status_code == 403
    for action in ("", "/approve", "/reject", "/revert"):
        url = f"/bank/items/{item.uuid}{action}"
        assert client.post(url, data={"csrf_token": token}).status_code == 403


def test_the_page_shows_the_fields_the_verdict_and_the_history(instructor):
    item = supported_item()
    page = instructor.get(f"/bank/items/{item.uuid}").get_data(as_text=True)
    for field in ("stem", "answer", "alternatives", "distractors", "explanation", "tags", "q"):
        assert f'<label for="{field}">' in page and f'id="{field}"' in page
    assert re.search(r'class="verdict-name">supported<', page)
    assert "<mark>" + item.current.answer + "</mark>" in page
    assert "Version 1</strong> (current)" in page and "by generator cloze@" in page
    assert 'src="/static/editor.js"' in page and "<script>" not in page


def test_saving_makes_a_new_version_with_a_diff_and_the_author_email(instructor):
    item = supported_item()
    data = form_of(item, explanation="Told by the first sentence.", tags="cheka, founding")
    response = post(instructor, f"/bank/items/{item.uuid}", data)
    assert response.status_code == 302
    item = fresh(item)
    assert item.current_version == 2 and item.current.explanation == "Told by the first sentence."
    assert item.current.verdict == "supported"
    assert sorted(t.tag for t in item.tags) == ["cheka", "founding"]
    page = instructor.get(f"/bank/items/{item.uuid}").get_data(as_text=True)
    assert "by instructor@example.org" in page
    assert "<dt>Explanation</dt>" in page
    assert "<ins>first sentence.</ins>" in page and "<del>The source says:" in page
    assert "Saved version 2; its verdict is supported." in page


def test_check_previews_the_verdict_without_saving(instructor):
    item = supported_item()
    data = form_of(item, answer="Napoleon Bonaparte", action="check")
    page = post(instructor, f"/bank/items/{item.uuid}", data).get_data(as_text=True)
    assert "Would be" in page and re.search(r'class="verdict-name">unsupported<', page)
    assert fresh(item).current_version == 1


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"stem": "   "}, "stem"),
        ({"answer": ""}, "answer"),
        ({"distractors": "Moscow\n{answer}"}, "distractors"),
        ({"sentence_key": "{retired}"}, "sentence_key"),
        ({"sentence_key": "000000000000"}, "sentence_key"),
    ],
)
def test_bad_input_is_shown_beside_its_field_and_changes_nothing(instructor, overrides, field):
    item = supported_item()
    other = db.session.scalars(
        select(Sentence).where(Sentence.key != item.current.citations[0].sentence_key)
    ).first()
    other.retired = True
    db.session.commit()
    values = {
        k: v.replace("{answer}", item.current.answer.upper()).replace("{retired}", other.key)
        for k, v in overrides.items()
    }
    response = post(instructor, f"/bank/items/{item.uuid}", form_of(item, **values))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert re.search(rf'<ul class="errors" id="{field}-errors">\s*<li>', page)
    item = fresh(item)
    assert item.current_version == 1 and len(item.versions) == 1
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "edit")) is None


def test_a_post_without_a_csrf_token_is_refused(instructor):
    item = supported_item()
    data = form_of(item, explanation="Sneaky.")
    assert instructor.post(f"/bank/items/{item.uuid}", data=data).status_code == 400
    assert fresh(item).current_version == 1


def test_a_sentence_found_by_search_can_be_cited(instructor):
    item = supported_item()
    kirov = db.session.scalar(select(Sentence).where(Sentence.text.contains("Kirov")))
    page = instructor.get(f"/bank/items/{item.uuid}?q=kirov+leningrad").get_data(as_text=True)
    assert f'value="{kirov.key}"' in page and kirov.text in page
    data = form_of(item, sentence_key=kirov.key, stem="_____ was assassinated in Leningrad.")
    data["answer"] = "Sergei Kirov"
    assert post(instructor, f"/bank/items/{item.uuid}", data).status_code == 302
    item = fresh(item)
    assert item.current.citations[0].sentence_key == kirov.key
    assert item.current.verdict == "supported"


def test_approving_an_unsupported_item_needs_an_override_reason_shown_on_the_page(instructor):
    item = supported_item()
    post(instructor, f"/bank/items/{item.uuid}", form_of(item, answer="Napoleon Bonaparte"))
    assert fresh(item).current.verdict == "unsupported"
    response = post(instructor, f"/bank/items/{item.uuid}/approve", {"override_reason": " "})
    assert response.status_code == 422
    assert re.search(r'id="override_reason-errors">\s*<li>', response.get_data(as_text=True))
    assert fresh(item).status == "draft"
    reason = "The next sentence names him."
    response = post(instructor, f"/bank/items/{item.uuid}/approve", {"override_reason": reason})
    assert response.status_code == 302
    item = fresh(item)
    assert item.status == "approved" and item.override_reason == reason
    page = instructor.get(f"/bank/items/{item.uuid}").get_data(as_text=True)
    assert 'class="item-override"' in page and reason in page


def test_reject_needs_a_reason_and_revert_restores_an_old_version(instructor):
    item = supported_item()
    url = f"/bank/items/{item.uuid}"
    assert post(instructor, url + "/reject", {"reject-reason": ""}).status_code == 422
    assert post(instructor, url + "/reject", {"reject-reason": "Trivial."}).status_code == 302
    assert fresh(item).status == "rejected"
    post(instructor, url, form_of(item, answer="Napoleon Bonaparte"))
    assert post(instructor, url + "/revert", {"number": "1"}).status_code == 302
    item = fresh(item)
    assert item.current_version == 3 and item.current.verdict == "supported"
    assert item.current.answer == item.versions[0].answer
    assert post(instructor, url + "/revert", {"number": "9"}).status_code == 302
    assert fresh(item).current_version == 3


def test_the_page_makes_the_same_number_of_queries_however_long_the_history(instructor):
    item = supported_item()
    url = f"/bank/items/{item.uuid}?q=Cheka"
    counts = []
    for edits in (1, 4):
        for n in range(edits):
            post(instructor, url, form_of(fresh(item), explanation=f"{edits}.{n}"))
        db.session.expire_all()
        with counted_statements() as statements:
            assert instructor.get(url).status_code == 200
        counts.append(len(statements))
    assert len(fresh(item).versions) == 6
    assert counts[0] == counts[1] <= 12, counts
