"""The only code that changes an item's status or content.

Every change is checked against the citation checker's verdict and written together with
its audit event, in one transaction: approving needs a supported verdict (or an
override reason), an edit makes a new version whose verdict is computed before it is
saved, and a revert is an edit back to an earlier version's content.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quizapp.checking.citations import Verdict, check
from quizapp.checking.normalize import normalize_answer
from quizapp.checking.spans import find_answer_span
from quizapp.extensions import db
from quizapp.models import CitationRecord, Item, ItemTag, ItemVersion, User
from quizapp.services.audit import record
from quizapp.services.sentences import sentence_states
from quizapp.services.verdicts import facts_of_version


class BankError(ValueError):
    """A change the bank refuses; `field` names the form field at fault, if one is."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass
class ItemChanges:
    """What an instructor's edit says an item's current content should be."""

    stem: str
    answer: str
    alternatives: list[str] = field(default_factory=list)
    distractors: list[str] = field(default_factory=list)
    explanation: str = ""
    tags: list[str] = field(default_factory=list)
    sentence_key: str | None = None  # a new citation (short items only); None keeps it


def approve(item: Item, user: User, override_reason: str | None = None) -> None:
    """Approve the item; one that is not supported needs a recorded reason."""
    version = item.current
    reason = (override_reason or "").strip()
    if version.verdict != "supported" and not reason:
        raise BankError(
            f"this item's verdict is {version.verdict}: {'; '.join(version.reasons)}. "
            "Record an override reason to approve it anyway.",
            field="override_reason",
        )
    before = _status(item)
    item.status = "approved"
    item.status_reason = None
    item.override_reason = reason if version.verdict != "supported" else None
    _audit(user, "approve", item, before, _status(item))
    db.session.commit()


def reject(item: Item, user: User, reason: str) -> None:
    """Reject the item with a reason students never see but instructors do."""
    _set_status(item, user, "reject", "rejected", reason)


def retire(item: Item, user: User, reason: str) -> None:
    """Take the item out of use (its cited source is gone, say); its history stays."""
    _set_status(item, user, "retire", "retired", reason)


def bulk_approve(items: list[Item], user: User) -> tuple[int, int]:
    """Approve the supported items among `items`; return (approved, skipped)."""
    approved = skipped = 0
    for item in items:
        if item.current.verdict != "supported" or item.status == "approved":
            skipped += 1
            continue
        before = _status(item)
        item.status, item.status_reason, item.override_reason = "approved", None, None
        _audit(user, "approve", item, before, _status(item))
        approved += 1
    db.session.commit()
    return approved, skipped


def preview(item: Item, changes: ItemChanges) -> Verdict:
    """The verdict `changes` would get, without saving anything (for the live check)."""
    return _verdict(item, _draft_version(item, changes, author="preview"))


def edit(item: Item, user: User, changes: ItemChanges) -> ItemVersion:
    """Save `changes` as a new version with its verdict; an approval needs it supported."""
    _validate(item, changes)
    before = _content(item.current)
    version = _draft_version(item, changes, author=f"user:{user.id}")
    verdict = _verdict(item, version)
    version.verdict, version.reasons = verdict.verdict, verdict.reasons
    item.versions.append(version)
    item.current_version = version.number
    _set_tags(item, changes.tags)
    status_before = _status(item)
    if item.status == "approved" and not verdict.supported and not item.override_reason:
        item.status = "draft"  # an approval was for content the source supported
    _audit(user, "edit", item, {**before, **status_before}, {**_content(version), **_status(item)})
    db.session.commit()
    return version


def revert(item: Item, user: User, number: int) -> ItemVersion:
    """Make a new version with the content of version `number`."""
    old = next((v for v in item.versions if v.number == number), None)
    if old is None:
        raise BankError(f"this item has no version {number}")
    changes = ItemChanges(
        old.stem,
        old.answer,
        list(old.alternatives),
        list(old.distractors),
        old.explanation,
        [t.tag for t in item.tags],
        old.citations[0].sentence_key if old.citations else None,
    )
    return edit(item, user, changes)


