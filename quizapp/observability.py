"""Request ids, structured logs, security headers and the health check.

Every request gets an id (the caller's X-Request-ID, or a new one) that is logged with
each line and returned in the response, so one request can be followed across several
app servers. Logs are JSON lines on stderr.
"""

from __future__ import annotations

import json
import logging
import os
import time
import uuid

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    g,
    has_request_context,
    jsonify,
    request,
)
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from quizapp.extensions import db

bp = Blueprint("observability", __name__)
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class JsonFormatter(logging.Formatter):
    """One JSON object per log line, with the request id when there is a request."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if has_request_context():
            entry["request_id"] = getattr(g, "request_id", None)
        for name in ("method", "path", "status", "duration_ms"):
            if hasattr(record, name):
                entry[name] = getattr(record, name)
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry)


def init_app(app: Flask) -> None:
    """Install request ids, access logs, security headers and /healthz (and the bare
    benchmark routes when QUIZAPP_BENCH_ROUTES=1)."""
    if not app.testing:
        handler = logging.StreamHandler()
        handler.setFormatter(JsonFormatter())
        app.logger.handlers = [handler]
        app.logger.setLevel(logging.INFO)
    app.before_request(_start)
    app.after_request(_finish)
    # Registered after Flask-SQLAlchemy's own teardown, so it runs before it.
    app.teardown_appcontext(_release_session)
    app.register_blueprint(bp)
    if os.environ.get("QUIZAPP_BENCH_ROUTES") == "1":
        from quizapp.benchroutes import bp as bench_bp

        app.register_blueprint(bench_bp)


def _start():
    supplied = request.headers.get("X-Request-ID", "")
    g.request_id = (
        supplied if 0 < len(supplied) <= 64 and supplied.isprintable() else (uuid.uuid4().hex)
    )
    g.started = time.perf_counter()
    return _refuse_nul()


def _refuse_nul():
    """A NUL character in a parameter is refused by name: PostgreSQL cannot store or
    compare it, and SQLite would cut a LIKE pattern short at it."""
    for source, values in (("query parameter", request.args), ("form field", request.form)):
        for name, value in values.items(multi=True):
            if "\x00" in value or "\x00" in name:
                abort(400, description=f"The {source} {name!r} contains a NUL character.")
    return None


def _finish(response):
    response.headers["X-Request-ID"] = g.get("request_id", "")
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    duration = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
    current_app.logger.info(
        "request",
        extra={
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": round(duration, 1),
        },
    )
    return response


def _release_session(exc: BaseException | None) -> None:
    """End the request's session; when the database dropped its connection meanwhile (a
    restart), discard the connection rather than fail on its rollback after the response
    was made, which would reach the client as the server's bare 500."""
    try:
        db.session.close()
    except DBAPIError:
        current_app.logger.warning("the database dropped a connection; discarding it")
        try:
            db.session().invalidate()
        except DBAPIError:
            current_app.logger.warning("could not discard the connection", exc_info=True)


@bp.get("/healthz")
def healthz():
    """200 when the app can query its database, 503 with the reason when it cannot."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
