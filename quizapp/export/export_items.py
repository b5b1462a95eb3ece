"""The items as the export formats see them, and loading the chosen ones in two queries.

One query brings every chosen item with its current version, its tags (aggregated in
SQL), and one row per citation with the cited sentence's text and section; a second one
brings the few documents involved. Rows are plain tuples: for ten thousand items the
ORM's bookkeeping would cost more than the queries.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from operator import itemgetter

from sqlalchemy import ColumnElement, Select, Text, and_, func, select, type_coerce

from quizapp.export.escaping import escape
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

TAG_SEPARATOR = "\x1f"  # a control character no tag contains
CURRENT = and_(ItemVersion.item_id == Item.id, ItemVersion.number == Item.current_version)


@dataclass(frozen=True)
class SourceInfo:
    """The document an item or a cited sentence comes from."""

    slug: str
    title: str
    author: str | None
    year: int | None

    def reference(self, section: str = "") -> str:
        """ "Title — Author (year), section", leaving out what is unknown."""
        text = self.title
        if self.author:
            text += f" — {self.author}"
        if self.year:
            text += f" ({self.year})"
        return f"{text}, {section}" if section else text

    def escaped_reference(self, section: str = "") -> str:
        """`reference(section)`, HTML-escaped; remembered, since a deck shows it per note."""
        found = self._escaped.get(section)
        if found is None:
            found = self._escaped[section] = escape(self.reference(section))
        return found

    @cached_property
    def _escaped(self) -> dict[str, str]:
        return {}


# Not frozen: a frozen dataclass is slow to build, and an export builds one per citation.
@dataclass(slots=True)
class CitedSentence:
    """A citation with the sentence it points at (text empty when the corpus lacks it)."""

    key: str
    start: int
    end: int
    role: str
    text: str = ""
    section: str = ""
    source: SourceInfo | None = None


@dataclass(slots=True)
class VersionContent:
    """What the formats show of an item's current version."""

    stem: str
    answer: str
    alternatives: list[str]
    distractors: list[str]
    explanation: str
    payload: dict


@dataclass(slots=True)
class ExportItem:
    """An item as the formats see it: its current version, source, citations and tags."""

    uuid: str
    type: str
    status: str
    version: VersionContent
    source: SourceInfo
    citations: list[CitedSentence] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


def load_items(chosen: ColumnElement[bool]) -> tuple[list[ExportItem], float]:
    """The items `chosen` picks, oldest first, and the latest time one of their sources
    changed (0.0 when there are none)."""
    result = db.session.connection().execute(_items_query(chosen))
    columns = list(result.keys())
    rows = result.all()
    if not rows:
        return [], 0.0
    item_documents = set(map(itemgetter(columns.index("document_id")), rows))
    cited_documents = set(map(itemgetter(columns.index("sentence_document")), rows))
    sources, changed = _sources(item_documents | cited_documents)
    items: list[ExportItem] = []
    # Items with several citations, with their ordinals: the database needs not sort
    # every row by ordinal for the few that have more than one.
    several: list[tuple[list[CitedSentence], list[int]]] = []
    last_id = first_ordinal = None
    # Rows unpacked as tuples: attribute access by name costs more than the query. An
    # item with several citations comes as several rows in a row, one per citation.
    for (
        item_id,
        uuid,
        kind,
        state,
        document_id,
        stem,
        answer,
        alternatives,
        distractors,
        explanation,
        payload,
        tags,
        ordinal,
        key,
        start,
        end,
        role,
        text,
        sentence_document,
        section,
    ) in rows:
        if item_id != last_id:
            last_id = item_id
            # Most JSON columns hold "[]" or "{}": no need to parse those.
            version = VersionContent(
                stem,
                answer,
                [] if alternatives == "[]" else _json(alternatives, []),
                [] if distractors == "[]" else _json(distractors, []),
                explanation or "",
                {} if payload == "{}" else _json(payload, {}),
            )
            citations: list[CitedSentence] = []
            tag_list = sorted(tags.split(TAG_SEPARATOR)) if tags else []
            items.append(
                ExportItem(uuid, kind, state, version, sources[document_id], citations, tag_list)
            )
        if key is None:
            continue
        if not citations:
            first_ordinal = ordinal
        elif len(citations) == 1:
            several.append((citations, [first_ordinal, ordinal]))
        else:
            several[-1][1].append(ordinal)
        # A sentence the corpus lacks comes with no text, section or source.
        citations.append(
            CitedSentence(
                key, start, end, role, text or "", section or "", sources.get(sentence_document)
            )
        )
    for citations, ordinals in several:
        citations[:] = [c for _, c in sorted(zip(ordinals, citations, strict=True), key=_first)]
    return items, max(changed[d] for d in item_documents)


def _items_query(chosen: ColumnElement[bool]) -> Select:
    """One row per chosen item and citation (one for an item without), oldest item
    first, each item's rows together. JSON columns come as text: most are "[]"
    or "{}", which `_json` needs not parse."""
    tags = (
        select(func.aggregate_strings(ItemTag.tag, TAG_SEPARATOR))
        .where(ItemTag.item_id == Item.id)
        .scalar_subquery()
    )
    return (
        select(
            Item.id,
            Item.uuid,
            Item.type,
            Item.status,
            Item.document_id,
            ItemVersion.stem,
            ItemVersion.answer,
            type_coerce(ItemVersion.alternatives, Text),
            type_coerce(ItemVersion.distractors, Text),
            ItemVersion.explanation,
            type_coerce(ItemVersion.payload, Text),
            tags,
            CitationRecord.ordinal,
            CitationRecord.sentence_key,
            CitationRecord.start,
            CitationRecord.end,
            CitationRecord.role,
            Sentence.text,
            Sentence.document_id.label("sentence_document"),
            Section.title,
        )
        .join(ItemVersion, CURRENT)
        .outerjoin(CitationRecord, CitationRecord.version_id == ItemVersion.id)
        .outerjoin(Sentence, Sentence.key == CitationRecord.sentence_key)
        .outerjoin(Passage, Passage.id == Sentence.passage_id)
        .outerjoin(Section, Section.id == Passage.section_id)
        .where(chosen)
        .order_by(Item.id)
    )


def _sources(document_ids: set[int | None]) -> tuple[dict[int, SourceInfo], dict[int, float]]:
    """The documents by id, and when each last changed."""
    statement = select(
        Document.id,
        Document.slug,
        Document.title,
        Document.author,
        Document.year,
        Document.updated_at,
    ).where(Document.id.in_(document_ids - {None}))
    sources, changed = {}, {}
    for document_id, slug, title, author, year, updated in db.session.execute(statement):
        sources[document_id] = SourceInfo(slug, title, author, year)
        changed[document_id] = seconds(updated)
    return sources, changed


def _first(pair: tuple) -> object:
    return pair[0]


def _json(value, empty):
    """A JSON column read as text (a driver may also hand it over parsed)."""
    if value is None or value in ("[]", "{}", "null"):
        return type(empty)()
    return json.loads(value) if isinstance(value, str) else value


def seconds(moment: datetime | None) -> float:
    """A stored time as seconds since the epoch (0.0 for none)."""
    if moment is None:
        return 0.0
    if moment.tzinfo is None:  # SQLite gives back naive datetimes; they were stored in UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()
