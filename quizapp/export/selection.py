"""Choose the items an export carries, and load what every format needs to write them.

A scope (a source, a quiz, a tag, or the bank's filter) names candidate items; of those
only the ones whose current version the citation checker found `supported` leave
quizapp, and only approved ones unless `--status all` is asked for (rejected and retired
items never). The rest are counted by reason so the command can say what it left out.
Loading is a fixed number of queries whatever the size of the bank.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Select, Text, and_, func, or_, select, type_coerce

from quizapp.export import ExportError
from quizapp.extensions import db
from quizapp.models import (
    CitationRecord,
    Document,
    Item,
    ItemTag,
    ItemVersion,
    Passage,
    Quiz,
    QuizItem,
    Section,
    Sentence,
)
from quizapp.services.quizzes import rule_query

STATUS_CHOICES = ("approved", "all")
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


# Not frozen: a frozen dataclass is slow to build, and an export builds one per citation.
@dataclass(slots=True)
class CitedSentence:
    """A citation with the sentence it points at (text empty when the corpus lacks it)."""

    key: str
    sentence_hash: str
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


@dataclass
class Selection:
    """The chosen items, in a stable order, and what was left out and why."""

    items: list[ExportItem]
    left_out: Counter
    # The latest change among the chosen items: the build time of a reproducible export.
    timestamp: float

    def left_out_message(self) -> str:
        total = sum(self.left_out.values())
        if not total:
            return "nothing was left out"
        reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(self.left_out.items()))
        return f"left out {total} item{'' if total == 1 else 's'}: {reasons}"


# ---- scope -----------------------------------------------------------------------------


def scope_query(
    source: str | None = None, quiz: str | None = None, tag: str | None = None
) -> Select:
    """SELECT the ids of the items in every scope given; unknown names are an error."""
    query = select(Item.id)
    if source:
        document_id = db.session.scalar(select(Document.id).where(Document.slug == source))
        if document_id is None:
            known = ", ".join(db.session.scalars(select(Document.slug).order_by(Document.slug)))
            raise ExportError(f"--source: no source called {source!r} (known: {known or 'none'})")
        query = query.where(Item.document_id == document_id)
    if quiz:
        query = query.where(Item.id.in_(_quiz_items(_find_quiz(quiz))))
    if tag:
        if db.session.scalar(select(ItemTag.id).where(ItemTag.tag == tag).limit(1)) is None:
            raise ExportError(f"--tag: no item has the tag {tag!r}")
        query = query.where(Item.id.in_(select(ItemTag.item_id).where(ItemTag.tag == tag)))
    return query


def _find_quiz(name: str) -> Quiz:
    condition = Quiz.uuid == name
    if name.isdigit():
        condition = or_(condition, Quiz.id == int(name))
    quiz = db.session.scalar(select(Quiz).where(condition))
    if quiz is None:
        raise ExportError(f"--quiz: no quiz with the id {name!r}")
    return quiz


def _quiz_items(quiz: Quiz):
    """The quiz's chosen items and every item one of its rules may draw."""
    parts = [select(QuizItem.item_id).where(QuizItem.quiz_id == quiz.id)]
    parts += [rule_query(rule) for rule in quiz.rules]
    ids: set[int] = set()
    for part in parts:
        ids.update(db.session.scalars(part))
    return sorted(ids)


# ---- choosing and loading --------------------------------------------------------------


def select_items(scope: Select, status: str = "approved") -> Selection:
    """The supported items of `scope` (approved ones, or drafts too with status "all")."""
    chosen = _chosen(scope, status)
    left_out = _left_out(scope, _allowed(status))
    rows = _rows(_content_query(chosen))
    if not rows:
        raise ExportError(_empty_message(left_out))
    citations = _citations(select(ItemVersion.id).join(Item, CURRENT).where(chosen))
    tags = _tags(select(Item.id).join(ItemVersion, CURRENT).where(chosen))
    sources, changed = _sources({row[4] for row in rows})
    edited = db.session.scalar(
        select(func.max(ItemVersion.created_at)).join(Item, CURRENT).where(chosen)
    )
    items = []
    # Rows unpacked as tuples: attribute access by name costs more than the query.
    for item_id, uuid, kind, state, document_id, version_id, *content in rows:
        stem, answer, alternatives, distractors, explanation, payload = content
        version = VersionContent(
            stem,
            answer,
            _json(alternatives, []),
            _json(distractors, []),
            explanation or "",
            _json(payload, {}),
        )
        items.append(
            ExportItem(
                uuid,
                kind,
                state,
                version,
                sources[document_id],
                citations.get(version_id, []),
                tags.get(item_id, []),
            )
        )
    return Selection(items, left_out, max(changed, _seconds(edited)))


def _content_query(chosen) -> Select:
    """The chosen items with their current version's content, oldest item first. JSON
    columns come as text: most are "[]" or "{}", which `_json` needs not parse."""
    return (
        select(
            Item.id.label("item_id"),
            Item.uuid,
            Item.type,
            Item.status,
            Item.document_id,
            ItemVersion.id.label("version_id"),
            ItemVersion.stem,
            ItemVersion.answer,
            type_coerce(ItemVersion.alternatives, Text).label("alternatives"),
            type_coerce(ItemVersion.distractors, Text).label("distractors"),
            ItemVersion.explanation,
            type_coerce(ItemVersion.payload, Text).label("payload"),
        )
        .join(ItemVersion, CURRENT)
        .where(chosen)
        .order_by(Item.id)
    )


