"""Taking quizzes in the browser's place: every /study quiz route for every role, answers
recorded once, deadlines, closed quizzes, forged ids, and constant statement counts."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from quizapp.checking.blanks import find_blank, hint_of
from quizapp.extensions import db
from quizapp.models import Attempt, Item, ItemVersion, Response
from quizapp.services import attempt_questions, attempts, quizzes
from tests.helpers import counted_statements, csrf_token, make_users
from tests.quiz_helpers import as_user, bank_with_every_type, published_quiz

ORDER = ["cloze", "multiple_choice", "short_answer", "true_false", "chronology", "matching"]
JSON = {"Accept": "application/json"}


@pytest.fixture
def setting(app, runner, tmp_path):
    items = bank_with_every_type(runner, tmp_path)
    users = make_users()
    quiz = published_quiz(users["instructor"], [items[k] for k in ORDER])
    return items, users, quiz


def start(client, quiz) -> str:
    token = csrf_token(client, "/study/")
    response = client.post(f"/study/quizzes/{quiz.uuid}/start", data={"csrf_token": token})
    assert response.status_code == 302, response.status_code
    match = re.search(r"/study/attempts/([0-9a-f-]{36})/q/1$", response.headers["Location"])
    assert match, response.headers["Location"]
    return match.group(1)


def post_answer(client, uuid: str, position: int, data: dict, headers=None):
    url = f"/study/attempts/{uuid}/q/{position}"
    token = csrf_token(client, url) if "csrf_token" not in data else data["csrf_token"]
    return client.post(url, data={"csrf_token": token, **data}, headers=headers or {})


def responses() -> int:
    return db.session.scalar(select(func.count(Response.id)))


def test_visitors_are_sent_to_sign_in_everywhere(setting, client):
    uuid = "00000000-0000-0000-0000-000000000000"
    for url in (
        "/study/",
        "/study/attempts",
        f"/study/attempts/{uuid}",
        f"/study/attempts/{uuid}/q/1",
        f"/study/attempts/{uuid}/results",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url


@pytest.mark.parametrize("role", ["student", "instructor", "admin"])
def test_every_role_may_take_a_published_quiz(setting, app, role):
    items, users, quiz = setting
    client = as_user(app, users[role].email)
    page = client.get("/study/").get_data(as_text=True)
    assert quiz.title in page and "Flashcards" in page
    uuid = start(client, quiz)
    assert start(client, quiz) == uuid  # an open attempt resumes
    page = client.get(f"/study/attempts/{uuid}/q/1").get_data(as_text=True)
    assert 'name="answer"' in page and 'for="answer-1"' in page
    assert client.get(f"/study/attempts/{uuid}").status_code == 200
    assert client.get("/study/attempts").status_code == 200


def test_the_question_page_offers_every_type_accessibly(setting, app):
    items, users, quiz = setting
    client = as_user(app, users["student"].email)
    uuid = start(client, quiz)
    pages = [
        client.get(f"/study/attempts/{uuid}/q/{n}").get_data(as_text=True) for n in range(1, 7)
    ]
    cloze, mc, short, tf, chronology, matching = pages
    assert '<label for="answer-1">' in cloze
    # a blank that shows the answer's first letters says so; a bare one does not
    hinted = hint_of(find_blank(items["cloze"].current.stem).group())
    assert ('id="hint-1"' in cloze) == bool(hinted), items["cloze"].current.stem
    assert 'id="hint-' not in short
    for choice in [
        items["multiple_choice"].current.answer,
        *items["multiple_choice"].current.distractors,
    ]:
        assert f'value="{choice}"' in mc
    assert "<legend" in mc and "<fieldset>" in mc
    assert 'value="true"' in tf and 'value="false"' in tf
    events = items["chronology"].current.payload["events"]
    assert all(f'name="order-{n}"' in chronology for n in range(1, len(events) + 1))
    assert all(f'name="match-{n}"' in matching for n in range(1, 4))
    assert "quiz.js" in cloze and "<script>" not in cloze


def test_immediate_feedback_shows_the_cited_sentence_in_its_passage(setting, app):
    items, users, quiz = setting
    client = as_user(app, users["student"].email)
    uuid = start(client, quiz)
    response = post_answer(client, uuid, 1, {"answer": "Dzerzhinksy"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/q/1")
    page = client.get(f"/study/attempts/{uuid}/q/1").get_data(as_text=True)
    key = items["cloze"].current.citations[0].sentence_key
    assert f"/sources/history#s-{key}" in page
    assert "<mark>" in page and "It is spelt <strong>" in page
    assert "readonly" in page  # the answer stands


def test_a_double_post_records_once_and_answers_the_same(setting, app):
    items, users, quiz = setting
    client = as_user(app, users["student"].email)
    uuid = start(client, quiz)
    token = csrf_token(client, f"/study/attempts/{uuid}/q/4")
    truth = "true" if items["true_false"].current.payload["truth"] else "false"
    data = {"csrf_token": token, "answer": truth}
    first = post_answer(client, uuid, 4, data, JSON)
    second = post_answer(client, uuid, 4, data, JSON)
    assert first.status_code == second.status_code == 200
    assert first.json == {
        "recorded": True,
        "new": True,
        "position": 4,
        "correct": True,
        "credit": 1.0,
    }
    assert second.json == {**first.json, "new": False}
    assert responses() == 1
    changed = post_answer(
        client, uuid, 4, {**data, "answer": "false" if truth == "true" else "true"}, JSON
    )
    assert changed.status_code == 409 and "first answer stands" in changed.json["error"]
    assert responses() == 1


def test_chronology_and_matching_by_numbered_selects(setting, app):
    items, users, quiz = setting
    client = as_user(app, users["student"].email)
    uuid = start(client, quiz)
    attempt = db.session.scalar(select(Attempt).where(Attempt.uuid == uuid))
    shown = attempt.questions[4].choices  # event indices as shown
    places = {f"order-{n}": str(event + 1) for n, event in enumerate(shown, start=1)}
    assert post_answer(client, uuid, 5, places, JSON).json["correct"] is True
    right = attempt.questions[5].choices  # right-hand entries as numbered
    pairs = {f"match-{left + 1}": str(right.index(left) + 1) for left in range(3)}
    assert post_answer(client, uuid, 6, pairs, JSON).json["correct"] is True
    bad = post_answer(client, uuid, 5, {k: "1" for k in places}, JSON)
    assert bad.status_code == 400 and "different place" in bad.json["error"]


def test_after_submission_feedback_waits_and_answers_may_change(setting, app):
    items, users, _ = setting
    quiz = published_quiz(
        users["instructor"],
        [items["cloze"], items["short_answer"]],
        title="Later",
        feedback="after_submission",
        one_per_page=False,
    )
    client = as_user(app, users["student"].email)
    uuid = start(client, quiz)
    saved = post_answer(client, uuid, 1, {"answer": "Lenin"}, JSON)
    assert saved.json == {"recorded": True, "new": True, "position": 1}
    post_answer(client, uuid, 1, {"answer": "Felix Dzerzhinsky"}, JSON)
    page = client.get(f"/study/attempts/{uuid}").get_data(as_text=True)
    assert 'id="q-1"' in page and 'id="q-2"' in page and "The answer:" not in page
    token = csrf_token(client, f"/study/attempts/{uuid}")
    response = client.post(f"/study/attempts/{uuid}/submit", data={"csrf_token": token})
    assert response.headers["Location"].endswith(f"/study/attempts/{uuid}/results")
    results = client.get(f"/study/attempts/{uuid}/results").get_data(as_text=True)
    assert "Score: <strong>1 / 2</strong>" in results and "Not answered." in results
    late = post_answer(client, uuid, 2, {"answer": "x", "csrf_token": token}, JSON)
    assert late.status_code == 409 and responses() == 1
    history = client.get("/study/attempts").get_data(as_text=True)
    assert "Later" in history and f"/study/attempts/{uuid}/results" in history


def test_bad_input_gets_a_clear_message_and_no_record(setting, app):
    items, users, quiz = setting
    client = as_user(app, users["student"].email)
    uuid = start(client, quiz)
    forged = post_answer(client, uuid, 1, {"answer": "x", "item": items["matching"].uuid}, JSON)
    assert forged.status_code == 400 and "not question 1" in forged.json["error"]
    missing = post_answer(
        client, uuid, 99, {"answer": "x", "csrf_token": csrf_token(client, "/study/")}, JSON
    )
    assert missing.status_code == 404 and "not in this attempt" in missing.json["error"]
    not_offered = post_answer(client, uuid, 2, {"answer": "Atlantis"}, JSON)
    assert not_offered.status_code == 400 and "not one of" in not_offered.json["error"]
    blank = post_answer(client, uuid, 1, {"answer": "  "})
    assert blank.status_code == 400 and "type an answer first" in blank.get_data(as_text=True)
    no_token = client.post(f"/study/attempts/{uuid}/q/1", data={"answer": "x"})
    assert no_token.status_code == 400
    assert client.get(f"/study/attempts/{uuid}/q/99").status_code == 404
    assert responses() == 0


def test_another_students_attempt_is_not_found(setting, app):
    items, users, quiz = setting
    uuid = start(as_user(app, users["student"].email), quiz)
    other = as_user(app, users["other_student"].email)
    for url in (
        f"/study/attempts/{uuid}",
        f"/study/attempts/{uuid}/q/1",
        f"/study/attempts/{uuid}/results",
    ):
        assert other.get(url).status_code == 404, url
    token = csrf_token(other, "/study/")
    assert post_answer(other, uuid, 1, {"answer": "x", "csrf_token": token}).status_code == 404
    assert (
        other.post(f"/study/attempts/{uuid}/submit", data={"csrf_token": token}).status_code == 404
    )
    assert responses() == 0
    assert db.session.scalar(select(Attempt.submitted_at).where(Attempt.uuid == uuid)) is None


def test_past_the_deadline_answers_are_refused_and_the_attempt_closes(setting, app):
    items, users, _ = setting
    quiz = published_quiz(
        users["instructor"], [items["cloze"]], title="Timed", time_limit_minutes=10
    )
    client = as_user(app, users["student"].email)
    uuid = start(client, quiz)
    page = client.get(f"/study/attempts/{uuid}/q/1").get_data(as_text=True)
    assert 'data-seconds-left="' in page
    attempt = db.session.scalar(select(Attempt).where(Attempt.uuid == uuid))
    attempt.deadline = datetime.now(UTC) - timedelta(minutes=1)
    db.session.commit()
    late = post_answer(
        client,
        uuid,
        1,
        {"answer": "Dzerzhinsky", "csrf_token": csrf_token(client, "/study/")},
        JSON,
    )
    assert late.status_code == 409 and "Time is up" in late.json["error"]
    assert responses() == 0
    assert client.get(f"/study/attempts/{uuid}/q/1").headers["Location"].endswith("/results")


def test_a_closed_or_unpublished_quiz_is_refused(setting, app):
    items, users, quiz = setting
    client = as_user(app, users["student"].email)
    uuid = start(client, quiz)
    quizzes.unpublish(quiz, users["instructor"])
    assert quiz.title not in client.get("/study/").get_data(as_text=True)
    closed = post_answer(
        client,
        uuid,
        1,
        {"answer": "Dzerzhinsky", "csrf_token": csrf_token(client, "/study/")},
        JSON,
    )
    assert closed.status_code == 403 and "closed" in closed.json["error"]
    token = csrf_token(client, "/study/")
    other = as_user(app, users["other_student"].email)
    assert (
        other.post(
            f"/study/quizzes/{quiz.uuid}/start", data={"csrf_token": csrf_token(other, "/study/")}
        ).status_code
        == 404
    )
    assert (
        client.post("/study/quizzes/not-a-quiz/start", data={"csrf_token": token}).status_code
        == 404
    )
    assert responses() == 0
    # an instructor previews the unpublished quiz
    instructor = as_user(app, users["instructor"].email)
    assert "(not published: preview)" in instructor.get("/study/").get_data(as_text=True)
    assert start(instructor, quiz)


def test_used_up_attempts_are_refused_with_a_message(setting, app):
    items, users, _ = setting
    quiz = published_quiz(
        users["instructor"], [items["true_false"]], title="Once", attempts_allowed=1
    )
    client = as_user(app, users["student"].email)
    uuid = start(client, quiz)
    token = csrf_token(client, "/study/")
    client.post(f"/study/attempts/{uuid}/submit", data={"csrf_token": token})
    refused = client.post(f"/study/quizzes/{quiz.uuid}/start", data={"csrf_token": token})
    assert refused.status_code == 403 and "used all 1 attempt" in refused.get_data(as_text=True)
    assert "No attempts left" in client.get("/study/").get_data(as_text=True)


def grow(items, users, quiz, copies: int) -> None:
    """More items in the bank and more attempts in the student's history."""
    for n in range(copies):
        for kind in ORDER:
            shown = items[kind].current
            copy = Item(
                type=kind,
                fingerprint=f"copy-{kind}-{copies}-{n}",
                status="approved",
                document_id=items[kind].document_id,
            )
            copy.versions.append(
                ItemVersion(
                    number=1,
                    stem=shown.stem,
                    answer=shown.answer,
                    alternatives=shown.alternatives,
                    distractors=shown.distractors,
                    payload=shown.payload,
                    author="test",
                    verdict="supported",
                )
            )
            db.session.add(copy)
    db.session.commit()
    student = users["student"]
    for _ in range(copies):
        attempt = attempts.start(quiz, student)
        for question in attempt.questions[:3]:
            version = attempt_questions.versions_of([question])[question.version_id]
            text = version.answer
            given = {"text": text} if version.item_type != "multiple_choice" else {"choice": text}
            attempts.record_answer(attempt, question, version, attempts.Given(given, text), student)
        attempts.submit(attempt, student)


