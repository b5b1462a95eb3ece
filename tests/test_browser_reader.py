"""In a real browser: a link to a sentence scrolls to it and highlights it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Document, Sentence
from tests.browser import browser_page, screenshot, served

pytestmark = pytest.mark.browser


def test_a_sentence_link_scrolls_to_and_highlights_the_sentence(corpus_app):
    with corpus_app.app_context():
        sentence = db.session.scalar(
            select(Sentence)
            .join(Document)
            .where(Document.slug == "serge-lenin-to-stalin", Sentence.text.like("Kerensky fled%"))
        )
        key = sentence.key
    with served(corpus_app) as base, browser_page() as page:
        page.goto(f"{base}/sources/serge-lenin-to-stalin#s-{key}")
        target = page.locator(f"#s-{key}")
        assert target.inner_text() == "Kerensky fled."
        assert target.is_visible()
        box = target.bounding_box()
        assert 0 <= box["y"] <= 800, "the sentence is scrolled into view"
        highlight = target.evaluate("e => getComputedStyle(e).backgroundColor")
        plain = page.locator(".sentence:not(:target)").first.evaluate(
            "e => getComputedStyle(e).backgroundColor"
        )
        assert highlight != plain
        screenshot(page, "reader-sentence-target")
