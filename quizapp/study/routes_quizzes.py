"""Taking quizzes: /study/, starting an attempt, its questions, answers, submission, results.

URLs (students, instructors and admins; an attempt is only ever shown to its owner, and
anyone else's attempt answers 404 so its id tells nothing):

  GET  /study/                                    published quizzes, your attempts, decks
  POST /study/quizzes/<quiz_uuid>/start           302 to the attempt (an open one resumes)
  GET  /study/attempts/<attempt_uuid>             the current question, or all of them
  GET  /study/attempts/<attempt_uuid>/q/<n>       question n (1-based)
  POST /study/attempts/<attempt_uuid>/q/<n>       answer question n
  POST /study/attempts/<attempt_uuid>/submit      submit; 302 to the results
  GET  /study/attempts/<attempt_uuid>/results     score and feedback per question
  GET  /study/attempts                            all your attempts

Form fields of the answer POST:
  csrf_token   required (or the X-CSRFToken header)
  item         optional: the item uuid the page showed; a different one is refused (400)
  answer       cloze, short answer: the typed text; multiple choice: a shown choice's
               text, exactly; true/false: "true" or "false"
  order-<n>    chronology, one per event: the place (1 = earliest) of the event shown n-th
  match-<n>    matching, one per left-hand entry n (1-based, in the order shown): the
               number of the right-hand entry chosen, as numbered on the page
With `Accept: application/json` the answer POST returns {"recorded": true, "new": bool,
"position": n, "correct": bool, "credit": float} (no correctness while feedback waits for
submission) or {"recorded": false, "error": "..."} with status 400, 403, 404 or 409.
Without it, it redirects: to the question's feedback (immediate feedback), else to the
next question (one per page) or back to the question on the all-on-one-page view.
"""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from quizapp.auth.session_user import session_user_id
from quizapp.extensions import db
from quizapp.models import Attempt, Quiz
from quizapp.services import attempt_questions, attempts
from quizapp.services.attempt_history import history, quiz_summaries
from quizapp.services.attempt_questions import AttemptError, FoundQuestion
from quizapp.services.flashcards import deck_summaries
from quizapp.study import bp
from quizapp.study.answers import read_answer
from quizapp.study.question_views import build_views


@bp.get("/")
@login_required
def index():
    return render_template(
        "study/index.html",
        quizzes=quiz_summaries(current_user),
        decks=deck_summaries(current_user),
    )


@bp.post("/quizzes/<quiz_uuid>/start")
@login_required
def start_quiz(quiz_uuid: str):
    quiz = db.session.scalar(select(Quiz).where(Quiz.uuid == quiz_uuid))
    if quiz is None or not attempts.may_take(quiz, current_user):
        abort(404, description="There is no open quiz at this address.")
    try:
        attempt = attempts.start(quiz, current_user)
    except AttemptError as exc:
        abort(exc.status, description=str(exc))
    return redirect(url_for("study.attempt_question", attempt_uuid=attempt.uuid, position=1))


@bp.get("/attempts/<attempt_uuid>")
@login_required
def attempt_page(attempt_uuid: str):
    attempt = _open_attempt(attempt_uuid)
    if not isinstance(attempt, Attempt):
        return attempt
    if attempt.quiz.one_per_page:
        done = attempt_questions.progress(attempt)
        current = next((p for p, answered in done if not answered), done[-1][0] if done else 1)
        return _question_page(attempt, current)
    questions = attempt_questions.answered_questions(attempt)
    views = build_views(questions, with_feedback=_immediate(attempt))
    return render_template("study/attempt_all.html", **_page(attempt), views=views)


# The question page and the answer POST load the signed-in user in the same query as
# the attempt, before login_required, which then finds the user without a query of its
# own (auth/session_user.py). Nothing is shown or changed before login_required passed.


@bp.get("/attempts/<attempt_uuid>/q/<int:position>")
def attempt_question(attempt_uuid: str, position: int):
    found = attempt_questions.find_question(
        attempt_uuid, session_user_id(), position, progress=True
    )
    return _show_question(found, position)


@login_required
def _show_question(found: FoundQuestion, position: int):
    opened = _still_open(found.attempt)
    if not isinstance(opened, Attempt):
        return opened
    return _question_page(
        found.attempt, position, shown=(found.question, found.version), done=found.progress
    )


@bp.post("/attempts/<attempt_uuid>/q/<int:position>")
def answer_question(attempt_uuid: str, position: int):
    found = attempt_questions.find_question(attempt_uuid, session_user_id(), position)
    return _record_answer(found, position)


