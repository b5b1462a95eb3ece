"""/bank/review: the queue of drafts and its actions; /bank/audit: the record of them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import AuditEvent, Item
from tests.helpers import csrf_token, make_bank, make_users, sign_in
from tests.test_bank_browse import seed_bank


@pytest.fixture
def instructor(app, client):
    users = make_users()
    sign_in(client, "instructor@example.org")
    return users["instructor"]


@pytest.fixture
def token(client, instructor) -> str:
    return csrf_token(client, "/sources/")


def items_by_answer(answer: str) -> list[Item]:
    return [
        i for i in db.session.scalars(select(Item).order_by(Item.id)) if i.current.answer == answer
    ]


def stems_of(page: str) -> list[str]:
    return re.findall(r'class="stem">([^<]+)<', page)


def test_the_queue_holds_drafts_best_score_first(client, instructor):
    seed_bank(6)
    rejected = items_by_answer("1926")[0]
    rejected.status = "rejected"
    db.session.commit()
    page = client.get("/bank/review").get_data(as_text=True)
    stems = stems_of(page)
    assert len(stems) == 5 and stems[0].startswith("Question 0:")
    assert [int(s.split()[1].rstrip(":")) for s in stems] == [0, 2, 3, 4, 5]


def test_an_item_shows_its_cited_sentence_in_its_passage(client, instructor):
    seed_bank(3)
    page = client.get("/bank/review").get_data(as_text=True)
    assert (
        '<span class="cited-sentence">Felix Dzerzhinsky led the Cheka until his death in '
        "<mark>1926</mark>.</span>"
    ) in page
    assert "Petrograd. <span" in page  # the passage around it
    assert 'href="/sources/history#s-history-s1"' in page
    assert "<strong>Verdict:</strong> unsupported" in page
    assert "<li>the answer is not in the sentence</li>" in page
    assert "<dt>Generator</dt><dd>generator:cloze@2</dd>" in page
    assert "<dt>Score</dt><dd>0.75</dd>" in page
    assert f'href="/bank/items/{items_by_answer("GPU")[0].uuid}"' in page


def test_the_queue_works_on_a_generated_bank(client, instructor, runner, tmp_path: Path):
    make_bank(runner, tmp_path)
    page = client.get("/bank/review").get_data(as_text=True)
    assert stems_of(page) and "<mark>" in page and "#s-" in page


def test_the_page_has_no_inline_script_and_labels_every_field(client, instructor):
    seed_bank(3)
    page = client.get("/bank/review").get_data(as_text=True)
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/review.js" defer>']
    ids = re.findall(
        r'<(?:textarea|select|input)(?![^>]*type="(?:hidden|submit)")[^>]*id="([^"]+)"', page
    )
    assert ids and len(ids) == len(set(ids))
    for field_id in ids:
        assert f'<label for="{field_id}">' in page
    assert client.get("/static/review.js").status_code == 200


def test_approving_a_supported_item_keeps_the_filters(client, token):
    seed_bank(3)
    item = items_by_answer("1917")[0]
    response = client.post(
        f"/bank/review/{item.uuid}/approve?type=cloze&page=1", data={"csrf_token": token}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/bank/review?type=cloze"
    db.session.refresh(item)
    assert item.status == "approved"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.object_id == item.uuid))
    assert (event.action, event.before["status"], event.after["status"]) == (
        "approve",
        "draft",
        "approved",
    )
    assert "Approved: Question 0" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_approving_an_unsupported_item_shows_the_refusal_beside_the_override(client, token):
    seed_bank(3)
    item = items_by_answer("GPU")[0]
    response = client.post(f"/bank/review/{item.uuid}/approve", data={"csrf_token": token})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    field = f"override_reason-{item.uuid}"
    assert f'aria-describedby="{field}-errors"' in page
    errors = re.search(rf'<ul class="errors" id="{field}-errors"[^>]*>(.*?)</ul>', page).group(1)
    assert "this item&#39;s verdict is unsupported" in errors and "override reason" in errors
    db.session.refresh(item)
    assert item.status == "draft"

    response = client.post(
        f"/bank/review/{item.uuid}/approve",
        data={"csrf_token": token, "override_reason": "The GPU is named in the next passage."},
    )
    assert response.status_code == 302
    db.session.refresh(item)
    assert (item.status, item.override_reason) == (
        "approved",
        "The GPU is named in the next passage.",
    )


def test_rejecting_needs_a_reason(client, token):
    seed_bank(3)
    item = items_by_answer("1926")[0]
    response = client.post(f"/bank/review/{item.uuid}/reject", data={"csrf_token": token})
    assert response.status_code == 200
    assert "Give a reason to reject this item." in response.get_data(as_text=True)
    response = client.post(
        f"/bank/review/{item.uuid}/reject?verdict=supported",
        data={"csrf_token": token, "reason": "Trivia."},
    )
    assert response.headers["Location"] == "/bank/review?verdict=supported"
    db.session.refresh(item)
    assert (item.status, item.status_reason) == ("rejected", "Trivia.")


def test_an_action_without_its_csrf_token_is_refused(client, instructor):
    seed_bank(1)
    item = items_by_answer("1917")[0]
    assert client.post(f"/bank/review/{item.uuid}/approve").status_code == 400
    assert client.post("/bank/review/approve-supported").status_code == 400
    db.session.refresh(item)
    assert item.status == "draft"


def test_an_unknown_item_is_not_found(client, token):
    response = client.post("/bank/review/no-such-item/approve", data={"csrf_token": token})
    assert response.status_code == 404


def test_bulk_approve_takes_the_supported_drafts_the_filters_select(client, token):
    seed_bank(30)  # 20 supported (10 cloze), 10 unsupported
    page = client.get("/bank/review?type=cloze").get_data(as_text=True)
    assert 'value="Approve the 10 supported drafts"' in page
    response = client.post("/bank/review/approve-supported?type=cloze", data={"csrf_token": token})
    assert response.headers["Location"] == "/bank/review?type=cloze"
    statuses = [(i.type, i.current.verdict, i.status) for i in db.session.scalars(select(Item))]
    approved = [s for s in statuses if s[2] == "approved"]
    assert len(approved) == 10 and all(s[:2] == ("cloze", "supported") for s in approved)
    assert "Approved 10 supported drafts; skipped 0." in client.get(
        response.headers["Location"]
    ).get_data(as_text=True)
    assert db.session.query(AuditEvent).count() == 10


def test_bulk_approve_does_nothing_under_another_verdict_filter(client, token):
    seed_bank(3)
    page = client.get("/bank/review?verdict=unsupported").get_data(as_text=True)
    assert "supported drafts" not in page
    client.post("/bank/review/approve-supported?verdict=unsupported", data={"csrf_token": token})
    assert {i.status for i in db.session.scalars(select(Item))} == {"draft"}


def test_the_audit_log_lists_changes_newest_first(client, token):
    seed_bank(3)
    first, second = items_by_answer("1917")[0], items_by_answer("1926")[0]
    client.post(f"/bank/review/{first.uuid}/approve", data={"csrf_token": token})
    client.post(f"/bank/review/{second.uuid}/reject", data={"csrf_token": token, "reason": "Dull."})
    page = client.get("/bank/audit").get_data(as_text=True)
    assert page.index(second.uuid[:8]) < page.index(first.uuid[:8])
    assert page.count("instructor@example.org</td>") == 2
    assert "reject item" in page and "approve item" in page
    assert '<span class="before">draft</span> → <span class="after">rejected</span>' in page
    assert '<span class="before">—</span> → <span class="after">Dull.</span>' in page


def test_the_audit_log_is_paginated(client, instructor):
    for n in range(55):
        db.session.add(
            AuditEvent(
                user_id=instructor.id, action="approve", object_type="item", object_id=f"x{n}"
            )
        )
    db.session.commit()
    first = client.get("/bank/audit").get_data(as_text=True)
    assert "Page 1 of 2" in first and 'href="/bank/audit?page=2"' in first
    assert client.get("/bank/audit?page=2").get_data(as_text=True).count("approve item") == 5
