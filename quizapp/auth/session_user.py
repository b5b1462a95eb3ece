"""The account a request's signed session names, for a query that loads it with its data.

The question page and the answer POST load the signed-in user in the same query as the
attempt they show (services/attempt_questions.find_question). The user's row then sits in
the database session's identity map, and the user_loader (`db.session.get`) finds it
there without a query of its own. Nothing of Flask-Login's is bypassed: `login_required`
still runs, with its session protection, and a user whose row is gone is still
anonymous (the joined query finds no row, so the loader asks the database itself).
"""

from __future__ import annotations

from flask import session


def session_user_id() -> int | None:
    """The user id the signed session cookie names, not yet checked against the database
    or Flask-Login's session protection: only ever a filter for rows that
    `login_required` then has to confirm."""
    user_id = session.get("_user_id")
    if isinstance(user_id, str) and user_id.isdigit():
        return int(user_id)
    return None