@login_required
def _record_answer(found: FoundQuestion, position: int):
    attempt, question, version = found.attempt, found.question, found.version
    if attempt is None:
        return _refused(AttemptError("There is no such attempt.", 404), None, position)
    # read before recording, with where a browser goes next: the commit expires the
    # attempt, and reading it and its quiz again afterwards would cost two more queries
    immediate = _immediate(attempt)
    following = None if _wants_json() else _after_answer(attempt, position, immediate)
    try:
        if question is None:
            raise attempt_questions.no_question(position)
        shown = request.form.get("item")
        if shown is not None and shown != version.item_uuid:
            raise AttemptError(f"item: that item is not question {position} of this attempt.")
        given = read_answer(version.item_type, question, version, request.form)
        recorded = attempts.record_answer(attempt, question, version, given, current_user)
    except AttemptError as exc:
        return _refused(exc, attempt, position)
    if _wants_json():
        body = {"recorded": True, "new": recorded.new, "position": position}
        if immediate:
            body.update(correct=recorded.grade.correct, credit=recorded.grade.credit)
        return jsonify(body)
    return redirect(following)


@bp.post("/attempts/<attempt_uuid>/submit")
@login_required
def submit_attempt(attempt_uuid: str):
    attempt = attempts.find_attempt(attempt_uuid, current_user) or abort(404)
    attempts.submit(attempt, current_user)
    flash("Your attempt is submitted.")
    return redirect(url_for("study.attempt_results", attempt_uuid=attempt.uuid))


@bp.get("/attempts/<attempt_uuid>/results")
@login_required
def attempt_results(attempt_uuid: str):
    attempt = attempts.find_attempt(attempt_uuid, current_user) or abort(404)
    attempts.close_if_expired(attempt)
    if attempt.submitted_at is None:
        flash("This attempt is not submitted yet: submit it to see your results.")
        return redirect(url_for("study.attempt_page", attempt_uuid=attempt.uuid))
    views = build_views(attempt_questions.answered_questions(attempt), with_feedback=True)
    return render_template("study/results.html", attempt=attempt, quiz=attempt.quiz, views=views)


@bp.get("/attempts")
@login_required
def attempt_history():
    return render_template("study/attempts.html", rows=history(current_user))


def _open_attempt(uuid: str):
    """The user's attempt still open for answers, or the response that leads elsewhere."""
    return _still_open(attempts.find_attempt(uuid, current_user))


def _still_open(attempt: Attempt | None):
    """`attempt` if it is the user's and still open for answers, or the response that
    leads elsewhere."""
    if attempt is None:
        abort(404)
    if attempts.close_if_expired(attempt):
        flash("Time is up: your attempt was submitted with the answers given.")
    if attempt.submitted_at is not None:
        return redirect(url_for("study.attempt_results", attempt_uuid=attempt.uuid))
    return attempt


def _question_page(
    attempt: Attempt,
    position: int,
    error: str | None = None,
    status=200,
    shown=(None, None),
    done: list[tuple[int, bool]] | None = None,
):
    """Question `position` of the attempt; `shown` is its (question, version) and `done`
    the attempt's progress when already loaded."""
    question, version = shown
    if question is None:
        try:
            question, version = attempt_questions.question_and_version(attempt, position)
        except AttemptError as exc:
            abort(404, description=str(exc))
    (view,) = build_views(
        [question], with_feedback=_immediate(attempt), versions={version.id: version}
    )
    return (
        render_template("study/question.html", **_page(attempt, done), view=view, error=error),
        status,
    )


def _page(attempt: Attempt, done: list[tuple[int, bool]] | None = None) -> dict:
    done = done if done is not None else attempt_questions.progress(attempt)
    return {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "done": done,
        "last": done[-1][0] if done else 0,
        "immediate": _immediate(attempt),
        "seconds_left": attempts.seconds_left(attempt),
    }


def _refused(exc: AttemptError, attempt: Attempt | None, position: int):
    if _wants_json():
        return jsonify({"recorded": False, "error": str(exc)}), exc.status
    if attempt is None or exc.status == 404:
        abort(exc.status, description=str(exc))
    if attempt.submitted_at is not None:
        flash(str(exc))
        return redirect(url_for("study.attempt_results", attempt_uuid=attempt.uuid))
    if exc.status == 403:
        abort(403, description=str(exc))
    return _question_page(attempt, position, error=str(exc), status=exc.status)


def _after_answer(attempt: Attempt, position: int, immediate: bool) -> str:
    if not attempt.quiz.one_per_page:
        return url_for("study.attempt_page", attempt_uuid=attempt.uuid) + f"#q-{position}"
    if immediate:
        return url_for("study.attempt_question", attempt_uuid=attempt.uuid, position=position)
    last = max(p for p, _ in attempt_questions.progress(attempt))
    following = min(position + 1, last)
    return url_for("study.attempt_question", attempt_uuid=attempt.uuid, position=following)


def _immediate(attempt: Attempt) -> bool:
    return attempt.quiz.feedback == "immediate"


def _wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"
