"""The download buttons: instructors get the file, students are refused."""

from __future__ import annotations

import io
import zipfile

from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Item
from quizapp.services import bank, quizzes
from tests.export_helpers import export_bank
from tests.helpers import make_users, sign_in


def approved_quiz(runner, tmp_path):
    export_bank(runner, tmp_path)
    users = make_users()
    items = [
        i
        for i in db.session.scalars(select(Item).order_by(Item.id))
        if i.current.verdict == "supported"
    ][:3]
    for item in items:
        bank.approve(item, users["instructor"])
    quiz = quizzes.create_quiz(users["instructor"], quizzes.QuizSettings("Week 1"))
    quizzes.add_items(quiz, users["instructor"], items)
    return quiz


def test_instructors_download_a_quiz_a_source_and_the_bank_filter(app, client, runner, tmp_path):
    quiz = approved_quiz(runner, tmp_path)
    sign_in(client, "instructor@example.org")
    page = client.get(f"/bank/quizzes/{quiz.uuid}").get_data(as_text=True)
    assert f"/bank/export?format=anki&amp;quiz={quiz.uuid}" in page
    response = client.get(f"/bank/export?format=anki&quiz={quiz.uuid}")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        assert "collection.anki2" in archive.namelist()

    assert "/bank/export?format=moodle-xml&amp;source=history" in client.get(
        "/sources/history"
    ).get_data(as_text=True)
    response = client.get("/bank/export?format=moodle-xml&source=history")
    assert response.status_code == 200
    assert response.data.count(b"<idnumber>") == 3

    assert "include=drafts" in client.get("/bank?type=cloze").get_data(as_text=True)
    response = client.get("/bank/export?format=csv&include=drafts&type=cloze")
    assert response.status_code == 200
    rows = response.data.decode("utf-8-sig").splitlines()[1:]
    assert rows and all(",cloze," in row for row in rows)


def test_nothing_to_export_sends_the_instructor_back_with_the_reason(app, client, runner, tmp_path):
    export_bank(runner, tmp_path)
    make_users()
    sign_in(client, "instructor@example.org")
    response = client.get("/bank/export?format=anki&source=history")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/sources/history")
    page = client.get("/sources/history").get_data(as_text=True)
    assert "Nothing exported: nothing to export" in page


def test_visitors_sign_in_first_and_students_are_refused(app, client, runner, tmp_path):
    quiz = approved_quiz(runner, tmp_path)
    response = client.get("/bank/export")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    sign_in(client, "student@example.org")
    assert client.get(f"/bank/export?format=anki&quiz={quiz.uuid}").status_code == 403
    assert client.get("/bank/export?format=csv").status_code == 403
    assert "/bank/export" not in client.get("/sources/history").get_data(as_text=True)
