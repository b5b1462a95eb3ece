"""Passage topics: tagged in the reader, shown there, flowing to items, drafting by tag."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Item, ItemTag, Passage, PassageTag
from tests.helpers import csrf_token, make_bank, make_users, sign_in


@pytest.fixture
def reader(app, client, runner, tmp_path):
    make_bank(runner, tmp_path, only="cloze")
    sign_in(client, make_users()["instructor"].email)
    return client


def passages() -> list[Passage]:
    return db.session.scalars(select(Passage).order_by(Passage.ordinal)).all()


def test_tagging_selected_passages_shows_the_topic_and_tags_their_items(reader):
    first = passages()[0]
    token = csrf_token(reader, "/sources/history")
    response = reader.post(
        "/sources/history/tags",
        data={"passages": [first.key], "topic": "The Cheka", "csrf_token": token},
    )
    assert response.status_code == 302
    assert db.session.scalar(select(PassageTag.tag)) == "the-cheka"
    page = reader.get("/sources/history").get_data(as_text=True)
    assert re.search(r'class="topic"[^>]*>the-cheka</a>', page)
    tagged = set(
        db.session.scalars(select(ItemTag.item_id).where(ItemTag.tag == "topic:the-cheka"))
    )
    assert tagged and all(db.session.get(Item, i).type == "cloze" for i in tagged)


def test_a_suggested_topic_is_taken_with_one_click(app, reader):
    app.config["GLOSSARY_PATH"].exists()  # the shipped glossary names Dzerzhinsky
    page = reader.get("/sources/history").get_data(as_text=True)
    suggestion = re.search(r'name="suggest" value="([0-9a-f]+)\|([a-z0-9-]+)"', page)
    assert suggestion, "a passage mentioning glossary entities gets suggestions"
    token = csrf_token(reader, "/sources/history")
    reader.post(
        "/sources/history/tags",
        data={"suggest": f"{suggestion.group(1)}|{suggestion.group(2)}", "csrf_token": token},
    )
    assert db.session.scalar(select(PassageTag.tag)) == suggestion.group(2)


def test_generate_by_tag_drafts_only_from_tagged_passages(reader, runner):
    second = passages()[1]
    token = csrf_token(reader, "/sources/history")
    reader.post(
        "/sources/history/tags",
        data={"passages": [second.key], "topic": "purges", "csrf_token": token},
    )
    result = runner.invoke(args=["generate", "--only", "short_answer", "--tag", "purges"])
    assert result.exit_code == 0, result.output
    new = db.session.scalars(select(Item).where(Item.type == "short_answer")).all()
    for item in new:
        assert "topic:purges" in {t.tag for t in item.tags}
    page = reader.get("/bank/tags/purges").get_data(as_text=True)
    assert "Draft items from these passages" in page


def test_an_empty_topic_is_refused_and_students_cannot_tag(app, reader, client):
    token = csrf_token(reader, "/sources/history")
    response = reader.post(
        "/sources/history/tags",
        data={"passages": [passages()[0].key], "topic": "  ", "csrf_token": token},
        follow_redirects=True,
    )
    assert "Not tagged" in response.get_data(as_text=True)
    assert db.session.scalar(select(PassageTag)) is None
