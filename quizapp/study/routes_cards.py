"""Flashcard study: /study/cards/<deck> shows the next due card's front, reveals its back
(`?item=<uuid>&reveal=1` without JavaScript, in place with static/cards.js) and rates it
with a POST to /study/cards/<deck>/review, which redirects back to the next card."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from quizapp.bank.citing import cited_passages, load_contexts
from quizapp.extensions import db
from quizapp.models import Item
from quizapp.services import card_reviews, flashcards
from quizapp.services.card_reviews import RATINGS, FlashcardError
from quizapp.services.flashcards import Deck
from quizapp.study import bp
from quizapp.study.card_faces import card_face
from quizapp.study.card_forms import ReviewForm


@bp.get("/cards/<deck>")
@login_required
def cards(deck: str):
    found = _deck(deck)
    at = flashcards.now()
    status = flashcards.deck_status(current_user, found, at)
    revealed = request.args.get("reveal") == "1"
    if request.args.get("item"):
        item = _card(found, request.args["item"], not_found=404)
    else:
        item = flashcards.next_card(current_user, found, at)
        revealed = False  # a reveal always names its card, so a reload keeps the card
    if item is None:
        return render_template(
            "study/card_none.html", deck=found, status=status, wait=_wait(status.next_due, at)
        )
    version = item.current
    form = ReviewForm(item=item.uuid, token=secrets.token_hex(16))
    return render_template(
        "study/card.html",
        deck=found,
        status=status,
        item=item,
        face=card_face(item, version),
        citations=cited_passages(
            version.citations, load_contexts(c.sentence_key for c in version.citations)
        ),
        revealed=revealed,
        form=form,
        ratings=_rating_buttons(item, at),
    )


@bp.post("/cards/<deck>/review")
@login_required
def review_card(deck: str):
    found = _deck(deck)
    form = ReviewForm()
    if not form.validate_on_submit():
        problems = [m for messages in form.errors.values() for m in messages]
        abort(400, description="The rating was not recorded: " + "; ".join(problems) + ".")
    item = _card(found, form.item.data, not_found=400)
    try:
        result = card_reviews.review(current_user, item, form.rating.data, form.token.data)
    except FlashcardError as exc:
        abort(400, description=f"The rating was not recorded: {exc}.")
    wait = _wait(result.due, flashcards.now())
    flash(f"Rated {RATINGS[result.rating]}: you will see this card again {wait}.")
    return redirect(url_for("study.cards", deck=found.key), code=303)


def _deck(key: str) -> Deck:
    found = flashcards.find_deck(key)
    if found is None:
        abort(
            404,
            description=f"There is no flashcard deck “{key}”. Decks are named source-<slug> "
            "or quiz-<id>; the study page lists them.",
        )
    return found


def _card(deck: Deck, uuid: str, not_found: int) -> Item:
    item = db.session.scalar(select(Item).where(Item.uuid == uuid))
    if item is None or not flashcards.in_deck(deck, item):
        abort(not_found, description=f"The deck “{deck.title}” has no card {uuid}.")
    return item


def _rating_buttons(item: Item, at: datetime) -> list[tuple[int, str, str]]:
    """(rating, name, when the card would come back) for each button."""
    waits = card_reviews.preview_intervals(current_user, item, at)
    return [(value, name, _wait(at + waits[value], at)) for value, name in RATINGS.items()]


def _wait(due: datetime | None, at: datetime) -> str:
    """How long until `due`, in words: "now", "in 10 minutes", "in 3 days"."""
    if due is None:
        return ""
    delta = due - at
    if delta <= timedelta(seconds=30):
        return "now"
    for unit, seconds in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if delta.total_seconds() >= seconds:
            count = round(delta.total_seconds() / seconds)
            return f"in {count} {unit}{'' if count == 1 else 's'}"
    return "in under a minute"
