"""Helpers for the export tests: a small bank of every kind, a second empty installation,
and the items of the current database as comparable plain data."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Item
from tests.conftest import migrated_app
from tests.helpers import HISTORY_TEXT, make_bank

ALL_TYPES = "cloze,multiple_choice,short_answer,true_false,chronology"


def export_bank(runner, folder: Path) -> None:
    """The history text ingested and drafted with every generator that applies to it."""
    make_bank(runner, folder, only=ALL_TYPES)


def run(runner, *args: str):
    result = runner.invoke(args=list(args))
    assert result.exit_code == 0, result.output
    return result


def second_installation(folder: Path, name: str, text: str = HISTORY_TEXT):
    """Another app on a database of its own, with `text` ingested as the same source."""
    target = migrated_app(folder, name)
    source = folder / f"{name}-text" / "history.txt"
    source.parent.mkdir()
    source.write_text(text)
    with target.app_context():
        run(target.test_cli_runner(), "ingest", str(source))
    return target


def bank_snapshot() -> dict[str, dict]:
    """Every item of the current database by uuid: status, tags and each version's content
    and citations."""
    return {
        item.uuid: {
            "type": item.type,
            "status": item.status,
            "current": item.current_version,
            "tags": sorted(t.tag for t in item.tags),
            "versions": [
                {
                    "number": v.number,
                    "stem": v.stem,
                    "answer": v.answer,
                    "alternatives": v.alternatives,
                    "distractors": v.distractors,
                    "explanation": v.explanation,
                    "payload": v.payload,
                    "author": v.author,
                    "verdict": v.verdict,
                    "citations": [
                        (c.sentence_key, c.sentence_hash, c.start, c.end, c.role)
                        for c in v.citations
                    ],
                }
                for v in item.versions
            ],
        }
        for item in db.session.scalars(select(Item).order_by(Item.id))
    }
