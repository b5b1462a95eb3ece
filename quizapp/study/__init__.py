"""The students' side: /study lists quizzes and flashcard decks; taking quizzes, studying
cards and the progress page each live in their own routes module.
"""

from flask import Blueprint

bp = Blueprint("study", __name__, url_prefix="/study")

from quizapp.study import routes_cards, routes_progress, routes_quizzes  # noqa: E402,F401