def test_question_page_and_answer_post_cost_the_same_however_large_the_history(setting, app):
    items, users, quiz = setting
    client = as_user(app, users["student"].email)
    counts = []
    for copies in (1, 6):
        grow(items, users, quiz, copies)
        uuid = start(client, quiz)
        url = f"/study/attempts/{uuid}/q/1"
        token = csrf_token(client, url)
        db.session.expire_all()
        with counted_statements() as page:
            assert client.get(url).status_code == 200
        with counted_statements() as post:
            response = client.post(url, data={"csrf_token": token, "answer": "Dzerzhinsky"})
            assert response.status_code == 302
        with counted_statements() as feedback:
            assert "The answer:" in client.get(url).get_data(as_text=True)
        counts.append((len(page), len(post), len(feedback)))
        client.post(f"/study/attempts/{uuid}/submit", data={"csrf_token": token})
    assert db.session.scalar(select(func.count(Attempt.id))) == 9
    assert counts[0] == counts[1], counts
    assert max(counts[0]) <= 12, counts


def test_where_an_answer_leads_depends_on_the_quiz_settings(setting, app):
    items, users, _ = setting
    two = [items["cloze"], items["true_false"]]
    instructor = users["instructor"]
    all_on_one = published_quiz(instructor, two, title="All at once", one_per_page=False)
    one_by_one = published_quiz(instructor, two, title="One by one", feedback="after_submission")
    client = as_user(app, users["student"].email)
    uuid = start(client, all_on_one)
    response = post_answer(client, uuid, 1, {"answer": "Lenin"})
    assert response.headers["Location"].endswith(f"/study/attempts/{uuid}#q-1")
    page = client.get(f"/study/attempts/{uuid}").get_data(as_text=True)
    assert "That names Vladimir Lenin." in page and 'id="q-2"' in page
    uuid = start(client, one_by_one)
    response = post_answer(client, uuid, 1, {"answer": "Lenin"})
    assert response.headers["Location"].endswith(f"/study/attempts/{uuid}/q/2")
    # the attempt's own page resumes at the first question not answered
    assert "Question 2 of 2" in client.get(f"/study/attempts/{uuid}").get_data(as_text=True)
    assert "The answer:" not in client.get(f"/study/attempts/{uuid}/q/1").get_data(as_text=True)


