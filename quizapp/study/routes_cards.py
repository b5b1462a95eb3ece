"""Routes of the study blueprint (being built)."""

from quizapp.study import bp  # noqa: F401
