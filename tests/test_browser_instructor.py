"""In a real browser, as an instructor: review with the keyboard, edit, approve, build a quiz, upload."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import Document, Item, Quiz
from tests.browser import browser_page, screenshot, served
from tests.helpers import PASSWORD, make_bank, make_users

pytestmark = pytest.mark.browser

KRONSTADT = """The Kronstadt Rising

In March 1921 the sailors of Kronstadt rose against the Bolshevik government. Mikhail Tukhachevsky led the Red Army across the ice of the Gulf of Finland on 17 March 1921. The Tenth Party Congress met in Moscow while the fighting went on, and Lenin announced the New Economic Policy there.
"""


@pytest.fixture
def workspace(app, runner, tmp_path):
    make_bank(runner, tmp_path, only="cloze,short_answer")
    make_users()
    with served(app) as base, browser_page() as page:
        page.goto(f"{base}/login")
        page.fill("#email", "instructor@example.org")
        page.fill("#password", PASSWORD)
        page.click("button[type=submit], input[type=submit]")
        page.wait_for_url(f"{base}/**")
        yield base, page


def approved() -> int:
    db.session.expire_all()
    return db.session.scalar(
        select(func.count()).select_from(Item).where(Item.status == "approved")
    )


def test_review_edit_quiz_and_upload(workspace, tmp_path):
    base, page = workspace
    # approve three drafts with the keyboard
    page.goto(f"{base}/bank/review")
    screenshot(page, "review-queue")
    for _ in range(3):
        page.keyboard.press("j")
        with page.expect_navigation():
            page.keyboard.press("a")
    assert approved() == 3

    # edit an item so its answer is no longer in its citation: approval is refused
    item = next(
        i
        for i in db.session.scalars(select(Item).where(Item.status == "draft"))
        if i.current.verdict == "supported"
    )
    answer = item.current.answer
    page.goto(f"{base}/bank/items/{item.uuid}")
    screenshot(page, "item-editor")
    page.fill("#answer", "Napoleon Bonaparte")
    page.fill("#alternatives", "")
    page.click("button[name=action][value=save]")
    page.wait_for_load_state()
    assert "unsupported" in page.content()
    page.click(".item-decide button:has-text('Approve')")
    page.wait_for_load_state()
    assert "override reason" in page.content().lower()
    db.session.expire_all()
    assert db.session.get(Item, item.id).status == "draft"
    # restore it and approve
    page.fill("#answer", answer)
    page.click("button[name=action][value=save]")
    page.wait_for_load_state()
    page.click(".item-decide button:has-text('Approve')")
    page.wait_for_load_state()
    db.session.expire_all()
    assert db.session.get(Item, item.id).status == "approved"

    # build a quiz from a rule and publish it
    page.goto(f"{base}/bank/quizzes")
    page.fill("#title", "Week one")
    page.click("input[type=submit][value='Create quiz']")
    page.wait_for_load_state()
    page.fill("#count", "2")
    page.select_option("#source", "history")
    page.click("input[type=submit][value='Add rule']")
    page.wait_for_load_state()
    page.click("button:has-text('Publish')")
    page.wait_for_load_state()
    db.session.expire_all()
    quiz = db.session.scalar(select(Quiz).where(Quiz.title == "Week one"))
    assert quiz is not None and quiz.published, page.content()

    # upload a small text and see its drafts appear
    upload = tmp_path / "kronstadt.txt"
    upload.write_text(KRONSTADT)
    page.goto(f"{base}/bank/upload")
    page.set_input_files("#file", str(upload))
    page.fill("#title", "The Vecheka")
    page.click("input[type=submit]")
    page.wait_for_selector(".job-done:not([hidden])", timeout=90_000)
    with page.expect_navigation():
        page.click(".job-done a:has-text('See the drafted items')")
    screenshot(page, "bank-after-upload")
    db.session.expire_all()
    document = db.session.scalar(select(Document).where(Document.slug == "the-vecheka"))
    uploaded = db.session.scalars(select(Item).where(Item.document_id == document.id)).all()
    assert uploaded, "the upload drafted items"
    shown = page.locator("table.bank-items tbody tr").count()
    assert shown == min(len(uploaded), 50)


def test_live_verdict_follows_typing_without_saving(workspace):
    """editor.js posts the fields as the instructor types and shows the verdict they would get."""
    base, page = workspace
    item = next(i for i in db.session.scalars(select(Item)) if i.current.verdict == "supported")
    versions_before = len(item.versions)
    page.goto(f"{base}/bank/items/{item.uuid}")
    verdict = page.locator("#verdict .verdict-name")
    assert verdict.inner_text() == "supported"
    page.fill("#alternatives", "")
    page.locator("#answer").press_sequentially("zzz", delay=20)
    # (the page's CSP forbids evaluating strings, so wait with a locator assertion)
    expect(verdict).to_have_text("unsupported", timeout=10_000)
    assert "not saved" in page.locator("#verdict .verdict-label").inner_text()
    assert page.locator("#verdict .reasons li").count() >= 1
    screenshot(page, "item-editor-live-verdict")
    db.session.expire_all()
    assert len(db.session.get(Item, item.id).versions) == versions_before
