"""New items from drafts: each fact stored once, with its first version and its verdict.

An item is stored once per fact: its fingerprint is its type, the clusters of the
sentences it cites and its answer, so re-running generation, or drafting the same fact
from a second witness, adds nothing, and nothing already stored is ever overwritten.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping

from sqlalchemy import select

from quizapp.checking.citations import CitedSpan, ItemFacts, SentenceState, Verdict, check
from quizapp.checking.normalize import normalize_answer
from quizapp.extensions import db
from quizapp.generators.base import Draft
from quizapp.models import CitationRecord, Item, ItemTag, ItemVersion


def fingerprint(draft: Draft, clusters: Mapping[str, str]) -> str:
    cited = sorted({clusters.get(c.sentence_key, c.sentence_key) for c in draft.citations})
    basis = "|".join([draft.type, *cited, normalize_answer(draft.answer)])
    return hashlib.sha256(basis.encode()).hexdigest()


def facts_of_draft(draft: Draft) -> ItemFacts:
    return ItemFacts(
        draft.type,
        draft.stem,
        draft.answer,
        [
            CitedSpan(c.sentence_key, c.sentence_hash, c.start, c.end, c.role)
            for c in draft.citations
        ],
        draft.alternatives,
        draft.distractors,
        draft.payload,
    )


def store_drafts(
    drafts: Iterable[Draft],
    states: Mapping[str, SentenceState],
    clusters: Mapping[str, str],
    document_ids: Mapping[str, int],
    topics: Mapping[str, list[str]] | None = None,
) -> Counter:
    """`clusters`, `document_ids` and `topics` map each cited sentence key to its cluster,
    document and passage topics (which become the item's "topic:" tags)."""
    # Check and add the drafts whose fact the bank lacks; count the added ones by type.
    known = set(db.session.scalars(select(Item.fingerprint)))
    added: Counter = Counter()
    for draft in drafts:
        mark = fingerprint(draft, clusters)
        if mark in known:
            continue
        known.add(mark)
        verdict = check(facts_of_draft(draft), states)
        item = _new_item(draft, mark, verdict, document_ids)
        cited_topics = {t for c in draft.citations for t in (topics or {}).get(c.sentence_key, [])}
        item.tags.extend(
            ItemTag(tag=f"topic:{t}")
            for t in sorted(cited_topics)
            if f"topic:{t}" not in {x.tag for x in item.tags}
        )
        db.session.add(item)
        added[draft.type] += 1
    db.session.flush()
    return added


def _new_item(draft: Draft, mark: str, verdict: Verdict, document_ids: Mapping[str, int]) -> Item:
    document_id = document_ids[draft.citations[0].sentence_key]
    item = Item(type=draft.type, fingerprint=mark, document_id=document_id, current_version=1)
    version = ItemVersion(
        number=1,
        stem=draft.stem,
        answer=draft.answer,
        alternatives=list(draft.alternatives),
        distractors=list(draft.distractors),
        explanation=draft.explanation,
        payload=dict(draft.payload),
        author=f"generator:{draft.generator}@{draft.version}",
        score=draft.score,
        verdict=verdict.verdict,
        reasons=verdict.reasons,
    )
    version.citations = citation_records(draft.citations)
    item.versions = [version]
    tags = dict.fromkeys([*draft.tags, f"type:{draft.type}"])
    item.tags = [ItemTag(tag=tag[:200]) for tag in tags]
    return item


def citation_records(citations) -> list[CitationRecord]:
    """Rows for citations given as anything with sentence_key, sentence_hash, start, end
    and role (a draft's, an imported item's), numbered in order."""
    return [
        CitationRecord(
            ordinal=n,
            sentence_key=c.sentence_key,
            sentence_hash=c.sentence_hash,
            start=c.start,
            end=c.end,
            role=c.role,
        )
        for n, c in enumerate(citations)
    ]