def _sources(document_ids: set[int]) -> tuple[dict[int, SourceInfo], float]:
    """The documents by id, and the latest time one of them changed."""
    statement = select(
        Document.id,
        Document.slug,
        Document.title,
        Document.author,
        Document.year,
        Document.updated_at,
    ).where(Document.id.in_(document_ids))
    sources, latest = {}, 0.0
    for document_id, slug, title, author, year, updated in db.session.execute(statement):
        sources[document_id] = SourceInfo(slug, title, author, year)
        latest = max(latest, _seconds(updated))
    return sources, latest


def supported_ids(scope: Select, status: str = "approved") -> Select:
    """SELECT the ids of the items of `scope` that `select_items` would choose."""
    return select(Item.id).join(ItemVersion, CURRENT).where(_chosen(scope, status))


def _allowed(status: str) -> tuple[str, ...]:
    if status not in STATUS_CHOICES:
        raise ExportError(f"--status: {status!r} is not one of {', '.join(STATUS_CHOICES)}")
    return ("approved",) if status == "approved" else ("approved", "draft")


def _chosen(scope: Select, status: str):
    allowed = _allowed(status)
    return and_(Item.id.in_(scope), ItemVersion.verdict == "supported", Item.status.in_(allowed))


def _left_out(scope: Select, allowed: tuple[str, ...]) -> Counter:
    counts: Counter = Counter()
    statement = (
        select(Item.status, ItemVersion.verdict, func.count())
        .join(ItemVersion, CURRENT)
        .where(Item.id.in_(scope))
        .group_by(Item.status, ItemVersion.verdict)
    )
    for item_status, verdict, count in db.session.execute(statement):
        if item_status in ("rejected", "retired"):
            counts[item_status] += count
        elif verdict != "supported":
            counts[f"{verdict} (not supported)"] += count
        elif item_status not in allowed:
            counts["drafts (not approved)"] += count
    return counts


def _empty_message(left_out: Counter) -> str:
    if not left_out:
        return "nothing to export: no item matches"
    reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(left_out.items()))
    return f"nothing to export: every matching item was left out ({reasons})"


def _citations(version_ids: Select) -> dict[int, list[CitedSentence]]:
    """Each version's citations with their sentences (text empty for a missing one)."""
    keys = select(CitationRecord.sentence_key).where(CitationRecord.version_id.in_(version_ids))
    sentences = _cited_sentences(keys)
    statement = (
        select(
            CitationRecord.version_id,
            CitationRecord.sentence_key,
            CitationRecord.sentence_hash,
            CitationRecord.start,
            CitationRecord.end,
            CitationRecord.role,
        )
        .where(CitationRecord.version_id.in_(version_ids))
        .order_by(CitationRecord.version_id, CitationRecord.ordinal)
    )
    found: dict[int, list[CitedSentence]] = {}
    for version_id, key, sentence_hash, start, end, role in _rows(statement):
        text, section, source = sentences.get(key, _MISSING)
        found.setdefault(version_id, []).append(
            CitedSentence(key, sentence_hash, start, end, role, text, section, source)
        )
    return found


_MISSING = ("", "", None)


def _cited_sentences(keys: Select) -> dict[str, tuple[str, str, SourceInfo]]:
    """(text, section title, source) of each sentence `keys` selects."""
    statement = (
        select(
            Sentence.key,
            Sentence.text,
            Section.title,
            Document.slug,
            Document.title,
            Document.author,
            Document.year,
        )
        .join(Passage, Passage.id == Sentence.passage_id)
        .join(Section, Section.id == Passage.section_id)
        .join(Document, Document.id == Sentence.document_id)
        .where(Sentence.key.in_(keys))
    )
    sources: dict[str, SourceInfo] = {}
    sentences = {}
    for key, text, section, slug, title, author, year in _rows(statement):
        source = sources.get(slug) or sources.setdefault(
            slug, SourceInfo(slug, title, author, year)
        )
        sentences[key] = (text, section or "", source)
    return sentences


def _tags(item_ids: Select) -> dict[int, list[str]]:
    """Each item's tags, sorted: one row per item (group_concat / string_agg)."""
    statement = (
        select(ItemTag.item_id, func.aggregate_strings(ItemTag.tag, TAG_SEPARATOR))
        .where(ItemTag.item_id.in_(item_ids))
        .group_by(ItemTag.item_id)
    )
    return {item_id: sorted(joined.split(TAG_SEPARATOR)) for item_id, joined in _rows(statement)}


def _rows(statement: Select) -> list:
    """Plain rows through the session's connection (no ORM bookkeeping for 10,000 rows)."""
    return db.session.connection().execute(statement).all()


def _json(value, empty):
    """A JSON column read as text (a driver may also hand it over parsed)."""
    if value is None or value in ("[]", "{}", "null"):
        return type(empty)()
    return json.loads(value) if isinstance(value, str) else value


def _seconds(moment: datetime | None) -> float:
    if moment is None:
        return 0.0
    if moment.tzinfo is None:  # SQLite gives back naive datetimes; they were stored in UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()
