"""An upload's job on the Redis queue: the page enqueues it, `quizapp worker --burst` runs it."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from redis import Redis
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import Document, Item, Job
from tests.conftest import REDIS_URL
from tests.helpers import HISTORY_TEXT, csrf_token, make_users, sign_in

pytestmark = pytest.mark.redis


@pytest.fixture
def queued_app(app):
    """The app with jobs sent to Redis (a database of its own, emptied first)."""
    Redis.from_url(REDIS_URL).flushdb()
    app.config["REDIS_URL"] = REDIS_URL
    yield app
    app.config["REDIS_URL"] = None
    Redis.from_url(REDIS_URL).flushdb()


def test_an_upload_waits_on_the_queue_until_a_worker_runs_it(queued_app, client, tmp_path):
    sign_in(client, make_users()["instructor"].email)
    token = csrf_token(client, "/bank/upload")
    response = client.post(
        "/bank/upload",
        data={
            "file": (io.BytesIO(HISTORY_TEXT.encode()), "chapter.txt"),
            "title": "On the Cheka",
            "csrf_token": token,
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    job = db.session.scalar(select(Job))
    assert job.status == "queued"  # no thread ran it: it waits for a worker
    assert Redis.from_url(REDIS_URL).llen("rq:queue:quizapp") == 1

    result = _worker(queued_app, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]

    db.session.expire_all()
    job = db.session.get(Job, job.id)
    assert job.status == "done", job.message
    document = db.session.scalar(select(Document).where(Document.slug == "on-the-cheka"))
    assert document is not None
    assert db.session.scalar(select(func.count()).select_from(Item)) > 0
    status = client.get(f"/bank/jobs/{job.uuid}.json").get_json()
    assert status["status"] == "done"


def test_the_worker_says_it_needs_redis(app, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "QUIZAPP_REDIS_URL"}
    env["QUIZAPP_INSTANCE_PATH"] = str(tmp_path)
    result = subprocess.run(
        [_quizapp(), "worker", "--burst"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "QUIZAPP_REDIS_URL is not set" in result.stderr


def _worker(app, tmp_path: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.update(
        QUIZAPP_DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
        QUIZAPP_REDIS_URL=REDIS_URL,
        QUIZAPP_INSTANCE_PATH=str(tmp_path),
        QUIZAPP_SECRET_KEY="test-secret-key",
    )
    return subprocess.run(
        [_quizapp(), "worker", "--burst"], env=env, capture_output=True, text=True, timeout=300
    )


def _quizapp() -> str:
    return str(Path(sys.executable).with_name("quizapp"))
