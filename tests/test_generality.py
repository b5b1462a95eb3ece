"""Texts the pipeline was not written for, with no glossary entries, still yield items."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import EntityRecord, Item, ItemVersion
from tests.conftest import migrated_app

TEXTS = Path(__file__).resolve().parent / "data" / "texts"


@pytest.fixture(scope="module")
def texts_app(session_tmp, tmp_path_factory):
    app = migrated_app(session_tmp, "texts")
    app.config["GLOSSARY_PATH"] = tmp_path_factory.mktemp("noglossary") / "absent.yaml"
    runner = app.test_cli_runner()
    result = runner.invoke(args=["ingest", str(TEXTS)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["generate"])
    assert result.exit_code == 0, result.output
    return app


def test_every_text_yields_supported_items_of_the_sentence_types(texts_app):
    with texts_app.app_context():
        rows = db.session.execute(
            select(Item.type, Item.document_id, func.count())
            .join(
                ItemVersion,
                (ItemVersion.item_id == Item.id) & (ItemVersion.number == Item.current_version),
            )
            .where(ItemVersion.verdict == "supported")
            .group_by(Item.type, Item.document_id)
        ).all()
    types = {kind for kind, _, _ in rows}
    documents = {document for _, document, _ in rows}
    assert {"cloze", "multiple_choice", "true_false", "short_answer"} <= types
    assert len(documents) == 3


def test_entities_come_from_the_statistical_model_when_no_glossary_names_them(texts_app):
    with texts_app.app_context():
        sources = set(db.session.scalars(select(EntityRecord.source)))
        people = db.session.scalar(
            select(func.count()).select_from(EntityRecord).where(EntityRecord.type == "person")
        )
    assert sources == {"model"}
    assert people >= 10
