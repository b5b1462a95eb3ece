"""Full-text search of the bank (/bank?q=) and of sentences (the item editor), on the
database the suite runs on: what it finds, what it no longer finds after an edit, words
a search engine would read as syntax, and the index kept in step with the tables."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy import func, select

from quizapp.bank.editing import search_sentences
from quizapp.bank.queries import Filters
from quizapp.extensions import db
from quizapp.models import CitationRecord, Item, ItemVersion, Sentence
from quizapp.services import bank
from tests.helpers import HISTORY_TEXT, make_bank, make_users, sign_in
from tests.test_bank_browse import rows_of, seed_bank

# seed_bank(30): items n = 0..29 cite sentence n % 3 and answer its date or "GPU":
#   0: "The Cheka was established in December 1917 in Petrograd."      answer 1917
#   1: "Felix Dzerzhinsky led the Cheka until his death in 1926."      answer 1926
#   2: "In 1922 the Cheka was reorganized as the GPU."                 answer GPU
# Stems are "Question <n>: <the sentence with the answer blanked>".


@pytest.fixture
def users(app, client):
    found = make_users()
    sign_in(client, "instructor@example.org")
    seed_bank(30)
    return found


def found(client, query: str) -> int:
    response = client.get("/bank", query_string={"q": query})
    assert response.status_code == 200, query
    return rows_of(response.get_data(as_text=True))


@pytest.mark.parametrize(
    "query, expected",
    [
        ("question", 30),  # the stem
        ("CHEKA", 30),  # any case
        ("gpu", 10),  # the answer
        ("1926", 10),  # the answer (the stem has it blanked)
        ("Petrograd", 10),  # only in the cited sentence
        ("Dzerzh", 10),  # a word's beginning
        ("petr", 10),  # a word's beginning, in the cited sentence
        ("zerzhinsky", 0),  # the middle of a word is not a word's beginning
        ("Question 7", 1),  # "7" begins no other word: not "17", "1917" or "27"
        ("Question 2", 11),  # "2" and "20" to "29" begin words; "1926" and "1922" do not
        ("Cheka 1926", 10),  # every word, each anywhere: stem and answer
        ("Dzerzh 1917", 0),  # both words, but never in one item
        ("question petrograd", 10),  # stem and cited sentence
        ("Felix Dzerzhinsky", 10),
        ("   ", 30),  # a blank search is no search
        ("Dzérzh", None),  # an accent: whatever it finds, no error
    ],
)
def test_search_finds_by_stem_answer_and_cited_text(client, users, query, expected):
    count = found(client, query)
    if expected is not None:
        assert count == expected


@pytest.mark.parametrize(
    "query, expected",
    [
        # FTS5 and tsquery syntax is text: only the letters and digits in it are searched
        # for, each word as a word's beginning, every word required. Read as syntax, the
        # count would differ (given in the comment).
        ("cheka*", 30),
        ('"cheka', 30),  # an unclosed quote: an FTS5 syntax error
        ("cheka -gpu", 10),  # FTS5 NOT / tsquery negation: 20
        ("!cheka", 30),  # tsquery NOT: 0
        ("gpu OR 1917", 0),  # FTS5 OR: 20
        ("gpu|1917", 0),  # tsquery OR: 20
        ("gpu NOT cheka", 0),  # FTS5 NOT: 0, but an error if the first word were absent
        ("answer:gpu", 0),  # FTS5 column filter: 10
        ("{stem answer}: gpu", 0),  # FTS5 column filter: 10
        ("NEAR(petrograd 1917)", 0),  # FTS5 NEAR: 10
        ("^gpu", 10),
        ("(gpu)", 10),
        ("gpu:*", 10),
        ("'gpu' <-> 'cheka':*", 0),  # "<->" holds no letter and is in no text
    ],
)
def test_search_syntax_characters_are_text(client, users, query, expected):
    assert found(client, query) == expected


@pytest.mark.parametrize("query", ["%", "_%", "\\", "*", "-", "(", '"', "'", "--", "&|!"])
def test_a_word_without_letters_is_looked_for_literally(client, users, query):
    # No stem, answer or sentence holds these characters...
    assert found(client, query) == 0
    # ...but the cloze blank "_____" is in every stem that blanked its answer.
    assert found(client, "_____") == 30


def test_an_edit_is_found_by_its_new_text_and_not_its_old(client, users):
    item = db.session.scalar(select(Item).order_by(Item.id).limit(1))
    assert found(client, "Question 0") == 1
    current = item.current
    changes = bank.ItemChanges(
        stem="Which body did Menzhinsky later lead? _____",
        answer=current.answer,
        alternatives=list(current.alternatives or []),
        distractors=list(current.distractors or []),
        explanation=current.explanation,
    )
    bank.edit(item, users["instructor"], changes)
    assert found(client, "Menzhinsky") == 1
    assert found(client, "Menzh later") == 1
    assert found(client, "Question 0") == 0  # the old stem is an old version's
    assert found(client, "question") == 29


def test_changed_and_retired_sentences(client, users):
    """A sentence re-ingested with new text (updated in place, as ingest does) is found by
    it; a retired one leaves the editor's search but still finds the items citing it.
    (The stems repeat their sentence's words, so the words looked for here are ones only
    the new texts hold.)"""
    changed = db.session.scalar(select(Sentence).where(Sentence.key == "history-s0"))
    changed.text = "The Cheka was founded in Smolny in December 1917."
    retired = db.session.scalar(select(Sentence).where(Sentence.key == "history-s2"))
    retired.text = "In 1922 the Cheka moved to the Lubyanka as the GPU."
    db.session.commit()
    assert [r.key for r in search_sentences("Lubyanka")] == ["history-s2"]
    retired.retired = True
    db.session.commit()
    assert [r.key for r in search_sentences("smoln")] == ["history-s0"]
    assert search_sentences("Petrograd") == []  # the old text is gone from the index
    assert found(client, "Smolny") == 10
    assert search_sentences("Lubyanka") == []  # retired: not offered for citing
    assert found(client, "Lubyanka") == 10  # but its items still cite it


def test_sentence_search_needs_every_word(app):
    seed_bank(3)
    assert [r.key for r in search_sentences("cheka")] == [
        "history-s0",
        "history-s1",
        "history-s2",
    ]
    assert [r.key for r in search_sentences("Cheka dzerzh")] == ["history-s1"]
    assert [r.key for r in search_sentences("CHEKA 192")] == ["history-s1", "history-s2"]
    assert search_sentences("Cheka Moscow") == []
    for query in ("NEAR(cheka", "cheka*", '"', "%", "-", "a:b", "'); DROP TABLE sentence; --"):
        search_sentences(query)  # no error
    assert search_sentences("cheka -") == []  # "-" is in no sentence


def test_removed_rows_leave_the_index(app):
    """Deleting the rows (as the test fixtures do) takes them out of the index: a new row
    that reuses a deleted one's id is found by its own text only."""
    seed_bank(3)
    old = db.session.scalar(select(Sentence).where(Sentence.key == "history-s2"))
    document_id, passage_id, reused_id = old.document_id, old.passage_id, old.id
    db.session.execute(sa.delete(Sentence))
    db.session.commit()
    db.session.add(
        Sentence(
            id=reused_id,
            key="other",
            document_id=document_id,
            passage_id=passage_id,
            ordinal=0,
            start=0,
            end=27,
            text="Yagoda followed Menzhinsky.",
            text_hash="0" * 64,
            cluster="other",
        )
    )
    db.session.commit()
    assert [r.key for r in search_sentences("Yagoda")] == ["other"]
    assert search_sentences("Cheka") == []
    assert search_sentences("reorganized") == []
    _check_index()


