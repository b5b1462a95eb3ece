"""Items brought in from another installation (JSON) or from Moodle (XML).

Imported items are plain records; this module stores them, each with its versions,
citations and tags, in one transaction with an audit event per item. An item already
in the bank (same uuid, or same fact: same fingerprint) is skipped, so importing twice
adds nothing. A citation whose sentence this corpus lacks is kept as it came, and the
current version is then marked stale (with the sentence's text in the reason) instead
of failing the import.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from quizapp.checking.citations import check
from quizapp.checking.normalize import normalize_answer
from quizapp.extensions import db
from quizapp.models import Document, Item, ItemTag, ItemVersion, Sentence
from quizapp.services.audit import record
from quizapp.services.bank_drafts import citation_records
from quizapp.services.sentences import sentence_states
from quizapp.services.verdicts import facts_of_version


@dataclass
class ImportedCitation:
    sentence_key: str
    sentence_hash: str = ""
    start: int = 0
    end: int = 0
    role: str = "answer"
    text: str = ""  # the sentence's text where it came from, to name a missing sentence


@dataclass
class ImportedVersion:
    number: int
    stem: str
    answer: str
    alternatives: list[str] = field(default_factory=list)
    distractors: list[str] = field(default_factory=list)
    explanation: str = ""
    payload: dict = field(default_factory=dict)
    author: str = "import"
    score: float = 0.0
    verdict: str | None = None  # None: the checker decides here
    reasons: list[str] = field(default_factory=list)
    created_at: datetime | None = None
    citations: list[ImportedCitation] = field(default_factory=list)


@dataclass
class ImportedItem:
    type: str
    versions: list[ImportedVersion]
    uuid: str | None = None
    status: str = "draft"
    source: str | None = None  # document slug; else the first cited sentence's document
    current_version: int | None = None  # None: the highest number
    tags: list[str] = field(default_factory=list)
    status_reason: str | None = None
    override_reason: str | None = None
    fingerprint: str | None = None
    created_at: datetime | None = None


@dataclass
class ImportReport:
    added: int = 0
    stale: int = 0
    skipped: list[str] = field(default_factory=list)  # why each skipped item was skipped


def import_items(items: list[ImportedItem], origin: str) -> ImportReport:
    """Store the items not in the bank yet; `origin` names the import in authors and audit."""
    report = ImportReport()
    keys = {c.sentence_key for i in items for v in i.versions for c in v.citations}
    states = sentence_states(keys)
    sentences = _sentences(keys)
    known_uuids = set(db.session.scalars(select(Item.uuid)))
    known_marks = set(db.session.scalars(select(Item.fingerprint)))
    for n, imported in enumerate(items, start=1):
        label = f"item {n}" + (f" ({imported.uuid})" if imported.uuid else "")
        if imported.uuid and imported.uuid in known_uuids:
            report.skipped.append(f"{label}: already in the bank")
            continue
        document_id = _document_id(imported, sentences)
        if document_id is None:
            report.skipped.append(
                f"{label}: its source {imported.source or '(unnamed)'} is not in this corpus; "
                "ingest it first"
            )
            continue
        current = _current(imported)
        mark = imported.fingerprint or _fingerprint(imported.type, current, sentences)
        if mark in known_marks:
            report.skipped.append(f"{label}: the bank already has an item for this fact")
            continue
        item = _item(imported, document_id, mark, origin)
        stale = _judge(item, imported, current, states)
        report.stale += stale
        db.session.add(item)
        db.session.flush()
        known_uuids.add(item.uuid)
        known_marks.add(mark)
        record(None, "import", "item", item.uuid, {}, {"origin": origin, "status": item.status})
        report.added += 1
    db.session.commit()
    return report


def _sentences(keys: set[str]) -> dict[str, tuple[str, int]]:
    """Each known sentence key's (cluster, document id)."""
    found = {}
    wanted = sorted(keys)
    for start in range(0, len(wanted), 500):
        statement = select(Sentence.key, Sentence.cluster, Sentence.document_id).where(
            Sentence.key.in_(wanted[start : start + 500])
        )
        found.update({key: (cluster, doc) for key, cluster, doc in db.session.execute(statement)})
    return found


def _document_id(imported: ImportedItem, sentences: dict[str, tuple[str, int]]) -> int | None:
    if imported.source:
        found = db.session.scalar(select(Document.id).where(Document.slug == imported.source))
        if found is not None:
            return found
    for version in imported.versions:
        for citation in version.citations:
            if citation.sentence_key in sentences:
                return sentences[citation.sentence_key][1]
    return None


def _current(imported: ImportedItem) -> ImportedVersion:
    number = imported.current_version or max(v.number for v in imported.versions)
    return next((v for v in imported.versions if v.number == number), imported.versions[-1])


def _fingerprint(item_type: str, version: ImportedVersion, sentences) -> str:
    """As generation computes it: type, cited clusters and answer (one item per fact)."""
    cited = sorted({sentences.get(c.sentence_key, (c.sentence_key,))[0] for c in version.citations})
    basis = "|".join([item_type, *cited, normalize_answer(version.answer)])
    return hashlib.sha256(basis.encode()).hexdigest()


def _item(imported: ImportedItem, document_id: int, mark: str, origin: str) -> Item:
    item = Item(
        type=imported.type,
        status=imported.status,
        fingerprint=mark,
        document_id=document_id,
        current_version=_current(imported).number,
        status_reason=imported.status_reason,
        override_reason=imported.override_reason,
    )
    if imported.uuid:
        item.uuid = imported.uuid
    if imported.created_at:
        item.created_at = imported.created_at
    item.versions = [_version(v, origin) for v in sorted(imported.versions, key=lambda v: v.number)]
    item.tags = [ItemTag(tag=t[:200]) for t in dict.fromkeys(imported.tags) if t.strip()]
    return item


def _version(imported: ImportedVersion, origin: str) -> ItemVersion:
    version = ItemVersion(
        number=imported.number,
        stem=imported.stem,
        answer=imported.answer,
        alternatives=list(imported.alternatives),
        distractors=list(imported.distractors),
        explanation=imported.explanation,
        payload=dict(imported.payload),
        author=imported.author or f"import:{origin}",
        score=imported.score,
        verdict=imported.verdict or "unsupported",
        reasons=list(imported.reasons),
    )
    if imported.created_at:
        version.created_at = imported.created_at
    version.citations = citation_records(imported.citations)
    return version


def _judge(item: Item, imported: ImportedItem, current: ImportedVersion, states) -> bool:
    """Give the current version its verdict here; return whether it is stale."""
    version = item.current
    missing = [c for c in current.citations if c.sentence_key not in states]
    if missing:
        version.verdict = "stale"
        version.reasons = [
            f"the cited sentence {c.sentence_key} is not in this corpus: “{c.text}”"
            if c.text
            else f"the cited sentence {c.sentence_key} is not in this corpus"
            for c in missing
        ]
        return True
    for citation, came in zip(version.citations, current.citations, strict=True):
        if not came.sentence_hash:  # Moodle carries no hash: take this corpus's sentence
            citation.sentence_hash = states[came.sentence_key].text_hash
    verdict = check(facts_of_version(version, item.type), states)
    if current.verdict is None or verdict.verdict == "stale":
        version.verdict, version.reasons = verdict.verdict, verdict.reasons
    return version.verdict == "stale"
