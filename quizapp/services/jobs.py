"""Run slow work (an uploaded text's ingest and drafting) in the background, with progress.

With QUIZAPP_REDIS_URL set, jobs go to an RQ queue that `quizapp worker` serves (any
number of them, on any machine); without it, a thread inside the app runs them, so the
embedded default needs nothing more. Either way the job's row holds its progress and
outcome for the page that watches it.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from flask import Flask, current_app

from quizapp.extensions import db
from quizapp.models import Job

QUEUE = "quizapp"


def submit(kind: str, payload: dict, user) -> Job:
    """Store a job and start it on a worker."""
    job = Job(kind=kind, payload=payload, created_by=user.id if user else None)
    db.session.add(job)
    db.session.commit()
    redis_url = current_app.config.get("REDIS_URL")
    if redis_url:
        from redis import Redis
        from rq import Queue

        Queue(QUEUE, connection=Redis.from_url(redis_url)).enqueue(
            "quizapp.services.jobs.run_queued", job.id, job_timeout=3600
        )
    else:
        app = current_app._get_current_object()
        threading.Thread(target=_run_in_app, args=(app, job.id), daemon=True).start()
    return job


def run_queued(job_id: int) -> None:
    """Entry point for an RQ worker: build the app and run the job."""
    from quizapp import create_app

    _run_in_app(create_app(), job_id)


def _run_in_app(app: Flask, job_id: int) -> None:
    with app.app_context():
        run(job_id)
        db.session.remove()


def run(job_id: int) -> None:
    """Run job `job_id` to its end, recording progress, outcome and any error in words."""
    from quizapp.services.uploads import run_upload

    job = db.session.get(Job, job_id)
    handlers = {"upload": run_upload}
    update(job, status="running", message="Started.", progress=0.01)
    try:
        result = handlers[job.kind](job)
    except Exception as exc:  # a job's failure is reported on its page, in words
        db.session.rollback()
        job = db.session.get(Job, job_id)
        update(job, status="failed", message=str(exc) or type(exc).__name__, progress=1.0)
        current_app.logger.exception("job %s failed", job.uuid)
        return
    update(job, status="done", message=result.pop("message", "Done."), progress=1.0, result=result)


def update(job: Job, **values) -> None:
    for name, value in values.items():
        setattr(job, name, value)
    if values.get("status") in ("done", "failed"):
        job.finished_at = datetime.now(UTC)
    db.session.commit()
