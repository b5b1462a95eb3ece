"""The bank as JSON: a lossless round trip between two fresh databases."""

from __future__ import annotations

import json

from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Item
from quizapp.services import bank
from tests.export_helpers import bank_snapshot, export_bank, run, second_installation
from tests.helpers import HISTORY_TEXT, make_users

KIROV = "Sergei Kirov was assassinated in Leningrad in December 1934."


def varied_bank(runner, tmp_path) -> None:
    """Drafts, an approved item, a rejected one and an item edited into a second version."""
    export_bank(runner, tmp_path)
    instructor = make_users()["instructor"]
    items = db.session.scalars(select(Item).order_by(Item.id)).all()
    bank.approve(items[0], instructor)
    bank.reject(items[1], instructor, "too easy")
    edited = items[2]
    version = edited.current
    changes = bank.ItemChanges(
        version.stem,
        version.answer,
        list(version.alternatives),
        list(version.distractors),
        "A second version.",
        [t.tag for t in edited.tags] + ["week-3"],
    )
    bank.edit(edited, instructor, changes)


def test_round_trip_between_two_databases_keeps_everything(app, runner, tmp_path):
    varied_bank(runner, tmp_path)
    path = tmp_path / "bank.json"
    run(runner, "export", "json", "--out", str(path))
    original = bank_snapshot()
    assert any(len(item["versions"]) == 2 for item in original.values())
    document = json.loads(path.read_text())
    assert len(document["items"]) == len(original)
    texts = {c["text"] for i in document["items"] for v in i["versions"] for c in v["citations"]}
    assert KIROV in texts

    target = second_installation(tmp_path, "json_target")
    with target.app_context():
        result = run(target.test_cli_runner(), "import", "json", str(path))
        assert f"imported {len(original)} items" in result.output
        assert "stale" not in result.output
        copied = bank_snapshot()
        again = run(target.test_cli_runner(), "import", "json", str(path))
        assert "imported 0 items" in again.output
        assert len(bank_snapshot()) == len(original)
        db.session.remove()
    assert copied == original


def test_a_sentence_missing_from_the_target_corpus_makes_its_items_stale(app, runner, tmp_path):
    export_bank(runner, tmp_path)
    path = tmp_path / "bank.json"
    run(runner, "export", "json", "--out", str(path))
    original = bank_snapshot()
    citing_kirov = {
        uuid
        for uuid, item in original.items()
        if any(
            c["text"] == KIROV
            for i in json.loads(path.read_text())["items"]
            if i["uuid"] == uuid
            for c in i["versions"][-1]["citations"]
        )
    }
    assert citing_kirov

    target = second_installation(tmp_path, "json_stale", HISTORY_TEXT.replace(KIROV, ""))
    with target.app_context():
        result = run(target.test_cli_runner(), "import", "json", str(path))
        assert f"imported {len(original)} items ({len(citing_kirov)} stale" in result.output
        copied = bank_snapshot()
        reasons = {i.uuid: i.current.reasons for i in db.session.scalars(select(Item))}
        db.session.remove()
    for uuid, item in copied.items():
        verdict = item["versions"][-1]["verdict"]
        if uuid in citing_kirov:
            assert verdict == "stale"
            assert any(KIROV in reason for reason in reasons[uuid])
        else:
            assert verdict == original[uuid]["versions"][-1]["verdict"]


def test_a_file_that_is_not_a_bank_export_is_refused_and_nothing_is_added(app, runner, tmp_path):
    path = tmp_path / "other.json"
    path.write_text(json.dumps({"items": []}))
    result = runner.invoke(args=["import", "json", str(path)])
    assert result.exit_code != 0
    assert "not a quizapp bank export" in result.output
    assert bank_snapshot() == {}
