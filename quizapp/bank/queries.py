"""Query building for the bank's pages: filters, search and pagination (the facet counts
beside them are facets.py).

Every function here builds statements or runs a fixed number of them, whatever the size
of the bank: a page of items is one count, one select of the rows and one select of
their citations; each facet is one GROUP BY. Search is full-text (search.py: FTS5 on
SQLite, tsvector GIN indexes on PostgreSQL) over the current version's stem and answer
and the text of the sentences it cites; every word must match, as a word prefix, in any
of them. It runs once per Filters: the ids of the matching items are fetched
in one statement and every later statement (the page, its count, each facet) starts from
that list, passed as one parameter, instead of searching again.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from functools import cached_property

from sqlalchemy import (
    ARRAY,
    Integer,
    Join,
    Select,
    String,
    and_,
    any_,
    bindparam,
    false,
    func,
    select,
    union,
)
from sqlalchemy import column as sa_column
from sqlalchemy.ext.compiler import compiles

from quizapp.bank import search
from quizapp.extensions import db
from quizapp.models import (
    CitationRecord,
    Document,
    Item,
    ItemTag,
    ItemVersion,
    Passage,
    Section,
    Sentence,
)

PAGE_SIZE = 50

# An item joined to its current version.
CURRENT = and_(ItemVersion.item_id == Item.id, ItemVersion.number == Item.current_version)


@dataclass(frozen=True)
class Filters:
    """The query parameters of /bank and /bank/review."""

    q: str = ""
    type: str = ""
    status: str = ""
    verdict: str = ""
    source: str = ""
    section: str = ""
    entity: str = ""
    tag: str = ""
    page: int = 1

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> Filters:
        values = {name: (args.get(name) or "").strip()[:200] for name in filter_names()}
        try:
            page = max(1, int(args.get("page") or 1))
        except ValueError:
            page = 1
        return cls(**values, page=page)

    def with_(self, **changes) -> Filters:
        return replace(self, **changes)

    @cached_property
    def matching_items(self) -> list[int] | None:
        """The ids of the items whose current version the search `q` finds, fetched once
        (one statement); None when there is no search."""
        words = search.words(self.q)
        if not words:
            return None
        statement = (
            select(Item.id)
            .select_from(Item)
            .join(ItemVersion, CURRENT)
            .where(*(_matches(word) for word in words))
        )
        return list(db.session.scalars(statement))

    def args(self, **changes) -> dict[str, str | int]:
        """The non-empty parameters, for url_for (page 1 is left out)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)} | changes
        return {k: v for k, v in values.items() if v and not (k == "page" and v == 1)}


def filter_names() -> tuple[str, ...]:
    return tuple(f.name for f in fields(Filters) if f.name != "page")


def conditions(filters: Filters, skip: str | None = None) -> list:
    """WHERE clauses for `filters` on Item joined to its current version (minus `skip`)."""
    wanted = {n: getattr(filters, n) for n in filter_names() if n != skip and getattr(filters, n)}
    clauses = []
    if filters.matching_items == []:
        clauses.append(false())  # the search found nothing
    for name, column in (("type", Item.type), ("status", Item.status)):
        if name in wanted:
            clauses.append(column == wanted[name])
    if "verdict" in wanted:
        clauses.append(ItemVersion.verdict == wanted["verdict"])
    if "source" in wanted:
        clauses.append(
            Item.document_id.in_(select(Document.id).where(Document.slug == wanted["source"]))
        )
    if "section" in wanted:
        passages = select(Passage.id).join(Section, Passage.section_id == Section.id)
        in_section = select(Sentence.key).where(
            Sentence.passage_id.in_(passages.where(Section.key == wanted["section"]))
        )
        clauses.append(_cites(CitationRecord.sentence_key.in_(in_section)))
    if "entity" in wanted:
        clauses.append(_tagged("entity:" + wanted["entity"]))
    if "tag" in wanted:
        clauses.append(_tagged(wanted["tag"]))
    return clauses


def _matches(word: search.Word):
    """The version's stem or answer, or a sentence it cites, holds `word`."""
    sentences = select(Sentence.key).where(Sentence.id.in_(search.matching_ids("sentence", word)))
    citing = select(CitationRecord.version_id).where(CitationRecord.sentence_key.in_(sentences))
    # One IN over a UNION: both databases fetch the few ids and look the versions up
    # by primary key, rather than test every version against two subqueries.
    return ItemVersion.id.in_(union(search.matching_ids("item_version", word), citing))


