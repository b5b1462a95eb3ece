"""The corpus reader: the documents and their text, every sentence addressable."""

from flask import Blueprint

bp = Blueprint("sources", __name__, url_prefix="/sources")

from quizapp.sources import routes  # noqa: E402,F401
