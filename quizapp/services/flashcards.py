"""Flashcards: decks of studyable items, the next card due for a student, and FSRS reviews.

A card is an approved item whose current version the checker calls supported. There is
one deck per source document with such items (`source-<slug>`) and one per published
quiz (`quiz-<uuid>`: its chosen items plus every approved item its rules can draw from).
Scheduling state is per student and item, so an item in two decks is one card: studying
it in either deck moves it in both.

A deck shows its due cards first (earliest due first), then new cards in a stable order
(by item id, so the order in which items were drafted), at most `STUDY_NEW_CARDS_PER_DAY`
new cards a day per student across all decks. Rating a card and scheduling it by FSRS is
services/card_reviews.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from flask import current_app, url_for
from sqlalchemy import and_, case, func, literal, select, union
from sqlalchemy.orm import selectinload

from quizapp.extensions import db
from quizapp.models import CardReview, CardState, Document, Item, ItemVersion, Quiz
from quizapp.services.quizzes import rule_query

NEW_CARDS_PER_DAY = 20


@dataclass(frozen=True)
class Deck:
    key: str
    title: str
    kind: str  # "source" or "quiz"
    document_id: int | None = None
    quiz: Quiz | None = None

    def item_ids(self):
        """A SELECT of the ids of this deck's cards (one column, `id`)."""
        if self.kind == "source":
            return studyable_ids().where(Item.document_id == self.document_id)
        return select(_quiz_members([self.quiz]).subquery().c.item_id.label("id"))


@dataclass(frozen=True)
class DeckSummary:
    key: str
    title: str
    kind: str
    url: str
    due: int  # cards to study now: reviews due plus the new cards allowed today
    total: int
    reviews_due: int = 0
    new: int = 0  # cards never studied (all of them, not only today's allowance)


def now() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """SQLite hands timestamps back without their zone; they are stored in UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def studyable_ids():
    """A SELECT of the ids of approved items whose current version is supported."""
    return (
        select(Item.id)
        .join(
            ItemVersion,
            and_(ItemVersion.item_id == Item.id, ItemVersion.number == Item.current_version),
        )
        .where(Item.status == "approved", ItemVersion.verdict == "supported")
    )


# --- decks -----------------------------------------------------------------------------


def deck_summaries(user, at: datetime | None = None) -> list[DeckSummary]:
    """Every deck with cards, sources first (by title), then published quizzes (by title)."""
    at = at or now()
    allowance = new_cards_left(user, at)
    return _source_summaries(user, at, allowance) + _quiz_summaries(user, at, allowance)


def find_deck(key: str) -> Deck | None:
    """The deck named by `key` (`source-<slug>` or `quiz-<uuid>`), or None."""
    kind, _, name = key.partition("-")
    if kind == "source" and name:
        document = db.session.scalar(select(Document).where(Document.slug == name))
        if document is not None:
            return Deck(key, document.title, "source", document_id=document.id)
    if kind == "quiz" and name:
        quiz = db.session.scalar(select(Quiz).where(Quiz.uuid == name, Quiz.published))
        if quiz is not None:
            return Deck(key, quiz.title, "quiz", quiz=quiz)
    return None


def _source_summaries(user, at: datetime, allowance: int) -> list[DeckSummary]:
    cards = studyable_ids().add_columns(Item.document_id).subquery()
    rows = db.session.execute(
        _counts(user, at, cards.c.id)
        .add_columns(Document.slug, Document.title)
        .select_from(cards)
        .join(Document, Document.id == cards.c.document_id)
        .group_by(Document.id, Document.slug, Document.title)
        .order_by(Document.title, Document.slug)
    ).all()
    return [
        _summary(f"source-{slug}", title, "source", total, due, new, allowance)
        for total, due, new, slug, title in rows
    ]


def _quiz_summaries(user, at: datetime, allowance: int) -> list[DeckSummary]:
    quizzes = db.session.scalars(
        select(Quiz)
        .where(Quiz.published)
        .options(selectinload(Quiz.items), selectinload(Quiz.rules))
        .order_by(Quiz.title, Quiz.id)
    ).all()
    if not quizzes:
        return []
    members = _quiz_members(quizzes).subquery()
    rows = db.session.execute(
        _counts(user, at, members.c.item_id)
        .add_columns(members.c.quiz_id)
        .select_from(members)
        .group_by(members.c.quiz_id)
    ).all()
    counts = {quiz_id: (total, due, new) for total, due, new, quiz_id in rows}
    return [
        _summary(f"quiz-{q.uuid}", q.title, "quiz", *counts[q.id], allowance)
        for q in quizzes
        if q.id in counts
    ]


def _quiz_members(quizzes: list[Quiz]):
    """(quiz_id, item_id) of the quizzes' cards: chosen items and every rule's candidates."""
    parts = []
    for quiz in quizzes:
        chosen = [qi.item_id for qi in quiz.items]
        if chosen:
            parts.append(
                select(literal(quiz.id).label("quiz_id"), Item.id.label("item_id")).where(
                    Item.id.in_(chosen)
                )
            )
        for rule in quiz.rules:
            drawn = rule_query(rule).subquery()
            parts.append(select(literal(quiz.id).label("quiz_id"), drawn.c.id.label("item_id")))
    if not parts:  # a published quiz always has items or rules; keep the query well-formed
        parts.append(select(literal(-1).label("quiz_id"), literal(-1).label("item_id")))
    members = union(*parts).subquery() if len(parts) > 1 else parts[0].subquery()
    return select(members.c.quiz_id, members.c.item_id).where(
        members.c.item_id.in_(studyable_ids())
    )


def _counts(user, at: datetime, item_id):
    """Total, due and never-studied counts of the cards in `item_id`'s rows, for `user`."""
    state = CardState.__table__
    return select(
        func.count(),
        func.count(case((state.c.due <= at, 1))),
        func.count(case((state.c.id.is_(None), 1))),
    ).outerjoin(state, and_(state.c.item_id == item_id, state.c.user_id == user.id))


