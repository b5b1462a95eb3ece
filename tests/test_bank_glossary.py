"""The glossary editor: invalid YAML is refused with its line; a save re-tags and re-checks."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import EntityRecord
from tests.helpers import csrf_token, make_bank, make_users, sign_in

GLOSSARY = """- name: Felix Dzerzhinsky
  type: person
  aliases: [Dzerzhinsky, Iron Felix]
  description: First head of the Cheka.
"""


@pytest.fixture
def editor(app, client, runner, tmp_path):
    shipped = app.config["GLOSSARY_PATH"]
    app.config["GLOSSARY_PATH"] = tmp_path / "glossary.yaml"
    make_bank(runner, tmp_path, only="cloze")
    sign_in(client, make_users()["instructor"].email)
    yield client
    app.config["GLOSSARY_PATH"] = shipped


def test_saving_a_glossary_writes_it_and_retags_the_corpus(app, editor):
    token = csrf_token(editor, "/bank/glossary")
    response = editor.post(
        "/bank/glossary", data={"text": GLOSSARY, "csrf_token": token}, follow_redirects=True
    )
    assert "re-tagged" in response.get_data(as_text=True)
    assert app.config["GLOSSARY_PATH"].read_text() == GLOSSARY
    entity = db.session.scalar(
        select(EntityRecord).where(EntityRecord.key == "person:felix-dzerzhinsky")
    )
    assert entity is not None and entity.source == "glossary"
    assert "Iron Felix" in entity.aliases


def test_an_invalid_glossary_is_refused_with_its_line_and_nothing_is_written(app, editor):
    token = csrf_token(editor, "/bank/glossary")
    bad = GLOSSARY + "- name: Kirov\n  type: wizard\n  description: Leningrad party chief.\n"
    response = editor.post("/bank/glossary", data={"text": bad, "csrf_token": token})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "glossary.yaml:6" in page and "wizard" in page
    assert not app.config["GLOSSARY_PATH"].exists()


def test_students_may_not_edit_the_glossary(app, client):
    sign_in(client, make_users()["student"].email)
    assert client.get("/bank/glossary").status_code == 403