def _cites(condition):
    return ItemVersion.id.in_(select(CitationRecord.version_id).where(condition))


def _tagged(tag: str):
    return Item.id.in_(select(ItemTag.item_id).where(ItemTag.tag == tag))


def filtered(filters: Filters, *columns, skip: str | None = None) -> Select:
    """SELECT `columns` FROM item JOIN its current version WHERE the filters hold; with
    a search, only the items it found (passed as one parameter however many there are:
    an IN list of 100,000 ids would pass SQLite's and psycopg's parameter limits)."""
    found = filters.matching_items
    base = Item.__table__.join(ItemVersion, CURRENT)
    where = conditions(filters, skip)
    if found and db.engine.dialect.name == "postgresql":
        # A hashed = ANY test in a scan of item: about twice as fast at 100,000 items as
        # a join to unnest(), which the planner makes a hash join of all items anyway.
        where.append(Item.id == any_(bindparam(None, found, type_=ARRAY(Integer))))
    elif found:
        # The list first, then each item and its current version by primary key and by
        # the (item_id, number) index: a facet reads no version row it does not need.
        listed = func.json_each(bindparam(None, json.dumps(found), type_=String))
        ids = listed.table_valued(sa_column("value", Integer)).alias("found")
        base = _FirstJoin(ids, Item, Item.id == ids.c.value).join(ItemVersion, CURRENT)
    return select(*columns).select_from(base).where(*where)


class _FirstJoin(Join):
    """A join whose left side SQLite must scan first (CROSS JOIN). Otherwise, lacking
    statistics, it may start from an index on another filter (item.type) and test
    every row of it against every id of the list: minutes at 100,000 items."""

    inherit_cache = True


@compiles(_FirstJoin, "sqlite")
def _cross_join(join: _FirstJoin, compiler, asfrom=False, from_linter=None, **kw) -> str:
    if from_linter:  # as SQLAlchemy's visit_join: the two sides are joined, not a product
        from_linter.edges.update(
            itertools.product(join.left._from_objects, join.right._from_objects)
        )
    left = join.left._compiler_dispatch(compiler, asfrom=True, from_linter=from_linter, **kw)
    right = join.right._compiler_dispatch(compiler, asfrom=True, from_linter=from_linter, **kw)
    on = join.onclause._compiler_dispatch(compiler, from_linter=from_linter, **kw)
    return f"{left} CROSS JOIN {right} ON {on}"


# ---- pages ---------------------------------------------------------------------------


@dataclass
class Page:
    """One page of rows, with what the pager needs."""

    rows: list
    total: int
    number: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def first(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.total else 0

    @property
    def last(self) -> int:
        return min(self.total, self.number * self.per_page)


def paginate(statement: Select, number: int, per_page: int = PAGE_SIZE) -> Page:
    """Two queries: the count of `statement`'s rows and the rows of page `number`."""
    total = db.session.scalar(select(func.count()).select_from(statement.order_by(None).subquery()))
    rows = db.session.execute(statement.limit(per_page).offset((number - 1) * per_page)).all()
    return Page(rows, total or 0, number, per_page)


@dataclass
class Listing:
    """An item on a page, with its current version, source and citations."""

    item: Item
    version: ItemVersion
    slug: str
    citations: list[CitationRecord]


def item_page(filters: Filters, order: tuple, per_page: int = PAGE_SIZE) -> Page:
    """A page of Listings for `filters` in `order`; three queries."""
    statement = filtered(filters, Item, ItemVersion, Document.slug).join(
        Document, Document.id == Item.document_id
    )
    page = paginate(statement.order_by(*order), filters.page, per_page)
    citations: dict[int, list[CitationRecord]] = {}
    if page.rows:
        for citation in db.session.scalars(
            select(CitationRecord)
            .where(CitationRecord.version_id.in_([row[1].id for row in page.rows]))
            .order_by(CitationRecord.version_id, CitationRecord.ordinal)
        ):
            citations.setdefault(citation.version_id, []).append(citation)
    page.rows = [
        Listing(item, version, slug, citations.get(version.id, []))
        for item, version, slug in page.rows
    ]
    return page


def selected_items(filters: Filters) -> list[Item]:
    """Every item the filters select (no paging), for bulk actions, oldest first."""
    ids = filtered(filters, Item.id)
    return list(db.session.scalars(select(Item).where(Item.id.in_(ids)).order_by(Item.id)))
