"""`eval sample` shows every cited sentence in its context, footnotes included."""

from __future__ import annotations

from types import SimpleNamespace

from sqlalchemy import select

from quizapp.evaluation.sample import _citation_markdown
from quizapp.extensions import db
from quizapp.models import Sentence


def test_a_footnote_sentence_is_shown_marked_in_its_footnote(corpus_app):
    with corpus_app.app_context():
        sentence = db.session.scalars(
            select(Sentence).where(Sentence.footnote_id.is_not(None)).order_by(Sentence.id)
        ).first()
        cited = SimpleNamespace(
            sentence_key=sentence.key, start=0, end=len(sentence.text.split()[0]), role="answer"
        )
        shown = _citation_markdown(cited)
    first_word = sentence.text.split()[0]
    assert f"[**{first_word}**{sentence.text[len(first_word) :]}]" in shown
