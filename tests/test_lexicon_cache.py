"""The grading lexicon is built once per process and reused, yet an answer is always
judged with the names the corpus holds now: saving the glossary, re-tagging the corpus
(even with a name swapped for one of the same length) or another process changing the
entities all make the next answer see the new names."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import select, update

from quizapp.extensions import db
from quizapp.models import Document, EntityRecord
from quizapp.services import attempt_questions, attempts, bank
from quizapp.services.attempts import Given
from quizapp.services.bank import ItemChanges
from quizapp.services.glossary import read_glossary_text, save_glossary
from quizapp.services.sentence_rows import sentence_rows
from quizapp.services.tagging import store_tagging
from quizapp.tagging.glossary import parse_glossary
from quizapp.tagging.tagger import tag_sentences
from tests.helpers import counted_statements, make_users
from tests.quiz_helpers import bank_with_every_type, published_quiz

DZERZHINSKY = "person:felix-dzerzhinsky"
SHIPPED_ALIASES = "aliases: [Dzerzhinsky, Iron Felix, Feliks Edmundovich]"


@pytest.fixture
def setting(app, runner, tmp_path):
    # a glossary of this test's own: saving it must not reach any other test
    shipped = app.config["GLOSSARY_PATH"]
    app.config["GLOSSARY_PATH"] = tmp_path / "glossary.yaml"
    shutil.copyfile(shipped, app.config["GLOSSARY_PATH"])
    items = bank_with_every_type(runner, tmp_path)
    users = make_users()
    # without alternatives, only the lexicon makes another name of the answer count
    shown = items["cloze"].current
    bank.edit(
        items["cloze"], users["instructor"], ItemChanges(stem=shown.stem, answer=shown.answer)
    )
    assert items["cloze"].current.alternatives == []
    # the instructor takes it: a re-check after a glossary save may change item statuses,
    # and instructors are shown every item of a quiz
    quiz = published_quiz(users["instructor"], [items["cloze"]])
    assert "Dzerzhinsky" in items["cloze"].current.answer
    yield quiz, users["instructor"]
    app.config["GLOSSARY_PATH"] = shipped


def typed(quiz, user, text: str):
    """The grade `text` gets as the answer to the quiz's cloze, in an attempt of its own."""
    attempt = attempts.start(quiz, user)
    question, version = attempt_questions.question_and_version(attempt, 1)
    recorded = attempts.record_answer(attempt, question, version, Given({"text": text}, text), user)
    attempts.submit(attempt, user)
    return recorded.grade


def loads_entities(statements: list[str]) -> bool:
    """Whether one of `statements` reads every entity's names (the fingerprint only sums
    their lengths)."""
    return any("entity.canonical," in s and "FROM entity" in s for s in statements)


def test_the_lexicon_is_built_once_and_reused(setting):
    quiz, user = setting
    typed(quiz, user, "Lenin")
    with counted_statements() as statements:
        grade = typed(quiz, user, "Iron Felix")
    assert grade.correct and grade.reason == "alias"
    assert not loads_entities(statements), statements


def test_saving_the_glossary_gives_the_next_answer_its_names(setting):
    quiz, user = setting
    assert not typed(quiz, user, "Comrade Zed").correct  # the lexicon is now cached
    text = read_glossary_text()
    assert SHIPPED_ALIASES in text
    save_glossary(text.replace(SHIPPED_ALIASES, SHIPPED_ALIASES[:-1] + ", Comrade Zed]"), user)
    grade = typed(quiz, user, "Comrade Zed")
    assert grade.correct and grade.reason == "alias"


def test_retagging_with_a_name_of_the_same_length_gives_the_next_answer_its_names(setting):
    quiz, user = setting
    assert not typed(quiz, user, "Zed Comrad").correct
    before = attempts._entities_fingerprint()
    text = read_glossary_text().replace("Iron Felix", "Zed Comrad")  # ten letters each
    documents = db.session.scalars(select(Document).order_by(Document.id)).all()
    store_tagging(tag_sentences(sentence_rows(documents), parse_glossary(text)))
    db.session.commit()
    # nothing the fingerprint reads changed: only tagging's own signal can tell
    assert attempts._entities_fingerprint() == before
    grade = typed(quiz, user, "Zed Comrad")
    assert grade.correct and grade.reason == "alias"


def test_entities_changed_by_another_process_are_seen(setting):
    quiz, user = setting
    assert not typed(quiz, user, "Comrade Zed").correct
    entity = db.session.scalar(select(EntityRecord).where(EntityRecord.key == DZERZHINSKY))
    # a plain UPDATE, as another worker's commit would look to this process
    db.session.execute(
        update(EntityRecord)
        .where(EntityRecord.id == entity.id)
        .values(aliases=[*entity.aliases, "Comrade Zed"])
    )
    db.session.commit()
    grade = typed(quiz, user, "Comrade Zed")
    assert grade.correct and grade.reason == "alias"
