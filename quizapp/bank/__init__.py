"""The instructors' workspace: the question bank, its review, quizzes, glossary, uploads.

Every route here is for instructors (and admins); each module holds the routes of one
page or task.
"""

from flask import Blueprint

bp = Blueprint("bank", __name__, url_prefix="/bank")

from quizapp.bank import (  # noqa: E402,F401
    routes_audit,
    routes_browse,
    routes_export,
    routes_glossary,
    routes_items,
    routes_quizzes,
    routes_review,
    routes_stale,
    routes_stats,
    routes_tags,
    routes_upload,
)