def test_the_question_page_is_one_statement_with_the_user_and_the_post_reads_no_user_apart(
    setting, app
):
    """The page loads the user, the attempt, its question and every question's progress
    in one statement; the answer POST reads the user with the attempt too."""
    items, users, quiz = setting
    client = as_user(app, users["student"].email)
    uuid = start(client, quiz)
    assert post_answer(client, uuid, 1, {"answer": "Lenin"}).status_code == 302  # cloze
    url = f"/study/attempts/{uuid}/q/3"  # short answer
    token = csrf_token(client, url)
    with counted_statements(fresh=True) as page:
        html = client.get(url).get_data(as_text=True)
    assert len(page) == 1 and "user_account" in page[0], page
    # the progress came with it: question 1 is marked answered, question 3 is not
    assert '1<span class="visually-hidden"> (answered)' in html
    assert '3<span class="visually-hidden"> (answered)' not in html
    assert f"Question 3 of {len(ORDER)}" in html
    with counted_statements(fresh=True) as post:
        answered = client.post(url, data={"csrf_token": token, "answer": "x"}, headers=JSON)
    assert answered.status_code == 200 and answered.json["recorded"], answered.json
    reads_user = [s for s in post if "FROM user_account" in s and "attempt" not in s]
    assert not reads_user and "user_account" in post[0], post
    # a browser's POST is redirected to where it goes next without reading the attempt
    # again after the commit: the question, then the new response (true/false: no names)
    with counted_statements(fresh=True) as redirected:
        response = client.post(
            f"/study/attempts/{uuid}/q/4", data={"csrf_token": token, "answer": "true"}
        )
    assert response.headers["Location"].endswith(f"/study/attempts/{uuid}/q/4")
    assert len(redirected) == 2 and redirected[1].startswith("INSERT INTO response"), redirected


