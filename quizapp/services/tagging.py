"""Store what tagging found: the entities and each sentence's mentions."""

from __future__ import annotations

from sqlalchemy import delete, event, insert, select

from quizapp.extensions import db
from quizapp.grading.lexicon_cache import entities_changed
from quizapp.models import EntityRecord, MentionRecord, Sentence
from quizapp.tagging.tagger import TaggingResult


def store_tagging(result: TaggingResult) -> None:
    """Replace the stored mentions of the tagged sentences; upsert the entities."""
    _forget_lexicon()
    stored = {e.key: e for e in db.session.scalars(select(EntityRecord))}
    for entity in result.entities.values():
        record = stored.get(entity.key) or EntityRecord(key=entity.key)
        record.canonical, record.type = entity.canonical, entity.type
        record.aliases, record.description = list(entity.aliases), entity.description
        record.source = entity.source
        if entity.key not in stored:
            db.session.add(record)
            stored[entity.key] = record
    db.session.flush()
    for start in range(0, len(result.sentences), CHUNK):
        _store_mentions(result.sentences[start : start + CHUNK], stored)


CHUNK = 2000  # sentences whose mentions are replaced at a time: a corpus's rows never at once


def _store_mentions(sentences: list, stored: dict[str, EntityRecord]) -> None:
    ids = sentence_ids([s.key for s in sentences])
    db.session.execute(delete(MentionRecord).where(MentionRecord.sentence_id.in_(ids.values())))
    rows = [
        {
            "sentence_id": ids[s.key],
            "entity_id": stored[m.entity].id if m.entity in stored else None,
            "start": m.start,
            "end": m.end,
            "text": m.text[:500],
            "type": m.type,
            "value": m.value,
            "source": m.source,
        }
        for s in sentences
        if s.key in ids
        for m in s.mentions
    ]
    if rows:
        db.session.execute(insert(MentionRecord), rows)


def _forget_lexicon() -> None:
    """Answers are graded with a cached lexicon of the entities: drop it now and again
    once these changes are committed (a rebuild in between would read the old names)."""
    entities_changed()
    event.listen(db.session(), "after_commit", lambda _session: entities_changed(), once=True)


def sentence_ids(keys: list[str], chunk: int = 5000) -> dict[str, int]:
    """Map sentence keys to row ids, in chunks that every database accepts."""
    ids: dict[str, int] = {}
    for start in range(0, len(keys), chunk):
        part = keys[start : start + chunk]
        ids.update(
            db.session.execute(
                select(Sentence.key, Sentence.id).where(Sentence.key.in_(part))
            ).all()
        )
    return ids
