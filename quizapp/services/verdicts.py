"""Re-check the bank's items against the corpus as it is now, and count the bank."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import and_, func, select
from sqlalchemy.orm import selectinload

from quizapp.checking.citations import CitedSpan, ItemFacts, check
from quizapp.extensions import db
from quizapp.models import Document, Item, ItemVersion
from quizapp.services.sentences import sentence_states


def current_versions():
    """Each item's current version, with its item and citations loaded."""
    return db.session.scalars(
        select(ItemVersion)
        .join(
            Item, and_(Item.id == ItemVersion.item_id, Item.current_version == ItemVersion.number)
        )
        .options(selectinload(ItemVersion.citations), selectinload(ItemVersion.item))
        .order_by(Item.id)
    ).all()


def facts_of_version(version: ItemVersion, item_type: str | None = None) -> ItemFacts:
    """The checker's view of a version (`item_type` for a version not yet attached)."""
    return ItemFacts(
        item_type or version.item.type,
        version.stem,
        version.answer,
        [
            CitedSpan(c.sentence_key, c.sentence_hash, c.start, c.end, c.role)
            for c in version.citations
        ],
        version.alternatives or [],
        version.distractors or [],
        version.payload or {},
    )


def recheck_bank() -> Counter:
    """Check every item's current version again; store changed verdicts; count verdicts."""
    versions = current_versions()
    states = sentence_states(c.sentence_key for v in versions for c in v.citations)
    counts: Counter = Counter()
    for version in versions:
        verdict = check(facts_of_version(version), states)
        if (verdict.verdict, verdict.reasons) != (version.verdict, version.reasons):
            version.verdict, version.reasons = verdict.verdict, verdict.reasons
        counts[verdict.verdict] += 1
    db.session.commit()
    return counts


def bank_stats() -> dict[str, Counter]:
    """Items by type, status, source and verdict of the current version."""
    current = and_(Item.id == ItemVersion.item_id, Item.current_version == ItemVersion.number)

    def grouped(column, *joins) -> Counter:
        query = select(column, func.count()).select_from(Item)
        for join in joins:
            query = query.join(*join)
        return Counter(dict(db.session.execute(query.group_by(column)).all()))

    return {
        "type": grouped(Item.type),
        "status": grouped(Item.status),
        "source": grouped(Document.slug, (Document, Document.id == Item.document_id)),
        "verdict": grouped(ItemVersion.verdict, (ItemVersion, current)),
    }
