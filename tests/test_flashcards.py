"""FSRS scheduling through the flashcard service: states, due times, idempotent reviews,
deck membership and the daily allowance of new cards."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import CardReview, CardState, Item
from quizapp.services import bank, card_reviews, flashcards
from quizapp.services.card_reviews import FlashcardError
from tests.flashcard_helpers import approved_bank, published_quiz

NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def world(app, runner, tmp_path):
    return approved_bank(runner, tmp_path)


def reviews_of(user, item=None) -> int:
    query = select(func.count()).select_from(CardReview).where(CardReview.user_id == user.id)
    if item is not None:
        query = query.where(CardReview.item_id == item.id)
    return db.session.scalar(query)


def test_good_is_due_later_than_again(world):
    users, items = world
    student = users["student"]
    again = card_reviews.review(student, items[0], 1, "token-again-1", at=NOON)
    good = card_reviews.review(student, items[1], 3, "token-good-01", at=NOON)
    easy = card_reviews.review(student, items[2], 4, "token-easy-01", at=NOON)
    assert NOON < again.due < good.due < easy.due
    assert again.state == "Learning" and good.state == "Learning"
    assert easy.state == "Review" and easy.due - NOON >= timedelta(days=1)
    state = db.session.scalar(select(CardState).where(CardState.item_id == items[1].id))
    assert flashcards.as_utc(state.due) == good.due and state.reviews == 1
    assert state.card["state"] == 1 and state.card["stability"] > 0


def test_again_after_graduating_relearns(world):
    users, items = world
    student, item = users["student"], items[0]
    first = card_reviews.review(student, item, 4, "token-grad-01", at=NOON)
    assert first.state == "Review"
    later = first.due + timedelta(hours=1)
    lapse = card_reviews.review(student, item, 1, "token-lapse-1", at=later)
    assert lapse.state == "Relearning"
    assert lapse.due - later < timedelta(hours=1)  # back within minutes, not days
    assert lapse.reviews == 2 and reviews_of(student, item) == 2
    relearnt = card_reviews.review(student, item, 3, "token-relearn", at=lapse.due)
    assert relearnt.state == "Review" and relearnt.reviews == 3


def test_a_repeated_token_records_once_and_answers_the_same(world):
    users, items = world
    student, item = users["student"], items[0]
    first = card_reviews.review(student, item, 3, "token-twice-1", at=NOON)
    again = card_reviews.review(student, item, 3, "token-twice-1", at=NOON + timedelta(seconds=2))
    assert again.repeated and not first.repeated
    assert (again.due, again.state, again.reviews) == (first.due, first.state, first.reviews)
    assert reviews_of(student, item) == 1
    # Later reviews move the card; the old token still gives its own schedule.
    card_reviews.review(student, item, 3, "token-twice-2", at=first.due)
    replay = card_reviews.review(student, item, 3, "token-twice-1")
    assert replay.due == first.due and replay.reviews == 1 and reviews_of(student, item) == 2


def test_a_token_of_another_card_is_refused(world):
    users, items = world
    card_reviews.review(users["student"], items[0], 3, "token-mine-01", at=NOON)
    with pytest.raises(FlashcardError, match="another card"):
        card_reviews.review(users["student"], items[1], 3, "token-mine-01", at=NOON)
    with pytest.raises(FlashcardError, match="another card"):
        card_reviews.review(users["other_student"], items[0], 3, "token-mine-01", at=NOON)
    assert reviews_of(users["other_student"]) == 0 and reviews_of(users["student"]) == 1


@pytest.mark.parametrize("rating", [0, 5, -1, "good", None, "3.5"])
def test_a_rating_out_of_range_records_nothing(world, rating):
    users, items = world
    with pytest.raises(FlashcardError, match="a rating is 1"):
        card_reviews.review(users["student"], items[0], rating, "token-bad-rate", at=NOON)
    assert reviews_of(users["student"]) == 0
    assert db.session.scalar(select(func.count()).select_from(CardState)) == 0


def test_only_approved_supported_items_are_cards(world):
    users, items = world
    instructor, student = users["instructor"], users["student"]
    rejected, overridden = items[0], items[1]
    bank.reject(rejected, instructor, "too easy")
    changed = bank.ItemChanges(
        stem=overridden.current.stem,
        answer="Vladivostok",
        alternatives=[],
        distractors=list(overridden.current.distractors),
        explanation=overridden.current.explanation,
    )
    assert bank.edit(overridden, instructor, changed).verdict != "supported"
    bank.approve(overridden, instructor, override_reason="kept for the test")
    draft = db.session.scalar(select(Item).where(Item.status == "draft"))

    deck = flashcards.find_deck("source-history")
    members = set(db.session.scalars(deck.item_ids()))
    assert rejected.id not in members and overridden.id not in members
    assert draft is None or draft.id not in members
    assert members == {i.id for i in items[2:]}
    with pytest.raises(FlashcardError, match="not a flashcard"):
        card_reviews.review(student, rejected, 3, "token-reject1", at=NOON)
    assert reviews_of(student) == 0


def test_deck_membership_and_summaries(world):
    users, items = world
    instructor, student = users["instructor"], users["student"]
    chosen = [i for i in items if i.type == "short_answer"][:2]
    quiz = published_quiz(instructor, "Cheka <basics>", chosen, rule_type="true_false")
    hidden = published_quiz(instructor, "Unpublished", chosen[:1])
    from quizapp.services import quizzes

    quizzes.unpublish(hidden, instructor)

    deck = flashcards.find_deck(f"quiz-{quiz.uuid}")
    members = set(db.session.scalars(deck.item_ids()))
    # Its chosen items plus every true/false item the rule could draw, not only one.
    expected = {i.id for i in chosen} | {i.id for i in items if i.type == "true_false"}
    assert members == expected
    assert flashcards.find_deck(f"quiz-{hidden.uuid}") is None
    assert flashcards.find_deck("source-nowhere") is None
    assert flashcards.find_deck("history") is None

    card_reviews.review(student, chosen[0], 4, "token-summary", at=NOON)
    with db.session.no_autoflush, flashcards_request():
        summaries = flashcards.deck_summaries(student, at=NOON)
    by_key = {s.key: s for s in summaries}
    assert list(by_key) == ["source-history", f"quiz-{quiz.uuid}"]
    source = by_key["source-history"]
    assert source.total == len(items) and source.new == len(items) - 1
    assert source.url == "/study/cards/source-history"
    quiz_deck = by_key[f"quiz-{quiz.uuid}"]
    assert quiz_deck.total == len(expected) and quiz_deck.new == len(expected) - 1
    assert quiz_deck.reviews_due == 0  # the Easy card is due in days
    status = flashcards.deck_status(student, deck, at=NOON)
    assert (status.reviews_due, status.new) == (0, len(expected) - 1)
    assert status.next_due > NOON + timedelta(days=1)
    assert flashcards.next_card(student, deck, at=NOON).id == min(expected - {chosen[0].id})
    # The other student has studied nothing.
    with flashcards_request():
        other = flashcards.deck_summaries(users["other_student"], at=NOON)
    assert other[0].new == len(items)


def test_next_card_new_in_order_then_due_first_and_daily_cap(world, app):
    users, items = world
    student = users["student"]
    deck = flashcards.find_deck("source-history")
    app.config["STUDY_NEW_CARDS_PER_DAY"] = 3
    try:
        first = flashcards.next_card(student, deck, at=NOON)
        assert first.id == items[0].id
        again = card_reviews.review(student, first, 1, "token-cap-001", at=NOON)
        second = flashcards.next_card(student, deck, at=NOON)
        assert second.id == items[1].id  # the lapsed card waits for its minutes
        card_reviews.review(student, second, 4, "token-cap-002", at=NOON)
        # Once the first card is due again it comes before the next new card.
        assert flashcards.next_card(student, deck, at=again.due).id == items[0].id
        card_reviews.review(student, items[2], 4, "token-cap-003", at=NOON)
        status = flashcards.deck_status(student, deck, at=NOON)
        assert status.new_left_today == 0 and status.new == len(items) - 3
        assert flashcards.next_card(student, deck, at=NOON) is None  # cap reached
        assert status.next_due == again.due
        # The next UTC day allows new cards again.
        tomorrow = NOON + timedelta(days=1)
        assert flashcards.deck_status(student, deck, at=tomorrow).new_left_today == 3
    finally:
        app.config.pop("STUDY_NEW_CARDS_PER_DAY")


def flashcards_request():
    """deck_summaries builds URLs, which needs a request context."""
    from flask import current_app

    return current_app.test_request_context()
