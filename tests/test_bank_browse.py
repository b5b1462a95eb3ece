"""/bank: search, filters, facet counts, pagination, and a constant number of queries."""

from __future__ import annotations

import hashlib
import re

import pytest
from sqlalchemy import insert, select

from quizapp.extensions import db
from quizapp.models import (
    CitationRecord,
    Document,
    EntityRecord,
    Item,
    ItemTag,
    ItemVersion,
    Passage,
    Section,
    Sentence,
)
from tests.helpers import counted_statements, make_users, sign_in

SENTENCES = (
    "The Cheka was established in December 1917 in Petrograd.",
    "Felix Dzerzhinsky led the Cheka until his death in 1926.",
    "In 1922 the Cheka was reorganized as the GPU.",
)
ANSWERS = ("1917", "1926", "GPU")
VERDICTS = ("supported", "supported", "unsupported")


def seed_bank(count: int, slug: str = "history") -> None:
    """`count` draft items citing a three-sentence document, inserted in bulk (no pipeline)."""
    title = "The Cheka"
    passage_text = " ".join(SENTENCES)
    text = f"{title}\n\n{passage_text}"
    document = Document(slug=slug, title="History of the Cheka", checksum="0" * 64, text=text)
    section = Section(document=document, key=f"{slug}-sec", ordinal=0, title=title)
    passage = Passage(
        document=document,
        section=section,
        key=f"{slug}-p",
        ordinal=0,
        start=len(title) + 2,
        end=len(text),
    )
    db.session.add_all([document, section, passage])
    cursor = passage.start
    for ordinal, sentence_text in enumerate(SENTENCES):
        key = f"{slug}-s{ordinal}"
        db.session.add(
            Sentence(
                key=key,
                document=document,
                passage=passage,
                ordinal=ordinal,
                start=cursor,
                end=cursor + len(sentence_text),
                text=sentence_text,
                text_hash=_hash(sentence_text),
                cluster=key,
            )
        )
        cursor += len(sentence_text) + 1
    if not db.session.scalar(select(EntityRecord).where(EntityRecord.key == "felix-dzerzhinsky")):
        db.session.add(
            EntityRecord(key="felix-dzerzhinsky", canonical="Felix Dzerzhinsky", type="PERSON")
        )
    db.session.flush()
    items = [
        dict(
            type=("cloze", "short_answer")[i % 2],
            status="draft",
            fingerprint=f"{slug}-{i}",
            document_id=document.id,
            current_version=1,
        )
        for i in range(count)
    ]
    ids = db.session.scalars(
        insert(Item).returning(Item.id, sort_by_parameter_order=True), items
    ).all()
    versions = []
    for n, item_id in enumerate(ids):
        which = n % 3
        sentence = SENTENCES[which]
        versions.append(
            dict(
                item_id=item_id,
                number=1,
                stem=f"Question {n}: " + sentence.replace(ANSWERS[which], "_____"),
                answer=ANSWERS[which],
                author=f"generator:cloze@{which + 1}",
                score=round(1 - n / (count + 1), 4),
                verdict=VERDICTS[which],
                reasons=[]
                if VERDICTS[which] == "supported"
                else ["the answer is not in the sentence"],
            )
        )
    version_ids = db.session.scalars(
        insert(ItemVersion).returning(ItemVersion.id, sort_by_parameter_order=True), versions
    ).all()
    citations, tags = [], []
    for n, (item_id, version_id) in enumerate(zip(ids, version_ids, strict=True)):
        which = n % 3
        sentence = SENTENCES[which]
        start = sentence.index(ANSWERS[which])
        citations.append(
            dict(
                version_id=version_id,
                ordinal=0,
                sentence_key=f"{slug}-s{which}",
                sentence_hash=_hash(sentence),
                start=start,
                end=start + len(ANSWERS[which]),
                role="answer",
            )
        )
        tags.append(dict(item_id=item_id, tag=f"source:{slug}"))
        if which == 1:
            tags.append(dict(item_id=item_id, tag="entity:felix-dzerzhinsky"))
        if n % 5 == 0:
            tags.append(dict(item_id=item_id, tag="week-1"))
    db.session.execute(insert(CitationRecord), citations)
    db.session.execute(insert(ItemTag), tags)
    db.session.commit()


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.fixture
def instructor(app, client):
    users = make_users()
    sign_in(client, "instructor@example.org")
    return users["instructor"]


