"""Migrations run up and down on SQLite and PostgreSQL and match the models."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from quizapp import create_app
from quizapp.bank.search import SEARCH_INDEXES, SEARCH_TABLES, include_object
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
            context = MigrationContext.configure(
                connection, opts={"include_object": include_object}
            )
            diff = compare_metadata(context, db.metadata)
        assert diff == [], f"models and migrations differ: {diff}"
        assert _expected_search_structures() <= _search_structures()
        downgrade(revision="base")
        assert not TABLES & set(sa.inspect(db.engine).get_table_names())
        assert _search_structures() == set()
        upgrade()
        assert TABLES <= set(sa.inspect(db.engine).get_table_names())
        assert _expected_search_structures() <= _search_structures()
        db.engine.dispose()


def _search_structures() -> set[str]:
    """The full-text search tables (SQLite, with FTS5's shadow tables) or indexes
    (PostgreSQL) present."""
    inspector = sa.inspect(db.engine)
    found = {name for name in inspector.get_table_names() if name.startswith(SEARCH_TABLES)}
    for table in ("item_version", "sentence"):
        if table in inspector.get_table_names():
            found |= {i["name"] for i in inspector.get_indexes(table)} & set(SEARCH_INDEXES)
    return found


def _expected_search_structures() -> set[str]:
    if db.engine.dialect.name == "postgresql":
        return set(SEARCH_INDEXES)
    return set(SEARCH_TABLES)


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
