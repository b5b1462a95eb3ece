"""`quizapp generate`, `check` and `bank stats`: idempotent, never overwriting, stale on change."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import CitationRecord, Item, ItemVersion, Sentence

HISTORY = """Dzerzhinsky and the Cheka

The Cheka was established in December 1917 by the Soviet government in Petrograd. Felix Dzerzhinsky, a Polish intellectual, led the Cheka until his death in 1926. In 1922 the Cheka was reorganized as the State Political Administration, or GPU.

Dzerzhinsky's successor, Vyacheslav Menzhinsky, was not originally part of Stalin's faction. In 1934 Genrikh Yagoda became head of the secret police, and 1,966 delegates attended the Seventeenth Congress in Moscow. Sergei Kirov was assassinated in Leningrad in December 1934.
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "history.txt"
    path.write_text(text)
    return path


def items() -> int:
    return db.session.scalar(select(func.count()).select_from(Item))


def generate(runner, *args):
    result = runner.invoke(args=["generate", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_generate_drafts_checked_items_and_is_idempotent(runner, tmp_path):
    runner.invoke(args=["ingest", str(write(tmp_path, HISTORY))])
    output = generate(runner)
    assert "history:" in output and "added" in output
    first = items()
    assert first > 5
    versions = db.session.scalars(select(ItemVersion)).all()
    assert all(v.verdict for v in versions) and all(v.number == 1 for v in versions)
    output = generate(runner)
    assert items() == first
    assert "up to date" in output
    output = generate(runner, "--force")
    assert items() == first
    assert "added 0 items" in output


def test_an_instructors_edit_and_decision_survive_regeneration(runner, tmp_path):
    runner.invoke(args=["ingest", str(write(tmp_path, HISTORY))])
    generate(runner)
    item = db.session.scalars(select(Item).order_by(Item.id)).first()
    edited = ItemVersion(
        number=2,
        stem="Edited stem?",
        answer=item.current.answer,
        author="user:1",
        verdict="supported",
        reasons=[],
    )
    item.versions.append(edited)
    item.current_version, item.status = 2, "rejected"
    db.session.commit()
    generate(runner)
    db.session.refresh(item)
    assert (item.current_version, item.status, item.current.stem) == (2, "rejected", "Edited stem?")


def test_a_changed_sentence_makes_its_items_stale_and_only_new_text_is_drafted(runner, tmp_path):
    path = write(tmp_path, HISTORY)
    runner.invoke(args=["ingest", str(path)])
    generate(runner)
    kirov = db.session.scalar(select(Sentence.key).where(Sentence.text.like("Sergei Kirov%")))
    citing = {
        c.version_id
        for c in db.session.scalars(
            select(CitationRecord).where(CitationRecord.sentence_key == kirov)
        )
    }
    assert citing, "the test needs items citing the sentence it changes"
    before = items()
    path.write_text(
        HISTORY.replace(
            "Sergei Kirov was assassinated in Leningrad", "Sergei Kirov was shot dead in Leningrad"
        )
    )
    assert runner.invoke(args=["ingest", str(path)]).exit_code == 0
    result = runner.invoke(args=["check"])
    assert result.exit_code == 0 and "stale" in result.output
    stale = {
        v.id: v
        for v in db.session.scalars(select(ItemVersion).where(ItemVersion.verdict == "stale"))
    }
    assert set(stale) == citing
    assert all("removed from its source" in v.reasons[0] for v in stale.values())
    generate(runner)
    assert items() > before  # drafts for the new sentence; nothing replaced
    assert (
        db.session.scalar(
            select(func.count()).select_from(ItemVersion).where(ItemVersion.number > 1)
        )
        == 0
    )


def test_only_and_source_choose_what_is_drafted(runner, tmp_path):
    runner.invoke(args=["ingest", str(write(tmp_path, HISTORY))])
    generate(runner, "--only", "cloze", "--source", "history")
    assert set(db.session.scalars(select(Item.type))) == {"cloze"}


def test_unknown_generator_and_source_are_named_with_the_known_ones(runner, tmp_path):
    runner.invoke(args=["ingest", str(write(tmp_path, HISTORY))])
    result = runner.invoke(args=["generate", "--only", "crossword"])
    assert result.exit_code != 0
    assert "crossword" in result.output and "cloze" in result.output
    result = runner.invoke(args=["generate", "--source", "nowhere"])
    assert result.exit_code != 0
    assert "nowhere" in result.output and "history" in result.output
    assert items() == 0


def test_two_workers_draft_what_one_does(app, runner, tmp_path):
    runner.invoke(args=["ingest", str(write(tmp_path, HISTORY))])
    (tmp_path / "b.txt").write_text(HISTORY.replace("Cheka", "Vecheka"))
    runner.invoke(args=["ingest", str(tmp_path / "b.txt")])
    generate(runner, "--workers", "2")
    parallel = set(db.session.scalars(select(Item.fingerprint)))
    for table in ("item_tag", "citation", "item_version", "item"):
        db.session.execute(db.text(f"DELETE FROM {table}"))
    db.session.commit()
    generate(runner, "--workers", "1", "--force")
    assert set(db.session.scalars(select(Item.fingerprint))) == parallel


def test_bank_stats_counts_by_facet(runner, tmp_path):
    runner.invoke(args=["ingest", str(write(tmp_path, HISTORY))])
    generate(runner)
    output = runner.invoke(args=["bank", "stats"]).output
    for facet in ("by type:", "by status:", "by source:", "by verdict:"):
        assert facet in output
    assert "history" in output and "draft" in output


def test_eval_coverage_counts_a_gold_fact_whose_sentence_and_answer_an_item_keys(runner, tmp_path):
    import json

    runner.invoke(args=["ingest", str(write(tmp_path, HISTORY))])
    generate(runner)
    version = db.session.scalars(
        select(ItemVersion).where(ItemVersion.verdict == "supported")
    ).first()
    sentence = db.session.scalar(
        select(Sentence.text).where(Sentence.key == version.citations[0].sentence_key)
    )
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            {
                "id": "hit",
                "sentence": sentence,
                "answer": version.answer.upper(),
                "aliases": [],
                "answer_type": "person",
            }
        )
        + "\n"
        + json.dumps(
            {
                "id": "miss",
                "sentence": sentence,
                "answer": "Napoleon",
                "aliases": [],
                "answer_type": "person",
            }
        )
        + "\n"
    )
    result = runner.invoke(args=["eval", "coverage", str(gold), "--json"])
    report = json.loads(result.output)
    assert (report["total"], report["covered"], report["misses"]) == (2, 1, ["miss"])
    assert report["by_answer_type"]["person"] == {"total": 2, "covered": 1}


def test_eval_sample_writes_seeded_markdown(runner, tmp_path):
    runner.invoke(args=["ingest", str(write(tmp_path, HISTORY))])
    generate(runner)
    outputs = []
    for name in ("a.md", "b.md"):
        out = tmp_path / name
        assert (
            runner.invoke(args=["eval", "sample", "3", "--seed", "1", "--out", str(out)]).exit_code
            == 0
        )
        outputs.append(out.read_text())
    assert outputs[0] == outputs[1]
    assert outputs[0].count("\n## ") == 3 and "**Stem:**" in outputs[0]
