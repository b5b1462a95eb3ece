"""Full-text search of the bank: FTS5 tables on SQLite, GIN indexes on PostgreSQL

What quizapp/bank/search.py reads. SQLite: FTS5 tables item_version_search (stem,
answer) and sentence_search (text) with item_version and sentence as external content,
filled from the existing rows and kept in step by triggers. PostgreSQL: GIN indexes on
to_tsvector('simple', ...) of the same columns (no table to keep in step).

The DDL is written out here rather than imported, so that this migration stays what it
was when the search code changes.

Revision ID: 0011_bank_full_text_search
Revises: 0010_attempts_and_flashcards
Create Date: 2026-11-22 05:25:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0011_bank_full_text_search'
down_revision = '0010_attempts_and_flashcards'
branch_labels = None
depends_on = None

# (index table, content table, indexed columns)
FTS_TABLES = (
    ("item_version_search", "item_version", ("stem", "answer")),
    ("sentence_search", "sentence", ("text",)),
)
GIN_INDEXES = (
    ("ix_item_version_search_stem", "item_version", "stem"),
    ("ix_item_version_search_answer", "item_version", "answer"),
    ("ix_sentence_search_text", "sentence", "text"),
)


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        for name, table, column in GIN_INDEXES:
            op.execute(
                f"CREATE INDEX {name} ON {table} "
                f"USING gin (to_tsvector('simple'::regconfig, {column}))"
            )
        return
    for name, content, columns in FTS_TABLES:
        listed = ", ".join(columns)
        new = ", ".join(f"new.{c}" for c in columns)
        old = ", ".join(f"old.{c}" for c in columns)
        op.execute(
            f"CREATE VIRTUAL TABLE {name} USING fts5({listed}, content='{content}', "
            f"content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3')"
        )
        # 'rebuild' reads every row of the content table into the index.
        op.execute(f"INSERT INTO {name}({name}) VALUES ('rebuild')")
        insert = f"INSERT INTO {name}(rowid, {listed}) VALUES (new.id, {new});"
        delete = f"INSERT INTO {name}({name}, rowid, {listed}) VALUES ('delete', old.id, {old});"
        op.execute(f"CREATE TRIGGER {name}_insert AFTER INSERT ON {content} BEGIN {insert} END")
        op.execute(f"CREATE TRIGGER {name}_delete AFTER DELETE ON {content} BEGIN {delete} END")
        op.execute(
            f"CREATE TRIGGER {name}_update AFTER UPDATE OF {listed} ON {content} "
            f"BEGIN {delete} {insert} END"
        )


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        for name, _table, _column in GIN_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
        return
    for name, _content, _columns in FTS_TABLES:
        for event in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}_{event}")
        op.execute(f"DROP TABLE IF EXISTS {name}")
