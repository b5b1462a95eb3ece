"""Full-text search of the bank's text: item versions' stem and answer, sentences' text.

One function, `matching_ids`, turns a typed word into a SELECT of the ids of the rows
whose text holds it; the bank's search (queries.py) and the item editor's sentence search
(editing.py) are built from it. The structures it reads are made by migration 0011:

- PostgreSQL: GIN indexes on `to_tsvector('simple', column)` for item_version.stem,
  item_version.answer and sentence.text. The 'simple' configuration lower-cases and
  keeps every word as written: no stemming and no stop words, because what instructors
  type are names ("Dzerzhinsky", "Cheka", "Menzhinsky") that an English stemmer would
  mangle, and so that a query finds the same rows on both databases.
- SQLite: FTS5 tables item_version_search (stem, answer) and sentence_search (text), with
  the item_version and sentence tables as external content, kept in step by triggers (an
  insert, update or delete of a row updates the index in the same transaction, whatever
  code wrote it). The unicode61 tokenizer folds case and diacritics.

Every version and every sentence (retired ones too) is indexed; callers restrict to
current versions or live sentences with a join. A word matches as a prefix ("Dzerzh"
finds "Dzerzhinsky"), case-insensitively. A word is cut into its runs of letters and
digits, which must follow each other ("Dzerzhinsky's" is "dzerzhinsky" then "s*"), and
only those runs reach the search engine, quoted, so nothing a user types is read as
query syntax (FTS5's `*`, `NEAR`, `-`, `:`, parentheses; tsquery's `&`, `|`, `!`). A word
with no letters or digits ("%", "--", "_____") cannot be in a word index and is looked
for as literal text with LIKE instead, as search did before.

A later migration that rebuilds item_version or sentence on SQLite (Alembic's batch mode
copies and drops the table) drops the triggers with it and must create them again.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import (
    Integer,
    Select,
    String,
    bindparam,
    column,
    func,
    literal_column,
    or_,
    select,
    table,
)

from quizapp.extensions import db
from quizapp.models import ItemVersion, Sentence

MAX_WORDS = 8
MAX_TOKENS = 16  # runs of letters and digits in one word
# SQLite FTS5 tables (their shadow tables share the prefix) and PostgreSQL GIN indexes.
SEARCH_TABLES = ("item_version_search", "sentence_search")
SEARCH_INDEXES = (
    "ix_item_version_search_stem",
    "ix_item_version_search_answer",
    "ix_sentence_search_text",
)
_TOKEN = re.compile(r"[^\W_]+")  # letters and digits: what both engines index as words
_SIMPLE = "'simple'::regconfig"  # written out so the query matches the indexes' expression

Target = Literal["item_version", "sentence"]


@dataclass(frozen=True)
class Word:
    """One whitespace-separated word of a query: as typed, and its runs of letters/digits."""

    text: str
    tokens: tuple[str, ...]


def words(query: str) -> list[Word]:
    """The query's words (at most MAX_WORDS); none for an empty or blank query."""
    query = unicodedata.normalize("NFC", query)
    return [
        Word(text, tuple(_TOKEN.findall(text))[:MAX_TOKENS]) for text in query.split()[:MAX_WORDS]
    ]


def matching_ids(target: Target, word: Word) -> Select:
    """SELECT the ids of `target` rows whose text holds `word` (item_version: its stem or
    answer; sentence: its text), for use in an IN (...)."""
    if not word.tokens:
        return _containing(target, word.text)
    if db.engine.dialect.name == "postgresql":
        return _postgres(target, word.tokens)
    return _sqlite(target, word.tokens)


def _sqlite(target: Target, tokens: tuple[str, ...]) -> Select:
    # A quoted phrase with a prefix mark: "felix dzerzh"*. Tokens hold no quote.
    phrase = '"' + " ".join(tokens) + '"*'
    name = f"{target}_search"
    index = table(name, column("rowid", Integer))
    match = literal_column(name).op("MATCH")(bindparam(None, phrase, type_=String))
    return select(index.c.rowid).where(match)


def _postgres(target: Target, tokens: tuple[str, ...]) -> Select:
    # 'felix' <-> 'dzerzh':* ; tokens hold no quote or backslash, so quoting is enough.
    text = " <-> ".join(f"'{token}'" for token in tokens) + ":*"
    query = func.to_tsquery(literal_column(_SIMPLE), bindparam(None, text, type_=String))

    def holds(column):
        return func.to_tsvector(literal_column(_SIMPLE), column).op("@@")(query)

    if target == "sentence":
        return select(Sentence.id).where(holds(Sentence.text))
    return select(ItemVersion.id).where(or_(holds(ItemVersion.stem), holds(ItemVersion.answer)))


def _containing(target: Target, text: str) -> Select:
    """Rows whose text contains `text` literally, any case (LIKE, wildcards escaped)."""
    if target == "sentence":
        return select(Sentence.id).where(Sentence.text.icontains(text, autoescape=True))
    return select(ItemVersion.id).where(
        or_(
            ItemVersion.stem.icontains(text, autoescape=True),
            ItemVersion.answer.icontains(text, autoescape=True),
        )
    )


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic autogenerate's filter: the search tables and indexes are made by migration
    0011, not by the models, and must not be proposed for dropping."""
    if type_ == "table" and name and name.startswith(SEARCH_TABLES):
        return False
    return not (type_ == "index" and name in SEARCH_INDEXES)
