"""A database that cannot answer: 503 in words, recovery without a restart, nothing corrupted.

Real databases throughout: a SQLite file that is not there yet, a SQLite file opened
read-only (as on a read-only disk), PostgreSQL on a port nobody listens on, and
PostgreSQL connections killed under a running app.
"""

from __future__ import annotations

import shutil
import sqlite3
import time

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from quizapp import create_app
from quizapp.config import TestingConfig
from quizapp.extensions import db
from quizapp.services.users import create_user
from tests.conftest import POSTGRES_URL, database_url
from tests.helpers import PASSWORD, csrf_token
from tests.html_inert import text_of


def migrated_sqlite(tmp_path, name: str = "good") -> str:
    path = tmp_path / f"{name}.db"
    app = create_app(TestingConfig(f"sqlite:///{path}", tmp_path / f"instance-{name}"))
    with app.app_context():
        upgrade()
        create_user("ada@example.org", "student", PASSWORD)
        db.session.remove()
        db.engine.dispose()
    return str(path)


def assert_unavailable(response, words: str) -> None:
    assert response.status_code == 503
    assert response.headers["Retry-After"].isdigit()
    page = text_of(response.get_data(as_text=True))
    assert words in page and "Nothing was changed" in page, page


def test_an_unreachable_database_answers_503_and_recovers_without_a_restart(tmp_path):
    folder = tmp_path / "later"
    app = create_app(TestingConfig(f"sqlite:///{folder}/quizapp.db", tmp_path / "instance"))
    client = app.test_client()
    assert_unavailable(client.get("/sources/"), "The database is not answering.")
    json = client.get("/sources/", headers={"Accept": "application/json"})
    assert json.status_code == 503 and json.get_json()["error"] == "database unavailable"
    folder.mkdir()
    shutil.copy(migrated_sqlite(tmp_path), folder / "quizapp.db")
    assert client.get("/sources/").status_code == 200
    assert client.get("/healthz").get_json() == {"status": "ok", "database": "ok"}


def test_a_read_only_sqlite_database_refuses_writes_in_words_and_keeps_its_data(tmp_path):
    path = migrated_sqlite(tmp_path)
    before = sqlite3.connect(path).execute("SELECT failed_logins FROM user_account").fetchall()
    url = f"sqlite:///file:{path}?mode=ro&uri=true"
    app = create_app(TestingConfig(url, tmp_path / "instance-ro"))
    client = app.test_client()
    reading = client.get("/sources/")
    assert reading.status_code in (200, 503)
    data = {"email": "ada@example.org", "password": "wrong password!", "csrf_token": ""}
    data["csrf_token"] = csrf_token(client)
    # A wrong password is a write (the failed sign-in is counted).
    assert_unavailable(client.post("/login", data=data), "read-only")
    with app.app_context():
        db.engine.dispose()
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert connection.execute("SELECT failed_logins FROM user_account").fetchall() == before


def test_a_database_error_that_is_a_bug_stays_a_500(tmp_path):
    """SQLite calls a missing table an OperationalError too: it must not pass for a 503."""
    app = create_app(TestingConfig(database_url(tmp_path, "bug"), tmp_path / "instance-bug"))

    @app.get("/broken-sql")
    def broken_sql():
        db.session.execute(sa.text("SELECT * FROM no_such_table"))
        return "unreachable"

    app.config["PROPAGATE_EXCEPTIONS"] = False
    assert app.test_client().get("/broken-sql").status_code == 500


@pytest.mark.postgres
def test_postgres_that_does_not_listen_answers_503(tmp_path):
    url = "postgresql+psycopg://postgres@127.0.0.1:1/test?connect_timeout=2"
    app = create_app(TestingConfig(url, tmp_path))
    assert_unavailable(app.test_client().get("/sources/"), "The database is not answering.")


@pytest.mark.postgres
def test_postgres_connections_killed_under_the_app_are_replaced(tmp_path):
    """pool_pre_ping notices the dead connection and opens a new one: no error at all."""
    url = f"{POSTGRES_URL}?application_name=quizapp_fault_test"
    app = create_app(TestingConfig(url, tmp_path))
    client = app.test_client()
    assert client.get("/healthz").status_code == 200
    admin = sa.create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        killed = connection.execute(
            sa.text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE application_name = 'quizapp_fault_test'"
            )
        ).scalar()
    admin.dispose()
    assert killed >= 1
    assert client.get("/healthz").get_json() == {"status": "ok", "database": "ok"}


@pytest.mark.postgres
def test_a_connection_dropped_in_the_middle_of_a_request_gives_503_then_recovers(tmp_path):
    """As when PostgreSQL restarts under load: the request's own connection is terminated.

    The 503 must come from the app (not a bare 500 from the server after a failed
    rollback at teardown), and the next request must get a fresh connection."""
    app = create_app(TestingConfig(POSTGRES_URL, tmp_path))

    @app.get("/dropped")
    def dropped():
        db.session.execute(sa.text("SELECT 1"))
        db.session.execute(sa.text("SELECT pg_terminate_backend(pg_backend_pid())"))
        return "unreachable"

    app.config["PROPAGATE_EXCEPTIONS"] = False
    client = app.test_client()
    for _ in range(3):
        assert_unavailable(client.get("/dropped"), "The database is not answering.")
        assert client.get("/healthz").get_json() == {"status": "ok", "database": "ok"}


@pytest.mark.postgres
def test_a_connection_dropped_after_the_work_of_a_request_is_not_a_500(tmp_path):
    """The connection dies after the view's last statement: the page was made, and the
    rollback at teardown must not turn it into the server's bare 500."""
    app = create_app(TestingConfig(POSTGRES_URL, tmp_path))
    admin = sa.create_engine(POSTGRES_URL)

    @app.get("/dropped-later")
    def dropped_later():
        pid = db.session.execute(sa.text("SELECT pg_backend_pid()")).scalar()
        with admin.begin() as connection:
            connection.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        time.sleep(0.2)
        return "made"

    app.config["PROPAGATE_EXCEPTIONS"] = False
    client = app.test_client()
    try:
        response = client.get("/dropped-later")
        assert response.status_code == 200 and response.get_data(as_text=True) == "made"
        assert client.get("/healthz").get_json() == {"status": "ok", "database": "ok"}
    finally:
        admin.dispose()
