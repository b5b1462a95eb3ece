"""quizapp: citation-checked quizzes and flashcards drawn from a corpus of texts."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from quizapp.config import Config
from quizapp.extensions import csrf, db, limiter, login_manager, migrate

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def create_app(config: object | None = None) -> Flask:
    """Build the Flask app: configuration, extensions, blueprints, CLI."""
    app = Flask(__name__)
    app.config.from_object(config if config is not None else Config())
    app.instance_path = str(app.config["INSTANCE_PATH"])
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)

    from quizapp import models  # noqa: F401  (register the tables with the metadata)
    from quizapp.api import bp as api_bp
    from quizapp.auth import bp as auth_bp
    from quizapp.bank import bp as bank_bp
    from quizapp.errors import bp as errors_bp
    from quizapp.sources import bp as sources_bp
    from quizapp.study import bp as study_bp

    app.register_blueprint(errors_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(bank_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(sources_bp)
    app.register_blueprint(study_bp)

    from quizapp import observability

    observability.init_app(app)

    from quizapp.cli import register_commands

    register_commands(app)

    @app.get("/")
    def index():
        from flask import redirect, url_for

        return redirect(url_for("sources.index"))

    return app


@login_manager.user_loader
def _load_user(user_id: str):
    from quizapp.models import User

    return db.session.get(User, int(user_id)) if user_id.isdigit() else None


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record) -> None:
    """Turn on foreign keys and WAL for SQLite; other databases are left alone."""
    module = type(dbapi_connection).__module__
    if not module.startswith("sqlite3"):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()