def rows_of(page: str) -> int:
    return len(re.findall(r"<tr>\s*<td><a href=\"/bank/items/", page))


def test_browse_lists_the_bank_fifty_a_page(client, instructor):
    seed_bank(120)
    page = client.get("/bank").get_data(as_text=True)
    assert rows_of(page) == 50
    assert "120 items." in page and "Page 1 of 3" in page
    last = client.get("/bank?page=3").get_data(as_text=True)
    assert rows_of(last) == 20
    assert 'rel="prev" href="/bank?page=2"' in last


@pytest.mark.parametrize(
    "query, expected",
    [
        ("verdict=unsupported", 10),  # every third of 30 cites the GPU sentence
        ("type=cloze", 15),
        ("status=draft", 30),
        ("status=approved", 0),
        ("source=history", 30),
        ("section=history-sec", 30),
        ("entity=felix-dzerzhinsky", 10),
        ("tag=week-1", 6),
        ("q=gpu", 10),  # the answer (any case)
        ("q=Petrograd", 10),  # only in the cited sentence's text (the stem is blanked)
        ("q=question+petrograd", 10),  # every word must match somewhere
        ("q=Moscow", 0),
        ("q=100%25", 0),  # LIKE wildcards are searched for literally
        ("q=%25", 0),
        ("verdict=supported&type=short_answer", 10),
    ],
)
def test_filters_and_search(client, instructor, query, expected):
    seed_bank(30)
    page = client.get(f"/bank?{query}").get_data(as_text=True)
    assert rows_of(page) == expected


def test_facets_count_under_the_other_filters(client, instructor):
    seed_bank(30)
    page = client.get("/bank?verdict=unsupported").get_data(as_text=True)
    # The verdict facet ignores its own filter; the type facet counts within it.
    assert '<option selected value="unsupported">unsupported (10)</option>' in page
    assert '<option value="supported">supported (20)</option>' in page
    assert '<option value="cloze">cloze (5)</option>' in page
    assert "Felix Dzerzhinsky (" not in page  # no unsupported item is about him
    page = client.get("/bank").get_data(as_text=True)
    assert '<option value="felix-dzerzhinsky">Felix Dzerzhinsky (10)</option>' in page
    assert '<option value="week-1">week-1 (6)</option>' in page
    assert '<option value="history-sec">The Cheka (30)</option>' in page


def test_every_filter_has_a_label(client, instructor):
    seed_bank(3)
    page = client.get("/bank").get_data(as_text=True)
    for name in ("q", "type", "status", "verdict", "source", "section", "entity", "tag"):
        assert f'<label for="{name}">' in page and f'id="{name}"' in page


def test_verdicts_are_written_as_words(client, instructor):
    seed_bank(3)
    page = client.get("/bank").get_data(as_text=True)
    assert re.search(r'class="bank-verdict bank-verdict-unsupported">unsupported<', page)


@pytest.mark.parametrize(
    "url",
    [
        "/bank",
        "/bank/review",
        "/bank?q=cheka&verdict=supported",
        "/bank?q=dzerzh+question",
        "/bank/review?q=petr+%25",
    ],
)
def test_queries_stay_constant_as_the_bank_grows(app, client, instructor, url):
    seed_bank(20, slug="small")
    client.get(url)  # warm up: first-request work is not the page's
    with counted_statements(fresh=True) as small:
        assert client.get(url).status_code == 200
    seed_bank(1980, slug="large")
    with counted_statements(fresh=True) as large:
        assert client.get(url).status_code == 200
    print(f"{url}: {len(small)} statements with 20 items, {len(large)} with 2,000")
    assert len(small) == len(large)
