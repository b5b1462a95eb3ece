"""Flashcard study: /study/cards/<deck> shows the next due card, reveals it and rates it."""

from flask import abort
from flask_login import login_required

from quizapp.study import bp


@bp.get("/cards/<deck>")
@login_required
def cards(deck: str):
    abort(404)
