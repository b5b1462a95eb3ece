"""services/bank.py: approvals need a supported verdict, edits make checked versions, all audited."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import AuditEvent, Item, Sentence
from quizapp.services.bank import (
    BankError,
    ItemChanges,
    approve,
    bulk_approve,
    edit,
    preview,
    reject,
    revert,
)
from quizapp.services.users import create_user
from tests.test_generation import HISTORY


@pytest.fixture
def bank(runner, tmp_path: Path):
    path = tmp_path / "history.txt"
    path.write_text(HISTORY)
    assert runner.invoke(args=["ingest", str(path)]).exit_code == 0
    assert runner.invoke(args=["generate", "--only", "cloze,short_answer"]).exit_code == 0
    user, _ = create_user("teacher@example.org", "instructor", "a long password!")
    return user


def supported_item() -> Item:
    items = db.session.scalars(select(Item).order_by(Item.id)).all()
    return next(i for i in items if i.current.verdict == "supported")


def changes_of(item: Item, **overrides) -> ItemChanges:
    version = item.current
    values = dict(
        stem=version.stem,
        answer=version.answer,
        alternatives=list(version.alternatives),
        distractors=list(version.distractors),
        explanation=version.explanation,
        tags=[t.tag for t in item.tags],
    )
    values.update(overrides)
    return ItemChanges(**values)


def test_approving_a_supported_item_is_audited(bank):
    item = supported_item()
    approve(item, bank)
    assert item.status == "approved"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.object_id == item.uuid))
    assert (event.action, event.before["status"], event.after["status"]) == (
        "approve",
        "draft",
        "approved",
    )
    assert event.user_id == bank.id


def test_an_edit_that_leaves_the_citation_unsupported_cannot_be_approved(bank):
    item = supported_item()
    version = edit(item, bank, changes_of(item, answer="Napoleon Bonaparte", alternatives=[]))
    assert version.number == 2 and item.current_version == 2
    assert version.verdict == "unsupported" and version.author == f"user:{bank.id}"
    with pytest.raises(BankError, match="override reason"):
        approve(item, bank)
    assert item.status == "draft"
    approve(item, bank, override_reason="The source's next sentence names him.")
    assert item.status == "approved" and item.override_reason


def test_revert_restores_an_earlier_version_as_a_new_one(bank):
    item = supported_item()
    edit(item, bank, changes_of(item, answer="Napoleon Bonaparte", alternatives=[]))
    version = revert(item, bank, 1)
    assert version.number == 3 and version.verdict == "supported"
    assert version.answer == item.versions[0].answer
    approve(item, bank)
    assert item.status == "approved"


def test_editing_an_approved_item_into_an_unsupported_one_returns_it_to_draft(bank):
    item = supported_item()
    approve(item, bank)
    edit(item, bank, changes_of(item, answer="Napoleon Bonaparte", alternatives=[]))
    assert item.status == "draft"


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"stem": "  "}, "stem"),
        ({"answer": ""}, "answer"),
        ({"distractors": ["X", "{answer}"]}, "distractors"),
    ],
)
def test_bad_edits_change_nothing(bank, overrides, field):
    item = supported_item()
    if "distractors" in overrides:
        overrides = {"distractors": ["X", item.current.answer.upper()]}
    with pytest.raises(BankError) as error:
        edit(item, bank, changes_of(item, **overrides))
    assert error.value.field == field
    db.session.rollback()
    assert item.current_version == 1 and len(item.versions) == 1


def test_a_citation_to_a_retired_sentence_is_refused(bank):
    item = supported_item()
    sentence = db.session.scalar(
        select(Sentence).where(Sentence.key == item.current.citations[0].sentence_key)
    )
    sentence.retired = True
    db.session.commit()
    with pytest.raises(BankError, match="removed from its source") as error:
        edit(item, bank, changes_of(item, sentence_key=sentence.key))
    assert error.value.field == "sentence_key"


def test_preview_computes_the_verdict_without_saving(bank):
    item = supported_item()
    verdict = preview(item, changes_of(item, answer="Napoleon Bonaparte", alternatives=[]))
    assert verdict.verdict == "unsupported"
    db.session.commit()
    db.session.refresh(item)
    assert len(item.versions) == 1


def test_reject_needs_a_reason_and_bulk_approve_takes_supported_items_only(bank):
    items = db.session.scalars(select(Item).order_by(Item.id)).all()
    with pytest.raises(BankError, match="reason"):
        reject(items[0], bank, " ")
    reject(items[0], bank, "Trivial.")
    assert items[0].status == "rejected" and items[0].status_reason == "Trivial."
    edit(items[1], bank, changes_of(items[1], answer="Napoleon Bonaparte", alternatives=[]))
    approved, skipped = bulk_approve(items[1:], bank)
    assert skipped >= 1 and approved == sum(
        1 for i in items[1:] if i.current.verdict == "supported"
    )
    assert items[1].status == "draft"