def _summary(key, title, kind, total, due, new, allowance) -> DeckSummary:
    return DeckSummary(
        key=key,
        title=title,
        kind=kind,
        url=url_for("study.cards", deck=key),
        due=due + min(new, allowance),
        total=total,
        reviews_due=due,
        new=new,
    )


def new_cards_left(user, at: datetime) -> int:
    """How many new cards `user` may still start today (UTC day)."""
    cap = current_app.config.get("STUDY_NEW_CARDS_PER_DAY", NEW_CARDS_PER_DAY)
    return max(0, cap - new_cards_started(user, at))


def new_cards_started(user, at: datetime) -> int:
    """Cards `user` reviewed for the first time today (UTC day)."""
    day_start = datetime.combine(at.astimezone(UTC).date(), time(0), tzinfo=UTC)
    earlier = select(CardReview.item_id).where(
        CardReview.user_id == user.id, CardReview.reviewed_at < day_start
    )
    return db.session.scalar(
        select(func.count(func.distinct(CardReview.item_id))).where(
            CardReview.user_id == user.id,
            CardReview.reviewed_at >= day_start,
            CardReview.reviewed_at < day_start + timedelta(days=1),
            CardReview.item_id.not_in(earlier),
        )
    )


# --- studying a deck -------------------------------------------------------------------


@dataclass(frozen=True)
class DeckStatus:
    """What a deck holds for a student now: reviews due, new cards allowed, next due time."""

    reviews_due: int
    new: int  # cards never studied
    new_left_today: int
    next_due: datetime | None  # the earliest scheduled card, due now or later

    @property
    def due(self) -> int:
        return self.reviews_due + min(self.new, self.new_left_today)


def deck_status(user, deck: Deck, at: datetime | None = None) -> DeckStatus:
    at = at or now()
    ids = deck.item_ids().subquery()
    state = CardState.__table__
    _, due, new, next_due = db.session.execute(
        _counts(user, at, ids.c.id).add_columns(func.min(state.c.due)).select_from(ids)
    ).one()
    return DeckStatus(due, new, new_cards_left(user, at), as_utc(next_due) if next_due else None)


def next_card(user, deck: Deck, at: datetime | None = None) -> Item | None:
    """The card to study now: the most overdue card, else the next new card allowed today."""
    at = at or now()
    ids = deck.item_ids()
    item_id = db.session.scalar(
        select(CardState.item_id)
        .where(CardState.user_id == user.id, CardState.due <= at, CardState.item_id.in_(ids))
        .order_by(CardState.due, CardState.item_id)
        .limit(1)
    )
    if item_id is None and new_cards_left(user, at) > 0:
        started = select(CardState.item_id).where(CardState.user_id == user.id)
        item_id = db.session.scalar(
            select(Item.id)
            .where(Item.id.in_(ids), Item.id.not_in(started))
            .order_by(Item.id)
            .limit(1)
        )
    return db.session.get(Item, item_id) if item_id is not None else None


def in_deck(deck: Deck, item: Item) -> bool:
    return db.session.scalar(select(literal(True)).where(literal(item.id).in_(deck.item_ids())))
