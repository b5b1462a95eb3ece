"""Migrations run up and down on SQLite and PostgreSQL and match the models."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from quizapp import create_app
from quizapp.config import TestingConfig
from quizapp.extensions import db
from tests.conftest import POSTGRES_URL, postgres_schema

TABLES = {
    "document",
    "generation_mark",
    "job",
    "passage_tag",
    "quiz",
    "quiz_item",
    "quiz_rule",
    "attempt",
    "attempt_question",
    "response",
    "card_state",
    "card_review",
    "audit_event",
    "user_account",
    "section",
    "passage",
    "footnote",
    "sentence",
    "entity",
    "mention",
    "item",
    "item_version",
    "citation",
    "item_tag",
}


def _round_trip(app) -> None:
    with app.app_context():
        upgrade()
        inspector = sa.inspect(db.engine)
        assert TABLES <= set(inspector.get_table_names())
        with db.engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
        assert diff == [], f"models and migrations differ: {diff}"
        downgrade(revision="base")
        assert not TABLES & set(sa.inspect(db.engine).get_table_names())
        upgrade()
        assert TABLES <= set(sa.inspect(db.engine).get_table_names())
        db.engine.dispose()


def test_migrations_on_sqlite(tmp_path):
    _round_trip(create_app(TestingConfig(f"sqlite:///{tmp_path}/m.db", tmp_path)))


@pytest.mark.postgres
def test_migrations_on_postgresql(tmp_path):
    schema = postgres_schema(POSTGRES_URL, "migrations")
    engine = sa.create_engine(POSTGRES_URL)
    url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    _round_trip(create_app(TestingConfig(url, tmp_path)))
    with engine.begin() as connection:
        connection.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()
