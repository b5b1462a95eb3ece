"""When the database cannot answer: a 503 that says so, and a session ready for the next request.

A database that is down or restarting, a connection it dropped, a SQLite file that is
locked or on a read-only disk: each surfaces as a DBAPIError that is_unavailable tells
from a bug (SQLite's message, PostgreSQL's SQLSTATE, SQLAlchemy's disconnect flag). The
transaction is rolled back and the request gets a 503 with a Retry-After and a message
in words; the pool (pool_pre_ping) hands the next
request a fresh connection, so the app recovers without a restart. Any other database
error is a bug and is left to the ordinary 500.
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import current_app, request
from sqlalchemy.exc import DBAPIError, OperationalError

from quizapp.extensions import db

RETRY_AFTER_SECONDS = 5
MESSAGES = {
    "read_only": (
        "The database is read-only just now, so nothing can be saved. Nothing was changed; "
        "please tell the people who run this site."
    ),
    "busy": "The database is busy. Nothing was changed; please try again in a few seconds.",
    "unavailable": (
        "The database is not answering. Nothing was changed; please try again in a few seconds."
    ),
}


# SQLite reports missing tables and syntax errors as OperationalError too: only these
# messages mean the file cannot be reached or written.
SQLITE_UNAVAILABLE = (
    "unable to open database file",
    "database is locked",
    "readonly database",
    "disk i/o error",
    "database or disk is full",
)
# PostgreSQL SQLSTATEs: connection exceptions, shutdown and restart, too many
# connections, out of disk, a read-only transaction (a hot standby).
POSTGRES_UNAVAILABLE = ("08", "57P01", "57P02", "57P03", "53", "25006")


def is_unavailable(error: Exception) -> bool:
    """True for errors that say the database cannot be reached or written, not bugs."""
    if not isinstance(error, DBAPIError):
        return False
    if error.connection_invalidated:
        return True
    original = error.orig
    if type(original).__module__.startswith("sqlite3"):
        return any(words in str(original).lower() for words in SQLITE_UNAVAILABLE)
    state = getattr(original, "sqlstate", None)
    if state is None:  # psycopg gives no SQLSTATE when it could not connect at all
        return isinstance(error, OperationalError)
    return state.startswith(POSTGRES_UNAVAILABLE)


def kind_of(error: Exception) -> str:
    text = str(getattr(error, "orig", error)).lower()
    if "readonly" in text or "read-only" in text or "read only" in text:
        return "read_only"
    if _sqlite_on_read_only_disk():
        # SQLite cannot even open a WAL database there ("unable to open database file").
        return "read_only"
    if "locked" in text or "busy" in text:
        return "busy"
    return "unavailable"


def _sqlite_on_read_only_disk() -> bool:
    url = db.engine.url
    if url.get_backend_name() != "sqlite" or not url.database:
        return False
    path = Path(url.database.removeprefix("file:").split("?")[0])
    return path.exists() and not os.access(path.parent, os.W_OK)


def unavailable_response(error: Exception):
    """Roll back, log, and answer 503 in words (HTML, or JSON to a JSON client)."""
    try:
        db.session.rollback()
    except Exception:  # the connection may be gone entirely; the next request starts anew
        current_app.logger.warning("rollback failed after a database error", exc_info=True)
    kind = kind_of(error)
    current_app.logger.error(
        "database %s: %s", kind, str(getattr(error, "orig", error)).strip()[:300]
    )
    message = MESSAGES[kind]
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    if request.accept_mimetypes.best == "application/json" or request.path.endswith(".json"):
        return {"error": "database " + kind.replace("_", "-"), "message": message}, 503, headers
    # Rendered without context processors: they would ask the database for the user.
    page = current_app.jinja_env.get_template("errors/unavailable.html").render(
        message=message, kind=kind
    )
    return page, 503, headers