def test_a_session_naming_a_missing_user_is_sent_to_sign_in(setting, app):
    items, users, quiz = setting
    client = as_user(app, users["student"].email)
    uuid = start(client, quiz)
    url = f"/study/attempts/{uuid}/q/1"
    token = csrf_token(client, url)
    with client.session_transaction() as session:
        session["_user_id"] = "987654"  # signed, but no such account (any more)
    for response in (
        client.get(url),
        client.post(url, data={"csrf_token": token, "answer": "Lenin"}, headers=JSON),
    ):
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert responses() == 0


def test_strong_session_protection_still_guards_the_question_page(setting, app):
    """The user comes with the attempt's query, yet Flask-Login's checks still run: with
    strong protection a session moved to another browser is signed out."""
    items, users, quiz = setting
    app.config["SESSION_PROTECTION"] = "strong"
    try:
        client = as_user(app, users["student"].email)
        uuid = start(client, quiz)
        url = f"/study/attempts/{uuid}/q/1"
        assert client.get(url).status_code == 200
        token = csrf_token(client, url)
        moved = {"User-Agent": "another browser"}
        page = client.get(url, headers=moved)
        assert page.status_code == 302 and "/login" in page.headers["Location"]
        client = as_user(app, users["student"].email)
        token = csrf_token(client, url)
        answer = {"csrf_token": token, "answer": "Lenin"}
        posted = client.post(url, data=answer, headers={**JSON, **moved})
        assert posted.status_code == 302 and "/login" in posted.headers["Location"]
        assert responses() == 0
    finally:
        app.config.pop("SESSION_PROTECTION")
