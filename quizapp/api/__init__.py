"""Small JSON endpoints the pages call to speed things up (they all work without them)."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api")

from quizapp.api import routes  # noqa: E402,F401
