"""Reviewing a flashcard: a student's rating schedules the card by FSRS (`review`,
idempotent by its token), and the intervals each rating would give (`preview_intervals`).
Which cards a deck holds and which is next is services/flashcards.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import fsrs
from sqlalchemy import func, literal, select
from sqlalchemy.exc import IntegrityError

from quizapp.extensions import db
from quizapp.models import CardReview, CardState, Item, ItemVersion
from quizapp.services.flashcards import as_utc, now, studyable_ids

RATINGS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
# One scheduler for everyone: FSRS's default parameters. No fuzz, so that the same
# review gives the same schedule (idempotent replays and tests rely on it).
SCHEDULER = fsrs.Scheduler(enable_fuzzing=False)


class FlashcardError(ValueError):
    """A review the service refuses (bad rating, item not a card); nothing was recorded."""


def card_state(user, item: Item) -> CardState | None:
    return db.session.scalar(
        select(CardState).where(CardState.user_id == user.id, CardState.item_id == item.id)
    )


@dataclass(frozen=True)
class ReviewResult:
    rating: int
    due: datetime  # when the card is next due
    reviews: int  # the card's reviews so far, this one included
    state: str  # FSRS state after the review: Learning, Review or Relearning
    repeated: bool = False  # the token had been recorded already; nothing new was stored


def review(user, item: Item, rating: int, token: str, at: datetime | None = None) -> ReviewResult:
    """Rate `item` for `user` and schedule it by FSRS, in one transaction.

    A token already recorded for this student and item records nothing and returns the
    schedule that review gave, so a double-submitted rating counts once.
    """
    rating = _valid_rating(rating)
    token = _valid_token(token)
    earlier = _replay(user, item, token)
    if earlier is not None:
        return earlier
    if not _studyable(item):
        raise FlashcardError("this item is not a flashcard (it is not approved and supported)")
    at = as_utc(at or now())
    try:
        result = _schedule(user, item, rating, token, at)
        db.session.commit()
    except IntegrityError:
        # Another request stored this token, or the card's first review, at the same
        # moment: answer as the token's review did, or schedule on top of the other one.
        db.session.rollback()
        earlier = _replay(user, item, token)
        if earlier is not None:
            return earlier
        result = _schedule(user, item, rating, token, at)
        db.session.commit()
    return result


def _schedule(user, item: Item, rating: int, token: str, at: datetime) -> ReviewResult:
    state = card_state(user, item)
    if state is None:
        state = CardState(user_id=user.id, item_id=item.id, reviews=0)
        db.session.add(state)
        card = fsrs.Card(card_id=item.id, due=at)
    else:
        card = fsrs.Card.from_dict(state.card)
    card, _log = SCHEDULER.review_card(card, fsrs.Rating(rating), review_datetime=at)
    state.card = card.to_dict()
    state.due = card.due
    state.reviews += 1
    db.session.add(
        CardReview(
            user_id=user.id,
            item_id=item.id,
            version_id=_current_version_id(item),
            rating=rating,
            reviewed_at=at,
            token=token,
            due=card.due,
            state=card.state.name,
        )
    )
    db.session.flush()
    return ReviewResult(rating, card.due, state.reviews, card.state.name)


def _replay(user, item: Item, token: str) -> ReviewResult | None:
    done = db.session.scalar(select(CardReview).where(CardReview.token == token))
    if done is None:
        return None
    if done.user_id != user.id or done.item_id != item.id:
        raise FlashcardError("this review token belongs to another card; reload the card")
    reviews = db.session.scalar(
        select(func.count()).where(
            CardReview.user_id == user.id,
            CardReview.item_id == item.id,
            CardReview.id <= done.id,
        )
    )
    return ReviewResult(done.rating, as_utc(done.due), reviews, done.state, repeated=True)


def _studyable(item: Item) -> bool:
    return db.session.scalar(select(literal(True)).where(literal(item.id).in_(studyable_ids())))


def _current_version_id(item: Item) -> int:
    return db.session.scalar(
        select(ItemVersion.id).where(
            ItemVersion.item_id == item.id, ItemVersion.number == item.current_version
        )
    )


def _valid_rating(rating) -> int:
    try:
        value = int(rating)
    except (TypeError, ValueError):
        value = 0
    if value not in RATINGS:
        raise FlashcardError(
            f"a rating is 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy), not {rating!r}"
        )
    return value


def _valid_token(token) -> str:
    if not isinstance(token, str) or not 8 <= len(token) <= 64:
        raise FlashcardError("the review token is missing or malformed; reload the card")
    return token


def preview_intervals(user, item: Item, at: datetime | None = None) -> dict[int, timedelta]:
    """How long each rating would put the card away for, without recording anything."""
    at = as_utc(at or now())
    state = card_state(user, item)
    card = fsrs.Card.from_dict(state.card) if state else fsrs.Card(card_id=item.id, due=at)
    return {
        value: SCHEDULER.review_card(card, fsrs.Rating(value), review_datetime=at)[0].due - at
        for value in RATINGS
    }
