"""Routes of the bank blueprint (being built)."""

from quizapp.bank import bp  # noqa: F401
