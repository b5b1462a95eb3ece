"""In a real browser: a student takes a quiz with one item of each type, gets one wrong,
sees the cited sentence, sees the score; the instructor then sees the attempt in /bank/stats."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Attempt, Response
from tests.browser import browser_page, screenshot, served
from tests.helpers import PASSWORD, make_users
from tests.quiz_helpers import TYPES, bank_with_every_type, published_quiz

pytestmark = pytest.mark.browser


def sign_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("main [type=submit]")
    page.wait_for_url(f"{base}/**")


def check(page) -> None:
    with page.expect_navigation():
        page.click("form.question button[type=submit]")


def next_question(page) -> None:
    with page.expect_navigation():
        page.click("a[rel=next]")


def test_a_student_takes_a_quiz_and_the_instructor_sees_the_attempt(app, runner, tmp_path):
    items = bank_with_every_type(runner, tmp_path)
    users = make_users()
    quiz = published_quiz(users["instructor"], [items[k] for k in TYPES], title="Every type")
    mc = items["multiple_choice"].current
    wrong_choice = mc.distractors[0]
    with served(app) as base, browser_page() as page:
        sign_in(page, base, users["student"].email)
        page.goto(f"{base}/study/")
        with page.expect_navigation():
            page.click("table.quizzes button")

        # 1 cloze: a near miss counts, and the right spelling is shown
        page.fill("#answer-1", "Dzerzhinksy")
        check(page)
        expect(page.locator(".feedback h3")).to_have_text("Right, though the spelling is off.")
        expect(page.locator(".feedback .corrected")).to_contain_text("Dzerzhinsky")
        next_question(page)

        # 2 multiple choice: the wrong answer, with the cited sentence in its passage
        page.get_by_label(wrong_choice, exact=True).check()
        check(page)
        feedback = page.locator(".feedback")
        expect(feedback.locator("h3")).to_have_text("Not right.")
        expect(feedback.locator("strong.expected")).to_have_text(mc.answer)
        cited = feedback.locator("figure.cited")
        expect(cited.locator(".cited-sentence mark")).to_have_text(mc.answer)
        key = mc.citations[0].sentence_key
        expect(cited.locator("a")).to_have_attribute("href", f"/sources/history#s-{key}")
        cited.scroll_into_view_if_needed()
        screenshot(page, "quiz-feedback")
        next_question(page)

        # 3 short answer, typed as the key says
        page.fill("#answer-3", items["short_answer"].current.answer.upper())
        check(page)
        expect(page.locator(".feedback h3")).to_have_text("Right.")
        next_question(page)

        # 4 true/false, by keyboard: focus the right radio, space to check it
        truth = "True" if items["true_false"].current.payload["truth"] else "False"
        page.get_by_label(truth, exact=True).focus()
        page.keyboard.press("Space")
        check(page)
        expect(page.locator(".feedback h3")).to_have_text("Right.")
        next_question(page)

        # 5 chronology: dragging renumbers the selects; then the places are chosen
        events = page.locator("ol.chronology .event")
        count = events.count()
        screenshot(page, "quiz-question")
        events.nth(0).drag_to(events.nth(count - 1))
        places = [events.nth(n).locator("select").input_value() for n in range(count)]
        assert places == [str(n) for n in range(1, count + 1)]
        texts = [e["text"] for e in items["chronology"].current.payload["events"]]
        for n in range(count):
            event = events.nth(n)
            place = texts.index(event.locator("label").inner_text()) + 1
            event.locator("select").select_option(str(place))
        check(page)
        expect(page.locator(".feedback h3")).to_have_text("Right.")
        next_question(page)

        # 6 matching by the numbered selects
        rights = page.locator("ol.rights li").all_inner_texts()
        pairs = items["matching"].current.payload["pairs"]
        for n, pair in enumerate(pairs, start=1):
            page.select_option(f"#match-6-{n}", str(rights.index(pair["right"]) + 1))
        check(page)
        expect(page.locator(".feedback h3")).to_have_text("Right.")

        with page.expect_navigation():
            page.click("form.submit button")
        expect(page.locator("p.score strong")).to_have_text("5 / 6")
        db.session.expire_all()
        attempt = db.session.scalar(select(Attempt).where(Attempt.quiz_id == quiz.id))
        assert attempt.score == 5.0 and attempt.submitted_at is not None

        # the instructor sees the attempt and the wrong answer in the statistics
        page.context.clear_cookies()
        sign_in(page, base, users["instructor"].email)
        page.goto(f"{base}/bank/stats")
        row = page.locator(
            "tr", has=page.locator(f"a[href='/bank/items/{items['multiple_choice'].uuid}']")
        )
        expect(row).to_contain_text(f"“{wrong_choice}” × 1")
        expect(row.locator("td.num").first).to_have_text("1")


def test_answers_are_saved_as_they_are_given_and_a_closed_tab_resumes(app, runner, tmp_path):
    items = bank_with_every_type(runner, tmp_path)
    users = make_users()
    published_quiz(
        users["instructor"],
        [items["cloze"], items["true_false"]],
        title="Saved as you go",
        feedback="after_submission",
        time_limit_minutes=30,
    )
    with served(app) as base, browser_page() as page:
        sign_in(page, base, users["student"].email)
        page.goto(f"{base}/study/")
        with page.expect_navigation():
            page.click("table.quizzes button")
        expect(page.locator(".timer-value")).to_contain_text("min")
        page.fill("#answer-1", "Iron Felix")
        page.keyboard.press("Tab")  # leaving the field saves it, no button pressed
        expect(page.locator("#q-1 .save-status")).to_have_text("Answer saved.")
        db.session.expire_all()
        assert db.session.scalar(select(Response.given)) == "Iron Felix"
        # a new visit to /study resumes the open attempt at the question not yet answered
        page.goto(f"{base}/study/")
        with page.expect_navigation():
            page.click("table.quizzes a:text('Continue')")
        expect(page.locator("h2")).to_have_text("Question 2 of 2")
