"""In a real browser, as a student: study five flashcards with the keyboard only (space
reveals, 1 to 4 rate), then look at the progress page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import CardReview, CardState
from tests.browser import ARTIFACTS, browser_page, screenshot, served
from tests.flashcard_helpers import approved_bank
from tests.helpers import PASSWORD

pytestmark = pytest.mark.browser

RATINGS = ["3", "1", "4", "2", "3"]  # Good, Again, Easy, Hard, Good


def test_five_flashcards_by_keyboard(app, runner, tmp_path):
    users, items = approved_bank(runner, tmp_path)
    student = users["student"]
    with served(app) as base, browser_page() as page:
        page.goto(f"{base}/login")
        page.fill("#email", student.email)
        page.fill("#password", PASSWORD)
        page.click("button[type=submit], input[type=submit]")
        page.wait_for_url(f"{base}/**")

        page.goto(f"{base}/study/cards/source-history")
        expect(page.get_by_text("Keys: space shows the answer")).to_be_visible()
        seen = []
        for n, rating in enumerate(RATINGS):
            back = page.locator("#back")
            expect(back).to_be_hidden()
            seen.append(page.locator("#card").get_attribute("data-item"))
            page.keyboard.press("Space")
            expect(back).to_be_visible()
            expect(back).to_be_focused()
            assert page.url.endswith("/study/cards/source-history")  # revealed in place
            if n == 0:
                screenshot(page, "flashcard")
            with page.expect_navigation():
                page.keyboard.press(rating)
            expect(page.locator(".flashes")).to_contain_text("you will see this card again")

        page.goto(f"{base}/study/progress")
        expect(page.locator("svg.bar-chart").first).to_be_visible()
        expect(page.locator("svg.column-chart")).to_be_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "progress.png"), full_page=True)

    db.session.expire_all()
    reviews = db.session.scalars(
        select(CardReview).where(CardReview.user_id == student.id).order_by(CardReview.id)
    ).all()
    assert [str(r.rating) for r in reviews] == RATINGS
    # Five new cards in the deck's order; the one rated Again waits minutes, so never repeats.
    assert seen == [i.uuid for i in items[:5]]
    assert [r.item_id for r in reviews] == [i.id for i in items[:5]]
    states = db.session.scalars(select(CardState).where(CardState.user_id == student.id)).all()
    assert len(states) == 5 and all(s.reviews == 1 for s in states)
