"""A student's progress: mastery per source and per section, and activity per day.

The evidence is every answer the student gave: quiz responses (right or wrong as graded)
and flashcard reviews (Hard, Good and Easy count as remembered, Again as forgotten). An
item belongs to the section of the passage its first citation is in. Mastery of a
source or section is the share of its cards (approved, supported items) whose latest
answer was right, so it grows by covering more of the material as well as by answering
well. Everything is a handful of aggregate queries whatever the size of the history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import and_, case, func, literal, select, union_all

from quizapp.extensions import db
from quizapp.models import (
    Attempt,
    AttemptQuestion,
    CardReview,
    CitationRecord,
    Document,
    Item,
    ItemVersion,
    Passage,
    Response,
    Section,
    Sentence,
)
from quizapp.services.flashcards import studyable_ids

DAYS_SHOWN = 30  # the activity chart covers at most this many days, ending today
MIN_DAYS = 7  # and at least this many, when there was any activity in the window


@dataclass
class Mastery:
    """Figures of one source or section."""

    title: str
    cards: int = 0  # approved, supported items in it
    practised: int = 0  # of those and others, items the student answered at least once
    mastered: int = 0  # items whose latest answer was right
    answered: int = 0  # answers given (quiz responses and reviews)
    correct: int = 0
    slug: str = ""
    source_title: str = ""  # for sections: the source they belong to

    @property
    def mastery(self) -> float:
        return min(1.0, self.mastered / self.cards) if self.cards else 0.0

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.answered if self.answered else None


@dataclass(frozen=True)
class Day:
    day: date
    answered: int
    correct: int


@dataclass
class Progress:
    answered: int = 0
    correct: int = 0
    quiz_answers: int = 0
    card_reviews: int = 0
    sources: list[Mastery] = field(default_factory=list)
    sections: list[Mastery] = field(default_factory=list)  # only sections practised
    days: list[Day] = field(default_factory=list)  # every day drawn, zeros included


def progress(user, at: datetime | None = None, days_shown: int = DAYS_SHOWN) -> Progress:
    at = at or datetime.now(UTC)
    events = _events(user).subquery()
    result = Progress()
    result.answered, result.correct, result.quiz_answers, result.card_reviews = _totals(events)
    result.sources, result.sections = _mastery(events)
    result.days = _days(events, at.astimezone(UTC).date(), days_shown)
    return result


def _events(user):
    """One row per answer: item, when, right (1) or wrong (0), and where it came from."""
    responses = (
        select(
            AttemptQuestion.item_id.label("item_id"),
            Response.answered_at.label("at"),
            case((Response.correct, 1), else_=0).label("right"),
            literal("quiz").label("origin"),
        )
        .join(AttemptQuestion, AttemptQuestion.id == Response.question_id)
        .join(Attempt, Attempt.id == Response.attempt_id)
        .where(Attempt.user_id == user.id)
    )
    reviews = select(
        CardReview.item_id.label("item_id"),
        CardReview.reviewed_at.label("at"),
        case((CardReview.rating >= 2, 1), else_=0).label("right"),
        literal("card").label("origin"),
    ).where(CardReview.user_id == user.id)
    return union_all(responses, reviews)


def _totals(events) -> tuple[int, int, int, int]:
    row = db.session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(events.c.right), 0),
            func.count(case((events.c.origin == "quiz", 1))),
            func.count(case((events.c.origin == "card", 1))),
        ).select_from(events)
    ).one()
    return tuple(int(v) for v in row)


def _places():
    """(item_id, document_id, section_id) of every item, by its current first citation."""
    return (
        select(
            Item.id.label("item_id"),
            Item.document_id.label("document_id"),
            Passage.section_id.label("section_id"),
        )
        .join(
            ItemVersion,
            and_(ItemVersion.item_id == Item.id, ItemVersion.number == Item.current_version),
        )
        .outerjoin(
            CitationRecord,
            and_(CitationRecord.version_id == ItemVersion.id, CitationRecord.ordinal == 0),
        )
        .outerjoin(Sentence, Sentence.key == CitationRecord.sentence_key)
        .outerjoin(Passage, Passage.id == Sentence.passage_id)
    )


def _mastery(events) -> tuple[list[Mastery], list[Mastery]]:
    """Per source and per practised section: cards, practised, mastered, answered, correct."""
    latest = func.row_number().over(partition_by=events.c.item_id, order_by=events.c.at.desc())
    ranked = select(events.c.item_id, events.c.right, latest.label("rank")).subquery()
    per_item = (
        select(
            ranked.c.item_id,
            func.count().label("answered"),
            func.sum(ranked.c.right).label("correct"),
            func.max(case((ranked.c.rank == 1, ranked.c.right), else_=0)).label("last_right"),
        )
        .group_by(ranked.c.item_id)
        .subquery()
    )
    places = _places().subquery()
    practice = db.session.execute(
        select(
            places.c.document_id,
            places.c.section_id,
            func.count(),
            # Only cards count towards mastery, so it never passes the number of cards.
            func.sum(case((places.c.item_id.in_(studyable_ids()), per_item.c.last_right), else_=0)),
            func.sum(per_item.c.answered),
            func.sum(per_item.c.correct),
        )
        .select_from(per_item)
        .join(places, places.c.item_id == per_item.c.item_id)
        .group_by(places.c.document_id, places.c.section_id)
    ).all()
    cards = db.session.execute(
        select(places.c.document_id, places.c.section_id, func.count())
        .where(places.c.item_id.in_(studyable_ids()))
        .group_by(places.c.document_id, places.c.section_id)
    ).all()
    return _assemble(practice, cards)


def _assemble(practice, cards) -> tuple[list[Mastery], list[Mastery]]:
    document_ids = {row[0] for row in (*practice, *cards)}
    section_ids = {row[1] for row in practice if row[1] is not None}
    documents = {
        d.id: d
        for d in db.session.execute(
            select(Document.id, Document.slug, Document.title).where(Document.id.in_(document_ids))
        )
    }
    sections = {
        s.id: s
        for s in db.session.execute(
            select(Section.id, Section.ordinal, Section.title).where(Section.id.in_(section_ids))
        )
    }
    by_source: dict[int, Mastery] = {
        d: Mastery(title=documents[d].title, slug=documents[d].slug) for d in document_ids
    }
    by_section: dict[tuple[int, int | None], Mastery] = {}

    def section_of(document_id: int, section_id: int | None) -> Mastery:
        key = (document_id, section_id)
        if key not in by_section:
            by_section[key] = _section(documents[document_id], section_id, sections)
        return by_section[key]

    for document_id, section_id, count in cards:
        by_source[document_id].cards += count
        section_of(document_id, section_id).cards += count
    for document_id, section_id, practised, mastered, answered, correct in practice:
        for figures in (by_source[document_id], section_of(document_id, section_id)):
            figures.practised += practised
            figures.mastered += int(mastered or 0)
            figures.answered += int(answered or 0)
            figures.correct += int(correct or 0)
    source_list = sorted(by_source.values(), key=lambda m: (m.title, m.slug))
    order = {d: n for n, d in enumerate(sorted(by_source, key=lambda d: by_source[d].title))}
    section_list = [
        by_section[key]
        for key in sorted(
            by_section,
            key=lambda k: (order[k[0]], sections[k[1]].ordinal if k[1] in sections else -1),
        )
        if by_section[key].practised
    ]
    return source_list, section_list


def _section(document, section_id: int | None, sections) -> Mastery:
    found = sections.get(section_id)
    if found is None:
        title = "(no section)"
    else:
        title = found.title or f"Section {found.ordinal + 1}"
    return Mastery(title=title, slug=document.slug, source_title=document.title)


def _days(events, today: date, days_shown: int) -> list[Day]:
    """Answers per day (UTC) from the first active day of the last `days_shown` to today."""
    first_day = today - timedelta(days=days_shown - 1)
    start = datetime.combine(first_day, datetime.min.time(), tzinfo=UTC)
    day = func.date(events.c.at)
    rows = db.session.execute(
        select(day, func.count(), func.sum(events.c.right))
        .where(events.c.at >= start, events.c.at < start + timedelta(days=days_shown))
        .group_by(day)
    ).all()
    counts = {str(d)[:10]: (int(n), int(right or 0)) for d, n, right in rows}
    if not counts:
        return []
    # At least a week is drawn, so that one active day is not one page-wide column.
    begin = min(min(date.fromisoformat(d) for d in counts), today - timedelta(days=MIN_DAYS - 1))
    return [
        Day(begin + timedelta(days=n), *counts.get(str(begin + timedelta(days=n)), (0, 0)))
        for n in range((today - begin).days + 1)
    ]
