"""/bank/stale: items whose cited sentence a re-ingest changed or retired; re-cite or retire."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Item, Sentence
from tests.helpers import (
    HISTORY_TEXT,
    counted_statements,
    csrf_token,
    make_bank,
    make_users,
    sign_in,
)

REWORDED = ("a Polish intellectual", "a Polish nobleman")
REPUNCTUATED = ("in Leningrad in December 1934.", "in Leningrad in December, 1934.")


@pytest.fixture
def stale_bank(app, runner, tmp_path):
    """A bank, then its text ingested again with one sentence reworded, one re-punctuated."""
    make_users()
    make_bank(runner, tmp_path)
    text = HISTORY_TEXT.replace(*REWORDED).replace(*REPUNCTUATED)
    (tmp_path / "history.txt").write_text(text)
    assert runner.invoke(args=["ingest", str(tmp_path / "history.txt")]).exit_code == 0
    assert runner.invoke(args=["check"]).exit_code == 0


def stale_items() -> list[Item]:
    db.session.expire_all()
    items = db.session.scalars(select(Item).order_by(Item.id)).all()
    return [i for i in items if i.current.verdict == "stale"]


def cited(item: Item) -> Sentence:
    key = item.current.citations[0].sentence_key
    return db.session.scalar(select(Sentence).where(Sentence.key == key))


def test_only_instructors_see_the_page(client, stale_bank):
    response = client.get("/bank/stale")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    sign_in(client, "student@example.org")
    token = csrf_token(client)
    assert client.get("/bank/stale").status_code == 403
    uuid = stale_items()[0].uuid
    for action in ("recite", "retire"):
        response = client.post(f"/bank/stale/{uuid}/{action}", data={"csrf_token": token})
        assert response.status_code == 403


def test_the_page_shows_old_and_new_text_for_changed_and_retired_sentences(client, stale_bank):
    items = stale_items()
    retired = [i for i in items if cited(i).retired]
    changed = [i for i in items if not cited(i).retired]
    assert retired and changed
    sign_in(client, "instructor@example.org")
    page = client.get("/bank/stale").get_data(as_text=True)
    assert page.count('class="stale-item"') == len(items)
    assert "a Polish intellectual" in page and "a Polish nobleman" in page
    assert "removed from its source; this is its last text" in page
    assert "The sentence now at its place in the passage." in page
    assert "December, 1934." in page and "the hash differs" in page
    assert "The same sentence, as it reads now." in page
    for item in items:
        assert f'href="/bank/items/{item.uuid}"' in page


def test_re_citing_moves_the_item_to_the_new_sentence(client, stale_bank):
    item = next(i for i in stale_items() if cited(i).retired)
    new = db.session.scalar(select(Sentence).where(Sentence.text.contains("nobleman")))
    sign_in(client, "instructor@example.org")
    data = {"sentence_key": new.key, "csrf_token": csrf_token(client)}
    response = client.post(f"/bank/stale/{item.uuid}/recite", data=data)
    assert response.status_code == 302
    item = db.session.get(Item, item.id)
    assert item.current_version == 2 and item.current.citations[0].sentence_key == new.key
    assert item.current.verdict != "stale"
    assert item.uuid not in client.get("/bank/stale").get_data(as_text=True)


def test_re_citing_a_retired_sentence_is_refused(client, stale_bank):
    item = next(i for i in stale_items() if cited(i).retired)
    sign_in(client, "instructor@example.org")
    data = {"sentence_key": cited(item).key, "csrf_token": csrf_token(client)}
    client.post(f"/bank/stale/{item.uuid}/recite", data=data)
    assert db.session.get(Item, item.id).current_version == 1
    page = client.get("/bank/stale").get_data(as_text=True)
    assert "Not re-cited: that sentence was removed from its source" in page


def test_retiring_needs_a_reason_and_a_csrf_token(client, stale_bank):
    item = stale_items()[0]
    sign_in(client, "instructor@example.org")
    url = f"/bank/stale/{item.uuid}/retire"
    assert client.post(url, data={"reason": "Gone."}).status_code == 400
    response = client.post(url, data={"reason": " ", "csrf_token": csrf_token(client)})
    assert response.status_code == 422
    assert f'id="retire-{item.uuid}-errors"' in response.get_data(as_text=True)
    assert db.session.get(Item, item.id).status == "draft"
    data = {"reason": "The source no longer says it.", "csrf_token": csrf_token(client)}
    assert client.post(url, data=data).status_code == 302
    item = db.session.get(Item, item.id)
    assert (item.status, item.status_reason) == ("retired", "The source no longer says it.")
    assert f"/bank/items/{item.uuid}" not in client.get("/bank/stale").get_data(as_text=True)


def test_the_page_makes_the_same_number_of_queries_however_many_items(client, stale_bank):
    sign_in(client, "instructor@example.org")
    items = stale_items()
    assert len(items) >= 3
    counts = []
    for _ in range(2):
        db.session.expire_all()
        with counted_statements() as statements:
            assert client.get("/bank/stale").status_code == 200
        counts.append(len(statements))
        data = {"reason": "Fewer.", "csrf_token": csrf_token(client)}
        client.post(f"/bank/stale/{items.pop().uuid}/retire", data=data)
    assert counts[0] == counts[1] <= 10, counts
