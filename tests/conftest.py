"""Fixtures: apps on a real database (SQLite, or PostgreSQL when QUIZAPP_TEST_DATABASE_URL
names one), an empty corpus per test, the shipped corpus ingested once per session."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from quizapp import create_app
from quizapp.config import TestingConfig
from quizapp.extensions import db

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
POSTGRES_URL = os.environ.get(
    "QUIZAPP_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("QUIZAPP_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def database_url(tmp: Path, name: str) -> str:
    """A database of its own for `name`: a SQLite file, or a PostgreSQL schema."""
    base = os.environ.get("QUIZAPP_TEST_DATABASE_URL")
    if not base or base.startswith("sqlite"):
        return f"sqlite:///{tmp / name}.db"
    schema = postgres_schema(base, name)
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options=-csearch_path%3D{schema}"


def postgres_schema(url: str, name: str) -> str:
    """A fresh schema `qa_<name>_<pid>`: test runs side by side on one server (two
    checkouts, two sessions) never drop each other's tables. Schemas that runs which
    have ended left behind are dropped on the way."""
    schema = f"qa_{name}_{os.getpid()}"
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        _drop_orphans(conn)
        conn.execute(sa.text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    return schema


def _drop_orphans(conn) -> None:
    names = conn.scalars(
        sa.text("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'qa\\_%'")
    ).all()
    for schema in names:
        pid = schema.rsplit("_", 1)[-1]
        if pid.isdigit() and int(pid) != os.getpid() and not Path(f"/proc/{pid}").exists():
            conn.execute(sa.text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))


def migrated_app(tmp: Path, name: str):
    app = create_app(TestingConfig(database_url(tmp, name), tmp / f"instance-{name}"))
    with app.app_context():
        upgrade()
    return app


def empty_tables(app) -> None:
    with app.app_context():
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.commit()


@pytest.fixture(scope="session")
def session_tmp(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("quizapp")


@pytest.fixture(scope="session")
def _empty_app(session_tmp):
    return migrated_app(session_tmp, "empty")


@pytest.fixture
def app(_empty_app):
    """An app on a migrated, empty database."""
    empty_tables(_empty_app)
    with _empty_app.app_context():
        yield _empty_app
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def corpus_app(session_tmp):
    """An app whose database holds the shipped corpus; tests must not change it."""
    app = migrated_app(session_tmp, "corpus")
    result = app.test_cli_runner().invoke(args=["ingest", str(CORPUS)])
    assert result.exit_code == 0, result.output
    return app


@pytest.fixture
def corpus_client(corpus_app):
    return corpus_app.test_client()


def pytest_collection_modifyitems(config, items):
    """Skip tests whose outside requirement is missing, unless CI demands it."""
    missing = _missing_requirements()
    for item in items:
        for marker, reason in missing.items():
            if marker in item.keywords:
                item.add_marker(pytest.mark.skip(reason=reason))


@functools.cache
def _missing_requirements() -> dict[str, str]:
    missing = {}
    if not Path("/usr/bin/chromium").exists():
        reason = "Debian's Chromium is not installed (make browser-deps installs it)"
        if os.environ.get("QUIZAPP_REQUIRE_BROWSER"):
            raise pytest.UsageError(f"browser tests are required but {reason}")
        missing["browser"] = reason
    if not _postgres_reachable():
        reason = f"PostgreSQL is not reachable at {POSTGRES_URL}"
        if os.environ.get("QUIZAPP_REQUIRE_POSTGRES"):
            raise pytest.UsageError(f"PostgreSQL tests are required but {reason}")
        missing["postgres"] = reason
    if not _redis_reachable():
        reason = f"Redis is not reachable at {REDIS_URL}"
        if os.environ.get("QUIZAPP_REQUIRE_REDIS"):
            raise pytest.UsageError(f"Redis tests are required but {reason}")
        missing["redis"] = reason
    return missing


def _redis_reachable() -> bool:
    from redis import Redis
    from redis.exceptions import RedisError

    try:
        return bool(Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping())
    except RedisError:
        return False


def _postgres_reachable() -> bool:
    try:
        engine = sa.create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
        engine.dispose()
        return True
    except Exception:
        return False


def pytest_terminal_summary(terminalreporter):
    missing = _missing_requirements()
    for reason in missing.values():
        terminalreporter.write_line(f"NOTE: some tests were skipped: {reason}")
