"""Uploading a text: bad files refused beside the field; a good one ingested and drafted in the background."""

from __future__ import annotations

import io
import time

import pytest
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import Document, Item, Job
from quizapp.services.jobs import run
from tests.helpers import HISTORY_TEXT, csrf_token, make_users, sign_in


@pytest.fixture
def instructor(app, client):
    sign_in(client, make_users()["instructor"].email)
    return client


def post_upload(client, data: bytes, name: str = "chapter.txt"):
    token = csrf_token(client, "/bank/upload")
    return client.post(
        "/bank/upload",
        data={
            "file": (io.BytesIO(data), name),
            "title": "On the Cheka",
            "author": "A. Writer",
            "year": "1990",
            "csrf_token": token,
        },
        content_type="multipart/form-data",
    )


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary file"),
        (b"The Cheka " + bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 40, "undecodable"),
    ],
)
def test_bad_files_are_refused_beside_the_file_field(instructor, data, reason):
    response = post_upload(instructor, data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'id="file-errors"' in page and reason in page
    assert db.session.scalar(select(func.count()).select_from(Job)) == 0


def test_a_file_over_the_size_limit_is_refused(app, instructor):
    app.config["MAX_SOURCE_BYTES"] = 100
    try:
        response = post_upload(instructor, HISTORY_TEXT.encode())
    finally:
        app.config["MAX_SOURCE_BYTES"] = 20 * 1024 * 1024
    assert response.status_code == 400 and "over the limit" in response.get_data(as_text=True)


def test_an_upload_is_ingested_and_drafted_in_the_background(app, instructor):
    response = post_upload(instructor, HISTORY_TEXT.encode())
    assert response.status_code == 302
    uuid = response.headers["Location"].rsplit("/", 1)[1]
    deadline = time.monotonic() + 60
    status = {}
    while time.monotonic() < deadline:
        status = instructor.get(f"/bank/jobs/{uuid}.json").get_json()
        if status["status"] in ("done", "failed"):
            break
        time.sleep(0.3)
    assert status["status"] == "done", status
    db.session.expire_all()
    document = db.session.scalar(select(Document).where(Document.slug == "on-the-cheka"))
    assert (document.title, document.author, document.year) == ("On the Cheka", "A. Writer", 1990)
    assert db.session.scalar(select(func.count()).select_from(Item)) > 0
    page = instructor.get(f"/bank/jobs/{uuid}").get_data(as_text=True)
    assert "<progress" in page and "items drafted" in page


def test_a_failing_job_reports_its_error_in_words(app):
    job = Job(
        kind="upload",
        payload={
            "filename": "x.txt",
            "text": "   ",
            "encoding": "utf-8",
            "checksum": "0",
            "slug": "x",
            "title": "X",
        },
    )
    db.session.add(job)
    db.session.commit()
    run(job.id)
    db.session.refresh(job)
    assert job.status == "failed" and "no sentences" in job.message
    assert db.session.scalar(select(func.count()).select_from(Document)) == 0
