"""Topics instructors give passages ("purges", "cheka"), and what flows from them.

A passage's topics become "topic:<tag>" tags of the items citing it, now and when items
are drafted later; quiz rules and the bank's filters use those tags. Suggestions come
from the glossary entities a passage mentions.
"""

from __future__ import annotations

import re
from collections import Counter

from sqlalchemy import and_, select

from quizapp.extensions import db
from quizapp.models import (
    CitationRecord,
    EntityRecord,
    Item,
    ItemTag,
    ItemVersion,
    MentionRecord,
    Passage,
    PassageTag,
    Sentence,
)
from quizapp.services.audit import record

TOPIC = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


class TagError(ValueError):
    pass


def normalise_topic(text: str) -> str:
    topic = re.sub(r"[^a-z0-9]+", "-", text.strip().lower()).strip("-")[:80]
    if not TOPIC.match(topic):
        raise TagError("a topic is a few words: letters, digits and hyphens")
    return topic


def tag_passages(passages: list[Passage], topic: str, user) -> int:
    """Give `passages` the topic; tag the items citing them. Returns passages newly tagged."""
    topic = normalise_topic(topic)
    if not passages:
        raise TagError("choose at least one passage to tag")
    have = set(
        db.session.scalars(
            select(PassageTag.passage_id).where(
                PassageTag.tag == topic, PassageTag.passage_id.in_([p.id for p in passages])
            )
        )
    )
    new = [p for p in passages if p.id not in have]
    db.session.add_all(PassageTag(passage_id=p.id, tag=topic) for p in new)
    _tag_items([p.id for p in passages], topic)
    if new:
        record(user, "tag_passages", "topic", topic, {}, {"passages": [p.key for p in new]})
    db.session.commit()
    return len(new)


def untag_passage(passage: Passage, topic: str, user) -> None:
    row = db.session.scalar(
        select(PassageTag).where(PassageTag.passage_id == passage.id, PassageTag.tag == topic)
    )
    if row is not None:
        db.session.delete(row)
        record(user, "untag_passage", "topic", topic, {"passages": [passage.key]}, {})
        db.session.commit()


def topics_of(passage_ids: list[int]) -> dict[int, list[str]]:
    rows = db.session.execute(
        select(PassageTag.passage_id, PassageTag.tag)
        .where(PassageTag.passage_id.in_(passage_ids))
        .order_by(PassageTag.tag)
    ).all()
    result: dict[int, list[str]] = {}
    for passage_id, tag in rows:
        result.setdefault(passage_id, []).append(tag)
    return result


def all_topics() -> Counter:
    return Counter(
        dict(
            db.session.execute(
                select(PassageTag.tag, db.func.count()).group_by(PassageTag.tag)
            ).all()
        )
    )


def suggestions(passage_ids: list[int], limit: int = 3) -> dict[int, list[str]]:
    """Topics to offer for each passage: the glossary entities it mentions most."""
    rows = db.session.execute(
        select(Sentence.passage_id, EntityRecord.canonical)
        .join(MentionRecord, MentionRecord.sentence_id == Sentence.id)
        .join(EntityRecord, EntityRecord.id == MentionRecord.entity_id)
        .where(
            Sentence.passage_id.in_(passage_ids),
            EntityRecord.source == "glossary",
            ~Sentence.retired,
        )
    ).all()
    counts: dict[int, Counter] = {}
    for passage_id, name in rows:
        counts.setdefault(passage_id, Counter())[normalise_topic(name)] += 1
    return {pid: [t for t, _ in c.most_common(limit)] for pid, c in counts.items()}


def _tag_items(passage_ids: list[int], topic: str) -> None:
    current = and_(Item.id == ItemVersion.item_id, Item.current_version == ItemVersion.number)
    item_ids = set(
        db.session.scalars(
            select(Item.id)
            .join(ItemVersion, current)
            .join(CitationRecord, CitationRecord.version_id == ItemVersion.id)
            .join(Sentence, Sentence.key == CitationRecord.sentence_key)
            .where(Sentence.passage_id.in_(passage_ids))
        )
    )
    tag = f"topic:{topic}"
    tagged = set(
        db.session.scalars(
            select(ItemTag.item_id).where(ItemTag.tag == tag, ItemTag.item_id.in_(item_ids))
        )
    )
    db.session.add_all(ItemTag(item_id=i, tag=tag) for i in sorted(item_ids - tagged))
