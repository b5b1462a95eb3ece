"""Signing in and out, self-registration, and the role rules views are guarded by."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from quizapp.auth import routes  # noqa: E402,F401
