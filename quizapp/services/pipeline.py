"""Generation end to end: tag the corpus, draft items, check them, store the new ones.

Tagging covers every document (distractors and linked names come from the whole
corpus); drafting covers the chosen sources. Each source's new items are stored in a
transaction of their own.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from quizapp.checking.citations import SentenceState
from quizapp.checking.tagged import state_of_tagged
from quizapp.extensions import db
from quizapp.generators import registry
from quizapp.generators import select as select_generators
from quizapp.generators.base import Context, Draft
from quizapp.generators.ranking import limit_per_entity
from quizapp.models import Document, GenerationMark, Passage, PassageTag
from quizapp.services.bank_drafts import store_drafts
from quizapp.services.drafting import draft_documents
from quizapp.services.sentence_rows import rows_by_document
from quizapp.services.tagging import store_tagging
from quizapp.tagging.glossary import load_glossary
from quizapp.tagging.tagger import build_context, tag_documents
from quizapp.tagging.types import TaggedSentence


class UnknownSource(ValueError):
    pass


@dataclass
class GenerationReport:
    added: dict[str, Counter] = field(default_factory=dict)  # source slug -> type -> count
    up_to_date: bool = False  # nothing changed since the last full run, so nothing ran

    def by_type(self) -> Counter:
        total: Counter = Counter()
        for counts in self.added.values():
            total.update(counts)
        return total


def generate(
    sources: list[str] | None = None,
    only: list[str] | None = None,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
    force: bool = False,
    tag: str | None = None,
) -> GenerationReport:
    """Draft items for `sources` (all when None) with the generators `only` (all when None).

    With `tag`, only the passages an instructor tagged with it are drafted from.
    """
    names = [g.name for g in select_generators(only)]  # an unknown name raises, listing all
    documents = db.session.scalars(select(Document).order_by(Document.id)).all()
    chosen = _choose(documents, sources)
    glossary = load_glossary_if_any()
    full_run = not sources and not only and not tag
    signature = run_signature(documents, glossary, names) if full_run else None
    if signature and not force and _last_signature() == signature:
        return GenerationReport(up_to_date=True)
    tagging = tag_documents(lambda: rows_by_document(documents), glossary)
    store_tagging(tagging)
    db.session.commit()
    context = build_context(tagging)
    topics = passage_topics()
    if tag is not None and not any(tag in t for t in topics.values()):
        raise UnknownSource(f"no passage is tagged {tag!r}")
    by_document: dict[str, list[TaggedSentence]] = {d.slug: [] for d in chosen}
    for sentence in tagging.sentences:
        if sentence.document not in by_document:
            continue
        if tag is None or tag in topics.get(sentence.passage_key, ()):
            by_document[sentence.document].append(sentence)
    drafts = limit_per_entity_across(draft_documents(by_document, context, names, workers), context)
    states = cited_states(drafts, tagging.sentences)
    clusters = {s.key: s.cluster for s in tagging.sentences}
    ids = {d.slug: d.id for d in documents}
    document_ids = {s.key: ids[s.document] for s in tagging.sentences}
    report = GenerationReport()
    advance = progress or (lambda done, total: None)
    advance(1, len(drafts) + 1)  # tagging and drafting done; storing per source follows
    for done, (slug, document_drafts) in enumerate(drafts.items(), start=2):
        try:
            report.added[slug] = store_drafts(
                document_drafts,
                states,
                clusters,
                document_ids,
                {s.key: topics.get(s.passage_key, []) for s in tagging.sentences},
            )
            db.session.commit()
            advance(done, len(drafts) + 1)
        except Exception:
            db.session.rollback()
            raise
    if signature:
        db.session.add(GenerationMark(signature=signature))
        db.session.commit()
    return report


def cited_states(
    drafts: dict[str, list[Draft]], sentences: list[TaggedSentence]
) -> dict[str, SentenceState]:
    """The checker's view of every sentence a draft cites (and of no other: a state holds
    the sentence's passage and lemmas, too much to build for a whole corpus)."""
    cited = {c.sentence_key for ds in drafts.values() for d in ds for c in d.citations}
    return {s.key: state_of_tagged(s) for s in sentences if s.key in cited}


def passage_topics() -> dict[str, list[str]]:
    """The topics instructors gave passages, by passage key."""
    rows = db.session.execute(
        select(Passage.key, PassageTag.tag).join(PassageTag, PassageTag.passage_id == Passage.id)
    ).all()
    topics: dict[str, list[str]] = {}
    for key, topic in rows:
        topics.setdefault(key, []).append(topic)
    return topics


def run_signature(documents: list[Document], glossary: list, names: list[str]) -> str:
    """What a full run drafts from: the texts as stored, the glossary, the generators."""
    generators = registry()
    parts = [f"{d.slug}:{d.checksum}:{d.pipeline}" for d in documents]
    parts += [repr(entity) for entity in glossary]
    parts += [f"{n}@{getattr(generators[n], 'version', '?')}" for n in sorted(names)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _last_signature() -> str | None:
    return db.session.scalar(
        select(GenerationMark.signature).order_by(GenerationMark.id.desc()).limit(1)
    )


def limit_per_entity_across(
    drafts: dict[str, list[Draft]], context: Context
) -> dict[str, list[Draft]]:
    """Cap how many items one entity answers across the whole run, keeping the best."""
    everything = [d for ds in drafts.values() for d in ds]
    kept = {id(d) for d in limit_per_entity(everything, context)}
    return {slug: [d for d in ds if id(d) in kept] for slug, ds in drafts.items()}


def load_glossary_if_any():
    path = Path(current_app.config["GLOSSARY_PATH"])
    return load_glossary(path) if path.exists() else []


def _choose(documents: list[Document], sources: list[str] | None) -> list[Document]:
    if not sources:
        return list(documents)
    known = {d.slug: d for d in documents}
    missing = [s for s in sources if s not in known]
    if missing:
        raise UnknownSource(
            f"unknown source {', '.join(missing)}; known sources: {', '.join(sorted(known))}"
        )
    return [known[s] for s in sources]
