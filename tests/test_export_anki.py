"""Anki decks, checked by importing them into a real Anki collection."""

from __future__ import annotations

import re
import time

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from sqlalchemy import select

from quizapp.checking.blanks import find_blank, hint_of
from quizapp.extensions import db
from quizapp.models import Document, Item, ItemVersion, Passage, Section, Sentence
from quizapp.services import bank
from tests.export_helpers import export_bank, run
from tests.helpers import make_users

PUBLIC_URL = "https://quiz.example.org"
NOTE_TYPES = {
    "quizapp cloze": ["Text", "Back Extra", "Citation", "Source"],
    "quizapp question": ["Front", "Back", "Citation", "Source"],
    "quizapp multiple choice": [
        "Question",
        "Choices",
        "Answer",
        "Explanation",
        "Citation",
        "Source",
    ],
}


@pytest.fixture
def deck(app, runner, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_URL", PUBLIC_URL)
    export_bank(runner, tmp_path)
    path = tmp_path / "deck.apkg"
    run(runner, "export", "anki", "--status", "all", "--out", str(path))
    return path


@pytest.fixture
def collection(tmp_path):
    folder = tmp_path / "anki"
    folder.mkdir()
    col = Collection(str(folder / "collection.anki2"))
    yield col
    col.close()


def import_deck(col: Collection, path) -> None:
    request = ImportAnkiPackageRequest(package_path=str(path), options=ImportAnkiPackageOptions())
    col.import_anki_package(request)


def exported_items() -> list[tuple[Item, ItemVersion]]:
    """The items `--status all` exports: drafts and approved ones the checker supports."""
    return db.session.execute(
        select(Item, ItemVersion)
        .join(ItemVersion, ItemVersion.item_id == Item.id)
        .where(
            ItemVersion.number == Item.current_version,
            ItemVersion.verdict == "supported",
            Item.status.in_(["draft", "approved"]),
        )
        .order_by(Item.id)
    ).all()


def note_of(col: Collection, item: Item):
    note_id = col.db.scalar("select id from notes where guid = ?", item.uuid)
    assert note_id, f"no note for item {item.uuid}"
    return col.get_note(note_id)


def first_of_type(kind: str) -> tuple[Item, ItemVersion]:
    return next((i, v) for i, v in exported_items() if i.type == kind)


def reference_of(version: ItemVersion) -> tuple[Sentence, str]:
    """The first cited sentence and its expected "Title — …, section" line."""
    sentence = db.session.scalar(
        select(Sentence).where(Sentence.key == version.citations[0].sentence_key)
    )
    document = db.session.get(Document, sentence.document_id)
    section = db.session.scalar(
        select(Section.title)
        .join(Passage, Passage.section_id == Section.id)
        .where(Passage.id == sentence.passage_id)
    )
    line = document.title
    if document.author:
        line += f" — {document.author}"
    if document.year:
        line += f" ({document.year})"
    return sentence, f"{line}, {section}" if section else line


def test_the_deck_imports_with_our_note_types_decks_and_tags(deck, collection):
    import_deck(collection, deck)
    expected = exported_items()
    assert len(expected) >= 10
    assert collection.note_count() == len(expected)
    assert collection.card_count() == len(expected)  # one card per note, of every type
    models = {m["name"]: [f["name"] for f in m["flds"]] for m in collection.models.all()}
    for name, fields in NOTE_TYPES.items():
        assert models[name] == fields
    title = db.session.scalar(select(Document.title))
    assert f"quizapp::{title}" in collection.decks.all_names()
    by_kind = {"cloze": "quizapp cloze", "multiple_choice": "quizapp multiple choice"}
    for item, _version in expected:
        note = note_of(collection, item)
        assert note.note_type()["name"] == by_kind.get(item.type, "quizapp question")
        assert "quizapp::source::history" in note.tags
        assert f"quizapp::type::{item.type}" in note.tags
        assert all(" " not in tag for tag in note.tags)
        for tag in (t.tag for t in item.tags if t.tag.startswith("entity:")):
            assert f"quizapp::entity::{tag.rpartition(':')[2]}" in note.tags
        deck_name = collection.decks.name(note.cards()[0].did)
        assert deck_name == f"quizapp::{title}"


def test_cards_show_the_question_then_answer_explanation_and_citation(deck, collection):
    import_deck(collection, deck)
    for kind in ("cloze", "short_answer", "multiple_choice"):
        item, version = first_of_type(kind)
        sentence, reference = reference_of(version)
        card = note_of(collection, item).cards()[0]
        question, answer = card.question(), card.answer()
        citation = version.citations[0]
        marked = sentence.text[citation.start : citation.end]
        assert f"<mark>{marked}</mark>" in answer, kind
        assert reference in answer, kind
        assert f'href="{PUBLIC_URL}/sources/history#s-{sentence.key}"' in answer, kind
        assert "<mark>" not in question, kind
        if kind == "cloze":
            before = version.stem[: find_blank(version.stem).start()]
            assert before.strip() in question
            assert version.answer not in question.split("</style>")[1]
            assert f'<span class="cloze" data-ordinal="1">{version.answer}</span>' in answer
        else:
            assert version.stem.replace("'", "&#x27;") in question
            assert version.answer in answer.split('id="answer"')[1]
        if kind == "multiple_choice":
            for choice in [version.answer, *version.distractors]:
                assert f"<li>{choice}</li>" in question
        if version.explanation:
            assert "quizapp-explanation" in answer


def test_a_clozes_hint_shows_in_anki_in_place_of_the_blank(deck, collection):
    import_deck(collection, deck)
    hinted = [
        (item, version)
        for item, version in exported_items()
        if item.type == "cloze" and hint_of(find_blank(version.stem).group())
    ]
    assert hinted
    for item, version in hinted[:5]:
        question = note_of(collection, item).cards()[0].question()
        hint = hint_of(find_blank(version.stem).group())
        assert f"[{hint}]" in question, (version.stem, question)
        shown = re.sub(r"<[^>]*>", "", question.split("</style>")[1])  # the text, not markup
        assert version.answer not in shown


def test_reimport_after_an_edit_updates_the_note_and_keeps_its_reviews(
    app, runner, deck, collection, tmp_path
):
    import_deck(collection, deck)
    item, version = first_of_type("cloze")
    card = note_of(collection, item).cards()[0]
    card.start_timer()
    collection.sched.answerCard(card, 3)
    notes_before = collection.note_count()
    assert collection.db.scalar("select count() from revlog where cid = ?", card.id) == 1

    time.sleep(1.1)  # Anki compares modification times in whole seconds
    instructor = make_users()["instructor"]
    changes = bank.ItemChanges(
        version.stem,
        version.answer,
        list(version.alternatives),
        list(version.distractors),
        "Edited: the Cheka's founding date.",
        [t.tag for t in item.tags],
    )
    assert bank.edit(item, instructor, changes).verdict == "supported"
    second = tmp_path / "deck-2.apkg"
    run(runner, "export", "anki", "--status", "all", "--out", str(second))
    import_deck(collection, second)

    assert collection.note_count() == notes_before
    note = note_of(collection, item)
    assert "Edited: the Cheka&#x27;s founding date." in note["Back Extra"]
    card = note.cards()[0]
    assert card.reps == 1
    assert collection.db.scalar("select count() from revlog where cid = ?", card.id) == 1
