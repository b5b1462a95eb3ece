"""Health check, request ids and security headers."""

from __future__ import annotations

from quizapp import create_app
from quizapp.config import TestingConfig


def test_healthz_reports_a_reachable_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_reports_an_unreachable_database_with_503(tmp_path):
    # A database file in a folder that does not exist cannot be opened.
    app = create_app(TestingConfig(f"sqlite:///{tmp_path}/missing/db.sqlite", tmp_path))
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unreachable"


def test_every_response_carries_a_request_id_and_security_headers(client):
    response = client.get("/sources/", headers={"X-Request-ID": "abc123"})
    assert response.headers["X-Request-ID"] == "abc123"
    fresh = client.get("/sources/")
    assert len(fresh.headers["X-Request-ID"]) == 32
    policy = fresh.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert fresh.headers["X-Content-Type-Options"] == "nosniff"


def test_json_log_lines_carry_the_request_id(app, capsys):
    import json
    import logging

    from quizapp.observability import JsonFormatter

    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    app.logger.addHandler(handler)
    app.logger.setLevel(logging.INFO)
    try:
        app.test_client().get("/sources/", headers={"X-Request-ID": "req-42"})
    finally:
        app.logger.removeHandler(handler)
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line]
    request_line = next(line for line in lines if line.get("path") == "/sources/")
    assert request_line["request_id"] == "req-42" and request_line["status"] == 200