# ---- helpers -----------------------------------------------------------------------


def _validate(item: Item, changes: ItemChanges) -> None:
    if not changes.stem.strip():
        raise BankError("the question may not be empty", field="stem")
    if not changes.answer.strip():
        raise BankError("the answer may not be empty", field="answer")
    answer = normalize_answer(changes.answer)
    for distractor in changes.distractors:
        if normalize_answer(distractor) == answer:
            raise BankError(f'the distractor "{distractor}" is the answer', field="distractors")
    if changes.sentence_key:
        state = sentence_states([changes.sentence_key]).get(changes.sentence_key)
        if state is None:
            raise BankError("no sentence has that key", field="sentence_key")
        if state.retired:
            raise BankError(
                "that sentence was removed from its source; cite a current one",
                field="sentence_key",
            )


def _draft_version(item: Item, changes: ItemChanges, author: str) -> ItemVersion:
    current = item.current
    version = ItemVersion(
        number=max(v.number for v in item.versions) + 1,
        stem=changes.stem.strip(),
        answer=changes.answer.strip(),
        alternatives=[a.strip() for a in changes.alternatives if a.strip()],
        distractors=[d.strip() for d in changes.distractors if d.strip()],
        explanation=changes.explanation.strip(),
        payload=dict(current.payload or {}),
        author=author,
        score=current.score,
        verdict="unsupported",
        reasons=[],
    )
    version.citations = _citations(current, changes)
    return version


def _citations(current: ItemVersion, changes: ItemChanges) -> list[CitationRecord]:
    """Keep the citations; re-find the answer's span (in a new sentence, if one was chosen)."""
    old = current.citations
    key = changes.sentence_key or (old[0].sentence_key if old else None)
    if key is None:
        return []
    state = sentence_states([key]).get(key)
    if state is None:
        return [_copy(c) for c in old]
    first = old[0] if old else None
    if first is not None and first.role != "answer":
        return [_copy(c) for c in old]  # chronology and matching keep their own spans
    span = find_answer_span(state.text, [changes.answer, *changes.alternatives]) or (0, 0)
    return [
        CitationRecord(
            ordinal=0,
            sentence_key=key,
            sentence_hash=state.text_hash,
            start=span[0],
            end=span[1],
            role="answer",
        )
    ]


def _set_tags(item: Item, tags: list[str]) -> None:
    """Keep the tags still wanted (so the unique (item, tag) rows never collide), add the rest."""
    wanted = [t.strip()[:200] for t in dict.fromkeys(tags) if t.strip()]
    item.tags = [t for t in item.tags if t.tag in wanted]
    have = {t.tag for t in item.tags}
    item.tags.extend(ItemTag(tag=t) for t in wanted if t not in have)


def _copy(citation: CitationRecord) -> CitationRecord:
    return CitationRecord(
        ordinal=citation.ordinal,
        sentence_key=citation.sentence_key,
        sentence_hash=citation.sentence_hash,
        start=citation.start,
        end=citation.end,
        role=citation.role,
    )


def _verdict(item: Item, version: ItemVersion) -> Verdict:
    facts = facts_of_version(version, item_type=item.type)
    return check(facts, sentence_states(c.sentence_key for c in version.citations))


def _set_status(item: Item, user: User, action: str, status: str, reason: str) -> None:
    if not (reason or "").strip():
        raise BankError(f"give a reason to {action} this item", field="reason")
    before = _status(item)
    item.status, item.status_reason = status, reason.strip()
    _audit(user, action, item, before, _status(item))
    db.session.commit()


def _status(item: Item) -> dict:
    return {
        "status": item.status,
        "status_reason": item.status_reason,
        "override_reason": item.override_reason,
    }


def _content(version: ItemVersion) -> dict:
    return {
        "version": version.number,
        "stem": version.stem,
        "answer": version.answer,
        "alternatives": list(version.alternatives or []),
        "distractors": list(version.distractors or []),
        "verdict": version.verdict,
    }


def _audit(user: User | None, action: str, item: Item, before: dict, after: dict) -> None:
    record(user, action, "item", item.uuid, before, after)