def test_the_index_matches_the_tables_after_edits(client, users):
    item = db.session.scalar(select(Item).order_by(Item.id).limit(1))
    current = item.current
    for stem in ("First rewording: _____", "Second rewording: _____"):
        bank.edit(item, users["instructor"], bank.ItemChanges(stem=stem, answer=current.answer))
    db.session.execute(sa.update(ItemVersion).values(answer=ItemVersion.answer + " x"))
    db.session.commit()
    assert found(client, "Second rewording") == 1
    assert found(client, "First rewording") == 0
    _check_index()


def _check_index() -> None:
    """SQLite: FTS5's own check that the index holds exactly the tables' text."""
    if db.engine.dialect.name != "sqlite":
        return
    for table in ("item_version_search", "sentence_search"):
        db.session.execute(sa.text(f"INSERT INTO {table}({table}) VALUES ('integrity-check')"))
    db.session.commit()


def test_a_reingested_text_is_searched_as_it_now_reads(app, runner, tmp_path):
    """Ingest, draft, ingest a reworded text: the sentence search offers the new wording
    only; the bank search still finds the items by the text they cite (now stale)."""
    make_bank(runner, tmp_path)
    assert [r.text for r in search_sentences("Polish intellectual")] != []
    path = tmp_path / "history.txt"
    path.write_text(HISTORY_TEXT.replace("a Polish intellectual", "a Polish nobleman"))
    assert runner.invoke(args=["ingest", str(path)]).exit_code == 0
    db.session.expire_all()
    assert search_sentences("intellectual") == []
    assert [r.text for r in search_sentences("Polish noblem")] == [
        "Felix Dzerzhinsky, a Polish nobleman, led the Cheka until his death in 1926."
    ]
    citing_old = select(func.count()).where(
        CitationRecord.sentence_key.in_(
            select(Sentence.key).where(Sentence.text.contains("intellectual"), Sentence.retired)
        )
    )
    assert db.session.scalar(citing_old) > 0  # items drafted from the old wording
    assert Filters(q="intellectual").matching_items  # they still cite it
